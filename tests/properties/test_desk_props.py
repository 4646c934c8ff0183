"""The front desk with hostile input: visits, calls, activities, day-care attendance.

Covered writes: ``visits.record``, ``visits.plan``, ``visits.complete``, ``visits.update``,
``visits.miss``, ``visits.cancel``, ``visits.void``; ``calls.log`` (with and without an
incident), ``calls.update``, ``calls.close``, ``calls.void``; ``activities.create``,
``activities.update``, ``activities.set_attendance``, ``activities.add_attendee``,
``activities.remove_attendee``, ``activities.void``; ``attendance.check_in``,
``attendance.check_out``, ``attendance.correct_times``, ``attendance.void``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from carecenter.actor import Actor
from carecenter.care.incidents import IncidentInput
from carecenter.desk.activity_dto import ActivityInput
from carecenter.desk.call_dto import CallInput
from carecenter.desk.visit_dto import VisitInput, VisitPlanInput
from carecenter.domain.desk_vocab import ActivityKind, CallerKind, Confirmation, Urgency, VisitPlace, VisitStatus
from carecenter.domain.text import normalize_line, normalize_multiline, normalize_phone
from carecenter.domain.vocab import IncidentKind
from carecenter.facade import CareCenter
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, justified, text_ok
from tests.properties.world import World

NOW = dt.datetime(2026, 11, 22, 9, 0)  # the `clock` fixture
UTC = dt.UTC


def moments() -> st.SearchStrategy[dt.datetime]:
    """Earlier today mostly; other days, the future, seconds, and aware times in UTC."""
    naive = st.one_of(
        st.datetimes(NOW - dt.timedelta(hours=9), NOW + dt.timedelta(hours=2)),
        st.datetimes(NOW - dt.timedelta(days=20), NOW + dt.timedelta(days=2)),
        hs.moments(),
    )
    aware = naive.filter(lambda m: m.year > 1).map(lambda m: (m - dt.timedelta(hours=8)).replace(tzinfo=UTC))
    return st.one_of(naive, aware)


def as_stored(moment: dt.datetime, seconds: bool = False) -> dt.datetime:
    """Naive center time to the minute (or the whole second): the documented form of a typed time."""
    if moment.tzinfo is not None:
        moment = (moment.astimezone(UTC) + dt.timedelta(hours=8)).replace(tzinfo=None)
    return moment.replace(microsecond=0) if seconds else moment.replace(second=0, microsecond=0)


def reasons() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(("录错了", " 家属来电取消 ")), hs.text_values())


# ---- visits ------------------------------------------------------------------------------------


@st.composite
def visit_inputs(draw: st.DrawFn, world: World) -> VisitInput:
    day = draw(st.one_of(st.dates(NOW.date() - dt.timedelta(days=20), NOW.date()), hs.recent_dates()))
    started = draw(
        st.one_of(
            st.builds(dt.datetime.combine, st.just(day), st.times(dt.time(6), dt.time(8, 30))), moments(), st.none()
        )
    )
    fields: dict[str, hs.Pair] = {
        "service_type_id": (st.just(world.cleaning_id), st.sampled_from((world.day_care_id, 0, world.cleaning_id))),
        "staff_id": (st.just(world.caregiver_id), st.sampled_from((world.social_id, 0, -1))),
        "ended_at": (st.none(), st.one_of(st.none(), moments())),
        "minutes": (st.sampled_from((30, 45, 60)), st.one_of(st.none(), st.integers(-5, 800), st.just(2**40))),
        "place": (st.sampled_from(list(VisitPlace)), st.sampled_from(list(VisitPlace))),
        "work_done": hs.texts(),
        "confirmation": (st.sampled_from(list(Confirmation)), st.sampled_from(list(Confirmation))),
        "confirmed_by_name": (st.sampled_from(("儿子", "女儿 王芳")), hs.hostile_text()),
    }
    return VisitInput(senior_id=world.senior_id, day=day, started_at=started, **draw(hs.mixed(fields)))


def check_visit(stored: Any, data: VisitInput) -> None:
    assert (stored.day, stored.service_type_id, stored.staff_id, stored.place) == (
        data.day,
        data.service_type_id,
        data.staff_id,
        data.place,
    )
    assert data.started_at is not None and stored.started_at == as_stored(data.started_at)
    assert stored.work_done == normalize_multiline(data.work_done)
    expected_by = normalize_line(data.confirmed_by_name) if data.confirmation is not Confirmation.NONE else ""
    assert (stored.confirmation, stored.confirmed_by_name) == (data.confirmation, expected_by)
    if data.ended_at is not None:
        assert stored.ended_at == as_stored(data.ended_at)
    if data.minutes is not None:
        assert stored.minutes == data.minutes
    assert 1 <= stored.minutes <= 12 * 60 and stored.ended_at <= NOW


@settings(max_examples=examples(96))
@given(data=st.data())
def test_a_visit_is_recorded_corrected_and_voided_in_normal_form_or_refused(
    center: CareCenter, front_desk: Actor, world: World, data: st.DataObject
) -> None:
    tables = ("visits",)
    first = data.draw(visit_inputs(world), "record")
    second = data.draw(visit_inputs(world), "update")
    reason = data.draw(reasons(), "void reason")
    visit = attempt(center, lambda: center.visits.record(first, front_desk), None, tables, "visits.record")
    justified(visit, {"work_done": text_ok(normalize_multiline(first.work_done), "notes", multiline=True)})
    if isinstance(visit, Refused):
        return
    check_visit(center.visits.get(visit.id, front_desk), first)
    fixed = attempt(center, lambda: center.visits.update(visit.id, second, front_desk), None, tables, "visits.update")
    check_visit(center.visits.get(visit.id, front_desk), first if isinstance(fixed, Refused) else second)
    voided = attempt(
        center, lambda: center.visits.void(visit.id, reason, front_desk), {"void_reason"}, tables, "visits.void"
    )
    justified(voided, {"void_reason": text_ok(normalize_line(reason), "reason", required=True)})
    if not isinstance(voided, Refused):
        stored = center.visits.get(visit.id, front_desk)
        assert (stored.voided, stored.void_reason) == (True, normalize_line(reason))


@settings(max_examples=examples(72))
@given(data=st.data())
def test_a_planned_visit_is_completed_missed_or_cancelled_in_normal_form_or_refused(
    center: CareCenter, front_desk: Actor, world: World, data: st.DataObject
) -> None:
    tables = ("visits",)
    plan = VisitPlanInput(
        senior_id=world.senior_id,
        service_type_id=data.draw(st.sampled_from((world.cleaning_id, world.cleaning_id, 0)), "type"),
        staff_id=data.draw(st.sampled_from((world.caregiver_id, world.caregiver_id, -1)), "staff"),
        day=data.draw(st.one_of(st.just(NOW.date()), hs.recent_dates(), hs.dates()), "day"),
        at=data.draw(st.one_of(st.none(), hs.times()), "at"),
        place=data.draw(st.sampled_from(list(VisitPlace)), "place"),
        notes=data.draw(hs.text_values(), "notes"),
    )
    how = data.draw(st.sampled_from(("complete", "miss", "cancel")), "how")
    done = data.draw(visit_inputs(world), "done")
    reason = data.draw(reasons(), "reason")
    planned = attempt(center, lambda: center.visits.plan(plan, front_desk), None, tables, "visits.plan")
    justified(planned, {"work_done": text_ok(normalize_multiline(plan.notes), "notes", multiline=True)})
    if isinstance(planned, Refused):
        return
    stored = center.visits.get(planned.id, front_desk)
    assert (stored.status, stored.day, stored.work_done) == (
        VisitStatus.PLANNED,
        plan.day,
        normalize_multiline(plan.notes),
    )
    if plan.at is None:
        assert stored.started_at is None
    else:
        moment = dt.datetime.combine(plan.day, plan.at)
        assert stored.started_at in (moment, moment.replace(second=0, microsecond=0))
    if how == "complete":
        outcome = attempt(
            center, lambda: center.visits.complete(planned.id, done, front_desk), None, tables, "visits.complete"
        )
        if not isinstance(outcome, Refused):
            check_visit(center.visits.get(planned.id, front_desk), done)
        return
    close = center.visits.miss if how == "miss" else center.visits.cancel
    outcome = attempt(
        center,
        lambda: close(planned.id, reason, front_desk),
        {"status_reason", "day", "visit"},
        tables,
        f"visits.{how}",
    )
    justified(outcome, {"status_reason": text_ok(normalize_line(reason), "reason", required=True)})
    if not isinstance(outcome, Refused):
        stored = center.visits.get(planned.id, front_desk)
        status = VisitStatus.MISSED if how == "miss" else VisitStatus.CANCELLED
        assert (stored.status, stored.status_reason) == (status, normalize_line(reason))


# ---- calls -------------------------------------------------------------------------------------


@st.composite
def call_inputs(draw: st.DrawFn, world: World) -> CallInput:
    fields: dict[str, hs.Pair] = {
        "caller_kind": (st.sampled_from(list(CallerKind)), st.sampled_from(list(CallerKind))),
        "reason": (st.sampled_from(("摔倒了，家属来电", "咨询助餐")), hs.hostile_text()),
        "senior_id": (st.just(world.senior_id), st.sampled_from((None, 0, world.senior_id))),
        "received_at": (st.none(), st.one_of(st.none(), moments())),
        "caller_name": (st.sampled_from(("", "王芳", " 李 先生 ")), hs.hostile_text()),
        "caller_phone": (hs.plain_phones(), hs.phones()),
        "urgency": (st.sampled_from(list(Urgency)), st.sampled_from(list(Urgency))),
        "action_taken": hs.texts(),
        "follow_up_on": (st.none(), st.one_of(st.none(), hs.dates())),
    }
    kwargs = draw(hs.mixed(fields))
    return CallInput(center_id=world.center_id if kwargs["senior_id"] is None else None, **kwargs)


def check_call(stored: Any, data: CallInput) -> None:
    assert (stored.caller_kind, stored.senior_id, stored.urgency, stored.follow_up_on) == (
        data.caller_kind,
        data.senior_id,
        data.urgency,
        data.follow_up_on,
    )
    assert (stored.reason, stored.action_taken) == (
        normalize_multiline(data.reason),
        normalize_multiline(data.action_taken),
    )
    assert (stored.caller_name, stored.caller_phone) == (
        normalize_line(data.caller_name),
        normalize_phone(data.caller_phone),
    )
    if data.received_at is not None:  # calls keep whole seconds (visits and attendance keep minutes)
        assert stored.received_at == as_stored(data.received_at, seconds=True) <= NOW


def call_checks(data: CallInput) -> dict[str, bool]:
    return {
        "reason": text_ok(normalize_multiline(data.reason), "notes", multiline=True, required=True),
        "action_taken": text_ok(normalize_multiline(data.action_taken), "notes", multiline=True),
        "caller_name": text_ok(normalize_line(data.caller_name), "contact_name"),
    }


@settings(max_examples=examples(96))
@given(data=st.data())
def test_a_call_is_logged_corrected_closed_and_voided_in_normal_form_or_refused(
    center: CareCenter, front_desk: Actor, world: World, data: st.DataObject
) -> None:
    tables = ("calls", "incidents")
    first = data.draw(call_inputs(world), "log")
    second = data.draw(call_inputs(world), "update")
    note = data.draw(reasons(), "closing note")
    reason = data.draw(reasons(), "void reason")
    incident = data.draw(
        st.one_of(
            st.none(),
            st.builds(
                IncidentInput,
                st.sampled_from(list(IncidentKind)),
                hs.recent_dates(),
                hs.text_values(),
                hs.text_values(),
            ),
        ),
        "incident",
    )
    call = attempt(center, lambda: center.calls.log(first, front_desk, incident), None, tables, "calls.log")
    justified(call, call_checks(first))
    if isinstance(call, Refused):
        return
    check_call(center.calls.get(call.id, front_desk), first)
    if incident is not None:
        stored = center.incidents.get(center.calls.get(call.id, front_desk).incident_id, front_desk)  # type: ignore[arg-type]
        assert stored.description == normalize_multiline(incident.description)
    fixed = attempt(center, lambda: center.calls.update(call.id, second, front_desk), None, tables, "calls.update")
    justified(fixed, call_checks(second))
    current = first if isinstance(fixed, Refused) else second
    check_call(center.calls.get(call.id, front_desk), current)
    if center.calls.get(call.id, front_desk).closed_at is None:
        closed = attempt(center, lambda: center.calls.close(call.id, note, front_desk), None, tables, "calls.close")
        if not isinstance(closed, Refused):
            assert center.calls.get(call.id, front_desk).closing_note == normalize_line(note)
    voided = attempt(
        center, lambda: center.calls.void(call.id, reason, front_desk), {"void_reason"}, tables, "calls.void"
    )
    if not isinstance(voided, Refused):
        assert center.calls.get(call.id, front_desk).void_reason == normalize_line(reason)


# ---- activities --------------------------------------------------------------------------------


@st.composite
def activity_inputs(draw: st.DrawFn, world: World) -> ActivityInput:
    fields: dict[str, hs.Pair] = {
        "title": (st.sampled_from(("重阳节游园", " 健康讲座 ")), hs.hostile_text()),
        "kind": (st.sampled_from(list(ActivityKind)), st.sampled_from(list(ActivityKind))),
        "held_on": (st.dates(NOW.date() - dt.timedelta(days=20), NOW.date()), hs.dates()),
        "starts_at": (st.none(), st.one_of(st.none(), hs.times())),
        "place": hs.texts(),
        "staff_id": (st.sampled_from((None, world.social_id)), st.sampled_from((0, world.caregiver_id, None))),
        "notes": hs.texts(),
    }
    return ActivityInput(center_id=world.center_id, **draw(hs.mixed(fields)))


def check_activity(stored: Any, data: ActivityInput) -> None:
    assert (stored.title, stored.place, stored.notes) == (
        normalize_line(data.title),
        normalize_line(data.place),
        normalize_multiline(data.notes),
    )
    assert (stored.kind, stored.held_on, stored.staff_id) == (data.kind, data.held_on, data.staff_id)


@settings(max_examples=examples(72))
@given(data=st.data())
def test_an_activity_and_its_attendees_are_stored_in_normal_form_or_refused(
    center: CareCenter, front_desk: Actor, world: World, data: st.DataObject
) -> None:
    tables = ("activities", "activity_attendees")
    first = data.draw(activity_inputs(world), "create")
    second = data.draw(activity_inputs(world), "update")
    ids = data.draw(st.lists(st.sampled_from((world.senior_id, 0, -3, 10**6)), max_size=3), "attendees")
    reason = data.draw(reasons(), "void reason")
    who = {
        n: data.draw(st.sampled_from((world.senior_id, 0)), n)
        for n in ("activities.add_attendee", "activities.remove_attendee")
    }
    activity = attempt(center, lambda: center.activities.create(first, front_desk), None, tables, "activities.create")
    justified(activity, {"title": text_ok(normalize_line(first.title), "place", required=True)})
    if isinstance(activity, Refused):
        return
    check_activity(center.activities.get(activity.id, front_desk), first)
    fixed = attempt(
        center, lambda: center.activities.update(activity.id, second, front_desk), None, tables, "activities.update"
    )
    current = center.activities.get(activity.id, front_desk)
    check_activity(current, first if isinstance(fixed, Refused) else second)
    listed = attempt(
        center,
        lambda: center.activities.set_attendance(activity.id, ids, front_desk),
        None,
        tables,
        "activities.set_attendance",
    )
    if not isinstance(listed, Refused):
        assert {a.senior_id for a in center.activities.get(activity.id, front_desk).attendees} == set(ids)
    for name, call in (
        ("activities.add_attendee", center.activities.add_attendee),
        ("activities.remove_attendee", center.activities.remove_attendee),
    ):
        attempt(center, lambda call=call, who=who[name]: call(activity.id, who, front_desk), None, tables, name)  # type: ignore[misc]
    voided = attempt(
        center, lambda: center.activities.void(activity.id, reason, front_desk), None, tables, "activities.void"
    )
    if not isinstance(voided, Refused):
        assert center.activities.get(activity.id, front_desk).void_reason == normalize_line(reason)


# ---- attendance --------------------------------------------------------------------------------


@settings(max_examples=examples(96))
@given(
    check_in=st.one_of(st.none(), moments()),
    check_out=st.one_of(st.none(), st.none(), moments()),
    picked_up_by=st.one_of(st.sampled_from(("", "女儿")), hs.hostile_text()),
    corrected_in=st.one_of(st.datetimes(NOW.replace(hour=7), NOW), moments()),
    corrected_out=st.one_of(st.none(), moments()),
    reason=reasons(),
    void_reason=reasons(),
)
def test_a_day_at_the_center_is_checked_in_out_corrected_and_voided_or_refused(
    center: CareCenter,
    front_desk: Actor,
    world: World,
    check_in: dt.datetime | None,
    check_out: dt.datetime | None,
    picked_up_by: str,
    corrected_in: dt.datetime,
    corrected_out: dt.datetime | None,
    reason: str,
    void_reason: str,
) -> None:
    tables = ("attendance",)
    row = attempt(
        center,
        lambda: center.attendance.check_in(world.senior_id, front_desk, check_in),
        None,
        tables,
        "attendance.check_in",
    )
    if isinstance(row, Refused):
        return
    try:
        stored = center.attendance.get(row.id, front_desk)
        assert stored.checked_in_at == (as_stored(check_in) if check_in else NOW) <= NOW
        out = attempt(
            center,
            lambda: center.attendance.check_out(row.id, front_desk, picked_up_by, check_out),
            {"checked_out_at", "picked_up_by"},
            tables,
            "attendance.check_out",
        )
        justified(out, {"picked_up_by": text_ok(normalize_line(picked_up_by), "contact_name")})
        if not isinstance(out, Refused):
            stored = center.attendance.get(row.id, front_desk)
            assert stored.picked_up_by == normalize_line(picked_up_by)
            assert stored.checked_in_at <= stored.checked_out_at == (as_stored(check_out) if check_out else NOW)  # type: ignore[operator]
        fixed = attempt(
            center,
            lambda: center.attendance.correct_times(row.id, corrected_in, corrected_out, reason, front_desk),
            {"checked_in_at", "checked_out_at", "correction_reason"},
            tables,
            "attendance.correct_times",
        )
        justified(fixed, {"correction_reason": text_ok(normalize_line(reason), "reason", required=True)})
        if not isinstance(fixed, Refused):
            stored = center.attendance.get(row.id, front_desk)
            assert stored.checked_in_at == as_stored(corrected_in)
            assert stored.checked_out_at == (as_stored(corrected_out) if corrected_out else None)
    finally:  # the next example may check the senior in again
        voided = attempt(
            center,
            lambda: center.attendance.void(row.id, void_reason, front_desk),
            {"void_reason"},
            tables,
            "attendance.void",
        )
        if isinstance(voided, Refused):
            center.attendance.void(row.id, "录错了", front_desk)
        else:
            assert center.attendance.get(row.id, front_desk).void_reason == normalize_line(void_reason)
