"""The desk's lists on paper and in Excel: kitchen count, attendance sheet, the week's visits, data quality.

Each list is checked three ways: its rows as computed (exact), the PDF's text read back,
and the .xlsx read back with openpyxl (the same rows). TODAY is Sunday 22 November 2026,
09:00; the week shown is Monday 16 to Sunday 22.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from carecenter.actor import Actor
from carecenter.desk.visit_dto import SlotKey, VisitPlanInput
from carecenter.domain.vocab import DietFlag
from carecenter.errors import NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput
from carecenter.reports.listing import Cell, Listing
from carecenter.seniors.dto import Contact, SeniorInput
from carecenter.subsidies.policy import MealType
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.core.test_attendance import at, day_care_plan
from tests.core.test_due import senior
from tests.core.test_meal_serving import EIGHTIES, SIXTIES, courier, meal_senior
from tests.core.test_visit_schedule import day, done, home_plan, monthly, team, type_id, weekly
from tests.pdf_helpers import assert_cjk_font_embedded, page_texts

SATURDAY, NEXT_MONDAY = dt.date(2026, 11, 21), dt.date(2026, 11, 23)
ZHANG_HOME, LI_HOME = "金水区文化路 97 号院 3 号楼", "黄河路 12 号 2 单元 501"


def resident(
    cc: CareCenter,
    actor: Actor,
    name: str,
    seq: int,
    *,
    phone: str = "",
    address: str = "",
    diet: frozenset[DietFlag] = frozenset(),
    allergies: str = "",
    diet_notes: str = "",
) -> int:
    """A senior with the phone and address the lists print (the shared builders register neither)."""
    data = SeniorInput(
        name=name,
        id_number=an_id(dt.date(1944, 3, 2), seq),
        registered_on=dt.date(2025, 1, 6),
        phones=(phone,) if phone else (),
        address=address,
        diet_flags=diet,
        allergies=allergies,
        diet_notes=diet_notes,
    )
    return cc.seniors.create(data, actor).id


def center_id(cc: CareCenter) -> int:
    return cc.centers.by_code("C001").id


def cells(listing: Listing) -> list[tuple[str, list[tuple[Cell, ...]]]]:
    """(heading, rows) per section."""
    return [(s.heading, list(s.rows)) for s in listing.sections]


def printed(cc: CareCenter, actor: Actor, listing: Listing, path: Path) -> list[str]:
    result = cc.reports.print_listing(actor, listing, path)
    assert_cjk_font_embedded(path)
    texts = page_texts(path)
    assert result.pages == len(texts)
    for n, text in enumerate(texts, 1):
        assert f"第 {n} 页 / 共 {len(texts)} 页" in text
    return texts


def workbook_rows(path: Path) -> list[tuple[Cell, ...]]:
    """The sheet's rows, trailing empty cells dropped, "" read as empty."""
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = []
    for values in sheet.iter_rows(values_only=True):
        row = [None if v == "" else v for v in values]
        while row and row[-1] is None:
            row.pop()
        rows.append(tuple(row))
    return rows


def assert_exported(cc: CareCenter, actor: Actor, listing: Listing, path: Path) -> list[tuple[Cell, ...]]:
    """The workbook holds the title, each section's heading, header and exactly the listing's rows."""
    cc.reports.export_listing(actor, listing, path)
    rows = workbook_rows(path)
    assert rows[0] == (listing.title,)
    header = tuple(c.title for c in listing.columns)
    for section in listing.sections:
        if not section.rows:
            continue
        start = rows.index(header, rows.index((section.heading,)) if section.heading else 0)
        expected = [tuple(None if v == "" else v for v in r) for r in section.rows]
        got = [tuple(list(r) + [None] * (len(header) - len(r))) for r in rows[start + 1 : start + 1 + len(expected)]]
        assert got == [tuple(list(r) + [None] * (len(header) - len(r)))[: len(header)] for r in expected]
    return rows


