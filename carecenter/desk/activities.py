"""``cc.activities``: the center's group activities (文娱, 健康讲座, 康复 …) and who took part.

An activity belongs to one center and one day. Its attendees are seniors of any current
status who could come that day (a 退出/去世 senior is refused, as for every desk task:
:func:`carecenter.desk.finder.served_senior`); attendance is recorded on or after the day,
never before it. A mistaken activity is voided with a reason and leaves every list and count.

**The birthday party.** The month's 集体生日会 (:mod:`carecenter.birthdays.parties`) *is* an
activity of kind 生日会: the party's creation makes it (:func:`party_activity`) and a change
of the party's date or place follows it (:func:`keep_in_step`). Its attendees are the
party's guests who came, read from the party (never copied), so they are recorded on the
生日会 page only; here the linked activity's title, time, staff and notes can be edited.
Any other 生日会 activity is refused: the monthly party is made on its own page.

Writes need ``DAILY_OPERATIONS``; reads ``LOOKUP_SENIORS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.conflicts import apply_form, retry_race
from carecenter.db.desk_models import Activity, ActivityAttendee
from carecenter.db.models import BirthdayParty, Center, PartyGuest, Senior, Staff
from carecenter.db.sessions import Sessions
from carecenter.desk import voiding
from carecenter.desk.activity_dto import (
    FIELD_LABELS,
    ActivityCounts,
    ActivityInfo,
    ActivityInput,
    ActivitySummary,
    Attendee,
    KindCount,
    party_title,
)
from carecenter.desk.finder import served_senior
from carecenter.domain.desk_vocab import ActivityKind
from carecenter.domain.months import first_day, last_day
from carecenter.domain.text import normalize_line, normalize_multiline, text_reason
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import _
from carecenter.permissions import Permission, require


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def _refuse(field: str, reason: str) -> ValidationError:
    return ValidationError([_error(field, reason)])


def _on_party_page() -> ValidationError:
    return _refuse("senior_id", _("the birthday party's attendance is recorded on the birthday party page"))


class ActivityService:
    """``cc.activities``: create, correct and void activities, record who came, list and count a month's."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- the activity ----------------------------------------------------------------------

    def create(self, data: ActivityInput, actor: Actor) -> ActivityInfo:
        """A new activity, nobody attending yet; refused with every bad field named, nothing saved."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            values = _check(session, data, None)
            now = stamp(self._clock)
            activity = Activity(
                **values,
                birthday_party_id=None,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
            )
            session.add(activity)
            session.commit()
            return _info(session, activity)

    def update(
        self,
        activity_id: int,
        data: ActivityInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: ActivityInfo | None = None,
    ) -> ActivityInfo:
        """Correct an activity (the whole form replaces the old values); unchanged values write nothing.

        A new date must suit everyone already listed (not in the future, nobody 退出/去世 by then).
        The birthday party's activity keeps the party's center, kind, date and place.
        ``expected_version``/``opened``: the activity as the form opened it; a field another desk
        changed since raises :class:`~carecenter.conflicts.EditConflictError` and nothing is
        written (None: no check). Attendance taken meanwhile is no conflict: the form does not hold it.
        """
        return retry_race(lambda: self._update(activity_id, data, actor, expected_version, opened))

    def _update(
        self,
        activity_id: int,
        data: ActivityInput,
        actor: Actor,
        expected_version: int | None,
        opened: ActivityInfo | None,
    ) -> ActivityInfo:
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            activity = _live(session, activity_id)
            values = _check(session, data, activity)
            if values["held_on"] != activity.held_on and activity.attendees:
                self._check_day(session, values["held_on"], [a.senior_id for a in activity.attendees])
            if apply_form(session, activity, values, FIELD_LABELS, expected_version, opened):
                self._touch(activity, actor)
                session.commit()
            return _info(session, activity)

    def void(self, activity_id: int, reason: str, actor: Actor) -> ActivityInfo:
        """Take back a mistaken activity with a reason (audited); it leaves every list and count."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            activity = _activity(session, activity_id)
            if activity.birthday_party_id is not None and not activity.voided:
                raise _refuse("title", _("the birthday party's activity goes with the party and cannot be voided"))
            voiding.void(activity, reason)
            self._touch(activity, actor)
            session.commit()
            return _info(session, activity)

    # ---- who came --------------------------------------------------------------------------

    def set_attendance(self, activity_id: int, senior_ids: Iterable[int], actor: Actor) -> ActivityInfo:
        """The whole attendee list at once (duplicates ignored); everyone on it must have been able to come."""
        require(actor, Permission.DAILY_OPERATIONS)
        wanted = list(dict.fromkeys(senior_ids))
        with self._sessions(actor) as session:
            activity = _attended(session, activity_id)
            current = {a.senior_id for a in activity.attendees}
            self._check_day(session, activity.held_on, [i for i in wanted if i not in current])
            if set(wanted) != current:
                activity.attendees = [a for a in activity.attendees if a.senior_id in wanted]
                activity.attendees.extend(ActivityAttendee(senior_id=i) for i in wanted if i not in current)
                self._touch(activity, actor)
                session.commit()
            return _info(session, activity)

    def add_attendee(self, activity_id: int, senior_id: int, actor: Actor) -> ActivityInfo:
        """One more senior who came; someone already listed is refused (they are counted once)."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            activity = _attended(session, activity_id)
            if any(a.senior_id == senior_id for a in activity.attendees):
                name = session.scalar(select(Senior.name).where(Senior.id == senior_id)) or ""
                raise _refuse("senior_id", _("{name} is already on the list").format(name=name))
            self._check_day(session, activity.held_on, [senior_id])
            activity.attendees.append(ActivityAttendee(senior_id=senior_id))
            self._touch(activity, actor)
            session.commit()
            return _info(session, activity)

    def remove_attendee(self, activity_id: int, senior_id: int, actor: Actor) -> ActivityInfo:
        """Take a senior off the list (added by mistake); the trail keeps who was listed."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            activity = _attended(session, activity_id)
            if not any(a.senior_id == senior_id for a in activity.attendees):
                raise _refuse("senior_id", _("this senior is not on the list"))
            activity.attendees = [a for a in activity.attendees if a.senior_id != senior_id]
            self._touch(activity, actor)
            session.commit()
            return _info(session, activity)

    def _check_day(self, session: Session, day: dt.date, senior_ids: list[int]) -> None:
        """Attendance is for a day that has come, and for seniors the desk could serve that day."""
        if not senior_ids:
            return
        if day > self._clock.today():
            reason = _("the activity has not taken place yet ({d}); record who came on the day or after")
            raise _refuse("senior_id", reason.format(d=day.isoformat()))
        errors: list[FieldError] = []
        for senior_id in senior_ids:
            try:
                served_senior(session, senior_id, day)
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)

    def _touch(self, activity: Activity, actor: Actor) -> None:
        activity.updated_at, activity.updated_by = stamp(self._clock), actor.username

    # ---- reading ---------------------------------------------------------------------------

    def get(self, activity_id: int, actor: Actor) -> ActivityInfo:
        """One activity with its attendees (a voided one too: it is shown as voided)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _info(session, _activity(session, activity_id))

    def month_counts(self, actor: Actor, center_id: int | None, month: dt.date) -> ActivityCounts:
        """Per kind (every kind, zeros too) and in total: activities, 人次, and different seniors who came."""
        require(actor, Permission.LOOKUP_SENIORS)
        month = first_day(month)
        with self._sessions() as session:
            kinds = dict(session.execute(select(Activity.id, Activity.kind).where(*_in_month(center_id, month))).all())
            pairs = _attendance_pairs(session, list(kinds))
        counts = []
        for kind in ActivityKind:
            ids = {i for i, k in kinds.items() if k is kind}
            came = [(a, s) for a, s in pairs if a in ids]
            counts.append(KindCount(kind, len(ids), len(came), len({s for _a, s in came})))
        total = KindCount(None, len(kinds), len(pairs), len({s for _a, s in pairs}))
        return ActivityCounts(month, tuple(counts), total)

    def list(self, actor: Actor, center_id: int | None, month: dt.date) -> list[ActivitySummary]:
        """The month's activities (of one center, or all), by day and time, with how many came."""
        require(actor, Permission.LOOKUP_SENIORS)
        month = first_day(month)
        stmt = (
            select(Activity, Staff.name)
            .outerjoin(Staff, Staff.id == Activity.staff_id)
            .where(*_in_month(center_id, month))
            .order_by(
                Activity.held_on, case((Activity.starts_at.is_(None), 1), else_=0), Activity.starts_at, Activity.id
            )
        )
        with self._sessions() as session:
            rows = session.execute(stmt).all()
            counts = _counts(session, [a for a, _name in rows])
        return [_summary(a, name, counts.get(a.id, 0)) for a, name in rows]


