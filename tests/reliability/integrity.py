"""Is the database whole? The checks run after every kill and after the soak, on either backend.

- SQLite: ``PRAGMA integrity_check`` says ``ok`` and ``PRAGMA foreign_key_check`` finds nothing,
  run on a connection of its own (which also replays or discards what the dead process left
  in the write-ahead log, as the next desk to open the file would).
- Both backends: every foreign key of the schema points at a row that exists (counted by a
  query per key, so PostgreSQL's constraints are checked by what they hold, not trusted), and
  on PostgreSQL every constraint is validated.
- The audit trail: every record has a 'create' line by its creator and its last change a line by
  its last editor (what the suite's ``assert_trail_complete`` checks, here as set differences
  the database computes, fast on thousands of seniors), and no trail line is about a record
  that is not there, since a record and its trail are written in one transaction, both or neither.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from carecenter.db import engine as engines
from carecenter.db.models import Base
from carecenter.facade import CareCenter
from tests.conftest import _STAMPED

# Audited entities the reliability tests write, and their tables.
TRAIL_TABLES = {
    "senior": "seniors",
    "attendance": "attendance",
    "meal_serving": "meal_servings",
    "meal_balance": "meal_balance_entries",
    "subsidy_roster": "subsidy_rosters",
    "visit": "visits",
}


def assert_file_intact(url: URL) -> None:
    """SQLite only (a no-op on a server): the file's own checks."""
    path = engines.sqlite_path(url)
    if path is None:
        return
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def orphans(conn: Connection) -> dict[str, int]:
    """Rows whose foreign key names a missing row, per ``table.column`` (only those with any)."""
    found = {}
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_key_constraints:
            pairs = list(zip(key.column_keys, [e.column for e in key.elements], strict=True))
            parent = pairs[0][1].table.name
            present = " AND ".join(f"c.{child} IS NOT NULL" for child, _col in pairs)
            match = " AND ".join(f"p.{col.name} = c.{child}" for child, col in pairs)
            count = conn.execute(
                text(
                    f"SELECT count(*) FROM {table.name} c WHERE {present} "
                    f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {match})"
                )
            ).scalar_one()
            if count:
                found[f"{table.name}.{','.join(c for c, _col in pairs)}"] = count
    return found


def trail_without_record(conn: Connection) -> dict[str, int]:
    """Trail lines about a record of ``TRAIL_TABLES`` that does not exist, per entity (only those with any)."""
    found = {}
    for entity, table in TRAIL_TABLES.items():
        count = conn.execute(
            text(
                f"SELECT count(*) FROM audit_log a WHERE a.entity = :e AND a.entity_id IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.id = a.entity_id)"
            ),
            {"e": entity},
        ).scalar_one()
        if count:
            found[entity] = count
    return found


def records_without_trail(conn: Connection) -> dict[str, int]:
    """Records whose creation, or last change, has no trail line by the one the record names (only those with any)."""
    found = {}
    for table, entity, created_by, updated_by in _STAMPED:
        queries = [
            f"SELECT id, {created_by} FROM {table} EXCEPT "
            f"SELECT entity_id, actor FROM audit_log WHERE entity = :e AND action = 'create'"
        ]
        if updated_by:
            queries.append(
                f"SELECT id, {updated_by}, updated_at FROM {table} WHERE updated_at <> created_at EXCEPT "
                f"SELECT entity_id, actor, at FROM audit_log WHERE entity = :e"
            )
        for query in queries:
            count = conn.execute(text(f"SELECT count(*) FROM ({query}) missing"), {"e": entity}).scalar_one()
            if count:
                found[table] = found.get(table, 0) + count
    return found


def assert_intact(cc: CareCenter) -> None:
    """The whole check: the file (SQLite), keys, constraints (PostgreSQL) and the audit trail both ways."""
    assert_file_intact(cc.url)
    with cc.engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
        assert orphans(conn) == {}
        if cc.url.get_backend_name() == "postgresql":
            invalid = conn.execute(
                text(
                    "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                    "WHERE n.nspname = current_schema() AND NOT c.convalidated"
                )
            ).scalar_one()
            assert invalid == 0
        assert trail_without_record(conn) == {}
        assert records_without_trail(conn) == {}
