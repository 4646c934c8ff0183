"""Cells as people type them: each form either reads to one exact value or is refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import DietFlag, Status
from carecenter.roster import cells
from carecenter.roster.cells import CellError
from carecenter.roster.columns import match_header

MARCH_2 = dt.date(1945, 3, 2)


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(1945, 3, 2),
        MARCH_2,
        "1945-03-02",
        "1945.3.2",
        "1945/3/2",
        "1945年3月2日",
        "1945 年 3 月 2 号",
        "19450302",
        19450302,
        "１９４５－３－２".replace("－", "-"),
        "1945-03-02 00:00:00",
        16498,  # Excel's serial day for 1945-03-02, from a cell that lost its date format
    ],
)
def test_dates(value: cells.Cell) -> None:
    assert cells.parse_date(value) == MARCH_2


@pytest.mark.parametrize("value", ["1945-02-30", "1945.13.1", "三月二日", "1945", "0"])
def test_impossible_or_unreadable_dates_are_refused(value: cells.Cell) -> None:
    with pytest.raises(CellError, match=r"不是"):
        cells.parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"), [("1945.03", (1945, 3)), ("1945年3月", (1945, 3)), (1945.03, (1945, 3))]
)
def test_birth_year_and_month(value: cells.Cell, expected: tuple[int, int]) -> None:
    assert cells.parse_year_month(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09-19", LunarBirth(9, 19)),
        ("闰04-15", LunarBirth(4, 15, leap=True)),
        ("9月19日", LunarBirth(9, 19)),
        ("九月十九", LunarBirth(9, 19)),
        ("闰四月十五", LunarBirth(4, 15, leap=True)),
        ("腊月初八", LunarBirth(12, 8)),
        ("正月初一", LunarBirth(1, 1)),
        ("冬月廿三", LunarBirth(11, 23)),
        ("农历八月三十", LunarBirth(8, 30)),
        ("十二月初十", LunarBirth(12, 10)),
    ],
)
def test_lunar_month_and_day(text: str, expected: LunarBirth) -> None:
    assert cells.parse_lunar(text) == expected


@pytest.mark.parametrize("text", ["13-01", "09-31", "九月", "重阳"])
def test_impossible_lunar_dates_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        cells.parse_lunar(text)


@pytest.mark.parametrize(("text", "expected"), [("是", True), ("否", False), ("√", True), ("Y", True), ("n", False)])
def test_yes_no(text: str, expected: bool) -> None:
    assert cells.parse_yes_no(text) is expected


def test_yes_no_refuses_anything_else() -> None:
    with pytest.raises(CellError, match="既不是"):
        cells.parse_yes_no("不知道")


def test_status_words() -> None:
    assert [cells.parse_status(w) for w in ("在册", "暂停", "退出", "去世", "已故", "迁出")] == [
        Status.ACTIVE,
        Status.PAUSED,
        Status.WITHDRAWN,
        Status.DECEASED,
        Status.DECEASED,
        Status.WITHDRAWN,
    ]


def test_diet_keeps_the_free_text_as_typed() -> None:
    assert cells.parse_diet("清真、不吃辣, 少油") == (frozenset({DietFlag.HALAL}), "不吃辣, 少油")
    assert cells.parse_diet("低盐 糖尿病") == (frozenset({DietFlag.LOW_SALT, DietFlag.DIABETIC}), "")


def test_contacts_with_relations() -> None:
    assert cells.split_contact("张小三（儿子）") == ("张小三", "儿子")
    assert cells.split_contact("张小三(女儿)") == ("张小三", "女儿")
    assert cells.split_contact("王五") == ("王五", "")


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("身份证号码", "id_number"),
        ("公民身份号码", "id_number"),
        ("身份证号（18位）*", "id_number"),
        ("电话", "phones"),
        ("手机", "phones"),
        ("联系方式", "phones"),
        ("家庭住址", "address"),
        ("现住址", "address"),
        ("地址", "address"),
        ("社区", "community"),
        ("出生年月", "birth_date"),
        ("生日", "birth_date"),
        ("类别", "categories"),
        ("人员属性", "categories"),
        ("姓 名", "name"),
        ("紧急联系人电话", "contact_phone"),
        ("序号", ""),
        ("民族", None),
    ],
)
def test_header_variants(header: str, key: str | None) -> None:
    assert match_header(header) == key
