"""个人信息同意书: one senior's consent to the processing of their personal data.

At the top, in large text, where the senior stands (已签署 / 已撤回 / 未签署), then every
consent recorded, newest first. Below, the form to record a newly signed paper form:
the date, the staff member who took it, notes and an optional scan.

Unlike the status dialog, this one stays open after 登记同意 or 撤回同意 and shows the
new state: the big state line is the confirmation staff look for, and they may go on to
view the scan. ``changed`` tells the opener to refresh its list; a dialog that changed
something also ends as Accepted, as the status dialog does after its save.

The scan shows the ID number, so 查看扫描件 exists only for roles that may see full ID
numbers; the core records each opening in the audit trail. The file handed to the
system's viewer is private to the user (mode 0600) and removed when the app quits.

Threading: each button is one short core call on the UI thread.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.consent import FIELD_LABELS, ConsentInfo
from carecenter.domain.vocab import Status
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.dialogs.consent_form import ConsentForm
from ui.dialogs.consent_withdraw import WithdrawConsentDialog
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold, ensure_readable_font
from ui.widgets.scan_picker import SCAN_FILTER_PATTERNS

SCAN_SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
WITHDRAWN_COLOR = "#e65100"

_viewed_files: list[Path] = []  # scans handed to a viewer, removed when the app quits
_CLEANUP_PROPERTY = "carecenterScanCleanup"  # set on the application once the clean-up is connected


def state_text(current: ConsentInfo | None) -> str:
    """The senior's consent in one line, as the dialog and the seniors page show it."""
    if current is None:
        return _("Not signed")
    if current.withdrawn_on is not None:
        return _("Withdrawn {date}").format(date=current.withdrawn_on.isoformat())
    return _("Signed {date} (taken by {staff})").format(date=current.given_on.isoformat(), staff=current.taken_by_name)


def write_scan_file(mime: str, data: bytes) -> Path:
    """``data`` in a new private temporary file whose suffix lets the system pick the viewer."""
    fd, name = tempfile.mkstemp(prefix="carecenter-consent-", suffix=SCAN_SUFFIXES.get(mime, ""))
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    path = Path(name)
    app = QCoreApplication.instance()
    if app is not None and app.property(_CLEANUP_PROPERTY) is None:
        app.aboutToQuit.connect(_remove_viewed_files)
        app.setProperty(_CLEANUP_PROPERTY, True)
    _viewed_files.append(path)
    return path


def _remove_viewed_files() -> None:
    while _viewed_files:
        with contextlib.suppress(OSError):
            _viewed_files.pop().unlink()


