"""打印预览: a real printout rendered by the core, shown, paged, zoomed, printed, saved and exported."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.errors import FieldError
from carecenter.facade import CareCenter
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.reports.document import Printed
from carecenter.reports.listing import Column, Listing, Section
from tests.pdf_helpers import all_text, ink_ratio, page_texts, render_page
from tests.ui.conftest import on_modal
from ui import printing
from ui.dialogs.print_pages import page_image
from ui.dialogs.print_preview import PreviewDialog
from ui.printing import PrintJob, preview, preview_listing

ROWS = 120  # three A4 pages of one-line rows


def sign_in_listing() -> Listing:
    rows = tuple((n, f"张{n:03d}", f"M{n:06d}", "") for n in range(1, ROWS + 1))
    return Listing(
        title="测试签到表",
        center="文化路日间照料中心",
        period="2026-11-22",
        columns=(Column("序号", 0.6, numeric=True), Column("姓名", 2), Column("会员号", 2), Column("签名", 3)),
        sections=(Section("", rows),),
        signatures=("制表人",),
    )


@pytest.fixture(autouse=True)
def _jobs_run_inline() -> Iterator[None]:
    PrintJob.synchronous = True
    yield
    PrintJob.synchronous = False


@pytest.fixture
def printed(tmp_path: Path, center: CareCenter, admin: Actor) -> Printed:
    return center.reports.print_listing(admin, sign_in_listing(), tmp_path / "listing.pdf")


@pytest.fixture
def dialog(qtbot: QtBot, printed: Printed) -> PreviewDialog:
    shown = PreviewDialog(printed.path, "测试签到表")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the next save dialogs with ``path``; returns the suggested names they were given."""
    suggested: list[str] = []

    def fake(_parent: QWidget, _caption: str, start: str, _filters: str) -> tuple[str, str]:
        suggested.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return suggested


def test_the_page_label_and_buttons_turn_the_pages(qtbot: QtBot, dialog: PreviewDialog, printed: Printed) -> None:
    assert printed.pages >= 3
    total = printed.pages
    assert dialog.page_text() == f"第 1 页 / 共 {total} 页"
    assert not dialog.prev_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.page_text() == f"第 2 页 / 共 {total} 页"
    assert dialog.page_box.value() == 2
    qtbot.mouseClick(dialog.prev_button, Qt.MouseButton.LeftButton)
    assert dialog.page_text() == f"第 1 页 / 共 {total} 页"
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageDown)
    assert dialog.page_text() == f"第 3 页 / 共 {total} 页"
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageUp)
    assert dialog.page_text() == f"第 2 页 / 共 {total} 页"
    dialog.page_box.selectAll()
    qtbot.keyClicks(dialog.page_box, str(total))
    qtbot.keyClick(dialog.page_box, Qt.Key.Key_Return)
    assert dialog.page_text() == f"第 {total} 页 / 共 {total} 页"
    assert not dialog.next_button.isEnabled()


def test_scrolling_to_the_end_shows_the_last_page_number(qtbot: QtBot, dialog: PreviewDialog) -> None:
    bar = dialog.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: dialog.page() == dialog.page_count() - 1, timeout=2000)
    assert dialog.page_text().startswith(f"第 {dialog.page_count()} 页")


