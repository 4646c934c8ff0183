"""``carecenter-cli due``: the 待办 list as JSON or a table, for one center or all; exit 1 when something is due."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_care
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_due import assess, plan, senior
from tests.test_cli import db_arg, run

KEYS = {"kind", "member_no", "name", "senior_id", "due_on", "days", "overdue", "detail"}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_care, "clock_factory", lambda: clock)


def test_nothing_due_exits_0(center: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "due", "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")


def test_due_items_as_json_overdue_first(
    center: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    overdue = senior(center, admin, "张桂兰", 11)
    soon = senior(center, admin, "王秀英", 12)
    assess(center, admin, overdue.id, dt.date(2026, 5, 21))
    assess(center, admin, soon.id, dt.date(2026, 6, 1))
    for s in (overdue, soon):
        plan(center, admin, s.id, review_on=dt.date(2027, 3, 1))
    code, out, err = run(capsys, "--db", db_arg(db_url), "due", "--format", "json")
    items = json.loads(out)
    assert (code, err) == (1, "")
    assert all(set(i) == KEYS for i in items)
    assert [(i["name"], i["kind"], i["due_on"], i["days"], i["overdue"]) for i in items] == [
        ("张桂兰", "reassessment", "2026-11-21", -1, True),
        ("王秀英", "reassessment", "2026-12-01", 9, False),
    ]
    code, out, _ = run(capsys, "--db", db_arg(db_url), "due", "--days", "0", "--format", "json")
    assert [i["name"] for i in json.loads(out)] == ["张桂兰"]


def test_table_for_one_center(
    center: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    here = center.centers.by_code("C001")
    other = center.centers.create("纬五路社区站", admin, code="C002")
    senior(center, admin, "张桂兰", 11, registered=TODAY, center_id=here.id)
    senior(center, admin, "王秀英", 12, registered=dt.date(2026, 11, 12), center_id=other.id)
    code, out, err = run(capsys, "--db", db_arg(db_url), "due", "--center", "c002")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0].split() == ["会员号", "姓名", "待办事项", "到期日", "期限", "详情"]
    assert lines[1].split() == [
        "M000002",
        "王秀英",
        "首次评估",
        "2026-11-22",
        "今天到期",
        "2026-11-12",
        "登记，从未评估",
    ]
    assert lines[-1] == "共 1 行"


def test_unknown_center_or_negative_days_exit_2(
    center: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "due", "--center", "C999")
    assert (code, out) == (2, "") and "C999" in err
    code, out, err = run(capsys, "--db", db_arg(db_url), "due", "--days", "-1")
    assert (code, out) == (2, "") and "--days" in err
