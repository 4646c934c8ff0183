"""The care summary's data (``cc.reports.care_summary.summary``): exact values from one hand-built senior.

The clock stands at Sunday 22 November 2026, 09:00. The services window is 1 September –
22 November 2026 (the current month and the two before it); the incidents window is
23 November 2025 – 22 November 2026.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.care.assessments import AssessmentInput
from carecenter.care.health import HealthInput, MedicationEntry
from carecenter.care.incidents import IncidentInput
from carecenter.care.instruments import BARTHEL, GBT42195
from carecenter.clock import FixedClock
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.idnumber import mask
from carecenter.domain.vocab import Category, DietFlag, IncidentKind
from carecenter.errors import FieldError, NotFoundError
from carecenter.facade import CareCenter
from carecenter.meals.dto import ServeInput
from carecenter.permissions import PermissionDeniedError
from carecenter.reports.care_summary_dto import Trend
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from tests.core.helpers import an_id
from tests.core.test_attendance import at
from tests.core.test_visit_schedule import Team, done, home_plan, monthly, team, type_id, weekly

D = dt.date
BIRTH = D(1940, 5, 1)
ID_NUMBER = an_id(BIRTH, 42)  # sequence 042: a woman


def gbt_scores(total: int) -> dict[str, int]:
    """GB/T 42195 scores adding up to ``total``: every item at its best, then points taken off in form order."""
    scores = {item.code: item.max_score for item in GBT42195.items}
    missing = GBT42195.max_total - total
    for item in GBT42195.items:
        taken = min(missing, scores[item.code])
        scores[item.code] -= taken
        missing -= taken
    return scores


def barthel_scores(total: int) -> dict[str, int]:
    """Barthel scores adding up to ``total`` (a multiple of 5): items at their best, then lowered by allowed steps."""
    scores = {item.code: item.max_score for item in BARTHEL.items}
    missing = BARTHEL.max_total - total
    for item in BARTHEL.items:
        for allowed in sorted(item.scores):
            if scores[item.code] - allowed <= missing:
                missing -= scores[item.code] - allowed
                scores[item.code] = allowed
                break
    assert missing == 0
    return scores


def assess(
    cc: CareCenter, actor: Actor, crew: Team, senior_id: int, day: D, scores: Mapping[str, int], form: str
) -> None:
    cc.assessments.record(senior_id, AssessmentInput(form, day, crew.li, crew.social, scores), actor)


@dataclass(frozen=True)
class Family:
    senior_id: int
    crew: Team


def zhang_guilan(cc: CareCenter, admin: Actor, clock: FixedClock) -> Family:
    """张桂兰, 86, 低保 and living alone, with a year of care behind her (see each step's comment)."""
    crew = team(cc, admin)
    data = SeniorInput(
        name="张桂兰",
        id_number=ID_NUMBER,
        registered_on=D(2020, 1, 6),
        phones=("13803710001",),
        address="金水区文化路 97 号院 3 号楼 2 单元 401",
        community="文化路社区",
        categories=(
            CategoryPeriod(Category.DIBAO, D(2026, 1, 1), D(2026, 12, 31)),
            CategoryPeriod(Category.LIVING_ALONE),
            CategoryPeriod(Category.EMPTY_NEST, None, D(2025, 12, 31)),  # ended: not in force
        ),
        contacts=(Contact("李红", "女儿", "13903710002"), Contact("李强", "儿子", "13703710003")),
    )
    sid = cc.seniors.create(data, admin).id
    cc.health.update(
        sid,
        HealthInput(
            conditions=("高血压", "2型糖尿病"),
            medications=(MedicationEntry("硝苯地平缓释片", "1 片", "每日早饭后"),),
            allergies="青霉素、花生",
            diet_flags=frozenset({DietFlag.LOW_SALT, DietFlag.DIABETIC}),
            diet_notes="不吃辣",
            family_doctor="王医生",
            family_doctor_phone="0371-63900000",
            fall_risk=True,
        ),
        admin,
    )
    # Assessments: GB/T 42195 in April (70: 轻度失能) and October (58: 中度失能); a Barthel in between.
    assess(cc, admin, crew, sid, D(2026, 4, 10), gbt_scores(70), GBT42195.code)
    assess(cc, admin, crew, sid, D(2026, 10, 10), gbt_scores(58), GBT42195.code)
    assess(cc, admin, crew, sid, D(2026, 10, 12), barthel_scores(60), BARTHEL.code)
    # The plan in force: day care Mon/Wed/Fri, cleaning on Tuesdays by 李娜, bathing twice a month by 王芳.
    home_plan(
        cc,
        admin,
        crew.social,
        sid,
        weekly(cc, "day_care", {1, 3, 5}),
        weekly(cc, "cleaning", {2}, crew.li),
        monthly(cc, "bathing", 2, crew.wang),
    )
    # Day care: 31 August (outside), 1 September 8–16, 14 October 9–11:30, 20 November 8–12, today since 8:30.
    for day, came, left in (
        (D(2026, 8, 31), (8, 0), (16, 0)),
        (D(2026, 9, 1), (8, 0), (16, 0)),
        (D(2026, 10, 14), (9, 0), (11, 30)),
        (D(2026, 11, 20), (8, 0), (12, 0)),
    ):
        checked = cc.attendance.check_in(sid, admin, at=at(day, *came))
        cc.attendance.check_out(checked.id, admin, at=at(day, *left))
    wrong = cc.attendance.check_in(sid, admin, at=at(D(2026, 11, 18), 8))
    cc.attendance.void(wrong.id, "刷错卡了", admin)
    cc.attendance.check_in(sid, admin, at=at(D(2026, 11, 22), 8, 30))
    # Lunches: eaten in on 31 August (outside), 1 September, 15 October and today; delivered on 10 November.
    for day in (D(2026, 8, 31), D(2026, 9, 1), D(2026, 10, 15), D(2026, 11, 22)):
        cc.meals.serve(ServeInput(sid, payment=Payment.CASH, day=day), admin)
    cc.meals.serve(
        ServeInput(sid, payment=Payment.CASH, day=D(2026, 11, 10), delivery=True, courier_staff_id=crew.wang), admin
    )
    # Home visits: cleaning 31 August (outside), 1 September 90 min, 17 November 60 min; bathing 20 October 45 min;
    # a cleaning visit on 5 October voided.
    cleaning, bathing = type_id(cc, "cleaning"), type_id(cc, "bathing")
    cc.visits.record(done(sid, cleaning, crew.li, D(2026, 8, 31)), admin)
    cc.visits.record(done(sid, cleaning, crew.li, D(2026, 9, 1)), admin)
    cc.visits.record(done(sid, cleaning, crew.li, D(2026, 11, 17), end=(10, 0)), admin)
    cc.visits.record(done(sid, bathing, crew.wang, D(2026, 10, 20), end=(9, 45)), admin)
    mistake = cc.visits.record(done(sid, cleaning, crew.li, D(2026, 10, 5)), admin)
    cc.visits.void(mistake.id, "记错老人了", admin)
    # Incidents: a fall on 22 November 2025 (one day too old), a fall on 23 November 2025, a hospital stay in September.
    for kind, day, ended, what in (
        (IncidentKind.FALL, D(2025, 11, 22), None, "卫生间滑倒"),
        (IncidentKind.FALL, D(2025, 11, 23), None, "下楼梯时摔倒，膝盖擦伤"),
        (IncidentKind.HOSPITAL, D(2026, 9, 15), D(2026, 9, 20), "肺炎住院"),
    ):
        cc.incidents.record(sid, IncidentInput(kind, day, what, "通知女儿，陪同就医", ended), admin)
    return Family(sid, crew)


@pytest.fixture
def family(center: CareCenter, admin: Actor, clock: FixedClock) -> Family:
    return zhang_guilan(center, admin, clock)


# ---- who she is ------------------------------------------------------------------------------------


def test_profile_contacts_and_categories_in_words(center: CareCenter, social_worker: Actor, family: Family) -> None:
    s = center.reports.care_summary.summary(social_worker, family.senior_id)
    p = s.profile
    assert (p.name, p.gender, p.age, p.birth_date, p.member_no) == ("张桂兰", "女", 86, BIRTH, "M000001")
    assert p.id_number == mask(ID_NUMBER) and not s.full_id
    assert (p.community, p.residence, p.status, p.status_since) == ("文化路社区", "本地", "在册", D(2020, 1, 6))
    assert p.phones == ("13803710001",) and p.address.startswith("金水区文化路 97 号院")
    assert p.care_level == "中度失能"
    assert [(c.name, c.relation, c.phone) for c in s.contacts] == [
        ("李红", "女儿", "13903710002"),
        ("李强", "儿子", "13703710003"),
    ]
    assert [(c.name, c.valid_from, c.valid_to) for c in s.categories] == [
        ("低保", D(2026, 1, 1), D(2026, 12, 31)),
        ("独居", None, None),
    ]
    assert (s.center.name, s.center.phone, s.as_of) == ("文化路日间照料中心", "0371-63912345", D(2026, 11, 22))


def test_health_diet_and_allergies(center: CareCenter, social_worker: Actor, family: Family) -> None:
    h = center.reports.care_summary.summary(social_worker, family.senior_id).health
    assert h.allergies == "青霉素、花生"
    assert h.diet == ("糖尿病餐", "低盐") and h.diet_notes == "不吃辣"
    assert h.conditions == ("高血压", "2型糖尿病")
    assert [(m.name, m.dose, m.schedule) for m in h.medications] == [("硝苯地平缓释片", "1 片", "每日早饭后")]
    assert h.risks == ("跌倒风险",)
    assert (h.family_doctor, h.family_doctor_phone) == ("王医生", "0371-63900000")


# ---- assessments and the plan ------------------------------------------------------------------------


def test_latest_assessment_and_its_trend(center: CareCenter, social_worker: Actor, family: Family) -> None:
    a = center.reports.care_summary.summary(social_worker, family.senior_id).assessments
    assert a.latest is not None and a.previous is not None
    # The GB/T 42195 assessment leads (it gives the care level), though a Barthel came two days later.
    latest = a.latest
    assert (latest.assessed_on, latest.instrument, latest.total, latest.max_total, latest.level) == (
        D(2026, 10, 10),
        "老年人能力评估（GB/T 42195-2022）",
        58,
        90,
        "中度失能",
    )
    assert latest.assessors == "李娜、刘社工" and latest.adjusted_because == ()
    assert (a.previous.assessed_on, a.previous.total, a.previous.level) == (D(2026, 4, 10), 70, "轻度失能")
    assert a.trend is Trend.WORSE and a.trend.label == "下降"
    assert [(h.assessed_on.isoformat(), h.total, h.level) for h in a.history] == [
        ("2026-10-12", 60, "中度依赖"),
        ("2026-10-10", 58, "中度失能"),
        ("2026-04-10", 70, "轻度失能"),
    ]


def test_trend_improved_and_stable(center: CareCenter, admin: Actor, social_worker: Actor, family: Family) -> None:
    summaries = center.reports.care_summary
    assess(center, admin, family.crew, family.senior_id, D(2026, 11, 20), gbt_scores(62), GBT42195.code)
    a = summaries.summary(social_worker, family.senior_id).assessments
    assert (a.trend, a.latest and a.latest.total) == (Trend.STABLE, 62)  # 58 → 62: still 中度失能
    assess(center, admin, family.crew, family.senior_id, D(2026, 11, 21), gbt_scores(80), GBT42195.code)
    a = summaries.summary(social_worker, family.senior_id).assessments
    assert (a.trend, a.latest and a.latest.level) == (Trend.BETTER, "轻度失能")
    assert a.previous is not None and a.previous.assessed_on == D(2026, 11, 20)


def test_the_plan_in_force_with_its_services(center: CareCenter, social_worker: Actor, family: Family) -> None:
    plan = center.reports.care_summary.summary(social_worker, family.senior_id).plan
    assert plan is not None
    assert (plan.goals, plan.needs) == ("每周上门服务", "独居，行动不便")
    assert (plan.start_on, plan.review_on, plan.end_on) == (D(2026, 10, 1), D(2027, 5, 1), None)
    assert (plan.signed_by, plan.signed_on) == ("刘社工", D(2026, 11, 22))
    assert [(s.service, s.schedule, s.staff) for s in plan.services] == [
        ("日间托老", "周一、三、五", ""),
        ("助洁", "周二", "李娜"),
        ("助浴", "每月 2 次", "王芳"),
    ]


# ---- services, incidents, subsidies -------------------------------------------------------------------


def test_services_of_the_last_three_months_counted_at_the_edges(
    center: CareCenter, social_worker: Actor, family: Family
) -> None:
    r = center.reports.care_summary.summary(social_worker, family.senior_id).services
    assert (r.first, r.last) == (D(2026, 9, 1), D(2026, 11, 22))
    assert r.months == (D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1))
    # 31 August never counts; 1 September and today do; voided records never count.
    assert [(row.name, row.unit, row.per_month, row.total, row.minutes) for row in r.rows] == [
        ("日间托老", "天", (1, 1, 2), 4, 480 + 150 + 240),  # today's stay has no check-out yet
        ("助餐（堂食）", "餐", (1, 1, 1), 3, None),
        ("助餐（送餐）", "餐", (0, 0, 1), 1, None),
        ("助洁", "次", (1, 0, 1), 2, 90 + 60),
        ("助浴", "次", (0, 1, 0), 1, 45),
    ]


