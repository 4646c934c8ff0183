"""The 审计记录 table: a model over a plain list of frozen ``AuditLine`` values, and its view.

The page asks the core for at most a couple of thousand lines per query, so the
whole list lives in memory and a new query replaces it (a model reset). The
trail cannot be edited, so the model is read-only: no ``setData``, no editable
flags. Long before/after values (addresses, notes, status histories) are cut
short in the cell and shown whole in the tooltip. ``AuditTableView`` is the
read-only view with row-wise selection and columns sized for their usual content.

UI thread only.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QWidget

from carecenter.audit import ACTION_LABELS, ENTITY_LABELS, FIELD_LABELS, AuditLine, column_titles
from carecenter.i18n import _
from ui.widgets.record_table_model import RecordTableModel, setup_record_view

# Column constants: use these, never bare numbers.
COL_TIME = 0
COL_ACTOR = 1
COL_STAFF = 2
COL_ACTION = 3
COL_RECORD = 4
COL_SENIOR = 5
COL_MEMBER_NO = 6
COL_FIELD = 7
COL_BEFORE = 8
COL_AFTER = 9
COLUMN_COUNT = 10

# Roles: the line's id, the whole AuditLine, and native values for sorting or tests.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

# A before/after value longer than this is cut in the cell ("…"); the tooltip holds all of it.
MAX_CELL_CHARS = 40
TIME_FORMAT = "%Y-%m-%d %H:%M"


def headers() -> list[str]:
    """Column titles in the current language (the same words as the Excel export)."""
    return column_titles()


def shorten(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """``text`` on one line and at most ``limit`` characters, ending in "…" when cut."""
    flat = " ⏎ ".join(part.strip() for part in text.splitlines()) if "\n" in text else text
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _rich_tooltip(text: str) -> str:
    """Rich text, so Qt wraps a long value instead of drawing one screen-wide line."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


class AuditTableModel(RecordTableModel[AuditLine]):
    """The lines of one query, newest first as the core returned them."""

    def __init__(self) -> None:
        super().__init__(headers)

    def display(self, record: AuditLine, column: int) -> str:
        return _display(record, column)

    def role_data(self, record: AuditLine, column: int, role: int) -> Any:
        if role == ID_ROLE:
            return record.id
        if role == LINE_ROLE:
            return record
        if role == SORT_ROLE:
            return _native(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(record, column)
        return None


def _display(line: AuditLine, column: int) -> str:
    if column == COL_BEFORE:
        return shorten(line.before)
    if column == COL_AFTER:
        return shorten(line.after)
    if column == COL_TIME:
        return line.at.strftime(TIME_FORMAT)
    value = _native(line, column)
    return value if isinstance(value, str) else ""


def _tooltip(line: AuditLine, column: int) -> str | None:
    """The whole value where the cell may have cut it; the exact second for the time."""
    if column == COL_TIME:
        return line.at.strftime("%Y-%m-%d %H:%M:%S")
    if column in (COL_BEFORE, COL_AFTER):
        full = line.before if column == COL_BEFORE else line.after
        return _rich_tooltip(full) if full else None
    text = _display(line, column)
    return text or None


def _native(line: AuditLine, column: int) -> Any:
    """The value behind a cell (a datetime for the time, labels as the user reads them)."""
    values: dict[int, Any] = {
        COL_TIME: line.at,
        COL_ACTOR: line.actor,
        COL_STAFF: line.staff_name,
        COL_ACTION: line.action_label,
        COL_RECORD: line.entity_label,
        COL_SENIOR: line.senior_name,
        COL_MEMBER_NO: line.member_no,
        COL_FIELD: line.field_label,
        COL_BEFORE: line.before,
        COL_AFTER: line.after,
    }
    return values.get(column)


def column_samples() -> dict[int, str]:
    """Typical widest content per column in the current language; 修改后 takes what is left.

    The longest action and field labels (e.g. "locked after failed log-ins") are rare:
    their first characters set the width, the rest is elided with the whole label in the tooltip.
    """
    return {
        COL_TIME: "2026-11-22 09:00",
        COL_ACTOR: "zhangguilan",
        COL_STAFF: "王秀英",
        COL_ACTION: max((_(v) for v in ACTION_LABELS.values()), key=len)[:6],
        COL_RECORD: max((_(v) for v in ENTITY_LABELS.values()), key=len),
        COL_SENIOR: "王秀英",
        COL_MEMBER_NO: "M000000",
        COL_FIELD: max((_(v) for v in FIELD_LABELS.values()), key=len)[:7],
        COL_BEFORE: "文化路社区 12 号楼 3 单元 501",
    }


class AuditTableView(QTableView):
    """The table of lines: whole rows selectable (to read, to copy), nothing editable, one line per row."""

    def __init__(self, model: AuditTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        setup_record_view(self, column_samples(), 20)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
