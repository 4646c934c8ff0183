"""Several desks writing to one database at the same moment: every write waits its turn, none is refused.

Each desk is its own ``CareCenter`` (its own engine and connections), as two instances of
the app on one PC, or PCs sharing a PostgreSQL server, are. Before calls that write took the
write lock up front, on SQLite most of these writes failed at once with "the database is
busy" (in WAL mode a transaction that has read cannot wait to become a writer once another
desk has written), and on PostgreSQL two desks could pass the same check at once (the same
next member number, the same senior checked in twice).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.errors import DatabaseBusyError, FieldError
from carecenter.facade import CareCenter
from tests.core.test_due import senior

DESKS, EACH = 3, 20
CLOCK = FixedClock.on(dt.date(2026, 11, 22))


def at_once(database: URL, work: Callable[[CareCenter, int], None]) -> list[BaseException]:
    """Run ``work(cc, desk_number)`` on DESKS desks released at the same moment; what each raised."""
    failures: list[BaseException] = []
    start = threading.Barrier(DESKS)

    def desk(number: int) -> None:
        cc = CareCenter.open(database, CLOCK)
        try:
            start.wait()
            work(cc, number)
        except BaseException as exc:  # every failure is the test's finding
            failures.append(exc)
        finally:
            cc.close()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(1, DESKS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_three_desks_register_seniors_at_once_and_every_one_is_kept(db_url: URL, admin: Actor) -> None:
    first = CareCenter.open(db_url, CLOCK)
    first.centers.create("文化路日间照料中心", admin, code="C001")
    first.close()

    def register(cc: CareCenter, number: int) -> None:
        for i in range(EACH):
            senior(cc, admin, "张桂兰", 100 * number + i)

    assert at_once(db_url, register) == []
    cc = CareCenter.open(db_url, CLOCK)
    try:
        rows = cc.seniors.list(admin)
        assert len(rows) == DESKS * EACH
        assert len({r.member_no for r in rows}) == DESKS * EACH  # member numbers never handed out twice
    finally:
        cc.close()


def test_three_desks_checking_in_the_same_senior_at_once_record_one_check_in(
    db_url: URL, admin: Actor, front_desk: Actor
) -> None:
    first = CareCenter.open(db_url, CLOCK)
    first.centers.create("文化路日间照料中心", admin, code="C001")
    zhang = senior(first, admin, "张桂兰", 1).id
    first.close()

    def check_in(cc: CareCenter, _number: int) -> None:
        cc.attendance.check_in(zhang, front_desk)

    failures = at_once(db_url, check_in)

    # One desk checked her in; the two others were told she already is, by the field.
    assert len(failures) == DESKS - 1
    assert all(isinstance(f, FieldError) and f.field == "senior_id" for f in failures), failures
    cc = CareCenter.open(db_url, CLOCK)
    try:
        assert len(cc.attendance.for_senior(front_desk, zhang, dt.date(2026, 11, 1))) == 1
    finally:
        cc.close()


def test_a_desk_kept_waiting_past_the_timeout_is_told_the_database_is_busy_and_nothing_is_written(
    db_url: URL, admin: Actor
) -> None:
    first = CareCenter.open(db_url, CLOCK)
    first.centers.create("文化路日间照料中心", admin, code="C001")
    waiting = CareCenter.open(db_url, CLOCK, busy_timeout_s=0.2)
    try:
        # Another desk is in the middle of a long write (an import, say).
        with first._sessions(admin), pytest.raises(DatabaseBusyError) as err:
            senior(waiting, admin, "王秀英", 2)
        assert str(err.value) == "数据库正忙（其他电脑或程序正在写入），未保存。请稍后再试。"
        assert waiting.seniors.count() == 0
        senior(waiting, admin, "王秀英", 2)  # once the other desk is done, the same save goes through
        assert waiting.seniors.count() == 1
    finally:
        waiting.close()
        first.close()
