"""The 数据质量 table: a read-only model over a plain list of frozen ``QualityIssue`` values.

The page holds every problem of the last check (one quick core call) and gives the
model the ones of the chosen kind; a new check or another kind replaces the list
(a model reset). Nothing is edited in place: a row opens the senior's record.

UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from carecenter.i18n import _
from carecenter.quality import QualityIssue, QualityKind
from ui.widgets.work_list import WorkTableModel

# Column constants: use these, never bare numbers.
COL_MEMBER_NO = 0
COL_NAME = 1
COL_PROBLEM = 2
COL_DETAIL = 3
COLUMN_COUNT = 4

# Roles: the senior to open, and the whole issue (for tests and the page).
SENIOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 2


def headers() -> list[str]:
    """Column titles in the current language."""
    return [_("Member no."), _("Name"), _("Problem"), _("Details")]


class QualityTableModel(WorkTableModel[QualityIssue]):
    """The problems shown, in the core's order (by kind, then by the name's pinyin)."""

    def __init__(self) -> None:
        super().__init__(headers)

    def display(self, record: QualityIssue, column: int) -> str:
        return _display(record, column)

    def role_data(self, record: QualityIssue, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return _display(record, column) or None
        if role == SENIOR_ID_ROLE:
            return record.senior_id
        if role == ISSUE_ROLE:
            return record
        return None


def _display(issue: QualityIssue, column: int) -> str:
    values = {
        COL_MEMBER_NO: issue.member_no,
        COL_NAME: issue.name,
        COL_PROBLEM: issue.kind.label,
        COL_DETAIL: issue.detail,
    }
    return values.get(column, "")


def column_samples() -> dict[int, str]:
    """Typical widest content per column in the current language; 详情 takes what is left."""
    return {
        COL_MEMBER_NO: "M000000",
        COL_NAME: "欧阳秀英",
        COL_PROBLEM: max((k.label for k in QualityKind), key=len),
    }
