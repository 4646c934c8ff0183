"""``cc.reports.monthly``: the monthly report to 民政 (月度服务报表), on the screen and on paper.

:meth:`MonthlyReports.figures` computes the month of one center, or of a district (a
section per center and the district's totals), as a :class:`MonthlyPack`;
:meth:`MonthlyReports.print` typesets the same pack as an A4 PDF. Both refuse a month
after the current one and a month before the center's first record; the current month is
counted up to today and marked 截至 that day; a month whose subsidy roster is not approved
is marked 未审批（预览）.

The figures are read in the caller's thread with sessions opened and closed inside the
computation (:mod:`carecenter.reports.monthly_compute`); typesetting runs after every
session is closed. A printout that shows full ID numbers is recorded in the audit trail
once the file is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from carecenter.actor import Actor
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.progress import Cancelled, Progress
from carecenter.reports.monthly_compute import compute_pack
from carecenter.reports.monthly_figures import MonthlyPack
from carecenter.reports.printing import PrintingService

if TYPE_CHECKING:
    from carecenter.reports.document import Printed


class MonthlyReports(PrintingService):
    """The monthly report pack: figures for the screen, the same figures as a PDF."""

    def figures(self, actor: Actor, center_id: int | None, month: dt.date) -> MonthlyPack:
        """The month (any day of it) of ``center_id``; None: the district (every center), or the only center.

        Raises NotFoundError for an unknown center, FieldError on "month" for a month after
        the current one or before the center's first record.
        """
        require(actor, Permission.LOOKUP_SENIORS)
        pack, _printer = compute_pack(self._sessions, self._clock, actor, center_id, month, self._printer)
        return pack

    def print(
        self,
        actor: Actor,
        center_id: int | None,
        month: dt.date,
        target: Path,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Printed:
        """Write the month's pack as a PDF to ``target`` (atomically); raises OutputError, WorkCancelled,
        FontMissingError, and the refusals of :meth:`figures`."""
        require(actor, Permission.IMPORT_EXPORT_ALL)
        from carecenter.reports.monthly_pdf import render_pack  # ReportLab loads with the first printout

        font = self._fonts.font()
        pack, printer = compute_pack(self._sessions, self._clock, actor, center_id, month, self._printer, cancelled)
        printed = render_pack(pack, target, font, printer, progress, cancelled)
        what = _("Monthly report {title} {period}: {pages} pages, {path}").format(
            title=pack.title, period=pack.period, pages=printed.pages, path=target
        )
        self._record_full_ids(actor, printer, "monthly_report", what)
        return printed
