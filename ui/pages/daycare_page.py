"""日间照料: check seniors in as they arrive, out as they are picked up, and see the day and the month.

The desk's path is the search line at the top: type initials, the last 4 ID digits or the
member number (or scan the card) and press Enter: the senior is checked in at once and
the large status line says so in green ("✔ 张桂兰 08:31 签到"), in orange for a 暂停
senior (checked in, with a warning), in red when the core refuses (a second check-in
names the first; 退出/去世 say why). A second check-in also selects the senior's row, so
Ctrl+Shift+O checks them out next.

今日签到 shows the chosen day (today by default; ◀ ▶ or type a date) of the chosen center:
the counts in big type (应到 · 在中心 · 已离开 · 未到 or 缺勤 · 计划外) and every row with
its state and times. 签退… (Ctrl+Shift+O), 更正时间… and 作废… act on the selected row
and are enabled only where they apply. Voided check-ins are listed when asked. 打印签到表
prints the shown day's sheet (a signature box per senior) through the print preview.

月度统计 shows a month per senior (days, hours, days left without a check-out) and the
center's total; it is read off the UI thread (a district's month is tens of thousands of
rows). The day's board is a few indexed queries and is read on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.attendance_dto import (
    AttendanceInfo,
    BoardRow,
    BoardState,
    DayCareBoard,
    clock_text,
)
from carecenter.desk.finder import DeskSenior
from carecenter.errors import CareCenterError, FieldError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.attendance_dialogs import (
    CheckOutDialog,
    CorrectTimesDialog,
    VoidAttendanceDialog,
    pick_up_suggestions,
)
from ui.pages.daycare_models import COL_NOTE, BoardModel, board_samples, day_title
from ui.pages.daycare_month import DaycareMonthPanel
from ui.widgets.center_page import CenterPage
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import MUTED_COLOR, bold
from ui.widgets.record_table_model import record_view
from ui.widgets.senior_finder import SeniorFinder
from ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ui.printing import PrintJob

CHECK_OUT_KEYS = "Ctrl+Shift+O"


class DaycarePage(CenterPage):
    """The 日间照料 page of one center (``set_center``; None: every center's board, check-in still works)."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent)
        self._day = self._clock.today()
        self._follow_today = True  # until the user picks another day, the board follows the clock's day
        self.board: DayCareBoard | None = None
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self._build()

    # ---- building --------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("Day care"), self)
        bold(title, 1.4)
        self.finder = SeniorFinder(
            self._cc,
            self._actor,
            self._center_id,
            placeholder=_("Check in: pinyin initials, last 4 ID digits or member no., then Enter"),
            parent=self,
        )
        self.finder.chosen.connect(self.check_in)
        self.status_line = StatusLine(self, scale=1.5, min_lines=1.3)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._day_tab(), _("Today's attendance"))
        self.month_panel = DaycareMonthPanel(self._cc, self._actor, self._clock, self._center_id, self)
        self.month_panel.failed.connect(lambda text: self.say(text, ok=False))
        self.tabs.addTab(self.month_panel, _("Monthly statistics"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())

        shortcut = QShortcut(QKeySequence(CHECK_OUT_KEYS), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.check_out)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.finder)
        layout.addWidget(self.status_line)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.finder)

    def _button(self, text: str, slot: object, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setAutoDefault(False)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.clicked.connect(slot)
        return button

    def _day_tab(self) -> QWidget:
        tab = QWidget(self)
        self.prev_day = self._button("◀", lambda: self.set_day(self._day - dt.timedelta(days=1)), tab)
        self.prev_day.setToolTip(_("Previous day"))
        self.day_edit = DateEdit(self._clock.today(), parent=tab)
        self.day_edit.setAccessibleName(_("Day"))
        self.day_edit.edited.connect(self._day_typed)
        self.next_day = self._button("▶", lambda: self.set_day(self._day + dt.timedelta(days=1)), tab)
        self.next_day.setToolTip(_("Next day"))
        self.today_button = self._button(_("Today"), self.go_to_today, tab)
        self.day_label = QLabel(tab)
        self.day_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.counts_label = QLabel(tab)
        self.counts_label.setObjectName("counts")
        bold(self.counts_label, 1.35)

        self.model = BoardModel()
        self.table = record_view(self.model, board_samples(), 32, stretch=COL_NOTE, parent=tab)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self._open_selected())

        self.check_out_button = self._button(_("Check out…"), self.check_out, tab)
        self.check_out_button.setToolTip(_("Check out the selected senior ({keys})").format(keys=CHECK_OUT_KEYS))
        bold(self.check_out_button)
        self.correct_button = self._button(_("Correct times…"), self.correct_times, tab)
        self.void_button = self._button(_("Void…"), self.void, tab)
        self.print_button = self._button(_("Print sign-in sheet"), lambda: self.print_sheet(), tab)
        self.print_button.setToolTip(_("The day's attendance sheet with a signature box per senior, previewed first"))
        self.voided_check = QCheckBox(_("Show voided"), tab)
        self.voided_check.toggled.connect(self._show_voided)
        hint = QLabel(_("{keys}: check out the selected row").format(keys=CHECK_OUT_KEYS), tab)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")

        chooser = QHBoxLayout()
        for widget in (self.prev_day, self.day_edit, self.next_day, self.today_button, self.day_label):
            chooser.addWidget(widget)
        chooser.addStretch(1)
        buttons = QHBoxLayout()
        for widget in (self.check_out_button, self.correct_button, self.void_button):
            buttons.addWidget(widget)
        buttons.addSpacing(12)
        buttons.addWidget(self.print_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.voided_check)
        buttons.addStretch(1)
        buttons.addWidget(hint)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(chooser)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.day_edit.set_date(self._day)
        return tab

    # ---- the center and the day --------------------------------------------------------------

    def center_changed(self, center_id: int | None) -> None:
        self.finder.set_center(center_id)

    def day(self) -> dt.date:
        return self._day

    def set_day(self, day: dt.date) -> None:
        """Show ``day``'s board (the user chose it: the board stops following the clock's day)."""
        self._follow_today = day == self._clock.today()
        if day != self._day:
            self._day = day
            self.day_edit.set_date(day)
            self.read_board()

    def go_to_today(self) -> None:
        self.set_day(self._clock.today())

    def _day_typed(self) -> None:
        try:
            day = self.day_edit.date()
        except DateTextError:
            return
        if day is not None and day != self._day:  # the text stays as typed: the user may still be typing
            self._follow_today = day == self._clock.today()
            self._day = day
            self.read_board()

    def showEvent(self, event: QShowEvent) -> None:
        """Check-ins happen at other desks: read again (the base does) and be ready for the next one."""
        super().showEvent(event)
        if not event.spontaneous():
            self.finder.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Read the board again (today's, if the page follows the clock) and the month when its tab is shown."""
        if self._follow_today and self._day != self._clock.today():
            self._day = self._clock.today()
            self.day_edit.set_date(self._day)
        self.read_board()
        if self.tabs.currentIndex() == 1:
            self.month_panel.read(self._center_id)

    def _tab_shown(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.month_panel.read(self._center_id)

    # ---- the board -------------------------------------------------------------------------------

    def read_board(self, select_senior: int | None = None) -> None:
        today = self._clock.today()
        try:
            board = self._cc.attendance.board(self._actor, self._center_id, self._day)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return
        self.board = board
        current = self.selected()
        keep = select_senior if select_senior is not None else (current.senior_id if current else None)
        self.model.set_rows(board.rows)
        self.day_label.setText(day_title(self._day, today))
        self.today_button.setEnabled(self._day != today)
        self.next_day.setEnabled(self._day < today)
        self.counts_label.setText(board.counts_text)
        if keep is not None:
            self.select_senior(keep)
        self._update_buttons()

    def rows_shown(self) -> list[list[str]]:
        """The table as the user reads it, row by row (every column)."""
        return [
            [self.model.display_text(r, c) for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount())
        ]

    def selected(self) -> BoardRow | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_senior(self, senior_id: int) -> bool:
        row = self.model.row_of(senior_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _show_voided(self, show: bool) -> None:
        current = self.selected()
        self.model.set_show_voided(show)
        if current is not None and (row := self.model.row_of(current.senior_id)) is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        live = row is not None and row.state in (BoardState.PRESENT, BoardState.LEFT)
        self.check_out_button.setEnabled(row is not None and row.state is BoardState.PRESENT)
        self.correct_button.setEnabled(live)
        self.void_button.setEnabled(live)

    def _open_selected(self) -> None:
        """Double-click: check out someone here, else correct the times of a live record."""
        row = self.selected()
        if row is not None and row.state is BoardState.PRESENT:
            self.check_out()
        elif row is not None and row.state is BoardState.LEFT:
            self.correct_times()

    # ---- the desk's actions ----------------------------------------------------------------------

    def say(self, text: str, ok: bool = True) -> None:
        self.status_line.say(text, ok)

    def status_text(self) -> str:
        return self.status_line.text()

    def check_in(self, card: DeskSenior) -> AttendanceInfo | None:
        """签到 the chosen senior now; the status line says what happened, the board shows it."""
        try:
            info = self._cc.attendance.check_in(card.id, self._actor)
        except FieldError as exc:
            self._refused(card, exc.reason)
            return None
        except CareCenterError as exc:
            self._refused(card, str(exc))
            return None
        if info.paused:
            self.status_line.warn(
                _("⚠ {name} checked in at {time}; the senior is {status}: tell the social worker").format(
                    name=info.name, time=clock_text(info.checked_in_at), status=info.senior_status.label
                )
            )
        else:
            self.say(_("✔ {name} checked in at {time}").format(name=info.name, time=clock_text(info.checked_in_at)))
        self._follow_today = True
        if self._day != info.day:
            self._day = info.day
            self.day_edit.set_date(info.day)
        self.read_board(select_senior=info.senior_id)
        return info

    def _refused(self, card: DeskSenior, reason: str) -> None:
        """The refusal in red; a senior already here gets their row selected, ready for Ctrl+Shift+O."""
        today = self._clock.today()
        if self._day != today:
            self._day = today
            self.day_edit.set_date(today)
            self.read_board()
        row = self.board.row_of(card.id) if self.board is not None else None
        if row is not None and row.state is BoardState.PRESENT and self.select_senior(card.id):
            reason = _("{reason} — selected below: {keys} checks out").format(reason=reason, keys=CHECK_OUT_KEYS)
        self.say(_("✖ {reason}").format(reason=reason), ok=False)

    def _record(self) -> AttendanceInfo | None:
        row = self.selected()
        return row.attendance if row is not None and row.state is not BoardState.VOIDED else None

    def check_out(self) -> AttendanceInfo | None:
        """签退… for the selected senior (who is at the center)."""
        row = self.selected()
        if row is None or row.state is not BoardState.PRESENT or row.attendance is None:
            return None
        saved = CheckOutDialog(
            self._cc,
            self._actor,
            row.attendance,
            self,
            suggestions=pick_up_suggestions(self._cc, self._actor, row.attendance),
        ).run()
        if saved is not None:
            text = _("✔ {name} checked out at {time}").format(name=saved.name, time=clock_text(saved.checked_out_at))
            if saved.picked_up_by:
                text = _("{text}, picked up by {who}").format(text=text, who=saved.picked_up_by)
            self.say(text)
            self.read_board(select_senior=saved.senior_id)
        self.finder.setFocus(Qt.FocusReason.OtherFocusReason)
        return saved

    def correct_times(self) -> AttendanceInfo | None:
        record = self._record()
        if record is None:
            return None
        saved = CorrectTimesDialog(self._cc, self._actor, record, self).run()
        if saved is not None:
            self.say(_("✔ Times of {name} corrected").format(name=saved.name))
            self.read_board(select_senior=saved.senior_id)
        return saved

    def void(self) -> AttendanceInfo | None:
        record = self._record()
        if record is None:
            return None
        saved = VoidAttendanceDialog(self._cc, self._actor, record, self).run()
        if saved is not None:
            self.say(_("✔ Check-in of {name} voided").format(name=saved.name))
            self.read_board(select_senior=saved.senior_id)
        return saved

    def print_sheet(self) -> PrintJob | None:
        """打印签到表: the shown day's attendance sheet, previewed first (one center's)."""
        from ui.printing import preview_listing  # loaded on first use

        if self._center_id is None:
            self.say(_("Choose a center at the top: the sign-in sheet is one center's."), ok=False)
            return None
        lists, actor, center_id, day = self._cc.reports.lists, self._actor, self._center_id, self._day
        self.print_job = preview_listing(
            self,
            self._cc.reports,
            actor,
            _("Day-care attendance sheet"),
            lambda: lists.attendance_sheet(actor, center_id, day),
        )
        return self.print_job

    def wait(self) -> None:
        """Let a month being counted finish (the window is closing)."""
        self.month_panel.wait()
