"""The widgets of the 备份与恢复 page, built once; ``BackupPage`` adds the behaviour.

Only what the acting role may use is built: a button that would be refused is
never shown (its attribute is None). On a PostgreSQL server the backup section is
replaced by the exact ``pg_dump``/``pg_restore`` commands, selectable and with a
copy button, because the server's own tools make its backups.

Threading: UI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter import backups
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.pages.backup_list import BackupTable
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold

BANNER_STYLE = (
    "QFrame#warningBanner { background: #fff3b0; border: 2px solid #e0b400; border-radius: 6px; }"
    "QFrame#warningBanner QLabel { color: #4a3500; background: transparent; border: none; }"
)


def _selectable(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _big_button(text: str, tooltip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.setMinimumHeight(button.sizeHint().height() + 12)
    button.setMinimumWidth(button.sizeHint().width() + 32)
    return button


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class BackupPageLayout(QWidget):
    """Title, warning banner, database, then either the server commands or the backup sections."""

    def __init__(
        self,
        cc: CareCenter,
        *,
        server: bool,
        folder: Path | None,
        can_backup: bool,
        can_restore: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backup_button: QPushButton | None = None
        self.restore_button: QPushButton | None = None
        self.second_button: QPushButton | None = None
        self.banner_button: QPushButton | None = None
        self.open_folder_button: QPushButton | None = None
        self.server_text: QPlainTextEdit | None = None
        self.copy_button: QPushButton | None = None
        self.result_label = _selectable(QLabel())
        self.result_label.setObjectName("result")
        result_font = QFont(self.font())
        result_font.setPointSizeF(result_font.pointSizeF() * 1.15)
        self.result_label.setFont(result_font)
        self.result_label.hide()
        self.daily_label = _selectable(QLabel())
        self.second_label = _selectable(QLabel())
        self.table = BackupTable()

        self._folder = folder
        self.title = QLabel(_("Backup and restore"))
        bold(self.title, 1.4)
        outer = QVBoxLayout(self)  # title and banner stay in view; the rest scrolls on small screens
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(12)
        outer.addWidget(self.title)
        outer.addWidget(self._banner(can_restore))
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        layout.addWidget(self._database_box(cc))
        if server:
            layout.addWidget(self._server_box(cc))
        elif folder is None:  # SQLite in memory (tests, experiments)
            layout.addWidget(_muted(_("An in-memory database has no file to back up or restore.")))
        else:
            layout.addWidget(self._actions_box(can_backup, can_restore))
            layout.addWidget(self._daily_box(can_restore))
            layout.addWidget(self._list_box(), 1)
            return
        layout.addStretch(1)

    def _banner(self, can_restore: bool) -> QFrame:
        self.banner = QFrame()
        self.banner.setObjectName("warningBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(16, 12, 16, 12)
        self.banner_label = _selectable(QLabel())
        bold(self.banner_label, 1.2)
        row.addWidget(self.banner_label, 1)
        if can_restore:
            self.banner_button = _big_button(
                _("Choose the second place…"), _("A folder on a USB drive or network share for a second copy")
            )
            row.addWidget(self.banner_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.banner.hide()
        return self.banner

    def _database_box(self, cc: CareCenter) -> QGroupBox:
        box = QGroupBox(_("Database"))
        box.setStyleSheet("QGroupBox { font-weight: bold; }")  # the title only: QSS does not cascade
        form = QFormLayout(box)
        self.database_label = _selectable(QLabel(cc.describe()))
        self.database_label.setObjectName("databaseLabel")
        form.addRow(_("In use"), self.database_label)
        return box

    def _server_box(self, cc: CareCenter) -> QGroupBox:
        box = QGroupBox(_("Backups on the server"))
        box.setStyleSheet("QGroupBox { font-weight: bold; }")
        column = QVBoxLayout(box)
        column.addWidget(
            _muted(
                _(
                    "This database is on a PostgreSQL server. The server's own tools back it up and restore it; "
                    "ask whoever looks after the server to back it up every day, or run these commands on a PC "
                    "with the PostgreSQL client tools:"
                )
            )
        )
        dump = f"carecenter-{cc.clock.today():%Y%m%d}.dump"
        lines = [
            _("# Back up:"),
            backups.server_command(cc.url, "backup", dump),
            "",
            _("# Restore (replaces the data on the server):"),
            backups.server_command(cc.url, "restore", dump),
        ]
        self.server_text = QPlainTextEdit("\n".join(lines))
        self.server_text.setObjectName("serverCommands")
        self.server_text.setReadOnly(True)
        self.server_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.server_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.server_text.setMinimumHeight(self.fontMetrics().height() * 8)
        column.addWidget(self.server_text)
        if cc.url.password:
            column.addWidget(_muted(_("(the password is shown as ***; type it when asked, or set PGPASSWORD)")))
        self.copy_button = _big_button(_("Copy the commands"), _("Copy both commands to the clipboard"))
        self.copy_button.clicked.connect(self._copy_commands)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    def _copy_commands(self) -> None:
        if self.server_text is not None:
            QGuiApplication.clipboard().setText(self.server_text.toPlainText())

    def _actions_box(self, can_backup: bool, can_restore: bool) -> QGroupBox:
        box = QGroupBox(_("Back up and restore"))
        box.setStyleSheet("QGroupBox { font-weight: bold; }")
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        if can_backup:
            self.backup_button = _big_button(
                _("Back up now…"), _("Save a checked copy of the whole database, e.g. before a big change")
            )
            row.addWidget(self.backup_button)
        if can_restore:
            self.restore_button = _big_button(
                _("Restore from a backup…"), _("Replace the database by a backup; the current one is kept first")
            )
            row.addWidget(self.restore_button)
        row.addStretch(1)
        column.addLayout(row)
        if not can_backup:
            column.addWidget(
                _muted(_("Backups are made by an administrator or a social worker, and restored by an administrator."))
            )
        elif not can_restore:
            column.addWidget(_muted(_("Only an administrator can restore a backup or change the second backup place.")))
        column.addWidget(self.result_label)
        return box

    def _daily_box(self, can_restore: bool) -> QGroupBox:
        box = QGroupBox(_("Automatic daily backup"))
        box.setStyleSheet("QGroupBox { font-weight: bold; }")
        form = QFormLayout(box)
        form.addRow(
            _muted(
                _(
                    "Made at the first start of each day; the last 14 days and 12 months are kept. "
                    "When the second place is reachable (USB drive plugged in, network folder connected), "
                    "a copy goes there too."
                )
            )
        )
        form.addRow(_("Daily backup"), self.daily_label)
        second = QHBoxLayout()
        second.addWidget(self.second_label, 1)
        if can_restore:
            self.second_button = QPushButton(_("Choose folder…"))
            self.second_button.setToolTip(_("A folder on a USB drive or network share, for a copy away from this disk"))
            second.addWidget(self.second_button)
        form.addRow(_("Second backup place"), second)
        return box

    def _list_box(self) -> QGroupBox:
        box = QGroupBox(_("Backups on this PC"))
        box.setStyleSheet("QGroupBox { font-weight: bold; }")
        column = QVBoxLayout(box)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 5)
        column.addWidget(self.table, 1)
        self.open_folder_button = QPushButton(_("Open the backups folder"))
        self.open_folder_button.clicked.connect(self._open_folder)
        row = QHBoxLayout()
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    def _open_folder(self) -> None:
        if self._folder is not None:
            self._folder.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))

    def _show_result(self, text: str, ok: bool | None) -> None:
        """The outcome of the last backup or restore under the buttons: green done, red refused, grey neutral."""
        color = MUTED_COLOR if ok is None else INFO_COLOR if ok else ERROR_COLOR
        self.result_label.setStyleSheet(f"color: {color};")
        self.result_label.setText(text)
        self.result_label.setVisible(bool(text))
