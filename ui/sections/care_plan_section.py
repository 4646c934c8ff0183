"""照护计划: the senior's care plan in the detail view — the plan in force, the draft, every version.

At the top, in large text, where the senior stands: the plan in force (version, signer,
review date; overdue reviews in red) or "no plan", and a line about a draft waiting
to be signed. Below, the versions table (newest first: drafts, the active plan,
superseded and closed ones) and the selected version in full: needs, goals, dates and
its planned services. Older versions stay readable exactly as they were signed.

Buttons for roles with ``Permission.ASSESSMENTS`` (social workers, administrators):
新建计划 (when there is neither a plan in force nor a draft), 修改计划 (a new version of the plan in force),
编辑草稿, 签字 and 删除草稿 (the draft), 结束计划 (the plan in force). Each opens a
dialog; after a save the section emits ``changed``. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.plan_rules import FIELD_LABELS, SERVICE_LABELS
from carecenter.care.plans import PlanInfo
from carecenter.domain.vocab import PlanStatus
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.sections.base import Section
from ui.sections.profile_section import WARN_COLOR, InfoGroup, action_button, scrolling
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold

STATUS_COLORS = {PlanStatus.ACTIVE: INFO_COLOR, PlanStatus.DRAFT: WARN_COLOR}


def read_only_table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def fit_rows(table: QTableWidget, visible: int | None = None) -> None:
    """As tall as its rows (at most ``visible`` of them, then it scrolls), at least one row's height."""
    rows = table.rowCount() if visible is None else min(table.rowCount(), visible)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
    height += sum(table.rowHeight(r) for r in range(rows)) if rows else table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height)


def span_text(start: dt.date | None, end: dt.date | None) -> str:
    """ "2026-12-01 ~ 2027-05-31", with … for an open end; "" when neither is set."""
    if start is None and end is None:
        return ""
    return f"{start.isoformat() if start else '…'} ~ {end.isoformat() if end else '…'}"


