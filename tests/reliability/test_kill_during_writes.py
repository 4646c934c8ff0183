"""A desk killed in the middle of its writes (power cut, task manager, crash) loses nothing it confirmed
and leaves nothing half-written (issue 9).

For each kind of write, a process writes in a loop on the suite's database (an SQLite file,
or a schema on the PostgreSQL server) and is SIGKILLed at a random moment, ten times:
importing an .xlsx roster with the real ``carecenter-cli import seniors``, checking seniors
in and out, serving lunch paid from the prepaid balance, approving monthly subsidy rosters
(workers of :mod:`tests.reliability.kill_worker`). After every kill:

- the database is whole (:func:`tests.reliability.integrity.assert_intact`);
- every call the process reported done is in the database, the call it was in the middle of
  is there entirely or not at all, and nothing else is: compared row by row with what the
  process reported, so "lost" is always 0 and a phantom write would fail too;
- an import's 600 rows are all there or none (each file's rows carry the file's tag), a
  serving has its balance line and a balance line its serving, an approved month has its
  whole snapshot (count and total as recorded), and every record has its audit trail;
- the core opens the database again and the same kind of write succeeds.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import URL

from carecenter.db.desk_models import Attendance, MealBalanceEntry, MealServing
from carecenter.db.models import Senior, SeniorPhone, SubsidyGrant, SubsidyRoster
from carecenter.domain.months import shift
from carecenter.facade import CareCenter
from tests.reliability import integrity, killing, operations, seed
from tests.reliability.seed import ADMIN, CLOCK, TODAY

pytestmark = pytest.mark.slow

KILLS = 10  # per kind of write
MAX_ROUNDS = 2 * KILLS  # a round whose process finished before the kill is not a kill
SEED = 20261122
PER_ROUND = 40  # seniors a check-in or serving worker may use before it stops by itself
ROSTER_ROWS = 600  # flushed at rows 0, 200, 400 and 600, then committed


@dataclass
class Tally:
    """What the kills found, for the summary line."""

    kills: int = 0
    committed_in_flight: int = 0
    rolled_back_in_flight: int = 0
    finished: int = 0

    def settle(self, flight_found: bool | None) -> None:
        """Count the call that was in flight at the kill: found in the database, or not (None: none was)."""
        if flight_found is True:
            self.committed_in_flight += 1
        elif flight_found is False:
            self.rolled_back_in_flight += 1

    def line(self, committed: int) -> str:
        in_flight = self.committed_in_flight + self.rolled_back_in_flight
        return (
            f"kills: {self.kills}, in flight at the kill: {in_flight} (all there {self.committed_in_flight}, "
            f"absent {self.rolled_back_in_flight}), finished before the kill: {self.finished}, "
            f"operations committed: {committed}, lost: 0"
        )


def kill_repeatedly(tally: Tally, one_round: Callable[[int], bool]) -> None:
    """Run rounds (``one_round(r)`` says whether its process was killed) until KILLS kills."""
    for r in range(MAX_ROUNDS):
        if one_round(r):
            tally.kills += 1
        else:
            tally.finished += 1
        if tally.kills == KILLS:
            return
    raise AssertionError(f"only {tally.kills} of {MAX_ROUNDS} processes were killed before they finished")


def is_done(line: str) -> bool:
    return line.startswith('{"done"')


def ids(values: Sequence[int]) -> str:
    return ",".join(str(v) for v in values)


def reopen_after_kill(url: URL) -> CareCenter:
    """The file as the dead process left it passes its checks; then the core opens it as the next desk would."""
    integrity.assert_file_intact(url)
    return CareCenter.open(url, CLOCK)


# ---- (a) a roster import, with the real CLI ------------------------------------------------------


def test_killing_a_roster_import_keeps_every_row_of_a_file_or_none(
    db_url: URL, tmp_path: Path, report: Callable[[str], None]
) -> None:
    seed.seed(db_url, tmp_path, 0)
    rng = random.Random(SEED)
    tally = Tally()
    expected: dict[str, int] = {}  # tag -> rows it must have in the database

    def one_round(r: int) -> bool:
        batch = r + 1
        roster = seed.batch_file(tmp_path, batch, ROSTER_ROWS, batch * 1000)
        cli = killing.start(killing.cli(db_url, "import", "seniors", str(roster), "--progress"), tmp_path, True)
        # Progress lines come at rows 0, 200, 400 and 600, each after a flush inside the one transaction:
        # killed after the second or third, the import is cut in its middle or near its commit.
        run = killing.run_and_kill(cli, rng, rng.randint(2, 3), progress_line)
        cc = reopen_after_kill(db_url)
        try:
            found = tagged(cc, seed.tag_of(batch))
            assert found in (0, ROSTER_ROWS), f"batch {batch}: {found} of {ROSTER_ROWS} rows"
            if run.killed:
                tally.settle(found == ROSTER_ROWS)
            else:
                assert found == ROSTER_ROWS  # the CLI said it imported them: they are there
            expected[seed.tag_of(batch)] = found
            # The core works again: the next import goes through.
            after = seed.batch_file(tmp_path, 100 + batch, 20, (100 + batch) * 1000)
            assert len(operations.import_roster(cc, after)) == 20
            expected[seed.tag_of(100 + batch)] = 20
            assert {tag: tagged(cc, tag) for tag in expected} == expected
            with cc.engine.connect() as conn:
                seniors, members, phones = conn.execute(
                    select(
                        func.count(Senior.id),
                        func.count(Senior.member_no.distinct()),
                        select(func.count(SeniorPhone.id)).scalar_subquery(),
                    )
                ).one()
            assert seniors == members == phones == sum(expected.values())  # one phone per imported row
            integrity.assert_intact(cc)
        finally:
            cc.close()
        return run.killed

    kill_repeatedly(tally, one_round)
    report(tally.line(sum(1 for n in expected.values() if n)))


def progress_line(line: str) -> bool:
    return re.search(r"\d+/\d+", line) is not None


def tagged(cc: CareCenter, tag: str) -> int:
    with cc.engine.connect() as conn:
        return conn.scalar(select(func.count(Senior.id)).where(Senior.notes == tag)) or 0


# ---- (b) check-ins and check-outs -----------------------------------------------------------------


def test_killing_check_ins_keeps_each_with_its_audit_trail_or_none(
    db_url: URL, tmp_path: Path, report: Callable[[str], None]
) -> None:
    seeded = seed.seed(db_url, tmp_path, PER_ROUND * MAX_ROUNDS + MAX_ROUNDS)
    spare = seeded.seniors[PER_ROUND * MAX_ROUNDS :]  # one per round, for the write after the kill
    rng = random.Random(SEED + 1)
    tally = Tally()
    came: dict[int, int] = {}  # senior -> attendance id that must be there
    left: set[int] = set()  # attendance ids that must be checked out

    workers = killing.Workers("check-in", db_url, tmp_path)  # each started a round ahead

    def one_round(r: int) -> bool:
        mine = seeded.seniors[r * PER_ROUND : (r + 1) * PER_ROUND]
        run = killing.run_and_kill(workers.take(), rng, rng.randint(1, 8), is_done, ids(mine))
        for call in run.acknowledged():
            if call["op"] == "check_in":
                came[int(call["senior"])] = int(call["id"])
            else:
                left.add(int(call["id"]))
        cc = reopen_after_kill(db_url)
        try:
            stored = attendance(cc)
            flight = run.in_flight()
            if flight is not None:
                senior = int(flight["senior"])
                if flight["op"] == "check_in":
                    found = senior in stored
                    if found:
                        came[senior] = stored[senior][0]
                else:
                    found = stored[senior][1]
                    if found:
                        left.add(came[senior])
                tally.settle(found)
            assert stored == {s: (a, a in left) for s, a in came.items()}  # nothing lost, nothing extra
            attendance_id = operations.check_in(cc, spare[r])  # the core works again
            came[spare[r]] = attendance_id
            operations.check_out(cc, attendance_id)
            left.add(attendance_id)
            assert attendance(cc) == {s: (a, a in left) for s, a in came.items()}
            assert_attendance_trail(cc, left)
            integrity.assert_intact(cc)
        finally:
            cc.close()
        return run.killed

    with workers:
        kill_repeatedly(tally, one_round)
    report(tally.line(len(came) + len(left)))


def attendance(cc: CareCenter) -> dict[int, tuple[int, bool]]:
    """Senior -> (attendance id, checked out?), all of today."""
    with cc.engine.connect() as conn:
        rows = conn.execute(
            select(Attendance.senior_id, Attendance.id, Attendance.checked_out_at, Attendance.day)
        ).all()
    assert {day for *_row, day in rows} <= {TODAY}
    return {s: (a, out is not None) for s, a, out, _day in rows}


def assert_attendance_trail(cc: CareCenter, left: set[int]) -> None:
    """Every check-in has the same 'create' lines; a check-out has one 'checked_out_at' line, the others none."""
    created: Counter[int] = Counter()
    out: Counter[int] = Counter()
    for (entity_id, action, field), n in trail_lines(cc, "attendance").items():
        if action == "create":
            created[entity_id] += n
        elif field == "checked_out_at":
            out[entity_id] += n
    assert len(set(created.values())) == 1, created  # the same lines for every check-in
    assert out == Counter(left)


def trail_lines(cc: CareCenter, entity: str) -> dict[tuple[int, str, str], int]:
    """(record id, action, field) -> number of trail lines, for one entity."""
    with cc.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT entity_id, action, field, count(*) FROM audit_log WHERE entity = :e "
                "GROUP BY entity_id, action, field"
            ),
            {"e": entity},
        ).all()
    return {(entity_id, action, field): n for entity_id, action, field, n in rows}


# ---- (c) meal serving ------------------------------------------------------------------------------


def test_killing_meal_serving_keeps_each_serving_with_its_balance_line_or_none(
    db_url: URL, tmp_path: Path, report: Callable[[str], None]
) -> None:
    seeded = seed.seed(db_url, tmp_path, PER_ROUND * MAX_ROUNDS + MAX_ROUNDS)
    spare = seeded.seniors[PER_ROUND * MAX_ROUNDS :]
    rng = random.Random(SEED + 2)
    tally = Tally()
    served: dict[int, int] = {}  # senior -> serving id that must be there

    workers = killing.Workers("serve", db_url, tmp_path)  # each started a round ahead

    def one_round(r: int) -> bool:
        mine = seeded.seniors[r * PER_ROUND : (r + 1) * PER_ROUND]
        run = killing.run_and_kill(workers.take(), rng, rng.randint(1, 8), is_done, ids(mine))
        served.update({int(c["senior"]): int(c["id"]) for c in run.acknowledged()})
        cc = reopen_after_kill(db_url)
        try:
            stored = servings(cc)
            flight = run.in_flight()
            if flight is not None:
                senior = int(flight["senior"])
                tally.settle(senior in stored)
                if senior in stored:
                    served[senior] = stored[senior]
            assert stored == served
            served[spare[r]] = operations.serve_lunch(cc, spare[r])  # the core works again
            assert servings(cc) == served
            assert_servings_whole(cc)
            integrity.assert_intact(cc)
        finally:
            cc.close()
        return run.killed

    with workers:
        kill_repeatedly(tally, one_round)
    report(tally.line(len(served)))


def servings(cc: CareCenter) -> dict[int, int]:
    with cc.engine.connect() as conn:
        return {s: i for s, i in conn.execute(select(MealServing.senior_id, MealServing.id))}


def assert_servings_whole(cc: CareCenter) -> None:
    """Each serving has exactly one balance line of minus what the senior pays, and every line its serving."""
    with cc.engine.connect() as conn:
        pays = {i: p for i, p in conn.execute(select(MealServing.id, MealServing.pays_fen))}
        lines = conn.execute(select(MealBalanceEntry.serving_id, MealBalanceEntry.amount_fen)).all()
    assert sorted(s for s, _a in lines) == sorted(pays)  # one line per serving, none without one
    assert all(amount == -pays[serving] for serving, amount in lines)
    for entity, records in (("meal_serving", len(pays)), ("meal_balance", len(lines))):
        created: Counter[int] = Counter()
        for (entity_id, action, _field), n in trail_lines(cc, entity).items():
            assert action == "create"
            created[entity_id] += n
        assert len(created) == records and len(set(created.values())) == 1, (entity, created)


# ---- (d) subsidy roster approval --------------------------------------------------------------------


def test_killing_a_roster_approval_keeps_the_whole_snapshot_or_the_month_unapproved(
    db_url: URL, tmp_path: Path, report: Callable[[str], None]
) -> None:
    seeded = seed.seed(db_url, tmp_path, 1000)  # about 650 grants a month: a transaction worth killing
    rng = random.Random(SEED + 3)
    tally = Tally()
    approved: dict[dt.date, int] = {}  # month -> grants it must have
    next_month = [dt.date(TODAY.year, TODAY.month, 1)]

    workers = killing.Workers("approve", db_url, tmp_path)  # each started a round ahead

    def one_round(r: int) -> bool:
        assert next_month[0] >= dt.date(2020, 12, 1), "the kills used up the months of the shipped policy"
        go = f"{seeded.center_id} {next_month[0]:%Y-%m}"
        run = killing.run_and_kill(workers.take(), rng, rng.randint(1, 3), is_done, go)
        approved.update({dt.date.fromisoformat(c["month"]): int(c["id"]) for c in run.acknowledged()})
        cc = reopen_after_kill(db_url)
        try:
            stored = snapshots(cc)
            flight = run.in_flight()
            month_in_flight = dt.date.fromisoformat(flight["month"]) if flight is not None else None
            if month_in_flight is not None:
                tally.settle(month_in_flight in stored)
                if month_in_flight in stored:
                    approved[month_in_flight] = stored[month_in_flight]
            assert stored == approved  # every month approved with its whole snapshot, no other month
            month = shift(min(approved), -1) if approved else next_month[0]
            approved[month] = operations.approve_month(cc, seeded.center_id, month)  # the core works again
            assert snapshots(cc) == approved
            if month_in_flight is not None and month_in_flight in stored:  # the snapshot is what the month computes to
                assert stored[month_in_flight] == len(computed(cc, seeded.center_id, month_in_flight))
            integrity.assert_intact(cc)
            next_month[0] = shift(month, -1)
        finally:
            cc.close()
        return run.killed

    with workers:
        kill_repeatedly(tally, one_round)
    assert min(approved.values()) > 300  # each a real snapshot
    report(tally.line(len(approved)))


def computed(cc: CareCenter, center_id: int, month: dt.date) -> list[object]:
    return list(cc.subsidy_rosters.computed(ADMIN, center_id, month).grants)


def snapshots(cc: CareCenter) -> dict[dt.date, int]:
    """Month -> grants of its approved roster, after checking the snapshot's count and total against its grants."""
    with cc.engine.connect() as conn:
        rosters = conn.execute(
            select(
                SubsidyRoster.month,
                SubsidyRoster.grants_count,
                SubsidyRoster.total_fen,
                select(func.count(SubsidyGrant.id)).where(SubsidyGrant.roster_id == SubsidyRoster.id).scalar_subquery(),
                select(func.coalesce(func.sum(SubsidyGrant.amount_fen), 0))
                .where(SubsidyGrant.roster_id == SubsidyRoster.id)
                .scalar_subquery(),
            )
        ).all()
    assert all(count == grants and total == amount for _m, count, total, grants, amount in rosters), rosters
    return {month: count for month, count, _t, _g, _a in rosters}
