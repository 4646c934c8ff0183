"""One session per core call, and the database's own failures turned into messages users can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db import audit_hook
from carecenter.db.engine import WRITE_OPTION, is_busy
from carecenter.errors import DatabaseBusyError, DatabaseUnavailableError
from carecenter.i18n import _
from carecenter.seniors import search_grams


class Sessions:
    """Services open ``with sessions(actor) as session:``; nothing outlives the call.

    The actor rides on the session: every flush writes the audit trail of what it
    changed in the same transaction (:mod:`carecenter.db.audit_hook`), and a flush
    that changes audited data without an actor is refused. Reads need no actor.
    The search index (:mod:`carecenter.seniors.search_grams`) is kept the same way.

    A call with an actor is a write: it holds the write lock from its start (SQLite's own lock,
    a PostgreSQL advisory lock; see :mod:`carecenter.db.engine`), so
    several desks writing at once take turns (each waiting up to the busy timeout) instead of
    failing; only a desk kept waiting longer than that gets :class:`DatabaseBusyError`.
    """

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._clock = clock
        # Objects stay readable after commit so a call can build its result DTOs without reloading.
        self._factory = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._factory, "after_flush", audit_hook.record_flush)
        # The search index follows every change of a name, ID number, phone or member number.
        event.listen(self._factory, "after_flush", search_grams.refresh_after_flush)

    @contextmanager
    def __call__(self, actor: Actor | None = None) -> Iterator[Session]:
        try:
            with self._factory() as session:
                audit_hook.set_clock(session, self._clock)
                if actor is not None:
                    audit_hook.set_actor(session, actor)
                    # A call with an actor writes: it takes the write lock up front (see engine).
                    session.connection(execution_options={WRITE_OPTION: True})
                yield session
        except OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusyError(
                    _("The database is busy (another desk or program is writing). Nothing was saved; please try again.")
                ) from exc
            raise DatabaseUnavailableError(
                _("The database cannot be reached: {error}. Nothing was saved.").format(error=exc.orig)
            ) from exc