def test_incidents_of_the_last_twelve_months(center: CareCenter, social_worker: Actor, family: Family) -> None:
    i = center.reports.care_summary.summary(social_worker, family.senior_id).incidents
    assert (i.first, i.last) == (D(2025, 11, 23), D(2026, 11, 22))
    assert [(x.occurred_on, x.ended_on, x.kind, x.description) for x in i.lines] == [
        (D(2026, 9, 15), D(2026, 9, 20), "住院", "肺炎住院"),
        (D(2025, 11, 23), None, "跌倒", "下楼梯时摔倒，膝盖擦伤"),
    ]


def test_subsidies_this_month_with_their_reasons(center: CareCenter, social_worker: Actor, family: Family) -> None:
    sub = center.reports.care_summary.summary(social_worker, family.senior_id).subsidies
    assert (sub.month, sub.approved) == (D(2026, 11, 1), False)
    granted = {line.name: (line.amount_fen, line.per_meal) for line in sub.lines if line.granted}
    assert granted == {"高龄津贴": (10000, False), "居家养老服务补贴": (10000, False), "助餐补贴": (500, True)}
    assert all(line.reason for line in sub.lines)


def test_a_senior_with_nothing_recorded(center: CareCenter, admin: Actor, social_worker: Actor) -> None:
    sid = center.seniors.create(SeniorInput("王秀英", an_id(D(1950, 3, 2), 44), registered_on=D(2026, 11, 1)), admin).id
    s = center.reports.care_summary.summary(social_worker, sid)
    assert (s.contacts, s.categories, s.plan, s.services.rows, s.incidents.lines) == ((), (), None, (), ())
    assert (s.assessments.latest, s.assessments.trend, s.assessments.history) == (None, None, ())
    assert (s.health.allergies, s.health.diet, s.health.medications) == ("", (), ())
    assert s.profile.care_level == "未评估"


