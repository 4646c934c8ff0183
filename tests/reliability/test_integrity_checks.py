"""The checks the kill and soak tests rely on do find damage: a record without its trail, a trail line
without its record, a row pointing at nothing. Each is planted behind the core's back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from carecenter.db.desk_models import Attendance
from carecenter.db.models import AuditEntry
from carecenter.facade import CareCenter
from tests.reliability import integrity, seed
from tests.reliability.seed import CLOCK, TODAY

NINE = dt.datetime(2026, 11, 22, 9, 0)


def attendance_row(senior_id: int, center_id: int) -> dict[str, object]:
    return {
        "senior_id": senior_id,
        "center_id": center_id,
        "day": TODAY,
        "checked_in_at": NINE,
        "created_at": NINE,
        "created_by": "test-desk",
        "updated_at": NINE,
        "updated_by": "test-desk",
    }


def test_a_record_written_without_its_trail_and_a_trail_line_without_its_record_are_found(
    db_url: URL, tmp_path: Path
) -> None:
    seeded = seed.seed(db_url, tmp_path, 1)
    cc = CareCenter.open(db_url, CLOCK)
    try:
        integrity.assert_intact(cc)
        # A plain session has no audit hook: as if a check-in were committed without its trail.
        with Session(cc.engine) as session:
            session.add(Attendance(**attendance_row(seeded.seniors[0], seeded.center_id)))
            session.execute(
                insert(AuditEntry).values(
                    at=NINE, actor="test-desk", action="create", entity="visit", entity_id=999, field="day", after="x"
                )
            )
            session.commit()
        with cc.engine.connect() as conn:
            assert integrity.records_without_trail(conn) == {"attendance": 1}
            assert integrity.trail_without_record(conn) == {"visit": 1}
    finally:
        cc.close()


def test_a_row_pointing_at_a_missing_senior_is_found(db_url: URL, tmp_path: Path) -> None:
    seeded = seed.seed(db_url, tmp_path, 1)
    # An engine without CareCenter's settings: SQLite does not enforce foreign keys unless told,
    # and PostgreSQL skips them for a session in replica mode (the test server's user is a superuser).
    raw = create_engine(db_url)
    try:
        with raw.begin() as conn:
            if db_url.get_backend_name() == "postgresql":
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(insert(Attendance).values(**attendance_row(424242, seeded.center_id)))
    finally:
        raw.dispose()
    cc = CareCenter.open(db_url, CLOCK)
    try:
        with cc.engine.connect() as conn:
            assert integrity.orphans(conn) == {"attendance.senior_id": 1}
        if db_url.get_backend_name() == "sqlite":  # the file's own check finds it too
            with pytest.raises(AssertionError):
                integrity.assert_file_intact(db_url)
    finally:
        cc.close()
