"""``carecenter-cli birthdays``: the month's list as JSON or a table, bad months and unknown centers refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_birthdays
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.lunar import LunarBirth
from carecenter.facade import CareCenter
from tests.core.helpers import an_id
from tests.core.test_birthday_list import senior
from tests.test_cli import db_arg, run


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_birthdays, "clock_factory", lambda: clock)


@pytest.fixture
def november(center: CareCenter, admin: Actor) -> None:
    """张 turns 80 on the 30th, 王 and 李 76 on the 15th, 何 keeps 十月初一 (9 November 2026); 刘 is born in May."""
    senior(center, admin, "张桂兰", dt.date(1946, 11, 30), 1, community="文化路社区")
    senior(center, admin, "王秀英", dt.date(1950, 11, 15), 3, community="文化路社区")
    senior(center, admin, "李秀英", dt.date(1950, 11, 15), 5, community="黄河路社区")
    senior(center, admin, "何淑英", dt.date(1946, 10, 1), 7, lunar=LunarBirth(10, 1), community="文化路社区")
    senior(center, admin, "刘建国", dt.date(1950, 5, 1), 9)


def test_json_shape_and_order(
    center: CareCenter, admin: Actor, november: None, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "2026-11", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "id_number": an_id(dt.date(1946, 10, 1), 7),
            "name": "何淑英",
            "date": "2026-11-09",
            "lunar": True,
            "age": 80,
            "milestone": True,
        },
        {
            "id_number": an_id(dt.date(1950, 11, 15), 5),
            "name": "李秀英",
            "date": "2026-11-15",
            "lunar": False,
            "age": 76,
            "milestone": False,
        },
        {
            "id_number": an_id(dt.date(1950, 11, 15), 3),
            "name": "王秀英",
            "date": "2026-11-15",
            "lunar": False,
            "age": 76,
            "milestone": False,
        },
        {
            "id_number": an_id(dt.date(1946, 11, 30), 1),
            "name": "张桂兰",
            "date": "2026-11-30",
            "lunar": False,
            "age": 80,
            "milestone": True,
        },
    ]
    # Full ID numbers left the app: that is on the record.
    exports = [line for line in center.audit.lines(admin) if line.action == "export"]
    assert [(line.entity, line.after) for line in exports] == [
        ("seniors", "birthdays --month 2026-11 --format json: 4 rows")
    ]
    assert exports[0].actor.startswith("os:")


def test_table_for_one_center(
    center: CareCenter, admin: Actor, november: None, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    other = center.centers.create("纬五路社区站", admin, code="C002")
    senior(center, admin, "赵淑珍", dt.date(1956, 11, 3), 11, center_id=other.id, community="纬五路社区")
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "2026年11月", "--center", "c002")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["生日", "会员号", "姓名", "身份证号", "年龄", "农历", "整寿", "站点", "所属社区"]
    assert lines[1].split() == [
        "2026-11-03",
        "M000006",
        "赵淑珍",
        an_id(dt.date(1956, 11, 3), 11),
        "70",
        "是",
        "C002",
        "纬五路社区",
    ]
    assert lines[-1] == "共 1 行"
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "2026-11")
    lines = out.splitlines()
    assert [line.split()[2] for line in lines[1:-1]] == ["赵淑珍", "何淑英", "李秀英", "王秀英", "张桂兰"]
    assert lines[2].split()[4:] == ["80", "是", "是", "C001", "文化路社区"]  # lunar and a milestone
    assert lines[-1] == "共 5 行"


def test_an_empty_month(center: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "2026-12", "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")


def test_a_bad_month_or_unknown_center_exits_2(
    center: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "2026-13")
    assert (code, out, err) == (2, "", "月份：“2026-13”：月份必须在 01 到 12 之间\n")
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "十一月")
    assert (code, out) == (2, "") and err.startswith("月份：“十一月”不是月份")
    code, out, err = run(capsys, "--db", db_arg(db_url), "birthdays", "--month", "2026-11", "--center", "C999")
    assert (code, out) == (2, "") and "C999" in err
