"""``cc.attendance``: day-care check-in and check-out (日间照料), the day's board, and each month per senior.

The desk's rules:

- **One live check-in per senior and day.** A second one is refused, naming the first
  ("张桂兰 已于 08:12 签到"); a mistaken check-in is *voided* with a reason (never deleted),
  which frees the day for a new one (``void_key``, :mod:`carecenter.desk.voiding`).
- A check-in's day is the day of its time; times are the center's (Asia/Shanghai), kept to
  the minute, and never in the future. A 退出/去世 senior (on that day) is refused
  (:func:`carecenter.desk.finder.served_senior`); 暂停 is checked in and the desk warns.
  The record belongs to the senior's center.
- **Check-out** comes at or after the check-in, once, on the same day; it may name who
  picked the senior up. A forgotten check-out is put right later with **更正时间**, which
  needs a reason: the audit trail keeps the old and new times and the reason.
- **The board** of a day lists who came (在中心 / 已离开), who the care plans expect and did
  not come (未到 today, 缺勤 on a past day; :mod:`carecenter.desk.expected`), walk-ins
  (计划外: checked in without a plan for that day) and voided check-ins; a few queries,
  whatever the number of seniors.
- **A month** per senior: days, time at the center (complete days only) and days left
  without a check-out; voided records never count.

Writes need ``DAILY_OPERATIONS`` (every role), reads ``LOOKUP_SENIORS``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import CENTER_TZ, Clock, stamp
from carecenter.db.desk_models import Attendance
from carecenter.db.models import Senior
from carecenter.db.sessions import Sessions
from carecenter.desk.attendance_dto import (
    FIELD_LABELS,
    AttendanceInfo,
    BoardRow,
    BoardState,
    DayCareBoard,
    MonthAttendance,
    clock_text,
)
from carecenter.desk.expected import ExpectedSenior, expected_on, statuses_on
from carecenter.desk.finder import served_senior, status_on
from carecenter.desk.voiding import void
from carecenter.domain.months import first_day, last_day
from carecenter.domain.text import normalize_line, text_reason
from carecenter.domain.vocab import Status
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import _
from carecenter.permissions import Permission, require


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def to_minute(at: dt.datetime) -> dt.datetime:
    """A time as stored: naive center time, to the minute (an aware time is converted first)."""
    if at.tzinfo is not None:
        at = at.astimezone(CENTER_TZ).replace(tzinfo=None)
    return at.replace(second=0, microsecond=0)


class AttendanceService:
    """``cc.attendance``: check in, check out, correct, void; the day's board and the month."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def _now(self) -> dt.datetime:
        return to_minute(self._clock.now())

    # ---- writing -------------------------------------------------------------------------

    def check_in(self, senior_id: int, actor: Actor, at: dt.datetime | None = None) -> AttendanceInfo:
        """签到 at ``at`` (now); refused for a time in the future, a 退出/去世 senior, or a second live check-in."""
        require(actor, Permission.DAILY_OPERATIONS)
        now = self._now()
        when = now if at is None else to_minute(at)
        if when > now:
            raise _error("checked_in_at", _("cannot be later than now"))
        day = when.date()
        with self._sessions(actor) as session:
            senior = served_senior(session, senior_id, day)
            if (first := _live(session, senior_id, day)) is not None:
                raise _already_in(senior, first)
            moment = stamp(self._clock)
            row = Attendance(
                senior_id=senior.id,
                center_id=senior.center_id,
                day=day,
                checked_in_at=when,
                checked_out_at=None,
                picked_up_by="",
                correction_reason="",
                created_at=moment,
                created_by=actor.username,
                updated_at=moment,
                updated_by=actor.username,
            )
            session.add(row)
            try:
                session.commit()
            except IntegrityError as exc:  # another desk checked the senior in a moment ago
                session.rollback()
                first = _live(session, senior_id, day)
                if first is None:
                    raise
                raise _already_in(senior, first) from exc
            return _info(row, senior)

    def check_out(
        self, attendance_id: int, actor: Actor, picked_up_by: str = "", at: dt.datetime | None = None
    ) -> AttendanceInfo:
        """签退 at ``at`` (now), on the check-in's day, not before it; ``picked_up_by`` names who took the senior home."""
        require(actor, Permission.DAILY_OPERATIONS)
        now = self._now()
        when = now if at is None else to_minute(at)
        picked = normalize_line(picked_up_by)
        with self._sessions(actor) as session:
            row = _row(session, attendance_id)
            senior = session.get_one(Senior, row.senior_id)
            _refuse_voided(row)
            if row.checked_out_at is not None:
                raise ValidationError(
                    [
                        _error(
                            "checked_out_at",
                            _("{name} was already checked out at {time}").format(
                                name=senior.name, time=clock_text(row.checked_out_at)
                            ),
                        )
                    ]
                )
            errors = []
            if problem := _out_problem(when, row.checked_in_at, row.day, now):
                errors.append(_error("checked_out_at", problem))
            if bad := text_reason(picked, "contact_name"):
                errors.append(_error("picked_up_by", bad))
            if errors:
                raise ValidationError(errors)
            row.checked_out_at, row.picked_up_by = when, picked
            row.updated_at, row.updated_by = stamp(self._clock), actor.username
            session.commit()
            return _info(row, senior)

    def correct_times(
        self,
        attendance_id: int,
        checked_in_at: dt.datetime,
        checked_out_at: dt.datetime | None,
        reason: str,
        actor: Actor,
    ) -> AttendanceInfo:
        """更正时间 with a reason (audited): both times on the record's day, check-out not before check-in.

        ``checked_out_at`` None takes a mistaken check-out back (and who picked the senior up
        with it). Unchanged times write nothing.
        """
        require(actor, Permission.DAILY_OPERATIONS)
        now = self._now()
        reason = normalize_line(reason)
        when_in = to_minute(checked_in_at)
        when_out = to_minute(checked_out_at) if checked_out_at is not None else None
        with self._sessions(actor) as session:
            row = _row(session, attendance_id)
            senior = session.get_one(Senior, row.senior_id)
            _refuse_voided(row)
            errors = []
            if when_in.date() != row.day:
                errors.append(_error("checked_in_at", _on_the_day(row.day)))
            elif when_in > now:
                errors.append(_error("checked_in_at", _("cannot be later than now")))
            if when_out is not None and (problem := _out_problem(when_out, when_in, row.day, now)):
                errors.append(_error("checked_out_at", problem))
            if bad := text_reason(reason, "reason", required=True):
                errors.append(_error("correction_reason", bad))
            if errors:
                raise ValidationError(errors)
            if (when_in, when_out) != (row.checked_in_at, row.checked_out_at):
                row.checked_in_at, row.checked_out_at = when_in, when_out
                if when_out is None:
                    row.picked_up_by = ""
                row.correction_reason = reason
                row.updated_at, row.updated_by = stamp(self._clock), actor.username
                session.commit()
            return _info(row, senior)

    def void(self, attendance_id: int, reason: str, actor: Actor) -> AttendanceInfo:
        """作废 a mistaken check-in with a reason (kept, audited); the senior can then be checked in again."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            row = _row(session, attendance_id)
            void(row, reason)
            row.updated_at, row.updated_by = stamp(self._clock), actor.username
            session.commit()
            return _info(row, session.get_one(Senior, row.senior_id))

    # ---- reading -------------------------------------------------------------------------

    def get(self, attendance_id: int, actor: Actor) -> AttendanceInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            row = _row(session, attendance_id)
            return _info(row, session.get_one(Senior, row.senior_id))

    def expected(self, actor: Actor, center_id: int | None, day: dt.date) -> list[ExpectedSenior]:
        """The seniors the care plans expect at day care on ``day`` (:mod:`carecenter.desk.expected`)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return expected_on(session, day, center_id)

    def board(self, actor: Actor, center_id: int | None, day: dt.date) -> DayCareBoard:
        """The day's board of one center (None: all): who came, who is expected and not come, walk-ins, voided."""
        require(actor, Permission.LOOKUP_SENIORS)
        past = day < self._clock.today()
        stmt = (
            select(Attendance, Senior.name, Senior.member_no, Senior.name_sort, Senior.status)
            .join(Senior, Senior.id == Attendance.senior_id)
            .where(Attendance.day == day)
        )
        if center_id is not None:
            stmt = stmt.where(Attendance.center_id == center_id)
        with self._sessions() as session:
            records = session.execute(stmt).all()
            expected = {e.senior_id: e for e in expected_on(session, day, center_id)}
            statuses = {e.senior_id: e.status for e in expected.values()}
            statuses.update(statuses_on(session, {r[0].senior_id for r in records} - set(expected), day))
        came: list[tuple[tuple[object, ...], BoardRow]] = []
        live: set[int] = set()
        for row, name, member_no, name_sort, current in records:
            status = statuses.get(row.senior_id, current)
            info = _make_info(row, name, member_no, status)
            if row.voided:
                state, key = BoardState.VOIDED, (3, row.checked_in_at, name_sort)
            elif row.checked_out_at is None:
                state, key = BoardState.PRESENT, (0, row.checked_in_at, name_sort)
            else:
                state, key = BoardState.LEFT, (2, row.checked_out_at, name_sort)
            if not row.voided:
                live.add(row.senior_id)
            board_row = BoardRow(row.senior_id, name, member_no, state, row.senior_id in expected, status, info)
            came.append(((*key, row.id), board_row))
        missing = BoardState.ABSENT if past else BoardState.NOT_ARRIVED
        for e in expected.values():
            if e.senior_id not in live:
                board_row = BoardRow(e.senior_id, e.name, e.member_no, missing, True, e.status, None)
                came.append(((1, dt.datetime.min, e.name_sort, e.senior_id), board_row))
        came.sort(key=lambda pair: pair[0])
        return DayCareBoard(day=day, center_id=center_id, past=past, rows=tuple(r for _key, r in came))

    def month(self, actor: Actor, center_id: int | None, month: dt.date) -> list[MonthAttendance]:
        """Per senior who came in ``month`` (of one center, or all), by pinyin; ``MonthTotal.of`` adds them up."""
        require(actor, Permission.LOOKUP_SENIORS)
        first = first_day(month)
        today = self._clock.today()
        stmt = (
            select(
                Attendance.senior_id,
                Attendance.day,
                Attendance.checked_in_at,
                Attendance.checked_out_at,
                Senior.name,
                Senior.member_no,
                Senior.name_sort,
            )
            .join(Senior, Senior.id == Attendance.senior_id)
            .where(Attendance.voided.is_(False), Attendance.day >= first, Attendance.day <= last_day(first))
        )
        if center_id is not None:
            stmt = stmt.where(Attendance.center_id == center_id)
        days: dict[int, int] = defaultdict(int)
        minutes: dict[int, int] = defaultdict(int)
        open_days: dict[int, int] = defaultdict(int)
        who: dict[int, tuple[str, str, str]] = {}
        with self._sessions() as session:
            for senior_id, day, came_in, went_out, name, member_no, name_sort in session.execute(stmt):
                who[senior_id] = (name, member_no, name_sort)
                days[senior_id] += 1
                if went_out is not None:
                    minutes[senior_id] += int((went_out - came_in).total_seconds()) // 60
                elif day < today:
                    open_days[senior_id] += 1
        order = sorted(who, key=lambda i: (who[i][2], i))
        return [MonthAttendance(i, who[i][0], who[i][1], days[i], minutes[i], open_days[i]) for i in order]

    def for_senior(self, actor: Actor, senior_id: int, month: dt.date) -> list[AttendanceInfo]:
        """The senior's check-ins of ``month``, voided ones included, by day."""
        require(actor, Permission.LOOKUP_SENIORS)
        first = first_day(month)
        stmt = (
            select(Attendance)
            .where(Attendance.senior_id == senior_id, Attendance.day >= first, Attendance.day <= last_day(first))
            .order_by(Attendance.day, Attendance.id)
        )
        with self._sessions() as session:
            senior = session.get(Senior, senior_id)
            if senior is None:
                raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
            return [_info(row, senior) for row in session.scalars(stmt)]


