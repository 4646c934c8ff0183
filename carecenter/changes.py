"""Has anything changed in the database since I last looked? A cheap stamp for desks that share one database.

Several desks work on one database (a PostgreSQL server, or one PC's SQLite file used by
several windows). Each desk's lists must show what the others wrote, without reading
everything again every few seconds: the UI polls :meth:`ChangeService.stamp` and reads
its lists again only when the stamp is no longer the one it saw.

Every write goes through :class:`carecenter.db.sessions.Sessions` with an actor, and
:mod:`carecenter.db.audit_hook` writes the audit trail in the same transaction, so the
trail's newest line moves with every change of what lists show. The few writes that are
deliberately not in the trail are covered by figures of their own:

- 服务项目 order (``ServiceCatalogue.move``): the order is bookkeeping, not audited. The
  stamp carries the sum of id × position over the catalogue (a few dozen rows), which
  changes with every swap of two neighbours.
- a failed log-in that does not yet lock the account only counts up ``failed_attempts``
  (a lock, a log-in and a reset are audited). The stamp carries the sum over accounts.

Audit ids come from a sequence. On SQLite, and on PostgreSQL for calls that write (they
take turns, see :mod:`carecenter.db.engine`), ids are handed out in commit order. A log-in
writes its trail line without taking that turn, so on PostgreSQL a line with a lower id
can become visible after a higher one; the stamp therefore also counts the lines among
the newest :data:`RECENT_WINDOW` ids, which grows when such a late line arrives.

The whole stamp is one statement of primary-key lookups and two tiny tables: it costs
about the same however long the trail is. It needs no permission: it reveals only numbers.
A restore that puts an older database in place gives another stamp too (compare for
equality, never for "greater").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from carecenter.db.models import Account, AuditEntry, ServiceType
from carecenter.db.sessions import Sessions

RECENT_WINDOW = 1000
"""How many of the newest audit ids are counted, to notice a line that became visible late (PostgreSQL)."""


@dataclass(frozen=True)
class ChangeStamp:
    """What the database looked like at one moment; another value means something changed."""

    last_audit_id: int
    recent_audit_lines: int
    catalogue_order: int
    failed_logins: int


class ChangeService:
    """``center.changes``: the database's change stamp (safe to call from any thread)."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def stamp(self) -> ChangeStamp:
        """The current stamp: one read, no lock, no actor."""
        last = select(func.coalesce(func.max(AuditEntry.id), 0)).scalar_subquery()
        recent = (
            select(func.count()).select_from(AuditEntry).where(AuditEntry.id > last - RECENT_WINDOW).scalar_subquery()
        )
        order = select(func.coalesce(func.sum(ServiceType.id * ServiceType.position), 0)).scalar_subquery()
        failures = select(func.coalesce(func.sum(Account.failed_attempts), 0)).scalar_subquery()
        with self._sessions() as session:
            row = session.execute(select(last, recent, order, failures)).one()
        return ChangeStamp(int(row[0]), int(row[1]), int(row[2]), int(row[3]))
