"""新增版本: new figures of one subsidy from a month on — the administrator's form.

The form starts as a copy of the rule's latest version (the one the new version follows),
so raising one amount is one edit: the starting month, the gate conditions (户籍,
人员类别, 照护等级, 最低年龄; for a per-meal subsidy the meals it covers), the tiers in
an editable table, an optional last month and a note (依据某某文件). Statuses and a
highest age of the gate, which the form does not show, are carried over unchanged.

The starting month defaults to the first month that may still change: after the latest
version, after the latest approved roster month, and not before the current month.
Months before it keep their figures. Every refusal comes from the core and is shown
where it belongs — under the field, or in the tier table's cell and under the table —
and nothing is saved. Threading: the save is one short core call on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.domain.months import first_day, last_day, month_label, shift
from carecenter.domain.vocab import CareLevel, Category, Residence, Vocab
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.subsidies.policy import MAX_AGE, Definition, MealType
from carecenter.subsidies.service import RuleInfo, VersionInfo
from ui.dialogs.tier_table import TierTable
from ui.widgets.confirm import confirm, inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, FieldRow, FieldRows, bold, ensure_readable_font, show_refusal

# How a month chooser shows its month (a Qt date format, translated: 2027年1月).
MONTH_FORMAT = N_("MMM yyyy")
_CHECK_COLUMNS = 5


class MonthEdit(QDateEdit):
    """A month chooser (year and month only); ``month()`` is the month's first day."""

    def __init__(self, month: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(_(MONTH_FORMAT))
        self.setDateRange(QDate(2000, 1, 1), QDate(2099, 12, 1))
        self.setCalendarPopup(False)
        self.setMinimumWidth(max(160, self.sizeHint().width() + 24))
        self.set_month(month)

    def month(self) -> dt.date:
        chosen = self.date()
        return dt.date(chosen.year(), chosen.month(), 1)

    def set_month(self, month: dt.date) -> None:
        self.setDate(QDate(month.year, month.month, 1))


def default_start(rule: RuleInfo, approved_through: dt.date | None, today: dt.date) -> dt.date:
    """The first month a new version may start: after the latest version and the approved months, from this month."""
    candidates = [first_day(today)]
    if rule.versions:
        candidates.append(shift(rule.versions[-1].starts_on, 1))
    if approved_through is not None:
        candidates.append(shift(approved_through, 1))
    return max(candidates)


class RuleVersionDialog(QDialog):
    """New figures of ``code`` from a month on; ``saved`` holds the rule with its versions after 保存."""

    def __init__(self, cc: CareCenter, actor: Actor, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc, self._actor = cc, actor
        self.rule = cc.subsidies.rule(code)
        self.saved: RuleInfo | None = None
        self.rows = FieldRows()
        self._base: VersionInfo | None = self.rule.versions[-1] if self.rule.versions else None
        self._approved = cc.subsidies.approved_through()
        self._caption_width = self.fontMetrics().horizontalAdvance(_("Categories (any of)")) + 8
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("New version: {rule}").format(rule=self.rule.name))

        heading = QLabel(_("New figures of {rule}").format(rule=self.rule.name), self)
        bold(heading, 1.3)
        hint = QLabel(self._hint(), self)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")

        inner = QWidget(self)
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 8, 0)
        body.addWidget(self._period_box(inner))
        body.addWidget(self._gate_box(inner))
        tiers_box = QGroupBox(_("Tiers (a senior meeting several gets the highest one, not the sum)"), inner)
        bold(tiers_box)
        tiers_layout = QVBoxLayout(tiers_box)
        self.tier_table = TierTable(tiers_box)
        self.tier_table.setFont(self.font())
        tiers_layout.addWidget(self.tier_table)
        body.addWidget(tiers_box)
        note_box = QGroupBox(_("Note"), inner)
        bold(note_box)
        note_layout = QVBoxLayout(note_box)
        self.note_edit = QLineEdit(note_box)
        self.note_edit.setPlaceholderText(_("e.g. according to document 郑民〔2026〕12号"))
        self.note_edit.setAccessibleName(_("Note"))
        _plain(self.note_edit)
        self.rows["note"] = FieldRow(self.note_edit, note_box)
        self.note_edit.textChanged.connect(lambda _text: self.rows["note"].clear_error())
        note_layout.addWidget(self.rows["note"])
        body.addWidget(note_box)
        body.addStretch(1)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(inner)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(area, 1)
        layout.addWidget(self.banner)
        layout.addWidget(box)

        self.tier_table.edited.connect(self.banner.hide)
        if self._base is not None:
            self._fill(self._base.definition)
        self._start_changed()
        self._baseline = self.state()
        self.resize(1120, 940)

    # ---- building ----------------------------------------------------------------------------

    def _hint(self) -> str:
        text = _("Months before the starting month keep the figures they had.")
        if self._approved is not None:
            text += "\n" + _("Months up to {month} are approved and cannot be changed.").format(
                month=month_label(self._approved)
            )
        return text

    def _row(self, form: QFormLayout, field: str, caption: str, widget: QWidget) -> FieldRow:
        row = FieldRow(widget, form.parentWidget())
        label = QLabel(caption)
        label.setMinimumWidth(self._caption_width)
        label.setBuddy(widget)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        widget.setAccessibleName(caption)
        form.addRow(label, row)
        self.rows[field] = row
        return row

    def _period_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Months in force"), parent)
        bold(box)
        form = QFormLayout(box)
        today = self._cc.clock.today()
        start = default_start(self.rule, self._approved, today)
        self.start_edit = MonthEdit(start, box)
        self.start_edit.setMaximumWidth(220)
        self.start_edit.dateChanged.connect(lambda _d: self._start_changed())
        self._row(form, "starts_on", _("Starting month"), self.start_edit)
        self.end_check = QCheckBox(_("Ends after"), box)
        self.end_edit = MonthEdit(shift(start, 11), box)
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.end_check.toggled.connect(lambda _on: self.rows["ends_on"].clear_error())
        self.end_edit.dateChanged.connect(lambda _d: self.rows["ends_on"].clear_error())
        ends = QWidget(box)
        line = QHBoxLayout(ends)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.end_check)
        line.addWidget(self.end_edit)
        line.addStretch(1)
        self._row(form, "ends_on", _("Last month"), ends).set_info(
            _("Leave unticked: in force until a later version replaces it.")
        )
        for widget in box.findChildren(QWidget):
            _plain(widget)
        return box

    def _gate_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Who qualifies (every condition must hold)"), parent)
        bold(box)
        form = QFormLayout(box)
        self.residence_combo = QComboBox(box)
        self.residence_combo.setMaximumWidth(220)
        self.residence_combo.addItem(_("Any"), "")
        self.residence_combo.addItem(Residence.LOCAL.label, Residence.LOCAL.value)
        self.residence_combo.currentIndexChanged.connect(lambda _i: self.rows["residence"].clear_error())
        self._row(form, "residence", _("Household registration"), self.residence_combo)
        self.category_checks = self._checks(box, form, "categories", _("Categories (any of)"), list(Category))
        self.care_checks = self._checks(box, form, "care_levels", _("Care levels (any of)"), list(CareLevel))
        self.min_age_spin = QSpinBox(box)
        self.min_age_spin.setRange(0, MAX_AGE)
        self.min_age_spin.setSpecialValueText(_("Any"))
        self.min_age_spin.setSuffix(_(" years"))
        self.min_age_spin.setMinimumWidth(140)
        self.min_age_spin.setMaximumWidth(220)
        self.min_age_spin.valueChanged.connect(lambda _v: self.rows["min_age"].clear_error())
        self._row(form, "min_age", _("Lowest age"), self.min_age_spin)
        self.meal_checks: dict[str, QCheckBox] = {}
        if self.rule.per_meal:
            self.meal_checks = self._checks(box, form, "meal_types", _("Meals covered"), list(MealType))
        for widget in box.findChildren(QWidget):
            _plain(widget)
        return box

    def _checks(
        self, box: QGroupBox, form: QFormLayout, field: str, caption: str, members: list[Any]
    ) -> dict[str, QCheckBox]:
        holder = QWidget(box)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        checks: dict[str, QCheckBox] = {}
        for i, member in enumerate(members):
            check = QCheckBox(member.label, holder)
            check.toggled.connect(lambda _on: self.rows[field].clear_error())
            grid.addWidget(check, i // _CHECK_COLUMNS, i % _CHECK_COLUMNS)
            checks[member.value] = check
        grid.setColumnStretch(_CHECK_COLUMNS, 1)
        self._row(form, field, caption, holder)
        return checks

    def _fill(self, base: Definition) -> None:
        residence = ",".join(r.value for r in base.residence)
        index = self.residence_combo.findData(residence)
        if index < 0:  # a condition the two usual choices do not name: kept, shown as it is
            self.residence_combo.addItem("、".join(r.label for r in base.residence), residence)
            index = self.residence_combo.count() - 1
        self.residence_combo.setCurrentIndex(index)
        _tick(self.category_checks, base.categories)
        _tick(self.care_checks, base.care_levels)
        self.min_age_spin.setValue(base.min_age or 0)
        _tick(self.meal_checks, base.covered_meals() if self.rule.per_meal else ())
        self.tier_table.set_tiers(base.tiers)

    def _start_changed(self) -> None:
        self.rows["starts_on"].clear_error()
        start = self.start_edit.month()
        before = self.rule.in_force(shift(start, -1))
        info = ""
        if before is not None and (before.ends_on is None or before.ends_on >= start):
            info = _("The version from {start} ends with {end}.").format(
                start=month_label(before.starts_on), end=month_label(shift(start, -1))
            )
        self.rows["starts_on"].set_info(info)

    # ---- values ------------------------------------------------------------------------------

    def ends_on(self) -> dt.date | None:
        return last_day(self.end_edit.month()) if self.end_check.isChecked() else None

    def definition_data(self) -> dict[str, Any]:
        """The definition as the form shows it (JSON form); ValidationError for what only the form can tell."""
        data: dict[str, Any] = {}
        if residence := self.residence_combo.currentData():
            data["residence"] = str(residence).split(",")
        if self._base is not None:
            data["statuses"] = [s.value for s in self._base.definition.statuses]
        for key, checks in (("categories", self.category_checks), ("care_levels", self.care_checks)):
            if chosen := _ticked(checks):
                data[key] = chosen
        if self.min_age_spin.value() > 0:
            data["min_age"] = self.min_age_spin.value()
        if self._base is not None and self._base.definition.max_age is not None:
            data["max_age"] = self._base.definition.max_age
        if self.rule.per_meal:
            meals = _ticked(self.meal_checks)
            if not meals:
                reason = _("tick at least one meal")
                raise ValidationError([FieldError("meal_types", _("Meals covered"), reason)])
            data["meal_types"] = meals
        data["tiers"] = self.tier_table.tier_data()
        return data

    def state(self) -> tuple[object, ...]:
        """What was chosen or typed, to tell whether closing would lose it."""
        checks = (self.category_checks, self.care_checks, self.meal_checks)
        return (
            self.start_edit.month(),
            self.ends_on(),
            self.residence_combo.currentIndex(),
            tuple(tuple(_ticked(c)) for c in checks),
            self.min_age_spin.value(),
            self.tier_table.state(),
            self.note_edit.text(),
        )

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` right now ('' when none)."""
        return self.rows.error_for(field)

    # ---- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """保存: the new version, or every refusal where it belongs and nothing saved."""
        self.rows.clear_errors()
        self.tier_table.clear_errors()
        self.banner.hide()
        try:
            data = self.definition_data()
            self.saved = self._cc.subsidies.add_version(
                self.rule.code,
                self.start_edit.month(),
                data,
                self._actor,
                ends_on=self.ends_on(),
                note=self.note_edit.text(),
            )
        except ValidationError as exc:
            rest = self.tier_table.show_errors(exc.errors)
            show_refusal(self.rows, self.banner, rest)
            if self.rows.first_error() is None and self.tier_table.error_text():
                self.tier_table.table.setFocus()
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.accept()
        return True

    def reject(self) -> None:
        """Esc / 取消: ask before dropping what was typed."""
        if self.state() != self._baseline and not confirm(
            self,
            _("Discard changes?"),
            _("The new version has not been saved. Close and discard it?"),
            _("Discard"),
            _("Keep editing"),
        ):
            return
        super().reject()


def _plain(widget: QWidget) -> None:
    """Not bold: a bold group title's font is inherited by everything in the group."""
    font = widget.font()
    font.setBold(False)
    widget.setFont(font)


def _tick(checks: dict[str, QCheckBox], members: tuple[Vocab, ...]) -> None:
    for code, check in checks.items():
        check.setChecked(code in {m.value for m in members})


def _ticked(checks: dict[str, QCheckBox]) -> list[str]:
    return [code for code, check in checks.items() if check.isChecked()]
