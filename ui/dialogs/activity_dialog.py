"""新建活动 / 修改活动: one group activity of a center — what, which kind, when, where, who runs it.

The title and the place suggest what was typed before (the page passes the month's);
the start time is typed like 09:30 (optional: a whole-day outing has none); the staff
member in charge is one of the active staff (or nobody). Who came is recorded on the
page afterwards, not here.

The month's 集体生日会 is an activity too, made with the party: its kind, date and place
are the party's, so they are shown but not editable here, and the dialog says where they
are changed and offers to go there (打开生日会: ``go_to_party`` is set and the dialog
closes; the page switches). Its title, time, staff and notes are edited as for any activity.

A refused save keeps everything typed, each reason under its field; closing with unsaved
typing asks first. UI thread only: the save is one short core call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.desk.activity_dto import FIELD_LABELS, ActivityInfo, ActivityInput
from carecenter.domain.desk_vocab import ActivityKind
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.attendance_dialogs import parse_clock
from ui.dialogs.call_dialog import text_box
from ui.dialogs.party_dialog import weekday_name
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import bold
from ui.widgets.form_dialog import FormDialog, form_layout

WARM_COLOR = "#bf360c"


def _suggest(edit: QLineEdit, words: Sequence[str]) -> None:
    if words:
        completer = QCompleter(list(words), edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)


class ActivityDialog(FormDialog[ActivityInfo]):
    """Create an activity of ``center_id`` on ``day``, or correct ``activity``; ``saved`` holds it after 保存."""

    refusals_in_box = True

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int,
        activity: ActivityInfo | None = None,
        *,
        day: dt.date | None = None,
        titles: Sequence[str] = (),
        places: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Edit the activity") if activity is not None else _("New activity"), parent)
        self._cc = cc
        self._actor = actor
        self._center_id = activity.center_id if activity is not None else center_id
        self._activity = activity
        self.expected_version = activity.version if activity is not None else None
        self.go_to_party = False
        linked = activity is not None and activity.linked
        today = cc.clock.today()

        heading = QLabel(activity.title if activity is not None else _("New activity"), self)
        heading.setWordWrap(True)
        bold(heading, 1.3)
        form = form_layout()
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(_("e.g. Health talk: preventing falls in winter"))
        _suggest(self.title_edit, titles)
        self._add(form, "title", self.title_edit, required=True)
        self.kind_combo = QComboBox(self)
        for kind in ActivityKind:
            if linked or kind is not ActivityKind.BIRTHDAY:
                self.kind_combo.addItem(kind.label, kind.value)
        self._add(form, "kind", self.kind_combo, required=True)
        self.day_edit = DateEdit(today, parent=self)
        self.day_edit.set_date(day or today)
        self.day_edit.edited.connect(self._day_edited)
        self._add(form, "held_on", self.day_edit, self.day_edit.line, required=True)
        self.time_edit = QLineEdit(self)
        self.time_edit.setPlaceholderText("09:30")
        self.time_edit.setMaximumWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00") + 60)
        self._add(form, "starts_at", self.time_edit)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText(_("e.g. the activity room on the 2nd floor"))
        _suggest(self.place_edit, places)
        self._add(form, "place", self.place_edit)
        self.staff_combo = QComboBox(self)
        self.staff_combo.addItem("—", None)
        for staff in cc.staff.list(active_only=True):
            self.staff_combo.addItem(staff.name, staff.id)
        self._add(form, "staff_id", self.staff_combo)
        self.notes_edit = text_box(self, _("e.g. speaker from the community clinic; blood pressure checks after"))
        self._add(form, "notes", self.notes_edit)
        for line in (self.title_edit, self.time_edit, self.place_edit):
            line.textChanged.connect(self._clear_all)

        self.party_note = QLabel(
            _("This is the month's birthday party: its date, place and guests are changed on the birthday party page."),
            self,
        )
        self.party_note.setWordWrap(True)
        self.party_note.setStyleSheet(f"color: {WARM_COLOR}; font-weight: bold;")
        self.party_button = QPushButton(_("Open the birthday party"), self)
        self.party_button.setAutoDefault(False)
        self.party_button.clicked.connect(self.open_party)
        party_row = QHBoxLayout()
        party_row.addWidget(self.party_note, 1)
        party_row.addWidget(self.party_button)
        self.party_note.setVisible(linked)
        self.party_button.setVisible(linked)

        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        self.lay_out(heading, party_row, 6, form, buttons=box)
        if activity is not None:
            self._fill(activity)
        for fixed in (self.kind_combo, self.day_edit, self.place_edit):
            fixed.setEnabled(not linked)
        self._day_edited()
        self.ask_before_discarding(_("The activity has not been saved. Close and discard the changes?"))
        self.resize(720, 600)
        self.title_edit.setFocus()

    def _add(
        self, form: QFormLayout, field: str, widget: QWidget, buddy: QWidget | None = None, required: bool = False
    ) -> None:
        self.add_row(form, field, widget, _(FIELD_LABELS[field]), required=required, buddy=buddy)

    def _fill(self, activity: ActivityInfo) -> None:
        self.title_edit.setText(activity.title)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(activity.kind.value)))
        self.day_edit.set_date(activity.held_on)
        self.time_edit.setText(activity.starts_at.strftime("%H:%M") if activity.starts_at else "")
        self.place_edit.setText(activity.place)
        if activity.staff_id is not None and self.staff_combo.findData(activity.staff_id) < 0:
            self.staff_combo.addItem(activity.staff_name, activity.staff_id)  # no longer active, still theirs
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(activity.staff_id)))
        self.notes_edit.setPlainText(activity.notes)

    def _clear_all(self) -> None:
        for field in ("title", "starts_at", "place"):
            self.rows[field].clear_error()

    def _day_edited(self) -> None:
        """The weekday under the date (a talk set on a Sunday by mistake shows at once)."""
        row = self.rows["held_on"]
        row.clear_error()
        try:
            day = self.day_edit.date()
        except DateTextError:
            day = None
        row.set_info(weekday_name(day) if day is not None else "")

    # ---- values --------------------------------------------------------------------------

    def state(self) -> tuple[object, ...]:
        return (
            self.title_edit.text(),
            self.kind_combo.currentIndex(),
            self.day_edit.text(),
            self.time_edit.text(),
            self.place_edit.text(),
            self.staff_combo.currentIndex(),
            self.notes_edit.toPlainText(),
        )

    def entry(self) -> ActivityInput:
        """The form as typed; ValidationError for what only the form can tell (an unreadable date or time)."""
        problems: list[FieldError] = []
        day: dt.date | None = None
        try:
            day = self.day_edit.date()
            if day is None:
                problems.append(labelled(FIELD_LABELS, "held_on", _("is required")))
        except DateTextError as exc:
            problems.append(labelled(FIELD_LABELS, "held_on", str(exc)))
        starts = None
        try:
            starts = parse_clock(self.time_edit.text())
        except ValueError as exc:
            problems.append(labelled(FIELD_LABELS, "starts_at", str(exc)))
        if problems or day is None:
            raise ValidationError(problems)
        return ActivityInput(
            center_id=self._center_id,
            title=self.title_edit.text(),
            kind=ActivityKind.of(self.kind_combo.currentData()),
            held_on=day,
            starts_at=starts,
            place=self.place_edit.text(),
            staff_id=self.staff_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
        )

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        def store() -> ActivityInfo:
            data = self.entry()
            if self._activity is None:
                return self._cc.activities.create(data, self._actor)
            return self._cc.activities.update(
                self._activity.id, data, self._actor, expected_version=self.expected_version, opened=self._activity
            )

        return self.submit(store)

    def open_party(self) -> None:
        """打开生日会: leave (asking first if something was typed) and let the page go to the party."""
        self.go_to_party = True
        self.reject()
        if self.isVisible():  # the user chose to keep editing
            self.go_to_party = False

    def stored_now(self) -> ActivityInfo | None:
        return self._cc.activities.get(self._activity.id, self._actor) if self._activity is not None else None
