"""``carecenter-cli backup`` / ``restore`` end to end: output, exit codes, and the live database left alone on refusal."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from carecenter import cli, cli_backup
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.db import migrate

NOW = FixedClock.on(dt.date(2026, 11, 22), hour=10)


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_backup, "clock_factory", lambda: NOW)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def live(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "data" / "carecenter.db"
    assert run(capsys, "--db", str(db), "init", "--demo", "12")[0] == 0
    return db


def _state(db: Path) -> tuple[str, int, list[tuple[str, str]]]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("select version_num from carecenter_version").fetchone()[0],
            conn.execute("select count(*) from seniors").fetchone()[0],
            conn.execute("select member_no, name from seniors order by id").fetchall(),
        )


def test_backup_to_the_default_place(live: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(live), "backup")
    target = live.parent / "backups" / "carecenter-20261122-100000.db"
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"备份已保存：{target}"
    assert lines[1].startswith("大小：") and lines[1].endswith("；老人：12 位；站点：1 个")
    assert _state(target) == _state(live)


def test_restore_with_yes(live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "b.db"
    assert run(capsys, "--db", str(live), "backup", "--out", str(backup))[0] == 0
    saved = _state(live)
    with sqlite3.connect(live) as conn:
        conn.execute("delete from seniors where id > 6")
    code, out, err = run(capsys, "--db", str(live), "restore", str(backup), "--yes")
    assert (code, err) == (0, "")
    previous = live.parent / "backups" / "carecenter-before-restore-20261122-100000.db"
    assert out.splitlines() == [
        f"已恢复 {backup}：2026-11-22 10:00 的备份，共 12 位老人、1 个站点。",
        f"恢复前的数据库已保存在 {previous}",
    ]
    assert _state(live) == saved
    assert _state(previous)[1] == 6


def test_restore_without_a_terminal_needs_yes(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "b.db"
    run(capsys, "--db", str(live), "backup", "--out", str(backup))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", str(live), "restore", str(backup))
    assert (code, out) == (1, "")
    assert err == "恢复会替换当前数据库。无法在终端确认，请加上 --yes。\n"


def test_truncated_backup_is_refused(live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "b.db"
    run(capsys, "--db", str(live), "backup", "--out", str(backup))
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])
    before = (live.read_bytes(), _state(live))
    code, out, err = run(capsys, "--db", str(live), "restore", str(backup), "--yes")
    assert (code, out) == (1, "")
    assert err == f"{backup} 不完整或已损坏（文件被截断或未通过完整性检查），无法恢复。\n"
    assert (live.read_bytes(), _state(live)) == before
    assert before[1][0] == migrate.head_revision()
    assert not (live.parent / "backups").exists()


def test_newer_and_foreign_files_are_refused(live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("create table invoices (id integer primary key)")
    code, _, err = run(capsys, "--db", str(live), "restore", str(foreign), "--yes")
    assert code == 1 and "不是 CareCenter 数据库" in err
    code, _, err = run(capsys, "--db", str(live), "restore", str(tmp_path / "missing.db"), "--yes")
    assert code == 1 and err == f"备份文件 {tmp_path / 'missing.db'} 不存在。\n"


def test_usage_error_exits_2(live: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--db", str(live), "restore"])
    assert exc.value.code == 2


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_postgresql_prints_the_server_commands(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://postgres:pw@127.0.0.1:5432/test"
    argv = ["--db", url, command] + (["--out", "/tmp/care.dump"] if command == "backup" else ["/tmp/care.dump"])
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    expected = (
        "  pg_dump -Fc -f '/tmp/care.dump' 'postgresql://postgres:***@127.0.0.1:5432/test'"
        if command == "backup"
        else "  pg_restore --clean --if-exists -d 'postgresql://postgres:***@127.0.0.1:5432/test' '/tmp/care.dump'"
    )
    assert err.splitlines()[1] == expected and "pw@" not in err


def test_backup_on_the_suite_backend(db_url: URL, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """On SQLite a file is written; on the PostgreSQL test server the pg_dump command is printed."""
    db = db_url.database if db_url.get_backend_name() == "sqlite" else db_url.render_as_string(hide_password=False)
    assert db is not None
    run(capsys, "--db", db, "init")
    code, out, err = run(capsys, "--db", db, "backup", "--out", str(tmp_path / "x.db"))
    if engines.sqlite_path(db_url) is not None:
        assert code == 0 and out.startswith("备份已保存：")
    else:
        assert code == 1 and "pg_dump -Fc -f" in err


class _Terminal(io.StringIO):
    """Typed answers on what looks like a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "code"), [("yes\n", 0), ("no\n", 1), ("是\n", 0)])
def test_restore_asks_on_a_terminal(
    answer: str,
    code: int,
    live: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = tmp_path / "b.db"
    run(capsys, "--db", str(live), "backup", "--out", str(backup))
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    got, out, err = run(capsys, "--db", str(live), "restore", str(backup))
    assert got == code
    assert out.startswith(
        f"{backup} 是 2026-11-22 10:00 的备份，共 12 位老人、1 个站点。\n用它替换当前数据库吗？输入 yes 继续："
    )
    assert (err == "未恢复任何内容。\n") == (code == 1)
    assert (live.parent / "backups" / "carecenter-before-restore-20261122-100000.db").exists() == (code == 0)
