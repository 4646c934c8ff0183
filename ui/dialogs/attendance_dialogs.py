"""签退, 更正时间 and 作废: the three small forms of one day-care check-in.

- **签退…** asks who picked the senior up (free text: 女儿 李红, 自行回家 …) and the time,
  which starts at now; Enter saves.
- **更正时间…** shows the recorded times to change, a blank check-out meaning "not checked
  out"; a reason is required (the audit trail keeps old and new times with it).
- **作废…** takes a mistaken check-in back, with a reason (选错了人 …); the record stays.

Times are typed as staff write them: 8:30, 08:30, 0830, 8.30 or 8：30. A refused save keeps
what was typed and shows each reason under its field; nothing is saved. Each dialog makes
its one core call itself; ``saved`` holds the record afterwards. UI thread only.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from carecenter.actor import Actor
from carecenter.desk.attendance_dto import FIELD_LABELS, AttendanceInfo, clock_text
from carecenter.domain.text import LIMITS, to_halfwidth
from carecenter.errors import CareCenterError, FieldError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import bold
from ui.widgets.form_dialog import FormDialog, form_layout, quiet_label

_TIME = re.compile(r"^(\d{1,2})\s*[:.：]\s*(\d{2})$|^(\d{1,2})(\d{2})$")

# What the void reason box offers; anything else can be typed.
VOID_REASONS = (N_("Wrong senior chosen"), N_("Checked in twice by mistake"), N_("Did not come after all"))
VOID_LABELS = {"void_reason": N_("Reason for voiding")}


def parse_clock(text: str) -> dt.time | None:
    """The time of day ``text`` names (None when blank); ValueError with the reason otherwise."""
    value = to_halfwidth(text).strip()
    if not value:
        return None
    match = _TIME.match(value)
    if match is not None:
        hour, minute = (int(g) for g in (match.group(1, 2) if match.group(1) else match.group(3, 4)))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValueError(_("“{text}” is not a time; type it like 08:30").format(text=text.strip()))


class _AttendanceForm(FormDialog[AttendanceInfo]):
    """What the three forms share: the heading with the day's times, the rows, Save/Cancel."""

    def __init__(self, cc: CareCenter, actor: Actor, record: AttendanceInfo, title: str, parent: QWidget | None):
        super().__init__(title.format(name=record.name), parent)
        self._cc = cc
        self._actor = actor
        self.record = record
        heading = QLabel(f"{record.name}　{record.member_no}", self)
        bold(heading, 1.3)
        self.summary = quiet_label(self._summary(), self)
        self.form = form_layout()
        self.button_box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        self.lay_out(heading, self.summary, 6, self.form, buttons=self.button_box)

    def _summary(self) -> str:
        r = self.record
        text = _("{day}: checked in at {time}").format(day=r.day.isoformat(), time=clock_text(r.checked_in_at))
        if r.checked_out_at is not None:
            text = _("{text}, checked out at {time}").format(text=text, time=clock_text(r.checked_out_at))
        return text

    def _line(self, field: str, text: str = "", placeholder: str = "", required: bool = False) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(edit.sizeHint().height() + 8)
        self._add(field, edit, required, FIELD_LABELS)
        edit.textEdited.connect(lambda _text: self.rows[field].clear_error())
        return edit

    def _add(self, field: str, widget: QWidget, required: bool, labels: dict[str, str]) -> None:
        self.add_row(self.form, field, widget, _(labels[field]), required=required, align=Qt.AlignmentFlag.AlignVCenter)

    def _time(self, field: str, edit: QLineEdit, problems: list[FieldError]) -> dt.datetime | None:
        """The typed time on the record's day; a reason under the field when it cannot be read."""
        try:
            clock = parse_clock(edit.text())
        except ValueError as exc:
            problems.append(labelled(FIELD_LABELS, field, str(exc)))
            return None
        return dt.datetime.combine(self.record.day, clock) if clock is not None else None

    def save(self) -> None:
        """One core call; a refusal shows each reason under its field and keeps the dialog open."""
        self.submit(self._call)

    def _call(self) -> AttendanceInfo:
        raise NotImplementedError


