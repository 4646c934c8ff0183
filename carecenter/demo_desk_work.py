"""Demo desk, part two: 九助 home visits, the call log and group activities of the last weeks.

- **Visits** follow the care plans as ``cc.visits.week`` lists them: each weekday slot, and
  each service planned N times a month spread over its month (weekdays mostly). A visit
  whose day has come is recorded done (~88%, 30–120 minutes, what was done, confirmed by
  the senior or a family member), missed with a reason (~7%, booked the day before, then
  nobody home) or cancelled (~5%, or whenever the senior is in hospital); one still to come
  is planned. A few ad-hoc visits (助购, 陪同就医 …) each week, two planned for this afternoon.
- **Calls**: 3–6 a week — family asking about meals, a neighbour who has not seen a senior,
  a senior pressing 一键呼叫 … ~15% urgent; urgent ones closed with a note within hours,
  others with a follow-up closed on its day. One fall at home is logged with its incident;
  one urgent call from last night is still open, so the today page shows it.
- **Activities**: 2–3 a week (太极拳, 合唱, 书法, 高血压防治讲座, 康复操 …), each with 8–25 of
  the day's seniors (day-care guests first); next week's are already on the list. The
  birthday parties are activities already (made with the party, attended on its page).

Everything is queued on the :class:`~carecenter.demo_desk_base.Desk` for its moment.
"""

from __future__ import annotations

import datetime as dt
import functools

from carecenter import demo_desk_data as data
from carecenter.care.incidents import IncidentInput
from carecenter.demo_desk_base import Center, Desk, Person
from carecenter.desk.activity_dto import ActivityInput
from carecenter.desk.call_dto import CallInput
from carecenter.desk.finder import ENDED
from carecenter.desk.visit_dto import MonthlyService, SlotKey, VisitInfo, VisitInput, VisitPlanInput, VisitSlot
from carecenter.desk.visit_schedule import monday_of
from carecenter.domain.desk_vocab import CallerKind, Confirmation, Urgency, VisitPlace, VisitStatus
from carecenter.domain.months import last_day
from carecenter.domain.vocab import IncidentKind, Status

DONE_SHARE = 0.88
MISSED_SHARE = 0.07  # the rest is cancelled
WEEKEND_VISIT_SHARE = 0.25  # a monthly visit drawn on a weekend stays there (else: the nearest weekday)
SENIOR_CONFIRMS = 0.7
FAMILY_CONFIRMS = 0.22
AHEAD = dt.timedelta(days=7)
MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)


# ---- visits ---------------------------------------------------------------------------------------


def visits(desk: Desk, center: Center) -> None:
    """The plans' visits from the first day to a week ahead, and the ad-hoc ones."""
    rng, reader = desk.rng, desk.reader
    codes = {t.id: t.code for t in reader.catalogue.types(include_retired=True)}
    last = desk.today + AHEAD
    by_id = {p.id: p for p in center.people}
    monday = monday_of(desk.first)
    slots: list[VisitSlot] = []
    monthly: dict[tuple[int, dt.date], MonthlyService] = {}
    while monday <= last:
        week = reader.visits.week(desk.actor, center.id, monday)
        slots.extend(s for s in week.slots if s.from_plan and s.visit_id is None and desk.first <= s.day <= last)
        for service in week.monthly:
            monthly.setdefault((service.planned_service_id, week.month), service)
        monday += 7 * DAY
    for slot in slots:
        staff = slot.staff_id or rng.choice(center.carers)
        assert slot.planned_service_id is not None
        person, code = by_id[slot.senior_id], codes[slot.service_type_id]
        _visit(desk, center, person, slot.service_type_id, code, staff, slot.day, slot.planned_service_id, True)
    windows = _windows(desk, {s.senior_id for s in monthly.values()})
    for (service_id, month), service in sorted(monthly.items()):
        window = windows.get(service_id)
        for day in _spread(desk, month, service.times):
            if window is None or not _covers(window, day):
                continue  # the plan in force today did not provide it yet on that day
            if desk.first <= day <= last:
                staff = service.staff_id or rng.choice(center.carers)
                code = codes[service.service_type_id]
                person = by_id[service.senior_id]
                _visit(desk, center, person, service.service_type_id, code, staff, day, service_id, False, window)
    # An ad-hoc record of a plan's weekday service on its day would fill that slot: leave those alone.
    taken = {(s.senior_id, s.service_type_id, s.day) for s in slots}
    _ad_hoc(desk, center, {code: i for i, code in codes.items()}, taken)


