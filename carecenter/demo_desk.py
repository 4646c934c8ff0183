"""Demo front-desk weeks: day care, meals, home visits, calls and activities for the demo seniors.

``fill_desk`` runs after the seniors, their care plans and the birthday parties exist. For
every center and each day of the last ``WEEKS`` weeks up to today it writes what the desk
did, through the desk's own services (``cc.attendance``, ``cc.meals``, ``cc.visits``,
``cc.calls``, ``cc.activities``), so every rule applies. Each write runs at its moment (see
:class:`carecenter.demo_desk_base.Desk`): at 10:00 today the morning's check-ins are there
and nobody has left, lunch is ordered but not served, the afternoon's visits are planned,
one urgent call from last night is still open; tomorrow's orders were taken ahead.

- **Day care**: the seniors the care plans expect (``cc.attendance.expected``) come on ~85%
  of their days, in 8:00–9:30, and leave 15:30–17:30, picked up by a family member or on
  their own; a few walk-ins each day, more at the weekend (棋牌室 and 阅览室 are open, so
  today, a Sunday in the screenshots, has its morning too); now and then a check-in time
  is corrected, a forgotten check-out put right next morning, a mistaken check-in voided.
- **Meals**: a menu each day (with the 清真 window's dish); about a sixth of the seniors
  (at most ``MAX_REGULARS`` a center, diet-flagged and day-care seniors first) order lunch
  the day before (fewer at the weekend), ~15% delivered by a caregiver; served 11:00–12:30,
  paid in cash, WeChat, Alipay or from a prepaid balance topped up at the start of each
  month (receipts SC2026110001 …); a few orders cancelled, a few meals without an order,
  one voided.
- Visits, calls and activities: :mod:`carecenter.demo_desk_work`.

Deterministic: one ``random.Random`` from the seed; centers and seniors in id order.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace

from carecenter import demo_desk_data as data
from carecenter import demo_desk_work
from carecenter.actor import Actor
from carecenter.demo_desk_base import Center, Desk, DeskSummary, Person
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.months import first_day
from carecenter.domain.vocab import CURRENT_STATUSES, StaffPosition
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, ServeInput, TopUpInput
from carecenter.subsidies.policy import MealType

__all__ = ["WEEKS", "DeskSummary", "fill_desk"]

# The fewest weeks that make the pages look lived-in: demo.fill(cc, 300, 7, …) takes ~31 s more with
# them (8 s → 39 s on a quiet 2-core machine, SQLite), nearly all of it in the services' own writes.
WEEKS = 6

COME_SHARE = 0.85
EARLY_SHARE = 0.04  # picked up before lunch (a doctor's appointment)
FAMILY_PICKUP_SHARE = 0.55

REGULAR_SHARE = 0.17
MAX_REGULARS = 60
DELIVERED_SHARE = 0.15
EAT_SHARE = {False: 0.9, True: 0.35}  # weekday, weekend (the family is home)
DELIVERED_EAT_SHARE = 0.9
CANCEL_SHARE = 0.035
NO_SHOW_SHARE = 0.02
ORDER_NOTE_SHARE = 0.08
PAYMENTS = ((Payment.BALANCE, 30), (Payment.CASH, 35), (Payment.WECHAT, 25), (Payment.ALIPAY, 10))
PAID_AT_DESK = (Payment.CASH, Payment.WECHAT, Payment.ALIPAY)
TOP_UPS_FEN = (20000, 30000, 30000, 50000)
DEFAULT_LUNCH_FEN = 1200

MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)


def fill_desk(cc: CareCenter, seed: int, actor: Actor, weeks: int = WEEKS) -> DeskSummary:
    """Write the desk's last ``weeks`` weeks for every center (deterministic for ``seed`` and the clock's now)."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    desk = Desk(cc, seed, actor, weeks)
    people = [Person.of(cc.seniors.get(i, actor)) for i in sorted(cc.seniors.search_ids(statuses=None))]
    receipts: dict[dt.date, int] = {}
    for info in cc.centers.list():
        center = _center(desk, info.id, [p for p in people if p.center_id == info.id])
        day_care(desk, center)
        meals(desk, center, receipts)
        demo_desk_work.visits(desk, center)
        demo_desk_work.calls(desk, center)
        demo_desk_work.activities(desk, center)
    desk.run()
    return desk.summary


