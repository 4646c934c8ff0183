"""呼叫助急: the call log at the desk — log a call while the caller is on the line, follow up, close.

新来电… (or F2 anywhere on the page) opens the call form (:class:`CallDialog`). The page
shows two lists:

- **未结案** — every open call of the center, whatever its day: urgent ones first, bold
  and red on a pink row (they also stay on the today page until closed), then by
  follow-up date. A normal call without a follow-up date is done when logged and is not here.
- **本月来电** — every call received this month, newest first, closed ones greyed.

结案… (Ctrl+Enter) closes the chosen call with a note (required for an urgent one),
修改… (Enter or a double-click) corrects it, 作废… takes a mistaken entry back with a
reason. The buttons act on the row chosen in whichever list was used last.

Both lists are small indexed queries read on the UI thread: when the page comes into
view, when the center changes, and after every change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.call_dto import CallInfo
from carecenter.domain.months import first_day
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from ui.dialogs.call_dialog import CallDialog
from ui.dialogs.close_call_dialog import CloseCallDialog
from ui.dialogs.meal_void_dialog import VoidDialog
from ui.pages.desk_models import COL_CALL_REASON, CallsModel, call_samples
from ui.sections.profile_section import action_button
from ui.widgets.center_page import CenterPage
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, bold
from ui.widgets.record_table_model import setup_record_view
from ui.widgets.status_line import StatusLine

NEW_CALL_KEYS = "F2"
CLOSE_KEYS = "Ctrl+Return"
VOID_REASONS = (N_("Logged twice"), N_("Wrong senior chosen"), N_("Not a call to the center"))


def keys_hint() -> str:
    return _("F2: new call · Enter: correct · Ctrl+Enter: close the chosen call · urgent calls stay until closed")


class CallTable(QTableView):
    """A list of calls: Enter (or a double-click) asks to correct the chosen call."""

    edit_requested = Signal()

    def __init__(self, model: CallsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        setup_record_view(self, call_samples(), 24, stretch=COL_CALL_REASON)
        self.doubleClicked.connect(lambda _index: self.edit_requested.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
            and self.currentIndex().isValid()
        ):
            self.edit_requested.emit()
            return
        super().keyPressEvent(event)


class CallsPage(CenterPage):
    """The 呼叫助急 page of one center (``set_center``; None: every center's calls)."""

    changed = Signal()  # a call was logged, closed, corrected or voided (the today page counts open urgent calls)

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent)
        today = self._clock.today()
        self.open_model = CallsModel(today)
        self.month_model = CallsModel(today)
        self._build()
        self._last_table = self.open_table

    # ---- building --------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("Calls and emergencies"), self)
        bold(title, 1.4)
        self.new_button = QPushButton(_("New call… ({keys})").format(keys=NEW_CALL_KEYS), self)
        self.new_button.setObjectName("newCall")
        self.new_button.setAutoDefault(False)
        bold(self.new_button, 1.15)
        self.new_button.setMinimumHeight(self.new_button.sizeHint().height() + 14)
        self.new_button.clicked.connect(lambda: self.new_call())
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("callCounts")
        bold(self.counts_label, 1.15)
        self.notice = StatusLine(self, name="pageNotice", hint=keys_hint())

        self.open_title = QLabel(self)
        bold(self.open_title, 1.1)
        self.open_table = CallTable(self.open_model, self)
        self.setFocusProxy(self.open_table)  # shown from the sidebar, F2 works at once
        self.month_title = QLabel(self)
        bold(self.month_title, 1.1)
        self.month_table = CallTable(self.month_model, self)
        for table in (self.open_table, self.month_table):
            table.edit_requested.connect(lambda: self.edit_call())
            table.selectionModel().currentRowChanged.connect(lambda *_a, t=table: self._used(t))

        self.close_button = action_button(
            _("Close…"), _("The follow-up is done: close the call with a note (Ctrl+Enter)"), self
        )
        self.close_button.clicked.connect(lambda: self.close_call())
        self.edit_button = action_button(_("Correct…"), _("Correct the chosen call (Enter)"), self)
        self.edit_button.clicked.connect(lambda: self.edit_call())
        self.void_button = action_button(_("Void…"), _("Take back a call logged by mistake, with a reason"), self)
        self.void_button.clicked.connect(lambda: self.void_call())

        for keys, slot in (
            (NEW_CALL_KEYS, self.new_call),
            (CLOSE_KEYS, self.close_call),
            ("Ctrl+Enter", self.close_call),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda slot=slot: slot())

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(24)
        top.addWidget(self.new_button)
        top.addSpacing(24)
        top.addWidget(self.counts_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.void_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.open_title)
        layout.addWidget(self.open_table, 3)
        layout.addWidget(self.month_title)
        layout.addWidget(self.month_table, 2)

    # ---- what is shown ---------------------------------------------------------------------

    def refresh(self, select_call: int | None = None) -> None:
        """Read the open calls and this month's again; keep (or move to) the chosen call."""
        today = self._clock.today()
        keep = select_call if select_call is not None else (c.id if (c := self.current_call()) else None)
        try:
            opened = self._cc.calls.open_calls(self._actor, self._center_id)
            month = self._cc.calls.list(self._actor, self._center_id, first_day(today), today)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return
        for model, rows in ((self.open_model, opened), (self.month_model, month)):
            model.today = today
            model.set_records(rows)
        urgent = sum(1 for c in opened if c.urgent)
        self.open_title.setText(_("Open calls ({n})").format(n=len(opened)))
        self.month_title.setText(_("Calls this month ({n})").format(n=len(month)))
        self.counts_label.setText(_("{n} urgent calls open").format(n=urgent) if urgent else _("No urgent call open"))
        self.counts_label.setStyleSheet(f"color: {ERROR_COLOR if urgent else INFO_COLOR};")
        if keep is not None:
            for table, model in ((self.open_table, self.open_model), (self.month_table, self.month_model)):
                row = model.row_of(keep)
                if row is not None:
                    table.selectRow(row)
                    self._last_table = table
                    break
        self._update_buttons()

    def _used(self, table: CallTable) -> None:
        self._last_table = table
        self._update_buttons()

    def current_call(self) -> CallInfo | None:
        """The call chosen in the list used last (None when nothing is chosen there)."""
        table = getattr(self, "_last_table", None)
        if table is None:
            return None
        index = table.currentIndex()
        model = table.model()
        assert isinstance(model, CallsModel)
        return model.record(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        call = self.current_call()
        self.close_button.setEnabled(call is not None and call.is_open)
        self.edit_button.setEnabled(call is not None and not call.voided)
        self.void_button.setEnabled(call is not None and not call.voided)

    def say(self, text: str, ok: bool = True) -> None:
        """A line beside the buttons: what was done, in red what went wrong; nothing to say shows the keys."""
        self.notice.say(text, ok)

    def _done(self, call: CallInfo, note: str) -> None:
        self.refresh(select_call=call.id)
        self.say(note)
        self.changed.emit()

    # ---- actions ---------------------------------------------------------------------------

    def new_call(self) -> bool:
        """新来电: the call form; once saved the call is chosen in the list it belongs to."""
        call = CallDialog(self._cc, self._actor, self._center_id, self._clock, parent=self).run()
        if call is None:
            return False
        who = call.senior_name or call.caller_name or call.caller_kind.label
        if call.urgent:
            note = _("Urgent call logged: {who}. It stays open until closed with a note.")
        elif call.is_open:
            note = _("Call logged: {who}; follow up on {day}.")
        else:
            note = _("Call logged: {who}.")
        if call.incident_kind is not None:
            note = _("{note} Incident recorded: {kind}.").format(note=note, kind=call.incident_kind.label)
        self._done(call, note.format(who=who, day=call.follow_up_on))
        return True

    def edit_call(self) -> bool:
        call = self.current_call()
        if call is None or call.voided:
            return False
        saved = CallDialog(self._cc, self._actor, self._center_id, self._clock, call=call, parent=self).run()
        if saved is None:
            return False
        self._done(saved, _("Saved."))
        return True

    def close_call(self) -> bool:
        """结案…: the closing note (required for an urgent call)."""
        call = self.current_call()
        if call is None or not call.is_open:
            return False
        closed = CloseCallDialog(self._cc, self._actor, call, parent=self).run()
        if closed is None:
            return False
        self._done(closed, _("The call is closed."))
        return True

    def void_call(self) -> bool:
        call = self.current_call()
        if call is None or call.voided:
            return False
        who = call.senior_name or call.caller_name or call.caller_kind.label
        dialog: VoidDialog[CallInfo] = VoidDialog(
            _("Void the call"),
            f"{who}：{' '.join(call.reason.split())}",
            _("The call leaves every list; the trail keeps it with the reason. An incident it recorded stays."),
            _("Void"),
            lambda reason: self._cc.calls.void(call.id, reason, self._actor),
            VOID_REASONS,
            parent=self,
        )
        voided = dialog.run()
        if voided is None:
            return False
        self._done(voided, _("The call is voided."))
        return True

    # ---- for tests and the screenshots ------------------------------------------------------

    def open_texts(self, column: int) -> list[str]:
        return [self.open_model.display_text(row, column) for row in range(self.open_model.rowCount())]
