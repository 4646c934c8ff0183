"""Drawing member cards: A4 sheets of ten ID-1 cards (85.6 × 54 mm) to cut out along their borders.

Each card carries the center's name in a band across the top, the senior's photo (or a
labelled space to glue one), the name in large type, the member number as text, as a QR
code and as a Code 128 barcode, so the front desk's scanner or a phone reads it into the
search box. The ten cards of a sheet touch, two across and five down: one straight cut
per line separates them, and short marks in the side margins show where the row lines
run. The sheet is laid out by :func:`carecenter.reports.document.render`, so it is written
atomically, numbered 第 N 页 / 共 M 页 and can be cancelled like every printout.

Positions are fixed (:func:`card_rect`, :data:`QR_BOX`, :data:`BARCODE_BOX`), so tests can
find a card's codes on the rendered page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress
from carecenter.reports.document import PageHeading, Printed, render
from carecenter.reports.fonts import ReportFont

CARD_W, CARD_H = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1, the size of a bank card
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
PAGE_W, PAGE_H = A4
GRID_LEFT = (PAGE_W - COLUMNS * CARD_W) / 2
GRID_BOTTOM = (PAGE_H - ROWS * CARD_H) / 2

BAND_H = 10 * mm
PAD = 4 * mm
PHOTO_BOX = (PAD, 14 * mm, 20 * mm, 26 * mm)  # x, y, width, height on the card (a 1-inch photo's proportions)
QR_SIZE = 22 * mm
QR_BOX = (CARD_W - PAD - QR_SIZE + 1.5 * mm, CARD_H - BAND_H - 1.5 * mm - QR_SIZE, QR_SIZE, QR_SIZE)
BAR_WIDTH = 0.36 * mm  # one module: wide enough for a cheap CCD scanner on a laser print
BAR_HEIGHT = 8 * mm
BARCODE_BOX = (PAD - 10 * BAR_WIDTH, 3.5 * mm, 0.0, BAR_HEIGHT)  # width depends on the number; see barcode_width
TEXT_LEFT = PHOTO_BOX[0] + PHOTO_BOX[2] + 3.5 * mm

BORDER = HexColor("#9AA0A8")
BAND = HexColor("#1F4E8C")
GREY = HexColor("#555555")
FAINT = HexColor("#B8BCC4")


@dataclass(frozen=True)
class Card:
    """What one card shows: the senior's name and member number, and their photo's bytes (JPEG/PNG) if any."""

    name: str
    member_no: str
    photo: bytes | None = None


def card_rect(index: int) -> tuple[float, float, float, float]:
    """Where card ``index`` (0–9, left to right, top to bottom) of a sheet lies: x, y, width, height in points from the page's lower left."""
    row, column = divmod(index % PER_PAGE, COLUMNS)
    return (GRID_LEFT + column * CARD_W, GRID_BOTTOM + (ROWS - 1 - row) * CARD_H, CARD_W, CARD_H)


def barcode_width(member_no: str) -> float:
    """The drawn width of a card's Code 128 barcode, its quiet zones included."""
    return float(_barcode(member_no).width)


