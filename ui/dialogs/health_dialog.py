"""健康与饮食: edit one senior's diet, allergies, chronic conditions, medications, family doctor and risks.

Diet flags, allergies and diet notes come first: they are what the kitchen and the
front desk must see, and the same fields as in the senior form (one record). The care
risks (dementia, fall, wandering) are a social worker's judgement: other roles see them
but cannot change them (the core would refuse). A refused save keeps everything typed,
puts each reason under its field and saves nothing; closing with unsaved typing asks.

Threading: the save is one short core call on the UI thread.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.health import FIELD_LABELS, RISK_FIELDS, HealthInfo, HealthInput, MedicationEntry
from carecenter.conflicts import EditConflictError
from carecenter.domain.vocab import DietFlag
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.dialogs.edit_conflict_dialog import settle
from ui.widgets.confirm import confirm, inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, FieldRow, FieldRows, bold, ensure_readable_font, show_refusal
from ui.widgets.list_editors import _RowList

# Conditions are typed on one line, separated the way people write lists.
CONDITION_SEPARATORS = re.compile(r"[、,，;；/\n]+")


def split_conditions(text: str) -> tuple[str, ...]:
    """Every piece typed (blanks dropped); the core refuses duplicates and over-long ones."""
    return tuple(p.strip() for p in CONDITION_SEPARATORS.split(text) if p.strip())


class MedicationsEditor(_RowList):
    """在用药物: one line per medication (name, dose, schedule), as the family tells it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [(_("Medication"), 3), (_("Dose"), 2), (_("When taken"), 3)],
            _("Add medication"),
            parent,
        )

    def _new_inputs(self) -> list[tuple[QWidget, int]]:
        edits = []
        for name, stretch in ((_("Medication"), 3), (_("Dose"), 2), (_("When taken"), 3)):
            edit = QLineEdit()
            edit.setAccessibleName(name)
            edit.textChanged.connect(self.changed)
            edits.append((edit, stretch))
        edits[1][0].setPlaceholderText(_("e.g. 1 tablet"))
        edits[2][0].setPlaceholderText(_("e.g. after breakfast"))
        return list(edits)

    def row_inputs(self, index: int) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        name, dose, schedule = self.rows[index].inputs
        assert isinstance(name, QLineEdit) and isinstance(dose, QLineEdit) and isinstance(schedule, QLineEdit)
        return name, dose, schedule

    def set_medications(self, medications: Sequence[MedicationEntry]) -> None:
        self._clear()
        for med in medications:
            self._append_row()
            name, dose, schedule = self.row_inputs(len(self.rows) - 1)
            name.setText(med.name)
            dose.setText(med.dose)
            schedule.setText(med.schedule)
        self._refresh_empty()

    def medications(self) -> tuple[MedicationEntry, ...]:
        """Every line as typed; the core drops lines left blank and refuses one without a name."""
        out = []
        for index in range(len(self.rows)):
            name, dose, schedule = self.row_inputs(index)
            out.append(MedicationEntry(name.text(), dose.text(), schedule.text()))
        return tuple(out)

    def add_row(self) -> None:
        self._add_and_focus()