# ---- the birthday party's activity -------------------------------------------------------------


def party_activity(party: BirthdayParty, actor: Actor, now: dt.datetime) -> Activity:
    """The activity that is ``party`` (flushed, so it has its id), unsaved: its date, place and 11月集体生日会."""
    return Activity(
        center_id=party.center_id,
        title=party_title(party.month),
        kind=ActivityKind.BIRTHDAY,
        held_on=party.held_on,
        starts_at=None,
        place=party.place,
        staff_id=None,
        birthday_party_id=party.id,
        notes="",
        created_at=now,
        created_by=actor.username,
        updated_at=now,
        updated_by=actor.username,
    )


def keep_in_step(session: Session, party: BirthdayParty, actor: Actor, now: dt.datetime) -> None:
    """After a change of the party: its activity has the party's date and place (made if missing)."""
    activity = session.scalar(select(Activity).where(Activity.birthday_party_id == party.id))
    if activity is None:
        session.add(party_activity(party, actor, now))
    elif (activity.held_on, activity.place) != (party.held_on, party.place):
        activity.held_on, activity.place = party.held_on, party.place
        activity.updated_at, activity.updated_by = now, actor.username


# ---- checks --------------------------------------------------------------------------------------


def _check(session: Session, data: ActivityInput, linked: Activity | None) -> dict[str, Any]:
    """The activity's column values, or ValidationError naming every bad field.

    ``linked`` is the activity being corrected; if it is the birthday party's, its center,
    kind, date and place are the party's and must stay so.
    """
    errors: list[FieldError] = []
    fixed = linked if linked is not None and linked.birthday_party_id is not None else None
    if session.get(Center, data.center_id) is None:
        errors.append(_error("center_id", _("no such center")))
    title, place, notes = normalize_line(data.title), normalize_line(data.place), normalize_multiline(data.notes)
    if bad := text_reason(title, "place", required=True):
        errors.append(_error("title", bad))
    if not isinstance(data.kind, ActivityKind):
        errors.append(_error("kind", _("please choose the kind of activity")))
    elif fixed is None and data.kind is ActivityKind.BIRTHDAY:
        errors.append(_error("kind", _("the month's birthday party is created on the birthday party page")))
    if bad := text_reason(place, "place"):
        errors.append(_error("place", bad))
    if bad := text_reason(notes, "notes", multiline=True):
        errors.append(_error("notes", bad))
    if data.staff_id is not None and (linked is None or data.staff_id != linked.staff_id):
        staff = session.get(Staff, data.staff_id)
        if staff is None:
            errors.append(_error("staff_id", _("no such staff member")))
        elif not staff.active:
            errors.append(_error("staff_id", _("{name} is no longer active").format(name=staff.name)))
    if fixed is not None:
        kept = {"center_id": data.center_id, "kind": data.kind, "held_on": data.held_on, "place": place}
        for field, value in kept.items():
            if getattr(fixed, field) != value:
                errors.append(_error(field, _("the birthday party's date and place are changed on its own page")))
    if errors:
        raise ValidationError(errors)
    return {
        "center_id": data.center_id,
        "title": title,
        "kind": data.kind,
        "held_on": data.held_on,
        "starts_at": data.starts_at,
        "place": place,
        "staff_id": data.staff_id,
        "notes": notes,
    }


