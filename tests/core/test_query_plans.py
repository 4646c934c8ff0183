"""The reads a district runs all day are served by indexes: SQLite's plan for each names one.

A district database holds millions of meals, check-ins and audit lines (the benchmark's
district: 7.8 million meals). A read that scans one of those tables takes seconds there and
milliseconds in a test database, so speed cannot be tested at test scale; the plan can. Each
hot call below runs on an SQLite database (the embedded default: the plan is SQLite's), every
statement it sends is captured, and SQLite's EXPLAIN QUERY PLAN for it must not scan a large
table (a plan line "SCAN <table>", with or without a covering index, reads all of it).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.facade import CareCenter

# Tables that grow with every day of work: millions of rows in a district.
LARGE = (
    "attendance",
    "meal_orders",
    "meal_servings",
    "meal_balance_entries",
    "visits",
    "calls",
    "audit_log",
    "assessments",
    "assessment_scores",
    "subsidy_grants",
    "senior_status_changes",
)
DAY = dt.date(2026, 11, 22)


@pytest.fixture
def sqlite_center(tmp_path: Path, clock: FixedClock, admin: Actor) -> Iterator[CareCenter]:
    """On SQLite whatever the test run's backend: the plans checked are SQLite's."""
    cc = CareCenter.open(engines.sqlite_url(tmp_path / "plans.db"), clock)
    cc.centers.create("文化路日间照料中心", admin, code="C001")
    cc.centers.create("丰产路日间照料中心", admin, code="C002")
    yield cc
    cc.close()


def statements(cc: CareCenter, call: Callable[[], object]) -> list[tuple[str, Any]]:
    """Every SELECT ``call`` sends, with its parameters."""
    sent: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    event.listen(cc.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(cc.engine, "before_cursor_execute", note)
    return sent


def scans(db: Path, sent: list[tuple[str, Any]], tables: tuple[str, ...] = LARGE) -> list[str]:
    """The plan lines that read one of ``tables`` whole, with the statement they belong to."""
    found = []
    with sqlite3.connect(db) as conn:
        for statement, parameters in sent:
            for row in conn.execute("EXPLAIN QUERY PLAN " + statement, parameters):
                detail = str(row[3])
                words = detail.split()
                if words[:1] == ["SCAN"] and len(words) > 1 and words[1] in tables:
                    found.append(f"{detail}  ←  {' '.join(statement.split())[:160]}")
    return found


def hot_reads(cc: CareCenter, admin: Actor) -> dict[str, Callable[[], object]]:
    """What a desk and a district office read all day, for every center and for one."""
    center_id = cc.centers.by_code("C001").id
    month = DAY.replace(day=1)
    reads: dict[str, Callable[[], object]] = {
        "audit trail's people": lambda: cc.audit.actors(admin),
        "seniors list": lambda: cc.seniors.search_ids(),
        "subsidy eligibility": lambda: cc.subsidies.eligibility(admin, month, center_id),
    }
    for where, chosen in (("all centers", None), ("one center", center_id)):
        reads |= {
            f"day at a glance, {where}": lambda c=chosen: cc.today.summary(admin, c),
            f"day-care board, {where}": lambda c=chosen: cc.attendance.board(admin, c, DAY),
            f"meals of the day, {where}": lambda c=chosen: cc.meals.day_counts(admin, c, DAY),
            f"visits of the day, {where}": lambda c=chosen: cc.visits.day_counts(admin, c, DAY),
            f"birthdays of the day, {where}": lambda c=chosen: cc.birthdays.month_list(admin, month, c, on_day=DAY),
        }
    return reads


def test_the_days_reads_scan_no_large_table(sqlite_center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    reads = hot_reads(sqlite_center, admin)
    found = {name: scans(tmp_path / "plans.db", statements(sqlite_center, read)) for name, read in reads.items()}
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert all(statements(sqlite_center, read) for read in reads.values())  # each read did reach the database


def test_the_check_finds_a_scan_when_there_is_one(sqlite_center: CareCenter, tmp_path: Path) -> None:
    sent = [("SELECT count(*) FROM meal_servings WHERE served_at > ?", ("2026-11-22",))]
    assert scans(tmp_path / "plans.db", sent) == [
        "SCAN meal_servings  ←  SELECT count(*) FROM meal_servings WHERE served_at > ?"
    ]


def plan_lines(db: Path, sent: list[tuple[str, Any]]) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [
            str(row[3])
            for statement, parameters in sent
            for row in conn.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        ]


@pytest.mark.parametrize("typed", ["桂兰", "王", "zgl", "zhangguilan", "0420", "13803711234", "M1042", "M000042"])
def test_search_as_you_type_reads_only_its_candidates(sqlite_center: CareCenter, tmp_path: Path, typed: str) -> None:
    """Each keystroke finds its candidates in the search index: 50,000 seniors are not read per key."""
    lines = plan_lines(
        tmp_path / "plans.db", statements(sqlite_center, lambda: sqlite_center.seniors.search_ids(typed))
    )
    assert "SEARCH senior_search_grams USING PRIMARY KEY (gram=?)" in lines
    seniors = [line for line in lines if line.split()[1:2] == ["seniors"]]
    assert seniors and all("rowid=?" in line for line in seniors), lines  # one senior per candidate, by its key
    assert not [line for line in lines if line.startswith("SCAN")], lines
