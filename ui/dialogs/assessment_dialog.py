"""新增能力评估: one filled-in assessment form, with the total and the level worked out as scores are chosen.

Left, what the assessors sign: the instrument, the date, the two assessors, the dementia
box (starting from the senior's health record), the number of care-risk incidents in the
30 days before the date (from the incident log, refreshed when the date changes), and
in large text the total, the band or level and, for GB/T 42195, the adjusted level with
the reason. Right, every item of the instrument with its allowed scores
(:class:`ui.dialogs.assessment_items.ItemsForm`); each instrument keeps its own scores,
so switching back and forth loses nothing.

The live figures are the instrument's own rules (pure functions of the core); the core
checks everything again on 保存 and the refusals appear next to their fields: an item's
under its buttons. Esc asks before throwing away a form that has scores in it.

Threading: the incident count and the save are short core calls on the UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.assessments import FIELD_LABELS, AssessmentInfo, AssessmentInput
from carecenter.care.instruments import INSTRUMENTS, Instrument, adjusted_level, adjustment_reasons
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.staff import StaffInfo
from ui.dialogs.assessment_items import ItemsForm
from ui.widgets.confirm import confirm, inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import (
    ERROR_COLOR,
    INFO_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    bold,
    ensure_readable_font,
    label_text,
    show_refusal,
)

NO_STAFF = 0  # never a staff member's id: the core refuses it with the other problems
ADJUSTED_COLOR = "#e65100"


class AssessmentDialog(QDialog):
    """Fill in and save one assessment of ``senior_id``; ``saved`` holds it once stored (then Accepted)."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        senior_id: int,
        instrument: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self.saved: AssessmentInfo | None = None
        self.subject = cc.assessments.subject(senior_id, actor)
        self.risk_incidents = 0
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("New assessment: {name}").format(name=self.subject.name))

        layout = QVBoxLayout(self)
        title = QLabel(f"{self.subject.name}　{self.subject.member_no}", self)
        bold(title, 1.3)
        layout.addWidget(title)
        columns = QHBoxLayout()
        left = self._left_column()
        columns.addWidget(left, 0)
        columns.addWidget(self._items_column(instrument), 1)
        self._notes(left)
        layout.addLayout(columns, 1)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save assessment"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        layout.addWidget(box)
        self._refresh_risks()
        self._instrument_changed()
        self._baseline = self.state()
        self.resize(1240, 860)
        self.instrument_combo.setFocus()

    # ---- building ------------------------------------------------------------------------

    def _left_column(self) -> QWidget:
        column = QWidget(self)
        column.setMinimumWidth(400)
        column.setMaximumWidth(470)
        outer = QVBoxLayout(column)
        outer.setContentsMargins(0, 0, 8, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)

        self.instrument_combo = QComboBox(column)
        for code, inst in INSTRUMENTS.items():
            self.instrument_combo.addItem(inst.label, code)
        self._add(form, "instrument", self.instrument_combo, required=True)

        today = self._cc.clock.today()
        self.date_edit = DateEdit(today, parent=column)
        self.date_edit.set_date(today)
        self._add(form, "assessed_on", self.date_edit, buddy=self.date_edit.line, required=True)
        self.date_edit.edited.connect(self._date_edited)

        staff = self._cc.staff.list(active_only=True)
        self.assessor1_combo = self._staff_combo(column, staff, self._actor.staff_id)
        self.assessor2_combo = self._staff_combo(column, staff, None)
        self._add(form, "assessor1_id", self.assessor1_combo, required=True)
        self._add(form, "assessor2_id", self.assessor2_combo, required=True)
        if not staff:
            self.rows["assessor1_id"].set_info(_("No staff members yet: an administrator adds them on the Staff page."))

        self.dementia_check = QCheckBox(_(FIELD_LABELS["dementia"]), column)
        self.dementia_check.setChecked(self.subject.dementia)
        self.dementia_check.toggled.connect(self._update_summary)
        outer.addWidget(self.dementia_check)
        note = QLabel(_("Starts from the senior's health record; saving writes the answer back to it."), column)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR};")
        outer.addWidget(note)

        outer.addWidget(self._summary_box(column))
        self._notes_slot = QVBoxLayout()  # filled after the items, so Tab reaches the notes after the scores
        self._notes_slot.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._notes_slot)
        outer.addStretch(1)
        return column

    def _notes(self, column: QWidget) -> None:
        caption = QLabel(_(FIELD_LABELS["notes"]), column)
        self._notes_slot.addWidget(caption)
        self.notes_edit = QPlainTextEdit(column)
        self.notes_edit.setPlaceholderText(_("optional, e.g. assessed at home with her daughter present"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(110)
        caption.setBuddy(self.notes_edit)
        notes_row = FieldRow(self.notes_edit, column)
        self.rows["notes"] = notes_row
        self.notes_edit.textChanged.connect(notes_row.clear_error)
        self._notes_slot.addWidget(notes_row)

    def _staff_combo(self, parent: QWidget, staff: Sequence[StaffInfo], chosen: int | None) -> QComboBox:
        combo = QComboBox(parent)
        for member in staff:
            combo.addItem(f"{member.name}（{member.position.label}）", member.id)
        combo.setPlaceholderText(_("Please choose a staff member"))
        combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else -1)
        return combo

    def _add(
        self, form: QFormLayout, field: str, widget: QWidget, buddy: QWidget | None = None, required: bool = False
    ) -> FieldRow:
        row = FieldRow(widget, self)
        caption = QLabel(label_text(_(FIELD_LABELS[field]), required), self)
        caption.setBuddy(buddy or widget)
        widget.setAccessibleName(_(FIELD_LABELS[field]))
        form.addRow(caption, row)
        self.rows[field] = row
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(row.clear_error)
        return row

    def _summary_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Result"), parent)
        bold(box)
        grid = QFormLayout(box)
        self.total_label = QLabel(box)
        self.total_label.setObjectName("assessmentTotal")
        bold(self.total_label, 1.5)
        self.band_caption = QLabel(box)
        self.band_label = QLabel(box)
        self.band_label.setObjectName("assessmentBand")
        bold(self.band_label, 1.5)
        self.risk_caption = QLabel(_("Care-risk incidents in the 30 days before"), box)
        self.risk_caption.setWordWrap(True)
        self.risk_label = QLabel(box)
        self.adjusted_caption = QLabel(_("Adjusted level"), box)
        self.adjusted_label = QLabel(box)
        self.adjusted_label.setObjectName("assessmentAdjusted")
        self.adjusted_label.setWordWrap(True)
        bold(self.adjusted_label, 1.5)
        for caption in (self.band_caption, self.risk_caption, self.adjusted_caption):
            caption.setFont(self.font())
        self.risk_label.setFont(self.font())
        self.progress_label = QLabel(box)
        self.progress_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.progress_label.setWordWrap(True)
        self.progress_label.setFont(self.font())
        total_caption = QLabel(_("Total score"), box)
        total_caption.setFont(self.font())
        grid.addRow(total_caption, self.total_label)
        grid.addRow(self.progress_label)
        grid.addRow(self.band_caption, self.band_label)
        grid.addRow(self.risk_caption, self.risk_label)
        grid.addRow(self.adjusted_caption, self.adjusted_label)
        self.adjusted_reason = QLabel(box)
        self.adjusted_reason.setObjectName("assessmentAdjustment")
        self.adjusted_reason.setWordWrap(True)
        self.adjusted_reason.setFont(self.font())
        grid.addRow("", self.adjusted_reason)
        for label in (self.total_label, self.band_label, self.adjusted_label, self.risk_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return box

    def _items_column(self, chosen: str | None) -> QWidget:
        self.stack = QStackedWidget(self)
        self.item_forms: dict[str, ItemsForm] = {}
        for code, inst in INSTRUMENTS.items():
            form = ItemsForm(inst, self.stack)
            form.changed.connect(self._update_summary)
            self.stack.addWidget(form)
            self.item_forms[code] = form
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.stack)
        if chosen in INSTRUMENTS:
            self.instrument_combo.setCurrentIndex(self.instrument_combo.findData(chosen))
        self.instrument_combo.currentIndexChanged.connect(self._instrument_changed)
        return self.scroll_area

    # ---- live figures --------------------------------------------------------------------

    def instrument(self) -> Instrument:
        return INSTRUMENTS[str(self.instrument_combo.currentData())]

    def items(self) -> ItemsForm:
        """The item form of the chosen instrument."""
        return self.item_forms[self.instrument().code]

    def _instrument_changed(self) -> None:
        self.stack.setCurrentWidget(self.items())
        for form in self.item_forms.values():  # only the shown form takes part in Tab
            form.setEnabled(form is self.items())
        self.scroll_area.verticalScrollBar().setValue(0)
        self._update_summary()

    def _date_edited(self) -> None:
        self.rows["assessed_on"].clear_error()
        self._refresh_risks()
        self._update_summary()

    def _refresh_risks(self) -> None:
        """Count the care-risk incidents before the typed date (kept as is while the date is unreadable)."""
        try:
            day = self.date_edit.date()
        except DateTextError:
            return
        if day is not None:
            self.risk_incidents = self._cc.assessments.risk_incidents_before(self._senior_id, day, self._actor)

    def _update_summary(self) -> None:
        inst = self.instrument()
        form = self.items()
        total, missing = inst.total(form.scores()), len(form.missing())
        self.total_label.setText(f"{total} / {inst.max_total}")
        self.progress_label.setText(
            _("{n} of {all} items not scored yet").format(n=missing, all=len(inst.items)) if missing else ""
        )
        self.progress_label.setVisible(bool(missing))
        self.band_caption.setText(_("Care level by the total") if inst.sets_care_level else _("Dependence"))
        self.band_label.setText(inst.band(total).label if not missing else "—")
        for widget in (self.risk_caption, self.risk_label, self.adjusted_caption, self.adjusted_label):
            widget.setVisible(inst.sets_care_level)
        self.adjusted_reason.setVisible(inst.sets_care_level)
        self.risk_label.setText(_("{n} times").format(n=self.risk_incidents))
        level = inst.level(total)
        if missing or level is None:
            self.adjusted_label.setText("—")
            self.adjusted_label.setStyleSheet("")
            self.adjusted_reason.setText("")
            self.adjusted_reason.hide()
            return
        dementia = self.dementia_check.isChecked()
        adjusted = adjusted_level(level, dementia, self.risk_incidents)
        why = _(", ").join(adjustment_reasons(dementia, self.risk_incidents))
        self.adjusted_label.setText(adjusted.label)
        if adjusted is not level:
            self.adjusted_reason.setText(_("One level worse: {why}").format(why=why))
        elif why:
            self.adjusted_reason.setText(_("Already the worst level ({why})").format(why=why))
        else:
            self.adjusted_reason.setText(_("No adjustment"))
        color = ADJUSTED_COLOR if adjusted is not level else INFO_COLOR
        self.adjusted_label.setStyleSheet(f"color: {color};")
        self.adjusted_reason.setStyleSheet(f"color: {color};")
        self.adjusted_reason.show()

    # ---- saving --------------------------------------------------------------------------

    def state(self) -> tuple[object, ...]:
        """What was chosen or typed, to tell whether closing would lose it."""
        scores = tuple(sorted((code, tuple(sorted(f.scores().items()))) for code, f in self.item_forms.items()))
        return (scores, self.notes_edit.toPlainText(), self.date_edit.text())

    def clear_errors(self) -> None:
        self.rows.clear_errors()
        for form in self.item_forms.values():
            form.clear_errors()
        self.banner.hide()

    def entry(self) -> AssessmentInput:
        """The form as filled in; raises ValidationError when the date cannot be read (or is blank)."""
        try:
            day = self.date_edit.date()
        except DateTextError as exc:
            raise ValidationError([FieldError("assessed_on", _(FIELD_LABELS["assessed_on"]), str(exc))]) from None
        if day is None:
            raise ValidationError([FieldError("assessed_on", _(FIELD_LABELS["assessed_on"]), _("is required"))])
        return AssessmentInput(
            instrument=self.instrument().code,
            assessed_on=day,
            assessor1_id=_chosen(self.assessor1_combo),
            assessor2_id=_chosen(self.assessor2_combo),
            scores=self.items().scores(),
            dementia=self.dementia_check.isChecked(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> bool:
        """保存评估: store it and close; on refusal show each reason next to its field and store nothing."""
        self.clear_errors()
        try:
            self.saved = self._cc.assessments.record(self._senior_id, self.entry(), self._actor)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.accept()
        return True

    def show_errors(self, errors: list[FieldError]) -> None:
        """Item scores' reasons beside the items (counted in the banner), the others under their fields."""
        rest = self.items().show_errors(errors)
        item_errors = len(errors) - len(rest)
        lead = _("{n} item scores need attention: see the red messages beside them.").format(n=item_errors)
        show_refusal(self.rows, self.banner, rest, lead if item_errors else "", self.items().first_error_row())

    def error_for(self, field: str) -> str:
        """The message shown at ``field`` ("scores.bathing" for an item) right now ('' when none)."""
        if field.startswith("scores."):
            return self.items().error_for(field.removeprefix("scores."))
        return self.rows.error_for(field)

    def reject(self) -> None:
        """Esc / 取消: ask before dropping a form with scores or notes in it."""
        if (
            self.saved is None
            and self.state() != self._baseline
            and not confirm(
                self,
                _("Discard changes?"),
                _("This assessment has not been saved. Close and discard it?"),
                _("Discard"),
                _("Keep editing"),
            )
        ):
            return
        super().reject()


def _chosen(combo: QComboBox) -> int:
    return int(combo.currentData()) if combo.currentIndex() >= 0 else NO_STAFF
