"""Backups restore: consistent under writes, verified, refused precisely, rotated exactly, never half-applied."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url

from carecenter import backups
from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.facade import CareCenter
from carecenter.paths import backup_dir_for
from carecenter.permissions import PermissionDeniedError

NOW = FixedClock.on(dt.date(2026, 11, 22)).now()
ADMIN = Actor("test-admin", Role.ADMIN)


def _fresh(tmp_path: Path, name: str = "carecenter.db", centers: int = 1) -> URL:
    """A migrated SQLite database (always SQLite: file backups are an SQLite feature) with ``centers`` centers."""
    url = engines.sqlite_url(tmp_path / name)
    cc = CareCenter.open(url, FixedClock(NOW))
    for i in range(centers):
        cc.centers.create(f"测试站{i}", ADMIN, code=f"C{i + 1:03d}")
    cc.close()
    return url


def _path(url: URL) -> Path:
    path = engines.sqlite_path(url)
    assert path is not None
    return path


def _rows(path: Path) -> tuple[str, list[tuple[str, str]]]:
    with sqlite3.connect(path) as db:
        revision = db.execute("select version_num from carecenter_version").fetchone()[0]
        return revision, db.execute("select code, name from centers order by code").fetchall()


def _add_center(path: Path, code: str) -> None:
    """A write by another desk: its own connection, committed at once."""
    db = sqlite3.connect(path, isolation_level=None, timeout=2)
    db.execute(
        "insert into centers (code, name, address, phone, created_at) values (?, ?, '', '', '2026-11-22')", (code, code)
    )
    db.close()


def _grow(path: Path, n: int) -> None:
    """Enough pages that a copy takes several steps."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("create table if not exists padding (blob)")
    db.executemany("insert into padding values (?)", [(b"x" * 3000,) for _ in range(n)])
    db.close()


