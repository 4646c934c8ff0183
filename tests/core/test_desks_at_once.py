"""Several desks writing to one SQLite file at the same moment: every write waits its turn, none is refused.

Each desk is its own ``CareCenter`` (its own engine and connections), as two instances of
the app on one PC are. Before calls that write took the write lock up front, most of these
writes failed at once with "the database is busy": in WAL mode a transaction that has read
cannot wait to become a writer once another desk has written.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from tests.core.test_due import senior

DESKS, EACH = 3, 20


def test_three_desks_register_seniors_at_once_and_every_one_is_kept(tmp_path: Path, admin: Actor) -> None:
    database = str(tmp_path / "shared.db")
    clock = FixedClock.on(dt.date(2026, 11, 22))
    first = CareCenter.open(database, clock)
    first.centers.create("文化路日间照料中心", admin, code="C001")
    first.close()
    failures: list[BaseException] = []
    start = threading.Barrier(DESKS)

    def desk(number: int) -> None:
        cc = CareCenter.open(database, clock)
        try:
            start.wait()
            for i in range(EACH):
                senior(cc, admin, "张桂兰", 100 * number + i)
        except BaseException as exc:  # every failure is the test's finding
            failures.append(exc)
        finally:
            cc.close()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(1, DESKS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    cc = CareCenter.open(database, clock)
    try:
        rows = cc.seniors.list(admin)
        assert len(rows) == DESKS * EACH
        assert len({r.member_no for r in rows}) == DESKS * EACH  # member numbers never handed out twice
    finally:
        cc.close()
