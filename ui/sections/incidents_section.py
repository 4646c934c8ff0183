"""事件记录 in the senior detail view: every incident of the senior, newest first.

Falls, choking, wandering and self-harm (GB/T 42195's care-risk incidents) are shown in
the warning colour, and the line above the table counts those of the last 30 days —
what the next assessment will count. 记录事件 opens :class:`IncidentDialog`; a
double-click or Enter on a row (or 修改) corrects that incident. After a save the
section reloads and emits ``changed`` (the senior is now due for a reassessment).

Every role sees and records incidents. UI thread only; each load is one short core read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.incidents import FIELD_LABELS, IncidentInfo
from carecenter.domain.vocab import IncidentKind
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.sections.base import Section
from ui.sections.profile_section import WARN_COLOR, action_button
from ui.widgets.confirm import inform
from ui.widgets.field_row import MUTED_COLOR, bold
from ui.widgets.record_table_model import RecordTableModel

# Column constants: use these, never bare numbers.
COL_DATE, COL_KIND, COL_ENDED, COL_DESCRIPTION, COL_ACTION, COL_BY = range(6)
INCIDENT_ROLE = Qt.ItemDataRole.UserRole + 1


def headers() -> list[str]:
    return [
        _(FIELD_LABELS["occurred_on"]),
        _(FIELD_LABELS["kind"]),
        _(FIELD_LABELS["ended_on"]),
        _(FIELD_LABELS["description"]),
        _(FIELD_LABELS["action_taken"]),
        _("Recorded by"),
    ]


class IncidentTableModel(RecordTableModel[IncidentInfo]):
    """One row per incident, in the core's order (newest first)."""

    def __init__(self) -> None:
        super().__init__(headers)

    def display(self, record: IncidentInfo, column: int) -> str:
        if column == COL_DATE:
            return record.occurred_on.isoformat()
        if column == COL_KIND:
            return record.kind.label
        if column == COL_ENDED:
            if record.still_in_hospital:
                return _("still in hospital")
            return record.ended_on.isoformat() if record.ended_on is not None else ""
        if column == COL_DESCRIPTION:
            return _one_line(record.description)
        if column == COL_ACTION:
            return _one_line(record.action_taken)
        if column == COL_BY:
            return (
                record.updated_by
                if record.updated_by == record.created_by
                else _("{first}, changed by {last}").format(first=record.created_by, last=record.updated_by)
            )
        return ""

    def role_data(self, record: IncidentInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_KIND and record.care_risk:
            return QColor(WARN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_DESCRIPTION, COL_ACTION):
            text = record.description if column == COL_DESCRIPTION else record.action_taken
            return text or None
        if role == INCIDENT_ROLE:
            return record
        return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


class IncidentTableView(QTableView):
    """Whole rows, nothing editable in place; Enter (like a double-click) asks to correct the row."""

    open_requested = Signal()

    def __init__(self, model: IncidentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        samples = {
            COL_DATE: "2026-11-22",
            COL_KIND: max((k.label for k in IncidentKind), key=len),
            COL_ENDED: max("2026-11-22", _("still in hospital"), key=metrics.horizontalAdvance),
            COL_BY: "wangzhanzhang",
        }
        for column, sample in samples.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 32)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


class IncidentsSection(Section):
    """The senior's incident log, with 记录事件 and 修改."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.incidents: list[IncidentInfo] = []
        self.can_record = allowed(actor, Permission.EDIT_SENIOR_BASICS)
        self.record_button = action_button(
            _("Record incident…"), _("A fall, choking, wandering, a hospital stay …"), self
        )
        self.record_button.clicked.connect(lambda: self.record())
        self.edit_button = action_button(
            _("Correct…"), _("Correct the selected incident (Enter or double-click)"), self
        )
        self.edit_button.clicked.connect(lambda: self.edit())
        bold(self.record_button)
        for button in (self.record_button, self.edit_button):
            button.setVisible(self.can_record)
        self.summary = QLabel(self)
        self.summary.setObjectName("incidentSummary")
        bold(self.summary, 1.1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.edit_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.summary, 1)

        self.model = IncidentTableModel()
        self.table = IncidentTableView(self.model, self)
        self.table.doubleClicked.connect(lambda index: self.edit(self.model.record(index.row())))
        self.table.open_requested.connect(lambda: self.edit())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.empty_label = QLabel(_("No incidents recorded."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(f"color: {MUTED_COLOR};")
        bold(self.empty_label, 1.2)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        self._update_buttons()

    def title(self) -> str:
        return _("Incidents")

    def load(self, senior_id: int) -> None:
        self.senior_id = senior_id
        self.incidents = self.cc.incidents.for_senior(senior_id, self.actor)
        self.model.set_records(self.incidents)
        # The 30 days up to and including today, by the rule assessments use (tomorrow's window).
        tomorrow = self.cc.clock.today() + dt.timedelta(days=1)
        recent = self.cc.assessments.risk_incidents_before(senior_id, tomorrow, self.actor)
        if self.incidents:
            self.summary.setText(
                _("{n} incidents; care-risk incidents in the last 30 days: {risk}").format(
                    n=len(self.incidents), risk=recent
                )
            )
        else:
            self.summary.setText("")
        self.summary.setStyleSheet(f"color: {WARN_COLOR};" if recent >= 2 else "")
        self.table.setVisible(bool(self.incidents))
        self.empty_label.setVisible(not self.incidents)
        if self.incidents:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> IncidentInfo | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    # ---- actions -------------------------------------------------------------------------

    def record(self) -> bool:
        """记录事件; True (and ``changed``) when the dialog saved."""
        return self._open(None)

    def edit(self, incident: IncidentInfo | None = None) -> bool:
        """修改 ``incident`` (default: the selected one); True (and ``changed``) when saved."""
        target = incident or self.selected()
        return target is not None and self._open(target)

    def _open(self, incident: IncidentInfo | None) -> bool:
        from ui.dialogs.incident_dialog import IncidentDialog  # loaded on first use

        if self.senior_id is None or not self.can_record:
            return False
        try:
            dialog = IncidentDialog(self.cc, self.actor, self.senior_id, incident, parent=self)
        except CareCenterError as error:  # the senior is gone (a restore on another desk)
            inform(self, _("Not saved"), str(error), _("OK"))
            return False
        try:
            saved = dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
        finally:
            dialog.deleteLater()
        if saved:
            self.load(self.senior_id)
            self.changed.emit()
        return saved
