"""Pictures of the paper (``make screenshots``): page 1 of the monthly pack and of a care summary.

The PDFs are made by the core from the screenshot set's demo data exactly as the 月度报表 page
and the senior page print them, then page 1 is drawn with QtPdf onto white (QPdfDocument
renders onto a transparent image) at a resolution where the type can be judged. The
README shows both.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from carecenter.actor import Actor
from carecenter.domain.months import shift
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorRow
from ui.screenshots import DEMO_DAY, Shooter

DPI = 110  # A4 at 110 dpi is about 910 × 1290 pixels: small print still legible on a screen


def paper(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
    """Last month's monthly pack and a well-recorded senior's care summary, page 1 of each."""
    center = cc.centers.list()[0]
    senior = family_case(cc, actor)
    with tempfile.TemporaryDirectory(prefix="carecenter-paper-") as folder:
        pack = cc.reports.monthly.print(actor, center.id, shift(DEMO_DAY, -1), Path(folder) / "monthly.pdf")
        shooter.save_image("paper-monthly-pack", first_page(pack.path))
        summary = cc.reports.care_summary.print(actor, senior.id, Path(folder) / "care-summary.pdf")
        shooter.save_image("paper-care-summary", first_page(summary.path))


def family_case(cc: CareCenter, actor: Actor) -> SeniorRow:
    """The first active senior whose summary has most to say: an assessment, a plan, services, contacts."""
    rows = cc.seniors.list(actor)
    for row in rows:
        s = cc.reports.care_summary.summary(actor, row.id)
        if s.assessments.previous and s.plan and len(s.services.rows) > 1 and s.contacts and s.categories:
            return row
    return rows[0]


def first_page(path: Path) -> QImage:
    """Page 1 of the PDF at ``DPI`` on white paper."""
    document = QPdfDocument()
    document.load(str(path))
    points = document.pagePointSize(0)
    size = QSize(round(points.width() * DPI / 72), round(points.height() * DPI / 72))
    drawn = document.render(0, size)
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, drawn)
    painter.end()
    document.close()
    return page
