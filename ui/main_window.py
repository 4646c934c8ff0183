"""The main window: a sidebar of the areas that exist, the current center, the database in use.

Everything it shows comes in through the constructor (the ``CareCenter``, the
acting staff member, the clock); nothing is reached through globals. Areas are
listed only once they exist, so there is never a button that does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Generic, Protocol, TypeVar, cast, overload, runtime_checkable

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
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui import printing, settings_store
from ui.change_watcher import DEFAULT_INTERVAL_MS, ChangeWatcher
from ui.dialogs.password_dialog import PasswordDialog
from ui.dialogs.settings_dialog import SettingsPanel
from ui.latest_read import LatestRead
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
P = TypeVar("P", bound=QWidget)


@runtime_checkable
class _Centered(Protocol):
    """A page that lists one center's records (or every center's)."""

    def set_center(self, center_id: int | None) -> None: ...


@runtime_checkable
class _Waiting(Protocol):
    """A page with work of its own off the UI thread, finished before the window goes."""

    def wait(self) -> None: ...


class _Page(Generic[P]):
    """A page of the window, built the first time anything asks for it (the sidebar, a test, a link)."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, window: None, owner: type[MainWindow]) -> _Page[P]: ...
    @overload
    def __get__(self, window: MainWindow, owner: type[MainWindow]) -> P: ...
    def __get__(self, window: MainWindow | None, owner: type[MainWindow]) -> _Page[P] | P:
        if window is None:
            return self
        page = window.page(self.name)
        assert page is not None, self.name  # listed for every role
        return cast(P, page)