class CheckOutDialog(_AttendanceForm):
    """签退: who picked the senior up, and when (now unless changed)."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        record: AttendanceInfo,
        parent: QWidget | None = None,
        suggestions: list[str] | None = None,
    ) -> None:
        super().__init__(cc, actor, record, _("Check out: {name}"), parent)
        now = cc.clock.now()
        self.picked_edit = self._line("picked_up_by", placeholder=_("e.g. daughter 李红, went home alone"))
        self.picked_edit.setMaxLength(LIMITS["contact_name"])
        if suggestions:
            self.picked_edit.setCompleter(QCompleter(suggestions, self))
        self.time_edit = self._line("checked_out_at", clock_text(now), placeholder="16:30", required=True)
        self.resize(560, self.sizeHint().height())
        self.picked_edit.setFocus()

    def _call(self) -> AttendanceInfo:
        problems: list[FieldError] = []
        when = self._time("checked_out_at", self.time_edit, problems)
        if when is None and not problems:
            problems.append(labelled(FIELD_LABELS, "checked_out_at", _("is required")))
        if problems:
            raise ValidationError(problems)
        return self._cc.attendance.check_out(self.record.id, self._actor, self.picked_edit.text(), at=when)


class CorrectTimesDialog(_AttendanceForm):
    """更正时间: both times of the day, a blank check-out for "not checked out", and the reason."""

    def __init__(self, cc: CareCenter, actor: Actor, record: AttendanceInfo, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, record, _("Correct times: {name}"), parent)
        self.in_edit = self._line("checked_in_at", clock_text(record.checked_in_at), "08:30", required=True)
        self.out_edit = self._line("checked_out_at", clock_text(record.checked_out_at), "16:30")
        self.rows["checked_out_at"].set_info(_("Leave blank if the senior has not left yet."))
        self.reason_edit = self._line(
            "correction_reason", placeholder=_("e.g. forgot to check her out at 16:30"), required=True
        )
        self.reason_edit.setMaxLength(LIMITS["reason"])
        self.resize(600, self.sizeHint().height())
        self.in_edit.setFocus()
        self.in_edit.selectAll()

    def _call(self) -> AttendanceInfo:
        problems: list[FieldError] = []
        came = self._time("checked_in_at", self.in_edit, problems)
        went = self._time("checked_out_at", self.out_edit, problems)
        if came is None and not problems:
            problems.append(labelled(FIELD_LABELS, "checked_in_at", _("is required")))
        if problems or came is None:
            raise ValidationError(problems)
        return self._cc.attendance.correct_times(self.record.id, came, went, self.reason_edit.text(), self._actor)


class VoidAttendanceDialog(_AttendanceForm):
    """作废: a mistaken check-in is taken back with a reason (it stays on record, struck through)."""

    def __init__(self, cc: CareCenter, actor: Actor, record: AttendanceInfo, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, record, _("Void check-in: {name}"), parent)
        self.reason_combo = QComboBox(self)
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems([_(r) for r in VOID_REASONS])
        self.reason_combo.setCurrentIndex(-1)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.setMinimumHeight(self.reason_combo.sizeHint().height() + 8)
        line = self.reason_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Why is this check-in wrong?"))
            line.setMaxLength(LIMITS["reason"])
            line.textEdited.connect(lambda _text: self.rows["void_reason"].clear_error())
        self._add("void_reason", self.reason_combo, True, VOID_LABELS)
        self.rows["void_reason"].set_info(
            _("The record stays, struck through; the senior can then be checked in again.")
        )
        self.save_button.setText(_("Void"))
        self.resize(600, self.sizeHint().height())
        self.reason_combo.setFocus()

    def _call(self) -> AttendanceInfo:
        return self._cc.attendance.void(self.record.id, self.reason_combo.currentText(), self._actor)


def pick_up_suggestions(cc: CareCenter, actor: Actor, record: AttendanceInfo) -> list[str]:
    """What 接走人 offers: the senior's emergency contacts (女儿 李红) and who picked them up earlier this month."""
    found: dict[str, None] = {}
    try:
        for contact in cc.seniors.get(record.senior_id, actor).contacts:
            found.setdefault(f"{contact.relation} {contact.name}".strip(), None)
        for earlier in cc.attendance.for_senior(actor, record.senior_id, record.day):
            if earlier.picked_up_by:
                found.setdefault(earlier.picked_up_by, None)
    except CareCenterError:
        pass  # suggestions only: the form works without them
    return [text for text in found if text]
