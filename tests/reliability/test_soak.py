"""Two front desks work a day at once on a 3,000-senior center: every write either desk confirmed is in the
database, nothing else is, and the database is whole (issue 9).

Two processes (:mod:`tests.reliability.desk_worker`) share the suite's database (an SQLite
file, or a schema on the PostgreSQL server) and, for a bounded time or number of rounds,
check seniors in and out, serve lunches paid from the balance, record 九助 visits and correct
seniors' phones and addresses, drawing the seniors at random so they often meet on the same
one. Each keeps a ledger: committed, refused as a desk expects (already checked in, already
had lunch, already checked out), or busy and tried again. The test then reconciles the
ledgers with the database record by record: attendance, check-outs, servings and their
balance lines, visits, each by id, senior and desk; the edits by the trail's lines and each
senior's final phone and address.

``CARECENTER_SOAK_SECONDS`` and ``CARECENTER_SOAK_ROUNDS`` (per desk) set the bounds, for a
longer soak by hand: ``CARECENTER_SOAK_SECONDS=600 make test ARGS=tests/reliability/test_soak.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL

from carecenter.db.desk_models import Attendance, MealBalanceEntry, MealServing, Visit
from carecenter.db.models import Senior, SeniorPhone
from carecenter.facade import CareCenter
from tests.reliability import integrity, seed
from tests.reliability.killing import ROOT, db_argument
from tests.reliability.seed import CLOCK

pytestmark = pytest.mark.slow

SENIORS = 3000
DESKS = 2
SECONDS = float(os.environ.get("CARECENTER_SOAK_SECONDS", "20"))
ROUNDS = int(os.environ.get("CARECENTER_SOAK_ROUNDS", "20000"))
VISIT_TYPES = ("cleaning", "bathing", "medical", "shopping")

Ledger = list[dict[str, Any]]


def test_two_desks_working_a_day_at_once_lose_nothing_and_add_nothing(
    db_url: URL, tmp_path: Path, report: Callable[[str], None]
) -> None:
    seeded = seed.seed(db_url, tmp_path, SENIORS, staff=4)
    cc = CareCenter.open(db_url, CLOCK)
    try:
        types = [cc.catalogue.by_code(code) for code in VISIT_TYPES]
    finally:
        cc.close()
    ids = [seeded.seniors, seeded.staff, [t.id for t in types if t is not None]]

    ledgers = work_a_day(db_url, tmp_path, ids)

    entries = [line for ledger in ledgers for line in ledger if "op" in line]
    committed = [e for e in entries if "refused" not in e and "busy" not in e]
    cc = CareCenter.open(db_url, CLOCK)
    try:
        assert_ledgers_match(cc, committed, [e for e in entries if "refused" in e])
        integrity.assert_intact(cc)
    finally:
        cc.close()
    kinds = Counter(e["op"] for e in committed)
    assert all(kinds[op] > 0 for op in ("check_in", "check_out", "serve", "visit", "edit")), kinds
    rounds = sum(line["rounds"] for ledger in ledgers for line in ledger if "rounds" in line)
    report(
        f"{DESKS} desks, {SENIORS:,} seniors, {rounds:,} rounds (at most {SECONDS:g} s or {ROUNDS:,} rounds each): "
        f"operations committed: {len(committed):,} (check-ins {kinds['check_in']}, check-outs {kinds['check_out']}, "
        f"lunches {kinds['serve']}, visits {kinds['visit']}, edits {kinds['edit']}), "
        f"refused as expected: {sum('refused' in e for e in entries)}, "
        f"busy and tried again: {sum('busy' in e for e in entries)}, lost: 0"
    )


def work_a_day(url: URL, folder: Path, ids: list[list[int]]) -> list[Ledger]:
    """Both desks started, released together once both have the database open, and waited for: their ledgers."""
    desks = []
    for number in range(1, DESKS + 1):
        ledger, err = folder / f"desk-{number}.jsonl", folder / f"desk-{number}.err"
        argv = [
            sys.executable, "-m", "tests.reliability.desk_worker", db_argument(url), str(ledger), str(number),
            str(number * 7919), str(SECONDS), str(ROUNDS), *(",".join(map(str, group)) for group in ids),
        ]  # fmt: skip
        with err.open("w", encoding="utf-8") as err_file:
            process = subprocess.Popen(
                argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err_file, text=True
            )
        desks.append((process, ledger, err))
    try:
        for process, _ledger, err in desks:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready", err.read_text(encoding="utf-8")
        for process, _ledger, _err in desks:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.close()
        for process, _ledger, err in desks:
            assert process.wait(timeout=SECONDS + 240) == 0, err.read_text(encoding="utf-8")
    finally:
        for process, _ledger, _err in desks:  # a desk left waiting by a failure above is stopped
            if process.poll() is None:
                process.kill()
            process.wait(timeout=60)
            assert process.stdout is not None
            process.stdout.close()
    return [[json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] for _p, path, _e in desks]


def assert_ledgers_match(cc: CareCenter, committed: Ledger, refused: Ledger) -> None:
    """Each kind of record in the database is exactly what the ledgers say was committed, by id, senior and desk."""

    def made(op: str) -> dict[int, tuple[int, str]]:
        return {e["id"]: (e["senior"], desk_of(e)) for e in committed if e["op"] == op}

    with cc.engine.connect() as conn:
        attendance = {
            i: (s, by) for i, s, by in conn.execute(select(Attendance.id, Attendance.senior_id, Attendance.created_by))
        }
        out = set(conn.scalars(select(Attendance.id).where(Attendance.checked_out_at.is_not(None))))
        servings = {
            i: (s, by)
            for i, s, by in conn.execute(select(MealServing.id, MealServing.senior_id, MealServing.created_by))
        }
        balance_lines = Counter(conn.scalars(select(MealBalanceEntry.serving_id)))
        visits = {i: (s, by) for i, s, by in conn.execute(select(Visit.id, Visit.senior_id, Visit.created_by))}
    assert attendance == made("check_in")
    assert out == {e["id"] for e in committed if e["op"] == "check_out"}
    assert servings == made("serve")
    assert balance_lines == Counter(set(servings))  # one balance line per lunch, none else
    assert visits == made("visit")
    # A refusal is the desk's rule at work, never a lost write: the senior was in, had lunch, had left.
    for e in refused:
        if e["op"] == "check_in":
            assert e["senior"] in {s for s, _by in attendance.values()}, e
        elif e["op"] == "serve":
            assert e["senior"] in {s for s, _by in servings.values()}, e
        elif e["op"] == "check_out":
            assert e["attendance"] in out, e
        else:
            raise AssertionError(f"unexpected refusal {e}")
    assert_edits_match(cc, [e for e in committed if e["op"] == "edit"])


def assert_edits_match(cc: CareCenter, edits: Ledger) -> None:
    """Every edit is in the trail once (phone and address, by its desk), and each senior shows the last one."""
    with cc.engine.connect() as conn:
        lines = conn.execute(
            text(
                "SELECT id, senior_id, actor, field, after FROM audit_log "
                "WHERE entity = 'senior' AND action = 'update' AND field IN ('phones', 'address') ORDER BY id"
            )
        ).all()
        phones = {s: n for s, n in conn.execute(select(SeniorPhone.senior_id, SeniorPhone.number))}
        addresses = {i: a for i, a in conn.execute(select(Senior.id, Senior.address))}
    for field, key in (("phones", "phone"), ("address", "address")):
        trail = Counter((s, actor, after) for _id, s, actor, f, after in lines if f == field)
        assert trail == Counter((e["senior"], desk_of(e), e[key]) for e in edits), field
    last: dict[int, dict[str, str]] = {}
    for _id, senior, _actor, field, after in lines:
        last.setdefault(senior, {})[field] = after
    assert {s: (phones[s], addresses[s]) for s in last} == {s: (f["phones"], f["address"]) for s, f in last.items()}


def desk_of(entry: dict[str, Any]) -> str:
    """The desk that wrote a ledger line, as the records name it (the worker numbers its ledger file)."""
    return str(entry["desk"])
