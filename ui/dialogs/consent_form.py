"""The 登记同意 form of the consent dialog: date, the staff member who took it, notes, scan.

``ConsentForm`` only turns what is on screen into the arguments of ``cc.consent.record``
and shows the core's refusals under the right field (``FieldError.field`` → ``rows``).
It never writes: ``ConsentDialog`` decides when to save, and it also answers
``scan_picker.choose_requested`` (the file question belongs to the dialog).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from carecenter.consent import FIELD_LABELS
from carecenter.errors import FieldError, ValidationError
from carecenter.i18n import _
from carecenter.staff import StaffInfo
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import MUTED_COLOR, FieldRow, bold, label_text
from ui.widgets.scan_picker import ScanPicker

NO_STAFF = 0  # never a staff member's id


@dataclass(frozen=True)
class ConsentEntry:
    """The form as typed, ready for ``cc.consent.record``."""

    given_on: dt.date
    taken_by_staff_id: int
    notes: str
    scan: bytes | None


def _error(field: str, reason: str) -> FieldError:
    return FieldError(field, _(FIELD_LABELS[field]), reason)


class ConsentForm(QGroupBox):
    """The fields of one signed consent form; ``entry()`` → ConsentEntry, ``show_errors()`` ← refusals."""

    def __init__(
        self,
        today: dt.date,
        staff: Sequence[StaffInfo],
        own_staff_id: int | None,
        deceased: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Record a signed consent form"), parent)
        bold(self)
        self._today = today
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.date_edit = DateEdit(today, parent=self)
        self.date_edit.set_date(today)
        self._add(form, "given_on", self.date_edit, self.date_edit.line, required=True)
        self.date_edit.edited.connect(self.rows["given_on"].clear_error)

        self.staff_combo = QComboBox(self)
        for member in staff:
            self.staff_combo.addItem(f"{member.name}（{member.position.label}）", member.id)
        self.staff_combo.setPlaceholderText(_("Please choose a staff member"))
        # the person at the desk usually took the form themselves
        self.staff_combo.setCurrentIndex(self.staff_combo.findData(own_staff_id) if own_staff_id is not None else -1)
        staff_row = self._add(form, "taken_by_staff_id", self.staff_combo, self.staff_combo, required=True)
        self.staff_combo.currentIndexChanged.connect(staff_row.clear_error)
        if not staff:
            staff_row.set_info(_("No staff members yet: an administrator adds them on the Staff page."))

        self.notes_edit = QLineEdit(self)
        self.notes_edit.setPlaceholderText(_("optional, e.g. signed by her son with her agreement"))
        self._add(form, "notes", self.notes_edit, self.notes_edit)
        self.notes_edit.textChanged.connect(self.rows["notes"].clear_error)

        self.scan_picker = ScanPicker(self)
        scan_row = self._add(form, "scan", self.scan_picker, self.scan_picker.choose_button)
        self.scan_picker.failed.connect(scan_row.set_error)
        self.scan_picker.changed.connect(scan_row.clear_error)

        if deceased:
            for widget in (self.date_edit, self.staff_combo, self.notes_edit, self.scan_picker):
                widget.setEnabled(False)
            note = QLabel(_("The senior is recorded as deceased; consent can no longer be recorded."), self)
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {MUTED_COLOR};")
            form.addRow(note)

    def _add(self, form: QFormLayout, field: str, widget: QWidget, buddy: QWidget, required: bool = False) -> FieldRow:
        row = FieldRow(widget, self)
        font = row.font()
        font.setBold(False)
        row.setFont(font)
        caption = QLabel(label_text(_(FIELD_LABELS[field]), required), self)
        caption.setFont(font)
        caption.setBuddy(buddy)
        widget.setAccessibleName(_(FIELD_LABELS[field]))
        form.addRow(caption, row)
        self.rows[field] = row
        return row

    # ---- values --------------------------------------------------------------------------

    def entry(self) -> ConsentEntry:
        """The form as typed; raises ValidationError when the date cannot be read (or is blank)."""
        problems: list[FieldError] = []
        day: dt.date | None = None
        try:
            day = self.date_edit.date()
            if day is None:
                problems.append(_error("given_on", _("is required")))
        except DateTextError as exc:
            problems.append(_error("given_on", str(exc)))
        staff_id = self.staff_combo.currentData() if self.staff_combo.currentIndex() >= 0 else None
        if problems or day is None:
            if staff_id is None:
                problems.append(_error("taken_by_staff_id", _("please choose a staff member who works here")))
            raise ValidationError(problems)
        # No staff chosen is sent as id 0, which no staff member has: the core refuses it together
        # with every other problem (a future date, long notes), so all are shown at once.
        return ConsentEntry(
            day, int(staff_id) if staff_id is not None else NO_STAFF, self.notes_edit.text(), self.scan_picker.data()
        )

    def state(self) -> tuple[object, ...]:
        """What was typed or chosen, to tell whether closing would lose it."""
        return (
            self.date_edit.text(),
            self.staff_combo.currentIndex(),
            self.notes_edit.text(),
            self.scan_picker.file_name(),
        )

    def reset(self) -> None:
        """Ready for the next form: today, no notes, no scan; the staff member stays chosen."""
        self.date_edit.set_date(self._today)
        self.notes_edit.clear()
        self.scan_picker.clear()
        self.clear_errors()

    # ---- errors --------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.clear_error()

    def show_errors(self, errors: Iterable[FieldError]) -> list[str]:
        """Put each reason under its field and bring the first into view; returns those with no field."""
        elsewhere = []
        for error in errors:
            row = self.rows.get(error.field)
            if row is None:
                elsewhere.append(str(error))
            else:
                row.add_error(error.reason)
        first = next((r for r in self.rows.values() if r.error_text()), None)
        if first is not None:
            first.bring_into_view()
        return elsewhere

    def error_for(self, field: str) -> str:
        row = self.rows.get(field)
        return row.error_text() if row is not None else ""
