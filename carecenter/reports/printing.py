"""What every printing service shares: the font in use, who prints and when, ID numbers as the center prints them.

A printing service reads its data in one session, closes it, and only then typesets (the
session is never held while ReportLab works). Printouts that show full ID numbers are
recorded in the audit trail after the file is written, so a failed print claims nothing.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db import audit_hook
from carecenter.db.models import Center, Staff
from carecenter.db.sessions import Sessions
from carecenter.domain.idnumber import mask
from carecenter.permissions import Permission, allowed
from carecenter.reports.fonts import ReportFont, find_font


class FontChoice:
    """The print font this process uses: a chosen file (settings, ``--font``) or the one found on the PC.

    Shared by every printing service of one ``CareCenter``; the choice is checked when made,
    and the found font is looked up once.
    """

    def __init__(self) -> None:
        self._chosen: Path | None = None
        self._font: ReportFont | None = None
        self._lock = threading.Lock()

    def choose(self, path: Path | None) -> ReportFont | None:
        """Use ``path`` from now on (None: search the usual places); raises FontMissingError and keeps the old choice if unusable."""
        font = find_font(path) if path is not None else None
        with self._lock:
            self._chosen = path
            self._font = font
        return font

    @property
    def chosen(self) -> Path | None:
        return self._chosen

    def font(self) -> ReportFont:
        with self._lock:
            if self._font is None:
                self._font = find_font(self._chosen)
            return self._font


@dataclass(frozen=True)
class Printer:
    """Who prints, when, and how ID numbers appear on this printout."""

    name: str
    at: dt.datetime
    full_ids: bool

    def id_number(self, number: str) -> str:
        return number if self.full_ids else mask(number)


class PrintingService:
    """Base of the services that print: gives each the sessions, the clock and the shared font."""

    def __init__(self, sessions: Sessions, clock: Clock, fonts: FontChoice) -> None:
        self._sessions = sessions
        self._clock = clock
        self._fonts = fonts

    def _printer(self, session: Session, actor: Actor, center: Center | None) -> Printer:
        """``center`` None (a district printout): full IDs only if every center allows them."""
        if center is not None:
            setting = center.print_full_ids
        else:
            setting = all(session.scalars(Center.__table__.select().with_only_columns(Center.print_full_ids)))
        return Printer(
            name=printer_name(session, actor),
            at=self._clock.now(),
            full_ids=bool(setting) and allowed(actor, Permission.SEE_FULL_ID),
        )

    def _record_full_ids(
        self, actor: Actor, printer: Printer, entity: str, what: str, senior_id: int | None = None
    ) -> None:
        """After a printout with full ID numbers was written: note who printed what."""
        if not printer.full_ids:
            return
        with self._sessions(actor) as session:
            audit_hook.record_event(session, "print", entity, senior_id, senior_id=senior_id, after=what)
            session.commit()


def printer_name(session: Session, actor: Actor) -> str:
    """The staff member's name for the footer, else the login (the CLI's operating-system user)."""
    if actor.staff_id is not None:
        staff = session.get(Staff, actor.staff_id)
        if staff is not None:
            return staff.name
    return actor.username.removeprefix("os:")
