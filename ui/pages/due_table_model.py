"""The 待办 table: a read-only model over frozen ``DueItem`` values.

The page gives the model the items of the chosen kind (a model reset). Clicking a
header sorts by the native values of ``SORT_ROLE`` (the due day's ordinal, the pinyin
of the name, the kind's place in the list …), never the displayed text: "逾期 12 天"
must come before "逾期 3 天". The sort is stable, so rows due the same day keep the
core's order (kind, then name).

Overdue rows show their due date and "逾期 N 天" in red and bold; rows due today in the
warning colour. UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from carecenter.care.due import DueItem, DueKind, when_text
from carecenter.i18n import _
from ui.widgets.field_row import ERROR_COLOR
from ui.widgets.work_list import SORT_ROLE, WorkTableModel

TODAY_COLOR = "#e65100"

# Column constants: use these, never bare numbers.
COL_MEMBER_NO = 0
COL_NAME = 1
COL_KIND = 2
COL_DUE = 3
COL_WHEN = 4
COL_DETAIL = 5
COLUMN_COUNT = 6

SENIOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2

_KIND_PLACE = {kind: n for n, kind in enumerate(DueKind)}


def headers() -> list[str]:
    """Column titles in the current language."""
    return [_("Member no."), _("Name"), _("Due"), _("Due date"), _("When"), _("Details")]


class DueTableModel(WorkTableModel[DueItem]):
    """The items shown, in the core's order (overdue first, then by due date)."""

    def __init__(self) -> None:
        super().__init__(headers)

    def display(self, record: DueItem, column: int) -> str:
        values = {
            COL_MEMBER_NO: record.member_no,
            COL_NAME: record.name,
            COL_KIND: record.kind.label,
            COL_DUE: record.due_on.isoformat(),
            COL_WHEN: when_text(record),
            COL_DETAIL: record.detail,
        }
        return values.get(column, "")

    def role_data(self, record: DueItem, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return _sort_value(record, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_DUE, COL_WHEN) and record.days <= 0:
            return QColor(ERROR_COLOR if record.overdue else TODAY_COLOR)
        if role == Qt.ItemDataRole.FontRole and column == COL_WHEN and record.overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DETAIL:
            return record.detail or None
        if role == SENIOR_ID_ROLE:
            return record.senior_id
        if role == ITEM_ROLE:
            return record
        return None


def _sort_value(item: DueItem, column: int) -> int | str:
    if column == COL_NAME:
        return item.name_sort or item.name
    if column == COL_KIND:
        return _KIND_PLACE[item.kind]
    if column in (COL_DUE, COL_WHEN):
        return item.due_on.toordinal()
    if column == COL_DETAIL:
        return item.detail
    return item.member_no


def column_samples() -> dict[int, str]:
    """Typical widest content per column in the current language; 详情 takes what is left."""
    return {
        COL_MEMBER_NO: "M000000",
        COL_NAME: "欧阳秀英",
        COL_KIND: max((k.label for k in DueKind), key=len),
        COL_DUE: "2026-11-22",
        COL_WHEN: _("overdue {n} days").format(n=365),
    }
