"""Day-care attendance (日间照料): check-in and check-out, corrections and voiding, who the plans expect,
the day's board and the month per senior.

The clock stands at Sunday 22 November 2026, 09:00. November 2026: Monday 16, Tuesday 17,
Wednesday 18, Thursday 19, Friday 20, Saturday 21, Sunday 22.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.care.plan_info import PlanInput, PlannedServiceInput
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.db.desk_models import Attendance
from carecenter.desk.attendance_dto import BoardState, DayCareBoard, MonthTotal
from carecenter.desk.voiding import AlreadyVoidedError
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.errors import FieldError, ValidationError
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_due import senior

MONDAY, TUESDAY, WEDNESDAY, FRIDAY, SATURDAY = (dt.date(2026, 11, d) for d in (16, 17, 18, 20, 21))


# ---- builders (the UI tests use them too) --------------------------------------------------------


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A time of day at the center, as the desk would pass it."""
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def day_care_plan(
    cc: CareCenter,
    actor: Actor,
    senior_id: int,
    weekdays: str = "135",
    *,
    start_on: dt.date = dt.date(2026, 6, 1),
    end_on: dt.date | None = None,
    service_start: dt.date | None = None,
    service_end: dt.date | None = None,
    signed: bool = True,
    type_code: str = "day_care",
) -> None:
    """A care plan with one service of ``type_code`` on ``weekdays`` ("135" = Mon/Wed/Fri), signed today unless a draft."""
    type_info = cc.catalogue.by_code(type_code)
    assert type_info is not None
    service = PlannedServiceInput(
        type_info.id, weekdays=frozenset(int(d) for d in weekdays), start_on=service_start, end_on=service_end
    )
    data = PlanInput(
        needs="独居，白天无人照看",
        goals="按时来中心，参加康复活动",
        start_on=start_on,
        review_on=dt.date(2027, 5, 1),
        end_on=end_on,
        services=(service,),
    )
    draft = cc.care_plans.create(senior_id, data, actor)
    if signed:
        cc.care_plans.sign(draft.id, _social_worker(cc, actor), actor)


def _social_worker(cc: CareCenter, actor: Actor) -> int:
    found = next((s.id for s in cc.staff.list() if s.position is StaffPosition.SOCIAL_WORKER), None)
    return found if found is not None else cc.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, actor).id


def rows_written(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Attendance)).scalar_one())


def board_lines(board: DayCareBoard) -> list[tuple[str, BoardState, str, str, str, bool]]:
    """(name, state, in, out, picked up by, walk-in) per row, top to bottom."""
    return [
        (
            r.name,
            r.state,
            f"{r.checked_in_at:%H:%M}" if r.checked_in_at else "",
            f"{r.checked_out_at:%H:%M}" if r.checked_out_at else "",
            r.picked_up_by,
            r.walk_in,
        )
        for r in board.rows
    ]


def counts(board: DayCareBoard) -> tuple[int, int, int, int, int, int]:
    """(expected, present, left, not arrived, absent, walk-ins)."""
    return (board.expected, board.present, board.left, board.not_arrived, board.absent, board.walk_ins)


@pytest.fixture
def zhang(center: CareCenter, admin: Actor) -> int:
    return senior(center, admin, "张桂兰", 11).id


# ---- check-in --------------------------------------------------------------------------------------


def test_check_in_is_now_at_the_seniors_center(center: CareCenter, front_desk: Actor, zhang: int) -> None:
    info = center.attendance.check_in(zhang, front_desk)
    assert (info.name, info.day, info.checked_in_at, info.checked_out_at) == ("张桂兰", TODAY, at(TODAY, 9), None)
    assert info.center_id == center.centers.by_code("C001").id
    assert (info.senior_status, info.paused, info.minutes, info.voided) == (Status.ACTIVE, False, None, False)
    assert info.updated_by == "test-desk"