def _center(desk: Desk, center_id: int, people: list[Person]) -> Center:
    """The center's seniors and staff; a center without care staff of its own gets one (deliveries need them)."""
    staff = [s for s in desk.reader.staff.list(active_only=True) if s.center_id in (None, center_id)]
    carers = [s.id for s in staff if s.position in (StaffPosition.CAREGIVER, StaffPosition.VOLUNTEER)]
    workers = [s.id for s in staff if s.position in (StaffPosition.SOCIAL_WORKER, StaffPosition.MANAGER)]
    if not carers:
        name = data.EXTRA_COURIERS[center_id % len(data.EXTRA_COURIERS)]
        carers.append(desk.reader.staff.create(name, StaffPosition.CAREGIVER, desk.actor, center_id=center_id).id)
        desk.summary.staff_added += 1
    return Center(center_id, people, carers, workers or carers)


# ---- day care ---------------------------------------------------------------------------------


def day_care(desk: Desk, center: Center) -> None:
    """Who came each day (the plans' expected seniors, walk-ins), their times, and the desk's mistakes."""
    rng = desk.rng
    days = desk.days()
    expected = {day: [e.senior_id for e in desk.reader.attendance.expected(desk.actor, center.id, day)] for day in days}
    center.fans = {i for ids in expected.values() for i in ids}
    by_id = {p.id: p for p in center.people}
    pickup = {p.id: _pickup(desk, p) for p in center.people}
    slips = _slip_days(desk, days)
    for day in days:
        planned = set(expected[day])
        coming = [by_id[i] for i in expected[day] if by_id[i].active(day) and rng.random() < COME_SHARE]
        weekend = day.isoweekday() > 5
        wanted = rng.randint(3, 7) if weekend else rng.choice((0, 0, 1, 1, 2))
        if day == desk.today and len(coming) < 6:  # the desk's morning is never empty, whatever the weekday
            wanted = max(wanted, rng.randint(6, 9) - len(coming))
        others = [p for p in center.people if p.active(day) and p.id not in planned]
        walk_ins = desk.pick(others, wanted, lambda p: 4.0 if p.id in center.fans else 1.0)
        center.present[day] = [p.id for p in coming + walk_ins]
        bystanders = [p for p in others if p not in walk_ins]
        for n, person in enumerate(coming + walk_ins):
            slip = _Slip(
                wrong=rng.choice(bystanders) if n == 0 and day in slips["wrong"] and bystanders else None,
                late=n == 1 and day in slips["late"],
                forgot=n == 2 and day in slips["forgot"],
                fixed=day != min(slips["forgot"], default=day),  # the oldest one stays open: 未签退 in its month
            )
            _attend(desk, person, day, person in walk_ins, pickup[person.id], slip)


@dataclass(frozen=True)
class _Slip:
    """What goes wrong at the desk with one check-in (rarely anything)."""

    wrong: Person | None = None  # this senior is checked in by mistake first, and voided
    late: bool = False  # checked in late in the queue; the time is corrected that morning
    forgot: bool = False  # the check-out is forgotten …
    fixed: bool = True  # … and put right the next morning


