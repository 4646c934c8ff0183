"""新来电: log a call while the caller is still on the line — who it is about, who called, why, what was done.

The left column is about people: the desk's search line finds the senior (optional: a
neighbour may call about someone not registered); once chosen, their phone, address and
emergency contacts show at once, because that is what the desk reaches for during an
emergency. Then the caller (本人, 家属, 邻居 …), name, phone and the time of the call.

The right column is the call: the reason, a big red 紧急 toggle (Space when focused), what
was done and the follow-up date, and 同时记录事件: a fall reported by phone is recorded in
the same step (kind and what happened; the incident's day is the call's, its action what
was done) — both are saved, or neither.

A refused save keeps everything typed and puts each reason under its field (the
incident's under the incident's fields); closing with unsaved typing asks first. The same
dialog corrects a call (``call`` given; the incident, if any, is corrected in the senior's
incident log). UI thread only: each save is one short core call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.incidents import FIELD_LABELS as INCIDENT_LABELS
from carecenter.care.incidents import IncidentInput
from carecenter.clock import Clock
from carecenter.desk.call_dto import FIELD_LABELS, INCIDENT_FIELD_PREFIX, CallInfo, CallInput
from carecenter.desk.finder import DeskSenior
from carecenter.domain.desk_vocab import CallerKind, Urgency
from carecenter.domain.vocab import IncidentKind
from carecenter.errors import CareCenterError, FieldError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.attendance_dialogs import parse_clock
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold
from ui.widgets.form_dialog import FormDialog, form_layout
from ui.widgets.senior_finder import SeniorFinder, card_line

URGENT_STYLE = (
    f"QPushButton {{ border: 2px solid {ERROR_COLOR}; border-radius: 6px; color: {ERROR_COLOR};"
    " background: white; padding: 6px; }"
    f"QPushButton:checked {{ background: {ERROR_COLOR}; color: white; }}"
    "QPushButton:focus { outline: none; border: 3px solid #1d5f99; }"
)


def text_box(parent: QWidget, placeholder: str, lines: int = 3) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on, as in every other field."""
    box = QPlainTextEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().height() * lines + 12)
    return box