class ConsentDialog(QDialog):
    """See, record and withdraw one senior's consent; ``changed`` is True once anything was saved."""

    def __init__(self, cc: CareCenter, actor: Actor, senior_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self.changed = False
        self.detail = cc.seniors.get(senior_id, actor)
        self.history: list[ConsentInfo] = []
        self.can_record = allowed(actor, Permission.EDIT_SENIOR_BASICS) and self.detail.status is not Status.DECEASED
        self.can_view_scan = allowed(actor, Permission.SEE_FULL_ID)
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Consent: {name}").format(name=self.detail.name))

        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        layout.addWidget(self._history_box(), 1)
        self.form = ConsentForm(
            cc.clock.today(),
            cc.staff.list(active_only=True),
            actor.staff_id,
            deceased=self.detail.status is Status.DECEASED,
            parent=self,
        )
        self.form.scan_picker.choose_requested.connect(self.choose_scan)
        self.form.setVisible(allowed(actor, Permission.EDIT_SENIOR_BASICS))
        layout.addWidget(self.form)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addLayout(self._buttons())
        self.reload()
        self._baseline = self.form.state()
        self.resize(860, 720)
        (self.form.date_edit if self.can_record else self.close_button).setFocus()

    # ---- building ------------------------------------------------------------------------

    def _header(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel(f"{self.detail.name}　{self.detail.member_no}", box)
        bold(self.name_label, 1.3)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name_label)
        self.state_label = QLabel(box)
        self.state_label.setObjectName("consentState")
        bold(self.state_label, 1.6)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state_label)
        return box

    def _history_box(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Consent history (newest first)"), box)
        caption.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(caption)
        headers = [
            _(FIELD_LABELS["given_on"]),
            _(FIELD_LABELS["taken_by_staff_id"]),
            _(FIELD_LABELS["withdrawn_on"]),
            _("Scan"),
            _(FIELD_LABELS["notes"]),
            _("Recorded by"),
        ]
        self.history_table = QTableWidget(0, len(headers), box)
        self.history_table.setHorizontalHeaderLabels(headers)
        self.history_table.verticalHeader().hide()
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_table.setAlternatingRowColors(True)
        self.history_table.setTabKeyNavigation(False)
        header = self.history_table.horizontalHeader()
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history_table.currentCellChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.history_table)
        return box

    def _buttons(self) -> QHBoxLayout:
        line = QHBoxLayout()
        self.record_button = QPushButton(_("Record consent"), self)
        self.withdraw_button = QPushButton(_("Withdraw consent"), self)
        self.view_scan_button = QPushButton(_("View scan"), self)
        self.close_button = QPushButton(_("Close"), self)
        for button in (self.record_button, self.withdraw_button, self.view_scan_button, self.close_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(130)
            button.setMinimumHeight(button.sizeHint().height() + 8)
        bold(self.record_button)
        self.view_scan_button.setToolTip(_("Open the scan of the selected form (the opening is recorded)"))
        self.record_button.clicked.connect(self.record)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.view_scan_button.clicked.connect(self.view_scan)
        self.close_button.clicked.connect(self.reject)
        self.record_button.setVisible(self.can_record)
        self.withdraw_button.setVisible(self.can_record)
        self.view_scan_button.setVisible(self.can_view_scan)
        line.addWidget(self.record_button)
        line.addWidget(self.withdraw_button)
        line.addWidget(self.view_scan_button)
        line.addStretch(1)
        line.addWidget(self.close_button)
        return line

    # ---- showing -------------------------------------------------------------------------

    def current(self) -> ConsentInfo | None:
        """The newest consent record (withdrawn or not), as last read from the core."""
        return self.history[0] if self.history else None

    def reload(self) -> None:
        """Read the history again and show it; the newest record is selected."""
        self.history = self._cc.consent.history(self._senior_id, self._actor)
        current = self.current()
        self.state_label.setText(state_text(current))
        color = ERROR_COLOR if current is None else (INFO_COLOR if current.valid else WITHDRAWN_COLOR)
        self.state_label.setStyleSheet(f"color: {color};")
        self.history_table.setRowCount(len(self.history))
        for row, info in enumerate(self.history):
            values = (
                info.given_on.isoformat(),
                info.taken_by_name,
                info.withdrawn_on.isoformat() if info.withdrawn_on else "",
                _("Scan attached") if info.scan_mime else "",
                info.notes,
                info.recorded_by,
            )
            for column, value in enumerate(values):
                self.history_table.setItem(row, column, QTableWidgetItem(value))
        if self.history:
            self.history_table.setCurrentCell(0, 0)
        self._update_buttons()

    def selected(self) -> ConsentInfo | None:
        """The history row the user chose (the newest one unless they picked another)."""
        row = self.history_table.currentRow()
        return self.history[row] if 0 <= row < len(self.history) else None

    def _update_buttons(self) -> None:
        current = self.current()
        self.withdraw_button.setEnabled(current is not None and current.valid)
        chosen = self.selected()
        self.view_scan_button.setEnabled(chosen is not None and bool(chosen.scan_mime))

    def state_text(self) -> str:
        return self.state_label.text()

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` of the form right now ('' when none)."""
        return self.form.error_for(field)

    # ---- actions -------------------------------------------------------------------------

    def ask_scan_file(self) -> Path | None:
        """Ask which file holds the scan (tests replace this); None when the user cancels."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the scan of the signed form"),
            start,
            _("Scans ({patterns});;All files (*)").format(patterns=SCAN_FILTER_PATTERNS),
        )
        return Path(path) if path else None

    def choose_scan(self) -> None:
        path = self.ask_scan_file()
        if path is not None:
            self.form.scan_picker.take_file(path)

    def record(self) -> bool:
        """登记同意: save the form; on refusal show each reason under its field and store nothing."""
        self.form.clear_errors()
        self.banner.hide()
        try:
            entry = self.form.entry()
            self._cc.consent.record(
                self._senior_id,
                entry.given_on,
                entry.taken_by_staff_id,
                self._actor,
                notes=entry.notes,
                scan=entry.scan,
            )
        except ValidationError as exc:
            elsewhere = self.form.show_errors(exc.errors)
            if elsewhere:
                self.banner.setText("\n".join(elsewhere))
                self.banner.show()
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.form.reset()
        self._saved()
        return True

    def withdraw(self) -> bool:
        """撤回同意: ask the day and confirm; the record stays and the senior needs consent again."""
        current = self.current()
        if current is None or not current.valid:
            return False
        dialog = WithdrawConsentDialog(self._cc, self._actor, current, self.detail.name, parent=self)
        try:
            done = dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
        finally:
            dialog.deleteLater()
        if done:
            self._saved()
        return done

    def view_scan(self) -> Path | None:
        """查看扫描件: the selected form's scan, opened in the system's viewer; the file written."""
        chosen = self.selected()
        if chosen is None or not chosen.scan_mime or not self.can_view_scan:
            return None
        try:
            mime, data = self._cc.consent.scan(chosen.id, self._actor)
        except CareCenterError as exc:
            inform(self, _("Cannot show the scan"), str(exc), _("OK"))
            return None
        try:
            path = write_scan_file(mime, data)
        except OSError as exc:
            inform(self, _("Cannot show the scan"), str(exc), _("OK"))
            return None
        if not self.open_file(path):
            inform(
                self,
                _("Cannot show the scan"),
                _("No program on this computer opens {kind} files. The file is at:\n{path}").format(
                    kind=path.suffix.lstrip(".").upper(), path=path
                ),
                _("OK"),
            )
        return path

    def open_file(self, path: Path) -> bool:
        """Hand ``path`` to the system's viewer (tests replace this); False when nothing opens it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _saved(self) -> None:
        self.changed = True
        self.reload()
        self._baseline = self.form.state()
        self.close_button.setFocus()

    # ---- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc / 关闭: ask before dropping a filled-in form; Accepted when something was saved."""
        if (
            self.can_record
            and self.form.state() != self._baseline
            and not confirm(
                self,
                _("Discard changes?"),
                _("The consent form has not been recorded. Close and discard it?"),
                _("Discard"),
                _("Keep editing"),
            )
        ):
            return
        self.done(QDialog.DialogCode.Accepted if self.changed else QDialog.DialogCode.Rejected)
