"""导出花名册: save the seniors of the current center as an Excel roster, in the canonical columns.

One small dialog: where to save (a sensible name is already filled in, so Enter
is enough), whether 退出/去世 seniors are included (ticked when the list shows
them), then the export off the UI thread and its outcome in the same dialog:
"已导出 N 位老人" and a button that opens the folder. The file reads back through
the import unchanged, so a roster can be exported, corrected in Excel and imported.

Threading: the export runs through ``ui.workers.Task`` (progress dialog with 停止
after 600 ms); a stop leaves no file. ``synchronous`` runs it inline for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.roster.model import ExportResult
from ui.dialogs.import_wizard import documents_folder
from ui.widgets.confirm import confirm
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold, ensure_readable_font
from ui.workers import Task

_UNSAFE = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


class ExportDialog(QDialog):
    """Export one center's roster (all centers when ``center_id`` is None); ``exported`` holds what was written."""

    task_started = Signal(object)  # the Task as it starts (tests press its Stop button)

    synchronous: ClassVar[bool] = False

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        parent: QWidget | None = None,
        *,
        include_all: bool = False,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._sync = type(self).synchronous if synchronous is None else synchronous
        self._confirmed: Path | None = None  # chosen in the save dialog, which already asked about replacing
        self.task: Task | None = None
        self.exported: ExportResult | None = None
        center = next((c for c in cc.centers.list() if c.id == center_id), None)
        self.center_name = center.name if center is not None else _("All centers")
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Export the roster"))

        heading = QLabel(_("Export the seniors of {center} to an Excel roster").format(center=self.center_name), self)
        heading.setWordWrap(True)
        bold(heading, 1.2)
        caption = QLabel(_("Save as:"), self)
        self.path_edit = QLineEdit(str(self.default_path()), self)
        self.path_edit.setMinimumWidth(560)
        self.path_edit.setMinimumHeight(self.path_edit.sizeHint().height() + 8)
        caption.setBuddy(self.path_edit)
        self.browse_button = self._button(_("Choose where…"), self.browse)
        self.include_all = QCheckBox(_("Include withdrawn and deceased seniors"), self)
        self.include_all.setChecked(include_all)
        hint = QLabel(
            _(
                "The file has the standard roster columns. It opens in Excel or WPS, and once corrected "
                "it can be imported again: seniors are matched by ID number."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("result")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        self.open_folder_button = self._button(_("Open its folder"), self._open_folder)
        self.open_folder_button.hide()
        self.export_button = self._button(_("Export"), self.export)
        self.export_button.setDefault(True)
        bold(self.export_button)
        self.close_button = self._button(_("Cancel"), self.reject)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(caption)
        layout.addLayout(path_row)
        layout.addWidget(self.include_all)
        layout.addWidget(hint)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.path_edit.setFocus()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.setMinimumWidth(max(120, button.sizeHint().width() + 24))
        button.clicked.connect(slot)
        return button

    def default_path(self) -> Path:
        """花名册-<center>-<date>.xlsx in the Documents folder."""
        name = _("Roster-{center}-{date}.xlsx").format(
            center=self.center_name.translate(_UNSAFE), date=self._cc.clock.today().isoformat()
        )
        return documents_folder() / name

    def target(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix else path.with_suffix(".xlsx")

    # ---- choosing and exporting ----------------------------------------------------------

    def browse(self) -> None:
        current = self.target() or self.default_path()
        chosen = self.ask_target(current)
        if chosen is not None:
            chosen = chosen if chosen.suffix else chosen.with_suffix(".xlsx")
            self._confirmed = chosen
            self.path_edit.setText(str(chosen))

    def ask_target(self, suggested: Path) -> Path | None:
        """The save dialog (tests replace this method)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the roster as"), str(suggested), _("Excel workbooks (*.xlsx)")
        )
        return Path(name) if name else None

    def export(self) -> None:
        """导出: check the place, then write the file off the UI thread."""
        if self.task is not None and self.task.is_running():
            return
        if self.exported is not None:  # done; Enter now presses Close, the default button
            return
        path = self.target()
        if path is None:
            self._say(_("Choose where to save the roster."), ERROR_COLOR)
            return
        if not path.parent.is_dir():
            self._say(_("The folder {folder} does not exist.").format(folder=path.parent), ERROR_COLOR)
            return
        if (
            path.exists()
            and path != self._confirmed
            and not confirm(
                self,
                _("Export the roster"),
                _("{path} already exists. Replace it?").format(path=path),
                _("Replace"),
                _("Choose another name"),
                warning=True,
            )
        ):
            return
        rosters, actor, center_id, include_all = (
            self._cc.rosters,
            self._actor,
            self._center_id,
            self.include_all.isChecked(),
        )

        def work(progress: Progress, cancelled: Cancelled) -> ExportResult:
            return rosters.export_seniors(
                path, actor, center_id=center_id, include_all=include_all, progress=progress, cancelled=cancelled
            )

        task = Task(
            work,
            self,
            title=_("Export the roster"),
            label=_("Writing {file}…").format(file=path.name),
            synchronous=self._sync,
        )
        task.succeeded.connect(self._exported)
        task.failed.connect(self._failed)
        task.finished.connect(lambda: self._finished(task))
        self.task = task
        self._set_enabled(False)
        self.task_started.emit(task)
        task.start()

    def _exported(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self.exported = result
        self._say(
            _("Exported {n} seniors to:\n{path}").format(n=result.seniors, path=result.file), INFO_COLOR, bold_text=True
        )
        self.open_folder_button.show()
        self.export_button.hide()
        self.close_button.setText(_("Close"))
        self.close_button.setDefault(True)

    def _failed(self, error: object) -> None:
        if isinstance(error, WorkCancelled):
            self._say(_("The export was stopped; no file was written."), MUTED_COLOR)
        elif isinstance(error, CareCenterError):
            self._say(str(error), ERROR_COLOR)
        else:
            self._say(_("The export failed: {error}").format(error=error), ERROR_COLOR)

    def _finished(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        task.setParent(None)  # not deleteLater() inside its own finished(): see BackupPage
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.path_edit, self.browse_button, self.include_all, self.export_button, self.close_button):
            widget.setEnabled(enabled)

    def _say(self, text: str, color: str, bold_text: bool = False) -> None:
        weight = "bold" if bold_text else "normal"
        self.result_label.setStyleSheet(
            f"color: {color}; font-weight: {weight}; background: #f7f9fc; border: 1px solid #d0d7e2; padding: 8px;"
        )
        self.result_label.setText(text)
        self.result_label.setVisible(bool(text))
        self.adjustSize()  # room for the message, whatever its length

    def _open_folder(self) -> None:
        if self.exported is not None:
            self.open_folder(self.exported.file.parent)

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the system's file manager (tests replace this method)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        """Esc and Cancel; while the export runs they mean Stop."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None and self.task.is_running():
            event.ignore()
            self.task.cancel()
            return
        super().closeEvent(event)
