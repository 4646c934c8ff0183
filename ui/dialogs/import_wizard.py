"""导入花名册: bring a roster kept in Excel into CareCenter, seeing every row's fate before anything is written.

Three steps in one dialog (a stack of pages, so the buttons are ours and big):

1. choose the file (typed, pasted or picked) and, when the database has several
   centers, the center the seniors belong to;
2. preview: the core reads the file as a dry run (``dry_run=True``, no errors file)
   and the page lists every row with its verdict, the counts and the file's own
   warnings; an unusable file (``RosterFileError``) keeps the user on step 1 with
   the core's message;
3. 导入 runs the real import, then the result: the counts and where the errors file
   was written. Stopping the import says plainly that nothing was imported: the core
   writes all rows in one transaction and rolls it back on ``WorkCancelled``.

``imported(report)`` fires after an import that added or updated someone, so the
seniors list can refresh.

Threading: both runs of the core go through ``ui.workers.Task`` (worker thread, a
progress dialog with 停止 after 600 ms); the wizard's buttons wait while one runs,
and closing the wizard then means Stop. ``synchronous=True`` (or the class
attribute, for tests of the page that opens the wizard) runs them inline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.roster.model import ImportReport
from ui.dialogs.import_pages import ChoosePage, PreviewPage, ResultPage
from ui.widgets.field_row import MUTED_COLOR, bold, ensure_readable_font
from ui.workers import Task, Work

STEPS = (N_("Choose the file"), N_("Check the preview"), N_("Result"))
STEP_COLOR = "#1d5f99"


class ImportWizard(QDialog):
    """The roster import, from choosing the file to the result; ``report`` holds the last run's report."""

    imported = Signal(object)  # ImportReport of an import that added or updated seniors
    task_started = Signal(object)  # each Task as it starts (tests press its Stop button)

    synchronous: ClassVar[bool] = False

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        parent: QWidget | None = None,
        *,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._sync = type(self).synchronous if synchronous is None else synchronous
        self.task: Task | None = None
        self.preview_report: ImportReport | None = None
        self.report: ImportReport | None = None
        self._source: Path | None = None
        self._center_id: int | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Import a roster"))

        self.steps_label = QLabel(self)
        bold(self.steps_label, 1.1)
        self.choose_page = ChoosePage(cc.centers.list(), center_id, self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.stack = QStackedWidget(self)
        for page in (self.choose_page, self.preview_page, self.result_page):
            self.stack.addWidget(page)
        self.choose_page.browse_requested.connect(self.browse)
        self.result_page.open_folder_button.clicked.connect(self._open_errors_folder)

        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.back_button = self._button(_("Back"), self.go_back)
        self.next_button = self._button(_("Next: preview"), self.preview)
        self.import_button = self._button(_("Import"), self.start_import)
        bold(self.import_button)
        self.close_button = self._button(_("Cancel"), self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.note_label, 1)
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show(self.choose_page)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Large enough to show many preview rows, never larger than the screen (1366x768 PCs are common)."""
        width, height = 1160, 820
        screen = self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, int(area.width() * 0.94)), min(height, int(area.height() * 0.92))
        self.resize(width, height)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setMinimumHeight(button.sizeHint().height() + 10)
        button.setMinimumWidth(max(120, button.sizeHint().width() + 24))
        button.clicked.connect(slot)
        return button

    # ---- pages ---------------------------------------------------------------------------

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        step = (self.choose_page, self.preview_page, self.result_page).index(page)
        parts = []
        for i, msgid in enumerate(STEPS):
            text = _("{n}. {step}").format(n=i + 1, step=_(msgid))
            color = STEP_COLOR if i == step else "#8a8a8a"
            parts.append(f'<span style="color:{color}">{text}</span>')
        self.steps_label.setText("　›　".join(parts))
        stopped = page is self.result_page and (self.report is None)
        self.back_button.setVisible(page is self.preview_page or stopped)
        self.next_button.setVisible(page is self.choose_page)
        self.import_button.setVisible(page is self.preview_page)
        self.close_button.setText(_("Close") if page is self.result_page else _("Cancel"))
        self.next_button.setDefault(page is self.choose_page)
        self.close_button.setDefault(page is self.result_page)
        if page is self.preview_page:
            self._explain_import()
        else:
            self.note_label.clear()
        page.setFocus()
        self._update_buttons()

    def _explain_import(self) -> None:
        report = self.preview_report
        if report is None:
            return
        changing = report.added + report.updated
        if changing:
            self.note_label.setText(
                _("“Import” adds {added} and updates {updated} seniors; rejected rows are left out.").format(
                    added=report.added, updated=report.updated
                )
            )
        else:
            self.note_label.setText(_("No row would add or change a senior: there is nothing to import."))

    def _update_buttons(self) -> None:
        idle = not self.is_busy()
        self.next_button.setEnabled(idle)
        self.back_button.setEnabled(idle)
        self.close_button.setEnabled(idle)
        report = self.preview_report
        self.import_button.setEnabled(idle and report is not None and report.added + report.updated > 0)

    def go_back(self) -> None:
        """From the preview to the file; from a stopped or refused import to the preview."""
        if self.is_busy():
            return
        if self.current_page() is self.preview_page:
            self._show(self.choose_page)
        elif self.current_page() is self.result_page and self.preview_report is not None:
            self._show(self.preview_page)

    # ---- step 1: the file ----------------------------------------------------------------

    def browse(self) -> None:
        current = self.choose_page.path_text()
        start = Path(current).expanduser().parent if current else None
        chosen = self.ask_source_file(start if start is not None and start.is_dir() else documents_folder())
        if chosen is not None:
            self.choose_page.path_edit.setText(str(chosen))
            self.choose_page.path_edit.setFocus()

    def ask_source_file(self, folder: Path) -> Path | None:
        """The open dialog (tests replace this method)."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the roster to import"),
            str(folder),
            _("Rosters (*.xlsx *.xls *.csv);;All files (*)"),
        )
        return Path(name) if name else None

    def preview(self) -> None:
        """Read the file as a dry run off the UI thread; the preview page shows what came of it."""
        if self.is_busy() or self.current_page() is not self.choose_page:
            return
        text = self.choose_page.path_text()
        if not text:
            self.choose_page.set_error(_("Choose the roster file first."))
            self.choose_page.path_edit.setFocus()
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self.choose_page.set_error(
                _("There is no file at {path}. Check the name and the folder.").format(path=path)
            )
            self.choose_page.path_edit.setFocus()
            return
        center_id = self.choose_page.center_id()
        if center_id is None and self.choose_page.several_centers:
            self.choose_page.set_error(_("Choose the center these seniors belong to."))
            self.choose_page.center_combo.setFocus()
            return
        self.choose_page.set_error("")
        self._source, self._center_id = path, center_id
        rosters, actor = self._cc.rosters, self._actor

        def work(progress: Progress, cancelled: Cancelled) -> ImportReport:
            return rosters.import_seniors(
                path,
                actor,
                center_id=center_id,
                dry_run=True,
                write_errors=False,
                progress=progress,
                cancelled=cancelled,
            )

        self.note_label.setText(_("Reading {file}…").format(file=path.name))
        self._run(
            work,
            self._previewed,
            self._preview_failed,
            title=_("Import a roster"),
            label=_("Checking every row of {file}…").format(file=path.name),
        )

    def _previewed(self, report: object) -> None:
        assert isinstance(report, ImportReport)
        self.preview_report = report
        self.report = None
        self.preview_page.show_report(report)
        self._show(self.preview_page)

    def _preview_failed(self, error: object) -> None:
        self.note_label.clear()
        if isinstance(error, WorkCancelled):
            self.choose_page.set_error(_("Stopped reading the file. Nothing was imported."))
        elif isinstance(error, CareCenterError):
            self.choose_page.set_error(str(error))
        else:
            self.choose_page.set_error(_("The file could not be read: {error}").format(error=error))
        self._show(self.choose_page)

    # ---- step 2 → 3: the import ------------------------------------------------------------

    def start_import(self) -> None:
        """导入: the real run, off the UI thread with 停止; then the result page."""
        report = self.preview_report
        path, center_id = self._source, self._center_id
        if self.is_busy() or report is None or path is None or report.added + report.updated == 0:
            return
        rosters, actor = self._cc.rosters, self._actor

        def work(progress: Progress, cancelled: Cancelled) -> ImportReport:
            return rosters.import_seniors(
                path, actor, center_id=center_id, progress=progress, cancelled=cancelled, write_errors=True
            )

        self.note_label.setText(_("Importing {file}…").format(file=path.name))
        self._run(
            work,
            self._imported,
            self._import_failed,
            title=_("Import a roster"),
            label=_("Importing {file}… “Stop” leaves the database as it was.").format(file=path.name),
        )

    def _imported(self, report: object) -> None:
        assert isinstance(report, ImportReport)
        self.report = report
        self.result_page.show_done(report)
        self._show(self.result_page)
        if report.added or report.updated:
            self.imported.emit(report)

    def _import_failed(self, error: object) -> None:
        self.report = None
        if isinstance(error, WorkCancelled):
            self.result_page.show_stopped()
        elif isinstance(error, CareCenterError):
            self.result_page.show_failed(str(error), unchanged=True)
        else:
            self.result_page.show_failed(_("The import failed: {error}").format(error=error), unchanged=False)
        self._show(self.result_page)

    def _open_errors_folder(self) -> None:
        if self.report is not None and self.report.errors_file is not None:
            self.open_folder(self.report.errors_file.parent)

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the system's file manager (tests replace this method)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ---- running the core ----------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _run(
        self,
        work: Work,
        on_success: Callable[[object], None],
        on_failure: Callable[[object], None],
        *,
        title: str,
        label: str,
    ) -> None:
        task = Task(work, self, title=title, label=label, cancellable=True, synchronous=self._sync)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        task.finished.connect(lambda: self._task_finished(task))
        self.task = task
        self._update_buttons()
        self.task_started.emit(task)
        task.start()

    def _task_finished(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        task.setParent(None)  # not deleteLater() inside its own finished(): see BackupPage
        self._update_buttons()

    def reject(self) -> None:
        """Esc, Cancel and Close; while the core works they mean Stop, and the wizard stays to say what happened."""
        if self.is_busy():
            assert self.task is not None
            self.task.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def documents_folder() -> Path:
    """Where file dialogs open first: the user's Documents folder (home when there is none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()