# ---- reading helpers -----------------------------------------------------------------------------


def _activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFoundError(_("No activity with id {id}.").format(id=activity_id))
    return activity


def _live(session: Session, activity_id: int) -> Activity:
    activity = _activity(session, activity_id)
    if activity.voided:
        raise voiding.AlreadyVoidedError(
            _("This record was already voided: {reason}").format(reason=activity.void_reason)
        )
    return activity


def _attended(session: Session, activity_id: int) -> Activity:
    """A live activity whose attendees are kept here (not the birthday party's)."""
    activity = _live(session, activity_id)
    if activity.birthday_party_id is not None:
        raise _on_party_page()
    return activity


def _in_month(center_id: int | None, month: dt.date) -> list[Any]:
    where = [Activity.voided.is_(False), Activity.held_on >= month, Activity.held_on <= last_day(month)]
    if center_id is not None:
        where.append(Activity.center_id == center_id)
    return where


def _came() -> Any:
    """A party guest who counts as an attendee: came, and not taken off the list."""
    return (PartyGuest.attended.is_(True), PartyGuest.removed.is_(False))


def _attendance_pairs(session: Session, activity_ids: list[int]) -> list[tuple[int, int]]:
    """(activity, senior) for everyone who came to these activities, the parties' guests included."""
    if not activity_ids:
        return []
    own = select(ActivityAttendee.activity_id, ActivityAttendee.senior_id).where(
        ActivityAttendee.activity_id.in_(activity_ids)
    )
    guests = (
        select(Activity.id, PartyGuest.senior_id)
        .join(PartyGuest, PartyGuest.party_id == Activity.birthday_party_id)
        .where(Activity.id.in_(activity_ids), *_came())
    )
    return [(a, s) for a, s in session.execute(own)] + [(a, s) for a, s in session.execute(guests)]