class PlanView(QWidget):
    """One version of a plan in full (read-only): the text, the dates and the services table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        bold(self.heading, 1.1)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.text = InfoGroup(_("Care plan"), self)
        for key in ("needs", "goals", "start_on", "review_on", "end_on"):
            self.text.line(key, _(FIELD_LABELS[key]))
        layout.addWidget(self.text)
        caption = QLabel(_(FIELD_LABELS["services"]), self)
        bold(caption)
        layout.addWidget(caption)
        self.services_table = read_only_table(
            [
                _(SERVICE_LABELS["service_type_id"]),
                _("Days or frequency"),
                _(SERVICE_LABELS["staff_id"]),
                _("From – to"),
                _(SERVICE_LABELS["notes"]),
            ],
            self,
        )
        layout.addWidget(self.services_table)

    def show_plan(self, plan: PlanInfo | None) -> None:
        if plan is None:
            self.heading.setText("")
            for key in self.text.values:
                self.text.set(key, "")
            self.services_table.setRowCount(0)
            return
        signed = (
            _("signed by {name} on {date}").format(name=plan.signed_by_name, date=plan.signed_on.isoformat())
            if plan.signed_on is not None
            else _("not signed yet")
        )
        self.heading.setText(
            _("Version {v} · {status} · {signed}").format(v=plan.version, status=plan.status_label, signed=signed)
        )
        self.heading.setStyleSheet(f"color: {STATUS_COLORS.get(plan.status, MUTED_COLOR)};")
        self.text.set("needs", plan.needs)
        self.text.set("goals", plan.goals)
        self.text.set("start_on", plan.start_on.isoformat())
        self.text.set("review_on", plan.review_on.isoformat())
        self.text.set("end_on", plan.end_on.isoformat() if plan.end_on else "")
        self.services_table.setRowCount(len(plan.services))
        for row, service in enumerate(plan.services):
            values = (
                service.service_label,
                service.schedule_text,
                service.staff_name,
                span_text(service.start_on, service.end_on) or _("as the plan"),
                service.notes,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0 and service.type_retired:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.services_table.setItem(row, column, item)
        fit_rows(self.services_table)


class CarePlanSection(Section):
    """The plan in force, the draft and the history of one senior, with the plan actions."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.history: list[PlanInfo] = []
        self.may_write = allowed(actor, Permission.ASSESSMENTS)
        self.new_button = action_button(_("New plan…"), _("Write a new care plan (saved as a draft)"), self)
        self.revise_button = action_button(
            _("Change plan…"), _("Edit the plan in force as a new version; it takes effect once signed"), self
        )
        self.edit_draft_button = action_button(_("Edit draft…"), _("Continue the unsigned draft"), self)
        self.sign_button = action_button(_("Sign…"), _("A social worker signs the draft: it takes effect today"), self)
        self.discard_button = action_button(_("Delete draft"), _("Throw away the unsigned draft"), self)
        self.close_button = action_button(_("End plan…"), _("The plan in force ends on a day you choose"), self)
        buttons = QHBoxLayout()
        for button, slot in (
            (self.new_button, self.new_plan),
            (self.revise_button, self.revise_plan),
            (self.edit_draft_button, self.edit_draft),
            (self.sign_button, self.sign_draft),
            (self.discard_button, self.discard_draft),
            (self.close_button, self.close_plan),
        ):
            button.clicked.connect(slot)
            button.setVisible(self.may_write)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.state_label = QLabel(self)
        self.state_label.setObjectName("planState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold(self.state_label, 1.3)
        self.draft_label = QLabel(self)
        self.draft_label.setWordWrap(True)
        self.draft_label.setStyleSheet(f"color: {WARN_COLOR};")

        inner = QWidget(self)
        body = QVBoxLayout(inner)
        caption = QLabel(_("Versions (newest first; choose one to read it)"), inner)
        caption.setStyleSheet(f"color: {MUTED_COLOR};")
        body.addWidget(caption)
        self.versions_table = read_only_table(
            [
                _("Version"),
                _("Status"),
                _(FIELD_LABELS["start_on"]),
                _(FIELD_LABELS["review_on"]),
                _(FIELD_LABELS["end_on"]),
                _(FIELD_LABELS["signed_by_staff_id"]),
                _("Signed on"),
            ],
            inner,
        )
        self.versions_table.currentCellChanged.connect(lambda *_args: self._show_selected())
        body.addWidget(self.versions_table)
        self.view = PlanView(inner)
        body.addWidget(self.view)
        body.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.state_label)
        layout.addWidget(self.draft_label)
        layout.addWidget(scrolling(inner, self), 1)

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        return allowed(actor, Permission.LOOKUP_SENIORS)

    def title(self) -> str:
        return _("Care plan")

    # ---- showing -----------------------------------------------------------------------

    def current(self) -> PlanInfo | None:
        return next((p for p in self.history if p.is_active), None)

    def draft(self) -> PlanInfo | None:
        return next((p for p in self.history if p.is_draft), None)

    def load(self, senior_id: int) -> None:
        self.senior_id = senior_id
        self.history = self.cc.care_plans.history(senior_id, self.actor)
        current, draft = self.current(), self.draft()
        today = self.cc.clock.today()
        if current is None:
            self.state_label.setText(_("No care plan in force"))
            self.state_label.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            text = _("In force: version {v}, signed by {name} on {date}; review on {review}").format(
                v=current.version,
                name=current.signed_by_name,
                date=current.signed_on.isoformat() if current.signed_on else "",
                review=current.review_on.isoformat(),
            )
            overdue = current.review_on < today
            if overdue:
                text += _(" (review overdue)")
            self.state_label.setText(text)
            self.state_label.setStyleSheet(f"color: {ERROR_COLOR if overdue else INFO_COLOR};")
        self.draft_label.setText(
            _("A draft (version {v}) waits to be signed.").format(v=draft.version) if draft is not None else ""
        )
        self.draft_label.setVisible(draft is not None)
        self.versions_table.setRowCount(len(self.history))
        for row, plan in enumerate(self.history):
            values = (
                str(plan.version),
                plan.status_label,
                plan.start_on.isoformat(),
                plan.review_on.isoformat(),
                plan.end_on.isoformat() if plan.end_on else "",
                plan.signed_by_name,
                plan.signed_on.isoformat() if plan.signed_on else "",
            )
            for column, value in enumerate(values):
                self.versions_table.setItem(row, column, QTableWidgetItem(value))
        fit_rows(self.versions_table, visible=5)
        shown = current or draft or (self.history[0] if self.history else None)
        if shown is not None:
            self.versions_table.setCurrentCell(self.history.index(shown), 0)
        self._show_selected()
        self._update_buttons()

    def selected(self) -> PlanInfo | None:
        row = self.versions_table.currentRow()
        return self.history[row] if 0 <= row < len(self.history) else None

    def _show_selected(self) -> None:
        self.view.show_plan(self.selected())

    def _update_buttons(self) -> None:
        current, draft = self.current(), self.draft()
        self.new_button.setEnabled(draft is None and current is None)  # a plan in force is changed, or ended first
        self.revise_button.setEnabled(current is not None and draft is None)
        for button in (self.edit_draft_button, self.sign_button, self.discard_button):
            button.setEnabled(draft is not None)
        self.close_button.setEnabled(current is not None)

    # ---- actions -----------------------------------------------------------------------

    def new_plan(self) -> bool:
        """新建计划: a blank plan form; saved as a draft (or signed at once)."""
        return self._plan_form(None)

    def revise_plan(self) -> bool:
        """修改计划: the plan in force, prefilled, saved as the next version."""
        current = self.current()
        return current is not None and self._plan_form(current)

    def edit_draft(self) -> bool:
        draft = self.draft()
        return draft is not None and self._plan_form(draft)

    def sign_draft(self) -> bool:
        from ui.dialogs.care_plan_actions import SignPlanDialog

        draft = self.draft()
        return draft is not None and self._run(lambda: SignPlanDialog(self.cc, self.actor, draft, parent=self))

    def close_plan(self) -> bool:
        from ui.dialogs.care_plan_actions import ClosePlanDialog

        current = self.current()
        return current is not None and self._run(lambda: ClosePlanDialog(self.cc, self.actor, current, parent=self))

    def discard_draft(self) -> bool:
        """删除草稿, after asking: the unsigned draft goes; signed versions are never deleted."""
        draft = self.draft()
        if draft is None or not confirm(
            self,
            _("Delete the draft?"),
            _("The unsigned draft (version {v}) will be deleted. Signed versions are kept.").format(v=draft.version),
            _("Delete draft"),
            _("Keep it"),
            warning=True,
        ):
            return False
        try:
            self.cc.care_plans.discard(draft.id, self.actor)
        except CareCenterError as exc:
            inform(self, _("Not deleted"), str(exc), _("OK"))
            return False
        self.changed.emit()
        return True

    def _plan_form(self, plan: PlanInfo | None) -> bool:
        from ui.dialogs.care_plan_dialog import CarePlanDialog  # loaded on first use

        target = self.senior_id
        return target is not None and self._run(lambda: CarePlanDialog(self.cc, self.actor, target, plan, parent=self))

    def _run(self, make: Callable[[], QDialog]) -> bool:
        """Show the dialog ``make`` builds; emit ``changed`` when it stored something."""
        if not self.may_write:
            return False
        dialog = make()
        try:
            dialog.exec()
            saved = getattr(dialog, "saved", None) is not None
        finally:
            dialog.deleteLater()
        if saved:
            self.changed.emit()
        return saved
