"""The district's desk history, written as plain inserts: day care, lunches (eaten in and delivered), visits, calls.

Each senior is drawn once into the desk's habits (a day-care regular, a lunch eater who
may have it delivered, a home-care client) and then, day by day over the scale's months,
does what those habits say while 在册. A meal's price and subsidy are what the app's own
``meal_charges`` gives for the senior on the first of that month, so the monthly figures
add up as the app would have charged them. Nothing is written for today: the benchmark's
own check-ins and servings start on an empty day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select

from carecenter import demo_desk_data as scenes
from carecenter.bench.scale import BENCH_TODAY, Scale
from carecenter.care.catalogue import ServiceTypeInfo
from carecenter.db.desk_models import Attendance, Call, MealOrder, MealServing, Visit
from carecenter.domain.dates import add_months
from carecenter.domain.desk_vocab import CallerKind, Confirmation, Payment, Urgency, VisitPlace, VisitStatus
from carecenter.subsidies.meal import MealCharge
from carecenter.subsidies.policy import MealType

if TYPE_CHECKING:
    from carecenter.bench.district import CenterStaff, Member
    from carecenter.facade import CareCenter

DAY_CARE_SHARE = 0.12  # of seniors: come to the center on weekdays
DAY_CARE_DAILY = 0.8
LUNCH_SHARE = 0.3  # of seniors: take the center's lunch
LUNCH_DAILY = 0.85
DELIVERY_SHARE = 0.15  # of lunch eaters: have it delivered
HOME_CARE_SHARE = 0.08  # of seniors: 九助 visits
VISITS_PER_MONTH = 4
CALLS_PER_CENTER_DAY = 1.5
ROWS_PER_INSERT = 50_000
BY = "bench"
PAYMENT_KINDS, PAYMENT_WEIGHTS = (Payment.CASH, Payment.WECHAT, Payment.ALIPAY), (0.55, 0.3, 0.15)


@dataclass
class DeskCounts:
    check_ins: int = 0
    servings: int = 0
    delivered: int = 0
    visits: int = 0
    calls: int = 0

    def __str__(self) -> str:
        return (
            f"{self.check_ins:,} check-ins, {self.servings:,} lunches ({self.delivered:,} delivered), "
            f"{self.visits:,} visits, {self.calls:,} calls"
        )


class _Writer:
    """Rows gathered per table and inserted in large batches; orders always before the servings that name them."""

    ORDER = (Attendance, MealOrder, MealServing, Visit, Call)

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pending: dict[Any, list[dict[str, object]]] = {model: [] for model in self.ORDER}

    def add(self, model: Any, row: dict[str, object]) -> None:
        rows = self.pending[model]
        rows.append(row)
        if len(rows) >= ROWS_PER_INSERT:
            self.flush()

    def flush(self) -> None:
        for model in self.ORDER:
            rows, self.pending[model] = self.pending[model], []
            if rows:
                self.conn.execute(insert(model), rows)


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def _stamps(at: dt.datetime) -> dict[str, object]:
    return {"created_at": at, "created_by": BY, "updated_at": at, "updated_by": BY}


def fill(
    cc: CareCenter,
    members: Sequence[Member],
    staff: dict[int, CenterStaff],
    scale: Scale,
    rng: random.Random,
    say: Callable[[str], None],
) -> DeskCounts:
    """Every day from the scale's first day to yesterday; one transaction per month."""
    regulars = [m for m in members if rng.random() < DAY_CARE_SHARE]
    eaters = [(m, rng.random() < DELIVERY_SHARE) for m in members if rng.random() < LUNCH_SHARE]
    clients = [m for m in members if rng.random() < HOME_CARE_SHARE]
    by_center: dict[int, list[Member]] = {}
    for m in members:
        by_center.setdefault(m.center_id, []).append(m)
    visit_types = [t for t in cc.catalogue.types() if not t.day_care and t.code in scenes.VISIT_MINUTES]
    counts = DeskCounts()
    month = scale.first_day
    with cc.engine.connect() as conn:
        order_id = conn.scalar(select(func.coalesce(func.max(MealOrder.id), 0))) or 0
    while month < BENCH_TODAY:
        end = min(add_months(month, 1), BENCH_TODAY)
        days = [month + dt.timedelta(days=n) for n in range((end - month).days)]
        charges = _charges(cc, [m.id for m, _d in eaters if _in_month(m, month, end)], month)
        with cc.engine.begin() as conn:
            out = _Writer(conn)
            for day in days:
                if day.weekday() < 5:
                    _day_care(out, rng, regulars, day, counts)
                order_id = _lunches(out, rng, eaters, charges, staff, day, order_id, counts)
                _calls(out, rng, by_center, day, counts)
            _visits(out, rng, clients, staff, visit_types, days, counts)
            out.flush()
        say(f"  … {month:%Y-%m}: {counts}")
        month = end
    return counts


def _in_month(member: Member, first: dt.date, end: dt.date) -> bool:
    return any(start < end and (stop is None or stop > first) for start, stop in member.active)


def _charges(cc: CareCenter, senior_ids: list[int], month: dt.date) -> dict[int, MealCharge]:
    found: dict[int, MealCharge] = {}
    for start in range(0, len(senior_ids), 5_000):
        found.update(cc.subsidies.meal_charges(senior_ids[start : start + 5_000], MealType.LUNCH, month))
    return found


