"""One A4 printout: every page carries the center, the title and period, 第 N 页 / 共 M 页, when and by whom.

``render`` lays out a story of ReportLab flowables (see :mod:`carecenter.reports.blocks`) and
writes the PDF atomically: to a hidden temporary file beside the target, renamed over it
only when the whole document is done, so a failed or cancelled print never leaves half a
file. The page total is known only at the end, so pages are kept until then and their
header and footer drawn last.

Runs on whatever thread calls it (the UI calls it from a worker); ``progress`` and
``cancelled`` are asked after each flowable is laid out.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from carecenter.errors import OutputError
from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.reports.fonts import ReportFont

MARGIN = 15 * mm
HEADER_GAP = 9 * mm  # between the page edge and the header line, and the footer line
GREY = HexColor("#555555")
MARK_RED = HexColor("#B00020")


@dataclass(frozen=True)
class PageHeading:
    """What every page of one printout says about itself."""

    center: str  # the center's name, or the district for a district pack
    title: str  # e.g. 月度服务报表
    period: str  # e.g. 2026年11月; "" when the printout is not about a period
    printed_at: dt.datetime
    printed_by: str
    mark: str = ""  # printed in red on every page: 未审批（预览）, 截至 2026-12-04 …
    wide: bool = False  # landscape A4 for wide tables


@dataclass(frozen=True)
class Printed:
    """A finished printout."""

    path: Path
    pages: int


def page_size(heading: PageHeading) -> tuple[float, float]:
    return landscape(A4) if heading.wide else A4


FRAME_PADDING = 6  # SimpleDocTemplate's frame pads each side by 6 pt


def frame_width(heading: PageHeading) -> float:
    """The width flowables may use on this printout's pages (points).

    Exact, padding included: a table even slightly wider than this is never split across
    pages but moved whole to the next one.
    """
    return page_size(heading)[0] - 2 * MARGIN - 2 * FRAME_PADDING


def render(
    target: Path,
    heading: PageHeading,
    story: Sequence[Flowable],
    font: ReportFont,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Printed:
    """Lay out ``story`` under ``heading`` and write it to ``target``; raises OutputError or WorkCancelled."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf", dir=target.parent)
        os.close(handle)
    except OSError as e:
        raise OutputError(_("Cannot write {path}: {reason}").format(path=target, reason=e.strerror or e)) from e
    temp = Path(temp_name)
    pages = [0]
    try:
        doc = _Document(temp, heading, font, len(story), progress, cancelled)
        doc.build(list(story), canvasmaker=_canvas_maker(heading, font, pages))
        os.replace(temp, target)
    except OSError as e:
        raise OutputError(_("Cannot write {path}: {reason}").format(path=target, reason=e.strerror or e)) from e
    finally:
        temp.unlink(missing_ok=True)
    return Printed(path=target, pages=pages[0])


class _Document(SimpleDocTemplate):
    def __init__(
        self,
        path: Path,
        heading: PageHeading,
        font: ReportFont,
        steps: int,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        super().__init__(
            str(path),
            pagesize=page_size(heading),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN + 4 * mm,
            title=f"{heading.title} {heading.period}".strip(),
            author=heading.printed_by,
            creator="CareCenter",
        )
        self._steps = max(steps, 1)
        self._done = 0
        self._progress = progress
        self._cancelled = cancelled

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._cancelled is not None and self._cancelled():
            raise WorkCancelled(_("Printing stopped; no file was written."))
        if self._progress is not None:
            self._progress(min(self._done, self._steps), self._steps)


def _canvas_maker(heading: PageHeading, font: ReportFont, pages: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds every page until the end so each footer can say 共 M 页."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font.name  # no Helvetica in the file: every glyph from one font
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own reset between pages

        def save(self) -> None:
            total = len(self._held)
            pages[0] = total
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                _decorate(self, heading, font, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(canvas: Canvas, heading: PageHeading, font: ReportFont, number: int, total: int) -> None:
    width, height = page_size(heading)
    top = height - HEADER_GAP
    canvas.saveState()
    canvas.setFillColor(GREY)
    canvas.setStrokeColor(GREY)
    canvas.setFont(font.name, 9.5)
    # Center name left, the mark in the middle, title right: each kept to its own third of the line.
    third = (width - 2 * MARGIN) / 3 - 2 * mm
    canvas.drawString(MARGIN, top, _shortened(heading.center, font, 9.5, third if heading.mark else 1.6 * third))
    right = f"{heading.title}  {heading.period}".strip()
    canvas.drawRightString(width - MARGIN, top, _shortened(right, font, 9.5, third if heading.mark else 1.3 * third))
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, top - 2.5 * mm, width - MARGIN, top - 2.5 * mm)
    if heading.mark:
        canvas.setFillColor(MARK_RED)
        canvas.setFont(font.name, 11)
        canvas.drawCentredString(width / 2, top, _shortened(heading.mark, font, 11, third))
        canvas.setFillColor(GREY)
        canvas.setFont(font.name, 9.5)
    bottom = HEADER_GAP - 2 * mm
    canvas.line(MARGIN, bottom + 4.5 * mm, width - MARGIN, bottom + 4.5 * mm)
    printed = _("Printed {when} by {who}").format(
        when=heading.printed_at.strftime("%Y-%m-%d %H:%M"), who=heading.printed_by
    )
    canvas.drawString(MARGIN, bottom, printed)
    canvas.drawRightString(width - MARGIN, bottom, _("Page {n} of {total}").format(n=number, total=total))
    canvas.restoreState()


def _shortened(words: str, font: ReportFont, size: float, room: float) -> str:
    """``words`` cut with an ellipsis so they fit ``room`` points (a long center name must not run into the mark)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(words, font.name, size) <= room:
        return words
    while words and stringWidth(words + "…", font.name, size) > room:
        words = words[:-1]
    return words + "…"
