"""Backups that restore: consistent copies of the SQLite database, verified, rotated, restorable.

A backup is taken with SQLite's online backup API from inside one read snapshot, so
it is consistent even while the app (or another desk) keeps writing; it is written
to a temporary file next to the target, verified (integrity check, and it must open
as a CareCenter database at a schema revision this app knows), then renamed into
place, so a half-written file never carries a backup's name.

A restore checks the chosen file first (nothing is touched if it is refused),
backs up the current database, and copies the file *into* the live database with
the same backup API. That copy is one write transaction on the live file: other
open connections see either the old or the new database, never a mix, and an
interruption (a crash, a cancel, a full disk) rolls it back, leaving the previous
database in place. Replacing the file with ``os.replace`` was rejected: connections
already open would keep reading the unlinked old file, and its ``-wal``/``-shm``
files would then belong to the wrong database.

On PostgreSQL both refuse with the exact ``pg_dump``/``pg_restore`` command to use.
No Qt here; a UI passes ``progress(done_pages, total_pages)`` and ``cancelled()``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from carecenter import paths, permissions
from carecenter.actor import Actor
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.db import audit_hook, migrate
from carecenter.db import engine as engines
from carecenter.db.sessions import Sessions
from carecenter.errors import CareCenterError, DatabaseOpenError
from carecenter.i18n import _
from carecenter.permissions import Permission
from carecenter.progress import Cancelled, Progress

STEP_PAGES = 256  # 1 MiB at SQLite's default page size: a smooth progress bar, short locks
SQLITE_HEADER = b"SQLite format 3\x00"
STALE_AFTER = dt.timedelta(days=7)
_DAILY = re.compile(r"^carecenter-(\d{8})\.db$")
LAST_SECOND_COPY = "last-second-copy.txt"  # in the backups folder: the date of the last off-disk copy
_MONTHLY = re.compile(r"^carecenter-(\d{6})\.db$")


class BackupError(CareCenterError):
    """A backup or restore was refused or failed; the message says why, and nothing was changed."""


class BackupCancelled(BackupError):
    """The user stopped the copy; no backup file was left, and a live database stayed as it was."""


class ServerDatabaseError(BackupError):
    """The database is on a PostgreSQL server: its own tools back it up; the message gives the command."""


@dataclass(frozen=True)
class BackupInfo:
    """What a verified backup file holds, in the terms the restore dialog shows."""

    path: Path
    size: int
    revision: str
    taken_at: dt.datetime
    seniors: int
    centers: int


@dataclass(frozen=True)
class RestoreReport:
    restored: BackupInfo  # what the live database now contains
    previous: Path | None  # the copy of the database as it was before; None if there was none
    upgraded_from: str | None = None  # set when the restored copy had an older schema and was upgraded


@dataclass(frozen=True)
class DailyReport:
    """The outcome of the once-a-day automatic backup, and whether the user must be warned."""

    made: BackupInfo | None  # None when today's backup already existed
    daily: list[Path]
    monthly: list[Path]
    removed: list[Path] = field(default_factory=list)
    second_copy: Path | None = None  # today's copy in the second destination, if it was reachable
    second_error: str = ""  # why copying there failed today
    warning: str = ""

    @property
    def warning_due(self) -> bool:
        return bool(self.warning)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


def server_command(url: URL, action: str, file: Path | str) -> str:
    """The exact ``pg_dump`` (action "backup") or ``pg_restore`` command for ``url``, password hidden."""
    address = _quoted(url.set(drivername="postgresql").render_as_string(hide_password=True))
    target = _quoted(str(file))
    if action == "backup":
        return f"pg_dump -Fc -f {target} {address}"
    return f"pg_restore --clean --if-exists -d {address} {target}"


def _server_error(url: URL, action: str, file: Path | str) -> ServerDatabaseError:
    intro = (
        _("This database is on a PostgreSQL server; back it up with the server's own tool:")
        if action == "backup"
        else _("This database is on a PostgreSQL server; restore it with the server's own tool:")
    )
    lines = [intro, "  " + server_command(url, action, file)]
    if url.password:
        lines.append(_("(the password is shown as ***; type it when asked, or set PGPASSWORD)"))
    return ServerDatabaseError("\n".join(lines))


def _live_path(url: URL, action: str, file: Path | str) -> Path:
    if url.get_backend_name() != "sqlite":
        raise _server_error(url, action, file)
    path = engines.sqlite_path(url)
    if path is None:
        raise BackupError(_("An in-memory database has no file to back up or restore."))
    return path


def _check_header(db_file: Path, shown: Path) -> None:
    """Refuse files that are no SQLite database, or shorter than their header says (cut short)."""
    with db_file.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise BackupError(
            _("{path} is not a database file at all, so it is not a CareCenter backup.").format(path=shown)
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    size = db_file.stat().st_size
    if page_size < 512 or size % page_size or (header_valid and size < pages * page_size):
        raise _damaged(shown)


def _damaged(shown: Path) -> BackupError:
    return BackupError(
        _(
            "{path} is incomplete or damaged (the file is cut short or fails the integrity check); it cannot be restored."
        ).format(path=shown)
    )


def _verify(db_file: Path, shown: Path) -> tuple[str, int, int]:
    """(revision, seniors, centers) of a database file, or BackupError naming ``shown``.

    ``db_file`` is opened read-write, so callers pass their own copy, never the user's file.
    """
    _check_header(db_file, shown)
    try:
        with _connect(db_file) as conn:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise _damaged(shown)
    except sqlite3.DatabaseError as exc:
        raise _damaged(shown) from exc
    engine = create_engine(engines.sqlite_url(db_file), poolclass=NullPool)
    try:
        try:
            revision = migrate.current_revision(engine)
        except DatabaseOpenError as exc:
            raise BackupError(
                _("{path} is not a CareCenter database (it holds another program's tables).").format(path=shown)
            ) from exc
        if revision is None:
            raise BackupError(_("{path} is not a CareCenter database (it is empty).").format(path=shown))
        if revision not in migrate.known_revisions():
            raise BackupError(
                _(
                    "{path} was made by a newer version of CareCenter (schema {rev}). "
                    "Install that version to restore it."
                ).format(path=shown, rev=revision)
            )
        with engine.connect() as conn:
            seniors = conn.execute(text("SELECT count(*) FROM seniors")).scalar_one()
            centers = conn.execute(text("SELECT count(*) FROM centers")).scalar_one()
        return revision, int(seniors), int(centers)
    finally:
        engine.dispose()


@contextmanager
def _connect(path: Path, timeout_s: float = engines.DEFAULT_BUSY_TIMEOUT_S) -> Iterator[sqlite3.Connection]:
    """A plain connection in autocommit mode (we issue BEGIN ourselves), always closed."""
    conn = sqlite3.connect(path, timeout=timeout_s, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _info(original: Path, checked: tuple[str, int, int]) -> BackupInfo:
    stat = original.stat()  # the modification time is the moment the backup was taken (see _settle)
    taken_at = dt.datetime.fromtimestamp(stat.st_mtime, CENTER_TZ)
    return BackupInfo(original, stat.st_size, checked[0], taken_at, checked[1], checked[2])


def inspect_backup(path: Path) -> BackupInfo:
    """Verify that ``path`` is a usable CareCenter backup and say what it holds; the file is not touched.

    The check runs on a private copy (with its ``-wal`` file, if any), because opening
    a database file even read-only may leave journal files next to it.
    """
    if not path.exists():
        raise BackupError(_("The backup file {path} does not exist.").format(path=path))
    if not path.is_file():
        raise BackupError(_("{path} is a folder, not a backup file.").format(path=path))
    with tempfile.TemporaryDirectory(prefix="carecenter-check-") as folder:
        copy = _stage(path, Path(folder))
        return _info(path, _verify(copy, path))


def _stage(source: Path, folder: Path) -> Path:
    """A byte copy of ``source`` (and its ``-wal`` journal) in ``folder``, as a standalone file."""
    _check_header(source, source)  # refuse non-databases before SQLite treats them as anything
    staged = _temp_file(folder, ".restore-", ".db")
    shutil.copyfile(source, staged)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))
    try:
        with _connect(staged) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")  # folds a copied -wal into the file
    except sqlite3.DatabaseError as exc:
        _remove(staged)
        raise _damaged(source) from exc
    return staged


def _copy_pages(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    progress: Progress | None,
    cancelled: Cancelled | None,
    stopped: str,
    step_pages: int,
) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancelled is not None and cancelled():
            raise BackupCancelled(stopped)  # aborts sqlite3_backup: the destination's transaction rolls back

    src.backup(dst, pages=step_pages, progress=step)


def backup_to(
    url: URL,
    target: Path,
    now: dt.datetime,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    step_pages: int = STEP_PAGES,
) -> BackupInfo:
    """Write a verified, consistent copy of the database at ``url`` to ``target`` (replacing it).

    The copy is made inside one read transaction on the source (the database runs in
    WAL mode, so writers carry on meanwhile): it holds the database exactly as it was
    when the backup started. ``target`` gets ``now`` as its modification time, which
    is what a restore reports as the backup's date.
    """
    live = _live_path(url, "backup", target)
    if not live.is_file():
        raise BackupError(_("There is no database at {path} to back up.").format(path=live))
    if target.resolve() == live.resolve():
        raise BackupError(_("A backup cannot be written over the database itself ({path}).").format(path=live))
    target.parent.mkdir(parents=True, exist_ok=True)
    part = _temp_file(target.parent, f".{target.stem}-", ".part")
    try:
        with _connect(live) as src, _connect(part) as dst:
            wal = src.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            if wal:  # pin one snapshot for every step; without WAL this would block writers instead
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchall()
            _copy_pages(
                src,
                dst,
                progress,
                cancelled,
                _("The backup was stopped; no backup file was written."),
                step_pages if wal else -1,
            )
            if wal:
                src.execute("COMMIT")
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        checked = _verify(part, live)
        _settle(part, target, now)
        return _info(target, checked)
    except sqlite3.Error as exc:
        raise BackupError(_("The backup of {db} failed: {error}").format(db=live, error=exc)) from exc
    finally:
        _remove(part)


def _settle(part: Path, target: Path, now: dt.datetime) -> None:
    """Stamp, flush and atomically rename a verified temporary file to its final name."""
    stamp = now.timestamp()
    os.utime(part, (stamp, stamp))
    with part.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(part, target)
    if os.name == "posix":  # make the rename itself durable
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_file(folder: Path, prefix: str, suffix: str) -> Path:
    """A new empty file in ``folder`` (SQLite opens an empty file as an empty database)."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


