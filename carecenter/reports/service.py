"""``cc.reports``: every printout of the app, and the font they are printed in.

The monthly pack, the care summary and the member cards have services of their own here;
the lists (birthday sheets, kitchen count, attendance sheet …) are computed as a
:class:`~carecenter.reports.listing.Listing` and printed or exported through
:meth:`Reports.print_listing` / :meth:`Reports.export_listing`, which also record a printout
that shows full ID numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db.sessions import Sessions
from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress
from carecenter.reports.cards import MemberCards
from carecenter.reports.care_summary import CareSummaries
from carecenter.reports.listing import Listing, render_listing, write_listing_xlsx
from carecenter.reports.lists import Lists
from carecenter.reports.monthly import MonthlyReports
from carecenter.reports.printing import FontChoice, PrintingService, printer_name

if TYPE_CHECKING:
    from carecenter.reports.document import Printed
    from carecenter.reports.fonts import ReportFont


class Reports(PrintingService):
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        super().__init__(sessions, clock, FontChoice())
        self.lists = Lists(sessions, clock, self._fonts)
        self.monthly = MonthlyReports(sessions, clock, self._fonts)
        self.cards = MemberCards(sessions, clock, self._fonts)
        self.care_summary = CareSummaries(sessions, clock, self._fonts)

    def use_font(self, path: Path | None) -> ReportFont | None:
        """Print with the font file ``path`` from now on (None: the one found on this PC); raises FontMissingError."""
        return self._fonts.choose(path)

    def font(self) -> ReportFont:
        """The font printouts embed; raises FontMissingError (with how to fix it) when there is none."""
        return self._fonts.font()

    def print_listing(
        self,
        actor: Actor,
        listing: Listing,
        target: Path,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Printed:
        """Write ``listing`` as a PDF; a listing with full ID numbers is recorded as printed by ``actor``."""
        font = self._fonts.font()
        with self._sessions() as session:
            who = printer_name(session, actor)
        printed = render_listing(listing, target, font, self._clock.now(), who, progress, cancelled)
        self._record_listing(actor, listing, "print", target)
        return printed

    def export_listing(self, actor: Actor, listing: Listing, target: Path) -> Path:
        """Write the same rows as ``print_listing`` prints to an .xlsx workbook."""
        path = write_listing_xlsx(listing, target, self._clock.now())
        self._record_listing(actor, listing, "export", target)
        return path

    def _record_listing(self, actor: Actor, listing: Listing, action: str, target: Path) -> None:
        if not listing.full_ids:
            return
        from carecenter.db import audit_hook

        what = _("{title} {period}: {n} rows, {path}").format(
            title=listing.title, period=listing.period, n=listing.rows, path=target
        )
        with self._sessions(actor) as session:
            audit_hook.record_event(session, action, "listing", None, after=what)
            session.commit()