# ---- who may read it, IDs, finding the senior ------------------------------------------------------------


def test_full_id_only_with_the_setting_and_printouts_are_audited(
    center: CareCenter, admin: Actor, social_worker: Actor, family: Family, tmp_path: Path
) -> None:
    summaries = center.reports.care_summary
    summaries.print(social_worker, family.senior_id, tmp_path / "masked.pdf")
    assert not [line for line in center.audit.lines(admin, AuditFilter()) if line.entity == "care_summary"]
    center.centers.set_print_full_ids(center.centers.by_code("C001").id, True, admin)
    s = summaries.summary(social_worker, family.senior_id)
    assert (s.profile.id_number, s.full_id) == (ID_NUMBER, True)
    summaries.print(social_worker, family.senior_id, tmp_path / "full.pdf")
    (line,) = [line for line in center.audit.lines(admin, AuditFilter()) if line.entity == "care_summary"]
    assert (line.action, line.senior_id, line.actor, line.entity_label) == (
        "print",
        family.senior_id,
        "test-social",
        "照护小结",
    )
    assert "张桂兰" in line.after and "M000001" in line.after and "full.pdf" in line.after


def test_the_front_desk_may_not_and_unknown_seniors_are_named(
    center: CareCenter, front_desk: Actor, social_worker: Actor, family: Family
) -> None:
    with pytest.raises(PermissionDeniedError):
        center.reports.care_summary.summary(front_desk, family.senior_id)
    with pytest.raises(NotFoundError) as unknown:
        center.reports.care_summary.summary(social_worker, 999)
    assert str(unknown.value) == "找不到编号为 999 的老人记录。"