def test_a_second_check_in_the_same_day_is_refused_naming_the_first(
    center: CareCenter, front_desk: Actor, zhang: int
) -> None:
    center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8, 12))
    with pytest.raises(FieldError) as refused:
        center.attendance.check_in(zhang, front_desk)
    assert refused.value.reason == "张桂兰 已于 08:12 签到"
    assert refused.value.field == "senior_id"
    assert rows_written(center) == 1
    # Another day is another check-in.
    assert center.attendance.check_in(zhang, front_desk, at=at(SATURDAY, 9)).day == SATURDAY


def test_a_voided_check_in_frees_the_day(center: CareCenter, front_desk: Actor, zhang: int) -> None:
    wrong = center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8, 12))
    with pytest.raises(FieldError) as no_reason:
        center.attendance.void(wrong.id, "  ", front_desk)
    assert no_reason.value.label == "作废原因"
    voided = center.attendance.void(wrong.id, "选错了人", front_desk)
    assert (voided.voided, voided.void_reason) == (True, "选错了人")
    with pytest.raises(AlreadyVoidedError):
        center.attendance.void(wrong.id, "再次作废", front_desk)
    again = center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8, 40))
    assert again.id != wrong.id and again.checked_in_at == at(TODAY, 8, 40)
    assert rows_written(center) == 2
    with pytest.raises(ValidationError) as closed:
        center.attendance.check_out(wrong.id, front_desk)
    assert str(closed.value) == "日间照料签到：此签到已作废（选错了人）"


def test_check_in_times_are_minutes_never_in_the_future(center: CareCenter, front_desk: Actor, zhang: int) -> None:
    with pytest.raises(FieldError) as future:
        center.attendance.check_in(zhang, front_desk, at=at(TODAY, 9, 1))
    assert str(future.value) == "签到时间：不能晚于现在"
    assert rows_written(center) == 0
    # An aware time is the center's time; seconds are dropped.
    utc = dt.datetime(2026, 11, 22, 0, 31, 59, tzinfo=dt.UTC)
    assert center.attendance.check_in(zhang, front_desk, at=utc).checked_in_at == at(TODAY, 8, 31)


def test_a_withdrawn_senior_is_refused_a_paused_one_checked_in(
    center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    gone = senior(center, admin, "王秀英", 12).id
    away = senior(center, admin, "李建国", 13).id
    center.seniors.change_status(gone, Status.WITHDRAWN, dt.date(2026, 11, 20), "搬去外地", admin)
    center.seniors.change_status(away, Status.PAUSED, dt.date(2026, 11, 1), "住院", admin)
    with pytest.raises(FieldError) as refused:
        center.attendance.check_in(gone, front_desk)
    assert refused.value.reason == "王秀英在2026-11-22为“退出”状态，不能记录服务"
    assert rows_written(center) == 0
    # Before the withdrawal she still came.
    assert center.attendance.check_in(gone, front_desk, at=at(dt.date(2026, 11, 19), 8)).senior_status is Status.ACTIVE
    paused = center.attendance.check_in(away, front_desk)
    assert (paused.senior_status, paused.paused) == (Status.PAUSED, True)


# ---- check-out -------------------------------------------------------------------------------------


def test_check_out_records_who_picked_the_senior_up(center: CareCenter, front_desk: Actor, zhang: int) -> None:
    came = center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8, 12))
    left = center.attendance.check_out(came.id, front_desk, picked_up_by="  女儿 李红 ")
    assert (left.checked_out_at, left.picked_up_by, left.minutes) == (at(TODAY, 9), "女儿 李红", 48)
    with pytest.raises(ValidationError) as twice:
        center.attendance.check_out(came.id, front_desk)
    assert twice.value.for_field("checked_out_at") is not None
    assert str(twice.value) == "签退时间：张桂兰 已于 09:00 签退"