def _day_care(out: _Writer, rng: random.Random, regulars: Sequence[Member], day: dt.date, counts: DeskCounts) -> None:
    for m in regulars:
        if rng.random() >= DAY_CARE_DAILY or not m.active_on(day):
            continue
        came = _at(day, 8, rng.randint(0, 89) % 60) + dt.timedelta(hours=rng.randint(0, 1))
        left = _at(day, 15, 30) + dt.timedelta(minutes=rng.randint(0, 90))
        out.add(
            Attendance,
            {
                "senior_id": m.id,
                "center_id": m.center_id,
                "day": day,
                "checked_in_at": came,
                "checked_out_at": left,
                "picked_up_by": "",
                "correction_reason": "",
                **_stamps(came),
            },
        )
        counts.check_ins += 1


def _lunches(
    out: _Writer,
    rng: random.Random,
    eaters: Sequence[tuple[Member, bool]],
    charges: dict[int, MealCharge],
    staff: dict[int, CenterStaff],
    day: dt.date,
    order_id: int,
    counts: DeskCounts,
) -> int:
    for m, delivered in eaters:
        charge = charges.get(m.id)
        if charge is None or rng.random() >= LUNCH_DAILY or not m.active_on(day):
            continue
        served = _at(day, 11, 20) + dt.timedelta(minutes=rng.randint(0, 50))
        courier = rng.choice(staff[m.center_id].couriers) if delivered else None
        order: int | None = None
        if delivered:
            order_id += 1
            order = order_id
            booked = _at(day, 8, 30)
            out.add(
                MealOrder,
                {
                    "id": order,
                    "senior_id": m.id,
                    "center_id": m.center_id,
                    "day": day,
                    "meal_type": MealType.LUNCH.value,
                    "delivery": True,
                    "address": m.address,
                    "courier_staff_id": courier,
                    "notes": "",
                    **_stamps(booked),
                },
            )
            counts.delivered += 1
        payment = Payment.NONE if charge.pays_fen == 0 else rng.choices(PAYMENT_KINDS, PAYMENT_WEIGHTS)[0]
        out.add(
            MealServing,
            {
                "senior_id": m.id,
                "center_id": m.center_id,
                "order_id": order,
                "day": day,
                "meal_type": MealType.LUNCH.value,
                "delivery": delivered,
                "courier_staff_id": courier,
                "served_at": served,
                "price_fen": charge.price_fen,
                "subsidy_fen": charge.subsidy_fen,
                "pays_fen": charge.pays_fen,
                "subsidy_tier": charge.tier,
                "subsidy_reason": charge.reason,
                "payment": payment,
                "warnings": "",
                **_stamps(served),
            },
        )
        counts.servings += 1
    return order_id


def _visits(
    out: _Writer,
    rng: random.Random,
    clients: Sequence[Member],
    staff: dict[int, CenterStaff],
    types: Sequence[ServiceTypeInfo],
    days: Sequence[dt.date],
    counts: DeskCounts,
) -> None:
    for m in clients:
        for day in sorted(rng.sample(list(days), min(VISITS_PER_MONTH, len(days)))):
            if not m.active_on(day):
                continue
            kind = rng.choice(types)
            low, high = scenes.VISIT_MINUTES[kind.code]
            minutes = rng.randint(low, high)
            began = _at(day, rng.randint(9, 15), rng.choice((0, 15, 30, 45)))
            work = scenes.WORK_DONE.get(kind.code, scenes.GENERIC_WORK)
            out.add(
                Visit,
                {
                    "senior_id": m.id,
                    "center_id": m.center_id,
                    "service_type_id": kind.id,
                    "staff_id": rng.choice(staff[m.center_id].caregivers),
                    "planned_service_id": None,
                    "day": day,
                    "status": VisitStatus.DONE,
                    "started_at": began,
                    "ended_at": began + dt.timedelta(minutes=minutes),
                    "minutes": minutes,
                    "place": VisitPlace.HOME,
                    "work_done": rng.choice(work),
                    "confirmation": Confirmation.SENIOR,
                    "confirmed_by_name": "",
                    "status_reason": "",
                    **_stamps(began + dt.timedelta(minutes=minutes + 20)),
                },
            )
            counts.visits += 1


def _calls(
    out: _Writer, rng: random.Random, by_center: dict[int, list[Member]], day: dt.date, counts: DeskCounts
) -> None:
    for center_id, people in by_center.items():
        for _i in range(int(CALLS_PER_CENTER_DAY + rng.random())):
            senior = rng.choice(people)
            if not senior.active_on(day):
                continue
            scene = rng.choice(scenes.CALL_SCENES)
            came = _at(day, rng.randint(8, 17), rng.randint(0, 59))
            out.add(
                Call,
                {
                    "center_id": center_id,
                    "senior_id": senior.id,
                    "received_at": came,
                    "caller_kind": scene.caller if scene.caller is not CallerKind.OTHER else CallerKind.FAMILY,
                    "caller_name": "",
                    "caller_phone": "",
                    "reason": scene.reason.format(name="老人"),
                    "urgency": Urgency.NORMAL,
                    "action_taken": scene.action,
                    "follow_up_on": None,
                    "closed_at": came + dt.timedelta(hours=1),
                    "closing_note": scene.closing,
                    "incident_id": None,
                    **_stamps(came),
                },
            )
            counts.calls += 1
