"""Registering seniors: normal forms read back exactly, refusals change nothing, history stays."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import Category, DietFlag, Gender, Status
from carecenter.errors import DatabaseBusyError, ValidationError
from carecenter.facade import CareCenter
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_created_senior_reads_back_in_normal_form(center: CareCenter, admin: Actor) -> None:
    raw_id = an_id(dt.date(1945, 3, 2), 42)
    created = center.seniors.create(
        SeniorInput(
            name=" 张 桂兰 ",
            id_number=" " + raw_id[:6] + " " + raw_id[6:].lower().replace("8", "８"),
            phones=("１３８ ０３７１ １２３４", "0371-63912345", "13803711234"),
            address="金水区丰产路 12 号院",
            community="丰产路社区",
            categories=(CategoryPeriod(Category.DIBAO, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),),
            diet_flags=frozenset({DietFlag.LOW_SALT}),
            contacts=(Contact(" 李 强", "儿子", "１３９００００１１１１"),),
            notes="耳背，说话需大声",
            photo=PNG,
        ),
        admin,
    )
    got = center.seniors.get(created.id, admin, with_photo=True)
    assert got.name == "张桂兰"
    assert got.id_number == raw_id
    assert got.member_no == "M000001"
    assert got.birth_date == dt.date(1945, 3, 2)
    assert got.gender is Gender.FEMALE
    assert got.age == 81
    assert got.phones == ("13803711234", "0371-63912345")  # the repeated number is kept once
    assert got.contacts == (Contact("李强", "儿子", "13900001111"),)
    assert got.registered_on == TODAY
    assert got.status is Status.ACTIVE and got.status_since == TODAY
    assert got.lunar_birth == LunarBirth(1, 18, False)  # 1945-03-02 is 正月十八
    assert got.photo == PNG
    assert got.created_by == admin.username
    row = center.seniors.list(admin, "张桂兰")[0]
    assert row.categories == (Category.DIBAO,)
    assert row.phone == "13803711234"


def test_refused_save_names_every_field_and_writes_nothing(center: CareCenter, admin: Actor) -> None:
    with pytest.raises(ValidationError) as err:
        center.seniors.create(
            SeniorInput(name="", id_number="410105194503020421", phones=("abc",), notes="a\x00b", photo=b"GIF89a"),
            admin,
        )
    messages = {e.field: str(e) for e in err.value.errors}
    assert messages["name"] == "姓名：必须填写"
    assert messages["id_number"].startswith("身份证号：校验位不对（应为 8）")
    assert messages["phones"] == "电话：“abc”不是电话号码"
    assert messages["notes"] == "备注：含有空字符（NUL）"
    assert messages["photo"] == "照片：须为 JPEG 或 PNG 图片"
    assert center.seniors.count() == 0


def test_length_limits_are_enforced(center: CareCenter, admin: Actor) -> None:
    with pytest.raises(ValidationError) as err:
        center.seniors.create(
            SeniorInput(name="张" * 31, id_number=an_id(dt.date(1950, 1, 1)), address="路" * 121), admin
        )
    assert {e.field: e.reason for e in err.value.errors} == {
        "name": "最多 30 个字（现在 31 个）",
        "address": "最多 120 个字（现在 121 个）",
    }


def test_duplicate_id_names_the_senior_already_registered(center: CareCenter, admin: Actor) -> None:
    number = an_id(dt.date(1940, 5, 6), 13)
    center.seniors.create(SeniorInput(name="王建国", id_number=number), admin)
    with pytest.raises(ValidationError) as err:
        center.seniors.create(SeniorInput(name="王建华", id_number=number.lower()), admin)
    assert str(err.value) == "身份证号：已登记为 王建国（M000001）"
    assert center.seniors.count() == 1


def test_member_numbers_count_up_and_are_kept_on_update(center: CareCenter, admin: Actor) -> None:
    a = center.seniors.create(SeniorInput(name="王建国", id_number=an_id(dt.date(1940, 5, 6), 13)), admin)
    b = center.seniors.create(SeniorInput(name="李秀英", id_number=an_id(dt.date(1941, 6, 7), 14)), admin)
    assert (a.member_no, b.member_no) == ("M000001", "M000002")
    edited = center.seniors.update(a.id, replace(a.as_input(), address="新地址"), admin)
    assert edited.member_no == "M000001"
    assert edited.address == "新地址"


def test_minority_name_with_dot(center: CareCenter, admin: Actor) -> None:
    s = center.seniors.create(SeniorInput(name="阿依古丽.买买提", id_number=an_id(dt.date(1950, 1, 1))), admin)
    assert s.name == "阿依古丽·买买提"
    with pytest.raises(ValidationError, match="只能包含汉字、字母和间隔号"):
        center.seniors.create(SeniorInput(name="张3", id_number=an_id(dt.date(1951, 1, 1))), admin)


def test_status_changes_keep_history_and_refuse_bad_dates(center: CareCenter, admin: Actor) -> None:
    s = center.seniors.create(
        SeniorInput(name="赵德福", id_number=an_id(dt.date(1938, 7, 9), 13), registered_on=dt.date(2024, 3, 1)), admin
    )
    paused = center.seniors.change_status(s.id, Status.PAUSED, dt.date(2026, 10, 8), "住院", admin)
    assert paused.status is Status.PAUSED
    with pytest.raises(ValidationError) as err:
        center.seniors.change_status(s.id, Status.ACTIVE, dt.date(2026, 11, 23), "", admin)
    assert str(err.value) == "日期：不能晚于今天"
    with pytest.raises(ValidationError, match="不能早于当前状态的开始日期（2026-10-08）"):
        center.seniors.change_status(s.id, Status.ACTIVE, dt.date(2026, 10, 1), "", admin)
    center.seniors.change_status(s.id, Status.DECEASED, dt.date(2026, 11, 20), "病故", admin)
    with pytest.raises(ValidationError, match="不能从“去世”变更为“在册”"):
        center.seniors.change_status(s.id, Status.ACTIVE, TODAY, "", admin)
    got = center.seniors.get(s.id, admin)
    assert [(h.status, h.effective_on) for h in got.history] == [
        (Status.ACTIVE, dt.date(2024, 3, 1)),
        (Status.PAUSED, dt.date(2026, 10, 8)),
        (Status.DECEASED, dt.date(2026, 11, 20)),
    ]
    assert center.seniors.list(admin, "赵德福") == []  # 去世 leaves the default list …
    assert [r.name for r in center.seniors.list(admin, "赵德福", statuses=None)] == ["赵德福"]  # … but is never deleted


def test_categories_valid_today_only(center: CareCenter, admin: Actor) -> None:
    s = center.seniors.create(
        SeniorInput(
            name="孙玉兰",
            id_number=an_id(dt.date(1936, 2, 2), 22),
            categories=(
                CategoryPeriod(Category.DIBAO, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                CategoryPeriod(Category.EMPTY_NEST),
                CategoryPeriod(Category.DISABLED, dt.date(2026, 11, 22)),
            ),
        ),
        admin,
    )
    assert center.seniors.rows([s.id], admin)[0].categories == (Category.EMPTY_NEST, Category.DISABLED)
    with pytest.raises(ValidationError, match="低保：两段有效期重叠"):
        center.seniors.create(
            SeniorInput(
                name="孙玉珍",
                id_number=an_id(dt.date(1936, 2, 3), 22),
                categories=(
                    CategoryPeriod(Category.DIBAO, None, dt.date(2025, 6, 30)),
                    CategoryPeriod(Category.DIBAO, dt.date(2025, 6, 1)),
                ),
            ),
            admin,
        )


def test_lunar_birth_is_editable(center: CareCenter, admin: Actor) -> None:
    s = center.seniors.create(
        SeniorInput(
            name="钱凤英", id_number=an_id(dt.date(1944, 8, 15), 24), lunar_birthday=True, lunar_birth=LunarBirth(8, 15)
        ),
        admin,
    )
    assert center.seniors.get(s.id, admin).lunar_birth == LunarBirth(8, 15, False)
    with pytest.raises(ValidationError, match="农历生日：农历月须在 1 到 12 之间"):
        center.seniors.update(
            s.id, SeniorInput(name="钱凤英", id_number=s.id_number, lunar_birth=LunarBirth(13, 1)), admin
        )


def test_a_second_center_needs_choosing(center: CareCenter, admin: Actor) -> None:
    center.centers.create("二七区建中街站", admin)
    with pytest.raises(ValidationError, match="站点：请选择站点"):
        center.seniors.create(SeniorInput(name="周桂英", id_number=an_id(dt.date(1950, 1, 1))), admin)
    codes = [c.code for c in center.centers.list()]
    assert codes == ["C001", "C002"]


def test_registration_date_can_be_corrected_but_stays_first(center: CareCenter, admin: Actor) -> None:
    s = center.seniors.create(
        SeniorInput(name="冯秀兰", id_number=an_id(dt.date(1940, 1, 1), 44), registered_on=dt.date(2025, 5, 1)), admin
    )
    moved = center.seniors.update(s.id, replace(s.as_input(), registered_on=dt.date(2025, 4, 1)), admin)
    assert (moved.registered_on, moved.status_since, moved.history[0].effective_on) == (dt.date(2025, 4, 1),) * 3
    center.seniors.change_status(s.id, Status.PAUSED, dt.date(2026, 1, 10), "住院", admin)
    with pytest.raises(ValidationError) as err:
        center.seniors.update(s.id, replace(s.as_input(), registered_on=dt.date(2026, 2, 1)), admin)
    assert str(err.value) == "登记日期：不能晚于第一次状态变更（2026-01-10）"
    kept = center.seniors.update(s.id, replace(s.as_input(), registered_on=None), admin)
    assert kept.registered_on == dt.date(2025, 4, 1) and kept.status is Status.PAUSED


def test_communities_in_use_most_common_first(center: CareCenter, admin: Actor) -> None:
    for i, community in enumerate(["丰产路社区", "经八路社区", "丰产路社区", ""]):
        center.seniors.create(
            SeniorInput(name="王秀英", id_number=an_id(dt.date(1940, 2, 1 + i), 30 + 2 * i), community=community), admin
        )
    assert center.seniors.communities() == ["丰产路社区", "经八路社区"]


def test_a_busy_database_refuses_with_a_message_and_writes_nothing(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "busy.db"
    cc = CareCenter.open(path.as_posix(), clock, busy_timeout_s=0.05)
    cc.centers.create("测试站", Actor.system_user())
    other_desk = sqlite3.connect(path, isolation_level=None)
    other_desk.execute("begin immediate")
    try:
        with pytest.raises(DatabaseBusyError) as err:
            cc.seniors.create(SeniorInput(name="王秀英", id_number=an_id(dt.date(1940, 2, 1))), Actor.system_user())
        assert str(err.value) == "数据库正忙（其他电脑或程序正在写入），未保存。请稍后再试。"
    finally:
        other_desk.execute("rollback")
        other_desk.close()
    assert cc.seniors.count() == 0
    cc.close()