def _counts(session: Session, activities: list[Activity]) -> dict[int, int]:
    """人次 per activity id."""
    own_ids = [a.id for a in activities if a.birthday_party_id is None]
    party_of = {a.birthday_party_id: a.id for a in activities if a.birthday_party_id is not None}
    counts: dict[int, int] = {}
    if own_ids:
        stmt = (
            select(ActivityAttendee.activity_id, func.count())
            .where(ActivityAttendee.activity_id.in_(own_ids))
            .group_by(ActivityAttendee.activity_id)
        )
        counts.update((a, n) for a, n in session.execute(stmt))
    if party_of:
        stmt = (
            select(PartyGuest.party_id, func.count())
            .where(PartyGuest.party_id.in_(list(party_of)), *_came())
            .group_by(PartyGuest.party_id)
        )
        counts.update((party_of[p], n) for p, n in session.execute(stmt))
    return counts


def _attendees(session: Session, activity: Activity) -> tuple[Attendee, ...]:
    if activity.birthday_party_id is None:
        ids: Any = select(ActivityAttendee.senior_id).where(ActivityAttendee.activity_id == activity.id)
    else:
        ids = select(PartyGuest.senior_id).where(PartyGuest.party_id == activity.birthday_party_id, *_came())
    stmt = (
        select(Senior.id, Senior.member_no, Senior.name, Senior.status, Senior.name_sort)
        .where(Senior.id.in_(ids))
        .order_by(Senior.name_sort, Senior.id)
    )
    return tuple(Attendee(*row) for row in session.execute(stmt))


def _info(session: Session, a: Activity) -> ActivityInfo:
    staff = session.get(Staff, a.staff_id) if a.staff_id is not None else None
    return ActivityInfo(
        id=a.id,
        center_id=a.center_id,
        title=a.title,
        kind=a.kind,
        held_on=a.held_on,
        starts_at=a.starts_at,
        place=a.place,
        staff_id=a.staff_id,
        staff_name=staff.name if staff else "",
        notes=a.notes,
        birthday_party_id=a.birthday_party_id,
        attendees=_attendees(session, a),
        voided=a.voided,
        void_reason=a.void_reason,
        created_at=a.created_at,
        created_by=a.created_by,
        updated_at=a.updated_at,
        updated_by=a.updated_by,
        version=a.version,
    )


def _summary(a: Activity, staff_name: str | None, attendees: int) -> ActivitySummary:
    return ActivitySummary(
        id=a.id,
        center_id=a.center_id,
        title=a.title,
        kind=a.kind,
        held_on=a.held_on,
        starts_at=a.starts_at,
        place=a.place,
        staff_id=a.staff_id,
        staff_name=staff_name or "",
        birthday_party_id=a.birthday_party_id,
        attendees=attendees,
    )