class HealthDialog(QDialog):
    """Edit ``senior_id``'s health and diet; after a save ``saved`` holds what the core stored."""

    def __init__(self, cc: CareCenter, actor: Actor, senior_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self.saved: HealthInfo | None = None
        self.can_edit_risks = allowed(actor, Permission.ASSESSMENTS)
        detail = cc.seniors.get(senior_id, actor)
        info = cc.health.get(senior_id, actor)
        # What the form opened with: a save over another desk's change is stopped (carecenter.conflicts).
        self._opened, self._expected_version = info, info.version
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Health and diet: {name}").format(name=detail.name))

        body = QWidget(self)
        rows = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(self._diet_group(), 3)
        top.addSpacing(12)
        top.addWidget(self._risk_group(), 2)
        rows.addLayout(top)
        rows.addWidget(self._health_group())  # full width: the medication lines need it
        rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        title = QLabel(f"{detail.name}　{detail.member_no}", self)
        bold(title, 1.3)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.setDefault(False)  # Enter in a line must not save half a list
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        hint = QLabel(_("Ctrl+S: save   Esc: close"), self)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(box)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

        self.load(info.as_input())
        self._baseline = self.state()
        self.medications_editor.rows_changed.connect(self._fix_tab_order)
        self._fix_tab_order()
        self.resize(1100, 760)
        self.diet_boxes[DietFlag.HALAL].setFocus()

    # ---- building ------------------------------------------------------------------------

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        bold(box)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        return box, form

    def _add(self, form: QFormLayout, field: str, widget: QWidget, caption: bool = True) -> FieldRow:
        row = FieldRow(widget)
        font = row.font()
        font.setBold(False)
        row.setFont(font)
        label = _(FIELD_LABELS[field])
        widget.setAccessibleName(label)
        if caption:
            title = QLabel(label)
            title.setFont(font)
            title.setBuddy(widget)
            form.addRow(title, row)
        else:
            form.addRow(row)
        self.rows[field] = row
        return row

    def _diet_group(self) -> QGroupBox:
        box, form = self._group(_("Diet (shown wherever the senior is served)"))
        flags = QWidget()
        line = QHBoxLayout(flags)
        line.setContentsMargins(0, 0, 0, 0)
        self.diet_boxes: dict[DietFlag, QCheckBox] = {}
        for flag in DietFlag:
            check = QCheckBox(flag.label)
            check.toggled.connect(lambda _on: self.rows["diet_flags"].clear_error())
            self.diet_boxes[flag] = check
            line.addWidget(check)
        line.addStretch(1)
        flags.setFocusProxy(self.diet_boxes[DietFlag.HALAL])
        self._add(form, "diet_flags", flags)
        self.allergies_edit = QLineEdit()
        self.allergies_edit.setPlaceholderText(_("e.g. peanuts, penicillin"))
        self.allergies_edit.textChanged.connect(lambda _t: self.rows["allergies"].clear_error())
        self._add(form, "allergies", self.allergies_edit)
        self.diet_notes_edit = QPlainTextEdit()
        self.diet_notes_edit.setTabChangesFocus(True)
        self.diet_notes_edit.setFixedHeight(self.diet_notes_edit.fontMetrics().lineSpacing() * 2 + 16)
        self.diet_notes_edit.textChanged.connect(lambda: self.rows["diet_notes"].clear_error())
        self._add(form, "diet_notes", self.diet_notes_edit)
        return box

    def _risk_group(self) -> QGroupBox:
        box, form = self._group(_("Care risks"))
        self.risk_boxes: dict[str, QCheckBox] = {}
        for field in RISK_FIELDS:
            check = QCheckBox(_(FIELD_LABELS[field]))
            check.setEnabled(self.can_edit_risks)
            self.risk_boxes[field] = check
            self._add(form, field, check, caption=False)
        if not self.can_edit_risks:
            note = QLabel(_("Only social workers and administrators can change this"))
            note.setObjectName("lockedNote")
            note.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
            form.addRow(note)
        return box

    def _health_group(self) -> QGroupBox:
        box, form = self._group(_("Health"))
        self.conditions_edit = QLineEdit()
        self.conditions_edit.setPlaceholderText(_("e.g. hypertension、diabetes (separate with 、)"))
        self.conditions_edit.textChanged.connect(lambda _t: self.rows["conditions"].clear_error())
        self._add(form, "conditions", self.conditions_edit)
        self.medications_editor = MedicationsEditor()
        self.medications_editor.changed.connect(lambda: self.rows["medications"].clear_error())
        self._add(form, "medications", self.medications_editor)
        self.doctor_edit = QLineEdit()
        self.doctor_edit.setPlaceholderText(_("Name and clinic"))
        self.doctor_edit.textChanged.connect(lambda _t: self.rows["family_doctor"].clear_error())
        self._add(form, "family_doctor", self.doctor_edit)
        self.doctor_phone_edit = QLineEdit()
        self.doctor_phone_edit.textChanged.connect(lambda _t: self.rows["family_doctor_phone"].clear_error())
        self._add(form, "family_doctor_phone", self.doctor_phone_edit)
        return box

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [*self.diet_boxes.values(), self.allergies_edit, self.diet_notes_edit]
        chain += [b for b in self.risk_boxes.values() if b.isEnabled()]
        chain += [self.conditions_edit, *self.medications_editor.focus_chain()]
        chain += [self.doctor_edit, self.doctor_phone_edit, self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- the form's state ----------------------------------------------------------------

    def load(self, data: HealthInput) -> None:
        for flag, check in self.diet_boxes.items():
            check.setChecked(flag in data.diet_flags)
        self.allergies_edit.setText(data.allergies)
        self.diet_notes_edit.setPlainText(data.diet_notes)
        for field, check in self.risk_boxes.items():
            check.setChecked(bool(getattr(data, field)))
        self.conditions_edit.setText("、".join(data.conditions))
        self.medications_editor.set_medications(data.medications)
        self.doctor_edit.setText(data.family_doctor)
        self.doctor_phone_edit.setText(data.family_doctor_phone)

    def build(self) -> HealthInput:
        """What is on screen, exactly as typed (the core normalizes and checks)."""
        return HealthInput(
            conditions=split_conditions(self.conditions_edit.text()),
            medications=self.medications_editor.medications(),
            allergies=self.allergies_edit.text(),
            diet_flags=frozenset(f for f, c in self.diet_boxes.items() if c.isChecked()),
            diet_notes=self.diet_notes_edit.toPlainText(),
            family_doctor=self.doctor_edit.text(),
            family_doctor_phone=self.doctor_phone_edit.text(),
            dementia=self.risk_boxes["dementia"].isChecked(),
            fall_risk=self.risk_boxes["fall_risk"].isChecked(),
            wandering_risk=self.risk_boxes["wandering_risk"].isChecked(),
        )

    def state(self) -> tuple[object, ...]:
        return (self.build(), self.conditions_edit.text())

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` right now ('' when none)."""
        return self.rows.error_for(field)

    # ---- saving and closing --------------------------------------------------------------

    def save(self) -> bool:
        """Send the whole form to the core; on refusal show why under each field and stay open."""
        self.rows.clear_errors()
        self.banner.hide()
        try:
            self.saved = self._cc.health.update(
                self._senior_id, self.build(), self._actor, expected_version=self._expected_version, opened=self._opened
            )
        except EditConflictError as exc:
            return settle(self, exc, self._save_over, self._take_theirs)
        except ValidationError as exc:
            lead = _("Not saved: {n} field(s) need fixing (see the red text).").format(
                n=len({e.field for e in exc.errors})
            )
            show_refusal(self.rows, self.banner, exc.errors, lead)
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self._baseline = self.state()
        self.accept()
        return True

    def _save_over(self, version: int) -> bool:
        """保留我的修改: save again, over the other desk's change."""
        self._expected_version = version
        return self.save()

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the record as stored now (the section shows it), the typing dropped."""
        try:
            self.saved = self._cc.health.get(self._senior_id, self._actor)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return
        self._baseline = self.state()
        self.accept()

    def reject(self) -> None:
        """Esc, 取消 or the close box: ask before throwing typing away."""
        if self.is_dirty() and not confirm(
            self,
            _("Discard changes?"),
            _("What you typed has not been saved. Close and discard it?"),
            _("Discard"),
            _("Keep editing"),
            warning=True,
        ):
            return
        super().reject()
