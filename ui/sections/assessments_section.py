"""能力评估 in the senior detail view: the care level and where it comes from, the history, the trend.

At the top in large text the care level the rules use (the adjusted level of the latest
GB/T 42195 assessment, else the level entered at registration or imported), with
Barthel's dependency band beside it, never in its place. Below, every assessment newest
first; the selected one's item scores underneath; on the right, the totals over time.
新增评估 (social workers and admins) opens :class:`AssessmentDialog`; after a save the
section reloads and emits ``changed`` (the profile shows the care level too).

UI thread only; each load is three short core reads.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInfo, CareLevelInfo
from carecenter.care.instruments import INSTRUMENTS
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, allowed
from ui.dialogs.assessment_dialog import ADJUSTED_COLOR, AssessmentDialog
from ui.sections.base import Section
from ui.widgets.field_row import INFO_COLOR, MUTED_COLOR, bold
from ui.widgets.record_table_model import RecordTableModel
from ui.widgets.trend_chart import Series, TrendChart

COLUMNS = (
    N_("Assessment date"),
    N_("Instrument"),
    N_("Total score"),
    N_("Result"),
    N_("Adjusted level"),
    N_("Assessors"),
    N_("Notes"),
)
ADJUSTED_COLUMN = 4
SCORES_PER_ROW = 4


class HistoryModel(RecordTableModel[AssessmentInfo]):
    """One row per assessment, newest first (the core's order)."""

    def __init__(self) -> None:
        super().__init__(lambda: [_(c) for c in COLUMNS])

    def display(self, record: AssessmentInfo, column: int) -> str:
        most = f" / {record.max_total}" if record.max_total is not None else ""
        values = (
            record.assessed_on.isoformat(),
            record.instrument_short,
            f"{record.total}{most}",
            record.result_label,
            record.adjusted_label,
            f"{record.assessor1_name}、{record.assessor2_name}",
            record.notes.replace("\n", " "),
        )
        return values[column]

    def role_data(self, record: AssessmentInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == ADJUSTED_COLUMN and record.adjusted:
            return _("One level worse: {why}").format(why=_(", ").join(record.adjustment_reasons()))
        if role == Qt.ItemDataRole.ForegroundRole and column == ADJUSTED_COLUMN and record.adjusted:
            return QColor(ADJUSTED_COLOR)
        return None


def level_text(info: CareLevelInfo) -> str:
    """The care level and its source in one line, as the section's header shows it."""
    if info.source == "assessment" and info.assessed_on is not None:
        return _("Care level: {level} (GB/T 42195 assessment of {day})").format(
            level=info.label, day=info.assessed_on.isoformat()
        )
    if info.source == "entered":
        return _("Care level: {level} (as entered, not yet assessed with GB/T 42195)").format(level=info.label)
    return _("Care level: not assessed")


def barthel_text(info: CareLevelInfo) -> str:
    if info.barthel_total is None or info.barthel_on is None:
        return _("Barthel: not assessed")
    return _("Barthel: {band} ({total} points, {day})").format(
        band=info.barthel_band_label, total=info.barthel_total, day=info.barthel_on.isoformat()
    )


def scores_table(info: AssessmentInfo, per_row: int = SCORES_PER_ROW) -> str:
    """The item scores as a small HTML table: each part's name, then its items a few to a row."""
    parts: dict[str, list[str]] = {}
    for score in info.scores:
        cell = (
            f"<td>{html.escape(score.label)}</td>"
            f"<td align='right' style='padding-left:8px; padding-right:22px'><b>{score.score}</b></td>"
        )
        parts.setdefault(score.part_label, []).append(cell)
    rows = []
    for part, cells in parts.items():
        if part:
            rows.append(f"<tr><td colspan='{2 * per_row}' style='color:{MUTED_COLOR}'>{html.escape(part)}</td></tr>")
        rows += ["<tr>" + "".join(cells[i : i + per_row]) + "</tr>" for i in range(0, len(cells), per_row)]
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


class AssessmentsSection(Section):
    """Care level, assessment history and trend of one senior; 新增评估 for those who may assess."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.history: list[AssessmentInfo] = []
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        texts = QVBoxLayout()
        self.level_label = QLabel(self)
        self.level_label.setObjectName("careLevel")
        bold(self.level_label, 1.4)
        self.level_label.setWordWrap(True)
        self.level_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barthel_label = QLabel(self)
        self.barthel_label.setObjectName("barthelBand")
        bold(self.barthel_label, 1.15)
        self.barthel_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.level_label)
        texts.addWidget(self.barthel_label)
        header.addLayout(texts, 1)
        self.new_button = QPushButton(_("New assessment"), self)
        bold(self.new_button)
        self.new_button.setMinimumHeight(self.new_button.sizeHint().height() + 10)
        self.new_button.setMinimumWidth(150)
        self.new_button.setVisible(allowed(actor, Permission.ASSESSMENTS))
        self.new_button.clicked.connect(self.new_assessment)
        header.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.model = HistoryModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Assessment history"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_scores())
        left.addWidget(self.table, 3)
        self.scores_label = QLabel(self)
        self.scores_label.setObjectName("itemScores")
        self.scores_label.setWordWrap(True)
        self.scores_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scores_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.scores_label, 2)
        body.addLayout(left, 3)
        self.chart = TrendChart(self)
        body.addWidget(self.chart, 2)
        layout.addLayout(body, 1)

    def title(self) -> str:
        return _("Assessments")

    def load(self, senior_id: int) -> None:
        self.senior_id = senior_id
        level = self.cc.assessments.care_level(senior_id, self.actor)
        self.level_label.setText(level_text(level))
        self.level_label.setStyleSheet(f"color: {INFO_COLOR};" if level.level is not None else "")
        self.barthel_label.setText(barthel_text(level))
        self.barthel_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.history = self.cc.assessments.history(senior_id, self.actor)
        self.model.set_records(self.history)
        if self.history:
            self.table.selectRow(0)
        self._show_scores()
        series = []
        for code, inst in INSTRUMENTS.items():
            points = tuple((a.assessed_on, a.total) for a in self.history if a.instrument == code)
            series.append(Series(inst.short_label, inst.max_total, points))
        self.chart.set_series(series)

    def selected(self) -> AssessmentInfo | None:
        return self.model.record(self.table.currentIndex().row())

    def _show_scores(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.scores_label.setText(_("No assessments yet") if not self.history else "")
            return
        head = _("Item scores of {day} ({instrument})").format(
            day=chosen.assessed_on.isoformat(), instrument=chosen.instrument_short
        )
        self.scores_label.setText(f"<b>{html.escape(head)}</b>" + scores_table(chosen))

    def new_assessment(self) -> AssessmentInfo | None:
        """新增评估: the form for this senior; on save reload and tell the detail view."""
        if self.senior_id is None:
            return None
        dialog = AssessmentDialog(self.cc, self.actor, self.senior_id, parent=self)
        try:
            saved = dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
        if saved is not None:
            self.load(self.senior_id)
            self.changed.emit()
        return saved
