"""The change stamp: another desk's write moves it, reading never does, and the writes the trail leaves out count too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from carecenter.actor import Actor
from carecenter.changes import RECENT_WINDOW, ChangeStamp
from carecenter.clock import FixedClock
from carecenter.errors import AuthError
from carecenter.facade import CareCenter
from tests.core.helpers import cheap_hashing
from tests.core.test_due import senior


@pytest.fixture(autouse=True)
def _cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture
def other_desk(center: CareCenter, clock: FixedClock) -> Iterator[CareCenter]:
    """A second desk on the same database: its own engine and connections, as another PC's app."""
    cc = CareCenter.open(center.url, clock)
    yield cc
    cc.close()


def test_reading_leaves_the_stamp_as_it_was(center: CareCenter, admin: Actor) -> None:
    senior(center, admin, "张桂兰", 1)
    before = center.changes.stamp()
    center.seniors.search_ids("张", None)
    center.today.summary(admin, None)
    center.catalogue.types()
    assert center.changes.stamp() == before


def test_a_senior_registered_at_another_desk_moves_the_stamp(
    center: CareCenter, other_desk: CareCenter, admin: Actor
) -> None:
    before = center.changes.stamp()
    senior(other_desk, admin, "张桂兰", 1)
    after = center.changes.stamp()
    assert after != before
    assert after.last_audit_id > before.last_audit_id


def test_a_check_in_at_another_desk_moves_the_stamp(center: CareCenter, other_desk: CareCenter, admin: Actor) -> None:
    zhang = senior(center, admin, "张桂兰", 1)
    before = center.changes.stamp()
    other_desk.attendance.check_in(zhang.id, admin)
    assert center.changes.stamp() != before


def test_the_catalogue_order_is_not_audited_but_moves_the_stamp(
    center: CareCenter, other_desk: CareCenter, admin: Actor
) -> None:
    types = center.catalogue.types()
    assert len(types) >= 2
    before = center.changes.stamp()
    with center.engine.connect() as conn:
        lines_before = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    other_desk.catalogue.move(types[1].id, True, admin)
    after = center.changes.stamp()
    with center.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == lines_before
    assert after.last_audit_id == before.last_audit_id
    assert after.catalogue_order != before.catalogue_order
    # and back: every swap of neighbours changes the figure again
    other_desk.catalogue.move(types[1].id, False, admin)
    assert center.changes.stamp().catalogue_order != after.catalogue_order


def test_a_failed_log_in_is_not_audited_but_moves_the_stamp(
    center: CareCenter, other_desk: CareCenter, admin: Actor
) -> None:
    center.accounts.create_first_admin("王站长", "wang", "Zhengzhou-1")
    before = center.changes.stamp()
    with pytest.raises(AuthError):
        other_desk.accounts.login("wang", "wrong password")
    after = center.changes.stamp()
    assert after.last_audit_id == before.last_audit_id
    assert after.failed_logins == before.failed_logins + 1


def test_the_stamp_is_one_row_of_plain_numbers(center: CareCenter) -> None:
    stamp = center.changes.stamp()
    assert isinstance(stamp, ChangeStamp)
    with center.engine.connect() as conn:
        last = conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one()
        total = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    assert stamp.last_audit_id == last
    assert stamp.recent_audit_lines == min(total, RECENT_WINDOW)


def test_a_line_that_becomes_visible_late_still_moves_the_stamp(center: CareCenter, admin: Actor) -> None:
    """PostgreSQL hands out ids before commit: a lower id can become visible after a higher one was seen."""
    senior(center, admin, "张桂兰", 1)
    newest = center.changes.stamp().last_audit_id
    line = (
        "INSERT INTO audit_log (id, at, actor, action, entity, field, before, after) "
        "VALUES (:id, :at, 'desk-2', 'login', 'account', '', '', '')"
    )
    at = center.clock.now().replace(tzinfo=None)
    with center.engine.begin() as conn:
        conn.execute(text(line), {"id": newest + 2, "at": at})  # committed first
    seen = center.changes.stamp()
    with center.engine.begin() as conn:
        conn.execute(text(line), {"id": newest + 1, "at": at})  # the slower transaction commits later
    later = center.changes.stamp()
    assert later.last_audit_id == seen.last_audit_id == newest + 2
    assert later != seen
    assert later.recent_audit_lines == seen.recent_audit_lines + 1
