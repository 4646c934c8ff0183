"""One session per core call, and the database's own failures turned into messages users can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from carecenter.errors import DatabaseBusyError, DatabaseUnavailableError
from carecenter.i18n import _


class Sessions:
    """Services open ``with sessions() as session:``; nothing outlives the call."""

    def __init__(self, engine: Engine) -> None:
        # Objects stay readable after commit so a call can build its result DTOs without reloading.
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        try:
            with self._factory() as session:
                yield session
        except OperationalError as exc:
            text = str(exc.orig).lower()
            if "locked" in text or "busy" in text:
                raise DatabaseBusyError(
                    _("The database is busy (another desk or program is writing). Nothing was saved; please try again.")
                ) from exc
            raise DatabaseUnavailableError(
                _("The database cannot be reached: {error}. Nothing was saved.").format(error=exc.orig)
            ) from exc