def test_check_out_before_check_in_or_on_another_day_is_refused(
    center: CareCenter, front_desk: Actor, zhang: int
) -> None:
    came = center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8, 12))
    with pytest.raises(ValidationError) as early:
        center.attendance.check_out(came.id, front_desk, at=at(TODAY, 8, 11))
    assert str(early.value) == "签退时间：不能早于签到时间 08:12"
    with pytest.raises(ValidationError) as long_name:
        center.attendance.check_out(came.id, front_desk, picked_up_by="李" * 31)
    assert long_name.value.for_field("picked_up_by") is not None
    assert center.attendance.get(came.id, front_desk).checked_out_at is None
    # At the minute of the check-in is allowed: zero minutes.
    assert center.attendance.check_out(came.id, front_desk, at=at(TODAY, 8, 12)).minutes == 0

    yesterday = center.attendance.check_in(zhang, front_desk, at=at(SATURDAY, 8))
    with pytest.raises(ValidationError) as next_day:
        center.attendance.check_out(yesterday.id, front_desk)  # now is Sunday: forgotten on Saturday
    assert str(next_day.value) == "签退时间：须在签到当天（2026-11-21）；请用更正时间补记"


# ---- corrections -----------------------------------------------------------------------------------


def test_correcting_times_needs_a_reason_and_is_audited(
    center: CareCenter, admin: Actor, front_desk: Actor, zhang: int
) -> None:
    came = center.attendance.check_in(zhang, front_desk, at=at(SATURDAY, 8, 12))
    with pytest.raises(ValidationError) as no_reason:
        center.attendance.correct_times(came.id, at(SATURDAY, 8, 2), at(SATURDAY, 16, 30), " ", front_desk)
    error = no_reason.value.for_field("correction_reason")
    assert error is not None and error.label == "更正原因"
    assert center.attendance.get(came.id, front_desk).checked_in_at == at(SATURDAY, 8, 12)

    fixed = center.attendance.correct_times(
        came.id, at(SATURDAY, 8, 2), at(SATURDAY, 16, 30), "签退时忘记登记", front_desk
    )
    assert (fixed.checked_in_at, fixed.checked_out_at, fixed.minutes) == (at(SATURDAY, 8, 2), at(SATURDAY, 16, 30), 508)
    assert fixed.correction_reason == "签退时忘记登记"
    trail = {
        line.field: (line.before, line.after)
        for line in center.audit.lines(admin, AuditFilter(actor="test-desk"))
        if line.entity == "attendance" and line.action == "update"
    }
    assert trail["checked_in_at"] == ("2026-11-21 08:12:00", "2026-11-21 08:02:00")
    assert trail["checked_out_at"] == ("", "2026-11-21 16:30:00")
    assert trail["correction_reason"] == ("", "签退时忘记登记")


def test_corrected_times_stay_on_the_day_in_order(center: CareCenter, front_desk: Actor, zhang: int) -> None:
    came = center.attendance.check_in(zhang, front_desk, at=at(SATURDAY, 8, 12))
    with pytest.raises(ValidationError) as backwards:
        center.attendance.correct_times(came.id, at(SATURDAY, 9), at(SATURDAY, 8, 30), "时间填反了", front_desk)
    assert str(backwards.value) == "签退时间：不能早于签到时间 09:00"
    with pytest.raises(ValidationError) as other_day:
        center.attendance.correct_times(came.id, at(FRIDAY, 9), None, "日期不对", front_desk)
    assert str(other_day.value) == "签到时间：须在签到当天（2026-11-21）"
    with pytest.raises(ValidationError) as off_day_out:
        center.attendance.correct_times(came.id, at(SATURDAY, 9), at(TODAY, 9), "日期不对", front_desk)
    assert off_day_out.value.for_field("checked_out_at") is not None
    # Taking a mistaken check-out back clears who picked the senior up.
    center.attendance.check_out(came.id, front_desk, "儿子", at=at(SATURDAY, 11))
    back = center.attendance.correct_times(came.id, at(SATURDAY, 8, 12), None, "签退点错了人", front_desk)
    assert (back.checked_out_at, back.picked_up_by) == (None, "")


# ---- who is expected -------------------------------------------------------------------------------