def _remove(path: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + extra).unlink(missing_ok=True)


def _unique(path: Path) -> Path:
    """``path``, or ``name-2.db``, ``name-3.db`` … if taken: a second restore in one second keeps both copies."""
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def restore_from(
    url: URL,
    source: Path,
    now: dt.datetime,
    actor: Actor,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    step_pages: int = STEP_PAGES,
    busy_timeout_s: float = engines.DEFAULT_BUSY_TIMEOUT_S,
) -> RestoreReport:
    """Replace the database at ``url`` by the backup ``source``; only administrators may.

    Order: verify ``source`` (refusal changes nothing) → back up the current database
    into its backups folder → copy a verified staging copy into the live file in one
    transaction (see the module docstring) → upgrade the schema if the copy is older.
    """
    permissions.require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
    live = _live_path(url, "restore", source)
    info = inspect_backup(source)
    previous: Path | None = None
    if live.exists():
        name = f"{live.stem}-before-restore-{now:%Y%m%d-%H%M%S}.db"
        try:
            previous = backup_to(url, _unique(paths.backup_dir_for(live) / name), now).path
        except BackupError as exc:
            raise BackupError(
                _(
                    "The current database could not be backed up before the restore, so nothing was changed: {error} "
                    "If it is damaged, move {path} to another folder and restore again."
                ).format(error=exc, path=live)
            ) from exc
    live.parent.mkdir(parents=True, exist_ok=True)
    staged = _stage(source, live.parent)
    try:
        _verify(staged, source)  # the file could have changed since it was inspected
        try:
            with _connect(staged) as src, _connect(live, busy_timeout_s) as dst:
                _copy_pages(
                    src,
                    dst,
                    progress,
                    cancelled,
                    _("The restore was stopped; the current database was left as it was."),
                    step_pages,
                )
        except sqlite3.Error as exc:
            raise BackupError(
                _("Restoring into {db} failed and it was left as it was: {error}").format(db=live, error=exc)
            ) from exc
    finally:
        _remove(staged)
    upgraded_from = None
    if info.revision != migrate.head_revision():
        migrate.upgrade(url, now, busy_timeout_s=busy_timeout_s)
        upgraded_from = info.revision
    _record_restore(url, actor, now, info, busy_timeout_s)
    return RestoreReport(info, previous, upgraded_from)