@pytest.mark.parametrize(
    "typed",
    [
        ID_NUMBER,
        ID_NUMBER.lower(),
        " ".join([ID_NUMBER[:6], ID_NUMBER[6:14], ID_NUMBER[14:]]),
        "m000001",
        "Ｍ０００００１",
    ],
)
def test_find_by_id_number_or_member_number(
    center: CareCenter, social_worker: Actor, family: Family, typed: str
) -> None:
    assert center.reports.care_summary.find(social_worker, typed) == family.senior_id


def test_find_full_width_and_old_15_digit_ids(center: CareCenter, admin: Actor, social_worker: Actor) -> None:
    old = an_id(D(1950, 3, 1), 43)  # a man's ID, registered as 18 digits
    sid = center.seniors.create(SeniorInput("李建国", old, registered_on=D(2020, 1, 6)), admin).id
    fifteen = old[:6] + old[8:17]
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in old)
    assert center.reports.care_summary.find(social_worker, fifteen) == sid
    assert center.reports.care_summary.find(social_worker, full_width) == sid


def test_find_refuses_with_a_precise_message(center: CareCenter, social_worker: Actor, family: Family) -> None:
    finder = center.reports.care_summary
    nobody = an_id(D(1950, 3, 2), 46)
    with pytest.raises(NotFoundError) as unknown:
        finder.find(social_worker, nobody)
    assert str(unknown.value) == f"没有身份证号为 {nobody} 的老人。"
    with pytest.raises(NotFoundError) as no_member:
        finder.find(social_worker, "M000009")
    assert str(no_member.value) == "没有会员号为 M000009 的老人。"
    with pytest.raises(FieldError) as bad:
        finder.find(social_worker, ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1"))
    assert bad.value.field == "senior" and "校验" in str(bad.value)
