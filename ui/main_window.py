"""The main window: a sidebar of the areas that exist, the current center, the database in use.

Everything it shows comes in through the constructor (the ``CareCenter``, the
acting staff member, the clock); nothing is reached through globals. Areas are
listed only once they exist, so there is never a button that does nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.centers import CenterInfo
from carecenter.clock import Clock
from carecenter.db.choice import Source
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui import printing, settings_store
from ui.change_watcher import DEFAULT_INTERVAL_MS, ChangeWatcher
from ui.dialogs.password_dialog import PasswordDialog
from ui.dialogs.settings_dialog import SettingsPanel
from ui.pages.activities_page import ActivitiesPage
from ui.pages.audit_page import AuditPage
from ui.pages.backup_page import BackupPage
from ui.pages.birthdays_page import BirthdaysPage
from ui.pages.calls_page import CallsPage
from ui.pages.daycare_page import DaycarePage
from ui.pages.due_page import DuePage
from ui.pages.meals_page import MealsPage
from ui.pages.quality_page import QualityPage
from ui.pages.report_page import ReportPage
from ui.pages.seniors_page import SeniorsPage
from ui.pages.staff_page import StaffPage
from ui.pages.subsidies_page import SubsidiesPage
from ui.pages.today_page import TodayPage
from ui.pages.visits_page import VisitsPage
from ui.widgets.view_place import refresh_keeping_place

ALL_CENTERS = -1  # the selector's value for 全部站点


class MainWindow(QMainWindow):
    """The app's one window. ``restart_requested`` asks the app to rebuild it (new language);
    ``logout_requested`` asks it to close the window and ask for a login again.

    The sidebar lists only the areas the actor's role may use (the core refuses the rest
    anyway). The daily backup runs once the window first shows, whoever logged in.
    """

    restart_requested = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        clock: Clock | None = None,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
        *,
        database_source: Source | None = None,
        change_poll_ms: int = DEFAULT_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.cc = cc
        self.actor = actor
        self.clock = clock or cc.clock
        self._settings_path = settings_path
        self._centers: list[CenterInfo] = cc.centers.list()
        # This PC's print font; a saved font gone missing is said when printing, never stops the app.
        printing.apply_saved_font(cc.reports, settings_store.load(settings_path).report_font)

        self.center_combo = QComboBox()
        self.center_combo.setMinimumWidth(280)
        self.center_combo.setToolTip(_("Lists show the seniors of this center"))
        self.center_title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        self.center_title.setFont(title_font)
        initial = self._initial_center()

        # 今日 comes first: the app opens on the desk's day at a glance.
        self.today_page = TodayPage(cc, actor, center_id=initial, clock=self.clock)
        self.seniors_page = SeniorsPage(cc, actor, center_id=initial)
        self.quality_page = QualityPage(cc, actor, center_id=initial)
        self.subsidies_page = (
            SubsidiesPage(cc, actor, center_id=initial, clock=self.clock) if SubsidiesPage.available_to(actor) else None
        )
        # 月度报表 for those who send it to 民政 (social workers, admins).
        self.report_page = (
            ReportPage(cc, actor, center_id=initial, clock=self.clock) if ReportPage.available_to(actor) else None
        )
        # 待办 for social workers and admins; its entry carries a badge: what is due today or overdue.
        self.due_page = DuePage(cc, actor, center_id=initial) if DuePage.available_to(actor) else None
        if self.due_page is not None:
            self.due_page.count_changed.connect(self._show_due_count)
        self.birthdays_page = BirthdaysPage(cc, actor, center_id=initial, clock=self.clock)
        self.daycare_page = DaycarePage(cc, actor, center_id=initial, clock=self.clock)
        self.meals_page = MealsPage(cc, actor, center_id=initial, clock=self.clock)
        self.visits_page = VisitsPage(cc, actor, center_id=initial, clock=self.clock)
        self.calls_page = CallsPage(cc, actor, center_id=initial, clock=self.clock)
        self.activities_page = ActivitiesPage(cc, actor, center_id=initial, clock=self.clock)
        self.activities_page.open_party.connect(self._open_party)
        admin = allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        self.staff_page = StaffPage(cc, actor) if admin else None
        self.audit_page = AuditPage(cc, actor) if admin else None
        # Made for every role, because the daily backup runs at every first start of a day;
        # listed only for those who may make backups.
        self.backup_page = BackupPage(cc, actor, settings_path)
        self.backup_page.warning_changed.connect(self._show_backup_warning)
        self.backup_page.warning_changed.connect(self.today_page.set_backup_warning)
        self.backup_page.database_replaced.connect(self._after_restore)
        self.settings_page = SettingsPanel(cc, settings_path, actor=actor, database_source=database_source)
        self.settings_page.restart_requested.connect(self.restart_requested)
        self._daily_backup_started = False

        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        nav_font = QFont(self.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setSpacing(2)
        areas: list[tuple[str, QWidget | None]] = [
            (_("Today"), self.today_page),
            (_("Day care"), self.daycare_page),
            (_("Meals"), self.meals_page),
            (_("Home visits"), self.visits_page),
            (_("Calls"), self.calls_page),
            (_("Activities"), self.activities_page),
            (_("Seniors"), self.seniors_page),
            (_("To do"), self.due_page),
            (_("Birthday parties"), self.birthdays_page),
            (_("Data quality"), self.quality_page),
            (_("Subsidies"), self.subsidies_page),
            (_("Monthly reports"), self.report_page),
            (_("Staff and accounts"), self.staff_page),
            (_("Audit trail"), self.audit_page),
            (_("Backup and restore"), self.backup_page if BackupPage.available_to(actor) else None),
            (_("Settings"), self.settings_page),
        ]
        for title, page in areas:
            if page is None:
                continue
            self.pages.addWidget(page)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, title)  # the title without a badge, for show_area
            item.setSizeHint(QSize(0, int(self.nav.fontMetrics().height() * 1.6)))  # 16 areas fit in 800 px
            self.nav.addItem(item)
        badge_room = self.nav.fontMetrics().horizontalAdvance(_("To do ({n})").format(n=9999)) + 60
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 48, badge_room))
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: #eef2f6; border: none; padding-top: 8px; }"
            "QListWidget#navigation::item { padding-left: 18px; }"
            "QListWidget#navigation::item:selected { background: #1d5f99; color: white; }"
        )
        self.nav.currentRowChanged.connect(self._show_page)
        self.today_page.open_area.connect(self.show_area)

        self._build_header(initial)
        self._build_body()
        self.database_label = QLabel(_("Database: {db}").format(db=cc.describe()))
        self.database_label.setObjectName("statusDatabase")
        self.statusBar().addPermanentWidget(self.database_label)
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)
        self._update_title()
        # Other desks write to the same database: the page in view follows (polled from the first show on).
        self.change_watcher = ChangeWatcher(cc.changes.stamp, self, change_poll_ms)
        self.change_watcher.changed.connect(self.show_changes)
        self.change_watcher.mark_seen()

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
        self.user_label = QLabel(
            _("{user} ({role})").format(user=self._staff_name() or self.actor.username, role=self.actor.role.label)
        )
        self.user_label.setObjectName("currentUser")
        # The command line's operating-system user has no password of its own to change.
        self.password_button = QPushButton(_("Change password")) if self.actor.staff_id is not None else None
        if self.password_button is not None:
            self.password_button.clicked.connect(self.change_password)
        self.logout_button = QPushButton(_("Log out"))
        self.logout_button.clicked.connect(self.logout_requested)

    def _build_body(self) -> None:
        header = QWidget()
        header.setObjectName("header")
        header.setStyleSheet("QWidget#header { border-bottom: 1px solid #d0d7de; }")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 8, 16, 8)
        row.addWidget(self.center_title, 1)
        row.addWidget(self.center_label)
        row.addWidget(self.center_combo)
        row.addSpacing(24)
        row.addWidget(self.user_label)
        if self.password_button is not None:
            row.addWidget(self.password_button)
        row.addWidget(self.logout_button)

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
        self.today_page.set_center(center_id)
        self.quality_page.set_center(center_id)
        if self.subsidies_page is not None:
            self.subsidies_page.set_center(center_id)  # a shown page computes the center's month again
        if self.report_page is not None:
            self.report_page.set_center(center_id)  # the report follows the chosen center (its own chooser too)
        self.birthdays_page.set_center(center_id)
        self.daycare_page.set_center(center_id)
        self.meals_page.set_center(center_id)
        self.visits_page.set_center(center_id)
        self.calls_page.set_center(center_id)
        self.activities_page.set_center(center_id)
        if self.due_page is not None:
            self.due_page.set_center(center_id)  # a shown page reads again and counts itself
            if not self.due_page.isVisible():
                self.refresh_due_count()
        center = self.current_center()
        settings = settings_store.load(self._settings_path)
        settings_store.save(settings.with_center(center.code if center else ""), self._settings_path)
        self._update_title()

    def _update_title(self) -> None:
        center = self.current_center()
        name = center.name if center is not None else _("All centers")
        self.center_title.setText(name)
        self.setWindowTitle(_("CareCenter · {center}").format(center=name))

    # ---- the person at the desk ----------------------------------------------------------

    def _staff_name(self) -> str:
        if self.actor.staff_id is None:
            return ""
        return next((s.name for s in self.cc.staff.list() if s.id == self.actor.staff_id), "")

    def change_password(self) -> None:
        dialog = PasswordDialog(self.cc, self.actor, self)
        dialog.exec()
        dialog.deleteLater()

    # ---- backups -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._daily_backup_started:
            self._daily_backup_started = True
            self.change_watcher.start()
            QTimer.singleShot(0, self.backup_page, self.backup_page.start_daily_backup)
            if self.due_page is not None:
                QTimer.singleShot(0, self, self.refresh_due_count)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A backup still copying is finished first: the window (and its pages) must outlive the worker."""
        task = self.backup_page.task
        if task is not None and task.is_running():
            task.wait()
        if self.subsidies_page is not None:
            self.subsidies_page.wait()  # a month being computed or exported
        if self.report_page is not None:
            self.report_page.wait()  # a monthly report being computed
        self.today_page.wait()  # the day's numbers being counted
        self.daycare_page.wait()  # a month of attendance being counted
        self.meals_page.wait()  # a month of meals being added up
        self.change_watcher.stop()
        self.change_watcher.wait()  # a change stamp being read
        self.settings_page.wait()  # a connection being tested
        super().closeEvent(event)

    def _show_backup_warning(self, text: str) -> None:
        """Only those who can fix it (choose the second backup place) are told; the page always shows it."""
        if text and BackupPage.available_to(self.actor):
            self.statusBar().showMessage(text)
        elif not text:
            self.statusBar().clearMessage()

    def _after_restore(self) -> None:
        """Another database is in place: everything shown must be read again."""
        self.seniors_page.refresh()
        if self.today_page.isVisible():
            self.today_page.refresh()
        if self.quality_page.isVisible():
            self.quality_page.refresh()
        if self.subsidies_page is not None and self.subsidies_page.isVisible():
            self.subsidies_page.refresh()
        if self.report_page is not None and self.report_page.isVisible():
            self.report_page.refresh()
        self.birthdays_page.refresh()
        if self.daycare_page.isVisible():
            self.daycare_page.refresh()
        if self.meals_page.isVisible():
            self.meals_page.refresh()
        if self.visits_page.isVisible():
            self.visits_page.refresh()
        for desk_page in (self.calls_page, self.activities_page):
            if desk_page.isVisible():
                desk_page.refresh()
        self.refresh_due_count()
        for page in (self.staff_page, self.audit_page):
            if page is not None:
                page.refresh()

    # ---- other desks' changes -------------------------------------------------------------

    def _live_pages(self) -> tuple[QWidget, ...]:
        """Pages that read again when another desk changed the database (not the month computations,
        the backups or the settings: those are read when asked for)."""
        pages = (
            self.today_page,
            self.daycare_page,
            self.meals_page,
            self.visits_page,
            self.calls_page,
            self.activities_page,
            self.seniors_page,
            self.due_page,
            self.birthdays_page,
            self.quality_page,
            self.staff_page,
            self.audit_page,
        )
        return tuple(p for p in pages if p is not None)

    def show_changes(self) -> None:
        """The database changed (``change_watcher``): the page in view reads again where the user is in it."""
        page = self.pages.currentWidget()
        if page in self._live_pages():
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh_keeping_place(page, refresh)
        if page is not self.due_page:
            self.refresh_due_count()  # the sidebar's 待办 badge

    # ---- navigation --------------------------------------------------------------------

    def area_titles(self) -> list[str]:
        """The sidebar's entries, top to bottom."""
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_area(self, title: str) -> None:
        """Show the area named ``title`` (with or without its badge)."""
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if title in (item.text(), item.data(Qt.ItemDataRole.UserRole)):
                self.nav.setCurrentRow(row)
                return

    def _open_party(self, month: dt.date) -> None:
        """活动 › 打开生日会: the 生日会 page on that month (where the party's guests who came are recorded)."""
        self.birthdays_page.set_month(month)
        self.show_area(_("Birthday parties"))

    # ---- the 待办 badge ------------------------------------------------------------------

    def refresh_due_count(self) -> None:
        """Count again what is due today or overdue (the page, when shown, does this itself)."""
        if self.due_page is None:
            return
        if self.due_page.isVisible():
            self.due_page.refresh()
            return
        with contextlib.suppress(CareCenterError):  # a busy database: the badge keeps its last number
            self._show_due_count(self.cc.due.count(self.actor, self.due_page.center_id()))

    def _show_due_count(self, n: int) -> None:
        if self.due_page is None:
            return
        item = self.nav.item(self.pages.indexOf(self.due_page))
        title = str(item.data(Qt.ItemDataRole.UserRole))
        item.setText(_("To do ({n})").format(n=n) if n else title)
        item.setToolTip(_("{n} items due today or overdue").format(n=n) if n else "")

    def due_count_text(self) -> str:
        """What the 待办 entry of the sidebar reads ('' when the role has no such entry)."""
        return self.nav.item(self.pages.indexOf(self.due_page)).text() if self.due_page is not None else ""

    def _desk_pages(self) -> tuple[QWidget, ...]:
        """Pages whose focus proxy (search line or first tile) takes the keyboard when they are shown."""
        # 助餐 focuses its shown tab itself.
        return (self.today_page, self.daycare_page, self.visits_page, self.calls_page, self.activities_page)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        if page is not self.due_page and self.isVisible():
            self.refresh_due_count()  # the page just left may have changed what is due
        if page is self.seniors_page:
            self.seniors_page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page in self._desk_pages():
            page.setFocus(Qt.FocusReason.OtherFocusReason)  # the page's search line (its focus proxy): type at once