# ---- helpers ---------------------------------------------------------------------------------


def _live(session: Session, senior_id: int, day: dt.date) -> Attendance | None:
    """The senior's live (not voided) check-in of ``day``."""
    return session.scalars(
        select(Attendance).where(Attendance.senior_id == senior_id, Attendance.day == day, Attendance.voided.is_(False))
    ).first()


def _row(session: Session, attendance_id: int) -> Attendance:
    row = session.get(Attendance, attendance_id)
    if row is None:
        raise NotFoundError(_("No day-care check-in with number {id}.").format(id=attendance_id))
    return row


def _already_in(senior: Senior, first: Attendance) -> FieldError:
    return _error(
        "senior_id",
        _("{name} already checked in at {time}").format(name=senior.name, time=clock_text(first.checked_in_at)),
    )


def _refuse_voided(row: Attendance) -> None:
    if row.voided:
        raise ValidationError(
            [_error("attendance", _("this check-in was voided ({reason})").format(reason=row.void_reason))]
        )


def _on_the_day(day: dt.date) -> str:
    return _("must be on the day of the check-in ({day})").format(day=day.isoformat())


def _out_problem(when: dt.datetime, checked_in: dt.datetime, day: dt.date, now: dt.datetime) -> str | None:
    """Why a check-out at ``when`` cannot be recorded, or None."""
    if when.date() != day:
        return _("must be on the day of the check-in ({day}); correct the times afterwards").format(day=day.isoformat())
    if when < checked_in:
        return _("cannot be before the check-in at {time}").format(time=clock_text(checked_in))
    if when > now:
        return _("cannot be later than now")
    return None


def _info(row: Attendance, senior: Senior) -> AttendanceInfo:
    return _make_info(row, senior.name, senior.member_no, status_on(senior, row.day) or senior.status)


def _make_info(row: Attendance, name: str, member_no: str, status: Status) -> AttendanceInfo:
    return AttendanceInfo(
        id=row.id,
        senior_id=row.senior_id,
        center_id=row.center_id,
        name=name,
        member_no=member_no,
        senior_status=status,
        day=row.day,
        checked_in_at=row.checked_in_at,
        checked_out_at=row.checked_out_at,
        picked_up_by=row.picked_up_by,
        correction_reason=row.correction_reason,
        voided=row.voided,
        void_reason=row.void_reason,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )
