"""照护计划 form: write a new plan, change a draft, or start a new version of the signed plan.

What it edits depends on what it is given:

* no plan: a **new plan** (today's start, the review after the center's reassessment interval);
* a draft: **the draft** itself;
* the signed plan in force: a **new version** of it (修改), prefilled from it. The signed
  version stays in force until the new one is signed; the dialog says so at the top.

保存草稿 stores the form as a draft. 保存并签字 stores it and, with the social worker
chosen under "签字社工", signs it at once (dated today), so it takes effect. A refused
field shows its reason under the input (planned services under their own card); a
refusal of the signature leaves the saved draft, and the dialog stays open on it.

Threading: each button is one short core call on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.plan_rules import FIELD_LABELS, parse_service_field, plan_error
from carecenter.care.plans import PlanInfo, PlanInput, PlannedServiceInput
from carecenter.conflicts import EditConflictError
from carecenter.domain.dates import add_months
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.edit_conflict_dialog import settle
from ui.dialogs.planned_services_editor import PlannedServicesEditor
from ui.widgets.confirm import confirm, inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, FieldRow, FieldRows, bold, ensure_readable_font, label_text


def social_workers(cc: CareCenter) -> list[tuple[int, str]]:
    """(staff id, name) of the social workers who may sign a plan."""
    return [(s.id, s.name) for s in cc.staff.list(active_only=True) if s.position is StaffPosition.SOCIAL_WORKER]


def fill_signers(combo: QComboBox, cc: CareCenter, actor: Actor) -> None:
    """The signer choice: active social workers; the user themself chosen when they are one."""
    for staff_id, name in social_workers(cc):
        combo.addItem(name, staff_id)
    combo.setPlaceholderText(_("Please choose the social worker who signs"))
    combo.setCurrentIndex(combo.findData(actor.staff_id) if actor.staff_id is not None else -1)


class CarePlanDialog(QDialog):
    """New plan, draft or new version (see the module text); ``saved`` is the stored plan once saved."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        senior_id: int,
        plan: PlanInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc, self._actor, self._senior_id = cc, actor, senior_id
        self.base = plan  # what the form started from (a draft, or the signed plan being revised)
        self.draft: PlanInfo | None = plan if plan is not None and plan.is_draft else None
        self.saved: PlanInfo | None = None
        # The draft as the form has it: a save over another desk's change is stopped (carecenter.conflicts).
        self._opened = self.draft
        self._expected_version = self.draft.edit_version if self.draft is not None else None
        today = cc.clock.today()
        detail = cc.seniors.get(senior_id, actor)
        ensure_readable_font(self)
        self.setModal(True)
        self.rows = FieldRows()
        # a new plan is reviewed when the senior is due to be reassessed
        self._review_months = cc.due.reassess_months(detail.center_id)

        if plan is None:
            title = _("New care plan: {name}").format(name=detail.name)
        elif plan.is_draft:
            title = _("Care plan draft (version {v}): {name}").format(v=plan.version, name=detail.name)
        else:
            title = _("Change the care plan (new version {v}): {name}").format(v=plan.version + 1, name=detail.name)
        self.setWindowTitle(title)

        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        bold(heading, 1.3)
        layout.addWidget(heading)
        if plan is not None and plan.is_active:
            note = QLabel(
                _(
                    "The signed version {v} stays in force until this new version is signed; "
                    "both are kept in the plan's history."
                ).format(v=plan.version),
                self,
            )
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {INFO_COLOR};")
            layout.addWidget(note)

        inner = QWidget(self)
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.needs_edit = QPlainTextEdit(inner)
        self.needs_edit.setPlaceholderText(_("e.g. lives alone, needs a hand when walking; irregular lunches"))
        self.goals_edit = QPlainTextEdit(inner)
        self.goals_edit.setPlaceholderText(_("e.g. comes to the center three days a week and has lunch there"))
        for edit in (self.needs_edit, self.goals_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 16)
        self._add(form, "needs", self.needs_edit, required=True)
        self._add(form, "goals", self.goals_edit, required=True)
        dates = QWidget(inner)
        line = QHBoxLayout(dates)
        line.setContentsMargins(0, 0, 0, 0)
        self.start_edit = DateEdit(today, parent=dates)
        self.review_edit = DateEdit(today, parent=dates)
        self.end_edit = DateEdit(today, optional=True, parent=dates)
        for field, date_edit in (
            ("start_on", self.start_edit),
            ("review_on", self.review_edit),
            ("end_on", self.end_edit),
        ):
            caption = QLabel(label_text(_(FIELD_LABELS[field]), required=field != "end_on"), dates)
            caption.setBuddy(date_edit.line)
            date_edit.setAccessibleName(_(FIELD_LABELS[field]))
            holder = FieldRow(date_edit, dates)
            date_edit.edited.connect(holder.clear_error)
            self.rows[field] = holder
            line.addWidget(caption)
            line.addWidget(holder, 1)
            line.addSpacing(12)
        form.addRow(dates)

        self.services = PlannedServicesEditor(
            today, cc.catalogue.types(), cc.staff.list(active_only=True), parent=inner
        )
        services_caption = QLabel(_(FIELD_LABELS["services"]), inner)
        bold(services_caption, 1.1)
        services_line = QHBoxLayout()  # 添加服务 beside the heading: reachable however many cards follow
        services_line.addWidget(services_caption)
        services_line.addSpacing(16)
        services_line.addWidget(self.services.add_button)
        services_line.addStretch(1)
        form.addRow(services_line)
        form.addRow(self.services)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(inner)
        layout.addWidget(area, 1)

        layout.addLayout(self._sign_row())
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addLayout(self._buttons())

        self._show(plan, today)
        self._baseline = self.state()
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_draft)
        self.resize(1100, 860)
        self.needs_edit.setFocus()

    # ---- building ----------------------------------------------------------------------

    def _add(self, form: QFormLayout, field: str, widget: QPlainTextEdit, required: bool = False) -> None:
        holder = FieldRow(widget, self)
        caption = QLabel(label_text(_(FIELD_LABELS[field]), required), self)
        caption.setBuddy(widget)
        widget.setAccessibleName(_(FIELD_LABELS[field]))
        widget.textChanged.connect(holder.clear_error)
        form.addRow(caption, holder)
        self.rows[field] = holder

    def _sign_row(self) -> QHBoxLayout:
        line = QHBoxLayout()
        caption = QLabel(_(FIELD_LABELS["signed_by_staff_id"]), self)
        self.signer_combo = QComboBox(self)
        fill_signers(self.signer_combo, self._cc, self._actor)
        self.signer_combo.setMinimumWidth(220)
        self.signer_combo.setAccessibleName(_(FIELD_LABELS["signed_by_staff_id"]))
        caption.setBuddy(self.signer_combo)
        holder = FieldRow(self.signer_combo, self)
        self.signer_combo.currentIndexChanged.connect(holder.clear_error)
        self.rows["signed_by_staff_id"] = holder
        hint = QLabel(_("Needed only for 'Save and sign': the plan then takes effect today."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        line.addWidget(caption)
        line.addWidget(holder)
        line.addWidget(hint, 1)
        return line

    def _buttons(self) -> QHBoxLayout:
        line = QHBoxLayout()
        self.save_button = QPushButton(_("Save as draft"), self)
        self.sign_button = QPushButton(_("Save and sign"), self)
        self.cancel_button = QPushButton(_("Cancel"), self)
        for button in (self.save_button, self.sign_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(max(130, button.sizeHint().width() + 24))
            button.setMinimumHeight(button.sizeHint().height() + 8)
        self.save_button.setDefault(True)
        bold(self.sign_button)
        self.save_button.setToolTip(_("Keep the plan as a draft; it takes effect once signed (Ctrl+S)"))
        self.sign_button.setToolTip(_("Save, and sign by the chosen social worker: the plan takes effect today"))
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button.clicked.connect(self.save_and_sign)
        self.cancel_button.clicked.connect(self.reject)
        line.addStretch(1)
        for button in (self.save_button, self.sign_button, self.cancel_button):
            line.addWidget(button)
        return line

    def _show(self, plan: PlanInfo | None, today: dt.date) -> None:
        if plan is None:
            self.start_edit.set_date(today)
            self.review_edit.set_date(add_months(today, self._review_months))
            return
        self.needs_edit.setPlainText(plan.needs)
        self.goals_edit.setPlainText(plan.goals)
        self.start_edit.set_date(plan.start_on)
        self.review_edit.set_date(plan.review_on)
        self.end_edit.set_date(plan.end_on)
        self.services.set_services(plan.services)

    # ---- values ------------------------------------------------------------------------

    def entry(self) -> PlanInput:
        """The form as typed; ValidationError for dates that cannot be read (or a blank required one)."""
        problems: list[FieldError] = []
        dates: dict[str, dt.date | None] = {}
        for field, edit in (("start_on", self.start_edit), ("review_on", self.review_edit), ("end_on", self.end_edit)):
            try:
                dates[field] = edit.date()
                if dates[field] is None and field != "end_on":
                    problems.append(plan_error(field, _("is required")))
            except DateTextError as exc:
                problems.append(plan_error(field, str(exc)))
        services: tuple[PlannedServiceInput, ...] = ()
        try:
            services = self.services.services()
        except ValidationError as exc:
            problems.extend(exc.errors)
        start, review = dates.get("start_on"), dates.get("review_on")
        if problems or start is None or review is None:
            raise ValidationError(problems)
        return PlanInput(
            needs=self.needs_edit.toPlainText(),
            goals=self.goals_edit.toPlainText(),
            start_on=start,
            review_on=review,
            end_on=dates["end_on"],
            services=services,
        )

    def state(self) -> tuple[object, ...]:
        return (
            self.needs_edit.toPlainText(),
            self.goals_edit.toPlainText(),
            self.start_edit.text(),
            self.review_edit.text(),
            self.end_edit.text(),
            self.services.state(),
        )

    # ---- actions -----------------------------------------------------------------------

    def save_draft(self) -> bool:
        """保存草稿: store the form as a draft and close."""
        if self._store() is None:
            return False
        self.accept()
        return True

    def save_and_sign(self) -> bool:
        """保存并签字: store the draft, then sign it by the chosen social worker; close once in force."""
        self.clear_errors()
        if self.signer_combo.currentIndex() < 0:
            self.show_errors([plan_error("signed_by_staff_id", _("please choose a social worker who works here"))])
            return False
        draft = self._store()
        if draft is None:
            return False
        try:
            self.saved = self._cc.care_plans.sign(draft.id, int(self.signer_combo.currentData()), self._actor)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except CareCenterError as exc:
            inform(self, _("Not signed"), str(exc), _("OK"))
            return False
        self.accept()
        return True

    def _store(self) -> PlanInfo | None:
        """Create, update or revise as this dialog was opened for; the draft stored, or None when refused."""
        self.clear_errors()
        try:
            data = self.entry()
            if self.draft is not None:
                stored = self._cc.care_plans.update_draft(
                    self.draft.id, data, self._actor, expected_version=self._expected_version, opened=self._opened
                )
            elif self.base is not None:
                stored = self._cc.care_plans.revise(self.base.id, data, self._actor)
            else:
                stored = self._cc.care_plans.create(self._senior_id, data, self._actor)
        except EditConflictError as exc:
            return self._settle(exc)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return None
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return None
        self.draft = self.saved = stored  # from now on this dialog edits that draft
        self._opened, self._expected_version = stored, stored.edit_version
        self._baseline = self.state()
        return stored

    def _settle(self, conflict: EditConflictError) -> PlanInfo | None:
        """Another desk saved this draft meanwhile: ask, then store over it, show theirs, or go back to the form."""
        stored: list[PlanInfo | None] = []

        def keep_mine(version: int) -> bool:
            self._expected_version = version
            stored.append(self._store())
            return stored[-1] is not None

        settle(self, conflict, keep_mine, self._take_theirs)
        return stored[-1] if stored else None

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the draft as stored now (the section shows it), the typing dropped."""
        if self.draft is None:
            return
        try:
            self.saved = self._cc.care_plans.get(self.draft.id, self._actor)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return
        self._baseline = self.state()
        self.done(QDialog.DialogCode.Accepted)

    # ---- errors ------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.rows.clear_errors()
        self.services.clear_errors()
        self.banner.hide()

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Each reason under its input (a service's under its card); the rest in the red line above the buttons."""
        elsewhere: list[str] = []
        shown: list[FieldRow] = []
        for error in errors:
            place = parse_service_field(error.field)
            row = self.services.row_for(*place) if place is not None else self.rows.get(error.field)
            if row is None:
                elsewhere.append(str(error))
                continue
            row.add_error(error.reason)
            shown.append(row)
        if elsewhere:
            self.banner.setText("\n".join(elsewhere))
            self.banner.show()
        if shown:
            shown[0].bring_into_view()

    def error_for(self, field: str) -> str:
        """The message under ``field`` now (``services.<i>.<field>`` for a card), '' when none."""
        place = parse_service_field(field)
        row = self.services.row_for(*place) if place is not None else self.rows.get(field)
        return row.error_text() if row is not None else ""

    # ---- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Esc / 取消: ask before throwing away typed changes."""
        if self.state() != self._baseline and not confirm(
            self,
            _("Discard changes?"),
            _("The care plan has unsaved changes. Close and discard them?"),
            _("Discard"),
            _("Keep editing"),
        ):
            return
        self.done(QDialog.DialogCode.Accepted if self.saved is not None else QDialog.DialogCode.Rejected)
