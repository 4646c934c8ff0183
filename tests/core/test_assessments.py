"""Recording assessments, the GB/T 42195 adjustment from the incident log, and the care level.

Clock: 2026-11-22. Expected totals and levels are worked out by hand (see test_instruments).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput, care_levels
from carecenter.care.incidents import IncidentInput
from carecenter.db.models import Assessment
from carecenter.domain.vocab import CareLevel, IncidentKind, StaffPosition
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.core.test_instruments import BARTHEL_BEST, GBT_BEST

BORN = dt.date(1940, 5, 1)
DAY = dt.date(2026, 11, 2)  # the assessment day of most tests (today is 2026-11-22)

# GB/T 42195 total 66 (轻度失能): six self-care items at 0, −24 from 90.
MILD_66 = {**GBT_BEST, "feeding": 0, "grooming": 0, "bathing": 0, "dress_upper": 0, "dress_lower": 0, "bladder": 0}
# GB/T 42195 total 29 (完全失能): all self-care and mobility 0 (−47), three orientations 0 (−12), aggression and
# depression 0 (−2): 90 − 61.
TOTAL_29 = {
    **GBT_BEST,
    **dict.fromkeys(("feeding", "grooming", "bathing", "dress_upper", "dress_lower", "bladder", "bowels"), 0),
    **dict.fromkeys(("toilet", "bed_position", "transfer", "walking", "stairs"), 0),
    **dict.fromkeys(("orient_time", "orient_place", "orient_person", "aggression", "depression"), 0),
}


@pytest.fixture
def senior(center: CareCenter, admin: Actor) -> int:
    return center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(BORN, 42)), admin).id


@pytest.fixture
def assessors(center: CareCenter, admin: Actor) -> tuple[int, int]:
    first = center.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, admin)
    second = center.staff.create("王丽", StaffPosition.CAREGIVER, admin)
    return first.id, second.id


def gbt(
    assessors: tuple[int, int], scores: dict[str, int], day: dt.date = DAY, dementia: bool = False
) -> AssessmentInput:
    return AssessmentInput("gbt42195", day, assessors[0], assessors[1], scores, dementia=dementia)


def incident(
    center: CareCenter, admin: Actor, senior: int, day: dt.date, kind: IncidentKind = IncidentKind.FALL
) -> None:
    center.incidents.record(senior, IncidentInput(kind, day, "在卫生间滑倒"), admin)


def test_a_gbt42195_assessment_is_stored_with_its_total_level_and_item_scores(
    center: CareCenter, social_worker: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    info = center.assessments.record(senior, replace(gbt(assessors, MILD_66), notes="  女儿陪同  "), social_worker)
    assert (info.total, info.result, info.result_label) == (66, "mild", "轻度失能")
    assert (info.adjusted_level, info.adjusted, info.risk_incidents) == (CareLevel.MILD, False, 0)
    assert (info.assessor1_name, info.assessor2_name, info.notes) == ("刘芳", "王丽", "女儿陪同")
    assert (info.instrument_label, info.max_total, info.recorded_by) == (
        "老年人能力评估（GB/T 42195-2022）",
        90,
        "test-social",
    )
    assert len(info.scores) == 26
    assert (info.scores[0].label, info.scores[0].part_label, info.scores[0].score) == ("进食", "自理能力", 0)
    assert (info.scores[11].label, info.scores[11].score, info.scores[11].max_score) == ("上下楼梯", 3, 3)
    assert center.assessments.history(senior, social_worker) == [info]


def test_barthel_gives_its_band_and_no_level(
    center: CareCenter, admin: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    scores = {**BARTHEL_BEST, "bathing": 0}  # 95
    info = center.assessments.record(senior, AssessmentInput("barthel", DAY, *assessors, scores, dementia=True), admin)
    assert (info.total, info.result, info.result_label, info.max_total) == (95, "mild", "轻度依赖", 100)
    assert (info.adjusted_level, info.adjusted_label, info.adjustment_reasons()) == (None, "", [])


def test_dementia_makes_the_level_one_worse(
    center: CareCenter, admin: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    info = center.assessments.record(senior, gbt(assessors, MILD_66, dementia=True), admin)
    assert (info.result, info.adjusted_level, info.adjusted) == ("mild", CareLevel.MODERATE, True)
    assert info.adjustment_reasons() == ["确诊痴呆或其他精神障碍"]


def test_the_newest_assessment_writes_its_dementia_answer_to_the_health_record(
    center: CareCenter, admin: Actor, social_worker: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    center.assessments.record(senior, gbt(assessors, MILD_66, dementia=True), social_worker)
    assert center.health.get(senior, admin).dementia is True
    assert center.assessments.subject(senior, admin).dementia is True
    # A paper form from before, entered late, does not undo what the newest one found.
    center.assessments.record(senior, gbt(assessors, MILD_66, day=DAY - dt.timedelta(days=40)), social_worker)
    assert center.health.get(senior, admin).dementia is True
    lines = [(x.entity, x.field, x.before, x.after) for x in center.audit.lines(admin) if x.field == "dementia"]
    assert lines.count(("senior", "dementia", "否", "是")) == 1
    # A newer form without the diagnosis clears it.
    center.assessments.record(senior, gbt(assessors, MILD_66, day=DAY + dt.timedelta(days=1)), social_worker)
    assert center.health.get(senior, admin).dementia is False


def test_the_30_day_window_counts_from_30_days_before_up_to_the_day_before(
    center: CareCenter, admin: Actor, senior: int
) -> None:
    incident(center, admin, senior, DAY - dt.timedelta(days=31))  # 2026-10-02: too early
    incident(center, admin, senior, DAY - dt.timedelta(days=30))  # 2026-10-03: counts
    incident(center, admin, senior, DAY)  # the assessment day itself: not "before"
    incident(center, admin, senior, DAY - dt.timedelta(days=2), IncidentKind.HOSPITAL)  # not a care-risk incident
    assert center.assessments.risk_incidents_before(senior, DAY, admin) == 1
    incident(center, admin, senior, DAY - dt.timedelta(days=1), IncidentKind.CHOKING)  # 2026-11-01
    assert center.assessments.risk_incidents_before(senior, DAY, admin) == 2
    assert (
        center.assessments.risk_incidents_before(senior, DAY + dt.timedelta(days=1), admin) == 2
    )  # 10-03 drops, 11-02 joins


def test_one_incident_changes_nothing_and_two_make_the_level_one_worse(
    center: CareCenter, admin: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    incident(center, admin, senior, DAY - dt.timedelta(days=30), IncidentKind.WANDERING)
    one = center.assessments.record(senior, gbt(assessors, MILD_66), admin)
    assert (one.risk_incidents, one.adjusted_level) == (1, CareLevel.MILD)
    incident(center, admin, senior, DAY - dt.timedelta(days=1), IncidentKind.SELF_HARM)
    two = center.assessments.record(senior, gbt(assessors, MILD_66), admin)
    assert (two.risk_incidents, two.adjusted_level) == (2, CareLevel.MODERATE)
    assert two.adjustment_reasons() == ["评估前 30 天内发生 2 次照护风险事件"]


def test_dementia_and_incidents_together_still_make_one_level_and_total_stays_total(
    center: CareCenter, admin: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    incident(center, admin, senior, DAY - dt.timedelta(days=3))
    incident(center, admin, senior, DAY - dt.timedelta(days=4))
    both = center.assessments.record(senior, gbt(assessors, MILD_66, dementia=True), admin)
    assert (both.result, both.adjusted_level) == ("mild", CareLevel.MODERATE)
    worst = center.assessments.record(senior, gbt(assessors, TOTAL_29, dementia=True), admin)
    assert (worst.total, worst.result, worst.adjusted_level, worst.adjusted) == (29, "total", CareLevel.TOTAL, False)


def test_care_level_comes_from_the_latest_gbt_assessment_else_the_entered_level(
    center: CareCenter, admin: Actor, front_desk: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    none = center.assessments.care_level(senior, front_desk)
    assert (none.level, none.source, none.label, none.barthel_band_label) == (None, "none", "未评估", "")
    detail = center.seniors.get(senior, admin)
    center.seniors.update(senior, replace(detail.as_input(), care_level=CareLevel.SEVERE), admin)
    entered = center.assessments.care_level(senior, front_desk)
    assert (entered.level, entered.source, entered.assessed_on) == (CareLevel.SEVERE, "entered", None)

    barthel = AssessmentInput("barthel", DAY, *assessors, {**BARTHEL_BEST, "stairs": 0})  # 90: 轻度依赖
    center.assessments.record(senior, barthel, admin)
    beside = center.assessments.care_level(senior, front_desk)
    assert (beside.level, beside.source) == (CareLevel.SEVERE, "entered")  # Barthel never sets the level
    assert (beside.barthel_band_label, beside.barthel_total, beside.barthel_on) == ("轻度依赖", 90, DAY)

    center.assessments.record(senior, gbt(assessors, MILD_66, dementia=True), admin)  # 中度失能 after adjustment
    # entered later but dated earlier: not the latest assessment
    center.assessments.record(senior, gbt(assessors, GBT_BEST, day=DAY - dt.timedelta(days=60)), admin)
    assessed = center.assessments.care_level(senior, front_desk)
    assert (assessed.level, assessed.source, assessed.assessed_on, assessed.label) == (
        CareLevel.MODERATE,
        "assessment",
        DAY,
        "中度失能",
    )
    assert [a.assessed_on for a in center.assessments.history(senior, front_desk)] == [
        DAY,
        DAY,
        DAY - dt.timedelta(days=60),
    ]


def test_care_levels_of_many_seniors_in_one_query(
    center: CareCenter, admin: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    entered = center.seniors.create(
        SeniorInput(name="李秀英", id_number=an_id(BORN, 44), care_level=CareLevel.MILD), admin
    ).id
    never = center.seniors.create(SeniorInput(name="王建国", id_number=an_id(BORN, 45)), admin).id
    center.assessments.record(senior, gbt(assessors, GBT_BEST, day=DAY - dt.timedelta(days=200)), admin)
    center.assessments.record(senior, gbt(assessors, TOTAL_29), admin)
    queries: list[str] = []

    def count(*args: object) -> None:
        queries.append(str(args[2]))

    with Session(center.engine) as session:
        event.listen(center.engine, "before_cursor_execute", count)
        try:
            levels = care_levels(session, [senior, entered, never])
        finally:
            event.remove(center.engine, "before_cursor_execute", count)
        assert levels == {senior: CareLevel.TOTAL, entered: CareLevel.MILD, never: None}
        assert care_levels(session, [senior], on=DAY - dt.timedelta(days=1)) == {senior: CareLevel.INTACT}
        assert care_levels(session)[entered] is CareLevel.MILD
    assert [q.split()[0] for q in queries if q != "BEGIN"] == ["SELECT"]


def test_refusals_name_every_field_and_store_nothing(
    center: CareCenter, admin: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    left = center.staff.create("赵离职", StaffPosition.CAREGIVER, admin)
    center.staff.set_active(left.id, False, admin)
    scores = {**BARTHEL_BEST, "bathing": 10}
    del scores["walking"]
    bad = AssessmentInput("barthel", dt.date(2026, 11, 23), left.id, 9999, scores)
    with pytest.raises(ValidationError) as caught:
        center.assessments.record(senior, bad, admin)
    assert [str(e) for e in caught.value.errors] == [
        "洗澡：只能是 0 或 5",
        "平地行走：请选择得分",
        "评估日期：不能晚于今天",
        "评估员一：请选择在职的员工",
        "评估员二：请选择在职的员工",
    ]
    assert [e.field for e in caught.value.errors] == [
        "scores.bathing",
        "scores.walking",
        "assessed_on",
        "assessor1_id",
        "assessor2_id",
    ]
    same = AssessmentInput("barthel", BORN - dt.timedelta(days=1), assessors[0], assessors[0], BARTHEL_BEST)
    with pytest.raises(ValidationError) as caught:
        center.assessments.record(senior, same, admin)
    assert [str(e) for e in caught.value.errors] == [
        "评估日期：不能早于老人的出生日期",
        "评估员二：不能与评估员一是同一人",
    ]
    unknown = AssessmentInput("katz", DAY, *assessors, {"feeding": 1})
    with pytest.raises(ValidationError) as caught:
        center.assessments.record(senior, unknown, admin)
    assert [(e.field, str(e)) for e in caught.value.errors] == [("instrument", "评估工具：未知的评估工具“katz”")]
    with Session(center.engine) as session:
        assert session.scalars(select(Assessment)).all() == []


def test_the_front_desk_reads_but_does_not_record(
    center: CareCenter, front_desk: Actor, senior: int, assessors: tuple[int, int]
) -> None:
    with pytest.raises(PermissionDeniedError):
        center.assessments.record(senior, gbt(assessors, GBT_BEST), front_desk)
    assert center.assessments.history(senior, front_desk) == []
    subject = center.assessments.subject(senior, front_desk)
    assert (subject.name, subject.birth_date, subject.dementia) == ("张桂兰", BORN, False)
