"""Putting a rendered PDF's pages on paper (or on screen) with QtPdf: always on white.

``QPdfDocument.render`` returns a transparent image (design.md): shown or printed as
is, the page would come out black on some printers and invisible in some viewers. Every
page is therefore drawn onto an image filled white first (:func:`page_image`).

Printing (:func:`print_pages`) draws each page as such an image over the whole sheet
(``fullPage``: the PDF already has its margins), scaled to the paper without changing its
shape. The image is made at the printer's resolution, but never finer than
:data:`MAX_PRINT_DPI`: an A4 page at 1200 dpi would be a 550 MB image, and 300 dpi is
what an office laser prints text at. UI thread only (QPainter on a QPrinter).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from carecenter.errors import CareCenterError
from carecenter.i18n import _

MAX_PRINT_DPI = 300
POINTS_PER_INCH = 72.0

PageDone = Callable[[int, int], bool]
"""Called after each printed page with (pages done, pages in all); False stops printing."""


def page_image(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """Page ``page`` (0-based) at ``size`` pixels, on a white background."""
    raw = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, raw)
    painter.end()
    return image


def page_size_at(document: QPdfDocument, page: int, dpi: float) -> QSize:
    """The pixel size of ``page`` rendered at ``dpi``."""
    points = document.pagePointSize(page)
    return QSize(
        max(1, round(points.width() * dpi / POINTS_PER_INCH)), max(1, round(points.height() * dpi / POINTS_PER_INCH))
    )


def prepare_printer(document: QPdfDocument) -> QPrinter:
    """A printer set up like the document: A4 (or its own size), portrait or landscape, the whole sheet."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setDocName(document.metaData(QPdfDocument.MetaDataField.Title) or "CareCenter")
    if document.pageCount() > 0:
        points = document.pagePointSize(0)
        landscape = points.width() > points.height()
        portrait_points = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
        size = QPageSize(portrait_points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        printer.setPageSize(size)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setFromTo(1, max(1, document.pageCount()))
    return printer


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages the print dialog asked for (a range, or all)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        return []  # the caller passes the current page itself
    return list(range(count))


def print_pages(document: QPdfDocument, printer: QPrinter, pages: list[int], page_done: PageDone | None = None) -> int:
    """Draw ``pages`` of ``document`` onto ``printer``, one sheet each; the number printed.

    Raises CareCenterError when the printer cannot be started (no printer, a PDF file
    that cannot be written). ``page_done`` returning False stops after that page.
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise CareCenterError(_("The printer could not be started. Check that it is switched on and connected."))
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        sheet = printer.pageLayout().fullRectPixels(printer.resolution())
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            image = page_image(document, page, page_size_at(document, page, dpi))
            scale = min(sheet.width() / image.width(), sheet.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF((sheet.width() - width) / 2, (sheet.height() - height) / 2, width, height)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
            printed += 1
            if page_done is not None and not page_done(printed, len(pages)):
                break
    finally:
        painter.end()
    return printed
