"""Engines for the embedded SQLite file or a PostgreSQL server, configured for safe multi-use."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from carecenter import paths
from carecenter.db.network_paths import network_share
from carecenter.errors import DatabaseOpenError
from carecenter.i18n import _

ENV_VAR = "CARECENTER_DB"
SUPPORTED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")
DEFAULT_BUSY_TIMEOUT_S = 5.0
WRITE_OPTION = "carecenter_writes"
"""Execution option set on a session's connection by a call that writes (:class:`carecenter.db.sessions.Sessions`)."""
WRITE_LOCK_KEY = 0x43617265  # "Care": the PostgreSQL advisory lock that write calls take in turn


# SQLite: "database is locked"/"busy"; PostgreSQL: a wait beyond lock_timeout, or a deadlock it broke.
BUSY_SIGNS = ("locked", "busy", "lock timeout", "deadlock detected")


def is_busy(exc: OperationalError) -> bool:
    """Whether the database refused because another desk held it longer than we would wait."""
    text = str(exc.orig).lower()
    return any(sign in text for sign in BUSY_SIGNS)


def resolve_url(value: str | None = None) -> URL:
    """``--db`` value, else $CARECENTER_DB, else the SQLite file in the user data dir.

    A plain path means an SQLite file; anything with ``://`` is an SQLAlchemy URL.
    """
    raw = value or os.environ.get(ENV_VAR) or ""
    if not raw:
        return sqlite_url(paths.default_database_path())
    if "://" in raw:
        try:
            url = make_url(raw)
        except (ArgumentError, ValueError):
            raise DatabaseOpenError(_("“{url}” is not a database address.").format(url=raw)) from None
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        if url.drivername not in SUPPORTED_DRIVERS:
            raise DatabaseOpenError(
                _("CareCenter works with SQLite files and PostgreSQL (postgresql+psycopg://…), not {driver}.").format(
                    driver=url.drivername
                )
            )
        return url
    return sqlite_url(Path(raw).expanduser())


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path.absolute()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL (None for a server or an in-memory database)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def create(url: URL, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> Engine:
    """An engine whose SQLite connections use WAL, enforce foreign keys, wait when busy,
    and run real transactions (pysqlite's own BEGIN handling would autocommit DDL)."""
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            refuse_network_share(path)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": busy_timeout_s, "isolation_level": None},
        )
        _configure_sqlite(engine, busy_timeout_s)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    _configure_postgresql(engine, busy_timeout_s)
    return engine


def refuse_network_share(path: Path) -> None:
    """DatabaseOpenError when ``path`` is on a network share: an SQLite file there is corrupted by several desks."""
    share = network_share(path)
    if share is not None:
        raise DatabaseOpenError(
            _(
                "{path} is on a network share ({share}). Several PCs using one SQLite file over the network "
                "damage it sooner or later. Keep the database on this PC, or use a PostgreSQL server for "
                "several desks (README: PostgreSQL)."
            ).format(path=path, share=share)
        )


def _use_wal(cur: sqlite3.Cursor, busy_timeout_s: float) -> None:
    """Put the file in WAL mode, waiting for another desk as any write does.

    Switching the journal needs the whole file and SQLite applies no busy wait to it: two desks
    opening a new database at once both try, and the one that loses found the file locked by the
    other's migrations and failed at once. It now tries again until the busy timeout, and is
    done as soon as the file is in WAL mode, whoever switched it.
    """
    deadline = time.monotonic() + busy_timeout_s
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _configure_sqlite(engine: Engine, busy_timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        _use_wal(cur, busy_timeout_s)
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A call that writes takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the
        # busy timeout for another desk to finish. A plain BEGIN would upgrade to a write lock on the
        # first write, and in WAL mode that upgrade fails at once, without waiting, whenever another
        # desk wrote since this transaction first read. Reads keep the plain BEGIN and never wait.
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _configure_postgresql(engine: Engine, busy_timeout_s: float) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writes take turns on the server as they do on SQLite: a call that writes holds one
        # transaction-scoped advisory lock, waiting at most the busy timeout for it. Checks such
        # as "already checked in today" or the next member number then read what the previous
        # desk committed, instead of two desks passing the same check at once under READ
        # COMMITTED. Reads take no lock and never wait. The lock ends with the transaction,
        # even when the client dies (the server rolls back and releases it).
        if conn.get_execution_options().get(WRITE_OPTION, False):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(busy_timeout_s * 1000)}ms'")
            # Keyed by schema too: two datasets in one database (a test server, say) never wait on each other.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY}, hashtext(current_schema()))")