def test_expected_from_the_plans_day_care_weekdays(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    ids = {
        name: senior(center, admin, name, n).id
        for n, name in enumerate(["张桂兰", "王秀英", "李建国", "赵淑珍", "陈玉兰", "刘凤英", "孙志强"], 21)
    }
    day_care_plan(center, admin, ids["张桂兰"], "135")
    day_care_plan(center, admin, ids["王秀英"], "135", start_on=dt.date(2026, 11, 18))  # the plan from Wednesday
    day_care_plan(center, admin, ids["李建国"], "135", service_start=dt.date(2026, 11, 17))  # the service from Tuesday
    day_care_plan(center, admin, ids["赵淑珍"], "135", signed=False)  # a draft
    day_care_plan(center, admin, ids["陈玉兰"], "135")
    center.seniors.change_status(ids["陈玉兰"], Status.WITHDRAWN, dt.date(2026, 11, 19), "搬去外地", admin)
    day_care_plan(center, admin, ids["刘凤英"], "135", type_code="bathing")  # not day care
    day_care_plan(center, admin, ids["孙志强"], "24", end_on=dt.date(2026, 11, 18))  # ended Wednesday

    def names(day: dt.date) -> list[str]:
        return [e.name for e in center.attendance.expected(front_desk, None, day)]

    assert names(MONDAY) == ["陈玉兰", "张桂兰"]
    assert names(TUESDAY) == ["孙志强"]
    assert names(WEDNESDAY) == ["陈玉兰", "李建国", "王秀英", "张桂兰"]  # 陈玉兰 withdrew the day after
    assert names(dt.date(2026, 11, 19)) == []  # Thursday: 孙志强's plan ended the day before
    assert names(FRIDAY) == ["李建国", "王秀英", "张桂兰"]
    assert names(SATURDAY) == []


def test_expected_of_one_center_only(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    home = center.centers.by_code("C001").id
    other = center.centers.create("燕庄日间照料中心", admin, code="C002")
    here = senior(center, admin, "张桂兰", 11, center_id=home).id
    there = senior(center, admin, "王秀英", 12, center_id=other.id).id
    for senior_id in (here, there):
        day_care_plan(center, admin, senior_id, "1")
    assert [e.name for e in center.attendance.expected(front_desk, home, MONDAY)] == ["张桂兰"]
    assert [e.name for e in center.attendance.expected(front_desk, other.id, MONDAY)] == ["王秀英"]
    assert len(center.attendance.expected(front_desk, None, MONDAY)) == 2


# ---- the board --------------------------------------------------------------------------------------


@pytest.fixture
def sunday(center: CareCenter, admin: Actor, front_desk: Actor) -> dict[str, int]:
    """Sunday's day care: four expected (one voided by mistake), one walk-in, one gone home."""
    ids = {
        name: senior(center, admin, name, n).id
        for n, name in enumerate(["张桂兰", "王秀英", "李建国", "赵淑珍", "陈玉兰"], 31)
    }
    for name in ("张桂兰", "李建国", "陈玉兰"):
        day_care_plan(center, admin, ids[name], "7")
    day_care_plan(center, admin, ids["王秀英"], "67")
    attend = center.attendance
    attend.check_in(ids["张桂兰"], front_desk, at=at(TODAY, 8, 12))
    wang = attend.check_in(ids["王秀英"], front_desk, at=at(TODAY, 8, 30))
    attend.check_out(wang.id, front_desk, "女儿 李红", at=at(TODAY, 8, 50))
    attend.check_in(ids["赵淑珍"], front_desk, at=at(TODAY, 8, 45))
    wrong = attend.check_in(ids["陈玉兰"], front_desk, at=at(TODAY, 8))
    attend.void(wrong.id, "选错了人", front_desk)
    return ids


def test_todays_board(center: CareCenter, front_desk: Actor, sunday: dict[str, int]) -> None:
    board = center.attendance.board(front_desk, center.centers.by_code("C001").id, TODAY)
    assert board_lines(board) == [
        ("张桂兰", BoardState.PRESENT, "08:12", "", "", False),
        ("赵淑珍", BoardState.PRESENT, "08:45", "", "", True),
        ("陈玉兰", BoardState.NOT_ARRIVED, "", "", "", False),
        ("李建国", BoardState.NOT_ARRIVED, "", "", "", False),
        ("王秀英", BoardState.LEFT, "08:30", "08:50", "女儿 李红", False),
        ("陈玉兰", BoardState.VOIDED, "08:00", "", "", False),
    ]
    assert counts(board) == (4, 2, 1, 2, 0, 1)
    assert (board.past, board.came) == (False, 3)
    row = board.row_of(sunday["陈玉兰"])
    assert row is not None and row.state is BoardState.NOT_ARRIVED


def test_a_past_days_board_says_absent(center: CareCenter, front_desk: Actor, sunday: dict[str, int]) -> None:
    board = center.attendance.board(front_desk, None, SATURDAY)
    assert board_lines(board) == [("王秀英", BoardState.ABSENT, "", "", "", False)]
    assert counts(board) == (1, 0, 0, 0, 1, 0)
    assert board.past


def test_the_board_is_a_few_queries_whatever_the_number_of_seniors(
    center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    from sqlalchemy import event

    for n, name in enumerate("张王李赵陈刘杨黄周吴徐孙"):
        s = senior(center, admin, f"{name}秀英", 100 + n).id
        day_care_plan(center, admin, s, "7")
        if n % 2:
            center.attendance.check_in(s, front_desk, at=at(TODAY, 8, n))
    statements: list[str] = []
    event.listen(center.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    board = center.attendance.board(front_desk, None, TODAY)
    assert counts(board) == (12, 6, 0, 6, 0, 0)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 4


# ---- the month -------------------------------------------------------------------------------------


def test_month_counts_days_and_hours_at_the_month_edges(
    center: CareCenter, admin: Actor, front_desk: Actor, zhang: int
) -> None:
    chen = senior(center, admin, "陈玉兰", 12).id
    attend = center.attendance
    for day, hours in (
        (dt.date(2026, 9, 30), (8, 16)),  # the month before
        (dt.date(2026, 10, 1), (8, 16)),  # 480 minutes
        (dt.date(2026, 10, 31), (9, 12)),  # 180 minutes
        (dt.date(2026, 11, 1), (8, 16)),  # the month after
    ):
        came = attend.check_in(zhang, front_desk, at=at(day, hours[0]))
        attend.check_out(came.id, front_desk, at=at(day, hours[1], 50 if day.day == 31 else 0))
    attend.check_in(chen, front_desk, at=at(dt.date(2026, 10, 15), 8, 30))  # never checked out
    wrong = attend.check_in(chen, front_desk, at=at(dt.date(2026, 10, 16), 8))
    attend.void(wrong.id, "不是今天来的", front_desk)

    rows = attend.month(front_desk, None, dt.date(2026, 10, 1))
    assert [(r.name, r.days, r.minutes, r.hours, r.open_days) for r in rows] == [
        ("陈玉兰", 1, 0, "0.0", 1),
        ("张桂兰", 2, 710, "11.8", 0),
    ]
    total = MonthTotal.of(rows)
    assert (total.visits, total.people, total.minutes, total.hours, total.open_days) == (3, 2, 710, "11.8", 1)
    assert total.text() == "人次 3 · 人数 2 · 时长 11.8 小时 · 未签退 1 天"
    history = attend.for_senior(front_desk, chen, dt.date(2026, 10, 1))
    assert [(h.day.day, h.voided) for h in history] == [(15, False), (16, True)]


def test_today_still_here_is_not_a_missing_check_out(center: CareCenter, front_desk: Actor, zhang: int) -> None:
    center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8))
    rows = center.attendance.month(front_desk, center.centers.by_code("C001").id, TODAY)
    assert [(r.days, r.minutes, r.open_days) for r in rows] == [(1, 0, 0)]


def test_the_clock_moving_on_turns_not_arrived_into_absent(
    center: CareCenter, clock: FixedClock, admin: Actor, front_desk: Actor, zhang: int
) -> None:
    day_care_plan(center, admin, zhang, "7")
    assert counts(center.attendance.board(front_desk, None, TODAY))[3:5] == (1, 0)
    clock.current = dt.datetime(2026, 11, 23, 8, tzinfo=CENTER_TZ)
    assert counts(center.attendance.board(front_desk, None, TODAY))[3:5] == (0, 1)
