"""The service catalogue (服务项目): seeded types, adding, renaming, retiring and restoring, admin only."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from carecenter.actor import Actor
from carecenter.care.catalogue import ServiceTypeInfo
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError

SEEDED = ["日间托老", "助餐", "助洁", "助浴", "助医", "助行", "助急", "助购", "助乐", "助学"]


def names(types: list[ServiceTypeInfo]) -> list[str]:
    return [t.name for t in types]


def refusal(exc: pytest.ExceptionInfo[ValidationError], field: str = "name") -> str:
    error = exc.value.for_field(field)
    assert error is not None, exc.value
    return error.reason


def test_the_nine_helps_and_day_care_are_there_in_order(center: CareCenter) -> None:
    types = center.catalogue.types()
    assert names(types) == SEEDED
    assert [t.code for t in types][:3] == ["day_care", "meals", "cleaning"]
    assert [t.name for t in types if t.day_care] == ["日间托老"]
    assert not any(t.retired for t in types)


def test_adding_local_services_gives_them_custom_codes_at_the_end(center: CareCenter, admin: Actor) -> None:
    health = center.catalogue.add("助康", admin)
    chat = center.catalogue.add("  助聊 ", admin)
    assert (health.code, health.name, health.day_care, health.retired) == ("custom_1", "助康", False, False)
    assert (chat.code, chat.name) == ("custom_2", "助聊")
    assert names(center.catalogue.types()) == [*SEEDED, "助康", "助聊"]
    assert center.catalogue.get(chat.id) == chat
    assert center.catalogue.by_code("custom_2") == chat
    assert center.catalogue.by_code("nothing") is None


def test_a_day_care_type_can_be_added(center: CareCenter, admin: Actor) -> None:
    added = center.catalogue.add("周末托老", admin, day_care=True)
    assert [t.name for t in center.catalogue.types() if t.day_care] == ["日间托老", "周末托老"]
    assert added.day_care


def test_names_are_unique_whatever_the_case_width_or_spaces(center: CareCenter, admin: Actor) -> None:
    center.catalogue.add("Tai Chi", admin)
    for same in ("助餐", " 助 餐 ", "tai chi", "ＴＡＩ ＣＨＩ", "TaiChi"):
        with pytest.raises(ValidationError) as exc:
            center.catalogue.add(same, admin)
        assert "已存在" in refusal(exc)
    with pytest.raises(ValidationError) as exc:
        center.catalogue.add("   ", admin)
    assert refusal(exc) == "必须填写"
    with pytest.raises(ValidationError) as exc:
        center.catalogue.add("长" * 21, admin)
    assert refusal(exc) == "最多 20 个字（现在 21 个）"
    assert str(exc.value).startswith("服务项目名称：")
    assert len(center.catalogue.types()) == len(SEEDED) + 1


def test_rename_keeps_the_code_and_refuses_another_types_name(center: CareCenter, admin: Actor) -> None:
    meals = center.catalogue.types()[1]
    renamed = center.catalogue.rename(meals.id, "老年助餐", admin)
    assert (renamed.id, renamed.code, renamed.name) == (meals.id, "meals", "老年助餐")
    with pytest.raises(ValidationError) as exc:
        center.catalogue.rename(meals.id, "助洁", admin)
    assert refusal(exc) == "“助洁”已存在"
    # its own name again (any case) is not a clash
    assert center.catalogue.rename(meals.id, "老年助餐", admin).name == "老年助餐"


def test_retired_types_are_kept_and_can_be_restored(center: CareCenter, admin: Actor) -> None:
    bath = next(t for t in center.catalogue.types() if t.name == "助浴")
    retired = center.catalogue.retire(bath.id, admin)
    assert retired.retired
    assert retired.display_name == "助浴（已停用）"
    assert "助浴" not in names(center.catalogue.types())
    assert names(center.catalogue.types(include_retired=True)) == SEEDED
    with pytest.raises(ValidationError) as exc:
        center.catalogue.add("助浴", admin)
    assert refusal(exc) == "“助浴”已存在且已停用，请恢复它"
    restored = center.catalogue.restore(bath.id, admin)
    assert not restored.retired
    assert names(center.catalogue.types()) == SEEDED
    with center.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM service_types")).scalar_one() == len(SEEDED)


def test_moving_swaps_with_the_neighbour(center: CareCenter, admin: Actor) -> None:
    bath = next(t for t in center.catalogue.types() if t.name == "助浴")
    center.catalogue.move(bath.id, True, admin)
    assert names(center.catalogue.types())[:4] == ["日间托老", "助餐", "助浴", "助洁"]
    center.catalogue.move(bath.id, False, admin)
    assert names(center.catalogue.types()) == SEEDED
    first = center.catalogue.types()[0]
    assert names(center.catalogue.move(first.id, True, admin)) == SEEDED  # already first: nothing moves


def test_only_administrators_change_the_catalogue(center: CareCenter, social_worker: Actor, front_desk: Actor) -> None:
    meals = center.catalogue.types()[1]
    for actor in (social_worker, front_desk):
        with pytest.raises(PermissionDeniedError):
            center.catalogue.add("助康", actor)
        with pytest.raises(PermissionDeniedError):
            center.catalogue.rename(meals.id, "助膳", actor)
        with pytest.raises(PermissionDeniedError):
            center.catalogue.retire(meals.id, actor)
        with pytest.raises(PermissionDeniedError):
            center.catalogue.restore(meals.id, actor)
        with pytest.raises(PermissionDeniedError):
            center.catalogue.move(meals.id, True, actor)
    assert names(center.catalogue.types()) == SEEDED


def test_changes_are_in_the_audit_trail(center: CareCenter, admin: Actor) -> None:
    added = center.catalogue.add("助康", admin)
    center.catalogue.rename(added.id, "助健", admin)
    center.catalogue.retire(added.id, admin)
    lines = [line for line in center.audit.lines(admin) if line.entity == "service_type"]
    changes = {(line.action, line.field, line.before, line.after) for line in lines}
    assert ("update", "name", "助康", "助健") in changes
    assert ("update", "retired", "否", "是") in changes
    assert any(line.action == "create" and line.actor == "test-admin" for line in lines)
