"""The widgets of the senior add/edit form, grouped in sections, and their mapping to SeniorInput.

``SeniorForm`` only turns what is on screen into a ``SeniorInput`` (exactly as typed;
the core normalizes and validates) and shows the core's refusals under the right widget.
It never writes: ``SeniorDialog`` decides when to save.

Every refusal is keyed by the SeniorInput attribute it concerns (``FieldError.field``),
and ``rows`` holds one FieldRow per attribute in on-screen order, so "the first bad
field" is the first one a reader meets.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from carecenter.centers import CenterInfo
from carecenter.domain import idnumber
from carecenter.domain.vocab import CareLevel, DietFlag, Gender, Residence
from carecenter.errors import FieldError, ValidationError
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorInput
from carecenter.seniors.validate import FIELD_LABELS, clean
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import MUTED_COLOR, FieldRow, bold, label_text
from ui.widgets.list_editors import CategoryListEditor, ContactsEditor
from ui.widgets.lunar_birth_edit import LunarBirthEdit
from ui.widgets.photo_picker import PhotoPicker

# Several phone numbers go on one line, separated the way people write lists.
PHONE_SEPARATORS = re.compile(r"[、,，;；/\n]+")


_CARE_LEVELS = {level.value: level for level in CareLevel}


def split_phones(text: str) -> tuple[str, ...]:
    """Every piece typed, blanks dropped; each piece is checked by the core."""
    return tuple(p.strip() for p in PHONE_SEPARATORS.split(text) if p.strip())


def _clear_error_on_edit(widget: QWidget, row: FieldRow) -> None:
    """Once the user touches a refused field, its old message no longer applies."""
    if isinstance(widget, QLineEdit | DateEdit):
        signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.edited
        signal.connect(row.clear_error)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(row.clear_error)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(row.clear_error)
    elif isinstance(widget, CategoryListEditor | ContactsEditor | LunarBirthEdit):
        widget.changed.connect(row.clear_error)


def _multiline(height_lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * height_lines + 16)
    return edit


def _locked_note() -> QLabel:
    """Said under categories and care level for roles that may only look at them."""
    note = QLabel(_("Only social workers and administrators can change this"))
    note.setObjectName("lockedNote")
    note.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
    note.setWordWrap(True)
    return note


class SeniorForm(QWidget):
    """All fields of a senior's record; ``build()`` → SeniorInput, ``show_errors()`` ← refusals."""

    rows_reordered = Signal()  # a list line was added or removed: the tab order was rebuilt

    def __init__(
        self,
        centers: Sequence[CenterInfo],
        today: dt.date,
        can_edit_categories: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``can_edit_categories`` False shows categories and care level read-only (the core would refuse a change)."""
        super().__init__(parent)
        self._today = today
        self._can_edit_categories = can_edit_categories
        self._centers = list(centers)
        self.rows: dict[str, FieldRow] = {}

        columns = QHBoxLayout(self)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)

        left.addWidget(self._identity_section())
        left.addWidget(self._contact_section())
        left.addWidget(self._emergency_section())
        left.addStretch(1)
        right.addWidget(self._photo_section())
        categories, care = self._care_sections()
        right.addWidget(categories)
        right.addWidget(care)
        right.addWidget(self._birthday_section())
        right.addWidget(self._notes_section())
        right.addStretch(1)
        self.fix_tab_order()

    # ---- sections ------------------------------------------------------------------------

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        bold(box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        return box, form

    def _add(
        self,
        form: QFormLayout,
        field: str,
        label: str,
        widget: QWidget,
        required: bool = False,
        caption: bool = True,
    ) -> FieldRow:
        """Add ``widget`` as the row of ``field``; without ``caption`` it spans the group
        (a group that holds only this field already says what it is)."""
        row = FieldRow(widget)
        font = row.font()
        font.setBold(False)
        row.setFont(font)
        widget.setAccessibleName(label)
        _clear_error_on_edit(widget, row)
        if caption:
            title = QLabel(label_text(label, required))
            title.setBuddy(widget)
            title.setFont(font)
            form.addRow(title, row)
        else:
            form.addRow(row)
        self.rows[field] = row
        return row

    def suggest_communities(self, names: Sequence[str]) -> None:
        """Offer the communities already on record while typing (most used first); any text stays allowed."""
        completer = QCompleter(list(names), self.community_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.community_edit.setCompleter(completer)

    def _identity_section(self) -> QGroupBox:
        box, form = self._group(_("Basic information"))
        self.name_edit = QLineEdit()
        self._add(form, "name", _("Name"), self.name_edit, required=True)

        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(_("18 characters; an old 15-digit number is upgraded"))
        self.id_edit.textChanged.connect(self._id_typed)
        self.id_edit.editingFinished.connect(self._id_left)
        self._add(form, "id_number", _("ID number"), self.id_edit, required=True)

        self.center_combo = QComboBox()
        for info in self._centers:
            self.center_combo.addItem(f"{info.name}（{info.code}）", info.id)
        self.center_combo.setPlaceholderText(_("Please choose a center"))
        self.center_combo.setCurrentIndex(-1)
        center_row = self._add(form, "center_id", _("Center"), self.center_combo, required=True)
        form.setRowVisible(center_row, len(self._centers) > 1)

        residence = QWidget()
        line = QHBoxLayout(residence)
        line.setContentsMargins(0, 0, 0, 0)
        self.residence_group = QButtonGroup(self)
        self.residence_buttons: dict[Residence, QRadioButton] = {}
        for value in Residence:
            button = QRadioButton(value.label)
            self.residence_group.addButton(button)
            self.residence_buttons[value] = button
            line.addWidget(button)
        line.addStretch(1)
        residence.setFocusProxy(self.residence_buttons[Residence.LOCAL])
        self._add(form, "residence", _("Household registration"), residence)

        self.registered_edit = DateEdit(self._today)
        self._add(form, "registered_on", _("Registration date"), self.registered_edit, required=True)
        return box

    def _contact_section(self) -> QGroupBox:
        box, form = self._group(_("Phone and address"))
        self.phones_edit = QLineEdit()
        self.phones_edit.setPlaceholderText(_("Several numbers: separate them with 、"))
        self._add(form, "phones", _("Phones"), self.phones_edit)
        self.address_edit = QLineEdit()
        self._add(form, "address", _("Address"), self.address_edit)
        self.community_edit = QLineEdit()
        self.community_edit.setPlaceholderText(_("e.g. Wenhua Road Community"))
        self._add(form, "community", _("Community"), self.community_edit)
        return box

    def _emergency_section(self) -> QGroupBox:
        box = QGroupBox(_("Emergency contacts"), self)
        bold(box)
        layout = QVBoxLayout(box)
        self.contacts_editor = ContactsEditor()
        self.contacts_editor.rows_changed.connect(self.fix_tab_order)
        row = FieldRow(self.contacts_editor)
        _clear_error_on_edit(self.contacts_editor, row)
        font = row.font()
        font.setBold(False)
        row.setFont(font)
        self.rows["contacts"] = row
        layout.addWidget(row)
        return box

    def _photo_section(self) -> QGroupBox:
        box, form = self._group(_("Photo"))
        self.photo_picker = PhotoPicker()
        row = self._add(form, "photo", _("Photo"), self.photo_picker, caption=False)
        self.photo_picker.failed.connect(row.set_error)
        self.photo_picker.noted.connect(row.set_info)
        self.photo_picker.changed.connect(row.clear_error)
        return box

    def _care_sections(self) -> tuple[QGroupBox, QGroupBox]:
        categories_box, categories_form = self._group(_("Categories"))
        self.categories_editor = CategoryListEditor(self._today)
        self.categories_editor.rows_changed.connect(self.fix_tab_order)
        self._add(categories_form, "categories", _("Categories"), self.categories_editor, caption=False)
        self.categories_editor.setEnabled(self._can_edit_categories)
        if not self._can_edit_categories:
            categories_form.addRow(_locked_note())

        box, form = self._group(_("Care and diet"))

        self.care_combo = QComboBox()
        self.care_combo.addItem(_("Not assessed"), None)
        for level in CareLevel:
            self.care_combo.addItem(level.label, level.value)  # Qt hands enum members back as str
        self._add(form, "care_level", _("Care level"), self.care_combo)
        self.care_combo.setEnabled(self._can_edit_categories)
        if not self._can_edit_categories:
            form.addRow("", _locked_note())

        flags = QWidget()
        line = QHBoxLayout(flags)
        line.setContentsMargins(0, 0, 0, 0)
        self.diet_boxes: dict[DietFlag, QCheckBox] = {}
        for flag in DietFlag:
            check = QCheckBox(flag.label)
            self.diet_boxes[flag] = check
            line.addWidget(check)
        line.addStretch(1)
        flags.setFocusProxy(self.diet_boxes[DietFlag.HALAL])
        self._add(form, "diet_flags", _("Diet"), flags)
        self.diet_notes_edit = _multiline(2)
        self._add(form, "diet_notes", _("Diet notes"), self.diet_notes_edit)
        self.allergies_edit = QLineEdit()
        self.allergies_edit.setPlaceholderText(_("e.g. peanuts, penicillin"))
        self._add(form, "allergies", _("Allergies"), self.allergies_edit)
        return categories_box, box

    def _birthday_section(self) -> QGroupBox:
        box, form = self._group(_("Birthday"))
        self.lunar_edit = LunarBirthEdit()
        self._add(form, "lunar_birth", _("Lunar birth date"), self.lunar_edit)
        self.opt_out_check = QCheckBox(_("Not listed for the birthday party"))
        self._add(form, "birthday_opt_out", _("Birthday party"), self.opt_out_check)
        return box

    def _notes_section(self) -> QGroupBox:
        box, form = self._group(_("Notes"))
        self.notes_edit = _multiline(4)
        self._add(form, "notes", _("Notes"), self.notes_edit, caption=False)
        return box

    # ---- ID number: live birth date, gender, age -----------------------------------------

    def id_info(self) -> idnumber.IdInfo | None:
        try:
            return idnumber.parse(self.id_edit.text(), self._today)
        except idnumber.IdNumberError:
            return None

    def _id_typed(self) -> None:
        """While typing: show what a complete ID tells, but no complaint about an unfinished one."""
        row = self.rows["id_number"]
        row.clear_error()
        info = self.id_info()
        self.lunar_edit.set_birth_date(info.birth_date if info else None)
        if info is None:
            typed = idnumber.normalize(self.id_edit.text())
            row.set_info(_("{n} of 18 characters typed").format(n=len(typed)) if 0 < len(typed) < 18 else "")
            return
        text = _("Birth date {date}   Gender {gender}   Age {age}").format(
            date=info.birth_date.isoformat(),
            gender=next(g for g in Gender if g == info.gender).label,
            age=idnumber.age_on(info.birth_date, self._today),
        )
        if info.upgraded_from_15:
            text += "\n" + _("Old 15-digit number: saved as {number}").format(number=info.number)
        row.set_info(text)

    def _id_left(self) -> None:
        """Leaving the field: now say what is wrong with it, if anything."""
        if not self.id_edit.text().strip() or self.id_edit.isReadOnly():
            return
        try:
            idnumber.parse(self.id_edit.text(), self._today)
        except idnumber.IdNumberError as exc:
            self.rows["id_number"].set_error(str(exc))

    # ---- loading and building ------------------------------------------------------------

    def load(self, data: SeniorInput, blank_contact: bool = False) -> None:
        """Show ``data`` (a new senior's defaults or an existing record's ``as_input()``)."""
        self.name_edit.setText(data.name)
        self.id_edit.setText(data.id_number)
        # The core masks the ID for roles that may not see it; saving the masked form keeps the stored number.
        masked = "*" in data.id_number
        self.id_edit.setReadOnly(masked)
        if masked:
            self.rows["id_number"].set_info(_("Shown masked for your role; saving keeps the number on record."))
        info = self.id_info()
        self.select_center(data.center_id)
        self.residence_buttons[data.residence].setChecked(True)
        self.registered_edit.set_date(data.registered_on)
        self.phones_edit.setText("、".join(data.phones))
        self.address_edit.setText(data.address)
        self.community_edit.setText(data.community)
        self.contacts_editor.set_contacts(data.contacts, blank_line=blank_contact)
        self.photo_picker.set_photo(data.photo)
        self.categories_editor.set_periods(data.categories)
        self.care_combo.setCurrentIndex(self.care_combo.findData(data.care_level.value) if data.care_level else 0)
        for flag, check in self.diet_boxes.items():
            check.setChecked(flag in data.diet_flags)
        self.diet_notes_edit.setPlainText(data.diet_notes)
        self.allergies_edit.setText(data.allergies)
        self.lunar_edit.load(data.lunar_birthday, data.lunar_birth, info.birth_date if info else None)
        self.opt_out_check.setChecked(data.birthday_opt_out)
        self.notes_edit.setPlainText(data.notes)
        self.fix_tab_order()

    def select_center(self, center_id: int | None) -> None:
        self.center_combo.setCurrentIndex(self.center_combo.findData(center_id) if center_id is not None else -1)
        if self.center_combo.count() == 1:
            self.center_combo.setCurrentIndex(0)

    def build(self) -> SeniorInput:
        """The record as typed; raises ValidationError for dates that cannot be read.

        When a date cannot be read, the rest is still checked by the core's pure
        validation (nothing is written), so every problem is shown at once.
        """
        problems: list[FieldError] = []
        registered: dt.date | None = None
        try:
            registered = self.registered_edit.date()
            if registered is None:
                problems.append(FieldError("registered_on", _(FIELD_LABELS["registered_on"]), _("is required")))
        except DateTextError as exc:
            problems.append(FieldError("registered_on", _(FIELD_LABELS["registered_on"]), str(exc)))
        periods, category_problems = self.categories_editor.periods()
        problems.extend(FieldError("categories", _(FIELD_LABELS["categories"]), p) for p in category_problems)
        checked = self.residence_group.checkedButton()
        residence = next((r for r, b in self.residence_buttons.items() if b is checked), Residence.LOCAL)
        data = SeniorInput(
            name=self.name_edit.text(),
            id_number=self.id_edit.text(),
            center_id=self.center_combo.currentData() if self.center_combo.currentIndex() >= 0 else None,
            phones=split_phones(self.phones_edit.text()),
            address=self.address_edit.text(),
            community=self.community_edit.text(),
            residence=residence,
            registered_on=registered,
            categories=periods,
            care_level=_CARE_LEVELS.get(self.care_combo.currentData()),
            diet_flags=frozenset(f for f, c in self.diet_boxes.items() if c.isChecked()),
            diet_notes=self.diet_notes_edit.toPlainText(),
            allergies=self.allergies_edit.text(),
            lunar_birthday=self.lunar_edit.celebrates(),
            lunar_birth=self.lunar_edit.value(),
            birthday_opt_out=self.opt_out_check.isChecked(),
            contacts=self.contacts_editor.contacts(),
            notes=self.notes_edit.toPlainText(),
            photo=self.photo_picker.photo(),
        )
        if problems:
            try:
                clean(data, self._today)
            except ValidationError as exc:
                problems.extend(exc.errors)
            if data.center_id is None and not self.rows["center_id"].isHidden():
                # the service would say the same, but it is not asked while dates are unreadable
                problems.append(FieldError("center_id", _(FIELD_LABELS["center_id"]), _("please choose a center")))
            raise ValidationError(problems)
        return data

    def state(self) -> tuple[object, ...]:
        """Everything on screen, raw, to tell whether the user changed anything."""
        return (
            self.name_edit.text(),
            self.id_edit.text(),
            self.center_combo.currentIndex(),
            self.residence_group.checkedButton(),
            self.registered_edit.text(),
            self.phones_edit.text(),
            self.address_edit.text(),
            self.community_edit.text(),
            self.contacts_editor.state(),
            self.photo_picker.photo(),
            self.categories_editor.state(),
            self.care_combo.currentIndex(),
            tuple(c.isChecked() for c in self.diet_boxes.values()),
            self.diet_notes_edit.toPlainText(),
            self.allergies_edit.text(),
            self.lunar_edit.state(),
            self.opt_out_check.isChecked(),
            self.notes_edit.toPlainText(),
        )

    # ---- errors and keyboard -------------------------------------------------------------

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.clear_error()

    def show_errors(self, errors: Iterable[FieldError]) -> tuple[FieldRow | None, list[str]]:
        """Put each reason under its field; returns the first bad row on screen and the
        messages that belong to no visible field (to be shown elsewhere)."""
        elsewhere: list[str] = []
        for error in errors:
            row = self.rows.get(error.field)
            if row is None or row.isHidden():
                elsewhere.append(str(error))
            else:
                row.add_error(error.reason)
        first = next((r for r in self.rows.values() if r.error_text()), None)
        return first, elsewhere

    def fix_tab_order(self) -> None:
        """Tab follows the page: down the left column, then the right (lines added later too)."""
        chain: list[QWidget] = [self.name_edit, self.id_edit, self.center_combo]
        chain += list(self.residence_buttons.values())
        chain += [self.registered_edit.line, self.phones_edit, self.address_edit, self.community_edit]
        chain += self.contacts_editor.focus_chain()
        chain += [self.photo_picker.choose_button, self.photo_picker.remove_button]
        chain += self.categories_editor.focus_chain()
        chain += [self.care_combo, *self.diet_boxes.values(), self.diet_notes_edit, self.allergies_edit]
        chain += self.lunar_edit.focus_chain()
        chain += [self.opt_out_check, self.notes_edit]
        # composite inputs (date fields) take part through the line edit they forward focus to
        chain = [w.focusProxy() or w for w in chain]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.rows_reordered.emit()

    def last_field(self) -> QWidget:
        return self.notes_edit
