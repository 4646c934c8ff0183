"""The print preview's screenshots (``make screenshots``, called by :func:`ui.screenshots.render_all`).

The day-care attendance sheet of DEMO_DAY as the desk prints it: 打印签到表 on the 日间照料
page renders it (inline here, off the UI thread in the app) and the preview opens at the
window's width, on its first page, with its buttons (打印… 另存为 PDF… 导出 Excel… 关闭).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop
from PySide6.QtWidgets import QApplication

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui import qt_i18n
from ui.main_window import MainWindow
from ui.printing import PrintJob
from ui.screenshots import WINDOW_SIZE, Shooter

PREVIEW_SIZE = (1180, 820)
RENDER_WAIT_MS = 1500  # QPdfView draws its pages on worker threads: let them land before the picture


def print_preview(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """打印预览 of the day's attendance sheet, opened from the 日间照料 page."""
    qt_i18n.apply_language("zh_CN")
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.select_center(cc.centers.list()[0].id)
    window.show()
    window.show_area(_("Day care"))
    PrintJob.synchronous = True
    try:
        job = window.daycare_page.print_sheet()
    finally:
        PrintJob.synchronous = False
    if job is None or job.dialog is None:
        raise RuntimeError(f"the print preview did not open: {job.error if job else 'no center'}")
    dialog = job.dialog
    dialog.resize(*PREVIEW_SIZE)
    _settle(RENDER_WAIT_MS)
    shooter.shoot("print-preview", dialog)
    dialog.close_button.click()
    window.close()
    window.deleteLater()


def _settle(ms: int) -> None:
    """Let Qt lay out and paint for ``ms`` milliseconds (the pages are rendered asynchronously)."""
    app = QApplication.instance()
    timer = QElapsedTimer()
    timer.start()
    while app is not None and timer.elapsed() < ms:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
