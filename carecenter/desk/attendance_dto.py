"""What ``cc.attendance`` hands out: one attendance record, the day's board, a month per senior.

Plain frozen values, safe to keep on the UI thread after the session is gone. Times are
naive center time (Asia/Shanghai) to the minute, as stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from carecenter.domain.vocab import Status, Vocab
from carecenter.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "senior_id": N_("Senior"),
    "checked_in_at": N_("Check-in time"),
    "checked_out_at": N_("Check-out time"),
    "picked_up_by": N_("Picked up by"),
    "correction_reason": N_("Reason for the correction"),
    "attendance": N_("Day-care attendance"),
}


def clock_text(at: dt.datetime | None) -> str:
    """08:12; '' for no time."""
    return f"{at:%H:%M}" if at is not None else ""


def hours_text(minutes: int) -> str:
    """Minutes as hours with one decimal, as the monthly tables show them: 135 → 2.3."""
    return f"{minutes / 60:.1f}"


class BoardState(Vocab):
    """Where a senior is on the day's board."""

    PRESENT = "present", N_("At the center")
    LEFT = "left", N_("Left")
    NOT_ARRIVED = "not_arrived", N_("Not arrived")  # expected today (or later), not checked in yet
    ABSENT = "absent", N_("Absent")  # expected on a past day, never came
    VOIDED = "voided", N_("Voided")


@dataclass(frozen=True)
class AttendanceInfo:
    """One check-in (and perhaps its check-out) of one senior on one day."""

    id: int
    senior_id: int
    center_id: int
    name: str
    member_no: str
    senior_status: Status  # on the day: 暂停 is checked in, with a warning at the desk
    day: dt.date
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    picked_up_by: str
    correction_reason: str
    voided: bool
    void_reason: str
    updated_at: dt.datetime
    updated_by: str

    @property
    def checked_out(self) -> bool:
        return self.checked_out_at is not None

    @property
    def minutes(self) -> int | None:
        """Whole minutes at the center; None until checked out."""
        if self.checked_out_at is None:
            return None
        return int((self.checked_out_at - self.checked_in_at).total_seconds()) // 60

    @property
    def paused(self) -> bool:
        return self.senior_status is Status.PAUSED


@dataclass(frozen=True)
class BoardRow:
    """One line of the day's board: a senior who came (or whose check-in was voided), or one expected.

    ``attendance`` is None for an expected senior not checked in; ``expected`` says whether
    the care plan expects the senior that day (a check-in without it is a walk-in, 计划外).
    """

    senior_id: int
    name: str
    member_no: str
    state: BoardState
    expected: bool
    senior_status: Status
    attendance: AttendanceInfo | None

    @property
    def walk_in(self) -> bool:
        return self.attendance is not None and not self.expected and self.state is not BoardState.VOIDED

    @property
    def checked_in_at(self) -> dt.datetime | None:
        return self.attendance.checked_in_at if self.attendance is not None else None

    @property
    def checked_out_at(self) -> dt.datetime | None:
        return self.attendance.checked_out_at if self.attendance is not None else None

    @property
    def picked_up_by(self) -> str:
        return self.attendance.picked_up_by if self.attendance is not None else ""


@dataclass(frozen=True)
class DayCareBoard:
    """The day at day care: who is here, who left, who is expected and not (yet) come, walk-ins.

    Rows come in the order the desk reads them: at the center (by check-in time), expected
    and not come (by pinyin), left (by check-out time), then voided check-ins.
    """

    day: dt.date
    center_id: int | None
    past: bool  # a day before today: expected seniors who did not come are 缺勤, not 未到
    rows: tuple[BoardRow, ...]

    def _count(self, state: BoardState) -> int:
        return sum(1 for r in self.rows if r.state is state)

    @property
    def expected(self) -> int:
        return sum(1 for r in self.rows if r.expected and r.state is not BoardState.VOIDED)

    @property
    def present(self) -> int:
        return self._count(BoardState.PRESENT)

    @property
    def left(self) -> int:
        return self._count(BoardState.LEFT)

    @property
    def not_arrived(self) -> int:
        return self._count(BoardState.NOT_ARRIVED)

    @property
    def absent(self) -> int:
        return self._count(BoardState.ABSENT)

    @property
    def walk_ins(self) -> int:
        return sum(1 for r in self.rows if r.walk_in)

    @property
    def came(self) -> int:
        """Seniors checked in that day (present or left): the day's 人次."""
        return self.present + self.left

    @property
    def counts_text(self) -> str:
        """应到 20 · 在中心 12 · 已离开 3 · 未到 8 · 计划外 1 (缺勤 instead of 未到 on a past day): the page's and the sheet's line."""
        if self.past:
            words = _(
                "Expected {expected} · At the center {present} · Left {left} · Absent {missing} · Walk-ins {walk_ins}"
            )
            missing = self.absent
        else:
            words = _(
                "Expected {expected} · At the center {present} · Left {left} · Not arrived {missing} · Walk-ins {walk_ins}"
            )
            missing = self.not_arrived
        return words.format(
            expected=self.expected, present=self.present, left=self.left, missing=missing, walk_ins=self.walk_ins
        )

    def row_of(self, senior_id: int) -> BoardRow | None:
        """The senior's live line (their voided check-ins aside)."""
        return next((r for r in self.rows if r.senior_id == senior_id and r.state is not BoardState.VOIDED), None)


@dataclass(frozen=True)
class MonthAttendance:
    """One senior's month at day care (voided records never count)."""

    senior_id: int
    name: str
    member_no: str
    days: int  # days checked in
    minutes: int  # total time of the days with a check-out
    open_days: int  # days before today left without a check-out: to be corrected

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)


@dataclass(frozen=True)
class MonthTotal:
    """A center's month: 人次 (live check-ins), unduplicated people, hours, days without a check-out."""

    visits: int
    people: int
    minutes: int
    open_days: int

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)

    @classmethod
    def of(cls, rows: Iterable[MonthAttendance]) -> MonthTotal:
        """The total of the per-senior rows (one live check-in per senior and day, so days add up to 人次)."""
        listed = list(rows)
        return cls(
            visits=sum(r.days for r in listed),
            people=len(listed),
            minutes=sum(r.minutes for r in listed),
            open_days=sum(r.open_days for r in listed),
        )

    def text(self) -> str:
        """人次 42 · 人数 9 · 时长 215.5 小时 · 未签退 2 天."""
        return _("{visits} visits · {people} people · {hours} hours · {open} days without check-out").format(
            visits=self.visits, people=self.people, hours=self.hours, open=self.open_days
        )