# ---- 厨房备餐 --------------------------------------------------------------------------------------


@pytest.fixture
def lunch(center: CareCenter, admin: Actor) -> dict[str, int]:
    """Today's lunch: five orders (two delivered, two with allergies, one halal and soft), one cancelled."""
    cc = center
    wang_shifu = courier(cc, admin, "王师傅")
    ma = meal_senior(cc, admin, "马秀兰", SIXTIES, 42, diet=frozenset({DietFlag.HALAL, DietFlag.SOFT}))
    zhang = resident(
        cc, admin, "张桂兰", 11, phone="13800000001", address=ZHANG_HOME, diet=frozenset({DietFlag.DIABETIC}),
        allergies="花生、虾",
    )  # fmt: skip
    wang = meal_senior(cc, admin, "王秀英", EIGHTIES, 13, allergies="鸡蛋")
    li = resident(
        cc, admin, "李建国", 15, phone="0371-63912345", address=LI_HOME, diet=frozenset({DietFlag.LOW_SALT}),
        diet_notes="不吃香菜",
    )  # fmt: skip
    zhao = meal_senior(cc, admin, "赵淑珍", SIXTIES, 17)
    chen = meal_senior(cc, admin, "陈玉兰", SIXTIES, 19)
    cc.meals.set_menu(center_id(cc), TODAY, MealType.LUNCH, "烩面、凉拌三丝", True, admin)
    for who in (ma, wang, zhao):
        cc.meals.order(OrderInput(who, TODAY), admin)
    cc.meals.order(OrderInput(zhang, TODAY, delivery=True, courier_staff_id=wang_shifu, notes="放门口"), admin)
    cc.meals.order(OrderInput(li, TODAY, delivery=True), admin)
    cancelled = cc.meals.order(OrderInput(chen, TODAY, delivery=True, address="别处"), admin)
    cc.meals.cancel_order(cancelled.id, "住院", admin)
    return {"zhao": zhao}


ZHANG_LUNCH = ("张桂兰", "糖尿病餐", "花生、虾", "送餐", ZHANG_HOME, "13800000001", "王师傅", "放门口")


def test_the_kitchen_count_on_paper_and_in_excel(
    center: CareCenter, front_desk: Actor, lunch: dict[str, int], tmp_path: Path
) -> None:
    listing = center.reports.lists.kitchen_count(front_desk, center_id(center), TODAY)
    assert (listing.title, listing.center, listing.period) == ("厨房备餐", "文化路日间照料中心", "2026-11-22 周日 午餐")
    assert listing.notes == (
        "菜品：烩面、凉拌三丝",
        "合计 5 份（堂食 3 份，送餐 2 份）",
        "清真：1 份（堂食 1，送餐 0）",
        "糖尿病餐：1 份（堂食 0，送餐 1）",
        "低盐：1 份（堂食 0，送餐 1）",
        "软食：1 份（堂食 1，送餐 0）",
        "普通：2 份（堂食 2，送餐 0）",
        "有多项饮食要求的老人在每一项中分别计数。",
    )
    assert cells(listing) == [
        ("注意过敏（2 人）", [(1, "王秀英", "", "鸡蛋", "堂食", "", "", "", ""), (2, *ZHANG_LUNCH)]),
        (
            "送餐名单（2 份）",
            [(1, "李建国", "低盐；不吃香菜", "", "送餐", LI_HOME, "0371-63912345", "未指派", ""), (2, *ZHANG_LUNCH)],
        ),
    ]
    assert [c.title for c in listing.columns] == [
        "序号", "姓名", "饮食", "过敏", "就餐", "送餐地址", "电话", "送餐人", "备注",
    ]  # fmt: skip
    assert listing.signatures == ("厨师", "核对人") and listing.wide and not listing.full_ids

    [text] = printed(center, front_desk, listing, tmp_path / "kitchen.pdf")
    for words in (
        "厨房备餐",
        "2026-11-22 周日 午餐",
        "合计 5 份",
        "清真：1 份",
        "王秀英",
        "鸡蛋",
        LI_HOME,
        "厨师",
        "核对人",
    ):
        assert words in text, words
    rows = assert_exported(center, front_desk, listing, tmp_path / "kitchen.xlsx")
    assert ("合计 5 份（堂食 3 份，送餐 2 份）",) in rows
    assert ("厨师：",) in rows and ("核对人：",) in rows