def _windows(desk: Desk, senior_ids: set[int]) -> dict[int, tuple[dt.date, dt.date | None]]:
    """Per planned service of the plans in force: the first and last day it is provided."""
    found: dict[int, tuple[dt.date, dt.date | None]] = {}
    for senior_id in sorted(senior_ids):
        plan = desk.reader.care_plans.current(senior_id, desk.actor)
        if plan is None:
            continue
        for s in plan.services:
            ends = [d for d in (plan.end_on, s.end_on) if d is not None]
            found[s.id] = (max(plan.start_on, s.start_on or plan.start_on), min(ends) if ends else None)
    return found


def _spread(desk: Desk, month: dt.date, times: int) -> list[dt.date]:
    """``times`` different days spread over the month, on weekdays mostly."""
    length = last_day(month).day
    phase = desk.rng.random()  # each senior's own rhythm: not everyone's visit in mid-month
    days: list[dt.date] = []
    for k in range(times):
        offset = min(length - 1, max(0, int((k + phase) * length / times) + desk.rng.randint(-1, 1)))
        day = month + dt.timedelta(days=offset)
        if day.isoweekday() > 5 and desk.rng.random() > WEEKEND_VISIT_SHARE:  # to a weekday of the same week
            moved = day - dt.timedelta(days=day.weekday() - desk.rng.randrange(5))
            day = moved if moved.month == month.month else day
        if day not in days:
            days.append(day)
    return days


def _visit(
    desk: Desk,
    center: Center,
    person: Person,
    type_id: int,
    code: str,
    staff_id: int,
    day: dt.date,
    service_id: int | None,
    weekday_slot: bool,
    window: tuple[dt.date, dt.date | None] | None = None,
) -> None:
    """One visit of a plan (or ad hoc: no ``service_id``): done, missed, cancelled, or still planned.

    When everyone's round is full that day, a visit not tied to its weekday moves to one of the next
    two days the plan's ``window`` (first and last day it provides the service) and the month allow.
    """
    rng, cc, actor, summary = desk.rng, desk.cc, desk.actor, desk.summary
    low, high = data.VISIT_MINUTES.get(code, (30, 90))
    minutes = rng.randrange(low, high + 1, 5)
    staff = [staff_id, *(s for s in center.carers if s != staff_id)]  # colleagues stand in when the round is full
    later = [] if weekday_slot else [day + i * DAY for i in (1, 2)]
    for candidate in [day, *(d for d in later if d.month == day.month and _covers(window, d))]:
        if (placed := desk.round_start(candidate, minutes, staff)) is not None:
            day = candidate
            break
    else:
        placed = desk.moment(day, (8, 30), (15, 30), step=5), staff_id  # a long day for everyone
    start, staff_id = placed
    status = person.status(day)
    if status is None or status in ENDED:
        return
    end = start + dt.timedelta(minutes=minutes)
    if end > desk.now:
        if not weekday_slot:  # a slot needs no row to be planned; anything else is booked ahead
            _book(desk, person, type_id, staff_id, day, start, rng.choice(data.PLANNED_NOTES), ahead=True)
        return
    roll = rng.random()
    cancelled = status is Status.PAUSED or roll >= DONE_SHARE + MISSED_SHARE
    if cancelled or roll >= DONE_SHARE:
        if cancelled:
            reason = "老人住院" if status is Status.PAUSED else rng.choice(data.CANCEL_REASONS)
            late = rng.random() < 0.4  # called off that morning rather than the afternoon before
            when = desk.moment(day, (7, 50), (8, 20)) if late else desk.moment(day - DAY, (16, 0), (17, 30))
        else:
            reason = rng.choice(data.MISSED_REASONS)
            when = start + dt.timedelta(minutes=rng.randint(30, 50))
        if when > desk.now:  # not known yet: still planned
            if not weekday_slot:
                _book(desk, person, type_id, staff_id, day, start, rng.choice(data.PLANNED_NOTES), ahead=True)
            return
        close = cc.visits.cancel if cancelled else cc.visits.miss
        if weekday_slot:
            assert service_id is not None
            key = SlotKey(service_id, day)
            desk.at(when, lambda: _closed(desk, close(key, reason, actor, staff_id)))
        else:
            note = data.PLANNED_NOTES[1] if cancelled else data.PLANNED_NOTES[0]
            ids = _book(desk, person, type_id, staff_id, day, start, note, ahead=False, lead=3 if cancelled else 1)
            desk.at(when, lambda: _closed(desk, close(ids[0], reason, actor, None)))
        return
    confirmation, confirmed_by = _confirmation(desk, person)
    place = VisitPlace.CENTER if code == "bathing" and rng.random() < 0.25 else VisitPlace.HOME
    work = rng.choice(data.WORK_DONE.get(code, data.GENERIC_WORK))
    form = VisitInput(
        senior_id=person.id,
        service_type_id=type_id,
        staff_id=staff_id,
        day=day,
        started_at=start,
        ended_at=end,
        place=place,
        work_done=work,
        confirmation=confirmation,
        confirmed_by_name=confirmed_by,
        planned_service_id=service_id,
    )

    def record() -> None:
        cc.visits.record(form, actor)
        summary.visits_done += 1

    desk.at(min(end + dt.timedelta(minutes=rng.randint(10, 90)), desk.now), record)


