"""``carecenter-cli import seniors``: exit codes, the JSON shape, dry runs, and a kill in the middle."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import URL, func, select

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db.models import AuditEntry, Senior
from carecenter.facade import CareCenter
from tests.core.helpers import an_id
from tests.core.roster_files import write_csv, write_xlsx
from tests.test_cli import db_arg, run

GOOD = an_id(dt.date(1945, 3, 2), 41)
OTHER = an_id(dt.date(1938, 12, 9), 62)


def counts(url: URL) -> tuple[int, int]:
    cc = CareCenter.open(url, FixedClock(dt.datetime(2026, 11, 22, 9, 0)))
    try:
        with cc.engine.connect() as conn:
            seniors = conn.scalar(select(func.count(Senior.id))) or 0
            audit = conn.scalar(select(func.count(AuditEntry.id))) or 0
        return seniors, audit
    finally:
        cc.close()


@pytest.fixture
def db(db_url: URL, capsys: pytest.CaptureFixture[str]) -> str:
    database = db_arg(db_url)
    code, _out, err = run(capsys, "--db", database, "centers", "add", "--name", "文化路日间照料中心")
    assert code == 0, err
    return database


def test_all_rows_accepted_exit_0_and_json(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "民族"], ["张三", GOOD, "汉"], ["李四", OTHER, "回"]])

    code, out, _ = run(capsys, "--db", db, "import", "seniors", str(path), "--format", "json")

    assert code == 0
    assert json.loads(out) == {
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
        "warnings": [{"row": 1, "code": "unknown_column", "message": "“民族”列不是花名册的已知列，这一列的内容未导入"}],
    }
    code, out, _ = run(capsys, "--db", db, "import", "seniors", str(path), "--format", "json")
    assert (code, json.loads(out)["unchanged"], json.loads(out)["added"]) == (0, 2, 0)


def test_rejected_rows_exit_1_and_the_rest_is_imported(
    db: str, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "r.csv", [["姓名", "身份证号"], ["张三", GOOD], ["", OTHER], ["王五", GOOD]])

    code, out, _ = run(capsys, "--db", db, "import", "seniors", str(path))

    assert code == 1
    assert "新增 1，更新 0，无变化 0，拒绝 2" in out
    assert "missing_name" in out and "duplicate_in_file" in out
    assert str(tmp_path / "r.errors.xlsx") in out
    assert counts(db_url)[0] == 1


def test_dry_run_changes_nothing_but_writes_the_errors_file(
    db: str, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [["姓名", "身份证号"], ["张三", GOOD], ["李四", "4.10105E+17"]])
    before = counts(db_url)

    code, out, _ = run(capsys, "--db", db, "import", "seniors", str(path), "--dry-run", "--format", "json")

    assert code == 1
    report = json.loads(out)
    assert report["added"] == 1 and [r["code"] for r in report["rejected"]] == ["excel_number"]
    assert counts(db_url) == before
    assert (tmp_path / "roster.errors.xlsx").is_file()


def test_unusable_file_exit_2(db: str, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "list.xlsx", [["序号", "名单"], [1, "张三"]])
    before = counts(db_url)

    code, out, err = run(capsys, "--db", db, "import", "seniors", str(path))

    assert code == 2 and out == ""
    assert "没有找到表头" in err and "“姓名”" in err and "“身份证号”" in err
    assert counts(db_url) == before


def _cli(db: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "carecenter", "--db", db, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_killing_the_import_halfway_leaves_the_database_unchanged(
    db: str, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_xlsx(tmp_path / "first.xlsx", [["姓名", "身份证号", "联系电话"], ["张三", GOOD, "13800000001"]])
    assert run(capsys, "--db", db, "import", "seniors", str(first))[0] == 0
    rows: list[list[object]] = [["姓名", "身份证号", "联系电话"], ["张三", GOOD, "13900000009"]]
    rows += [
        [f"老人{chr(0x4E00 + i)}", an_id(dt.date(1940, 1, 1) + dt.timedelta(days=i), i % 900 + 1), ""]
        for i in range(1, 1200)
    ]
    big = write_xlsx(tmp_path / "big.xlsx", rows)
    before = counts(db_url)

    process = _cli(db, "import", "seniors", str(big), "--progress")
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        match = re.search(r"(\d+)/(\d+)", line)
        if match and int(match.group(1)) >= 600:  # half the rows are flushed, none committed
            seen.append(line)
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)

    assert seen and process.returncode == -signal.SIGKILL
    assert counts(db_url) == before
    if db_url.get_backend_name() == "sqlite":
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    cc = CareCenter.open(db_url, FixedClock(dt.datetime(2026, 11, 22, 9, 0)))
    try:
        with cc.engine.connect() as conn:
            senior_id = conn.execute(select(Senior.id).where(Senior.id_number == GOOD)).scalar_one()
        assert cc.seniors.get(senior_id, Actor.system_user()).phones == ("13800000001",)
    finally:
        cc.close()
    # and the same file then imports completely
    code, out, _ = run(capsys, "--db", db, "import", "seniors", str(big), "--format", "json")
    assert code == 0 and json.loads(out)["added"] == 1199 and json.loads(out)["updated"] == 1