def test_backup_while_another_connection_writes(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    live = _path(url)
    _grow(live, 200)
    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        steps.append((done, total))
        if len(steps) <= 3:
            _add_center(live, f"W{len(steps)}")

    info = backups.backup_to(url, tmp_path / "out" / "b.db", NOW, progress=progress, step_pages=20)
    assert len(steps) > 3 and steps[-1][0] == steps[-1][1]
    # The backup holds the database as it was when it started; the live one kept the writes.
    assert _rows(info.path) == (migrate.head_revision(), [("C001", "测试站0")])
    assert [c for c, _ in _rows(live)[1]] == ["C001", "W1", "W2", "W3"]
    assert (info.seniors, info.centers, info.revision) == (0, 1, migrate.head_revision())
    assert info.taken_at == NOW and info.size == info.path.stat().st_size
    assert sorted(p.name for p in info.path.parent.iterdir()) == ["b.db"]  # no temp or journal files left
    # Restored elsewhere, it passes the integrity check and holds the same rows.
    other = _fresh(tmp_path, "other.db", centers=2)
    backups.restore_from(other, info.path, NOW, ADMIN)
    with sqlite3.connect(_path(other)) as db:
        assert db.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert _rows(_path(other)) == _rows(info.path)


def test_cancelled_backup_writes_no_file(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    _grow(_path(url), 100)
    with pytest.raises(backups.BackupCancelled, match="备份已停止"):
        backups.backup_to(url, tmp_path / "out" / "b.db", NOW, cancelled=lambda: True, step_pages=10)
    assert list((tmp_path / "out").iterdir()) == []


def test_inspect_names_what_the_backup_holds(tmp_path: Path) -> None:
    url = _fresh(tmp_path, centers=2)
    made = backups.backup_to(url, tmp_path / "b.db", NOW)
    assert backups.inspect_backup(tmp_path / "b.db") == made
    assert made.centers == 2 and made.taken_at == NOW


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(backups.BackupError) as err:
        backups.inspect_backup(tmp_path / "nope.db")
    assert str(err.value) == f"备份文件 {tmp_path / 'nope.db'} 不存在。"


def test_truncated_backup(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    _grow(_path(url), 50)
    path = backups.backup_to(url, tmp_path / "b.db", NOW).path
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(backups.BackupError) as err:
        backups.inspect_backup(path)
    assert str(err.value) == f"{path} 不完整或已损坏（文件被截断或未通过完整性检查），无法恢复。"


def test_damaged_pages_fail_the_integrity_check(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    _grow(_path(url), 50)
    path = backups.backup_to(url, tmp_path / "b.db", NOW).path
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = b"\xff" * 2000
    path.write_bytes(bytes(data))
    with pytest.raises(backups.BackupError, match="不完整或已损坏"):
        backups.inspect_backup(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "老人名单.xlsx"
    path.write_bytes(b"PK\x03\x04 a spreadsheet" * 100)
    with pytest.raises(backups.BackupError) as err:
        backups.inspect_backup(path)
    assert str(err.value) == f"{path} 根本不是数据库文件，不是 CareCenter 备份。"
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(backups.BackupError, match="根本不是数据库文件"):
        backups.inspect_backup(empty)


def test_another_apps_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("create table invoices (id integer primary key)")
    with pytest.raises(backups.BackupError) as err:
        backups.inspect_backup(path)
    assert str(err.value) == f"{path} 不是 CareCenter 数据库（里面是别的程序的数据表）。"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # nothing left beside it


def test_backup_from_a_newer_version(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    path = backups.backup_to(url, tmp_path / "b.db", NOW).path
    with sqlite3.connect(path) as db:
        db.execute("update carecenter_version set version_num = 'f00d'")
    with pytest.raises(backups.BackupError) as err:
        backups.inspect_backup(path)
    assert str(err.value) == f"{path} 由更新版本的 CareCenter 制作（结构版本 f00d），请安装该版本后再恢复。"


def test_restore_backs_up_first_and_reports(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    live = _path(url)
    backup = backups.backup_to(url, tmp_path / "b.db", NOW).path
    _add_center(live, "LATE")
    later = NOW + dt.timedelta(hours=2)
    report = backups.restore_from(url, backup, later, ADMIN)
    assert report.restored.path == backup and report.restored.taken_at == NOW
    assert (report.restored.seniors, report.restored.centers, report.upgraded_from) == (0, 1, None)
    assert report.previous == backup_dir_for(live) / "carecenter-before-restore-20261122-110000.db"
    assert [c for c, _ in _rows(report.previous)[1]] == ["C001", "LATE"]
    assert [c for c, _ in _rows(live)[1]] == ["C001"]
    # Reopening works and sees the restored data.
    cc = CareCenter.open(url, FixedClock(later))
    assert [c.code for c in cc.centers.list()] == ["C001"]
    # The restored database's own trail says who restored it, from what, and when.
    restored = cc.audit.lines(ADMIN)[0]
    assert (restored.action, restored.entity, restored.actor, restored.at) == (
        "restore",
        "database",
        "test-admin",
        later.replace(tzinfo=None),
    )
    assert restored.after == "b.db; 2026-11-22 09:00; 0 seniors"
    cc.close()
    again = backups.restore_from(url, backup, later, ADMIN)  # same second: the earlier copy is not overwritten
    assert again.previous is not None and again.previous.name == "carecenter-before-restore-20261122-110000-2.db"


def test_restore_while_the_app_has_it_open(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    backup = backups.backup_to(url, tmp_path / "b.db", NOW).path
    cc = CareCenter.open(url, FixedClock(NOW))
    cc.centers.create("新站", ADMIN, code="C009")
    backups.restore_from(url, backup, NOW, ADMIN)
    assert [c.code for c in cc.centers.list()] == ["C001"]  # the open app sees the restored database
    cc.close()


def test_refused_restore_changes_nothing(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    live = _path(url)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    before = (live.read_bytes(), _rows(live))
    with pytest.raises(backups.BackupError, match="根本不是数据库文件"):
        backups.restore_from(url, bad, NOW, ADMIN)
    assert (live.read_bytes(), _rows(live)) == before
    assert not backup_dir_for(live).exists() or list(backup_dir_for(live).iterdir()) == []


def test_front_desk_may_not_restore(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    backup = backups.backup_to(url, tmp_path / "b.db", NOW).path
    live = _path(url)
    before = live.read_bytes()
    with pytest.raises(PermissionDeniedError):
        backups.restore_from(url, backup, NOW, Actor("desk", Role.FRONT_DESK))
    assert live.read_bytes() == before and not backup_dir_for(live).exists()


@pytest.mark.parametrize("how", ["cancel", "crash"])
def test_interrupted_restore_leaves_the_previous_database(
    tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _fresh(tmp_path, "source.db", centers=3)
    _grow(_path(source), 200)
    backup = backups.backup_to(source, tmp_path / "b.db", NOW).path
    url = _fresh(tmp_path)
    live = _path(url)
    before = _rows(live)
    steps: list[int] = []

    def progress(done: int, total: int) -> None:
        steps.append(done)
        if how == "crash" and len(steps) == 3:
            raise OSError("disk unplugged")

    with pytest.raises(backups.BackupCancelled if how == "cancel" else OSError):
        backups.restore_from(
            url, backup, NOW, ADMIN, progress=progress, cancelled=lambda: len(steps) >= 3, step_pages=10
        )
    assert len(steps) == 3 and 0 < steps[-1] < 200
    assert _rows(live) == before
    with sqlite3.connect(live) as db:
        assert db.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert sorted(p.name for p in live.parent.iterdir() if p.name.startswith(".")) == []  # staging removed


def test_older_backup_is_upgraded_after_restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _fresh(tmp_path)
    backup = backups.backup_to(url, tmp_path / "b.db", NOW).path
    head = migrate.head_revision()
    calls: list[str] = []
    monkeypatch.setattr(migrate, "head_revision", lambda *a: "9999")
    monkeypatch.setattr(migrate, "upgrade", lambda u, now, **kw: calls.append(str(u.database)))
    report = backups.restore_from(url, backup, NOW, ADMIN)
    assert report.upgraded_from == head and calls == [str(_path(url))]


@pytest.mark.parametrize("action", ["backup", "restore"])
def test_postgresql_points_to_the_server_tools(action: str) -> None:
    url = make_url("postgresql+psycopg://care:secret@db.local:5432/carecenter")
    with pytest.raises(backups.ServerDatabaseError) as err:
        if action == "backup":
            backups.backup_to(url, Path("/tmp/x.dump"), NOW)
        else:
            backups.restore_from(url, Path("/tmp/x.dump"), NOW, ADMIN)
    text = str(err.value)
    command = (
        "pg_dump -Fc -f '/tmp/x.dump' 'postgresql://care:***@db.local:5432/carecenter'"
        if action == "backup"
        else "pg_restore --clean --if-exists -d 'postgresql://care:***@db.local:5432/carecenter' '/tmp/x.dump'"
    )
    assert command in text.splitlines()[1] and "secret" not in text
    assert "PostgreSQL" in text.splitlines()[0]


# --- daily backups ---------------------------------------------------------------------


def _days(start: dt.date, n: int) -> list[dt.datetime]:
    return [FixedClock.on(start + dt.timedelta(days=i), hour=8).now() for i in range(n)]


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_daily_rotation_over_40_days(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    root = backup_dir_for(_path(url))
    usb = tmp_path / "usb"
    usb.mkdir()
    for now in _days(dt.date(2026, 12, 10), 40):  # 2026-12-10 … 2027-01-18
        report = backups.daily_backup(url, now, second_destination=usb)
        assert report.made is not None and report.warning == ""
        assert backups.daily_backup(url, now + dt.timedelta(hours=3), second_destination=usb).made is None
    expected_daily = [f"carecenter-202701{d:02d}.db" for d in range(5, 19)]
    assert _names(root / "daily") == expected_daily
    assert _names(root / "monthly") == ["carecenter-202612.db", "carecenter-202701.db"]
    assert _names(usb / "daily") == expected_daily
    assert _names(usb / "monthly") == ["carecenter-202612.db", "carecenter-202701.db"]
    assert [p.name for p in report.daily] == expected_daily
    # The monthly copy is the month's first backup.
    first = backups.inspect_backup(root / "monthly" / "carecenter-202612.db")
    assert first.taken_at == FixedClock.on(dt.date(2026, 12, 10), hour=8).now()


def test_monthly_keeps_the_newest_twelve(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    root = backup_dir_for(_path(url))
    for i in range(15):  # the 28th of 2026-01 … 2027-03
        year, month = 2026 + (i // 12), i % 12 + 1
        backups.daily_backup(url, FixedClock.on(dt.date(year, month, 28)).now(), keep_daily=3)
    assert _names(root / "daily") == ["carecenter-20270128.db", "carecenter-20270228.db", "carecenter-20270328.db"]
    assert _names(root / "monthly") == [f"carecenter-2026{m:02d}.db" for m in range(4, 13)] + [
        f"carecenter-2027{m:02d}.db" for m in range(1, 4)
    ]


def test_daily_uses_the_shanghai_date(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    utc_evening = dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.UTC)  # already 12-01 01:00 in Zhengzhou
    backups.daily_backup(url, utc_evening)
    assert _names(backup_dir_for(_path(url)) / "daily") == ["carecenter-20261201.db"]


def test_warnings_about_the_second_destination(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    on = [FixedClock.on(dt.date(2026, 11, d)).now() for d in range(1, 32 - 1)]  # on[0] is 11-01
    assert "未设置第二备份位置" in backups.daily_backup(url, on[0]).warning
    usb = tmp_path / "usb"
    usb.mkdir()
    first = backups.daily_backup(url, on[1], second_destination=usb)
    assert first.second_copy == usb / "daily" / "carecenter-20261102.db" and not first.warning_due
    usb.rename(tmp_path / "in-a-drawer")  # unplugged: nothing is written where the drive was
    for day in range(3, 10):  # 11-03 … 11-09: no copy, but the last one is at most 7 days old
        report = backups.daily_backup(url, on[day - 1], second_destination=usb)
        assert report.second_copy is None and f"无法复制到 {usb}" in report.second_error
        assert not report.warning_due and not usb.exists()
    late = backups.daily_backup(url, on[9], second_destination=usb)  # 11-10: 8 days
    assert late.warning == f"{usb} 中最近的备份是 2026-11-02 的，已超过 7 天。 {late.second_error}"
    (tmp_path / "in-a-drawer").rename(usb)
    back = backups.daily_backup(url, on[11], second_destination=usb)
    assert not back.warning_due and back.second_copy == usb / "daily" / "carecenter-20261112.db"


def test_backup_from_an_older_schema_is_upgraded_for_real(tmp_path: Path) -> None:
    revisions = [s.revision for s in ScriptDirectory.from_config(migrate.alembic_config(None)).walk_revisions()]
    if len(revisions) < 2:
        pytest.skip("only one schema revision so far")
    oldest = revisions[-1]
    old_url = engines.sqlite_url(tmp_path / "old.db")
    engine = engines.create(old_url)
    with engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), oldest)
    engine.dispose()
    backup = backups.backup_to(old_url, tmp_path / "b.db", NOW)
    assert backup.revision == oldest
    url = _fresh(tmp_path)
    report = backups.restore_from(url, backup.path, NOW, ADMIN)
    assert report.upgraded_from == oldest
    assert _rows(_path(url)) == (migrate.head_revision(), [])


def test_a_backup_is_never_written_over_the_live_database(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    live = _path(url)
    before = live.read_bytes()
    with pytest.raises(backups.BackupError, match="备份不能覆盖数据库文件本身"):
        backups.backup_to(url, live, NOW)
    assert live.read_bytes() == before


def test_a_copy_without_subsidy_rules_gets_the_shipped_policy_on_restore(tmp_path: Path) -> None:
    """A backup from before the subsidy rules existed: the app open on it has rules at once."""
    url = _fresh(tmp_path)
    backup = backups.backup_to(url, tmp_path / "old.db", NOW).path
    with sqlite3.connect(backup) as db:  # as a copy taken before revision 0006 holds them: none
        db.execute("delete from subsidy_rule_versions")
        db.execute("delete from subsidy_rules")
        db.execute("delete from meal_prices")
    backups.restore_from(url, backup, NOW, ADMIN)
    with sqlite3.connect(_path(url)) as db:
        codes = [r[0] for r in db.execute("select code from subsidy_rules order by position")]
        prices = db.execute("select count(*) from meal_prices").fetchone()[0]
    assert codes == ["elderly_allowance", "home_care_subsidy", "meal_subsidy"] and prices == 3
