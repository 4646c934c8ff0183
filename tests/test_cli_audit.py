"""``carecenter-cli audit``: the trail as a table or JSON, filtered by day, acting as the OS user."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.test_cli import db_arg, run

KEYS = {"at", "actor", "action", "entity", "entity_id", "field", "before", "after"}


@pytest.fixture
def trail(center: CareCenter, admin: Actor, front_desk: Actor) -> CareCenter:
    """A senior registered by the admin and edited by the front desk, on 2026-11-22."""
    senior = center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(dt.date(1945, 3, 2))), admin)
    shown = center.seniors.get(senior.id, front_desk).as_input()
    center.seniors.update(senior.id, replace(shown, address="文化路1号"), front_desk)
    return center


def test_json_lines_carry_the_contract(trail: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "audit", "--since", "2026-11-22", "--format", "json")
    lines = json.loads(out)
    assert (code, err) == (0, "")
    assert all(set(line) >= KEYS for line in lines)
    edit = [line for line in lines if line["actor"] == "test-desk"]
    assert edit == [
        {
            "at": "2026-11-22T09:00:00",
            "actor": "test-desk",
            "staff_name": "",
            "action": "update",
            "entity": "senior",
            "entity_id": 1,
            "senior_id": 1,
            "senior_name": "张桂兰",
            "member_no": "M000001",
            "field": "address",
            "before": "",
            "after": "文化路1号",
        }
    ]
    # Oldest first: the shipped subsidy policy written at first start, then the center.
    assert [(line["actor"], line["entity"]) for line in lines[:2]] == [
        ("system:default-policy", "subsidy_rule"),
        ("system:default-policy", "subsidy_rule"),
    ]
    assert next(line for line in lines if line["actor"] == "test-admin")["entity"] == "center"


def test_since_and_until_bound_the_days(trail: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_arg(db_url), "audit", "--since", "2026-11-23", "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, "--db", db_arg(db_url), "audit", "--until", "2026-11-21", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_table_and_a_bad_date(trail: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_arg(db_url), "audit", "--since", "2026-11-22", "--actor", "test-desk")
    assert code == 0
    assert out.splitlines()[0].split() == ["时间", "用户名", "操作", "记录", "老人", "字段", "修改前", "修改后"]
    assert out.splitlines()[1].split() == [
        "2026-11-22",
        "09:00:00",
        "test-desk",
        "修改",
        "老人",
        "1",
        "张桂兰",
        "住址",
        "文化路1号",
    ]
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--db", db_arg(db_url), "audit", "--since", "2026-13-01")
    assert exited.value.code == 2 and "“2026-13-01”不是日期" in capsys.readouterr().err


def test_xlsx_export_from_the_cli_is_recorded_as_the_os_user(
    trail: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str], tmp_path: Path, admin: Actor
) -> None:
    target = tmp_path / "audit.xlsx"
    code, _out, err = run(capsys, "--db", db_arg(db_url), "audit", "--until", "2026-11-22", "--xlsx", str(target))
    assert code == 0 and str(target) in err
    sheet = load_workbook(target).active
    assert sheet is not None and sheet.max_row == 2 + len(
        trail.audit.lines(admin, AuditFilter(until=dt.date(2026, 11, 22)))
    )
    newest = trail.audit.lines(admin)[0]
    assert (newest.action, newest.entity) == ("export", "audit") and newest.actor.startswith("os:")


def test_seniors_list_with_full_ids_is_recorded(
    trail: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str], admin: Actor
) -> None:
    code, out, _ = run(capsys, "--db", db_arg(db_url), "seniors", "list", "--format", "json")
    assert code == 0 and json.loads(out)[0]["id_number"] == an_id(dt.date(1945, 3, 2))
    newest = trail.audit.lines(admin)[0]
    assert (newest.action, newest.entity, newest.senior_id) == ("export", "seniors", 1)
    assert newest.after == "seniors list --format json: 1 rows" and newest.actor.startswith("os:")
