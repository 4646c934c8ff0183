"""The main window: a sidebar of the areas that exist, the current center, the database in use.

Everything it shows comes in through the constructor (the ``CareCenter``, the
acting staff member, the clock); nothing is reached through globals. Areas are
listed only once they exist, so there is never a button that does nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.centers import CenterInfo
from carecenter.clock import Clock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui import settings_store
from ui.dialogs.settings_dialog import SettingsPanel
from ui.pages.seniors_page import SeniorsPage

ALL_CENTERS = -1  # the selector's value for 全部站点


class MainWindow(QMainWindow):
    """The app's one window. ``restart_requested`` asks the app to rebuild it (new language)."""

    restart_requested = Signal()

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        clock: Clock | None = None,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.cc = cc
        self.actor = actor
        self.clock = clock or cc.clock
        self._settings_path = settings_path
        self._centers: list[CenterInfo] = cc.centers.list()

        self.center_combo = QComboBox()
        self.center_combo.setMinimumWidth(280)
        self.center_combo.setToolTip(_("Lists show the seniors of this center"))
        self.center_title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        self.center_title.setFont(title_font)
        initial = self._initial_center()

        self.seniors_page = SeniorsPage(cc, actor, center_id=initial)
        self.settings_page = SettingsPanel(cc, settings_path)
        self.settings_page.restart_requested.connect(self.restart_requested)

        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        nav_font = QFont(self.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setSpacing(2)
        for title, page in ((_("Seniors"), self.seniors_page), (_("Settings"), self.settings_page)):
            self.pages.addWidget(page)
            item = QListWidgetItem(title)
            item.setSizeHint(QSize(0, int(self.nav.fontMetrics().height() * 2.4)))
            self.nav.addItem(item)
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 48))
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: #eef2f6; border: none; padding-top: 8px; }"
            "QListWidget#navigation::item { padding-left: 18px; }"
            "QListWidget#navigation::item:selected { background: #1d5f99; color: white; }"
        )
        self.nav.currentRowChanged.connect(self._show_page)

        self._build_header(initial)
        self._build_body()
        self.database_label = QLabel(_("Database: {db}").format(db=cc.describe()))
        self.database_label.setObjectName("statusDatabase")
        self.statusBar().addPermanentWidget(self.database_label)
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)
        self._update_title()

    # ---- building ----------------------------------------------------------------------

    def _build_header(self, initial: int | None) -> None:
        self.center_combo.blockSignals(True)
        if len(self._centers) > 1:
            self.center_combo.addItem(_("All centers"), ALL_CENTERS)
        for center in self._centers:
            self.center_combo.addItem(f"{center.name}（{center.code}）", center.id)
        wanted = ALL_CENTERS if initial is None else initial
        self.center_combo.setCurrentIndex(max(0, self.center_combo.findData(wanted)))
        self.center_combo.blockSignals(False)
        self.center_combo.currentIndexChanged.connect(self._on_center_chosen)
        self.center_label = QLabel(_("Center:"))
        several = len(self._centers) > 1
        self.center_combo.setVisible(several)
        self.center_label.setVisible(several)

    def _build_body(self) -> None:
        header = QWidget()
        header.setObjectName("header")
        header.setStyleSheet("QWidget#header { border-bottom: 1px solid #d0d7de; }")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 8, 16, 8)
        row.addWidget(self.center_title, 1)
        row.addWidget(self.center_label)
        row.addWidget(self.center_combo)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addWidget(self.pages, 1)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(body)

    # ---- centers -----------------------------------------------------------------------

    def _initial_center(self) -> int | None:
        """The center used last on this PC, else the only one, else all centers."""
        code = settings_store.load(self._settings_path).last_center_code.upper()
        for center in self._centers:
            if code and center.code.upper() == code:
                return center.id
        return self._centers[0].id if len(self._centers) == 1 else None

    def current_center(self) -> CenterInfo | None:
        """The center lists are filtered by (None: all centers)."""
        center_id = self.seniors_page.center_id()
        return next((c for c in self._centers if c.id == center_id), None)

    def select_center(self, center_id: int | None) -> None:
        index = self.center_combo.findData(ALL_CENTERS if center_id is None else center_id)
        if index >= 0:
            self.center_combo.setCurrentIndex(index)

    def _on_center_chosen(self, _index: int) -> None:
        value = self.center_combo.currentData()
        center_id = None if value == ALL_CENTERS or not isinstance(value, int) else value
        self.seniors_page.set_center(center_id)
        center = self.current_center()
        settings = settings_store.load(self._settings_path)
        settings_store.save(settings.with_center(center.code if center else ""), self._settings_path)
        self._update_title()

    def _update_title(self) -> None:
        center = self.current_center()
        name = center.name if center is not None else _("All centers")
        self.center_title.setText(name)
        self.setWindowTitle(_("CareCenter · {center}").format(center=name))

    # ---- navigation --------------------------------------------------------------------

    def area_titles(self) -> list[str]:
        """The sidebar's entries, top to bottom."""
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_area(self, title: str) -> None:
        titles = self.area_titles()
        if title in titles:
            self.nav.setCurrentRow(titles.index(title))

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        if page is self.seniors_page:
            self.seniors_page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