def _record_restore(url: URL, actor: Actor, now: dt.datetime, info: BackupInfo, busy_timeout_s: float) -> None:
    """The restored database's own trail says who brought it back, from which copy, and when.

    A copy from before the subsidy rules existed gets the shipped policy now, as a first
    start would give it, so the app open on it has rules without being started again.
    """
    from carecenter.subsidies.service import SubsidyService  # the restore path only

    engine = engines.create(url, busy_timeout_s)
    try:
        sessions = Sessions(engine, FixedClock(now))
        with sessions(actor) as session:
            what = f"{info.path.name}; {info.taken_at:%Y-%m-%d %H:%M}; {info.seniors} seniors"
            audit_hook.record_event(session, "restore", "database", after=what)
            session.commit()
        SubsidyService(sessions, FixedClock(now)).ensure_default_policy()
    finally:
        engine.dispose()


def daily_backup(
    url: URL,
    now: dt.datetime,
    keep_daily: int = 14,
    keep_monthly: int = 12,
    second_destination: Path | None = None,
) -> DailyReport:
    """The automatic backup at the first start of a day: at most one per calendar day (Shanghai date).

    ``<backups>/daily/carecenter-YYYYMMDD.db`` keeps the newest ``keep_daily`` days;
    the first backup of each month is also kept as ``monthly/carecenter-YYYYMM.db``
    (the newest ``keep_monthly`` months). The same layout and rotation is mirrored in
    ``second_destination`` (a USB drive or network folder) whenever it is reachable;
    a drive plugged in only once a week is fine, so the ``warning`` comes only when no
    second destination is set or its last copy is more than 7 days old.
    """
    live = _live_path(url, "backup", "carecenter.dump")
    day = now.astimezone(CENTER_TZ).date()
    root = paths.backup_dir_for(live)
    today = root / "daily" / f"carecenter-{day:%Y%m%d}.db"
    made = None if today.exists() else backup_to(url, today, now)
    removed = _file_away(today, root, day, now, keep_daily, keep_monthly)
    second: Path | None = None
    error = warning = ""
    if second_destination is None:
        warning = _(
            "No second backup place is set. Choose a USB drive or network folder on the Backup and restore page, "
            "so that a broken disk cannot take the backups with it."
        )
    else:
        stamp = root / LAST_SECOND_COPY
        try:
            if not second_destination.is_dir():
                raise BackupError(_("the folder is not there (is the drive connected?)"))
            removed += _file_away(today, second_destination, day, now, keep_daily, keep_monthly)
            second = second_destination / "daily" / today.name
            stamp.write_text(day.isoformat(), encoding="utf-8")
        except (OSError, BackupError) as exc:
            error = _("The backup could not be copied to {place}: {error}").format(place=second_destination, error=exc)
        last = dt.date.fromisoformat(stamp.read_text(encoding="utf-8").strip()) if stamp.is_file() else None
        if last is None or day - last > STALE_AFTER:
            warning = _("The last copy in {place} is from {date}, more than 7 days ago.").format(
                place=second_destination, date=last.isoformat() if last else _("never")
            )
            warning = f"{warning} {error}" if error else warning
    daily = sorted((root / "daily").glob("carecenter-*.db"))
    monthly = sorted((root / "monthly").glob("carecenter-*.db"))
    return DailyReport(made, daily, monthly, removed, second, error, warning)