def test_a_meal_without_orders_or_without_deliveries_says_so(
    center: CareCenter, front_desk: Actor, lunch: dict[str, int], tmp_path: Path
) -> None:
    breakfast = center.reports.lists.kitchen_count(front_desk, center_id(center), TODAY, "breakfast")
    assert breakfast.rows == 0 and breakfast.period == "2026-11-22 周日 早餐"
    assert breakfast.notes[0] == "当天不供应早餐。"
    assert breakfast.empty_text == "本餐无人订餐。"
    [text] = printed(center, front_desk, breakfast, tmp_path / "breakfast.pdf")
    assert "本餐无人订餐。" in text
    assert ("本餐无人订餐。",) in workbook_rows(
        center.reports.export_listing(front_desk, breakfast, tmp_path / "b.xlsx")
    )

    center.meals.order(OrderInput(lunch["zhao"], NEXT_MONDAY), front_desk)  # eat-in, no allergies
    plain = center.reports.lists.kitchen_count(front_desk, center_id(center), NEXT_MONDAY)
    assert plain.rows == 0 and plain.empty_text == "无过敏老人，也无送餐。"
    assert plain.notes[-2:] == ("无过敏需注意。", "无送餐。")


def test_the_kitchen_count_refuses_an_unknown_meal_or_center(center: CareCenter, front_desk: Actor) -> None:
    with pytest.raises(ValidationError, match="餐次"):
        center.reports.lists.kitchen_count(front_desk, center_id(center), TODAY, "supper")
    with pytest.raises(NotFoundError):
        center.reports.lists.kitchen_count(front_desk, 99, TODAY)


# ---- 日间照料签到表 ----------------------------------------------------------------------------------


