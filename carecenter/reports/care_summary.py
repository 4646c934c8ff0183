"""``cc.reports.care_summary``: the care summary (照护小结) of one senior, for a family, a doctor or 民政.

:meth:`CareSummaries.summary` reads everything the summary says into a :class:`CareSummary`
(plain frozen data, every value already in words: service names, levels, statuses, never
a code); :meth:`CareSummaries.print` typesets the same summary as an A4 PDF in large type
(:mod:`carecenter.reports.care_summary_pdf`). The data is read in one session by
:func:`carecenter.reports.care_summary_read.read_summary`, which reuses the computations
of the screens it summarises (the plan in force, the care level, the meal statements, the
subsidy verdicts); the session is closed before typesetting starts.

The summary discloses a senior's health and care records, so it is social work: roles with
``ASSESSMENTS`` (社工, 管理员) read and print it; the front desk does not. The ID number
is printed masked unless the center prints full IDs and the role may see them; such a
printout is recorded in the audit trail once the file is written.

Windows (all ending today): services received over the current month and the two before
it, month by month (1 September – 22 November on 22 November); incidents over the last
12 months (23 November of last year – today); subsidies of the current month.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from carecenter.actor import Actor
from carecenter.db.models import Senior
from carecenter.domain import idnumber
from carecenter.errors import FieldError, NotFoundError
from carecenter.i18n import _
from carecenter.permissions import Permission, require
from carecenter.progress import Cancelled, Progress
from carecenter.reports.care_summary_dto import CareSummary
from carecenter.reports.care_summary_read import read_summary
from carecenter.reports.printing import Printer, PrintingService

if TYPE_CHECKING:
    from carecenter.reports.document import Printed

__all__ = ["CareSummaries", "CareSummary"]


class CareSummaries(PrintingService):
    """One senior's care summary: the data, and the same data as a PDF."""

    def summary(self, actor: Actor, senior_id: int) -> CareSummary:
        """The summary as of today; NotFoundError for an unknown senior, PermissionDeniedError for the front desk."""
        require(actor, Permission.ASSESSMENTS)
        summary, _printer = self._read(actor, senior_id)
        return summary

    def print(
        self,
        actor: Actor,
        senior_id: int,
        target: Path,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Printed:
        """Write the summary to ``target`` as a PDF (atomically).

        Raises NotFoundError, PermissionDeniedError, FontMissingError, OutputError for an
        unwritable target and WorkCancelled when ``cancelled`` says so; a printout with the
        full ID number is recorded in the audit trail after the file is written.
        """
        require(actor, Permission.ASSESSMENTS)
        from carecenter.reports.care_summary_pdf import render_summary  # ReportLab loads with the first printout

        font = self._fonts.font()
        summary, printer = self._read(actor, senior_id)
        printed = render_summary(summary, target, font, printer, progress, cancelled)
        what = _("Care summary of {name} ({member_no}): {pages} pages, {path}").format(
            name=summary.profile.name, member_no=summary.profile.member_no, pages=printed.pages, path=target
        )
        self._record_full_ids(actor, printer, "care_summary", what, senior_id)
        return printed

    def find(self, actor: Actor, text: str) -> int:
        """The senior whose ID number (18 or old 15 digits, spaces, full-width digits and x allowed) or
        member number (M000123) is ``text``.

        Raises FieldError for something that is neither, NotFoundError when nobody has it.
        """
        require(actor, Permission.ASSESSMENTS)
        raw = idnumber.normalize(text)
        label = _("Senior")
        if not raw:
            raise FieldError("senior", label, _("please give an ID number or a member number"))
        with self._sessions() as session:
            if raw.startswith("M") and raw[1:].isdigit():
                found = session.scalar(select(Senior.id).where(Senior.member_no == raw))
                if found is None:
                    raise NotFoundError(_("No senior with member number {no}.").format(no=raw))
                return found
            try:
                number = idnumber.parse(raw, self._clock.today()).number
            except idnumber.IdNumberError as e:
                reason = _("ID number {number} {reason}").format(number=raw, reason=e)
                raise FieldError("senior", label, reason) from e
            found = session.scalar(select(Senior.id).where(Senior.id_number == number))
            if found is None:
                raise NotFoundError(_("No senior with ID number {number}.").format(number=number))
            return found

    def _read(self, actor: Actor, senior_id: int) -> tuple[CareSummary, Printer]:
        with self._sessions() as session:
            senior = session.get(Senior, senior_id)
            if senior is None:
                raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
            printer = self._printer(session, actor, senior.center)
            return read_summary(session, senior, self._clock.today(), printer), printer
