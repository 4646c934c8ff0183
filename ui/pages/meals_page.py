"""助餐: the meals page — 供餐 (serving), 订餐 (orders), 餐费账户 (prepaid accounts), 统计 (totals).

The page opens on 供餐, the busiest moment of the day, with the focus in its search
line. Ctrl+Tab or Alt+1…4 move between the tabs, and each tab puts the focus where its
work starts. A tab reads again when it comes into view, because meals are served,
ordered and paid at other desks and on other tabs; the center chosen in the main window
is passed on with ``set_center``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.pages.meal_accounts_panel import AccountsPanel
from ui.pages.meal_orders_panel import OrdersPanel
from ui.pages.meal_serving_panel import ServingPanel
from ui.pages.meal_totals_panel import TotalsPanel
from ui.widgets.center_page import CenterPage
from ui.widgets.field_row import MUTED_COLOR, bold


class MealsPage(CenterPage):
    """The 助餐 page; ``set_center`` chooses the center (None: every center — a write goes to the senior's)."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent)
        self.title = QLabel(_("Meals"), self)
        bold(self.title, 1.4)
        self.hint = QLabel(_("Ctrl+Tab or Alt+1…4: next tab · every action: type, then Enter"), self)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")

        self.serving = ServingPanel(cc, actor, center_id, self._clock, self)
        self.orders = OrdersPanel(cc, actor, center_id, self._clock, self)
        self.accounts = AccountsPanel(cc, actor, center_id, self._clock, self)
        self.totals = TotalsPanel(cc, actor, center_id, self._clock, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mealTabs")
        tab_font = self.tabs.tabBar().font()
        tab_font.setPointSizeF(tab_font.pointSizeF() * 1.15)
        tab_font.setBold(True)
        self.tabs.tabBar().setFont(tab_font)
        self.tabs.addTab(self.serving, _("Serving"))
        self.tabs.addTab(self.orders, _("Orders"))
        self.tabs.addTab(self.accounts, _("Meal accounts"))
        self.tabs.addTab(self.totals, _("Totals"))
        self.tabs.currentChanged.connect(lambda _index: self._tab_shown())
        for n in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Alt+{n + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=n: self.tabs.setCurrentIndex(n))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(24)
        head.addWidget(self.hint, 1)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    # ---- the center and reading ------------------------------------------------------------------

    def center_changed(self, center_id: int | None) -> None:
        """Every tab follows the center: the shown one reads at once, the others when shown."""
        for panel in (self.serving, self.orders, self.accounts, self.totals):
            panel.set_center(center_id)

    def refresh(self) -> None:
        """Read the shown tab again."""
        panel = self.tabs.currentWidget()
        if isinstance(panel, ServingPanel | OrdersPanel | AccountsPanel | TotalsPanel):
            panel.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # reads the shown tab
        if not event.spontaneous():
            self._focus_tab()

    def _tab_shown(self) -> None:
        if not self.isVisible():  # read when the page comes into view, not while the window is being built
            return
        self.refresh()
        self._focus_tab()

    def _focus_tab(self) -> None:
        """Each tab's work starts in its search line (the totals have none)."""
        panel = self.tabs.currentWidget()
        if panel is not None and panel is not self.totals:
            panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_tab(self, panel: QWidget) -> None:
        self.tabs.setCurrentWidget(panel)

    def wait(self) -> None:
        """Let a running month read end (the window is closing)."""
        self.totals.wait()
