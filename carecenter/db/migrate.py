"""Bring a database to the app's schema: check what it is, back it up, upgrade in one transaction.

Users' databases are upgraded, never recreated. Before any upgrade of an existing
database a consistent copy is written next to it; the upgrade itself runs in a
single transaction, so a failure leaves the original exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError

from carecenter import paths
from carecenter.db import engine as engines
from carecenter.errors import DatabaseOpenError
from carecenter.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "carecenter_version"
SCRIPT_LOCATION = "carecenter:migrations"
SCHEMA_HEAD = "0011"
"""The newest migration's revision, known without loading Alembic and its scripts (a test keeps it equal).

Every start opens a database that is almost always at this revision already: comparing the
stored revision with this constant lets the start skip Alembic (a tenth of a second or more
on a desk PC); Alembic is loaded only when there is something to upgrade.
"""


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None
    note: str = ""


def alembic_config(connection: Connection | None = None, script_location: str = SCRIPT_LOCATION) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", script_location)
    config.attributes["connection"] = connection
    config.attributes["version_table"] = VERSION_TABLE
    return config


def head_revision(script_location: str = SCRIPT_LOCATION) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(None, script_location)).get_current_head()
    assert head is not None
    return head


def known_revisions(script_location: str = SCRIPT_LOCATION) -> set[str]:
    """Every revision this app's migrations know (a database at another one is from a newer app)."""
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config(None, script_location)).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The database's revision; raises DatabaseOpenError if it is not a CareCenter database."""
    url = engine.url
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if VERSION_TABLE not in tables:
                if tables:
                    raise DatabaseOpenError(
                        _("{db} is not a CareCenter database (it holds other tables).").format(db=describe(url))
                    )
                return None
            return _stored_revision(conn)
    except OperationalError as exc:
        raise _open_error(url, exc) from exc
    except DatabaseError as exc:
        raise DatabaseOpenError(
            _("{db} is not a CareCenter database (not a database file at all).").format(db=describe(url))
        ) from exc


def _stored_revision(conn: Connection) -> str | None:
    """The revision in the version table, read with one plain query (Alembic itself when it holds several)."""
    stored = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(stored) <= 1:
        return stored[0] if stored else None
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(
    url: URL,
    now: dt.datetime,
    script_location: str = SCRIPT_LOCATION,
    busy_timeout_s: float = engines.DEFAULT_BUSY_TIMEOUT_S,
) -> MigrationReport:
    """Check, back up and upgrade ``url`` to the newest schema this app knows."""
    engine = engines.create(url, busy_timeout_s)
    try:
        revision = current_revision(engine)
        if revision == SCHEMA_HEAD and script_location == SCRIPT_LOCATION:
            return MigrationReport(revision, revision, None)  # the usual start: nothing to load, nothing to do
        head = head_revision(script_location)
        if revision == head:
            return MigrationReport(revision, head, None)
        if revision is not None and revision not in known_revisions(script_location):
            raise DatabaseOpenError(
                _(
                    "{db} was written by a newer version of CareCenter (schema {rev}). "
                    "Install the newer version to open it."
                ).format(db=describe(url), rev=revision)
            )
        backup, note = (None, "") if revision is None else _backup(url, revision, now)
        try:
            _run_upgrade(engine, script_location)
        except OperationalError as exc:
            raise _open_error(url, exc, during_upgrade=True, backup=backup) from exc
        except Exception as exc:
            raise DatabaseOpenError(
                _(
                    "Upgrading {db} failed and nothing was changed: {error}. "
                    "A copy made before the attempt is at {backup}."
                ).format(db=describe(url), error=exc, backup=backup or _("(none)"))
            ) from exc
        return MigrationReport(revision, head, backup, note)
    finally:
        engine.dispose()


def _run_upgrade(engine: Engine, script_location: str) -> None:
    from alembic import command

    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # Batch migrations copy tables; foreign keys are checked once at the end instead.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        # The upgrade holds the write lock like any write, so two desks starting a new version at
        # once take turns: the second finds the schema already upgraded and leaves it alone.
        conn.execution_options(**{engines.WRITE_OPTION: True})
        # One outer transaction: Alembic joins it, so a failure anywhere rolls back everything.
        with conn.begin():
            done = _stored_revision(conn) if inspect(conn).has_table(VERSION_TABLE) else None
            if done == head_revision(script_location):
                return
            command.upgrade(alembic_config(conn, script_location), "head")
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"foreign key check failed: {broken[:3]}")


def _backup(url: URL, revision: str, now: dt.datetime) -> tuple[Path | None, str]:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    path = engines.sqlite_path(url)
    if path is not None:
        target_dir = paths.backup_dir_for(path)
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{path.stem}-before-upgrade-{revision}-{stamp}.db"
        # The backup API copies a consistent snapshot even while WAL holds recent writes.
        with sqlite3.connect(path) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target, ""
    pg_dump = shutil.which("pg_dump")
    if url.get_backend_name() == "postgresql" and pg_dump:
        target_dir = paths.data_dir() / "backups"
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{url.database}-before-upgrade-{revision}-{stamp}.dump"
        libpq_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run([pg_dump, "-Fc", "-f", str(target), libpq_url], check=True, capture_output=True)
        return target, ""
    return None, _("pg_dump was not found, so no copy was made; the upgrade ran in one transaction.")


def describe(url: URL) -> str:
    path = engines.sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


def _open_error(
    url: URL, exc: OperationalError, during_upgrade: bool = False, backup: Path | None = None
) -> DatabaseOpenError:
    text = str(exc.orig).lower()
    if engines.is_busy(exc):
        return DatabaseOpenError(
            _("{db} is locked by another program or desk. Close it there, then try again.").format(db=describe(url))
        )
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return DatabaseOpenError(
            _("{db} is not a CareCenter database (not a database file at all).").format(db=describe(url))
        )
    if during_upgrade:
        return DatabaseOpenError(
            _(
                "Upgrading {db} failed and nothing was changed: {error}. A copy made before the attempt is at {backup}."
            ).format(db=describe(url), error=exc.orig, backup=backup or _("(none)"))
        )
    return DatabaseOpenError(_("Cannot open {db}: {error}").format(db=describe(url), error=exc.orig))
