"""The monthly 集体生日会: invitations from the list, edits by hand, attendance, gifts, the export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from carecenter.actor import Actor
from carecenter.audit import AuditLine
from carecenter.birthdays.parties_dto import PartyInfo, PartyInput
from carecenter.clock import FixedClock
from carecenter.domain.vocab import Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from tests.core.helpers import an_id
from tests.core.test_birthday_list import NOVEMBER, senior

HELD_ON = dt.date(2026, 11, 28)
PLACE = "二楼活动室"


# Three November birthdays (李 and 王 on the 15th, 张 turning 80 on the 30th) and 刘, born in May.
BIRTHS = (
    ("张桂兰", dt.date(1946, 11, 30), 1),
    ("王秀英", dt.date(1950, 11, 15), 3),
    ("李秀英", dt.date(1950, 11, 15), 5),
    ("刘建国", dt.date(1950, 5, 1), 7),
)


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    """The seniors of ``BIRTHS``, registered in that order (M000001 …), by name."""
    return {name: senior(center, admin, name, born, seq).id for name, born, seq in BIRTHS}


def create(cc: CareCenter, actor: Actor, held_on: dt.date = HELD_ON) -> PartyInfo:
    center_id = cc.centers.by_code("C001").id
    return cc.birthdays.create(center_id, NOVEMBER, PartyInput(held_on, PLACE, "请家属陪同"), actor)


def guests(party: PartyInfo) -> list[tuple[str, bool, str]]:
    """Who is on the party's list, in order: name, removed, 备注."""
    return [(g.name, g.removed, g.note) for g in party.guests]


def party_lines(cc: CareCenter, admin: Actor) -> list[AuditLine]:
    return [line for line in cc.audit.lines(admin, newest_first=False) if line.entity == "birthday_party"]


def test_create_invites_the_months_list(
    center: CareCenter, front_desk: Actor, seniors: dict[str, int], clock: FixedClock
) -> None:
    party = create(center, front_desk)
    assert (party.month, party.held_on, party.place, party.notes) == (NOVEMBER, HELD_ON, PLACE, "请家属陪同")
    assert (party.center_code, party.center_name) == ("C001", "文化路日间照料中心")
    assert guests(party) == [("李秀英", False, ""), ("王秀英", False, ""), ("张桂兰", False, "")]
    zhang = party.guests[2]
    assert (zhang.celebrates_on, zhang.age, zhang.lunar, zhang.milestone, zhang.added) == (
        dt.date(2026, 11, 30),
        80,
        False,
        True,
        False,
    )
    assert zhang.id_number == "410105********" + an_id(dt.date(1946, 11, 30), 1)[-4:]  # the front desk sees it masked
    assert (party.invited, party.attended, party.created_by) == (3, 0, "test-desk")
    assert party.created_at == dt.datetime(2026, 11, 22, 9)
    assert center.birthdays.for_month(party.center_id, dt.date(2026, 11, 20), front_desk) == party
    assert center.birthdays.for_month(party.center_id, dt.date(2026, 12, 1), front_desk) is None


def test_add_remove_and_restore_guests(
    center: CareCenter, front_desk: Actor, admin: Actor, seniors: dict[str, int]
) -> None:
    party = create(center, front_desk)
    party = center.birthdays.add_guest(party.id, seniors["刘建国"], front_desk)
    liu = party.guest(seniors["刘建国"])
    assert liu is not None and (liu.added, liu.celebrates_on, liu.age, liu.milestone) == (True, None, None, False)
    assert guests(party)[-1] == ("刘建国", False, "补充邀请")
    assert party.invited == 4

    wang = party.guest(seniors["王秀英"])
    assert wang is not None
    with pytest.raises(ValidationError) as refused:
        center.birthdays.remove_guest(wang.id, "  ", front_desk)
    assert str(refused.value) == "移除原因：必须填写"
    assert center.birthdays.get(party.id, front_desk) == party  # nothing changed

    party = center.birthdays.remove_guest(wang.id, "住院", front_desk)
    assert guests(party) == [
        ("李秀英", False, ""),
        ("张桂兰", False, ""),
        ("刘建国", False, "补充邀请"),
        ("王秀英", True, "已移除：住院"),
    ]
    assert party.invited == 3
    with pytest.raises(ValidationError) as refused:
        center.birthdays.add_guest(party.id, seniors["王秀英"], front_desk)
    assert str(refused.value) == "来宾：王秀英已从本次生日会移除，请改为“恢复邀请”"
    with pytest.raises(ValidationError) as refused:
        center.birthdays.add_guest(party.id, seniors["李秀英"], front_desk)
    assert str(refused.value) == "来宾：李秀英已在邀请名单中"

    party = center.birthdays.restore_guest(wang.id, front_desk)
    assert guests(party)[1] == ("王秀英", False, "")
    assert party.invited == 4 and party.guests[1].removed_reason == ""


