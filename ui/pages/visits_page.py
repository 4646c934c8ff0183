"""上门服务: the week's 九助 home visits from the care plans, recording them, and the month's counts.

**本周安排** shows one week (the clock's by default; ◀ 本周 ▶ or PgUp/PgDn) of the chosen
center: every care-plan slot with what became of it and every visit recorded or planned
apart from the plans, day by day and staff member by staff member, the state in colour
(计划 blue, 逾期 orange, 已完成 green, 未完成 red, 已取消 grey). A staff filter shows one
carer's round (or what nobody is assigned to); 打印排班表 prints the week shown (the chosen
carer's round, or everyone's) through the print preview. Select a line and press Enter (or
记录服务…) to record it: the form opens with the senior, service, staff member and day
filled in. 未完成… and 取消… ask for the reason; 作废… takes a mistaken record back.
Below, the month's services planned a number of times (助浴 每月 2 次) with how many are done.

An ad-hoc visit starts at the search line on top: type initials, the last 4 ID digits or
the member number (or scan the card), Enter, and the form opens for that senior.

**月度统计** counts a month per service type (人次, seniors, hours; 助餐 from the meals
served) and per staff member. Both tabs are a few grouped queries, read on the UI thread
whenever the page comes into view, the center changes or something was saved.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.finder import DeskSenior
from carecenter.desk.visit_dto import SlotState, VisitSlot, WeekSchedule
from carecenter.desk.visit_schedule import monday_of
from carecenter.domain.months import month_label
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.visit_dialog import ENTER_KEYS, VisitDialog
from ui.dialogs.visit_reason_dialog import VisitReasonDialog
from ui.pages.visit_models import (
    COL_M_PROGRESS,
    COL_NOTE,
    MonthlyModel,
    WeekModel,
    monthly_samples,
    week_samples,
)
from ui.pages.visit_month_tab import VisitMonthTab
from ui.widgets.center_page import CenterPage
from ui.widgets.field_row import MUTED_COLOR, bold
from ui.widgets.record_table_model import record_view
from ui.widgets.senior_finder import SeniorFinder
from ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ui.printing import PrintJob

ALL_STAFF = -1  # the staff filter's values besides a staff id
NOBODY = 0


class VisitsPage(CenterPage):
    """The 上门服务 page of one center (``set_center``; None: every center)."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent)
        self._monday = monday_of(self._clock.today())
        self._follow_today = True  # until the user picks another week, the page follows the clock's week
        self.schedule: WeekSchedule | None = None
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self._build()

    # ---- building --------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("Home visits"), self)
        bold(title, 1.4)
        self.finder = SeniorFinder(
            self._cc,
            self._actor,
            self._center_id,
            placeholder=_("Record a visit: pinyin initials, last 4 ID digits or member no., then Enter"),
            parent=self,
        )
        self.finder.chosen.connect(self.record_for)
        self.status_line = StatusLine(self, scale=1.2, hide_when_empty=True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._week_tab(), _("This week's visits"))
        self.month_tab = VisitMonthTab(self._cc, self._actor, self._clock, self)
        self.month_tab.failed.connect(lambda text: self.say(text, ok=False))
        self.tabs.addTab(self.month_tab, _("Monthly statistics"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        for keys, weeks in (("PgUp", -1), ("PgDown", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda weeks=weeks: self._page_keys(weeks))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.finder, 1)
        layout.addLayout(top)
        layout.addWidget(self.status_line)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.finder)

    def _button(self, text: str, slot: object, parent: QWidget, tip: str = "") -> QPushButton:
        button = QPushButton(text, parent)
        button.setAutoDefault(False)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _week_tab(self) -> QWidget:
        tab = QWidget(self)
        self.prev_week = self._button("◀", lambda: self.step_week(-1), tab, _("Previous week (PgUp)"))
        self.week_label = QLabel(tab)
        self.week_label.setObjectName("week")
        bold(self.week_label, 1.2)
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.week_label.setMinimumWidth(self.week_label.fontMetrics().horizontalAdvance("2026-12-28至2027-01-03") + 24)
        self.next_week = self._button("▶", lambda: self.step_week(1), tab, _("Next week (PgDn)"))
        self.this_week = self._button(_("This week"), self.go_to_this_week, tab)
        self.staff_filter = QComboBox(tab)
        self.staff_filter.setAccessibleName(_("Visiting staff"))
        # Sized for a name, not for the longest entry: a long list must not widen the window.
        self.staff_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.staff_filter.setMinimumContentsLength(8)
        self.staff_filter.currentIndexChanged.connect(lambda _i: self._show_week())
        self.print_button = self._button(
            _("Print the schedule"),
            lambda: self.print_schedule(),
            tab,
            _("The shown week's visits per staff member (or the chosen one's round), previewed first"),
        )
        self.counts_label = QLabel(tab)
        self.counts_label.setObjectName("weekCounts")
        self.counts_label.setWordWrap(True)
        bold(self.counts_label, 1.1)

        self.model = WeekModel()
        self.table = record_view(self.model, week_samples(), 28, stretch=COL_NOTE, parent=tab)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.record_selected())
        self.table.installEventFilter(self)

        self.record_button = self._button(_("Record visit…"), self.record_selected, tab, _("Enter"))
        bold(self.record_button)
        self.miss_button = self._button(_("Not made…"), self.miss_selected, tab)
        self.cancel_button = self._button(_("Cancel visit…"), self.cancel_selected, tab)
        self.void_button = self._button(_("Void…"), self.void_selected, tab)
        hint = QLabel(_("Enter: record the selected visit · PgUp/PgDn: change week"), tab)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        hint.setWordWrap(True)

        self.monthly_title = QLabel(tab)
        bold(self.monthly_title)
        self.monthly_model = MonthlyModel()
        self.monthly_table = record_view(self.monthly_model, monthly_samples(), 28, stretch=COL_M_PROGRESS, parent=tab)
        self.monthly_table.doubleClicked.connect(lambda index: self.record_monthly(index.row()))

        chooser = QHBoxLayout()
        for widget in (self.prev_week, self.week_label, self.next_week, self.this_week):
            chooser.addWidget(widget)
        chooser.addSpacing(16)
        chooser.addWidget(QLabel(_("Staff:"), tab))
        chooser.addWidget(self.staff_filter)
        chooser.addStretch(1)
        chooser.addWidget(self.print_button)
        buttons = QHBoxLayout()
        for widget in (self.record_button, self.miss_button, self.cancel_button, self.void_button):
            buttons.addWidget(widget)
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        buttons.addWidget(hint, 1)

        upper = QWidget(tab)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.counts_label)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addLayout(buttons)
        lower = QWidget(tab)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.monthly_title)
        lower_layout.addWidget(self.monthly_table, 1)
        lower.setMinimumHeight(int(self.fontMetrics().height() * 5))
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(tab)
        layout.addLayout(chooser)
        layout.addWidget(splitter, 1)
        return tab

    # ---- the center and the week ---------------------------------------------------------------

    def center_changed(self, center_id: int | None) -> None:
        self.finder.set_center(center_id)

    def monday(self) -> dt.date:
        return self._monday

    def set_week(self, day: dt.date) -> None:
        """Show the week of ``day``; the page stops following the clock unless it is the current week."""
        self._monday = monday_of(day)
        self._follow_today = self._monday == monday_of(self._clock.today())
        self._read_week()

    def step_week(self, weeks: int) -> None:
        self.set_week(self._monday + dt.timedelta(weeks=weeks))

    def go_to_this_week(self) -> None:
        self.set_week(self._clock.today())

    def _page_keys(self, steps: int) -> None:
        if self.tabs.currentIndex() == 0:
            self.step_week(steps)
        else:
            self.month_tab.chooser.step(steps)

    def refresh(self) -> None:
        if self._follow_today:
            self._monday = monday_of(self._clock.today())
        if self.tabs.currentIndex() == 0:
            self._read_week()
        else:
            self.month_tab.read(self._center_id)

    # ---- the week --------------------------------------------------------------------------

    def _read_week(self) -> None:
        try:
            self.schedule = self._cc.visits.week(self._actor, self._center_id, self._monday)
        except CareCenterError as exc:  # a busy or gone database: keep what is shown, say why
            self.say(str(exc), ok=False)
            return
        sunday = self._monday + dt.timedelta(days=6)
        self.week_label.setText(_("{start} to {end}").format(start=self._monday.isoformat(), end=sunday.isoformat()))
        self.this_week.setEnabled(self._monday != monday_of(self._clock.today()))
        self._fill_staff_filter()
        self._show_week()

    def _fill_staff_filter(self) -> None:
        """全部人员, everyone with a line this week or an active account here, and 未指派."""
        chosen = self.staff_filter.currentData()
        names: dict[int, str] = {}
        for member in self._cc.staff.list(active_only=True):
            if member.center_id in (None, self._center_id) or self._center_id is None:
                names[member.id] = member.name
        for slot in self.schedule.slots if self.schedule else ():
            if slot.staff_id is not None:
                names[slot.staff_id] = slot.staff_name
        self.staff_filter.blockSignals(True)
        self.staff_filter.clear()
        self.staff_filter.addItem(_("Everyone"), ALL_STAFF)
        for staff_id, name in sorted(names.items(), key=lambda item: (item[1], item[0])):
            self.staff_filter.addItem(name, staff_id)
        self.staff_filter.addItem(_("Unassigned"), NOBODY)
        self.staff_filter.setCurrentIndex(
            max(0, self.staff_filter.findData(chosen if chosen is not None else ALL_STAFF))
        )
        self.staff_filter.blockSignals(False)

    def _show_week(self) -> None:
        schedule = self.schedule
        if schedule is None:
            return
        wanted = self.staff_filter.currentData()
        slots = [s for s in schedule.slots if wanted in (None, ALL_STAFF) or (s.staff_id or NOBODY) == wanted]
        monthly = [m for m in schedule.monthly if wanted in (None, ALL_STAFF) or (m.staff_id or NOBODY) == wanted]
        current = self.selected()
        self.model.today = self._clock.today()
        self.model.set_records(slots)
        self.monthly_model.set_records(monthly)
        states = [s.state for s in slots]
        self.counts_label.setText(
            _(
                "{n} visits: {done} done · {missed} not made · {cancelled} cancelled · {late} overdue · {open} to do"
            ).format(
                n=len(slots),
                done=states.count(SlotState.DONE),
                missed=states.count(SlotState.MISSED),
                cancelled=states.count(SlotState.CANCELLED),
                late=states.count(SlotState.OVERDUE),
                open=states.count(SlotState.PLANNED),
            )
        )
        self.monthly_title.setText(
            _("Services by number of times in {month} ({n})").format(month=month_label(schedule.month), n=len(monthly))
        )
        if current is not None:
            self._select(current)
        self._update_buttons()

    def _select(self, slot: VisitSlot) -> None:
        for row, other in enumerate(self.model.records()):
            same_visit = slot.visit_id is not None and other.visit_id == slot.visit_id
            same_slot = (other.planned_service_id, other.day, other.senior_id) == (
                slot.planned_service_id,
                slot.day,
                slot.senior_id,
            )
            if same_visit or same_slot:
                self.table.selectRow(row)
                return

    def week_lines(self) -> list[tuple[str, ...]]:
        """The week's table as the user reads it, row by row."""
        model = self.model
        return [
            tuple(model.display_text(row, column) for column in range(model.columnCount()))
            for row in range(model.rowCount())
        ]

    def select_line(self, senior_name: str, day: dt.date, service_name: str = "") -> bool:
        row = self.model.row_of(senior_name, day, service_name)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return row >= 0

    def selected(self) -> VisitSlot | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        slot = self.selected()
        self.record_button.setEnabled(slot is not None and (slot.state.open or slot.state is SlotState.DONE))
        self.record_button.setText(
            _("Correct…") if slot is not None and slot.state is SlotState.DONE else _("Record visit…")
        )
        self.miss_button.setEnabled(slot is not None and slot.state.open and slot.day <= self._clock.today())
        self.cancel_button.setEnabled(slot is not None and slot.state.open)
        self.void_button.setEnabled(slot is not None and slot.visit_id is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the week's table records (or corrects) the selected line."""
        key = event.key() if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress else None
        if watched is self.table and key in ENTER_KEYS:
            self.record_selected()
            return True
        return super().eventFilter(watched, event)

    def print_schedule(self) -> PrintJob | None:
        """打印排班表: the shown week, one section per staff member, or only the chosen staff member's round.

        With 全部人员 or 未指派 chosen, everyone's rounds are printed (未指派 is their last section).
        """
        from ui.printing import preview_listing  # loaded on first use

        if self._center_id is None:
            self.say(_("Choose a center at the top: the schedule is one center's."), ok=False)
            return None
        chosen = self.staff_filter.currentData()
        staff_id = chosen if isinstance(chosen, int) and chosen > 0 else None
        lists, actor, center_id, monday = self._cc.reports.lists, self._actor, self._center_id, self._monday
        self.print_job = preview_listing(
            self,
            self._cc.reports,
            actor,
            _("Home visit schedule"),
            lambda: lists.visit_schedule(actor, center_id, monday, staff_id),
        )
        return self.print_job

    def say(self, text: str, ok: bool = True) -> None:
        self.status_line.say(text, ok)

    # ---- acting ----------------------------------------------------------------------------

    def record_for(self, card: DeskSenior) -> bool:
        """The search line chose a senior: an ad-hoc visit of today."""
        if card.ended:
            self.say(
                _("{name} is {status}: no more visits can be recorded.").format(
                    name=card.name, status=card.status.label
                ),
                ok=False,
            )
            return False
        return self._run(VisitDialog(self._cc, self._actor, card.id, self._clock.today(), parent=self))

    def record_selected(self) -> bool:
        """记录服务… on the selected line: a slot is recorded, a visit planned ahead completed, a done one corrected."""
        slot = self.selected()
        if slot is None:
            self.say(_("Choose a visit in the list first."), ok=False)
            return False
        if not (slot.state.open or slot.state is SlotState.DONE):
            self.say(
                _("This visit is {state}: void it first to record it again.").format(state=slot.state.label), ok=False
            )
            return False
        try:
            visit = self._cc.visits.get(slot.visit_id, self._actor) if slot.visit_id is not None else None
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return False
        dialog = VisitDialog(
            self._cc,
            self._actor,
            slot.senior_id,
            slot.day,
            service_type_id=slot.service_type_id,
            staff_id=slot.staff_id,
            planned_service_id=slot.planned_service_id if slot.from_plan else None,
            visit=visit,
            parent=self,
        )
        return self._run(dialog)

    def record_monthly(self, row: int) -> bool:
        """A service planned N times a month: record one of them today, for its senior."""
        service = self.monthly_model.record(row)
        if service is None:
            return False
        dialog = VisitDialog(
            self._cc,
            self._actor,
            service.senior_id,
            self._clock.today(),
            service_type_id=service.service_type_id,
            staff_id=service.staff_id,
            planned_service_id=service.planned_service_id,
            parent=self,
        )
        return self._run(dialog)

    def miss_selected(self) -> bool:
        return self._reason("miss")

    def cancel_selected(self) -> bool:
        return self._reason("cancel")

    def void_selected(self) -> bool:
        return self._reason("void")

    def _reason(self, action: str) -> bool:
        slot = self.selected()
        if slot is None:
            self.say(_("Choose a visit in the list first."), ok=False)
            return False
        return self._run(VisitReasonDialog(self._cc, self._actor, slot, action, parent=self))

    def _run(self, dialog: VisitDialog | VisitReasonDialog) -> bool:
        saved = dialog.run()
        if saved is None:
            return False
        line = {
            "done": _("✔ {name}: {service} recorded ({time})"),
            "missed": _("{name}: {service} marked not made"),
            "cancelled": _("{name}: {service} cancelled"),
        }.get(saved.status.value, _("{name}: {service} saved"))
        if saved.voided:
            line = _("{name}: the record of {service} is voided")
        time = f"{saved.started_at:%H:%M}–{saved.ended_at:%H:%M}" if saved.started_at and saved.ended_at else ""
        self.say(line.format(name=saved.senior_name, service=saved.service_name, time=time))
        if self.tabs.currentIndex() != 0:
            self.tabs.setCurrentIndex(0)
        self._read_week()
        return True
