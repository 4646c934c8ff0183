"""月度报表: the monthly report to 民政 on the screen — the very figures the printout carries.

One month (◀ 2026年10月 ▶; the month before the current one first, since reports are
made after a month ends; the current month is allowed and marked 截至 today) of one
center, or of the district (全区（所有中心）, when the database has several centers). The
page shows ``cc.reports.monthly.figures`` — the :class:`~carecenter.reports.monthly_figures.MonthlyPack`
the printout is typeset from — as key-figure tiles and a tab per section of the paper
(概况, 日间照料, 助餐, 九助, 呼叫与事件, 活动与生日会, 能力评估, 补贴花名册, 近12个月趋势,
and for a district 各中心对比). The red marks of the paper (未审批（预览）, 截至 …) stand at
the top. A month that cannot be reported (not begun, before the first record) shows
the core's message instead of the figures.

预览/打印… (Ctrl+P) renders the same month as a PDF through :func:`ui.printing.preview`
(off the UI thread, with a progress bar and 停止) and opens the print preview. It needs
``IMPORT_EXPORT_ALL``; for other roles the button is disabled and its tooltip says why.

Threading: the figures are computed in a :class:`ui.workers.Task` with a busy bar on the
page, one at a time; a month or center chosen meanwhile is computed when the running
one ends, and a result for a month no longer chosen is dropped. Like every center page
it reads again whenever it comes into view (records change on other pages and desks).
``synchronous`` (or the class attribute, for tests) computes inline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.domain.months import month_label, month_text, shift
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, PermissionDeniedError, allowed
from carecenter.progress import Cancelled, Progress
from carecenter.reports.monthly_figures import MonthlyPack
from ui import printing
from ui.pages.report_sections import DayCareTab, MealsTab, OverviewTab, SectionTab, VisitsTab
from ui.pages.report_sections_more import ActivitiesTab, AssessmentsTab, CallsTab, CentersTab, RosterTab, TrendTab
from ui.pages.report_tiles import ReportTiles
from ui.widgets.center_page import CenterPage
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold
from ui.widgets.month_chooser import MonthChooser
from ui.workers import Task

if TYPE_CHECKING:
    from carecenter.reports.document import Printed

ALL_CENTERS = -1  # the center chooser's value for 全区（所有中心）


class PackRead(NamedTuple):
    """A month computed off the UI thread, with what was asked (the user may have moved on meanwhile)."""

    center_id: int | None
    month: dt.date
    pack: MonthlyPack


class ReportPage(CenterPage):
    """The 月度报表 page; ``pack`` is the month shown (None until computed, or when the month was refused)."""

    synchronous: ClassVar[bool] = False

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        """Listed for those who send the report (social workers, administrators); the front desk has no use for it."""
        return allowed(actor, Permission.IMPORT_EXPORT_ALL)

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        *,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent)
        self._sync = type(self).synchronous if synchronous is None else synchronous
        self.can_print = allowed(actor, Permission.IMPORT_EXPORT_ALL)
        self.pack: MonthlyPack | None = None
        self._shown: tuple[int | None, dt.date] | None = None  # the center and month of ``pack``
        self.error = ""  # why the chosen month cannot be reported
        self.task: Task | None = None
        self._again = False
        self.print_job: printing.PrintJob | None = None
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.chooser = MonthChooser(self._clock.today, self, scale=1.3)
        self.chooser.set_month(shift(self._clock.today(), -1))  # reports are made after the month has ended
        self.chooser.month_changed.connect(lambda _month: self.refresh())
        self.chooser.bind_page_keys(self)
        self.center_combo = QComboBox(self)
        self.center_combo.setObjectName("reportCenter")
        self.center_combo.setMinimumWidth(230)
        self.center_combo.setMaximumWidth(440)
        self.center_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.center_combo.setMinimumHeight(self.center_combo.sizeHint().height() + 8)
        self.center_combo.setToolTip(_("The center the report is for"))
        self._fill_centers()
        self.center_combo.currentIndexChanged.connect(self._on_center_chosen)
        center_label = QLabel(_("Center:"), self)
        center_label.setBuddy(self.center_combo)
        self.refresh_button = self._button(
            _("Refresh"), self.refresh, _("Compute the month again from today's records")
        )
        self.print_button = self._button(_("Preview / print…"), self.print_report, "")
        self.print_button.setObjectName("printReport")
        bold(self.print_button)
        shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_report)
        self.marks = QLabel(self)
        self.marks.setObjectName("reportMarks")
        self.marks.setStyleSheet(f"color: {ERROR_COLOR};")
        bold(self.marks, 1.25)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # moving: how long it takes is not known
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.busy_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addSpacing(20)
        top.addWidget(self.busy_bar)
        top.addWidget(self.busy_label, 1)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        # The center shares its row with the red marks of the paper (截至 …, 未审批（预览）).
        second = QHBoxLayout()
        second.addWidget(center_label)
        second.addWidget(self.center_combo)
        second.addSpacing(24)
        second.addWidget(self.marks)
        second.addStretch(1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.overview, self.day_care, self.meals, self.visits = OverviewTab(), DayCareTab(), MealsTab(), VisitsTab()
        self.calls, self.activities, self.assessments = CallsTab(), ActivitiesTab(), AssessmentsTab()
        self.roster, self.trend, self.centers = RosterTab(), TrendTab(), CentersTab()
        self.sections: list[tuple[str, SectionTab]] = [
            (_("Overview"), self.overview),
            (_("Day care"), self.day_care),
            (_("Meals"), self.meals),
            (_("Home-care services"), self.visits),
            (_("Calls and incidents"), self.calls),
            (_("Activities and birthday party"), self.activities),
            (_("Capability assessments"), self.assessments),
            (_("Subsidy roster"), self.roster),
            (_("12-month trend"), self.trend),
            (_("Centers side by side"), self.centers),
        ]
        for title, tab in self.sections:
            self.tabs.addTab(tab, title)
        self.tabs.setTabVisible(self.tabs.indexOf(self.centers), False)
        self.tiles = ReportTiles(self)
        self.tiles.open_section.connect(self._open_section)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.tiles)
        column.addWidget(self.tabs, 1)
        self.content = content
        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(f"color: {ERROR_COLOR}; padding: 24px 8px;")
        bold(self.message, 1.3)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(content)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.setMinimumWidth(button.sizeHint().width() + 24)
        button.clicked.connect(slot)
        return button

    def _open_section(self, name: str) -> None:
        """A tile was pressed: its section's tab."""
        tab = getattr(self, name, None)
        if isinstance(tab, SectionTab):
            self.tabs.setCurrentWidget(tab)

    # ---- the center --------------------------------------------------------------------------

    def _fill_centers(self) -> None:
        """Each center, and 全区（所有中心） first when there are several."""
        centers = self._cc.centers.list()
        self.center_combo.blockSignals(True)
        self.center_combo.clear()
        if len(centers) > 1:
            self.center_combo.addItem(_("All centers (district)"), ALL_CENTERS)
        for center in centers:
            self.center_combo.addItem(f"{center.name}（{center.code}）", center.id)
        self._select_in_combo(self._center_id)
        self.center_combo.blockSignals(False)

    def _select_in_combo(self, center_id: int | None) -> None:
        index = self.center_combo.findData(ALL_CENTERS if center_id is None else center_id)
        self.center_combo.blockSignals(True)
        self.center_combo.setCurrentIndex(max(0, index))
        self.center_combo.blockSignals(False)

    def _on_center_chosen(self, _index: int) -> None:
        value = self.center_combo.currentData()
        self.set_center(None if value == ALL_CENTERS or not isinstance(value, int) else value)

    def set_center(self, center_id: int | None) -> None:
        """Report on one center (None: the district, or the only center); the main window's choice is followed."""
        self._select_in_combo(center_id)
        super().set_center(center_id)

    def month(self) -> dt.date:
        return self.chooser.month()

    def set_month(self, month: dt.date) -> None:
        """Show ``month`` (any day of it); the page computes it."""
        self.chooser.set_month(month)

    # ---- computing ---------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def refresh(self) -> None:
        """Compute the chosen month of the chosen center again, off the UI thread."""
        if self.is_busy():
            self._again = True
            return
        cc, actor, center_id, month = self._cc, self._actor, self._center_id, self.month()

        def work(_progress: Progress, _cancelled: Cancelled) -> PackRead:
            return PackRead(center_id, month, cc.reports.monthly.figures(actor, center_id, month))

        label = _("Computing {month}…").format(month=month_label(month))
        task = Task(
            work, self, title=label, label=label, cancellable=False, show_progress=False, synchronous=self._sync
        )
        task.succeeded.connect(self._show)
        task.failed.connect(lambda error: self._failed(error, (center_id, month)))
        task.finished.connect(lambda: self._task_finished(task))
        self.task = task
        self.busy_label.setText(label)
        self.busy_bar.show()
        self.busy_label.show()
        self._update_buttons()
        task.start()

    def _task_finished(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        task.setParent(None)  # not deleteLater() inside its own finished(): see BackupPage
        self.busy_bar.hide()
        self.busy_label.hide()
        self._update_buttons()
        if self._again:
            self._again = False
            self.refresh()

    def _chosen(self) -> tuple[int | None, dt.date]:
        return self._center_id, self.month()

    def _show(self, result: object) -> None:
        assert isinstance(result, PackRead)
        if (result.center_id, result.month) != self._chosen():
            self._again = True  # the user chose another month or center meanwhile: compute that one
            return
        pack = result.pack
        self.pack, self._shown, self.error = pack, (result.center_id, result.month), ""
        section = pack.main
        self.marks.setText(pack.mark)
        self.marks.setVisible(bool(pack.mark))
        self.tiles.show_section(section)
        for _title, tab in self.sections:
            tab.show_section(pack, section)
        self.tabs.setTabVisible(self.tabs.indexOf(self.centers), pack.district is not None)
        self.stack.setCurrentWidget(self.content)

    def _failed(self, error: object, asked: tuple[int | None, dt.date]) -> None:
        if asked != self._chosen():
            self._again = True
            return
        reason = str(error) if isinstance(error, CareCenterError) else repr(error)
        self.pack, self._shown, self.error = None, None, reason
        label = month_label(self.month())
        self.marks.hide()
        self.message.setText(
            _("No report for {month}.\n{reason}\n\nChoose another month with ◀ ▶ above.").format(
                month=label, reason=reason
            )
        )
        self.stack.setCurrentWidget(self.message)

    def wait(self) -> None:
        """Let a month being computed finish (the window is closing)."""
        if self.task is not None:
            self.task.wait()

    # ---- printing ----------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        busy = self.is_busy()
        self.refresh_button.setEnabled(not busy)
        if not self.can_print:
            self.print_button.setEnabled(False)
            self.print_button.setToolTip(str(PermissionDeniedError(self._actor, Permission.IMPORT_EXPORT_ALL)))
            return
        self.print_button.setEnabled(self.pack is not None and not busy)
        if self.pack is None and self.error:
            self.print_button.setToolTip(_("Nothing to print: {reason}").format(reason=self.error))
        else:
            self.print_button.setToolTip(_("Preview the report as it prints, then print or save it (Ctrl+P)"))

    def print_report(self) -> printing.PrintJob | None:
        """预览/打印…: render the month shown as a PDF off the UI thread, then open the preview on it."""
        if not self.can_print or self.pack is None or self._shown is None or self.is_busy():
            return None
        cc, actor, pack = self._cc, self._actor, self.pack
        center_id, month = self._shown

        def render(target: Path, progress: Progress, cancelled: Cancelled) -> Printed:
            return cc.reports.monthly.print(actor, center_id, month, target, progress, cancelled)

        title = _("Monthly service report, {period}").format(period=pack.period)
        name = f"{_('Monthly service report')}-{pack.title}-{month_text(month)}"
        self.print_job = printing.preview(self, cc.reports, title, render, file_name=name)
        return self.print_job

    # ---- what the user reads (also for tests) ------------------------------------------------

    def marks_text(self) -> str:
        return self.marks.text() if not self.marks.isHidden() else ""

    def message_text(self) -> str:
        return self.message.text() if self.stack.currentWidget() is self.message else ""

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count()) if self.tabs.isTabVisible(i)]
