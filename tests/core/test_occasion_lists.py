"""The birthday party's invitation list and sign-in sheet, and the month's subsidy roster, on paper and in Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.birthdays.parties_dto import PartyInfo, PartyInput
from carecenter.desk.activity_dto import ActivityInput
from carecenter.domain.idnumber import mask
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import CareLevel, Category, Residence, Status
from carecenter.errors import NotFoundError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.reports.listing import Listing
from carecenter.seniors.dto import CategoryPeriod, SeniorInput
from tests.core.helpers import an_id
from tests.pdf_helpers import assert_cjk_font_embedded, page_texts

NOVEMBER, OCTOBER = dt.date(2026, 11, 1), dt.date(2026, 10, 1)
LONG_AGO = dt.date(2020, 1, 1)


def _add(cc: CareCenter, actor: Actor, name: str, born: dt.date, seq: int, **fields: object) -> int:
    data = SeniorInput(name=name, id_number=an_id(born, seq), registered_on=LONG_AGO, **fields)  # type: ignore[arg-type]
    return cc.seniors.create(data, actor).id


def _cid(cc: CareCenter) -> int:
    return cc.centers.by_code("C001").id


def _rows(listing: Listing) -> list[list[tuple[object, ...]]]:
    return [list(section.rows) for section in listing.sections]


# ---- the birthday party ------------------------------------------------------------------------


@pytest.fixture
def party(center: CareCenter, admin: Actor, front_desk: Actor) -> PartyInfo:
    """何淑英 keeps 十月初一 (9 November, 80), 王秀英 turns 76 on the 15th and came with a cake, 李秀英 (the
    15th too) is off the list, 张桂兰 turns 80 on the 30th; 刘建国 (born in May) was invited by hand."""
    ids = {
        "何淑英": _add(center, admin, "何淑英", dt.date(1946, 10, 1), 2, lunar_birthday=True,
                      lunar_birth=LunarBirth(10, 1), phones=("0371-63912001",), community="文化路社区"),
        "王秀英": _add(center, admin, "王秀英", dt.date(1950, 11, 15), 4, phones=("13803710002", "0371-63912002"),
                      community="黄河路社区"),
        "李秀英": _add(center, admin, "李秀英", dt.date(1950, 11, 15), 6, community="文化路社区"),
        "张桂兰": _add(center, admin, "张桂兰", dt.date(1946, 11, 30), 8, community="文化路社区"),
        "刘建国": _add(center, admin, "刘建国", dt.date(1950, 5, 1), 7, phones=("13803710005",)),
    }  # fmt: skip
    made = center.birthdays.create(
        _cid(center), NOVEMBER, PartyInput(dt.date(2026, 11, 28), "二楼活动室", "请家属陪同"), front_desk
    )
    made = center.birthdays.add_guest(made.id, ids["刘建国"], front_desk)
    guest = {g.name: g.id for g in made.guests}
    center.birthdays.remove_guest(guest["李秀英"], "住院", front_desk)
    return center.birthdays.set_attendance(guest["王秀英"], True, "蛋糕", front_desk)


def test_the_invitation_list(center: CareCenter, front_desk: Actor, party: PartyInfo, tmp_path: Path) -> None:
    listing = center.reports.lists.birthday_invitations(front_desk, party.id)
    assert (listing.title, listing.center, listing.period) == ("集体生日会邀请名单", "文化路日间照料中心", "2026年11月")
    assert [c.title for c in listing.columns] == ["序号", "姓名", "性别", "年龄", "生日", "电话", "所属社区", "状态"]
    assert _rows(listing) == [
        [
            (1, "何淑英", "女", "80（整寿）", "11月9日\n（农历10月1日）", "0371-63912001", "文化路社区", "已邀请"),
            (2, "王秀英", "女", "76", "11月15日", "13803710002", "黄河路社区", "到场；礼品：蛋糕"),
            (3, "张桂兰", "女", "80（整寿）", "11月30日", "", "文化路社区", "已邀请"),
            (4, "刘建国", "男", "", "不在本月", "13803710005", "", "补充邀请"),
        ],
        [(None, "李秀英", "女", "76", "11月15日", "", "文化路社区", "已移除：住院")],
    ]
    assert listing.sections[1].heading == "已移除的邀请"
    assert listing.notes == (
        "举办日期：2026年11月28日 周六\u3000地点：二楼活动室",
        "备注：请家属陪同",
        "邀请 4 人，到场 1 人",
    )
    assert not listing.full_ids and not listing.mark

    printed = center.reports.print_listing(front_desk, listing, tmp_path / "invitations.pdf")
    text = page_texts(printed.path)[0]
    assert printed.pages == 1 and "集体生日会邀请名单" in text and "第 1 页 / 共 1 页" in text
    assert "举办日期：2026年11月28日 周六" in text and "二楼活动室" in text
    for words in ("何淑英", "（农历10月1日）", "0371-63912001", "不在本月"):
        assert words in text
    unwrapped = text.replace(" ", "")  # the 状态 column wraps long states
    assert "到场；礼品：蛋糕" in unwrapped and "已移除的邀请" in unwrapped and "已移除：住院" in unwrapped
    assert_cjk_font_embedded(printed.path)

    sheet = openpyxl.load_workbook(center.reports.export_listing(front_desk, listing, tmp_path / "inv.xlsx")).active
    assert sheet is not None
    values = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "集体生日会邀请名单"
    assert (
        1,
        "何淑英",
        "女",
        "80（整寿）",
        "11月9日\n（农历10月1日）",
        "0371-63912001",
        "文化路社区",
        "已邀请",
    ) in values
    assert ("序号", "姓名", "性别", "年龄", "生日", "电话", "所属社区", "状态") in values


def test_the_sign_in_sheet(center: CareCenter, front_desk: Actor, party: PartyInfo, tmp_path: Path) -> None:
    activity = next(a for a in center.activities.list(front_desk, _cid(center), NOVEMBER) if a.birthday_party_id)
    starts = ActivityInput(_cid(center), activity.title, activity.kind, activity.held_on, dt.time(14, 30), "二楼活动室")
    center.activities.update(activity.id, starts, front_desk)  # the party's activity says when it starts
    listing = center.reports.lists.birthday_sign_in(front_desk, party.id)
    assert listing.notes == ("举办日期：2026年11月28日 周六 14:30\u3000地点：二楼活动室", "备注：请家属陪同")
    assert listing.title == "集体生日会签到表"
    assert [c.title for c in listing.columns] == ["序号", "姓名", "所属社区", "签到", "备注"]
    assert _rows(listing) == [
        [
            (1, "何淑英", "文化路社区", "", "80岁整寿"),
            (2, "王秀英", "黄河路社区", "", ""),
            (3, "张桂兰", "文化路社区", "", "80岁整寿"),
            (4, "刘建国", "", "", "补充邀请"),
        ]
    ]
    assert listing.columns[3].width == max(c.width for c in listing.columns)  # the widest: room to sign
    assert listing.row_height_mm == 12 and listing.signatures == ("经办人",)
    printed = center.reports.print_listing(front_desk, listing, tmp_path / "sign-in.pdf")
    text = page_texts(printed.path)[0]
    assert "集体生日会签到表" in text and "序号 姓名 所属社区 签到 备注" in text and "经办人：" in text
    assert "李秀英" not in text  # taken off the list: no line to sign


def test_an_empty_party_and_an_unknown_one(center: CareCenter, front_desk: Actor, admin: Actor, tmp_path: Path) -> None:
    empty = center.birthdays.create(_cid(center), NOVEMBER, PartyInput(dt.date(2026, 11, 28)), front_desk)
    listing = center.reports.lists.birthday_sign_in(front_desk, empty.id)
    assert listing.rows == 0
    assert "暂无邀请的老人" in page_texts(center.reports.print_listing(admin, listing, tmp_path / "e.pdf").path)[0]
    with pytest.raises(NotFoundError):
        center.reports.lists.birthday_invitations(front_desk, 999)


# ---- the subsidy roster ------------------------------------------------------------------------


@pytest.fixture
def roster_people(center: CareCenter, admin: Actor) -> dict[str, int]:
    """张桂兰 turns 80 in October (新增 in November), 李秀英 90 (100 → 200: 调档), 赵德明 died in October
    (停发), 王建国 is 低保 and 重度失能 (居家养老服务补贴 200 both months). Member numbers in this order."""
    ids = {
        "张桂兰": _add(center, admin, "张桂兰", dt.date(1946, 10, 15), 22, residence=Residence.LOCAL),
        "李秀英": _add(center, admin, "李秀英", dt.date(1936, 10, 3), 24, residence=Residence.LOCAL),
        "赵德明": _add(center, admin, "赵德明", dt.date(1940, 5, 5), 13, residence=Residence.LOCAL),
        "王建国": _add(center, admin, "王建国", dt.date(1956, 3, 2), 15, residence=Residence.LOCAL,
                      categories=(CategoryPeriod(Category.DIBAO, dt.date(2024, 1, 1)),), care_level=CareLevel.SEVERE),
    }  # fmt: skip
    center.seniors.change_status(ids["赵德明"], Status.DECEASED, dt.date(2026, 10, 15), "病故", admin)
    return ids


def _reasons(cc: CareCenter, actor: Actor, month: dt.date) -> dict[str, str]:
    return {g.name: g.reason for g in cc.subsidy_rosters.roster(actor, _cid(cc), month).grants}


def test_a_preview_roster_with_totals_and_changes(
    center: CareCenter, admin: Actor, roster_people: dict[str, int], tmp_path: Path
) -> None:
    listing = center.reports.lists.subsidy_roster(admin, _cid(center), dt.date(2026, 11, 20))
    ids = {name: mask(an_id(born, seq)) for name, born, seq in (
        ("张桂兰", dt.date(1946, 10, 15), 22), ("李秀英", dt.date(1936, 10, 3), 24),
        ("赵德明", dt.date(1940, 5, 5), 13), ("王建国", dt.date(1956, 3, 2), 15),
    )}  # fmt: skip
    why = _reasons(center, admin, NOVEMBER)
    changes = {c.name: c.reason for c in center.subsidy_rosters.changes(admin, _cid(center), NOVEMBER).changes}
    assert (listing.title, listing.period, listing.mark, listing.wide) == (
        "补贴花名册",
        "2026年11月",
        "未审批（预览）",
        True,
    )
    assert [s.heading for s in listing.sections] == [
        "高龄津贴",
        "居家养老服务补贴",
        "变动名单（对比2026年10月）：新增",
        "变动名单（对比2026年10月）：停发",
        "变动名单（对比2026年10月）：调档",
    ]
    assert _rows(listing) == [
        [
            (1, "M000002", "李秀英", ids["李秀英"], "90–99周岁", "200.00", why["李秀英"], ""),
            (2, "M000001", "张桂兰", ids["张桂兰"], "80–89周岁", "100.00", why["张桂兰"], ""),
        ],
        [(1, "M000004", "王建国", ids["王建国"], "重度/完全失能", "200.00", why["王建国"], "")],
        [(1, "M000001", "张桂兰", ids["张桂兰"], "高龄津贴：80–89周岁", "100.00", changes["张桂兰"], "")],
        [(1, "M000003", "赵德明", ids["赵德明"], "高龄津贴：80–89周岁", "100.00", changes["赵德明"], "")],
        [(1, "M000002", "李秀英", ids["李秀英"], "高龄津贴：80–89周岁 → 90–99周岁", "200.00", changes["李秀英"], "")],
    ]
    assert [s.total for s in listing.sections[:2]] == [
        ("合计", "", "2人", "", "", "300.00", "", ""),
        ("合计", "", "1人", "", "", "200.00", "", ""),
    ]
    assert listing.notes == (
        "未审批；计算时间：2026-11-22 09:00",
        "全部补贴：3 人次，500.00 元",
        "高龄津贴（对比2026年10月）：新增 1 人，停发 1 人，调档 1 人；合计 200.00 → 300.00 元",
        "居家养老服务补贴（对比2026年10月）：新增 0 人，停发 0 人，调档 0 人；合计 200.00 → 200.00 元",
    )
    assert listing.signatures == ("制表人", "审核人", "负责人签字") and not listing.full_ids

    printed = center.reports.print_listing(admin, listing, tmp_path / "roster.pdf")
    texts = page_texts(printed.path)
    assert all("未审批（预览）" in page for page in texts)
    text = " ".join(texts)
    for words in ("补贴花名册", "高龄津贴", "李秀英", "300.00", "合计", "变动名单（对比2026年10月）：停发", "赵德明"):
        assert words in text
    assert "制表人：" in texts[-1] and "审核人：" in texts[-1] and "负责人签字：" in texts[-1]
    assert ids["李秀英"] in text and an_id(dt.date(1936, 10, 3), 24) not in text  # masked by default

    sheet = openpyxl.load_workbook(center.reports.export_listing(admin, listing, tmp_path / "roster.xlsx")).active
    assert sheet is not None
    values = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert ("未审批（预览）",) + (None,) * 7 in values
    assert (1, "M000002", "李秀英", ids["李秀英"], "90–99周岁", "200.00", why["李秀英"], None) in values
    assert ("合计", None, "2人", None, None, "300.00", None, None) in values
    band = values.index(("变动名单（对比2026年10月）：调档",) + (None,) * 7)
    assert values[band + 2][:3] == (1, "M000002", "李秀英")


def test_an_approved_roster_with_full_ids_is_recorded_when_printed(
    center: CareCenter, admin: Actor, front_desk: Actor, roster_people: dict[str, int], tmp_path: Path
) -> None:
    cid = _cid(center)
    center.subsidy_rosters.approve(admin, cid, OCTOBER)
    center.centers.set_print_full_ids(cid, True, admin)
    listing = center.reports.lists.subsidy_roster(admin, cid, OCTOBER)
    assert listing.mark == "" and listing.full_ids
    assert listing.notes[0].startswith("审批人：") and listing.notes[0].endswith("审批日期：2026-11-22")
    assert _rows(listing)[0][0][:5] == (1, "M000002", "李秀英", an_id(dt.date(1936, 10, 3), 24), "80–89周岁")
    assert [s.total for s in listing.sections if s.total] == [
        ("合计", "", "2人", "", "", "200.00", "", ""),
        ("合计", "", "1人", "", "", "200.00", "", ""),
    ]

    target = tmp_path / "october.pdf"
    center.reports.print_listing(admin, listing, target)
    assert an_id(dt.date(1936, 10, 3), 24) in " ".join(page_texts(target))
    lines = [line for line in center.audit.lines(admin, AuditFilter()) if line.entity == "listing"]
    assert [(line.action, line.after) for line in lines] == [("print", f"补贴花名册 2026年10月：3 行，{target}")]

    with pytest.raises(PermissionDeniedError):
        center.reports.lists.subsidy_roster(front_desk, cid, OCTOBER)
    with pytest.raises(NotFoundError):
        center.reports.lists.subsidy_roster(admin, 999, OCTOBER)
