"""设置: this PC's language, and which database the app is working on (and, for administrators, choosing another).

Shown as a page of the main window's sidebar (the file keeps the name the
project plan gave it). The language is saved to this PC's settings at once and
takes effect when the app starts again; the page says so and offers to restart
now (``restart_requested``; the app rebuilds its window in the new language).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
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
from carecenter.db.choice import Source
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui import settings_store
from ui.dialogs.database_box import DatabaseBox
from ui.dialogs.service_catalogue_dialog import CatalogueSettingsBox
from ui.dialogs.subsidy_policy_box import SubsidyPolicyBox
from ui.widgets.print_font_box import PrintFontBox
from ui.widgets.print_privacy_box import PrintPrivacyBox


class SettingsPanel(QWidget):
    """Language choice (saved immediately), how printouts show ID numbers (per center, admin only),
    and the database in use with where that choice came from (administrators may choose another)."""

    restart_requested = Signal()

    def __init__(
        self,
        cc: CareCenter,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
        database_source: Source | None = None,
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

        # 数据库: in use, chosen by (命令行/环境变量/本机设置/默认); administrators choose another.
        self.database_box = DatabaseBox(cc, settings_path, actor, database_source)
        self.database_box.restart_requested.connect(self.restart_requested)
        self.database_label = self.database_box.database_label

        settings_file = QLabel(
            _("These settings are kept on this PC in {path}.").format(path=self._path or settings_store.default_path())
        )
        settings_file.setWordWrap(True)
        settings_file.setStyleSheet("color: #555;")

        language_box.setStyleSheet("QGroupBox { font-weight: bold; }")  # the title only: QSS does not cascade
        # The page scrolls: with the administrator's boxes (services, subsidy policy) it outgrows a laptop screen.
        content = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self._scroll = scroll
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
        layout.addWidget(self.database_box)
        layout.addWidget(settings_file)
        layout.addStretch(1)
        self._show_language_note()

    def scroll_to(self, box: QWidget) -> None:
        """Bring one of the page's boxes into view (the page is taller than a laptop screen)."""
        self._scroll.ensureWidgetVisible(box, 0, 0)

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

    def wait(self) -> None:
        """Work still running off the UI thread (a connection test) ends first: the window is closing."""
        self.database_box.wait()
