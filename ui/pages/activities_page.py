"""活动: a month's group activities (文娱, 健康讲座, 康复 …) and who took part.

◀ ▶ (or PgUp/PgDn) choose the month; the list shows its activities by day and time with
how many came (人次), and the month's totals above it. 新建活动… (Ctrl+N) opens the form;
Enter or a double-click corrects the chosen activity, 作废… takes a mistaken one back.

Below the list, the chosen activity's attendees. Recording who came is the desk's usual
search: type initials (or the last ID digits, or scan the card) and press Enter — the
senior is added at once and the search line is ready for the next. Delete takes the
chosen attendee off the list. A 退出/去世 senior is refused with the reason; a 暂停 one is
added with a warning.

The month's 集体生日会 is one of the activities (warm row): its attendees are the party's
guests who came, shown here read-only; 打开生日会 goes to the 生日会 page (``open_party``
carries the month, the main window switches) where they are recorded.

Everything is read when the page comes into view, the month or center changes, or
something was saved: a month's list and one activity are small indexed queries, read
on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.activity_dto import ActivityInfo, ActivitySummary
from carecenter.desk.finder import DeskSenior
from carecenter.domain.months import month_label
from carecenter.domain.vocab import Status
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from ui.dialogs.activity_dialog import ActivityDialog
from ui.dialogs.meal_void_dialog import VoidDialog
from ui.dialogs.party_dialog import weekday_name
from ui.pages.desk_models import (
    COL_ACT_TITLE,
    COL_ATT_NAME,
    ActivitiesModel,
    AttendeesModel,
    activity_samples,
)
from ui.sections.profile_section import action_button
from ui.widgets.field_row import WARN_COLOR, bold
from ui.widgets.month_page import MonthPage
from ui.widgets.record_table_model import setup_record_view
from ui.widgets.senior_finder import SeniorFinder
from ui.widgets.status_line import StatusLine

NEW_KEYS = "Ctrl+N"
VOID_REASONS = (N_("Entered twice"), N_("Did not take place"), N_("Entered in the wrong month"))


def _reasons(exc: CareCenterError) -> str:
    """A refusal as said under the search line: the reasons alone (they name the senior)."""
    if isinstance(exc, ValidationError):
        return "；".join(e.reason for e in exc.errors)
    if isinstance(exc, FieldError):
        return exc.reason
    return str(exc)


class KeyTable(QTableView):
    """A list that turns Enter (and a double-click) and Delete into requests for the page."""

    enter_pressed = Signal()
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(lambda _index: self.enter_pressed.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.currentIndex().isValid() and not event.modifiers():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter_pressed.emit()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.delete_pressed.emit()
                return
        super().keyPressEvent(event)


class ActivitiesPage(MonthPage):
    """The 活动 page of one center (``set_center``; None: every center's activities, none created)."""

    open_party = Signal(object)  # the month (first day) whose birthday party to show
    changed = Signal()

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent, month_scale=1.3)
        self.activity: ActivityInfo | None = None
        self.model = ActivitiesModel()
        self.attendees_model = AttendeesModel()
        self._build()

    # ---- building --------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("Activities"), self)
        bold(title, 1.4)
        self.chooser.month_changed.connect(lambda _month: self.refresh())
        self.chooser.bind_page_keys(self)
        self.new_button = QPushButton(_("New activity… ({keys})").format(keys=NEW_KEYS), self)
        self.new_button.setObjectName("newActivity")
        self.new_button.setAutoDefault(False)
        bold(self.new_button, 1.1)
        self.new_button.setMinimumHeight(self.new_button.sizeHint().height() + 12)
        self.new_button.clicked.connect(lambda: self.new_activity())
        shortcut = QShortcut(QKeySequence(NEW_KEYS), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.new_activity())
        self.totals = QLabel(self)
        self.totals.setObjectName("monthTotals")
        bold(self.totals, 1.1)
        self.notice = StatusLine(
            self,
            name="pageNotice",
            hint=_("Ctrl+N: new activity · Enter: edit · PgUp/PgDn: month · initials + Enter below: who came"),
        )

        self.table = KeyTable(self)
        self.setFocusProxy(self.table)  # shown from the sidebar, Ctrl+N and Enter work at once
        self.table.setModel(self.model)
        setup_record_view(self.table, activity_samples(), 24, stretch=COL_ACT_TITLE)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._chosen(current.row()))
        self.table.enter_pressed.connect(lambda: self.edit_activity())
        self.edit_button = action_button(_("Edit…"), _("Correct the chosen activity (Enter)"), self)
        self.edit_button.clicked.connect(lambda: self.edit_activity())
        self.void_button = action_button(_("Void…"), _("Take back an activity entered by mistake, with a reason"), self)
        self.void_button.clicked.connect(lambda: self.void_activity())
        list_area = QWidget(self)
        list_layout = QVBoxLayout(list_area)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table, 1)

        self.detail_title = QLabel(self)
        self.detail_title.setObjectName("activityTitle")
        self.detail_title.setWordWrap(True)
        bold(self.detail_title, 1.15)
        self.finder = SeniorFinder(
            self._cc,
            self._actor,
            self._center_id,
            placeholder=_("Who came: initials, last 4 ID digits or member no., then Enter"),
            parent=self,
        )
        self.finder.chosen.connect(self.add_attendee)
        self.detail_notice = StatusLine(self, name="detailNotice")
        self.party_note = QLabel(
            _("The birthday party's guests who came are recorded on the birthday party page."), self
        )
        self.party_note.setWordWrap(True)
        self.party_note.setStyleSheet(f"color: {WARN_COLOR}; font-weight: bold;")
        self.party_button = action_button(_("Open the birthday party"), _("Go to the birthday party page"), self)
        bold(self.party_button)
        self.party_button.clicked.connect(lambda: self.go_to_party())
        self.attendee_table = KeyTable(self)
        self.attendee_table.setModel(self.attendees_model)
        setup_record_view(self.attendee_table, {COL_ATT_NAME: "欧阳秀英", 1: "M000000"}, 24)
        self.attendee_table.horizontalHeader().setStretchLastSection(True)
        self.attendee_table.delete_pressed.connect(lambda: self.remove_attendee())
        self.remove_button = action_button(
            _("Take off the list"), _("Take the chosen senior off the list (Delete)"), self
        )
        self.remove_button.clicked.connect(lambda: self.remove_attendee())
        self.attendees_title = QLabel(self)
        bold(self.attendees_title)

        left = QVBoxLayout()
        left.addWidget(self.detail_title)
        left.addWidget(self.finder)
        left.addWidget(self.party_note)
        party_row = QHBoxLayout()
        party_row.addWidget(self.party_button)
        party_row.addStretch(1)
        left.addLayout(party_row)
        left.addWidget(self.detail_notice)
        left.addStretch(1)
        right = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(self.attendees_title, 1)
        heading.addWidget(self.remove_button)
        right.addLayout(heading)
        right.addWidget(self.attendee_table, 1)
        detail = QWidget(self)
        detail_layout = QHBoxLayout(detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        detail_layout.addLayout(left, 3)
        detail_layout.addSpacing(12)
        detail_layout.addLayout(right, 2)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(list_area)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([360, 240])
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(24)
        top.addWidget(self.chooser)
        top.addSpacing(24)
        top.addWidget(self.totals, 1)
        top.addWidget(self.new_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.void_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        self._show_activity(None)

    # ---- what is shown ---------------------------------------------------------------------

    def refresh(self, select_activity: int | None = None) -> None:
        """Read the month again; keep (or move to) the chosen activity."""
        keep = select_activity if select_activity is not None else (self.activity.id if self.activity else None)
        try:
            rows = self._cc.activities.list(self._actor, self._center_id, self.month())
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return
        with QSignalBlocker(self.table.selectionModel()):
            self.model.set_records(rows)
        self.totals.setText(
            _("{month}: {n} activities · {m} attendances").format(
                month=month_label(self.month()), n=len(rows), m=self.model.person_times()
            )
        )
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            with QSignalBlocker(self.table.selectionModel()):
                self.table.selectRow(row)
            self._chosen(row)
        else:
            self._show_activity(None)
        self.finder.set_center(self._center_id)

    def _chosen(self, row: int) -> None:
        summary = self.model.record(row)
        if summary is None:
            self._show_activity(None)
            return
        try:
            self._show_activity(self._cc.activities.get(summary.id, self._actor))
        except CareCenterError as exc:
            self.say(str(exc), ok=False)

    def _show_activity(self, activity: ActivityInfo | None) -> None:
        if activity is None or self.activity is None or activity.id != self.activity.id:
            self.detail_notice.say("")
        self.activity = activity
        linked = activity is not None and activity.linked
        self.finder.setVisible(activity is not None and not linked)
        self.party_note.setVisible(linked)
        self.party_button.setVisible(linked)
        self.remove_button.setVisible(not linked)
        self.remove_button.setEnabled(activity is not None and bool(activity.attendees))
        self.edit_button.setEnabled(activity is not None)
        self.void_button.setEnabled(activity is not None and not linked)
        self.attendees_model.set_records(activity.attendees if activity else ())
        if activity is None:
            self.detail_title.setText(_("Choose an activity to see and record who came."))
            self.attendees_title.setText(_("Attendees"))
            return
        self.finder.set_center(activity.center_id)
        when = f"{activity.held_on.isoformat()}（{weekday_name(activity.held_on)}）"
        if activity.starts_at:
            when = f"{when} {activity.starts_at:%H:%M}"
        parts = [activity.title, when, activity.place, activity.staff_name]
        self.detail_title.setText(" · ".join(p for p in parts if p))
        self.attendees_title.setText(_("Attendees ({n})").format(n=activity.count))

    def say(self, text: str, ok: bool = True) -> None:
        """A line beside the buttons: what was done, in red what went wrong; nothing to say shows the keys."""
        self.notice.say(text, ok)

    def say_below(self, text: str, ok: bool = True) -> None:
        """A line under the search: who was added or removed, or in red why not."""
        self.detail_notice.say(text, ok)

    # ---- the activity ----------------------------------------------------------------------

    def _suggestions(self) -> tuple[list[str], list[str]]:
        """The month's titles and places, for the form to suggest."""
        rows: list[ActivitySummary] = self.model.records()
        titles = list(dict.fromkeys(r.title for r in rows if not r.linked))
        places = list(dict.fromkeys(r.place for r in rows if r.place))
        return titles, places

    def new_activity(self) -> bool:
        """新建活动: the form (on today, or the month's first day when another month is shown)."""
        if self._center_id is None:
            self.say(_("Choose a center first: an activity belongs to one center."), ok=False)
            return False
        today = self._clock.today()
        day = today if self.month() == today.replace(day=1) else self.month()
        titles, places = self._suggestions()
        made = ActivityDialog(
            self._cc, self._actor, self._center_id, day=day, titles=titles, places=places, parent=self
        ).run()
        if made is None:
            return False
        self.set_month(made.held_on)
        self.refresh(select_activity=made.id)
        self.say(_("Created: {title}. Type who came below.").format(title=made.title))
        # Once the dialog has handed the focus back: ready for who came.
        QTimer.singleShot(0, self, lambda: self.finder.box.setFocus(Qt.FocusReason.OtherFocusReason))
        self.changed.emit()
        return True

    def edit_activity(self) -> bool:
        activity = self.activity
        if activity is None:
            return False
        titles, places = self._suggestions()
        dialog = ActivityDialog(
            self._cc, self._actor, activity.center_id, activity, titles=titles, places=places, parent=self
        )
        try:
            accepted = dialog.exec() == ActivityDialog.DialogCode.Accepted and dialog.saved is not None
            if dialog.go_to_party:
                self.go_to_party()
                return False
            if not accepted or dialog.saved is None:
                return False
            saved = dialog.saved
        finally:
            dialog.deleteLater()
        self.set_month(saved.held_on)
        self.refresh(select_activity=saved.id)
        self.say(_("Saved."))
        self.changed.emit()
        return True

    def void_activity(self) -> bool:
        activity = self.activity
        if activity is None or activity.linked:
            return False
        dialog: VoidDialog[ActivityInfo] = VoidDialog(
            _("Void the activity"),
            activity.title,
            _("The activity leaves the month's list and counts; the trail keeps it with the reason."),
            _("Void"),
            lambda reason: self._cc.activities.void(activity.id, reason, self._actor),
            VOID_REASONS,
            parent=self,
        )
        if dialog.run() is None:
            return False
        self.activity = None
        self.refresh()
        self.say(_("Voided: {title}.").format(title=activity.title))
        self.changed.emit()
        return True

    def go_to_party(self) -> None:
        """打开生日会: the main window shows the 生日会 page on this activity's month."""
        if self.activity is not None:
            self.open_party.emit(self.activity.held_on.replace(day=1))

    # ---- who came --------------------------------------------------------------------------

    def add_attendee(self, card: DeskSenior) -> bool:
        """A senior chosen in the search line came: added at once (refusals said in red, nothing changed)."""
        activity = self.activity
        if activity is None or activity.linked:
            return False
        try:
            info = self._cc.activities.add_attendee(activity.id, card.id, self._actor)
        except CareCenterError as exc:
            self.say_below(_reasons(exc), ok=False)
            return False
        self._after_attendance(info)
        if card.status is Status.PAUSED:
            note = _("{name} added — note: {name} is {status}.").format(name=card.name, status=card.status.label)
            self.detail_notice.warn(note)
        else:
            self.say_below(_("{name} added ({n} attended).").format(name=card.name, n=info.count))
        row = next((r for r, a in enumerate(info.attendees) if a.senior_id == card.id), None)
        if row is not None:
            self.attendee_table.selectRow(row)
        return True

    def remove_attendee(self) -> bool:
        """Delete: the chosen senior off the list (entered by mistake)."""
        activity = self.activity
        index = self.attendee_table.currentIndex()
        attendee = self.attendees_model.record(index.row()) if index.isValid() else None
        if activity is None or activity.linked or attendee is None:
            return False
        try:
            info = self._cc.activities.remove_attendee(activity.id, attendee.senior_id, self._actor)
        except CareCenterError as exc:
            self.say_below(_reasons(exc), ok=False)
            return False
        self._after_attendance(info)
        self.say_below(_("{name} removed ({n} attended).").format(name=attendee.name, n=info.count))
        if info.attendees:
            self.attendee_table.selectRow(min(index.row(), len(info.attendees) - 1))
        return True

    def _after_attendance(self, info: ActivityInfo) -> None:
        """The list's 人次 and the month's totals follow, without losing the search line's place."""
        self.refresh(select_activity=info.id)
        self.changed.emit()

    # ---- for tests and the screenshots ------------------------------------------------------

    def listed(self, column: int) -> list[str]:
        return [self.model.display_text(row, column) for row in range(self.model.rowCount())]

    def select(self, activity_id: int) -> None:
        row = self.model.row_of(activity_id)
        if row is not None:
            self.table.selectRow(row)