def test_only_current_seniors_of_the_center_can_be_added(
    center: CareCenter, admin: Actor, front_desk: Actor, seniors: dict[str, int]
) -> None:
    other = center.centers.create("纬五路社区站", admin, code="C002")
    elsewhere = senior(center, admin, "赵淑珍", dt.date(1950, 3, 3), 9, center_id=other.id)
    center.seniors.change_status(seniors["刘建国"], Status.WITHDRAWN, dt.date(2026, 11, 1), "搬走", admin)
    party = create(center, front_desk)
    with pytest.raises(ValidationError) as refused:
        center.birthdays.add_guest(party.id, elsewhere.id, front_desk)
    assert str(refused.value) == "来宾：赵淑珍不属于本站点"
    with pytest.raises(ValidationError) as refused:
        center.birthdays.add_guest(party.id, seniors["刘建国"], front_desk)
    assert str(refused.value) == "来宾：刘建国的状态为退出：只能邀请在册或暂停的老人"
    assert center.birthdays.get(party.id, front_desk).invited == 3


def test_one_party_per_center_and_month(center: CareCenter, front_desk: Actor, seniors: dict[str, int]) -> None:
    first = create(center, front_desk)
    with pytest.raises(ValidationError) as refused:
        create(center, front_desk, held_on=dt.date(2026, 11, 29))
    assert refused.value.errors[0].field == "month"
    assert str(refused.value) == "月份：文化路日间照料中心2026年11月的集体生日会已经建立，每个站点每月只能有一场"
    assert [(p.id, p.held_on) for p in center.birthdays.list(front_desk)] == [(first.id, HELD_ON)]