def render_cards(
    target: Path,
    cards: Sequence[Card],
    center: str,
    phone: str,
    font: ReportFont,
    printed_at: dt.datetime,
    printed_by: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Printed:
    """Write ``cards`` (ten to a sheet, in order) of ``center`` to ``target``; raises OutputError or WorkCancelled.

    ``phone`` is the center's number, printed on each card so a found card finds its way back ("" for none).
    """
    heading = PageHeading(
        center=center, title=_("Member cards"), period="", printed_at=printed_at, printed_by=printed_by
    )
    story: list[Flowable] = []
    for start in range(0, len(cards), PER_PAGE):
        if story:
            story.append(PageBreak())
        story.append(_Sheet(cards[start : start + PER_PAGE], center, phone, font))
    return render(target, heading, story, font, progress, cancelled)


class _Sheet(Flowable):
    """One A4 page of up to ten cards, drawn at fixed positions on the page whatever the frame."""

    def __init__(self, cards: Sequence[Card], center: str, phone: str, font: ReportFont) -> None:
        super().__init__()
        self._cards = list(cards)
        self._center = center
        self._phone = phone
        self._font = font.name

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, availHeight  # the sheet takes the whole page

    def draw(self) -> None:
        canvas: Canvas = self.canv
        x0, y0 = canvas.absolutePosition(0, 0)
        canvas.saveState()
        canvas.translate(-x0, -y0)  # from here on: page coordinates
        _cut_marks(canvas, -(-len(self._cards) // COLUMNS))
        for index, card in enumerate(self._cards):
            x, y, _w, _h = card_rect(index)
            canvas.saveState()
            canvas.translate(x, y)
            _draw_card(canvas, card, self._center, self._phone, self._font)
            canvas.restoreState()
        canvas.restoreState()


def _cut_marks(canvas: Canvas, rows: int) -> None:
    """Short lines in the side margins where the boundaries of the ``rows`` top rows run: the cutter lines the blade up with them."""
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    right = GRID_LEFT + COLUMNS * CARD_W
    for row in range(rows + 1):
        y = GRID_BOTTOM + (ROWS - row) * CARD_H
        canvas.line(GRID_LEFT - 9 * mm, y, GRID_LEFT - 2 * mm, y)
        canvas.line(right + 2 * mm, y, right + 9 * mm, y)


def _draw_card(canvas: Canvas, card: Card, center: str, phone: str, font: str) -> None:
    canvas.setLineWidth(0.3)
    canvas.setStrokeColor(BORDER)
    canvas.rect(0, 0, CARD_W, CARD_H, stroke=1, fill=0)
    # The band: the center's name on the left, 会员卡 on the right.
    canvas.setFillColor(BAND)
    canvas.rect(0, CARD_H - BAND_H, CARD_W, BAND_H, stroke=0, fill=1)
    canvas.setFillColor(white)
    label = _("Member card")
    canvas.setFont(font, 9)
    canvas.drawRightString(CARD_W - PAD, CARD_H - 6.4 * mm, label)
    room = CARD_W - 2 * PAD - stringWidth(label, font, 9) - 3 * mm
    canvas.setFont(font, _fitting(center, font, 11, 7, room))
    canvas.drawString(PAD, CARD_H - 6.6 * mm, center)
    _photo(canvas, card.photo, font)
    # The name, as large as the space allows; the member number under it.
    canvas.setFillColor(HexColor("#000000"))
    room = QR_BOX[0] - TEXT_LEFT - 1 * mm
    canvas.setFont(font, _fitting(card.name, font, 20, 9, room))
    canvas.drawString(TEXT_LEFT, 32 * mm, card.name)
    canvas.setFillColor(GREY)
    canvas.setFont(font, 8)
    canvas.drawString(TEXT_LEFT, 25.5 * mm, _("Member no."))
    canvas.setFillColor(HexColor("#000000"))
    canvas.setFont(font, 13)
    canvas.drawString(TEXT_LEFT, 19.5 * mm, card.member_no)
    _qr(canvas, card.member_no)
    barcode = _barcode(card.member_no)
    barcode.drawOn(canvas, BARCODE_BOX[0], BARCODE_BOX[1])
    if phone:
        canvas.setFillColor(GREY)
        canvas.setFont(font, 7)
        canvas.drawRightString(CARD_W - PAD, 9 * mm, _("Service phone"))
        canvas.setFont(font, _fitting(phone, font, 9, 6, CARD_W - PAD - BARCODE_BOX[0] - barcode.width - 1 * mm))
        canvas.drawRightString(CARD_W - PAD, 4.5 * mm, phone)


def _fitting(words: str, font: str, largest: float, smallest: float, room: float) -> float:
    """The largest size from ``largest`` down to ``smallest`` at which ``words`` fit in ``room`` points."""
    size = largest
    while size > smallest and stringWidth(words, font, size) > room:
        size -= 0.5
    return size


def _photo(canvas: Canvas, data: bytes | None, font: str) -> None:
    x, y, w, h = PHOTO_BOX
    image = _photo_image(data, w, h) if data else None
    if image is not None:
        canvas.drawImage(image, x, y, w, h)
        canvas.setStrokeColor(FAINT)
        canvas.setLineWidth(0.3)
        canvas.rect(x, y, w, h, stroke=1, fill=0)
        return
    # No photo (or one that cannot be read): a dashed space labelled 照片 to glue one in.
    canvas.setStrokeColor(FAINT)
    canvas.setLineWidth(0.6)
    canvas.setDash(2, 1.5)
    canvas.rect(x, y, w, h, stroke=1, fill=0)
    canvas.setDash()
    canvas.setFillColor(GREY)
    canvas.setFont(font, 9)
    canvas.drawCentredString(x + w / 2, y + h / 2 - 3, _("Photo"))


def _photo_image(data: bytes, width: float, height: float) -> ImageReader | None:
    """The photo turned upright and cropped to the box's proportions at 300 dpi; None if it cannot be read."""
    pixels = (round(width / 72 * 300), round(height / 72 * 300))
    try:
        with Image.open(io.BytesIO(data)) as original:
            upright = ImageOps.exif_transpose(original) or original
            fitted = ImageOps.fit(upright.convert("RGB"), pixels, Image.Resampling.LANCZOS)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return ImageReader(fitted)


def _qr(canvas: Canvas, member_no: str) -> None:
    x, y, size, _h = QR_BOX
    widget = QrCodeWidget(member_no, barLevel="M", barBorder=4)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _barcode(member_no: str) -> Code128:
    return Code128(member_no, barWidth=BAR_WIDTH, barHeight=BAR_HEIGHT, humanReadable=False, quiet=True)
