"""One front desk's day in a loop, for the soak test: ``python -m tests.reliability.desk_worker ARGS``.

Arguments: ``URL LEDGER DESK SEED SECONDS ROUNDS SENIOR_IDS STAFF_IDS SERVICE_TYPE_IDS`` (ids
comma-separated). Run from the repository's root by :mod:`tests.reliability.test_soak`, two at
once on one database. It opens the database, prints ``ready``, waits for a line on standard
input (so both desks start together), then works until ``SECONDS`` have passed or ``ROUNDS``
rounds are done, whichever comes first. Each round is one desk action drawn at random:
check a senior in, check one of its own check-ins out, serve lunch, record a 九助 visit, or
correct a senior's phone and address.

The ledger (a JSON line per outcome, written after the core call returns) is what the test
reconciles with the database:

- ``{"op": …, "id": …, …, "ms": …}``: committed (``ms``: how long the call took, for the figures);
- ``{"op": …, "refused": "…"}``: refused as the desk expects ("already checked in", "already
  had lunch", "already checked out"): nothing written;
- ``{"op": …, "busy": true}``: the database was busy (DatabaseBusyError, nothing written);
  the same call is tried again, so a busy moment loses nothing.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from typing import IO, Any

from carecenter.actor import Actor, Role
from carecenter.errors import DatabaseBusyError, FieldError, ValidationError
from carecenter.facade import CareCenter
from tests.reliability import operations
from tests.reliability.seed import CLOCK

ACTIONS = ("check_in", "check_out", "serve", "visit", "edit")
WEIGHTS = (4, 3, 4, 2, 2)
BUSY_TRIES = 20


class Desk:
    def __init__(self, cc: CareCenter, ledger: IO[str], number: int, rng: random.Random, ids: list[list[int]]) -> None:
        self.cc, self.ledger, self.number, self.rng = cc, ledger, number, rng
        self.seniors, self.staff, self.types = ids
        self.actor = Actor(username=f"desk-{number}", role=Role.FRONT_DESK)
        self.check_ins: list[int] = []  # attendance ids this desk created
        self.edits = 0

    def write(self, **line: Any) -> None:
        line = {"desk": self.actor.username, **line}
        self.ledger.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.ledger.flush()

    def attempt(self, op: str, call: Callable[[], Any], **about: Any) -> None:
        """Call until it commits or is refused; a busy database is noted and the call tried again."""
        for _try in range(BUSY_TRIES):
            started = time.perf_counter()
            try:
                result = call()
            except DatabaseBusyError:
                self.write(op=op, busy=True, **about)
                continue
            except (ValidationError, FieldError) as exc:  # the desk's rules: already in, already served …
                self.write(op=op, refused=str(exc), **about)
                return
            self.write(op=op, **about, **result, ms=round((time.perf_counter() - started) * 1000, 1))
            return
        raise RuntimeError(f"{op} {about}: the database stayed busy for {BUSY_TRIES} tries")

    def round(self) -> None:
        action = self.rng.choices(ACTIONS, WEIGHTS)[0]
        senior = self.rng.choice(self.seniors)
        if action == "check_out" and not self.check_ins:
            action = "check_in"
        if action == "check_in":

            def come() -> dict[str, int]:
                attendance_id = operations.check_in(self.cc, senior, self.actor)
                self.check_ins.append(attendance_id)
                return {"id": attendance_id}

            self.attempt("check_in", come, senior=senior)
        elif action == "check_out":
            attendance_id = self.rng.choice(self.check_ins)  # sometimes one already out: refused
            self.attempt(
                "check_out",
                lambda: {"id": operations.check_out(self.cc, attendance_id, self.actor)},
                attendance=attendance_id,
            )
        elif action == "serve":
            self.attempt("serve", lambda: {"id": operations.serve_lunch(self.cc, senior, self.actor)}, senior=senior)
        elif action == "visit":
            staff, kind = self.rng.choice(self.staff), self.rng.choice(self.types)
            self.attempt(
                "visit",
                lambda: {"id": operations.record_visit(self.cc, senior, kind, staff, self.actor)},
                senior=senior,
            )
        else:
            self.edits += 1
            serial = self.number * 1_000_000 + self.edits  # a phone and address no other edit writes

            def edit() -> dict[str, str]:
                phone, address = operations.edit_contact(self.cc, senior, serial, self.actor)
                return {"phone": phone, "address": address}

            self.attempt("edit", edit, senior=senior)


def main(argv: list[str]) -> int:
    url, ledger_path, number, seed, seconds, rounds, *id_lists = argv
    ids = [[int(i) for i in ids.split(",")] for ids in id_lists]
    cc = CareCenter.open(url, CLOCK)
    try:
        with open(ledger_path, "w", encoding="utf-8") as ledger:
            desk = Desk(cc, ledger, int(number), random.Random(int(seed)), ids)
            print("ready", flush=True)
            sys.stdin.readline()
            stop = time.monotonic() + float(seconds)
            done = 0
            while done < int(rounds) and time.monotonic() < stop:
                desk.round()
                done += 1
            desk.write(rounds=done)
    finally:
        cc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