class _RolePage(Generic[P]):
    """A page only some roles have: None for the others."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, window: None, owner: type[MainWindow]) -> _RolePage[P]: ...
    @overload
    def __get__(self, window: MainWindow, owner: type[MainWindow]) -> P | None: ...
    def __get__(self, window: MainWindow | None, owner: type[MainWindow]) -> _RolePage[P] | P | None:
        if window is None:
            return self
        return cast(P | None, window.page(self.name))


class MainWindow(QMainWindow):
    """The app's one window. ``restart_requested`` asks the app to rebuild it (new language);
    ``logout_requested`` asks it to close the window and ask for a login again.

    The sidebar lists only the areas the actor's role may use (the core refuses the rest
    anyway). The daily backup runs once the window first shows, whoever logged in.
    """

    restart_requested = Signal()
    logout_requested = Signal()

    daycare_page = _Page[DaycarePage]("daycare")
    meals_page = _Page[MealsPage]("meals")
    visits_page = _Page[VisitsPage]("visits")
    calls_page = _Page[CallsPage]("calls")
    activities_page = _Page[ActivitiesPage]("activities")
    seniors_page = _Page[SeniorsPage]("seniors")
    due_page = _RolePage[DuePage]("due")
    birthdays_page = _Page[BirthdaysPage]("birthdays")
    quality_page = _Page[QualityPage]("quality")
    subsidies_page = _RolePage[SubsidiesPage]("subsidies")
    report_page = _RolePage[ReportPage]("report")
    staff_page = _RolePage[StaffPage]("staff")
    audit_page = _RolePage[AuditPage]("audit")
    settings_page = _Page[SettingsPanel]("settings")

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
        self._database_source = database_source
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

        self._center_id = initial
        self._built: dict[str, QWidget] = {}
        # 今日 comes first: the app opens on the desk's day at a glance. It and 备份 (the daily
        # backup runs at every first start of a day, for every role) are built now; every other
        # page when first opened, so the window is there at once even on a district's database.
        self.today_page = TodayPage(cc, actor, center_id=initial, clock=self.clock)
        self.backup_page = BackupPage(cc, actor, settings_path)
        self.backup_page.warning_changed.connect(self._show_backup_warning)
        self.backup_page.warning_changed.connect(self.today_page.set_backup_warning)
        self.backup_page.database_replaced.connect(self._after_restore)
        self._built |= {"today": self.today_page, "backup": self.backup_page}
        self._daily_backup_started = False
        self._due_reader = LatestRead(self)
        self._due_reader.loaded.connect(self._due_counted)

        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        nav_font = QFont(self.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setSpacing(2)
        self._rows: dict[str, int] = {}
        self._placeholders: dict[str, QWidget] = {}
        for name, title in self._areas():
            self._rows[name] = self.nav.count()
            page = self._built.get(name)
            if page is None:
                page = self._placeholders[name] = QWidget()
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

    def _areas(self) -> list[tuple[str, str]]:
        """The sidebar's areas this role has, top to bottom: (page name, title)."""
        actor = self.actor
        admin = allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        areas = [
            ("today", _("Today"), True),
            ("daycare", _("Day care"), True),
            ("meals", _("Meals"), True),
            ("visits", _("Home visits"), True),
            ("calls", _("Calls"), True),
            ("activities", _("Activities"), True),
            ("seniors", _("Seniors"), True),
            # 待办 for social workers and admins; its entry carries a badge: what is due today or overdue.
            ("due", _("To do"), DuePage.available_to(actor)),
            ("birthdays", _("Birthday parties"), True),
            ("quality", _("Data quality"), True),
            ("subsidies", _("Subsidies"), SubsidiesPage.available_to(actor)),
            # 月度报表 for those who send it to 民政 (social workers, admins).
            ("report", _("Monthly reports"), ReportPage.available_to(actor)),
            ("staff", _("Staff and accounts"), admin),
            ("audit", _("Audit trail"), admin),
            # Built for every role (the daily backup), listed only for those who may make backups.
            ("backup", _("Backup and restore"), BackupPage.available_to(actor)),
            ("settings", _("Settings"), True),
        ]
        return [(name, title) for name, title, listed in areas if listed]

    def page(self, name: str) -> QWidget | None:
        """The page of area ``name``, built now if it was not yet (None: this role has no such area)."""
        built = self._built.get(name)
        if built is not None:
            return built
        placeholder = self._placeholders.pop(name, None)
        if placeholder is None:
            return None
        page = self._builders()[name]()
        self._built[name] = page
        index = self.pages.indexOf(placeholder)
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        return page

    def built_pages(self) -> list[QWidget]:
        """The pages opened so far (the others have nothing to refresh, wait for or tell)."""
        return list(self._built.values())

    def _built_page(self, name: str) -> QWidget | None:
        return self._built.get(name)

    def _builders(self) -> dict[str, Callable[[], QWidget]]:
        cc, actor, clock = self.cc, self.actor, self.clock
        center = self._center_id  # a page opened later lists the center chosen by then

        def due() -> QWidget:
            page = DuePage(cc, actor, center_id=center)
            page.count_changed.connect(self._show_due_count)
            return page

        def activities() -> QWidget:
            page = ActivitiesPage(cc, actor, center_id=center, clock=clock)
            page.open_party.connect(self._open_party)
            return page

        def settings() -> QWidget:
            page = SettingsPanel(cc, self._settings_path, actor=actor, database_source=self._database_source)
            page.restart_requested.connect(self.restart_requested)
            return page

        return {
            "daycare": lambda: DaycarePage(cc, actor, center_id=center, clock=clock),
            "meals": lambda: MealsPage(cc, actor, center_id=center, clock=clock),
            "visits": lambda: VisitsPage(cc, actor, center_id=center, clock=clock),
            "calls": lambda: CallsPage(cc, actor, center_id=center, clock=clock),
            "activities": activities,
            "seniors": lambda: SeniorsPage(cc, actor, center_id=center),
            "due": due,
            "birthdays": lambda: BirthdaysPage(cc, actor, center_id=center, clock=clock),
            "quality": lambda: QualityPage(cc, actor, center_id=center),
            "subsidies": lambda: SubsidiesPage(cc, actor, center_id=center, clock=clock),
            "report": lambda: ReportPage(cc, actor, center_id=center, clock=clock),
            "staff": lambda: StaffPage(cc, actor),
            "audit": lambda: AuditPage(cc, actor),
            "settings": settings,
        }

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
        return next((c for c in self._centers if c.id == self._center_id), None)

    def select_center(self, center_id: int | None) -> None:
        index = self.center_combo.findData(ALL_CENTERS if center_id is None else center_id)
        if index >= 0:
            self.center_combo.setCurrentIndex(index)

    def _on_center_chosen(self, _index: int) -> None:
        value = self.center_combo.currentData()
        center_id = None if value == ALL_CENTERS or not isinstance(value, int) else value
        self._center_id = center_id
        # Every page opened so far follows (a shown one reads again; the others when shown);
        # pages opened later are built on this center.
        for page in self.built_pages():
            if isinstance(page, _Centered):
                page.set_center(center_id)
        due = self._built.get("due")
        if due is None or not due.isVisible():  # a shown 待办 reads again and counts itself
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
            QTimer.singleShot(0, self, self.refresh_due_count)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Work still running is finished first: the window (and its pages) must outlive the workers.

        The backup being copied, a month being computed or exported, the day's numbers, a count,
        a connection being tested: each page opened so far waits for its own.
        """
        task = self.backup_page.task
        if task is not None and task.is_running():
            task.wait()
        for page in self.built_pages():
            if isinstance(page, _Waiting):
                page.wait()
        self._due_reader.wait()
        self.change_watcher.stop()
        self.change_watcher.wait()  # a change stamp being read
        super().closeEvent(event)

    def _show_backup_warning(self, text: str) -> None:
        """Only those who can fix it (choose the second backup place) are told; the page always shows it."""
        if text and BackupPage.available_to(self.actor):
            self.statusBar().showMessage(text)
        elif not text:
            self.statusBar().clearMessage()

    def _after_restore(self) -> None:
        """Another database is in place: everything shown must be read again.

        The lists of seniors, parties, staff and the audit trail read at once; the other pages
        opened so far when shown (a page not opened yet reads when it is).
        """
        always = {self._built.get(name) for name in ("seniors", "birthdays", "staff", "audit")}
        for page in self.built_pages():
            if page is self.backup_page or page is self._built.get("settings"):
                continue
            refresh = getattr(page, "refresh", None)
            if callable(refresh) and (page in always or page.isVisible()):
                refresh()
        self.refresh_due_count()

    # ---- other desks' changes -------------------------------------------------------------

    def _live_pages(self) -> tuple[QWidget, ...]:
        """Pages that read again when another desk changed the database (not the month computations,
        the backups or the settings: those are read when asked for)."""
        live = (
            "today",
            "daycare",
            "meals",
            "visits",
            "calls",
            "activities",
            "seniors",
            "due",
            "birthdays",
            "quality",
            "staff",
            "audit",
        )
        return tuple(page for name in live if (page := self._built.get(name)) is not None)

    def show_changes(self) -> None:
        """The database changed (``change_watcher``): the page in view reads again where the user is in it."""
        page = self.pages.currentWidget()
        if page in self._live_pages():
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh_keeping_place(page, refresh)
        if page is not self._built.get("due"):
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
        """Count again what is due today or overdue, off the UI thread (the page, when shown, counts itself).

        At a district's scale the count takes a second: the window stays usable meanwhile and
        the badge keeps its last number until the new one is in.
        """
        if "due" not in self._rows:
            return
        due = self._built.get("due")
        if due is not None and due.isVisible():
            cast(DuePage, due).refresh()
            return
        cc, actor, center_id = self.cc, self.actor, self._center_id
        self._due_reader.read(lambda: (center_id, cc.due.count(actor, center_id)))

    def due_count_reading(self) -> bool:
        """Whether the 待办 badge is being counted (tests wait for the number to arrive)."""
        return self._due_reader.is_reading()

    def _due_counted(self, result: object) -> None:
        center_id, n = cast(tuple[int | None, int], result)
        if center_id == self._center_id:  # else another center was chosen meanwhile and is being counted
            self._show_due_count(n)

    def _show_due_count(self, n: int) -> None:
        row = self._rows.get("due")
        if row is None:
            return
        item = self.nav.item(row)
        title = str(item.data(Qt.ItemDataRole.UserRole))
        item.setText(_("To do ({n})").format(n=n) if n else title)
        item.setToolTip(_("{n} items due today or overdue").format(n=n) if n else "")

    def due_count_text(self) -> str:
        """What the 待办 entry of the sidebar reads ('' when the role has no such entry)."""
        row = self._rows.get("due")
        return self.nav.item(row).text() if row is not None else ""

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        name = next(name for name, at in self._rows.items() if at == row)
        page = self.page(name)  # built the first time it is opened
        self.pages.setCurrentIndex(row)
        if name != "due" and self.isVisible():
            self.refresh_due_count()  # the page just left may have changed what is due
        if isinstance(page, SeniorsPage):
            page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        elif name in ("today", "daycare", "visits", "calls", "activities") and page is not None:
            # The page's focus proxy (search line or first tile) takes the keyboard: type at once.
            # 助餐 focuses its shown tab itself.
            page.setFocus(Qt.FocusReason.OtherFocusReason)