@pytest.fixture
def sunday(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    """Four expected today (one check-in voided by mistake), one walk-in, one gone home."""
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


def test_the_attendance_sheet_is_the_days_board_with_room_to_sign(
    center: CareCenter, front_desk: Actor, sunday: None, tmp_path: Path
) -> None:
    listing = center.reports.lists.attendance_sheet(front_desk, center_id(center), TODAY)
    assert (listing.title, listing.period) == ("日间照料签到表", "2026-11-22 周日")
    assert [c.title for c in listing.columns] == ["序号", "姓名", "签到", "签退", "接走人", "状态", "签名"]
    assert cells(listing) == [
        (
            "",
            [
                (1, "张桂兰", "08:12", "", "", "在中心", ""),
                (2, "赵淑珍", "08:45", "", "", "在中心；计划外（今日无照护计划）", ""),
                (3, "陈玉兰", "", "", "", "未到", ""),
                (4, "李建国", "", "", "", "未到", ""),
                (5, "王秀英", "08:30", "08:50", "女儿 李红", "已离开", ""),
            ],
        )
    ]
    assert listing.notes == ("应到 4 · 在中心 2 · 已离开 1 · 未到 2 · 计划外 1",)
    assert listing.signatures == ("经办人",) and not listing.wide
    assert listing.row_height_mm == 12  # room to sign; a row whose status wraps grows on paper

    [text] = printed(center, front_desk, listing, tmp_path / "sheet.pdf")
    for words in ("日间照料签到表", "文化路日间照料中心", "应到 4", "赵淑珍", "女儿 李红", "签名", "经办人"):
        assert words in text, words
    assert "选错了人" not in text  # a voided check-in is not on paper
    assert_exported(center, front_desk, listing, tmp_path / "sheet.xlsx")


def test_a_past_days_sheet_says_absent_and_an_empty_day_says_so(
    center: CareCenter, front_desk: Actor, sunday: None, tmp_path: Path
) -> None:
    saturday = center.reports.lists.attendance_sheet(front_desk, center_id(center), SATURDAY)
    assert cells(saturday) == [("", [(1, "王秀英", "", "", "", "缺勤", "")])]
    assert saturday.notes == ("应到 1 · 在中心 0 · 已离开 0 · 缺勤 1 · 计划外 0",)

    monday = center.reports.lists.attendance_sheet(front_desk, center_id(center), NEXT_MONDAY)
    assert monday.rows == 0
    [text] = printed(center, front_desk, monday, tmp_path / "monday.pdf")
    assert "当日无预约，也无人签到。" in text
    assert ("当日无预约，也无人签到。",) in workbook_rows(
        center.reports.export_listing(front_desk, monday, tmp_path / "monday.xlsx")
    )


# ---- 上门服务安排表 ----------------------------------------------------------------------------------


@pytest.fixture
def rounds(center: CareCenter, admin: Actor) -> dict[str, int]:
    """李娜 cleans for 张桂兰 Mon/Wed/Fri (Monday done, Wednesday missed); 王芳 keeps her company on Sundays
    and bathes her twice a month; 王秀英's Tuesday escort has no one assigned; 李娜 shops for 王秀英 today."""
    crew = team(center, admin)
    zhang = resident(center, admin, "张桂兰", 1, phone="13800000001", address=ZHANG_HOME)
    wang = resident(center, admin, "王秀英", 2, phone="0371-63912345", address=LI_HOME)
    plan = home_plan(
        center,
        admin,
        crew.social,
        zhang,
        weekly(center, "cleaning", {1, 3, 5}, crew.li),
        weekly(center, "recreation", {7}, crew.wang),
        monthly(center, "bathing", 2, crew.wang),
    )
    home_plan(center, admin, crew.social, wang, weekly(center, "mobility", {2}))
    center.visits.record(done(zhang, type_id(center, "cleaning"), crew.li, day(16)), admin)
    center.visits.miss(SlotKey(plan.services[0].id, day(18)), "家中无人", admin)
    center.visits.plan(VisitPlanInput(wang, type_id(center, "shopping"), crew.li, TODAY, at=dt.time(14)), admin)
    return {"li": crew.li, "wang": crew.wang}


ZHANG_AT = ("张桂兰", ZHANG_HOME, "13800000001")
WANG_AT = ("王秀英", LI_HOME, "0371-63912345")


def test_the_weeks_visits_per_staff_member(
    center: CareCenter, front_desk: Actor, rounds: dict[str, int], tmp_path: Path
) -> None:
    listing = center.reports.lists.visit_schedule(front_desk, center_id(center), day(19))  # any day of the week
    assert (listing.title, listing.period) == ("上门服务安排表", "2026-11-16 至 2026-11-22")
    assert [c.title for c in listing.columns] == [
        "日期", "老人", "住址", "电话", "服务项目", "时间", "状态", "老人签字",
    ]  # fmt: skip
    assert cells(listing) == [
        (
            "李娜：本周 4 次",
            [
                ("11-16 周一", *ZHANG_AT, "助洁", "09:00–10:30 共 1.5 小时", "已完成", ""),
                ("11-18 周三", *ZHANG_AT, "助洁", "", "未完成：家中无人", ""),
                ("11-20 周五", *ZHANG_AT, "助洁", "", "逾期", ""),
                ("11-22 周日", *WANG_AT, "助购", "14:00", "计划", ""),
            ],
        ),
        ("王芳：本周 1 次", [("11-22 周日", *ZHANG_AT, "助乐", "", "计划", "")]),
        ("未指派：本周 1 次", [("11-17 周二", *WANG_AT, "助行", "", "逾期", "")]),
    ]
    assert listing.notes == (
        "本周共 6 次：已完成 1 · 逾期 2 · 计划 2 · 未完成 1",
        "另有 1 项按月计次的服务本月尚未做完，见“上门服务”页",
    )
    assert listing.signatures == ("护理员", "站长") and listing.wide
    assert listing.row_height_mm is not None and listing.row_height_mm >= 12

    text = " ".join(printed(center, front_desk, listing, tmp_path / "week.pdf"))
    for words in ("上门服务安排表", "李娜：本周 4 次", "未指派：本周 1 次", "家中无人", "老人签字", "护理员", "站长"):
        assert words in text, words
    assert_exported(center, front_desk, listing, tmp_path / "week.xlsx")


def test_one_staff_members_round_and_an_empty_week(
    center: CareCenter, front_desk: Actor, rounds: dict[str, int], tmp_path: Path
) -> None:
    mine = center.reports.lists.visit_schedule(front_desk, center_id(center), day(16), rounds["wang"])
    assert cells(mine) == [("王芳：本周 1 次", [("11-22 周日", *ZHANG_AT, "助乐", "", "计划", "")])]
    assert mine.notes == (
        "仅列出 王芳 的上门服务",
        "本周共 1 次：计划 1",
        "另有 1 项按月计次的服务本月尚未做完，见“上门服务”页",
    )
    before = center.reports.lists.visit_schedule(front_desk, center_id(center), dt.date(2026, 9, 9))
    assert (before.rows, before.period) == (0, "2026-09-07 至 2026-09-13")
    [text] = printed(center, front_desk, before, tmp_path / "empty.pdf")
    assert "本周无上门服务。" in text
    with pytest.raises(NotFoundError):
        center.reports.lists.visit_schedule(front_desk, center_id(center), day(16), 999)


# ---- 数据质量 ---------------------------------------------------------------------------------------


def test_the_data_quality_list_says_what_to_correct(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    resident(center, admin, "张桂兰", 1, phone="13800000001")  # no consent, no emergency contact
    data = SeniorInput(
        name="王秀英",
        id_number=an_id(dt.date(1950, 5, 1), 3),
        registered_on=dt.date(2025, 1, 6),
        contacts=(Contact("李红", "女儿", "13900000002"),),
    )
    center.seniors.create(data, admin)  # no consent, no phone
    listing = center.reports.lists.quality_list(admin, center_id(center))
    assert (listing.title, listing.center, listing.period) == (
        "数据质量问题清单",
        "文化路日间照料中心",
        "2026-11-22 周日",
    )
    assert [c.title for c in listing.columns] == ["序号", "问题", "老人", "会员号", "字段", "如何更正"]
    assert cells(listing) == [
        (
            "",
            [
                (1, "未签同意书", "王秀英", "M000002", "同意书", "从未登记；请老人或家属签署同意书并登记"),
                (2, "未签同意书", "张桂兰", "M000001", "同意书", "从未登记；请老人或家属签署同意书并登记"),
                (3, "缺少联系电话", "王秀英", "M000002", "电话", "询问并补录联系电话"),
                (4, "缺少紧急联系人", "张桂兰", "M000001", "紧急联系人", "补录紧急联系人及其电话"),
            ],
        )
    ]
    assert listing.notes == ("共 4 个问题：未签同意书 2 · 缺少联系电话 1 · 缺少紧急联系人 1",)
    [text] = printed(center, admin, listing, tmp_path / "quality.pdf")
    for words in ("数据质量问题清单", "共 4 个问题", "M000002", "补录紧急联系人及其电话"):
        assert words in text, words
    assert_exported(center, admin, listing, tmp_path / "quality.xlsx")

    every = center.reports.lists.quality_list(admin, None)
    assert every.center == "全部站点" and every.rows == 4
    other = center.centers.create("二七区日间照料中心", admin, code="C002")
    nothing = center.reports.lists.quality_list(admin, other.id)
    assert nothing.rows == 0 and nothing.notes == ()
    [text] = printed(center, admin, nothing, tmp_path / "nothing.pdf")
    assert "未发现问题" in text