def _file_away(
    today: Path, root: Path, day: dt.date, now: dt.datetime, keep_daily: int, keep_monthly: int
) -> list[Path]:
    """Put today's backup into ``root``'s daily and monthly folders (verified copies), then rotate."""
    daily = root / "daily" / f"carecenter-{day:%Y%m%d}.db"
    if daily != today and not daily.exists():
        _copy_verified(today, daily, now)
    monthly = root / "monthly" / f"carecenter-{day:%Y%m}.db"
    if not monthly.exists():
        _copy_verified(today, monthly, now)
    return _rotate(root / "daily", _DAILY, keep_daily) + _rotate(root / "monthly", _MONTHLY, keep_monthly)


def _copy_verified(source: Path, target: Path, now: dt.datetime) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = _temp_file(target.parent, f".{target.stem}-", ".part")
    try:
        shutil.copyfile(source, part)
        _verify(part, target)
        _settle(part, target, now)
    finally:
        _remove(part)


def _rotate(folder: Path, pattern: re.Pattern[str], keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` files named by ``pattern``; other files are left alone."""
    ours = sorted(p for p in folder.glob("carecenter-*.db") if pattern.match(p.name))
    doomed = ours[: max(len(ours) - keep, 0)]
    for path in doomed:
        path.unlink()
    return doomed
