"""今日: the page the app opens on — the desk's day in six numbers, each opening its list.

Day care present of expected, meals served of ordered, visits done of planned, open calls
(urgent ones in red until someone closes them), today's birthdays and, for those who
assess, the assessments due; a backup at risk shows as a red banner on top. A tile is a
button: click it (or Tab to it and press Space) and the sidebar area with that list opens
(``open_area`` carries the area's title).

Everything comes from one core call, ``cc.today.summary`` (a handful of counted queries),
read again whenever the page comes into view and on F5, off the UI thread: on a district's
database it takes a few tenths of a second, and the window must be usable meanwhile (the
tiles keep their last numbers until the new ones arrive; :class:`ui.latest_read.LatestRead`
keeps to the newest question). ``synchronous`` (tests, screenshots) reads inline.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.care.plan_info import DAY_NAMES
from carecenter.clock import Clock
from carecenter.desk.call_dto import CallInfo
from carecenter.desk.today import TodaySummary
from carecenter.domain.desk_vocab import Urgency
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.latest_read import LatestRead
from ui.widgets.field_row import ERROR_COLOR, bold
from ui.widgets.stat_tile import StatTile

MAX_CALLS_SHOWN = 5
MAX_BIRTHDAY_NAMES = 6


def call_line(call: CallInfo) -> str:
    """An open call as one line: when, about whom, who called, why (shortened)."""
    who = call.senior_name or call.caller_name or call.caller_kind.label
    reason = call.reason if len(call.reason) <= 40 else call.reason[:39] + "…"
    mark = _("[Urgent]") if call.urgency is Urgency.URGENT else ""
    return f"{mark}{call.received_at:%m-%d %H:%M}  {who}（{call.caller_kind.label}）  {reason}"


class TodayPage(QWidget):
    """今日; ``set_center`` chooses the center counted (None: every center)."""

    open_area = Signal(str)  # the sidebar title of the list a tile opens
    synchronous: ClassVar[bool] = False

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.cc = cc
        self.actor = actor
        self.clock = clock or cc.clock
        self._center_id = center_id
        self.summary: TodaySummary | None = None
        self.reader = LatestRead(self, lambda: type(self).synchronous)
        self.reader.loaded.connect(self._loaded)
        self.reader.failed.connect(self._failed)

        self.title = QLabel()
        bold(self.title, 1.5)
        self.refresh_button = QPushButton(_("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.refresh_button)

        self.backup_banner = QPushButton()
        self.backup_banner.setStyleSheet(
            f"QPushButton {{ background: #fdecea; color: {ERROR_COLOR}; border: 1px solid {ERROR_COLOR};"
            " padding: 8px; text-align: left; }"
        )
        bold(self.backup_banner, 1.1)
        self.backup_banner.setVisible(False)
        self.backup_banner.clicked.connect(lambda: self.open_area.emit(_("Backup and restore")))

        self.daycare_tile = self._tile(_("Day care: here now / expected"), _("Day care"))
        self.meals_tile = self._tile(_("Meals: served / ordered"), _("Meals"))
        self.visits_tile = self._tile(_("Home visits: done / planned"), _("Home visits"))
        self.calls_tile = self._tile(_("Open calls"), _("Calls"))
        self.birthdays_tile = self._tile(_("Birthdays today"), _("Birthday parties"))
        self.due_tile = self._tile(_("Assessments due"), _("To do"))
        grid = QGridLayout()
        grid.setSpacing(14)
        for n, tile in enumerate(
            (
                self.daycare_tile,
                self.meals_tile,
                self.visits_tile,
                self.calls_tile,
                self.birthdays_tile,
                self.due_tile,
            )
        ):
            grid.addWidget(tile, n // 3, n % 3)

        self.calls_title = QLabel(_("Open calls, urgent first"))
        bold(self.calls_title, 1.15)
        self.calls_list = QVBoxLayout()
        self.calls_list.setSpacing(4)
        self.no_calls = QLabel(_("No open calls."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.backup_banner)
        layout.addLayout(grid)
        layout.addWidget(self.calls_title)
        layout.addWidget(self.no_calls)
        layout.addLayout(self.calls_list)
        layout.addStretch(1)
        self._call_buttons: list[QPushButton] = []
        self.setFocusProxy(self.daycare_tile)  # Tab walks the tiles, Space opens one

    def _tile(self, title: str, area: str) -> StatTile:
        tile = StatTile(title, self)
        tile.clicked.connect(lambda: self.open_area.emit(area))
        return tile

    # ---- the center and the backup warning ------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        self._center_id = center_id
        if self.isVisible():
            self.refresh()

    def set_backup_warning(self, text: str) -> None:
        """The backup page's warning ('' when the backups are fine)."""
        self.backup_banner.setText(_("Backups at risk: {warning}").format(warning=text) if text else "")
        self.backup_banner.setVisible(bool(text))

    # ---- reading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        day = self.clock.today()
        self.title.setText(
            _("Today · {date} {weekday}").format(
                date=_("{y}-{m}-{d}").format(y=day.year, m=day.month, d=day.day),
                weekday=_(DAY_NAMES[day.isoweekday()]),
            )
        )
        cc, actor, center_id = self.cc, self.actor, self._center_id
        self.reader.read(lambda: (center_id, cc.today.summary(actor, center_id)))

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        center_id, summary = result
        if center_id != self._center_id:  # another center was chosen (page hidden) while this one was counted
            self.refresh()
            return
        assert isinstance(summary, TodaySummary)
        self.summary = summary
        self._show(summary)

    def _failed(self, error: object) -> None:
        self.title.setText(str(error) if isinstance(error, CareCenterError) else repr(error))

    def wait(self) -> None:
        """Let a count being read finish (the window is closing)."""
        self.reader.wait()

    def _show(self, s: TodaySummary) -> None:
        self.daycare_tile.set_value(
            f"{s.daycare_present} / {s.daycare_expected}",
            _("left {left} · not yet arrived {waiting}").format(left=s.daycare_left, waiting=s.daycare_not_arrived),
        )
        self.meals_tile.set_value(
            f"{s.meals_served} / {s.meals_ordered}",
            _("{n} ordered meals still to serve").format(n=max(0, s.meals_ordered - s.meals_served)),
        )
        self.visits_tile.set_value(
            f"{s.visits_done} / {s.visits_planned}",
            _("missed {missed} · still to do {open}").format(missed=s.visits_missed, open=s.visits_open),
            alert=False,
        )
        urgent = len(s.urgent_calls)
        self.calls_tile.set_value(
            str(len(s.open_calls)),
            _("{n} urgent, waiting to be closed").format(n=urgent) if urgent else _("none urgent"),
            alert=urgent > 0,
        )
        names = "、".join(r.name for r in s.birthdays[:MAX_BIRTHDAY_NAMES])
        if len(s.birthdays) > MAX_BIRTHDAY_NAMES:
            names += _(" and {n} more").format(n=len(s.birthdays) - MAX_BIRTHDAY_NAMES)
        self.birthdays_tile.set_value(str(len(s.birthdays)), names)
        self.due_tile.setVisible(s.assessments_due is not None)
        if s.assessments_due is not None:
            self.due_tile.set_value(str(s.assessments_due), _("due today or overdue"))
        self._show_calls(s.open_calls)

    def _show_calls(self, calls: tuple[CallInfo, ...]) -> None:
        for button in self._call_buttons:
            self.calls_list.removeWidget(button)
            button.deleteLater()
        self._call_buttons = []
        for call in calls[:MAX_CALLS_SHOWN]:
            button = QPushButton(call_line(call))
            urgent = call.urgency is Urgency.URGENT
            button.setStyleSheet(
                "QPushButton { text-align: left; padding: 6px 10px; border: 1px solid #c9d3dd; border-radius: 4px;"
                + (f" color: {ERROR_COLOR}; font-weight: bold; background: #fdecea; }}" if urgent else " }")
            )
            button.clicked.connect(lambda: self.open_area.emit(_("Calls")))
            self.calls_list.addWidget(button)
            self._call_buttons.append(button)
        self.no_calls.setVisible(not calls)

    def call_lines(self) -> list[str]:
        """The open calls listed under the tiles, top to bottom."""
        return [b.text() for b in self._call_buttons]
