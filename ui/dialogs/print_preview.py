"""打印预览: look at a printout before it goes to paper, then print it, save it as a PDF or export it to Excel.

Opened by :func:`ui.printing.preview` on the PDF the core wrote into a temporary file.
The pages are shown one under the other (QtPdf's ``QPdfView``), as wide as the window at
first (适合宽度), and can be zoomed (缩小 / 放大 / 100% / 适合宽度) and paged through
(上一页 / 下一页 / a page number / 第 N 页 / 共 M 页). Every action has a key:

    PgUp / PgDn      previous / next page        Ctrl+P   print…
    Ctrl+= / Ctrl+-  zoom in / out               Ctrl+S   save as PDF…
    Ctrl+0           actual size (100%)          Ctrl+E   export to Excel… (when offered)
    Esc              close

Zooming is always a custom zoom factor computed here: QPdfView's own FitToWidth and
FitInView modes busy-loop offscreen (design.md). 打印… asks the system print dialog
(:meth:`PreviewDialog.ask_printer`, which tests replace) and draws each page on white at
the printer's resolution (:mod:`ui.dialogs.print_pages`). What was done, or what went
wrong, is said on the line at the bottom. UI thread only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from carecenter.errors import CareCenterError
from carecenter.i18n import _
from ui.dialogs.print_pages import pages_to_print, prepare_printer, print_pages
from ui.printing import Export
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold, ensure_readable_font

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]


class PreviewDialog(QDialog):
    """The preview of the PDF at ``pdf``; ``export`` (optional) writes the same rows to an .xlsx file.

    ``delivered`` fires each time the printout went to a printer or was saved as a PDF.
    """

    delivered = Signal()

    def __init__(
        self,
        pdf: Path,
        title: str,
        parent: QWidget | None = None,
        *,
        export: Export | None = None,
        file_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self.file_name = file_name or title
        self._export = export
        self._fitting = True  # 适合宽度 until the user zooms otherwise; followed when the window resizes
        self.document = QPdfDocument(self)
        error = self.document.load(str(pdf))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() == 0:
            raise CareCenterError(
                _("The printout {path} cannot be opened ({error}).").format(path=pdf, error=error.name)
            )
        ensure_readable_font(self, 13.0)
        self.setWindowTitle(_("Print preview: {title}").format(title=title))
        self.setObjectName("printPreview")
        self._build()
        self._show_page(0)
        self._fit_to_screen()

    # ---- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        heading = QLabel(self.title, self)
        heading.setObjectName("previewTitle")
        bold(heading, 1.3)
        self.print_button = self._button(_("Print…"), self.print_document, _("Print on paper (Ctrl+P)"))
        bold(self.print_button)
        self.save_button = self._button(_("Save as PDF…"), self.save_pdf, _("Keep a copy of this printout (Ctrl+S)"))
        self.export_button = self._button(
            _("Export to Excel…"), self.export_excel, _("The same rows as an Excel workbook (Ctrl+E)")
        )
        self.export_button.setVisible(self._export is not None)
        self.close_button = self._button(_("Close"), self.reject, _("Close the preview (Esc)"))

        self.prev_button = self._button(_("◀ Previous page"), self.previous_page, _("Previous page (PgUp)"))
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        bold(self.page_label, 1.1)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance("第 888 页 / 共 888 页") + 8)
        self.next_button = self._button(_("Next page ▶"), self.next_page, _("Next page (PgDn)"))
        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, self.page_count())
        self.page_box.setAccessibleName(_("Page number"))
        self.page_box.setToolTip(_("Type a page number and press Enter"))
        self.page_box.setMinimumWidth(self.page_box.fontMetrics().horizontalAdvance("8888") + 48)
        self.page_box.setMinimumHeight(self.page_box.sizeHint().height() + 6)
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value() - 1))

        self.zoom_out_button = self._button("－", self.zoom_out, _("Smaller (Ctrl+-)"))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("888%") + 16)
        self.zoom_in_button = self._button("＋", self.zoom_in, _("Larger (Ctrl+=)"))
        for button in (self.zoom_out_button, self.zoom_in_button):
            bold(button, 1.2)
            button.setAccessibleName(button.toolTip())
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("＋") + 28)
        self.actual_button = self._button("100%", self.actual_size, _("Actual size (Ctrl+0)"))
        self.actual_button.setMinimumWidth(self.actual_button.fontMetrics().horizontalAdvance("100%") + 28)
        # Narrower than Qt's usual 80 pixels: the whole row fits a 1024-pixel screen.
        for button in (self.zoom_out_button, self.zoom_in_button, self.actual_button):
            button.setMaximumWidth(button.minimumWidth())
        self.fit_button = self._button(_("Fit width"), self.fit_width, _("As wide as the window"))

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)  # never FitToWidth / FitInView: they busy-loop offscreen
        # Fixed scroll bars: showing or hiding one would change the width that 适合宽度 fits.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setStyleSheet("QPdfView { background: #8a8f96; }")
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.viewport().installEventFilter(self)

        self.status = QLabel(self)
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(
            _("PgUp/PgDn: turn the page · Ctrl+= / Ctrl+-: larger / smaller · Ctrl+P: print · Esc: close"), self
        )
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        for button in (self.print_button, self.save_button, self.export_button, self.close_button):
            top.addWidget(button)
        tools = QHBoxLayout()
        for widget in (self.prev_button, self.page_label, self.next_button):
            tools.addWidget(widget)
        tools.addSpacing(8)
        tools.addWidget(self.page_box)
        tools.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.actual_button, self.fit_button):
            tools.addWidget(widget)
        self.hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 3)
        bottom.addWidget(self.hint, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        keys: list[tuple[str, object]] = [
            ("PgUp", self.previous_page),
            ("PgDown", self.next_page),
            ("Ctrl+=", self.zoom_in),
            ("Ctrl++", self.zoom_in),
            ("Ctrl+-", self.zoom_out),
            ("Ctrl+0", self.actual_size),
            ("Ctrl+P", self.print_document),
            ("Ctrl+S", self.save_pdf),
        ]
        if self._export is not None:
            keys.append(("Ctrl+E", self.export_excel))
        for sequence, slot in keys:
            QShortcut(QKeySequence(sequence), self).activated.connect(slot)
        self.view.setFocus()

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.setMinimumHeight(button.sizeHint().height() + 10)
        button.setMinimumWidth(button.sizeHint().width() + 20)
        button.clicked.connect(slot)
        return button

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = 1100, 900
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(width, height)

    # ---- pages ---------------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def page(self) -> int:
        """The page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Show the top of ``page`` (0-based; kept within the document)."""
        page = min(max(page, 0), self.page_count() - 1)
        self.view.pageNavigator().jump(page, QPointF(0, 0), self.view.zoomFactor())
        self._show_page(page)

    def next_page(self) -> None:
        self.go_to(self.page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.page() - 1)

    def page_text(self) -> str:
        """第 N 页 / 共 M 页, as the label shows it."""
        return self.page_label.text()

    def _show_page(self, page: int) -> None:
        count = self.page_count()
        self.page_label.setText(_("Page {n} of {total}").format(n=page + 1, total=count))
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)

    # ---- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> float:
        return float(self.view.zoomFactor())

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` (1.0: the page at its printed size), keeping the page shown."""
        self._fitting = False
        self._apply_zoom(factor)

    def _apply_zoom(self, factor: float) -> None:
        page = self.page()
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        self.view.setZoomFactor(factor)
        self.view.pageNavigator().jump(page, QPointF(0, 0), factor)
        self.zoom_label.setText(f"{round(factor * 100)}%")
        self.zoom_out_button.setEnabled(factor > MIN_ZOOM + 1e-6)
        self.zoom_in_button.setEnabled(factor < MAX_ZOOM - 1e-6)

    def zoom_in(self) -> None:
        current = self.zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > current + 0.01), MAX_ZOOM))

    def zoom_out(self) -> None:
        current = self.zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01), MIN_ZOOM))

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit_width(self) -> None:
        """适合宽度: the widest page fills the view's width (computed, not QPdfView's FitToWidth)."""
        self._fitting = True
        self._apply_zoom(self.fit_width_factor())

    def fit_width_factor(self) -> float:
        """The zoom at which the widest page is exactly as wide as the view's free width."""
        widest = max(self.document.pagePointSize(p).width() for p in range(self.page_count()))
        screen = self.view.screen() or QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
        margins = self.view.documentMargins()
        free = self.view.viewport().width() - margins.left() - margins.right() - 4
        return max(MIN_ZOOM, min(MAX_ZOOM, free / (widest * dpi / 72.0))) if widest > 0 else 1.0

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fitting:
            self.fit_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """适合宽度 follows the view's width (its viewport is resized after the window's layout has run)."""
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize and self._fitting:
            self.fit_width()
        return super().eventFilter(watched, event)

    # ---- print, save, export ---------------------------------------------------------------------

    def ask_printer(self, printer: QPrinter) -> bool:
        """The system print dialog: which printer, which pages, how many copies (tests replace this)."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print “{title}”").format(title=self.title))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, self.page_count())
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_document(self) -> int:
        """打印…: choose the printer and pages, then print; the number of pages sent (0: none)."""
        printer = prepare_printer(self.document)
        if not self.ask_printer(printer):
            return 0
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages ``printer`` asks for; says how many went, or why none did."""
        pages = pages_to_print(printer, self.page_count()) or [self.page()]
        progress = QProgressDialog(_("Printing…"), _("Stop"), 0, len(pages), self)
        progress.setWindowTitle(self.title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(800)

        def page_done(done: int, total: int) -> bool:
            progress.setValue(done)
            return not progress.wasCanceled()

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pages(self.document, printer, pages, page_done)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return 0
        finally:
            QApplication.restoreOverrideCursor()
            progress.reset()
            progress.deleteLater()
        where = printer.outputFileName() or printer.printerName()
        self.say(_("{n} pages sent to {printer}.").format(n=printed, printer=where))
        if printed:
            self.delivered.emit()
        return printed

    def ask_save_path(self, caption: str, suggested: Path, filters: str) -> Path | None:
        """The save dialog; None when the user cancelled it."""
        name, _filter = QFileDialog.getSaveFileName(self, caption, str(suggested), filters)
        return Path(name) if name else None

    def _suggested(self, suffix: str) -> Path:
        from ui.dialogs.import_wizard import documents_folder  # the folder every file dialog opens first

        return documents_folder() / f"{self.file_name}{suffix}"

    def save_pdf(self) -> Path | None:
        """另存为PDF…: copy the printout where the user says; where it went (None: not saved)."""
        target = self.ask_save_path(_("Save the printout as"), self._suggested(".pdf"), _("PDF files (*.pdf)"))
        if target is None:
            return None
        target = target if target.suffix.lower() == ".pdf" else target.with_name(target.name + ".pdf")
        try:
            if target.resolve() != self.pdf.resolve():
                shutil.copyfile(self.pdf, target)
        except OSError as exc:
            self.say(_("Not saved: {error}").format(error=exc.strerror or exc), ok=False)
            return None
        self.say(_("Saved as {path}").format(path=target))
        self.delivered.emit()
        return target

    def export_excel(self) -> Path | None:
        """导出Excel…: the same rows as an .xlsx workbook; where it went (None: not exported)."""
        if self._export is None:
            return None
        target = self.ask_save_path(_("Export to Excel as"), self._suggested(".xlsx"), _("Excel workbooks (*.xlsx)"))
        if target is None:
            return None
        target = target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = self._export(target)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return None
        except OSError as exc:
            self.say(_("Not exported: {error}").format(error=exc.strerror or exc), ok=False)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.say(_("Exported to {path}").format(path=written))
        return written

    def say(self, text: str, ok: bool = True) -> None:
        """The line at the bottom: what was done, or in red what went wrong."""
        self.status.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR}; font-weight: bold;")
        self.status.setText(text)

    def status_text(self) -> str:
        return self.status.text()

    def release(self) -> None:
        """Let go of the file (it is deleted when the preview closes; Windows refuses to delete an open file)."""
        self.document.close()
