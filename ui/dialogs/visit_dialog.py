"""记录服务: one 九助 home visit — what, who, when, how long, where, what was done, who confirmed it.

Opened from the week's schedule (prefilled with the slot's senior, service, staff member
and day; the cursor starts in 开始时间) or from the search line for an ad-hoc visit. The
same form completes a visit planned ahead and corrects a done one. The end is typed as a
time or as a duration in minutes; the form says how long the visit lasted as it is typed.

Keyboard first: Enter moves to the next field and saves from the last one (in 服务内容 it
starts a new line; Tab moves on); Ctrl+Enter saves from anywhere. A refused save keeps
everything typed, puts each reason under its field and saves nothing; closing with unsaved
typing asks first.

The dialog makes its one core call itself; ``saved`` holds the visit afterwards. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.desk.visit_dto import FIELD_LABELS, MEALS_CODE, VisitInfo, VisitInput
from carecenter.domain.desk_vocab import Confirmation, VisitPlace, VisitStatus
from carecenter.domain.text import LIMITS
from carecenter.domain.vocab import Status
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.attendance_dialogs import parse_clock
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import WARN_COLOR, bold
from ui.widgets.form_dialog import FormDialog, form_layout, quiet_label

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterMoves(QObject):
    """Enter in a field moves to the next enabled field (saving from the last); Ctrl+Enter saves anywhere."""

    def __init__(self, fields: list[QWidget], save: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._fields = fields
        self._save = save
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.key() not in ENTER_KEYS:
            return super().eventFilter(watched, event)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._save()
            return True
        if isinstance(watched, QPlainTextEdit):
            return False  # a new line in the text
        following = [f for f in self._fields[self._fields.index(watched) + 1 :] if f.isEnabled()]  # type: ignore[arg-type]
        if following:
            following[0].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self._save()
        return True


def _save_keys(dialog: QWidget, save: Callable[[], object]) -> None:
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.activated.connect(save)


class VisitDialog(FormDialog[VisitInfo]):
    """Record a visit of ``senior_id`` (a plan slot when ``planned_service_id`` is given), complete ``visit``
    when it is planned, or correct it when it is done. ``saved`` holds the stored visit after 保存."""

    refusals_in_box = True

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        senior_id: int,
        day: dt.date,
        *,
        service_type_id: int | None = None,
        staff_id: int | None = None,
        planned_service_id: int | None = None,
        visit: VisitInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        card = cc.desk.card(senior_id, actor)
        correcting = visit is not None and visit.status is VisitStatus.DONE
        title = _("Correct home visit: {name}") if correcting else _("Record home visit: {name}")
        super().__init__(title.format(name=card.name), parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self._planned_service_id = visit.planned_service_id if visit is not None else planned_service_id
        self._visit = visit
        self.expected_version = visit.version if visit is not None else None

        heading = QLabel(f"{card.name}　{card.member_no}", self)
        bold(heading, 1.3)
        details = quiet_label("　".join(p for p in (card.address, card.phone) if p) or _("No address on record"), self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {WARN_COLOR}; font-weight: bold;")
        self.warning.setText(
            _("{name} is paused at the moment: check that the visit really took place.").format(name=card.name)
            if card.status is Status.PAUSED
            else ""
        )
        self.warning.setVisible(bool(self.warning.text()))

        form = form_layout()
        self.type_combo = QComboBox(self)
        for kind in cc.catalogue.types(include_retired=True):
            keep = visit is not None and kind.id == visit.service_type_id
            if keep or (not kind.retired and not kind.day_care and kind.code != MEALS_CODE):
                self.type_combo.addItem(kind.display_name, kind.id)
        self._add(form, "service_type_id", self.type_combo, required=True)
        self.staff_combo = QComboBox(self)
        self.staff_combo.setPlaceholderText(_("Please choose"))
        for member in cc.staff.list():
            if member.active or member.id in (staff_id, visit.staff_id if visit else None):
                name = member.name if member.active else _("{name} (inactive)").format(name=member.name)
                if member.center_id in (None, card.center_id):
                    self.staff_combo.addItem(name, member.id)
        self._add(form, "staff_id", self.staff_combo, required=True)
        today = cc.clock.today()
        self.day_edit = DateEdit(today, parent=self)
        self._add(form, "day", self.day_edit, self.day_edit.line, required=True)
        self.start_edit = self._line(_("e.g. 09:00"))
        self._add(form, "started_at", self.start_edit, required=True)
        self.end_edit = self._line(_("e.g. 10:30"))
        self._add(form, "ended_at", self.end_edit)
        self.minutes_edit = self._line(_("or the minutes, e.g. 90"))
        self._add(form, "minutes", self.minutes_edit)
        self.place_combo = QComboBox(self)
        for place in VisitPlace:
            self.place_combo.addItem(place.label, place.value)
        self._add(form, "place", self.place_combo)
        self.work_edit = QPlainTextEdit(self)
        self.work_edit.setPlaceholderText(_("e.g. cleaned the kitchen and bathroom, changed the bed linen"))
        self.work_edit.setTabChangesFocus(True)
        self.work_edit.setMinimumHeight(self.work_edit.fontMetrics().height() * 4)
        self._add(form, "work_done", self.work_edit)
        self.confirm_combo = QComboBox(self)
        for who in (Confirmation.SENIOR, Confirmation.FAMILY, Confirmation.NONE):
            self.confirm_combo.addItem(who.label, who.value)
        self._add(form, "confirmation", self.confirm_combo)
        self.confirmed_by_edit = self._line(_("e.g. daughter 李红"))
        self.confirmed_by_edit.setMaxLength(LIMITS["contact_name"])
        self._add(form, "confirmed_by_name", self.confirmed_by_edit)

        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        hint = quiet_label(_("Enter: next field, saves from the last · Ctrl+Enter: save"), self, wrap=False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(details)
        layout.addWidget(self.warning)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        layout.addWidget(box)

        self._fill(day, service_type_id, staff_id, visit)
        for edit in (self.start_edit, self.end_edit, self.minutes_edit):
            edit.textChanged.connect(self._show_length)
        self.day_edit.edited.connect(self.rows["day"].clear_error)
        self.confirm_combo.currentIndexChanged.connect(lambda _i: self._confirmation_chosen())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.rows["service_type_id"].clear_error())
        self.staff_combo.currentIndexChanged.connect(lambda _i: self.rows["staff_id"].clear_error())
        self._confirmation_chosen()
        self._show_length()
        fields: list[QWidget] = [
            self.type_combo,
            self.staff_combo,
            self.day_edit.line,
            self.start_edit,
            self.end_edit,
            self.minutes_edit,
            self.place_combo,
            self.work_edit,
            self.confirm_combo,
            self.confirmed_by_edit,
        ]
        self._keys = EnterMoves(fields, self.save, self)
        _save_keys(self, self.save)
        self.ask_before_discarding(_("The visit has not been saved. Close and discard it?"))
        self.resize(720, 660)
        first = self.start_edit if service_type_id is not None or visit is not None else self.type_combo
        if self.staff_combo.currentIndex() < 0 and service_type_id is not None:
            first = self.staff_combo
        first.setFocus()

    # ---- building ------------------------------------------------------------------------

    def _line(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        return edit

    def _add(
        self, form: QFormLayout, field: str, widget: QWidget, buddy: QWidget | None = None, required: bool = False
    ) -> None:
        row = self.add_row(form, field, widget, _(FIELD_LABELS[field]), required=required, buddy=buddy)
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.textChanged.connect(row.clear_error)

    def _fill(self, day: dt.date, type_id: int | None, staff_id: int | None, visit: VisitInfo | None) -> None:
        self.day_edit.set_date(visit.day if visit is not None else day)
        type_id = visit.service_type_id if visit is not None else type_id
        staff_id = visit.staff_id if visit is not None else staff_id
        self.type_combo.setCurrentIndex(self.type_combo.findData(type_id) if type_id is not None else -1)
        self.staff_combo.setCurrentIndex(self.staff_combo.findData(staff_id) if staff_id is not None else -1)
        self.confirm_combo.setCurrentIndex(self.confirm_combo.findData(Confirmation.SENIOR.value))
        if visit is None:
            return
        self.place_combo.setCurrentIndex(self.place_combo.findData(visit.place.value))
        self.work_edit.setPlainText(visit.work_done)
        if visit.started_at is not None:
            self.start_edit.setText(visit.started_at.strftime("%H:%M"))
        if visit.status is VisitStatus.DONE:
            if visit.ended_at is not None:
                self.end_edit.setText(visit.ended_at.strftime("%H:%M"))
            self.confirm_combo.setCurrentIndex(self.confirm_combo.findData(visit.confirmation.value))
            self.confirmed_by_edit.setText(visit.confirmed_by_name)

    def _confirmation_chosen(self) -> None:
        """A name is asked for when someone confirmed (required for the family)."""
        kind = self.confirmation()
        self.rows["confirmation"].clear_error()
        self.confirmed_by_edit.setEnabled(kind is not Confirmation.NONE)
        if kind is Confirmation.NONE:
            self.confirmed_by_edit.clear()
        self.rows["confirmed_by_name"].set_info(
            _("Which family member confirmed, e.g. daughter 李红") if kind is Confirmation.FAMILY else ""
        )

    def _show_length(self) -> None:
        """How long the visit lasted, as typed (under 时长), so a slip like 10:30 → 01:30 shows at once."""
        try:
            start, end = parse_clock(self.start_edit.text()), parse_clock(self.end_edit.text())
        except ValueError:
            start = end = None
        text = ""
        if start is not None and end is not None and end > start:
            minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
            text = _("Lasted {h} h {m} min").format(h=minutes // 60, m=minutes % 60)
        self.rows["minutes"].set_info(text)

    # ---- values --------------------------------------------------------------------------

    def confirmation(self) -> Confirmation:
        return Confirmation.of(str(self.confirm_combo.currentData() or Confirmation.NONE.value))

    def state(self) -> tuple[object, ...]:
        """What was chosen or typed, to tell whether closing would lose it."""
        return (
            self.type_combo.currentIndex(),
            self.staff_combo.currentIndex(),
            self.day_edit.text(),
            self.start_edit.text(),
            self.end_edit.text(),
            self.minutes_edit.text(),
            self.place_combo.currentIndex(),
            self.work_edit.toPlainText(),
            self.confirm_combo.currentIndex(),
            self.confirmed_by_edit.text(),
        )

    def entry(self) -> VisitInput:
        """The form as typed; ValidationError for what only the form can tell (nothing chosen, unreadable text)."""
        problems: list[FieldError] = []

        def refuse(field: str, reason: str) -> None:
            problems.append(labelled(FIELD_LABELS, field, reason))

        type_id, staff_id = self.type_combo.currentData(), self.staff_combo.currentData()
        if self.type_combo.currentIndex() < 0 or not isinstance(type_id, int):
            refuse("service_type_id", _("please choose a service from the catalogue"))
        if self.staff_combo.currentIndex() < 0 or not isinstance(staff_id, int):
            refuse("staff_id", _("please choose who made the visit"))
        day: dt.date | None = None
        try:
            day = self.day_edit.date()
            if day is None:
                refuse("day", _("is required"))
        except DateTextError as exc:
            refuse("day", str(exc))
        times: dict[str, dt.time | None] = {}
        for field, edit in (("started_at", self.start_edit), ("ended_at", self.end_edit)):
            try:
                times[field] = parse_clock(edit.text())
            except ValueError as exc:
                refuse(field, str(exc))
        minutes: int | None = None
        typed = self.minutes_edit.text().strip()
        if typed:
            if typed.isdigit():
                minutes = int(typed)
            else:
                refuse("minutes", _("type the whole minutes, e.g. 90"))
        if problems or day is None or not isinstance(type_id, int) or not isinstance(staff_id, int):
            raise ValidationError(problems)
        start, end = times.get("started_at"), times.get("ended_at")
        return VisitInput(
            senior_id=self._senior_id,
            service_type_id=type_id,
            staff_id=staff_id,
            day=day,
            started_at=dt.datetime.combine(day, start) if start is not None else None,
            ended_at=dt.datetime.combine(day, end) if end is not None else None,
            minutes=minutes,
            place=VisitPlace.of(str(self.place_combo.currentData())),
            work_done=self.work_edit.toPlainText(),
            confirmation=self.confirmation(),
            confirmed_by_name=self.confirmed_by_edit.text(),
            planned_service_id=self._planned_service_id if self._visit is None else None,
        )

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """保存: on refusal show each reason under its field and store nothing."""

        def store() -> VisitInfo:
            data = self.entry()
            if self._visit is None:
                return self._cc.visits.record(data, self._actor)
            if self._visit.status is VisitStatus.PLANNED:
                return self._cc.visits.complete(self._visit.id, data, self._actor)
            return self._cc.visits.update(
                self._visit.id, data, self._actor, expected_version=self.expected_version, opened=self._visit
            )

        return self.submit(store)

    def stored_now(self) -> VisitInfo | None:
        return self._cc.visits.get(self._visit.id, self._actor) if self._visit is not None else None
