"""The monthly report's figures, worked out by hand from a small October 2026 (today is 2026-11-22).

The register on 31 October (ages in completed years that day):
张桂兰 80 (born 1946-10-31: turns 80 on the month's last day), 李秀英 79 (born 1946-11-01),
王建国 66, 赵德明 101, 孙小红 56 (under 60), 周新 76 (registered 10 October: new),
吴秀珍 88 (暂停 since September) — 7 seniors. 钱德明 died on 15 October (departed),
郑淑英 withdrew in September and 冯立 registered in November: neither counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.care.assessments import AssessmentInput
from carecenter.care.incidents import IncidentInput
from carecenter.desk.activity_dto import ActivityInput
from carecenter.desk.call_dto import CallInput
from carecenter.domain.desk_vocab import ActivityKind, CallerKind, Payment, Urgency
from carecenter.domain.idnumber import mask
from carecenter.domain.vocab import CareLevel, Category, IncidentKind, StaffPosition, Status
from carecenter.errors import FieldError, NotFoundError
from carecenter.facade import CareCenter
from carecenter.meals.dto import ServeInput
from carecenter.permissions import PermissionDeniedError
from carecenter.reports.monthly_figures import MonthlyPack
from carecenter.seniors.dto import CategoryPeriod, SeniorInput
from carecenter.subsidies.policy import MealType
from tests.core.helpers import an_id
from tests.core.test_instruments import BARTHEL_BEST, GBT_BEST
from tests.core.test_visit_schedule import done, type_id

OCTOBER, NOVEMBER = dt.date(2026, 10, 1), dt.date(2026, 11, 1)
REGISTERED = dt.date(2025, 1, 6)
MILD_66 = {**GBT_BEST, "feeding": 0, "grooming": 0, "bathing": 0, "dress_upper": 0, "dress_lower": 0, "bladder": 0}


def at(day: int, hour: int, minute: int = 0, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


@dataclass(frozen=True)
class October:
    center_id: int
    zhang: int  # 张桂兰, 80 on 31 October, 低保 until that day
    li: int  # 李秀英, 79, 低保 until 30 October
    wang: int  # 王建国, 66
    zhao: int  # 赵德明, 101
    sun: int  # 孙小红, 56
    qian: int  # 钱德明, died 15 October
    zhou: int  # 周新, registered 10 October, 独居
    wu: int  # 吴秀珍, 暂停 since 1 September
    zheng: int  # 郑淑英, withdrew 20 September
    feng: int  # 冯立, registered 5 November


def add(cc: CareCenter, actor: Actor, name: str, birth: dt.date, seq: int, **fields: object) -> int:
    data = SeniorInput(name=name, id_number=an_id(birth, seq), registered_on=REGISTERED, community="文化路社区")
    return cc.seniors.create(replace(data, **fields), actor).id  # type: ignore[arg-type]


def register(cc: CareCenter, admin: Actor) -> October:
    dibao = Category.DIBAO
    s = October(
        center_id=cc.centers.by_code("C001").id,
        zhang=add(cc, admin, "张桂兰", dt.date(1946, 10, 31), 22,
                  categories=(CategoryPeriod(dibao, dt.date(2024, 1, 1), dt.date(2026, 10, 31)),)),
        li=add(cc, admin, "李秀英", dt.date(1946, 11, 1), 24,
               categories=(CategoryPeriod(dibao, dt.date(2024, 1, 1), dt.date(2026, 10, 30)),)),
        wang=add(cc, admin, "王建国", dt.date(1960, 5, 5), 15),
        zhao=add(cc, admin, "赵德明", dt.date(1925, 1, 1), 13),
        sun=add(cc, admin, "孙小红", dt.date(1970, 1, 1), 26),
        qian=add(cc, admin, "钱德明", dt.date(1940, 2, 2), 17),
        zhou=add(cc, admin, "周新", dt.date(1950, 6, 6), 19, registered_on=dt.date(2026, 10, 10),
                 categories=(CategoryPeriod(Category.LIVING_ALONE),)),
        wu=add(cc, admin, "吴秀珍", dt.date(1938, 3, 3), 28),
        zheng=add(cc, admin, "郑淑英", dt.date(1945, 4, 4), 30),
        feng=add(cc, admin, "冯立", dt.date(1948, 7, 7), 31, registered_on=dt.date(2026, 11, 5)),
    )  # fmt: skip
    cc.seniors.change_status(s.qian, Status.DECEASED, dt.date(2026, 10, 15), "病故", admin)
    cc.seniors.change_status(s.wu, Status.PAUSED, dt.date(2026, 9, 1), "住院", admin)
    cc.seniors.change_status(s.zheng, Status.WITHDRAWN, dt.date(2026, 9, 20), "搬到外地", admin)
    return s


def desk_records(cc: CareCenter, admin: Actor, s: October) -> None:
    """Day care, meals, visits, calls, incidents, activities, the birthday party and assessments of October."""
    a = cc.attendance
    a.check_out(a.check_in(s.zhang, admin, at(8, 9)).id, admin, at=at(8, 15))  # 360 min
    a.check_out(a.check_in(s.zhang, admin, at(9, 9)).id, admin, at=at(9, 11, 30))  # 150 min
    a.void(a.check_in(s.zhang, admin, at(10, 9)).id, "签错了人", admin)
    a.check_out(a.check_in(s.li, admin, at(8, 8, 30)).id, admin, at=at(8, 12))  # 210 min
    a.check_in(s.zhou, admin, at(12, 10))  # never checked out
    a.check_in(s.qian, admin, at(30, 9, month=9))  # September: not October
    a.check_in(s.zhang, admin, at(2, 9, month=11))  # November: not October

    courier = cc.staff.create("王师傅", StaffPosition.CAREGIVER, admin).id
    m = cc.meals
    m.serve(ServeInput(s.zhang, MealType.LUNCH, Payment.CASH, day=dt.date(2026, 10, 8)), admin)  # 低保: 5 元
    m.serve(ServeInput(s.li, MealType.LUNCH, Payment.CASH, day=dt.date(2026, 10, 8)), admin)  # 低保 on the 8th: 5 元
    m.serve(ServeInput(s.wang, MealType.LUNCH, Payment.CASH, day=dt.date(2026, 10, 9)), admin)  # 66: 1 元
    m.serve(
        ServeInput(s.zhao, MealType.LUNCH, Payment.CASH, day=dt.date(2026, 10, 9), delivery=True,
                   courier_staff_id=courier), admin,
    )  # 101, delivered: 3 元  # fmt: skip
    voided = m.serve(ServeInput(s.sun, MealType.LUNCH, Payment.CASH, day=dt.date(2026, 10, 9)), admin)
    m.void_serving(voided.id, "重复录入", admin)

    li_na = cc.staff.create("李娜", StaffPosition.CAREGIVER, admin).id
    wang_fang = cc.staff.create("王芳", StaffPosition.CAREGIVER, admin).id
    cleaning, bathing = type_id(cc, "cleaning"), type_id(cc, "bathing")
    cc.visits.record(done(s.wang, cleaning, li_na, dt.date(2026, 10, 5)), admin)  # 90 min
    cc.visits.record(done(s.zhao, cleaning, li_na, dt.date(2026, 10, 6)), admin)  # 90 min
    cc.visits.record(done(s.zhao, bathing, wang_fang, dt.date(2026, 10, 7), (14, 0), (15, 0)), admin)  # 60 min
    wrong = cc.visits.record(done(s.sun, bathing, wang_fang, dt.date(2026, 10, 7)), admin)
    cc.visits.void(wrong.id, "记错了老人", admin)

    cc.calls.log(
        CallInput(CallerKind.FAMILY, "老人摔倒", senior_id=s.zhang, received_at=at(20, 10), urgency=Urgency.URGENT),
        admin,
    )
    cc.calls.log(CallInput(CallerKind.SENIOR, "咨询助餐", senior_id=s.wang, received_at=at(21, 15)), admin)
    cc.incidents.record(s.zhang, IncidentInput(IncidentKind.FALL, dt.date(2026, 10, 20), "在卫生间滑倒"), admin)
    cc.incidents.record(s.zhao, IncidentInput(IncidentKind.HOSPITAL, dt.date(2026, 10, 25), "肺炎住院"), admin)
    cc.incidents.record(s.wang, IncidentInput(IncidentKind.FALL, dt.date(2026, 11, 2), "下楼梯扭伤"), admin)

    play = cc.activities.create(
        ActivityInput(s.center_id, "重阳节联欢", ActivityKind.RECREATION, dt.date(2026, 10, 15)), admin
    )
    cc.activities.set_attendance(play.id, [s.zhang, s.li, s.wang], admin)
    talk = cc.activities.create(
        ActivityInput(s.center_id, "秋季养生讲座", ActivityKind.HEALTH_TALK, dt.date(2026, 10, 16)), admin
    )
    cc.activities.set_attendance(talk.id, [s.zhang], admin)
    party = cc.birthdays.create(s.center_id, OCTOBER, PartyInput(dt.date(2026, 10, 28), "活动室"), admin)
    guest = next(g for g in party.guests if g.senior_id == s.zhang)
    cc.birthdays.set_attendance(guest.id, True, "蛋糕", admin)

    first = cc.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, admin).id
    second = cc.staff.create("王丽", StaffPosition.CAREGIVER, admin).id

    def assess(senior: int, instrument: str, day: dt.date, scores: dict[str, int]) -> None:
        cc.assessments.record(senior, AssessmentInput(instrument, day, first, second, scores), admin)

    assess(s.zhang, "gbt42195", dt.date(2026, 10, 10), MILD_66)  # first ever: new, 轻度失能
    assess(s.li, "gbt42195", dt.date(2026, 3, 1), MILD_66)
    assess(s.li, "gbt42195", dt.date(2026, 10, 12), GBT_BEST)  # again: reassessed, 能力完好
    assess(s.li, "barthel", dt.date(2026, 10, 12), BARTHEL_BEST)
    assess(s.wang, "barthel", dt.date(2026, 10, 13), BARTHEL_BEST)  # new, no care level


@pytest.fixture
def october(center: CareCenter, admin: Actor) -> October:
    s = register(center, admin)
    desk_records(center, admin, s)
    return s


def pack_of(cc: CareCenter, actor: Actor, center_id: int | None, month: dt.date = OCTOBER) -> MonthlyPack:
    return cc.reports.monthly.figures(actor, center_id, month)


# ---- the register ---------------------------------------------------------------------------------


def test_the_register_on_the_months_last_day(center: CareCenter, admin: Actor, october: October) -> None:
    r = pack_of(center, admin, october.center_id).sections[0].summary
    assert r.as_of == dt.date(2026, 10, 31)
    assert (r.registered, r.paused) == (7, 1)
    assert [(b.label, b.count) for b in r.by_age] == [
        ("60岁以下", 1),
        ("60–69岁", 1),
        ("70–79岁", 2),
        ("80–89岁", 2),  # 张桂兰 turns 80 on the 31st, 吴秀珍 88
        ("90–99岁", 0),
        ("100岁及以上", 1),
    ]
    assert r.aged_80_plus == 3
    counted = {c.category: c.count for c in r.by_category}
    assert counted[Category.DIBAO] == 1  # 张桂兰's 低保 is valid on the 31st, 李秀英's ended on the 30th
    assert counted[Category.LIVING_ALONE] == 1
    assert sum(counted.values()) == r.with_category == 2
    assert [(p.name, p.on, p.status) for p in r.new] == [("周新", dt.date(2026, 10, 10), Status.ACTIVE)]
    assert [(p.name, p.on, p.status, p.reason) for p in r.departed] == [
        ("钱德明", dt.date(2026, 10, 15), Status.DECEASED, "病故")
    ]
    assert (r.died, r.withdrew) == (1, 0)


def test_without_anyone_under_60_there_is_no_such_band(center: CareCenter, admin: Actor) -> None:
    add(center, admin, "张桂兰", dt.date(1946, 10, 31), 22)
    r = pack_of(center, admin, None).sections[0].summary
    assert [b.label for b in r.by_age] == ["60–69岁", "70–79岁", "80–89岁", "90–99岁", "100岁及以上"]


def test_ids_are_masked_unless_the_center_and_the_role_allow_them(
    center: CareCenter, admin: Actor, front_desk: Actor, october: October
) -> None:
    number = an_id(dt.date(1950, 6, 6), 19)
    assert pack_of(center, admin, october.center_id).sections[0].summary.new[0].id_number == mask(number)
    center.centers.set_print_full_ids(october.center_id, True, admin)
    assert pack_of(center, admin, october.center_id).sections[0].summary.new[0].id_number == number
    desk = pack_of(center, front_desk, october.center_id)
    assert not desk.full_ids and desk.sections[0].summary.new[0].id_number == mask(number)


# ---- services ------------------------------------------------------------------------------------


def test_day_care_counts_person_times_people_opening_days_and_hours(
    center: CareCenter, admin: Actor, october: October
) -> None:
    d = pack_of(center, admin, october.center_id).sections[0].day_care
    assert (d.visits, d.people, d.opening_days) == (4, 3, 3)  # the voided check-in never counts
    assert d.average_text == "1.3"
    assert (d.minutes, d.hours, d.open_days) == (720, "12.0", 1)
    per_day = {p.day.day: p.count for p in d.per_day}
    assert len(d.per_day) == 31 and (per_day[8], per_day[9], per_day[10], per_day[12]) == (2, 1, 0, 1)


def test_meals_eat_in_delivered_and_the_subsidy(center: CareCenter, admin: Actor, october: October) -> None:
    m = pack_of(center, admin, october.center_id).sections[0].meals
    assert (m.served, m.eat_in, m.delivered, m.seniors) == (4, 3, 1, 4)
    assert (m.subsidy_fen, m.all.price_fen, m.paid_fen) == (1400, 4800, 3400)
    assert [(t.meal_type, t.served) for t in m.by_meal] == [(MealType.LUNCH, 4)]
    assert sum(t.subsidy_fen for t in m.by_tier) == 1400 and sum(t.meals for t in m.by_tier) == 4


def test_visits_per_service_type_and_staff(center: CareCenter, admin: Actor, october: October) -> None:
    v = pack_of(center, admin, october.center_id).sections[0].visits
    shown = {t.code: (t.visits, t.minutes, t.seniors) for t in v.by_type if t.visits}
    assert shown == {"meals": (4, None, 4), "cleaning": (2, 180, 2), "bathing": (1, 60, 1)}
    assert (v.visits, v.home_visits, v.minutes) == (7, 3, 240)
    assert [(p.name, p.visits, p.minutes) for p in v.by_staff] == [("李娜", 2, 180), ("王芳", 1, 60)]


def test_calls_incidents_activities_and_the_party(center: CareCenter, admin: Actor, october: October) -> None:
    s = pack_of(center, admin, october.center_id).sections[0]
    c = s.calls
    assert (c.total, c.urgent, c.closed, c.still_open) == (2, 1, 1, 1)
    assert {k.caller: k.count for k in c.by_caller if k.count} == {CallerKind.FAMILY: 1, CallerKind.SENIOR: 1}
    assert [(i.occurred_on.day, i.name, i.kind) for i in s.incidents.lines] == [
        (20, "张桂兰", IncidentKind.FALL),
        (25, "赵德明", IncidentKind.HOSPITAL),
    ]
    a = s.activities
    assert (a.total.activities, a.total.person_times, a.total.seniors) == (3, 5, 3)  # the party is an activity too
    (party,) = a.parties
    assert (party.held_on, party.invited, party.attended, party.milestones) == (dt.date(2026, 10, 28), 1, 1, 1)


def test_assessments_new_and_reassessed_by_level(center: CareCenter, admin: Actor, october: October) -> None:
    a = pack_of(center, admin, october.center_id).sections[0].assessments
    assert (a.seniors, a.new, a.reassessed, a.forms) == (3, 2, 1, 4)
    levels = {x.level: x.count for x in a.by_level}
    assert levels[CareLevel.MILD] == 1 and levels[CareLevel.INTACT] == 1 and levels[None] == 1
    assert sum(levels.values()) == 3


def test_the_trend_counts_each_month_as_the_month_does(center: CareCenter, admin: Actor, october: October) -> None:
    november = pack_of(center, admin, october.center_id, NOVEMBER).sections[0]
    points = {p.month: (p.day_care, p.meals, p.visits) for p in november.trend}
    assert len(november.trend) == 12 and november.trend[-1].month == NOVEMBER
    assert points[dt.date(2026, 9, 1)] == (1, 0, 0)
    assert points[OCTOBER] == (4, 4, 3)
    assert (
        points[NOVEMBER] == (1, 0, 0) == (november.day_care.visits, november.meals.served, november.visits.home_visits)
    )


# ---- the subsidy roster --------------------------------------------------------------------------


def test_an_unapproved_roster_is_a_preview_with_its_changes(center: CareCenter, admin: Actor, october: October) -> None:
    pack = pack_of(center, admin, october.center_id)
    r = pack.sections[0].roster
    assert not r.approved and not pack.approved and pack.mark == "未审批（预览）"
    # 赵德明 300, 钱德明 100 (paid for the month of death), 吴秀珍 100 (暂停 still counts); 郑淑英 stopped.
    assert sorted((g.name, g.amount_fen) for g in r.grants) == [("吴秀珍", 10000), ("赵德明", 30000), ("钱德明", 10000)]
    (rule,) = r.rules
    assert (rule.rule_code, rule.count, rule.total_fen, rule.before_fen) == ("elderly_allowance", 3, 50000, 60000)
    assert (rule.new, rule.stopped, rule.changed) == (0, 1, 0)
    assert [(c.name, c.kind.value) for c in r.changes] == [("郑淑英", "stopped")]
    assert all(g.id_number == mask(g.id_number) for g in r.grants)


def test_an_approved_roster_is_the_snapshot(center: CareCenter, admin: Actor, october: October) -> None:
    center.subsidy_rosters.approve(admin, october.center_id, OCTOBER)
    pack = pack_of(center, admin, october.center_id)
    assert pack.approved and pack.sections[0].roster.approved and pack.mark == ""
    assert pack.sections[0].roster.total_fen == 50000


# ---- which months, which centers ------------------------------------------------------------------


def test_the_current_month_is_counted_to_today(center: CareCenter, admin: Actor, october: October) -> None:
    pack = pack_of(center, admin, october.center_id, NOVEMBER)
    assert pack.partial and pack.as_of == dt.date(2026, 11, 22)
    assert pack.mark == "截至 2026-11-22  未审批（预览）"
    s = pack.sections[0]
    assert s.summary.registered == 8  # 冯立 registered on 5 November
    assert len(s.day_care.per_day) == 22 and s.incidents.total == 1


def test_refused_months_and_centers(center: CareCenter, admin: Actor, october: October) -> None:
    with pytest.raises(FieldError) as later:
        pack_of(center, admin, october.center_id, dt.date(2026, 12, 1))
    assert later.value.field == "month" and "尚未开始" in str(later.value)
    with pytest.raises(FieldError) as early:
        pack_of(center, admin, october.center_id, dt.date(2024, 12, 1))
    assert early.value.field == "month" and "2025-01-06" in str(early.value)
    with pytest.raises(NotFoundError):
        pack_of(center, admin, 999)


def test_a_center_without_records_reports_only_the_current_month(center: CareCenter, admin: Actor) -> None:
    center_id = center.centers.by_code("C001").id
    with pytest.raises(FieldError, match="本站点还没有任何记录"):
        pack_of(center, admin, center_id, OCTOBER)
    s = pack_of(center, admin, center_id, NOVEMBER).sections[0]
    assert s.summary.registered == 0 and not s.has_services


def test_a_month_without_services_is_honest(center: CareCenter, admin: Actor, october: October) -> None:
    s = pack_of(center, admin, october.center_id, dt.date(2025, 1, 1)).sections[0]
    assert not s.has_services
    assert s.summary.registered == 8 and s.day_care.per_day[0].count == 0  # registered on 6 January 2025


def test_the_district_has_a_section_per_center_and_totals(center: CareCenter, admin: Actor, october: October) -> None:
    other = center.centers.create("黄河路日间照料中心", admin, code="C002").id
    data = SeniorInput(
        name="黄大爷", id_number=an_id(dt.date(1944, 8, 8), 33), registered_on=REGISTERED, center_id=other
    )
    senior = center.seniors.create(data, admin).id
    center.attendance.check_in(senior, admin, at(8, 9))
    pack = pack_of(center, admin, None)
    assert [s.code for s in pack.sections] == ["C001", "C002"] and pack.district is not None
    assert pack.title == "全部站点（2个）"
    assert [s.day_care.visits for s in pack.sections] == [4, 1] and pack.district.day_care.visits == 5
    assert pack.district.summary.registered == 8 and pack.district.day_care.people == 4
    assert pack.district.roster.total_fen == 50000 + 10000  # 黄大爷 is 82: 高龄津贴 100
    only = pack_of(center, admin, other)
    assert only.district is None and only.title == "黄河路日间照料中心"


def test_the_front_desk_sees_the_figures_but_does_not_print_them(
    center: CareCenter, front_desk: Actor, october: October, tmp_path: object
) -> None:
    assert pack_of(center, front_desk, october.center_id).sections[0].day_care.visits == 4
    with pytest.raises(PermissionDeniedError):
        center.reports.monthly.print(front_desk, october.center_id, OCTOBER, tmp_path / "m.pdf")  # type: ignore[operator]