def _covers(window: tuple[dt.date, dt.date | None] | None, day: dt.date) -> bool:
    if window is None:
        return True
    first, last = window
    return first <= day and (last is None or day <= last)


def _closed(desk: Desk, info: VisitInfo) -> None:
    if info.status is VisitStatus.MISSED:
        desk.summary.visits_missed += 1
    else:
        desk.summary.visits_cancelled += 1


def _book(
    desk: Desk,
    person: Person,
    type_id: int,
    staff_id: int,
    day: dt.date,
    start: dt.datetime,
    notes: str,
    ahead: bool,
    lead: int = 3,
) -> list[int]:
    """Book a visit (planned, by phone) ``lead`` days before it; the list gets its id once written."""
    ids: list[int] = []
    form = VisitPlanInput(person.id, type_id, staff_id, day, start.time(), VisitPlace.HOME, notes)

    def book() -> None:
        ids.append(desk.cc.visits.plan(form, desk.actor).id)
        if ahead:
            desk.summary.visits_planned += 1

    desk.at(desk.moment(day - lead * DAY, (9, 0), (16, 0)), book, ahead=ahead)
    return ids


def _confirmation(desk: Desk, person: Person) -> tuple[Confirmation, str]:
    roll = desk.rng.random()
    if roll < FAMILY_CONFIRMS and person.contacts:
        return Confirmation.FAMILY, desk.rng.choice(person.contacts).name
    if roll < FAMILY_CONFIRMS + SENIOR_CONFIRMS:
        return Confirmation.SENIOR, person.name
    return Confirmation.NONE, ""


def _ad_hoc(desk: Desk, center: Center, type_ids: dict[str, int], taken: set[tuple[int, int, dt.date]]) -> None:
    """Visits outside the plans: 1–3 a week so far, two booked for this afternoon, two more this week."""
    rng = desk.rng
    kinds = [c for c in data.AD_HOC_TYPES if c in type_ids]
    if not kinds:
        return
    days = [d for d in desk.days() if d.isoweekday() <= 5 and d < desk.today]
    for week in range(0, len(days), 5):
        for day in rng.sample(days[week : week + 5], min(len(days[week : week + 5]), rng.randint(1, 3))):
            people = center.active_on(day)
            code = rng.choice(kinds)
            person = rng.choice(people) if people else None
            if person is not None and (person.id, type_ids[code], day) not in taken:
                _visit(desk, center, person, type_ids[code], code, rng.choice(center.carers), day, None, False)
    coming = [desk.today, desk.today] + [desk.today + dt.timedelta(days=rng.randint(1, 5)) for _i in range(2)]
    for n, day in enumerate(coming):
        people = center.active_on(desk.today)
        start = dt.datetime.combine(day, dt.time(14, 0) if n % 2 == 0 else dt.time(15, 30))
        if people and start > desk.now:
            code = rng.choice(kinds)
            note = rng.choice(data.PLANNED_NOTES[:2])
            _book(desk, rng.choice(people), type_ids[code], rng.choice(center.carers), day, start, note, True, 0)


# ---- calls --------------------------------------------------------------------------------------


def calls(desk: Desk, center: Center) -> None:
    """3–6 calls a week up to yesterday, a fall at home with its incident, and last night's open urgent call."""
    rng = desk.rng
    weights = [s.weight for s in data.CALL_SCENES]
    yesterday = desk.today - DAY
    days = desk.days(yesterday)
    for week in range(0, len(days), 7):
        chunk = days[week : week + 7]
        for _i in range(rng.randint(3, 6)):
            scene = rng.choices(data.CALL_SCENES, weights)[0]
            day = rng.choice(chunk)
            late = scene.caller is CallerKind.SENIOR and scene.urgency is Urgency.URGENT  # 一键呼叫: any hour
            when = desk.moment(day, (6, 30), (21, 0)) if late else desk.moment(day, (8, 0), (17, 30))
            _call(desk, center, scene, when)
    if days:
        fall_day = days[max(0, len(days) - rng.randint(10, 20))]
        _call(desk, center, data.FALL_CALL, desk.moment(fall_day, (8, 30), (11, 0)), fall=True)
    received = desk.now - dt.timedelta(minutes=rng.randint(13 * 60, 16 * 60))
    if received.date() >= desk.first:
        _call(desk, center, data.OPEN_URGENT, received, close=False)


