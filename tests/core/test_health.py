"""Health and diet: one record per senior, shared with the senior form, refused field by field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from carecenter.actor import Actor
from carecenter.care.health import DietAlert, HealthInput, MedicationEntry
from carecenter.domain.vocab import DietFlag
from carecenter.errors import NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from tests.core.helpers import an_id

FULL = HealthInput(
    conditions=("高血压", "2型糖尿病"),
    medications=(MedicationEntry("硝苯地平缓释片", "10mg", "每日两次"), MedicationEntry("二甲双胍", "0.5g", "三餐后")),
    allergies="青霉素",
    diet_flags=frozenset({DietFlag.DIABETIC, DietFlag.LOW_SALT}),
    diet_notes="主食减量",
    family_doctor="王建华（文化路社区卫生服务中心）",
    family_doctor_phone="0371-63912000",
)


@pytest.fixture
def senior(center: CareCenter, admin: Actor) -> SeniorDetail:
    data = SeniorInput(
        name="马桂兰",
        id_number=an_id(dt.date(1941, 4, 3), 22),
        diet_flags=frozenset({DietFlag.HALAL}),
        allergies="海鲜",
    )
    return center.seniors.create(data, admin)


def test_a_new_senior_has_only_what_the_form_gave(center: CareCenter, senior: SeniorDetail, front_desk: Actor) -> None:
    info = center.health.get(senior.id, front_desk)  # the front desk reads it: it serves the meals
    assert (info.conditions, info.medications, info.family_doctor) == ((), (), "")
    assert (info.diet_flags, info.allergies) == (frozenset({DietFlag.HALAL}), "海鲜")
    assert not (info.dementia or info.fall_risk or info.wandering_risk)


def test_update_stores_everything_and_get_reads_it_back(
    center: CareCenter, senior: SeniorDetail, social_worker: Actor
) -> None:
    data = replace(FULL, dementia=True, fall_risk=True)
    saved = center.health.update(senior.id, data, social_worker)
    assert saved.as_input() == data
    assert center.health.get(senior.id, social_worker) == saved
    assert (saved.updated_by, saved.updated_at) == ("test-social", dt.datetime(2026, 11, 22, 9, 0))
    assert saved.risks() == ("确诊痴呆或其他精神障碍", "跌倒风险")


def test_typed_text_is_normalized_and_blank_lines_dropped(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor
) -> None:
    typed = HealthInput(
        conditions=("  高血压 ", "", "　冠心病"),
        medications=(MedicationEntry(" 阿司匹林 ", " 100mg", "每日一次 "), MedicationEntry("", " ", "")),
        allergies=" 青霉素 ",
        family_doctor_phone="１３８ ３７１２ ３４５６",
    )
    saved = center.health.update(senior.id, typed, front_desk)
    assert saved.conditions == ("高血压", "冠心病")
    assert saved.medications == (MedicationEntry("阿司匹林", "100mg", "每日一次"),)
    assert (saved.allergies, saved.family_doctor_phone) == ("青霉素", "13837123456")


def test_allergies_and_diet_are_the_same_record_as_the_senior_form(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor
) -> None:
    center.health.update(senior.id, FULL, front_desk)
    shown = center.seniors.get(senior.id, front_desk)
    assert (shown.allergies, shown.diet_flags, shown.diet_notes) == ("青霉素", FULL.diet_flags, "主食减量")
    center.seniors.update(senior.id, replace(shown.as_input(), allergies="花生"), front_desk)
    info = center.health.get(senior.id, front_desk)
    assert info.allergies == "花生"
    assert info.conditions == FULL.conditions  # the form's save leaves the rest of the health record alone


def test_refusals_name_each_field_and_save_nothing(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    bad = HealthInput(
        conditions=("高血压", "糖尿病", "高血压"),
        medications=(MedicationEntry("", "1片", "早饭后"),),
        allergies="青" * 201,
        diet_notes="不吃辣\x07",
        family_doctor="王医生",
        family_doctor_phone="打电话",
    )
    with pytest.raises(ValidationError) as refused:
        center.health.update(senior.id, bad, admin)
    errors = {e.field: (e.label, e.reason) for e in refused.value.errors}
    assert errors == {
        "conditions": ("慢性病", "“高血压”重复填写"),
        "medications": ("在用药物", "每种药都要填药名（“1片 早饭后”没有药名）"),
        "allergies": ("过敏", "最多 200 个字（现在 201 个）"),
        "diet_notes": ("饮食备注", "含有不可见的控制字符"),
        "family_doctor_phone": ("家庭医生电话", "“打电话”不是电话号码"),
    }
    assert center.health.get(senior.id, admin).as_input().allergies == "海鲜"


def test_a_too_long_condition_or_medication_is_refused(center: CareCenter, senior: SeniorDetail, admin: Actor) -> None:
    long = "很" * 61
    with pytest.raises(ValidationError) as refused:
        center.health.update(
            senior.id,
            HealthInput(conditions=(long,), medications=(MedicationEntry("阿司匹林", long),)),
            admin,
        )
    reasons = {e.field: e.reason for e in refused.value.errors}
    assert reasons["conditions"] == "“" + "很" * 20 + "”：最多 60 个字（现在 61 个）"
    assert reasons["medications"].endswith("最多 60 个字（现在 61 个）")


def test_conditions_differing_only_in_case_are_duplicates(
    center: CareCenter, senior: SeniorDetail, admin: Actor
) -> None:
    with pytest.raises(ValidationError, match="COPD"):
        center.health.update(senior.id, HealthInput(conditions=("copd", "COPD")), admin)


def test_front_desk_edits_diet_but_not_dementia_or_risks(
    center: CareCenter, senior: SeniorDetail, front_desk: Actor, social_worker: Actor
) -> None:
    center.health.update(senior.id, FULL, front_desk)
    for risk in ("dementia", "fall_risk", "wandering_risk"):
        with pytest.raises(PermissionDeniedError):
            center.health.update(senior.id, replace(FULL, **{risk: True}), front_desk)
    assert not center.health.get(senior.id, front_desk).fall_risk
    center.health.update(senior.id, replace(FULL, fall_risk=True), social_worker)
    # the front desk still corrects an allergy: the risk goes back unchanged
    saved = center.health.update(senior.id, replace(FULL, fall_risk=True, allergies="青霉素、头孢"), front_desk)
    assert (saved.allergies, saved.fall_risk) == ("青霉素、头孢", True)


def test_changes_are_in_the_audit_trail_and_an_unchanged_save_writes_nothing(
    center: CareCenter, senior: SeniorDetail, admin: Actor, front_desk: Actor
) -> None:
    center.health.update(senior.id, FULL, front_desk)
    lines = {
        line.field: (line.before, line.after, line.actor)
        for line in center.audit.lines(admin)
        if line.entity == "senior" and line.action == "update"
    }
    assert lines == {
        "conditions": ("", "高血压、2型糖尿病", "test-desk"),
        "medications": ("", "硝苯地平缓释片 10mg 每日两次、二甲双胍 0.5g 三餐后", "test-desk"),
        "diet_flags": ("清真", "糖尿病餐、低盐", "test-desk"),
        "allergies": ("海鲜", "青霉素", "test-desk"),
        "diet_notes": ("", "主食减量", "test-desk"),
        "family_doctor": ("", "王建华（文化路社区卫生服务中心）", "test-desk"),
        "family_doctor_phone": ("", "0371-63912000", "test-desk"),
    }
    count = len(center.audit.lines(admin))
    again = center.health.update(senior.id, FULL, admin)
    assert len(center.audit.lines(admin)) == count
    assert again.updated_by == "test-desk"


def test_unknown_senior(center: CareCenter, admin: Actor) -> None:
    with pytest.raises(NotFoundError):
        center.health.get(999, admin)
    with pytest.raises(NotFoundError):
        center.health.update(999, FULL, admin)


def test_diet_alerts_leave_out_seniors_with_nothing_to_warn_about(
    center: CareCenter, senior: SeniorDetail, admin: Actor, front_desk: Actor
) -> None:
    plain = center.seniors.create(SeniorInput(name="李建国", id_number=an_id(dt.date(1940, 2, 2), 31)), admin)
    center.health.update(senior.id, replace(FULL, diet_flags=frozenset(DietFlag)), admin)
    alerts = center.health.alerts([senior.id, plain.id, 4242], front_desk)
    assert alerts == {
        senior.id: DietAlert(
            (DietFlag.HALAL, DietFlag.DIABETIC, DietFlag.LOW_SALT, DietFlag.SOFT), "青霉素", "主食减量"
        )
    }
    assert alerts[senior.id].parts() == ["清真", "糖尿病餐", "低盐", "软食", "过敏：青霉素", "主食减量"]
    assert center.health.alerts([plain.id], front_desk) == {}


def test_diet_alerts_for_many_seniors_in_chunks(
    center: CareCenter, senior: SeniorDetail, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from carecenter.care import health

    monkeypatch.setattr(health, "ALERT_CHUNK", 2)
    other = center.seniors.create(
        SeniorInput(name="白玉兰", id_number=an_id(dt.date(1938, 6, 6), 44), allergies="花生"), admin
    )
    alerts = center.health.alerts([senior.id, 77, other.id, senior.id], admin)
    assert alerts == {
        senior.id: DietAlert((DietFlag.HALAL,), "海鲜", ""),
        other.id: DietAlert((), "花生", ""),
    }
