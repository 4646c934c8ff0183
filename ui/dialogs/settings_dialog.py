"""设置: this PC's language, and which database the app is working on.

Shown as a page of the main window's sidebar (the file keeps the name the
project plan gave it). The language is saved to this PC's settings at once and
takes effect when the app starts again; the page says so and offers to restart
now (``restart_requested``; the app rebuilds its window in the new language).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter import i18n
from carecenter.actor import Actor
from carecenter.db.engine import ENV_VAR
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui import settings_store
from ui.dialogs.service_catalogue_dialog import CatalogueSettingsBox
from ui.dialogs.subsidy_policy_box import SubsidyPolicyBox
from ui.widgets.print_font_box import PrintFontBox
from ui.widgets.print_privacy_box import PrintPrivacyBox


class SettingsPanel(QWidget):
    """Language choice (saved immediately), how printouts show ID numbers (per center, admin only),
    and the database in use (read-only)."""

    restart_requested = Signal()

    def __init__(
        self,
        cc: CareCenter,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._path = settings_path
        self._running_language = i18n.current_language()

        title = QLabel(_("Settings"))
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        title.setFont(title_font)

        self.language_combo = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        saved = settings_store.load(self._path).language
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(saved)))
        self.language_combo.setMinimumWidth(220)
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.language_note = QLabel()
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.restart_button = QPushButton(_("Restart now"))
        self.restart_button.clicked.connect(self.restart_requested)
        self.restart_button.hide()

        language_box = QGroupBox(_("Language"))
        language_form = QFormLayout(language_box)
        row = QHBoxLayout()
        row.addWidget(self.language_combo)
        row.addWidget(self.restart_button)
        row.addStretch(1)
        language_form.addRow(_("Interface language"), row)
        language_form.addRow("", self.language_note)

        self.database_label = QLabel(cc.describe())
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database_label.setWordWrap(True)
        how = QLabel(
            _("To work on another database, start CareCenter with --db FILE_OR_URL or set {env}.").format(env=ENV_VAR)
        )
        how.setWordWrap(True)
        how.setStyleSheet("color: #555;")
        database_box = QGroupBox(_("Database"))
        database_form = QFormLayout(database_box)
        database_form.addRow(_("In use"), self.database_label)
        backup = cc.migration.backup if cc.migration is not None else None
        if backup is not None:
            backup_label = QLabel(str(backup))
            backup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            backup_label.setWordWrap(True)
            database_form.addRow(_("Backup before the last upgrade"), backup_label)
        database_form.addRow("", how)

        settings_file = QLabel(
            _("These settings are kept on this PC in {path}.").format(path=self._path or settings_store.default_path())
        )
        settings_file.setWordWrap(True)
        settings_file.setStyleSheet("color: #555;")

        for box in (language_box, database_box):
            box.setStyleSheet("QGroupBox { font-weight: bold; }")  # the title only: QSS does not cascade
        # The page scrolls: with the administrator's boxes (services, subsidy policy) it outgrows a laptop screen.
        content = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(language_box)
        self.print_box = PrintPrivacyBox(cc, actor) if actor is not None else None
        if self.print_box is not None:
            layout.addWidget(self.print_box)
        self.font_box = PrintFontBox(cc.reports, self._path)  # 打印字体: per PC, for everyone
        layout.addWidget(self.font_box)
        # 服务项目: the administrator edits the catalogue care plans choose from
        self.catalogue_box = (
            CatalogueSettingsBox(cc, actor)
            if actor is not None and allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
            else None
        )
        if self.catalogue_box is not None:
            layout.addWidget(self.catalogue_box)
        # 补贴政策: the administrator's subsidy rules, their versions and the meal prices
        self.policy_box = (
            SubsidyPolicyBox(cc, actor) if actor is not None and allowed(actor, Permission.SUBSIDY_POLICY) else None
        )
        if self.policy_box is not None:
            layout.addWidget(self.policy_box)
        layout.addWidget(database_box)
        layout.addWidget(settings_file)
        layout.addStretch(1)
        self._show_language_note()

    def chosen_language(self) -> str:
        code = self.language_combo.currentData()
        return code if isinstance(code, str) else i18n.DEFAULT_LANGUAGE

    def _on_language_chosen(self, _index: int) -> None:
        settings_store.save(settings_store.load(self._path).with_language(self.chosen_language()), self._path)
        self._show_language_note()

    def _show_language_note(self) -> None:
        pending = self.chosen_language() != self._running_language
        if pending:
            name = i18n.LANGUAGES[self.chosen_language()]
            self.language_note.setText(
                _("Saved. CareCenter will use {language} from its next start.").format(language=name)
            )
        else:
            self.language_note.setText(_("A new language takes effect when CareCenter starts again."))
        self.restart_button.setVisible(pending)
