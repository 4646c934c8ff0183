"""记录事件: one incident of one senior — what kind, when, what happened, what was done.

Anyone at the desk may record (the front desk often hears of a fall first). The kind
starts unchosen, so nobody files a fall by accident; choosing a care-risk kind (fall,
choking, wandering, self-harm) says, under the field, what it means for the assessment.
The "home from hospital" date belongs to a hospital stay only: it is enabled for that
kind and stays blank while the senior is still there.

A refused save keeps everything typed, puts each reason under its field and saves
nothing; closing with unsaved typing asks first. The same dialog corrects an incident
(``incident`` given). Threading: the save is one short core call on the UI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.incidents import FIELD_LABELS, IncidentInfo, IncidentInput
from carecenter.conflicts import EditConflictError
from carecenter.domain.vocab import CARE_RISK_INCIDENTS, IncidentKind
from carecenter.errors import CareCenterError, FieldError, ValidationError, labelled
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.edit_conflict_dialog import settle
from ui.widgets.confirm import confirm, inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import (
    ERROR_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    bold,
    ensure_readable_font,
    label_text,
    show_refusal,
)


class IncidentDialog(QDialog):
    """Record a new incident, or correct ``incident``; ``saved`` holds the stored incident after 保存."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        senior_id: int,
        incident: IncidentInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self._incident = incident
        # The version the form was opened with: a save over another desk's change is stopped (carecenter.conflicts).
        self._expected_version = incident.version if incident is not None else None
        self.saved: IncidentInfo | None = None
        self.rows = FieldRows()
        senior = cc.seniors.get(senior_id, actor)
        ensure_readable_font(self)
        self.setModal(True)
        title = _("Correct incident: {name}") if incident is not None else _("Record incident: {name}")
        self.setWindowTitle(title.format(name=senior.name))

        heading = QLabel(f"{senior.name}　{senior.member_no}", self)
        bold(heading, 1.3)
        hint = QLabel(_("Any incident puts the senior on the social workers' list for a reassessment."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        today = cc.clock.today()
        self.kind_combo = QComboBox(self)
        for kind in IncidentKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.setPlaceholderText(_("Please choose"))
        self.kind_combo.setCurrentIndex(-1)
        self._add(form, "kind", self.kind_combo, required=True)
        self.occurred_edit = DateEdit(today, parent=self)
        self.occurred_edit.set_date(today)
        self._add(form, "occurred_on", self.occurred_edit, self.occurred_edit.line, required=True)
        self.ended_edit = DateEdit(today, optional=True, parent=self)
        self._add(form, "ended_on", self.ended_edit, self.ended_edit.line)
        self.description_edit = self._text_box(_("e.g. slipped in the bathroom, right knee grazed"))
        self._add(form, "description", self.description_edit, required=True)
        self.action_edit = self._text_box(_("e.g. cleaned and dressed, told her son, checked at the clinic"))
        self._add(form, "action_taken", self.action_edit)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        self.occurred_edit.edited.connect(self.rows["occurred_on"].clear_error)
        self.ended_edit.edited.connect(self.rows["ended_on"].clear_error)
        self.description_edit.textChanged.connect(self.rows["description"].clear_error)
        self.action_edit.textChanged.connect(self.rows["action_taken"].clear_error)

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
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(box)
        if incident is not None:
            self._fill(incident)
        self._kind_chosen()
        self._baseline = self.state()
        self.resize(720, 620)
        self.kind_combo.setFocus()

    # ---- building ------------------------------------------------------------------------

    def _text_box(self, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)  # Tab moves on, as in every other field
        box.setMinimumHeight(box.fontMetrics().height() * 4)
        return box

    def _add(
        self, form: QFormLayout, field: str, widget: QWidget, buddy: QWidget | None = None, required: bool = False
    ) -> None:
        row = FieldRow(widget, self)
        caption = QLabel(label_text(_(FIELD_LABELS[field]), required), self)
        caption.setBuddy(buddy or widget)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        widget.setAccessibleName(_(FIELD_LABELS[field]))
        form.addRow(caption, row)
        self.rows[field] = row

    def _fill(self, incident: IncidentInfo) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(incident.kind.value))
        self.occurred_edit.set_date(incident.occurred_on)
        self.ended_edit.set_date(incident.ended_on)
        self.description_edit.setPlainText(incident.description)
        self.action_edit.setPlainText(incident.action_taken)

    def _kind_chosen(self) -> None:
        """A hospital stay may have an end date; a care-risk kind says what it means for the assessment."""
        kind = self.chosen_kind()
        self.rows["kind"].clear_error()
        hospital = kind is IncidentKind.HOSPITAL
        if not hospital:
            self.ended_edit.set_date(None)
            self.rows["ended_on"].clear_error()
        self.ended_edit.setEnabled(hospital)
        self.rows["ended_on"].set_info(_("Leave blank while the senior is still in hospital.") if hospital else "")
        risk = kind in CARE_RISK_INCIDENTS
        self.rows["kind"].set_info(
            _("A care-risk incident: two in the 30 days before an assessment make the care level one worse.")
            if risk
            else ""
        )

    # ---- values --------------------------------------------------------------------------

    def chosen_kind(self) -> IncidentKind | None:
        value = self.kind_combo.currentData()
        return IncidentKind.of(value) if self.kind_combo.currentIndex() >= 0 and value else None

    def state(self) -> tuple[object, ...]:
        """What was chosen or typed, to tell whether closing would lose it."""
        return (
            self.kind_combo.currentIndex(),
            self.occurred_edit.text(),
            self.ended_edit.text(),
            self.description_edit.toPlainText(),
            self.action_edit.toPlainText(),
        )

    def entry(self) -> IncidentInput:
        """The form as typed; raises ValidationError for what only the form can tell (no kind, unreadable dates)."""
        problems: list[FieldError] = []
        kind = self.chosen_kind()
        if kind is None:
            problems.append(labelled(FIELD_LABELS, "kind", _("please choose what happened")))
        occurred = self._date("occurred_on", self.occurred_edit, problems, required=True)
        ended = self._date("ended_on", self.ended_edit, problems)
        if problems or kind is None or occurred is None:
            raise ValidationError(problems)
        return IncidentInput(kind, occurred, self.description_edit.toPlainText(), self.action_edit.toPlainText(), ended)

    def _date(self, field: str, edit: DateEdit, problems: list[FieldError], required: bool = False) -> dt.date | None:
        try:
            day = edit.date()
        except DateTextError as exc:
            problems.append(labelled(FIELD_LABELS, field, str(exc)))
            return None
        if day is None and required:
            problems.append(labelled(FIELD_LABELS, field, _("is required")))
        return day

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` right now ('' when none)."""
        return self.rows.error_for(field)

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """保存: on refusal show each reason under its field and store nothing."""
        self.rows.clear_errors()
        self.banner.hide()
        try:
            data = self.entry()
            if self._incident is None:
                self.saved = self._cc.incidents.record(self._senior_id, data, self._actor)
            else:
                self.saved = self._cc.incidents.update(
                    self._incident.id, data, self._actor, expected_version=self._expected_version, opened=self._incident
                )
        except EditConflictError as exc:
            return settle(self, exc, self._save_over, self._take_theirs)
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors)
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.accept()
        return True

    def _save_over(self, version: int) -> bool:
        """保留我的修改: save again, over the other desk's change."""
        self._expected_version = version
        return self.save()

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the incident as stored now (the section shows it), the typing dropped."""
        if self._incident is None:
            return
        try:
            self.saved = self._cc.incidents.get(self._incident.id, self._actor)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return
        self._baseline = self.state()
        self.accept()

    def reject(self) -> None:
        """Esc / 取消: ask before dropping what was typed."""
        if self.state() != self._baseline and not confirm(
            self,
            _("Discard changes?"),
            _("The incident has not been saved. Close and discard it?"),
            _("Discard"),
            _("Keep editing"),
        ):
            return
        super().reject()