class CallDialog(FormDialog[CallInfo]):
    """Log a new call for ``center_id`` (None: the center is chosen here), or correct ``call``; ``saved`` after 保存."""

    refusals_in_box = True

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None,
        clock: Clock | None = None,
        call: CallInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Correct the call") if call is not None else _("New call"), parent)
        self._cc = cc
        self._actor = actor
        self._clock = clock or cc.clock
        self._call = call
        self.expected_version = call.version if call is not None else None
        self.senior: DeskSenior | None = None
        now = self._clock.now()

        # ---- left: who ----
        self.finder = SeniorFinder(cc, actor, center_id, _("Senior: initials, ID last 4 or member no."), parent=self)
        self.finder.chosen.connect(self.choose_senior)
        self.senior_card = QLabel(self)
        self.senior_card.setObjectName("seniorCard")
        self.senior_card.setWordWrap(True)
        self.senior_card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.senior_card.setStyleSheet("QLabel#seniorCard { background: #eef2f6; border-radius: 6px; padding: 8px; }")
        self.no_senior_button = QPushButton(_("No registered senior"), self)
        self.no_senior_button.setAutoDefault(False)
        self.no_senior_button.setToolTip(_("The call is about someone who is not registered, or about nobody"))
        self.no_senior_button.clicked.connect(lambda: self.choose_senior(None))
        self.center_combo = QComboBox(self)
        for center in cc.centers.list():
            self.center_combo.addItem(f"{center.name}（{center.code}）", center.id)
        if center_id is not None:
            self.center_combo.setCurrentIndex(max(0, self.center_combo.findData(center_id)))
        self.kind_combo = QComboBox(self)
        for kind in CallerKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(_("e.g. 李红 (daughter)"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText("138 0371 2233")
        self.day_edit = DateEdit(now.date(), parent=self)
        self.day_edit.set_date(now.date())
        self.time_edit = QLineEdit(now.strftime("%H:%M"), self)
        self.time_edit.setMaximumWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00") + 40)
        self.time_edit.setAccessibleName(_("Time of the call"))
        when = QWidget(self)
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.day_edit, 1)
        when_row.addWidget(self.time_edit)

        left = form_layout()
        self.add_row(left, "senior_id", self.finder, _("Senior"), buddy=self.finder.box)
        left.addRow("", self.senior_card)
        left.addRow("", self.no_senior_button)
        self.add_row(left, "center_id", self.center_combo, _("Center"))
        self.center_caption = left.labelForField(self.rows["center_id"])
        self.add_row(left, "caller_kind", self.kind_combo, _("Caller"), required=True)
        self.add_row(left, "caller_name", self.name_edit, _("Caller's name"))
        self.add_row(left, "caller_phone", self.phone_edit, _("Caller's phone"))
        self.add_row(left, "received_at", when, _("Time of the call"), required=True, buddy=self.day_edit.line)

        # ---- right: the call ----
        self.reason_edit = text_box(self, _("e.g. fell at home and cannot get up; asks for a meal delivery"))
        self.urgent_button = QPushButton(_("Urgent"), self)
        self.urgent_button.setObjectName("urgentToggle")
        self.urgent_button.setCheckable(True)
        self.urgent_button.setAutoDefault(False)
        self.urgent_button.setStyleSheet(URGENT_STYLE)
        bold(self.urgent_button, 1.3)
        self.urgent_button.setMinimumHeight(self.urgent_button.sizeHint().height() + 16)
        self.urgent_button.setMinimumWidth(160)
        self.urgent_button.setToolTip(_("Space: mark the call urgent (or not)"))
        self.urgent_button.toggled.connect(self._urgency_changed)
        self.action_edit = text_box(self, _("e.g. called the community doctor; told her son"))
        self.follow_up_edit = DateEdit(now.date(), optional=True, parent=self)
        right = form_layout()
        self.add_row(right, "reason", self.reason_edit, _("Reason for the call"), required=True)
        self.urgent_note = QLabel(self)
        self.urgent_note.setWordWrap(True)
        self.urgent_note.setStyleSheet(f"color: {ERROR_COLOR};")
        urgency = QWidget(self)
        urgency_row = QHBoxLayout(urgency)
        urgency_row.setContentsMargins(0, 0, 0, 0)
        urgency_row.addWidget(self.urgent_button)
        urgency_row.addWidget(self.urgent_note, 1)
        self.add_row(right, "urgency", urgency, _("Urgency"), buddy=self.urgent_button)
        self.add_row(right, "action_taken", self.action_edit, _("What was done"))
        self.add_row(right, "follow_up_on", self.follow_up_edit, _("Follow up on"), buddy=self.follow_up_edit.line)
        self.incident_box = self._incident_group()

        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        columns = QHBoxLayout()
        left_side = QVBoxLayout()
        left_side.addLayout(left)
        left_side.addStretch(1)
        right_side = QVBoxLayout()
        right_side.addLayout(right)
        right_side.addWidget(self.incident_box)
        right_side.addStretch(1)
        columns.addLayout(left_side, 1)
        columns.addSpacing(16)
        columns.addLayout(right_side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.banner)
        layout.addWidget(box)
        self.setTabOrder(self.finder.box, self.kind_combo)
        for widget in (self.reason_edit, self.action_edit):
            widget.textChanged.connect(self._clear_errors_of(widget))
        if call is not None:
            self._fill(call)
        else:
            self.choose_senior(None)
        self._urgency_changed(self.urgent_button.isChecked())
        self.ask_before_discarding(_("The call has not been saved. Close and discard it?"))
        self.resize(1140, 700)
        self.finder.box.setFocus()

    # ---- building ------------------------------------------------------------------------

    def _incident_group(self) -> QGroupBox:
        group = QGroupBox(_("Also record an incident"), self)
        group.setObjectName("incidentGroup")
        group.setCheckable(True)
        group.setChecked(False)
        bold(group)
        self.incident_kind = QComboBox(group)
        for kind in IncidentKind:
            self.incident_kind.addItem(kind.label, kind.value)
        self.incident_kind.setPlaceholderText(_("Please choose"))
        self.incident_kind.setCurrentIndex(-1)
        self.incident_text = text_box(group, _("e.g. slipped in the bathroom, right knee grazed"), lines=2)
        self.incident_hint = QLabel(group)
        self.incident_hint.setWordWrap(True)
        self.incident_hint.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
        form = form_layout(group)
        form.addRow(self.incident_hint)
        prefix = INCIDENT_FIELD_PREFIX
        self.add_row(form, prefix + "kind", self.incident_kind, _(INCIDENT_LABELS["kind"]), required=True)
        self.add_row(form, prefix + "description", self.incident_text, _(INCIDENT_LABELS["description"]), required=True)
        for field in ("occurred_on", "ended_on", "action_taken"):  # the call's day and action: said under the kind
            self.rows[prefix + field] = self.rows[prefix + "kind"]
        self.incident_kind.currentIndexChanged.connect(lambda _i: self.rows[prefix + "kind"].clear_error())
        self.incident_text.textChanged.connect(self._clear_errors_of(self.incident_text))
        return group

    def _clear_errors_of(self, widget: QWidget) -> Callable[[], None]:
        def clear() -> None:
            for row in self.rows.values():
                if row.widget is widget:
                    row.clear_error()

        return clear

    def _fill(self, call: CallInfo) -> None:
        if call.senior_id is not None:
            self.choose_senior(self._cc.desk.card(call.senior_id, self._actor))
        else:
            self.choose_senior(None)
        self.center_combo.setCurrentIndex(max(0, self.center_combo.findData(call.center_id)))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(call.caller_kind.value))
        self.name_edit.setText(call.caller_name)
        self.phone_edit.setText(call.caller_phone)
        self.day_edit.set_date(call.received_at.date())
        self.time_edit.setText(call.received_at.strftime("%H:%M"))
        self.reason_edit.setPlainText(call.reason)
        self.urgent_button.setChecked(call.urgent)
        self.action_edit.setPlainText(call.action_taken)
        self.follow_up_edit.set_date(call.follow_up_on)
        self.incident_box.setVisible(False)  # an incident is recorded with the call, or in the senior's log

    # ---- the senior ------------------------------------------------------------------------

    def choose_senior(self, card: DeskSenior | None) -> None:
        """Show the chosen senior's card (phone, address, emergency contacts), or "no registered senior"."""
        if self._call is not None and self._call.incident_id is not None and card is None:
            card = self.senior  # the incident is theirs: the core would refuse the change anyway
        self.senior = card
        self.rows["senior_id"].clear_error()
        if card is None:
            self.senior_card.setText(_("No registered senior: choose the center the call is for."))
        else:
            self.senior_card.setText(self._card_text(card))
        show_center = card is None
        self.rows["center_id"].setVisible(show_center)
        if self.center_caption is not None:
            self.center_caption.setVisible(show_center)
        self.no_senior_button.setVisible(card is not None)
        has_senior = card is not None
        self.incident_box.setEnabled(has_senior)
        self.incident_hint.setText(
            _("The incident is added to the senior's log, dated the day of the call; its action is what was done.")
            if has_senior
            else _("Choose the senior first: an incident is always someone's.")
        )
        if not has_senior:
            self.incident_box.setChecked(False)
        if card is not None and self.isVisible():  # on to the caller, once the search line has let go
            QTimer.singleShot(0, self, lambda: self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason))

    def _card_text(self, card: DeskSenior) -> str:
        lines = [f"<b>{card_line(card)}</b>"]
        try:
            detail = self._cc.seniors.get(card.id, self._actor)
        except CareCenterError:
            detail = None
        phones = "、".join(detail.phones) if detail is not None and detail.phones else card.phone
        lines.append(_("Phone: {phone}").format(phone=phones or "—"))
        lines.append(_("Address: {address}").format(address=card.address or "—"))
        if detail is not None and detail.contacts:
            contacts = "；".join(
                " ".join(t for t in (f"{c.name}（{c.relation}）" if c.relation else c.name, c.phone) if t)
                for c in detail.contacts
            )
            lines.append(_("Emergency contacts: {contacts}").format(contacts=contacts))
        else:
            lines.append(_("Emergency contacts: none recorded"))
        return "<br>".join(lines)

    # ---- values --------------------------------------------------------------------------

    def _urgency_changed(self, urgent: bool) -> None:
        self.urgent_button.setText(_("⚠ Urgent") if urgent else _("Urgent?"))
        self.urgent_note.setText(
            _("An urgent call stays on the today page until it is closed with a note.") if urgent else ""
        )

    def state(self) -> tuple[object, ...]:
        """What was chosen or typed, to tell whether closing would lose it."""
        return (
            self.senior.id if self.senior else None,
            self.center_combo.currentIndex(),
            self.kind_combo.currentIndex(),
            self.name_edit.text(),
            self.phone_edit.text(),
            self.day_edit.text(),
            self.time_edit.text(),
            self.reason_edit.toPlainText(),
            self.urgent_button.isChecked(),
            self.action_edit.toPlainText(),
            self.follow_up_edit.text(),
            self.incident_box.isChecked(),
            self.incident_kind.currentIndex(),
            self.incident_text.toPlainText(),
        )

    def entry(self) -> tuple[CallInput, IncidentInput | None]:
        """The form as typed; ValidationError for what only the form can tell (unreadable dates, no incident kind)."""
        problems: list[FieldError] = []
        received: dt.datetime | None = None
        try:
            day = self.day_edit.date()
            clock = parse_clock(self.time_edit.text())
        except (DateTextError, ValueError) as exc:
            problems.append(labelled(FIELD_LABELS, "received_at", str(exc)))
        else:
            if day is None or clock is None:
                problems.append(labelled(FIELD_LABELS, "received_at", _("is required")))
            else:
                received = dt.datetime.combine(day, clock)
        follow_up = None
        try:
            follow_up = self.follow_up_edit.date()
        except DateTextError as exc:
            problems.append(labelled(FIELD_LABELS, "follow_up_on", str(exc)))
        incident = None
        if self.incident_box.isEnabled() and self.incident_box.isChecked():
            value = self.incident_kind.currentData()
            if self.incident_kind.currentIndex() < 0 or not value:
                reason = _("please choose what happened")
                problems.append(FieldError(INCIDENT_FIELD_PREFIX + "kind", _(INCIDENT_LABELS["kind"]), reason))
            elif received is not None:
                incident = IncidentInput(
                    IncidentKind.of(value),
                    received.date(),
                    self.incident_text.toPlainText(),
                    self.action_edit.toPlainText(),
                )
        if problems or received is None:
            raise ValidationError(problems)
        data = CallInput(
            caller_kind=CallerKind.of(self.kind_combo.currentData()),
            reason=self.reason_edit.toPlainText(),
            senior_id=self.senior.id if self.senior else None,
            center_id=None if self.senior else self.center_combo.currentData(),
            received_at=received,
            caller_name=self.name_edit.text(),
            caller_phone=self.phone_edit.text(),
            urgency=Urgency.URGENT if self.urgent_button.isChecked() else Urgency.NORMAL,
            action_taken=self.action_edit.toPlainText(),
            follow_up_on=follow_up,
        )
        return data, incident

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """保存: on refusal show each reason under its field and store nothing."""

        def store() -> CallInfo:
            data, incident = self.entry()
            if self._call is None:
                return self._cc.calls.log(data, self._actor, incident)
            return self._cc.calls.update(
                self._call.id, data, self._actor, expected_version=self.expected_version, opened=self._call
            )

        return self.submit(store)

    def stored_now(self) -> CallInfo | None:
        return self._cc.calls.get(self._call.id, self._actor) if self._call is not None else None