def test_the_date_must_fall_in_the_partys_month(center: CareCenter, front_desk: Actor, seniors: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as refused:
        create(center, front_desk, held_on=dt.date(2026, 12, 1))
    assert str(refused.value) == "举办日期：须在生日会所在的2026年11月内"
    assert center.birthdays.list(front_desk) == []
    party = create(center, front_desk)
    with pytest.raises(ValidationError):
        center.birthdays.update(party.id, PartyInput(dt.date(2026, 10, 31), PLACE), front_desk)
    assert center.birthdays.get(party.id, front_desk) == party
    edited = center.birthdays.update(party.id, PartyInput(dt.date(2026, 11, 29), " 一楼大厅 ", ""), front_desk)
    assert (edited.held_on, edited.place, edited.notes) == (dt.date(2026, 11, 29), "一楼大厅", "")


def test_attendance_and_gifts_are_recorded_and_counted(
    center: CareCenter, front_desk: Actor, seniors: dict[str, int]
) -> None:
    party = create(center, front_desk)
    li, wang, zhang = party.guests
    center.birthdays.set_attendance(li.id, True, "蛋糕", front_desk)
    party = center.birthdays.set_attendance(zhang.id, True, " 长寿面和寿桃 ", front_desk)
    assert [(g.name, g.attended, g.gift) for g in party.guests] == [
        ("李秀英", True, "蛋糕"),
        ("王秀英", False, ""),
        ("张桂兰", True, "长寿面和寿桃"),
    ]
    with pytest.raises(ValidationError) as refused:
        center.birthdays.remove_guest(li.id, "记错了", front_desk)
    assert str(refused.value) == "来宾：李秀英已登记到场，请先取消到场"
    center.birthdays.remove_guest(wang.id, "住院", front_desk)
    with pytest.raises(ValidationError) as refused:
        center.birthdays.set_attendance(wang.id, True, "", front_desk)
    assert str(refused.value) == "到场：王秀英已从本次生日会移除，请先恢复邀请"
    summaries = center.birthdays.list(front_desk)
    assert [(s.month, s.held_on, s.place, s.center_code, s.invited, s.attended) for s in summaries] == [
        (NOVEMBER, HELD_ON, PLACE, "C001", 2, 2)
    ]


def test_refresh_adds_newcomers_but_never_a_removed_guest(
    center: CareCenter, front_desk: Actor, admin: Actor, seniors: dict[str, int]
) -> None:
    party = create(center, front_desk)
    wang = party.guest(seniors["王秀英"])
    assert wang is not None
    center.birthdays.remove_guest(wang.id, "回老家过生日", front_desk)
    newcomer = senior(center, admin, "陈桂芳", dt.date(1946, 11, 25), 11, registered=dt.date(2026, 11, 22))
    refreshed = center.birthdays.refresh_invitations(party.id, front_desk)
    assert [(g.name, g.celebrates_on, g.added) for g in refreshed.added] == [("陈桂芳", dt.date(2026, 11, 25), False)]
    assert refreshed.added[0].senior_id == newcomer.id
    assert guests(refreshed.party) == [
        ("李秀英", False, ""),
        ("陈桂芳", False, ""),
        ("张桂兰", False, ""),
        ("王秀英", True, "已移除：回老家过生日"),
    ]
    again = center.birthdays.refresh_invitations(party.id, front_desk)
    assert again.added == () and again.party == refreshed.party


def test_the_audit_trail_records_the_party_and_its_guests(
    center: CareCenter, front_desk: Actor, admin: Actor, seniors: dict[str, int], clock: FixedClock
) -> None:
    party = create(center, front_desk)
    ids = [g.senior_id for g in sorted(party.guests, key=lambda g: g.id)]
    guest_list = "、".join(f"senior#{i}" for i in ids)
    created = [(line.action, line.field, line.after, line.actor) for line in party_lines(center, admin)]
    assert created == [
        ("create", "center_id", str(party.center_id), "test-desk"),
        ("create", "month", "2026-11-01", "test-desk"),
        ("create", "held_on", "2026-11-28", "test-desk"),
        ("create", "place", PLACE, "test-desk"),
        ("create", "notes", "请家属陪同", "test-desk"),
        ("create", "guests", guest_list, "test-desk"),
    ]
    clock.current += dt.timedelta(minutes=5)
    wang = party.guest(seniors["王秀英"])
    assert wang is not None
    center.birthdays.remove_guest(wang.id, "住院", front_desk)
    center.birthdays.add_guest(party.id, seniors["刘建国"], front_desk)
    changes = [(line.field, line.before, line.after) for line in party_lines(center, admin) if line.action == "update"]
    removed = guest_list.replace(f"senior#{wang.senior_id}", f"senior#{wang.senior_id} 移除：住院")
    assert changes == [
        ("guests", guest_list, removed),
        ("guests", removed, f"{removed}、senior#{seniors['刘建国']} 补充邀请"),
    ]
    updated = center.birthdays.get(party.id, admin)
    assert (updated.updated_by, updated.updated_at) == ("test-desk", dt.datetime(2026, 11, 22, 9, 5))


def test_export_xlsx(
    center: CareCenter, front_desk: Actor, admin: Actor, seniors: dict[str, int], tmp_path: Path
) -> None:
    party = create(center, front_desk)
    _li, wang, zhang = party.guests
    center.birthdays.set_attendance(zhang.id, True, "长寿面", front_desk)
    center.birthdays.remove_guest(wang.id, "住院", front_desk)
    center.birthdays.add_guest(party.id, seniors["刘建国"], front_desk)
    target = tmp_path / "exports" / "生日会.xlsx"

    assert center.birthdays.export_xlsx(party.id, target, front_desk) == 4
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "文化路日间照料中心 2026年11月集体生日会"
    assert rows[1][0] == "举办日期：2026-11-28　地点：二楼活动室"
    assert rows[2] == ["序号", "会员号", "姓名", "身份证号", "生日", "农历", "年龄", "整寿", "到场", "礼品", "备注"]
    masked = {name: "410105********" + an_id(born, seq)[-4:] for name, born, seq in BIRTHS}
    assert rows[3:7] == [
        [1, "M000003", "李秀英", masked["李秀英"], "2026-11-15", None, 76, None, None, None, None],
        [2, "M000001", "张桂兰", masked["张桂兰"], "2026-11-30", None, 80, "是", "是", "长寿面", None],
        [3, "M000004", "刘建国", masked["刘建国"], None, None, None, None, None, None, "补充邀请"],
        [None, "M000002", "王秀英", masked["王秀英"], "2026-11-15", None, 76, None, None, None, "已移除：住院"],
    ]
    assert rows[-1][0] == "邀请 3 人，到场 1 人"
    assert sheet["B7"].font.italic is True  # the removed guest is greyed
    assert not [line for line in party_lines(center, admin) if line.action == "export"]

    # An administrator gets full numbers only where the center prints them, and that is on the record.
    center.birthdays.export_xlsx(party.id, target, admin)
    assert openpyxl.load_workbook(target).active["D5"].value == masked["张桂兰"]  # type: ignore[index]
    center.centers.set_print_full_ids(party.center_id, True, admin)
    center.birthdays.export_xlsx(party.id, target, admin)
    assert openpyxl.load_workbook(target).active["D5"].value == an_id(dt.date(1946, 11, 30), 1)  # type: ignore[index]
    exports = [line for line in party_lines(center, admin) if line.action == "export"]
    assert [(line.entity_id, line.actor, line.after) for line in exports] == [
        (party.id, "test-admin", "birthday party 2026-11 C001: 4 guests, 生日会.xlsx")
    ]
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