def _slip_days(desk: Desk, days: list[dt.date]) -> dict[str, set[dt.date]]:
    """The past weekdays of each kind of slip: about one every two weeks of each."""
    weekdays = [d for d in days if d.isoweekday() <= 5 and d < desk.today]
    count = min(len(weekdays), max(1, len(days) // 14))
    return {kind: set(desk.rng.sample(weekdays, count)) for kind in ("wrong", "late", "forgot")}


def _pickup(desk: Desk, person: Person) -> str:
    """Who usually takes the senior home: a family member (named as on the contact card) or nobody."""
    if person.contacts and desk.rng.random() < FAMILY_PICKUP_SHARE:
        contact = desk.rng.choice(person.contacts)
        return f"{contact.name}（{contact.relation}）" if contact.relation else contact.name
    return data.GO_HOME_ALONE


def _attend(desk: Desk, person: Person, day: dt.date, walk_in: bool, pickup: str, slip: _Slip) -> None:
    rng, cc, actor, summary = desk.rng, desk.cc, desk.actor, desk.summary
    came = desk.moment(day, (8, 0), (9, 30))
    if rng.random() < EARLY_SHARE:
        left = desk.moment(day, (10, 30), (13, 30))
        pickup = pickup if pickup != data.GO_HOME_ALONE else "家属"
    else:
        left = desk.moment(day, (15, 30), (17, 30))
    next_morning = desk.moment(day + DAY, (8, 5), (8, 50))
    arrived = max(came - dt.timedelta(minutes=rng.randint(15, 50)), dt.datetime.combine(day, dt.time(7, 30)))
    correction_in, correction_out = rng.choice(data.CORRECTION_REASONS_IN), rng.choice(data.CORRECTION_REASONS_OUT)
    if (wrong := slip.wrong) is not None:
        void_reason = rng.choice(data.VOID_CHECK_IN_REASONS)
        slipped = came - MINUTE

        def mistake() -> None:
            info = cc.attendance.check_in(wrong.id, actor, at=slipped)
            desk.at(slipped + 2 * MINUTE, functools.partial(_void_check_in, desk, info.id, void_reason))

        desk.at(slipped, mistake)
        came += 2 * MINUTE  # the right senior, once the slip was seen

    def check_in() -> None:
        info = cc.attendance.check_in(person.id, actor, at=came)
        summary.check_ins += 1
        summary.walk_ins += walk_in
        if slip.late:
            fix = functools.partial(_correct, desk, info.id, arrived, None, correction_in)
            desk.at(came + dt.timedelta(minutes=75), fix)
        if not slip.forgot:
            desk.at(left, functools.partial(_check_out, desk, info.id, pickup, left))
        elif slip.fixed:
            desk.at(next_morning, functools.partial(_correct, desk, info.id, None, left, correction_out))

    desk.at(came, check_in)


def _check_out(desk: Desk, attendance_id: int, pickup: str, left: dt.datetime) -> None:
    desk.cc.attendance.check_out(attendance_id, desk.actor, pickup, at=left)


def _void_check_in(desk: Desk, attendance_id: int, reason: str) -> None:
    desk.cc.attendance.void(attendance_id, reason, desk.actor)
    desk.summary.voided_check_ins += 1


def _correct(desk: Desk, attendance_id: int, came: dt.datetime | None, left: dt.datetime | None, reason: str) -> None:
    """更正时间: a new check-in and/or check-out time, the other kept as it stands now."""
    now = desk.cc.attendance.get(attendance_id, desk.actor)
    checked_in = came or now.checked_in_at
    checked_out = left or now.checked_out_at
    desk.cc.attendance.correct_times(attendance_id, checked_in, checked_out, reason, desk.actor)
    desk.summary.time_corrections += 1


# ---- meals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Eater:
    person: Person
    payment: Payment  # BALANCE: pays from a prepaid account
    courier: int | None  # the caregiver who delivers the meal; None: eats at the center


class _Till:
    """A center's prepaid accounts as its desk knows them, and the receipt book (one number series a month)."""

    def __init__(self, desk: Desk, price_fen: int, receipts: dict[dt.date, int]) -> None:
        self.desk = desk
        self.price_fen = price_fen
        self.balance: dict[int, int] = {}
        self.receipts = receipts  # numbers used per month, shared by the centers: a receipt is unique

    def top_up(self, senior_id: int, amount_fen: int, payment: Payment, note: str) -> None:
        month = first_day(self.desk.clock.today())
        self.receipts[month] = self.receipts.get(month, 0) + 1
        receipt = f"SC{month:%Y%m}{self.receipts[month]:04d}"
        info = self.desk.cc.meals.top_up(TopUpInput(senior_id, amount_fen, receipt, payment, note), self.desk.actor)
        self.balance[senior_id] = info.balance_fen
        self.desk.summary.top_ups += 1

    def serve(self, senior_id: int, payment: Payment, counted: bool = True) -> int:
        """Serve the senior's lunch now (from the balance: topped up first when it is too low); the serving's id.

        ``counted`` False: a mistake about to be voided, not a meal of the summary.
        """
        if payment is Payment.BALANCE and self.balance.get(senior_id, 0) < self.price_fen:
            self.top_up(senior_id, self.desk.rng.choice((10000, 20000)), Payment.WECHAT, data.LOW_BALANCE_NOTE)
        info = self.desk.cc.meals.serve(ServeInput(senior_id, MealType.LUNCH, payment), self.desk.actor)
        self.balance[senior_id] = info.balance_fen
        if counted:
            summary = self.desk.summary
            summary.servings += 1
            summary.delivered += info.delivery
            summary.without_order += info.order_id is None
        return info.id


def meals(desk: Desk, center: Center, receipts: dict[dt.date, int]) -> None:
    """The regular eaters' orders and lunches from the first day to tomorrow's orders; walk-ins; one voided."""
    rng, today = desk.rng, desk.today
    current = [p for p in center.people if p.status(today) in CURRENT_STATUSES]
    candidates = [p for p in center.people if p.active(desk.first) or p.active(today)]
    wanted = min(MAX_REGULARS, max(4, round(len(current) * REGULAR_SHARE)))
    chosen = desk.pick(
        candidates, wanted, lambda p: (3.0 if p.id in center.fans else 1.0) * (2.0 if p.diet_flags else 1.0)
    )
    chosen.sort(key=lambda p: p.id)
    by_need = sorted(chosen, key=lambda p: (not p.frail, rng.random()))
    delivered = {p.id for p in by_need[: round(len(chosen) * DELIVERED_SHARE)]}
    methods, weights = [m for m, _w in PAYMENTS], [w for _m, w in PAYMENTS]
    eaters = [
        _Eater(p, rng.choices(methods, weights)[0], rng.choice(center.carers) if p.id in delivered else None)
        for p in chosen
    ]
    if eaters and all(e.payment is not Payment.BALANCE for e in eaters):  # every center has a prepaid account
        eaters[0] = replace(eaters[0], payment=Payment.BALANCE)
    prices = [p.price_fen for p in desk.reader.subsidies.meal_prices() if p.meal_type is MealType.LUNCH]
    till = _Till(desk, max(prices, default=DEFAULT_LUNCH_FEN), receipts)
    past_weekdays = [d for d in desk.days() if d.isoweekday() <= 5 and d < today]
    void_day = rng.choice(past_weekdays) if past_weekdays else None
    topped: set[tuple[int, dt.date]] = set()
    regular_ids = {p.id for p in chosen}
    for day in desk.days(today + DAY):
        _menu(desk, center, day)
        weekend = day.isoweekday() > 5
        eating = [
            e
            for e in eaters
            if e.person.active(day)
            and rng.random() < (DELIVERED_EAT_SHARE if e.courier is not None else EAT_SHARE[weekend])
        ]
        for eater in eating:
            _lunch(desk, till, eater, day, topped)
        if day > today:
            continue
        eating_ids = {e.person.id for e in eating}
        others = [p for p in center.people if p.active(day) and p.id not in eating_ids and p.id not in regular_ids]
        walk_ins = desk.pick(others, rng.choice((0, 1)) if weekend else rng.choice((1, 2, 2, 3)), lambda p: 1.0)
        for person in walk_ins:
            payment = rng.choice(PAID_AT_DESK)
            desk.at(desk.moment(day, (11, 40), (12, 25)), functools.partial(_serve, till, person.id, payment))
        spare = [p for p in others if p not in walk_ins]
        if day == void_day and spare:
            _voided_serving(desk, till, rng.choice(spare), day)


def _menu(desk: Desk, center: Center, day: dt.date) -> None:
    rng = desk.rng
    dishes = rng.choice(data.LUNCH_MENUS) + data.HALAL_NOTE.format(dish=rng.choice(data.HALAL_DISHES))

    def write() -> None:
        desk.cc.meals.set_menu(center.id, day, MealType.LUNCH, dishes, True, desk.actor)
        desk.summary.menus += 1

    desk.at(desk.moment(day - 2 * DAY, (15, 0), (16, 30)), write, ahead=True)


def _lunch(desk: Desk, till: _Till, eater: _Eater, day: dt.date, topped: set[tuple[int, dt.date]]) -> None:
    """One regular's order (the day before, or that morning) and what became of it.

    A prepaid account is topped up on the first day of the month the senior comes for lunch
    (``topped`` remembers the months done).
    """
    rng, cc, actor, summary = desk.rng, desk.cc, desk.actor, desk.summary
    person = eater.person
    the_day_before = rng.random() < 0.85
    placed = desk.moment(day - DAY, (9, 0), (17, 30)) if the_day_before else desk.moment(day, (7, 30), (9, 20))
    note = rng.choice(data.ORDER_NOTES) if rng.random() < ORDER_NOTE_SHARE else ""
    order = OrderInput(person.id, day, MealType.LUNCH, eater.courier is not None, "", eater.courier, note)
    ids: list[int] = []

    def place() -> None:
        ids.append(cc.meals.order(order, actor).id)
        summary.orders += 1

    desk.at(placed, place, ahead=True)
    roll = rng.random()
    if roll < CANCEL_SHARE:
        reason = rng.choice(data.ORDER_CANCEL_REASONS)
        when = max(placed + 15 * MINUTE, desk.moment(day, (8, 0), (10, 30)))

        def cancel() -> None:
            cc.meals.cancel_order(ids[0], reason, actor)
            summary.cancelled_orders += 1

        desk.at(when, cancel)
        return
    if roll < CANCEL_SHARE + NO_SHOW_SHARE:
        return  # ordered, never came for it
    if eater.payment is Payment.BALANCE and (person.id, first_day(day)) not in topped:
        topped.add((person.id, first_day(day)))
        amount, method = rng.choice(TOP_UPS_FEN), rng.choice(PAID_AT_DESK)
        note_text = rng.choice(data.TOP_UP_NOTES)
        when = desk.moment(day, (8, 30), (10, 45))
        desk.at(when, lambda: till.top_up(person.id, amount, method, note_text))
    payment = eater.payment if eater.payment is Payment.BALANCE or rng.random() > 0.1 else rng.choice(PAID_AT_DESK)
    served = desk.moment(day, (11, 0), (11, 45)) if eater.courier is not None else desk.moment(day, (11, 30), (12, 30))
    desk.at(served, functools.partial(_serve, till, person.id, payment))


def _serve(till: _Till, senior_id: int, payment: Payment) -> None:
    till.serve(senior_id, payment)


def _voided_serving(desk: Desk, till: _Till, wrong: Person, day: dt.date) -> None:
    """A meal put on the wrong senior's card, taken back a few minutes later."""
    reason = desk.rng.choice(data.SERVING_VOID_REASONS)
    when = desk.moment(day, (12, 0), (12, 20))

    def serve_and_void() -> None:
        serving_id = till.serve(wrong.id, Payment.CASH, counted=False)

        def void() -> None:
            info = desk.cc.meals.void_serving(serving_id, reason, desk.actor)
            till.balance[wrong.id] = info.balance_fen
            desk.summary.voided_servings += 1

        desk.at(when + 3 * MINUTE, void)

    desk.at(when, serve_and_void)