def test_zoom_is_a_custom_factor_that_starts_at_the_window_width(qtbot: QtBot, dialog: PreviewDialog) -> None:
    dialog.resize(dialog.minimumSizeHint().width() + 200, 700)
    qtbot.waitUntil(lambda: dialog.zoom() == pytest.approx(dialog.fit_width_factor(), rel=0.01), timeout=2000)
    fitted = dialog.zoom()
    assert fitted == pytest.approx(dialog.fit_width_factor(), rel=0.01)
    assert dialog.view.zoomMode().name == "Custom"
    qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() > fitted
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomFactor() < fitted
    qtbot.keyClick(dialog.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dialog.actual_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() == pytest.approx(1.0)
    assert dialog.zoom_label.text() == "100%"
    dialog.next_page()
    dialog.zoom_in()
    assert dialog.page_text().startswith("第 2 页"), "zooming keeps the page shown"
    qtbot.mouseClick(dialog.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.zoom() == pytest.approx(fitted, rel=0.01)
    dialog.resize(dialog.width() - 150, dialog.height())
    qtbot.waitUntil(lambda: dialog.zoom() < fitted - 0.05, timeout=2000)  # fit width follows the window


def test_save_as_pdf_copies_the_printout(
    qtbot: QtBot, dialog: PreviewDialog, printed: Printed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested = save_as(monkeypatch, tmp_path / "out" / "copy")
    (tmp_path / "out").mkdir()
    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    copy = tmp_path / "out" / "copy.pdf"
    assert copy.read_bytes() == printed.path.read_bytes()
    assert suggested[0].endswith("测试签到表.pdf")
    assert dialog.status_text() == f"已另存为 {copy}"


def test_save_into_a_missing_folder_says_why(
    dialog: PreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_as(monkeypatch, tmp_path / "no-such-folder" / "copy.pdf")
    assert dialog.save_pdf() is None
    assert dialog.status_text().startswith("未保存：")


def test_print_draws_every_page_on_white(dialog: PreviewDialog, printed: Printed, tmp_path: Path) -> None:
    out = tmp_path / "printer.pdf"
    asked: list[QPrinter] = []

    def to_pdf(printer: QPrinter) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog.ask_printer = to_pdf  # type: ignore[method-assign]
    assert dialog.print_button.isEnabled()
    dialog.print_button.click()
    assert asked and asked[0].pageLayout().pageSize().id().name == "A4"
    assert len(page_texts(out)) == printed.pages
    first = render_page(out, 0, scale=0.5)
    assert 0.01 < ink_ratio(first) < 0.5, "the page is printed, not blank and not black"
    assert first.getpixel((5, 5)) == (255, 255, 255)
    assert dialog.status_text() == f"已发送 {printed.pages} 页到 {out}。"


def test_a_cancelled_print_dialog_prints_nothing(dialog: PreviewDialog) -> None:
    dialog.ask_printer = lambda _printer: False  # type: ignore[method-assign]
    assert dialog.print_document() == 0
    assert dialog.status_text() == ""


def test_the_rendered_page_is_not_transparent(dialog: PreviewDialog) -> None:
    image = page_image(dialog.document, 0, QSize(300, 424))
    assert image.pixelColor(2, 2).alpha() == 255
    assert image.pixelColor(2, 2).name() == "#ffffff"
    dark = sum(1 for x in range(0, 300, 3) for y in range(0, 424, 3) if image.pixelColor(x, y).lightness() < 160)
    assert dark > 100, "the title and the table show"


# ---- the job: render off the UI thread, preview, clean up ---------------------------------------------


def test_a_listing_job_opens_the_preview_and_exports_the_same_rows(
    qtbot: QtBot, center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    job = preview_listing(parent, center.reports, admin, "签到表", sign_in_listing)
    dialog = job.dialog
    assert isinstance(dialog, PreviewDialog)
    assert dialog.isVisible() and dialog.windowTitle() == "打印预览：签到表"
    folder = job.folder()
    assert folder is not None and [p.suffix for p in folder.iterdir()] == [".pdf"]
    pdf = next(folder.iterdir())
    assert "张120" in all_text(pdf)
    assert dialog.page_text() == f"第 1 页 / 共 {len(page_texts(pdf))} 页"
    assert dialog.export_button.isVisible()
    suggested = save_as(monkeypatch, tmp_path / "rows")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    book = openpyxl.load_workbook(tmp_path / "rows.xlsx")
    values = [row for row in book.active.iter_rows(values_only=True) if row and row[0] is not None]
    assert values[0][0] == "测试签到表"
    assert ("序号", "姓名", "会员号", "签名") in values
    assert (120, "张120", "M000120", None) in values
    assert suggested[0].endswith("测试签到表-2026-11-22.xlsx")
    assert dialog.status_text() == f"已导出到 {tmp_path / 'rows.xlsx'}"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not folder.exists(), "the temporary printout goes with the preview"


def test_without_an_exporter_there_is_no_excel_button(qtbot: QtBot, center: CareCenter, printed: Printed) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def render(target: Path, _progress: Progress, _cancelled: Cancelled) -> Printed:
        target.write_bytes(printed.path.read_bytes())
        return Printed(target, printed.pages)

    job = preview(parent, center.reports, "小结", render)
    assert job.dialog is not None
    assert job.dialog.export_button.isHidden()
    assert job.dialog.export_excel() is None
    job.dialog.close_button.click()
    assert job.dialog is None


def test_a_refusal_is_shown_with_the_cores_message(qtbot: QtBot, center: CareCenter) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    texts: list[str] = []

    def refused(_target: Path, _progress: Progress, _cancelled: Cancelled) -> Printed:
        raise FieldError("senior_ids", "会员卡", "没有需要打印会员卡的老人")

    on_modal(lambda box: texts.append(box.text() if isinstance(box, QMessageBox) else ""))
    job = preview(parent, center.reports, "会员卡", refused)
    assert texts == ["会员卡：没有需要打印会员卡的老人"]
    assert job.dialog is None and job.folder() is None
    assert job.error == texts[0]


def test_a_stopped_render_ends_quietly(qtbot: QtBot, center: CareCenter) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def stopped(_target: Path, _progress: Progress, _cancelled: Cancelled) -> Printed:
        raise WorkCancelled("stopped")

    job = preview(parent, center.reports, "会员卡", stopped)
    assert job.dialog is None and job.error == "" and job.folder() is None


def test_a_saved_font_that_cannot_be_used_is_said_when_printing(
    qtbot: QtBot, center: CareCenter, tmp_path: Path
) -> None:
    missing = tmp_path / "gone.ttf"
    problem = printing.apply_saved_font(center.reports, str(missing))
    assert problem == f"打印字体：文件 {missing} 不存在。"
    parent = QWidget()
    qtbot.addWidget(parent)
    rendered: list[Path] = []
    texts: list[str] = []
    on_modal(lambda box: texts.append(box.text() if isinstance(box, QMessageBox) else ""))
    job = preview(parent, center.reports, "签到表", lambda target, _p, _c: rendered.append(target))  # type: ignore[arg-type,return-value]
    assert not rendered and job.dialog is None
    assert texts and problem in texts[0] and "设置 › 打印" in texts[0]
    assert printing.apply_saved_font(center.reports, "") is None
    assert printing.font_problem(center.reports) is None


def test_the_list_is_computed_and_printed_off_the_ui_thread(
    qtbot: QtBot, center: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PrintJob, "synchronous", False)
    parent = QWidget()
    qtbot.addWidget(parent)
    threads: list[threading.Thread] = []

    def compute() -> Listing:
        threads.append(threading.current_thread())
        return sign_in_listing()

    job = preview_listing(parent, center.reports, admin, "签到表", compute)
    assert preview_listing(parent, center.reports, admin, "签到表", compute) is job, (
        "a second click waits for the first"
    )
    qtbot.waitUntil(lambda: job.dialog is not None, timeout=20000)
    assert threads and threads[0] is not threading.main_thread()
    assert len(threads) == 1
    assert job.dialog is not None
    job.dialog.reject()
    assert job.folder() is None