def _call(
    desk: Desk, center: Center, scene: data.CallScene, received: dt.datetime, fall: bool = False, close: bool = True
) -> None:
    rng, cc, actor, summary = desk.rng, desk.cc, desk.actor, desk.summary
    people = center.active_on(received.date())
    if not people:
        return
    person = rng.choice(people)
    name, phone = _caller(desk, scene.caller, person)
    day = received.date()
    follow_up = day + dt.timedelta(days=scene.follow_up_days) if scene.follow_up_days is not None else None
    form = CallInput(
        scene.caller,
        scene.reason.format(name=person.name),
        senior_id=person.id,
        received_at=received,
        caller_name=name,
        caller_phone=phone,
        urgency=scene.urgency,
        action_taken=scene.action,
        follow_up_on=follow_up,
    )
    incident = IncidentInput(IncidentKind.FALL, day, *data.FALL_INCIDENT) if fall else None
    if scene.urgency is Urgency.URGENT:
        closing: dt.datetime | None = received + dt.timedelta(minutes=rng.randint(60, 300))
    elif follow_up is not None and follow_up > day:
        closing = desk.moment(follow_up, (9, 0), (17, 0))
    elif follow_up is not None:
        closing = received + dt.timedelta(minutes=rng.randint(120, 300))
    else:
        closing = None  # nothing to follow up: closed as it is logged
    if fall:
        closing = desk.moment(day + DAY, (9, 30), (11, 0))

    def log() -> None:
        info = cc.calls.log(form, actor, incident)
        summary.calls += 1
        summary.urgent_calls += info.urgent
        summary.incidents += info.incident_id is not None
        if close and closing is not None:
            desk.at(closing, functools.partial(_close_call, desk, info.id, scene.closing))

    desk.at(received + dt.timedelta(minutes=rng.randint(2, 8)), log)


def _close_call(desk: Desk, call_id: int, note: str) -> None:
    desk.cc.calls.close(call_id, note, desk.actor)


def _caller(desk: Desk, kind: CallerKind, person: Person) -> tuple[str, str]:
    """The caller's name and phone as the desk writes them down."""
    if kind is CallerKind.SENIOR:
        return person.name, person.phone
    if kind is CallerKind.FAMILY and person.contacts:
        contact = desk.rng.choice(person.contacts)
        return (f"{contact.name}（{contact.relation}）" if contact.relation else contact.name), contact.phone
    if kind is CallerKind.NEIGHBOUR:
        return desk.rng.choice(data.NEIGHBOURS), ""
    if kind is CallerKind.OTHER:
        return desk.rng.choice(data.OTHER_CALLERS), ""
    return "", ""


# ---- activities ---------------------------------------------------------------------------------


def activities(desk: Desk, center: Center) -> None:
    """2–3 activities a week on weekdays from the first week to next week, with who came once they are held."""
    rng = desk.rng
    monday = monday_of(desk.first)
    last = desk.today + AHEAD
    while monday <= last:
        weekdays = [d for d in (monday + i * DAY for i in range(5)) if desk.first <= d <= last]
        chosen = sorted(rng.sample(weekdays, min(len(weekdays), rng.choice((2, 2, 3)))))
        for day, (kind, title, place, notes) in zip(chosen, rng.sample(data.ACTIVITIES, len(chosen)), strict=True):
            hour, minute = rng.choice(data.ACTIVITY_STARTS)
            form = ActivityInput(
                center.id, title, kind, day, dt.time(hour, minute), place, rng.choice(center.workers), notes
            )
            present = set(center.present.get(day, []))
            came = desk.pick(center.active_on(day), rng.randint(8, 25), functools.partial(_weight, present))
            ids = sorted(p.id for p in came)
            written = desk.moment(day - rng.randint(3, 7) * DAY, (9, 0), (17, 0))
            held = dt.datetime.combine(day, dt.time(hour, minute)) + dt.timedelta(minutes=rng.randint(80, 120))
            desk.at(written, functools.partial(_activity, desk, form, ids, held), ahead=True)
        monday += 7 * DAY


def _weight(present: set[int], person: Person) -> float:
    """Seniors at day care that day are the likeliest to join in."""
    return 3.0 if person.id in present else 1.0


def _activity(desk: Desk, form: ActivityInput, attendees: list[int], held: dt.datetime) -> None:
    info = desk.cc.activities.create(form, desk.actor)
    desk.summary.activities += 1

    def record() -> None:
        desk.cc.activities.set_attendance(info.id, attendees, desk.actor)
        desk.summary.attendees += len(attendees)

    if attendees:
        desk.at(held, record)
