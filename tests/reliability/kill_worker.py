"""A desk that writes in a loop until it is killed: ``python -m tests.reliability.kill_worker KIND URL``.

Run from the repository's root by :mod:`tests.reliability.test_kill_during_writes`, which
SIGKILLs it at a random moment. It opens the database, says so, then reads one line of
arguments (what to write) from standard input, so the test can start it ahead of time. It prints one JSON line per event on stdout, flushed at
once, so whatever it said before dying is still in the pipe for the test to read:

- ``{"ready": true}`` once the database is open;
- ``{"begin": n, ...}`` just before core call ``n`` (what it is about to write);
- ``{"done": n, "id": …}`` just after the call returned (the write is committed).

An operation with a ``begin`` and no ``done`` was in flight when the kill came: it must be
in the database entirely, or not at all. Kinds and their arguments:

- ``check-in``, ``SENIOR_IDS``: check each senior in, then out (two calls per senior);
- ``serve``, ``SENIOR_IDS``: serve each senior lunch paid from the balance;
- ``approve``, ``CENTER_ID YYYY-MM``: approve that month's subsidy roster, then each month before.

It stops by itself (exit 0) once its list is used up, so a kill that comes too late is seen.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator

from carecenter.domain.months import shift
from carecenter.facade import CareCenter
from tests.reliability import operations
from tests.reliability.seed import CLOCK

Step = tuple[dict[str, object], Callable[[], object]]


def say(**event: object) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def check_ins(cc: CareCenter, senior_ids: list[int]) -> Iterator[Step]:
    for senior_id in senior_ids:
        box: dict[str, int] = {}

        def come(senior_id: int = senior_id, box: dict[str, int] = box) -> int:
            box["id"] = operations.check_in(cc, senior_id)
            return box["id"]

        yield {"op": "check_in", "senior": senior_id}, come
        yield {"op": "check_out", "senior": senior_id}, lambda box=box: operations.check_out(cc, box["id"])


def servings(cc: CareCenter, senior_ids: list[int]) -> Iterator[Step]:
    for senior_id in senior_ids:
        yield {"op": "serve", "senior": senior_id}, lambda senior_id=senior_id: operations.serve_lunch(cc, senior_id)


def approvals(cc: CareCenter, center_id: int, first: dt.date) -> Iterator[Step]:
    month = first
    while month >= dt.date(2020, 2, 1):  # the shipped policy starts in 2020
        yield (
            {"op": "approve", "month": month.isoformat()},
            lambda month=month: operations.approve_month(cc, center_id, month),
        )
        month = shift(month, -1)


def steps(cc: CareCenter, kind: str, args: list[str]) -> Iterator[Step]:
    if kind == "check-in":
        return check_ins(cc, [int(i) for i in args[0].split(",")])
    if kind == "serve":
        return servings(cc, [int(i) for i in args[0].split(",")])
    if kind == "approve":
        return approvals(cc, int(args[0]), dt.date.fromisoformat(args[1] + "-01"))
    raise SystemExit(f"unknown kind {kind}")


def main(argv: list[str]) -> int:
    kind, url = argv
    cc = CareCenter.open(url, CLOCK)
    say(ready=True)
    args = sys.stdin.readline().split()  # what to write comes once the database is open (see killing.Workers)
    if not args:
        return 0
    for n, (about, call) in enumerate(steps(cc, kind, args)):
        say(begin=n, **about)
        say(done=n, id=call())
    cc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
