"""The tables of the 补贴发放 page: a month's grants (发放名单) and a change list (变动名单, 重新计算对比).

Both are read-only models over the core's frozen values (``Grant``, ``RosterChange``);
the page hands them a new list after each read (a model reset). A change's kind is
coloured as the directors mark it by hand on paper: 新增 green, 停发 red, 调档 blue.
Amounts are 元 with two decimals, right-aligned. The text helpers below word the totals
the page shows in large type. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from carecenter.domain.months import first_day, month_label
from carecenter.i18n import _
from carecenter.subsidies.engine import Grant
from carecenter.subsidies.money import yuan
from carecenter.subsidies.rosters import ChangeKind, ChangeList, ChangeTotal, Roster, RosterChange, RuleTotal
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR
from ui.widgets.record_table_model import RecordTableModel

BAND_COLOR = "#1d5f99"
PREVIEW_COLOR = "#e65100"
FUTURE_COLOR = "#1d5f99"
KIND_COLORS: dict[ChangeKind, str] = {
    ChangeKind.NEW: INFO_COLOR,
    ChangeKind.STOPPED: ERROR_COLOR,
    ChangeKind.BAND: BAND_COLOR,
}

SENIOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Column constants of the grants table: use these, never bare numbers.
# No member-number or tier column: the 依据 text names the tier and needs the room at 1280 pixels
# (the member number is the name's tooltip; the Excel roster has both columns).
COL_RULE = 0
COL_NAME = 1
COL_ID_NUMBER = 2
COL_AMOUNT = 3
COL_REASON = 4

# Column constants of a change list (no ID number: the explanation needs the room; the Excel file has it).
CHG_KIND = 0
CHG_RULE = 1
CHG_NAME = 2
CHG_MEMBER_NO = 3
CHG_AMOUNT = 4
CHG_REASON = 5


def grant_headers() -> list[str]:
    return [_("Subsidy"), _("Name"), _("ID number"), _("Amount (yuan)"), _("Basis")]


def change_headers() -> list[str]:
    return [_("Change"), _("Subsidy"), _("Name"), _("Member no."), _("Amount change (yuan)"), _("Explanation")]


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class GrantTableModel(RecordTableModel[Grant]):
    """One row per grant, in the core's order (subsidy, then ID number)."""

    def __init__(self) -> None:
        super().__init__(grant_headers)

    def display(self, record: Grant, column: int) -> str:
        values = {
            COL_RULE: record.rule_name,
            COL_NAME: record.name,
            COL_ID_NUMBER: record.id_number,
            COL_AMOUNT: yuan(record.amount_fen),
            COL_REASON: record.reason,
        }
        return values.get(column, "")

    def role_data(self, record: Grant, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_AMOUNT:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_REASON:
            return record.reason or None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return record.member_no
        if role == SENIOR_ID_ROLE:
            return record.senior_id
        return None


def amount_change(change: RosterChange) -> str:
    """100.00 → 200.00; a new grant comes from 0.00 and a stopped one goes to 0.00 (the tiers are in the reason)."""
    return f"{yuan(change.before_fen)} → {yuan(change.after_fen)}"


class ChangeTableModel(RecordTableModel[RosterChange]):
    """One row per change: 新增, 停发, 调档, grouped by subsidy as the core orders them."""

    def __init__(self) -> None:
        super().__init__(change_headers)

    def display(self, record: RosterChange, column: int) -> str:
        values = {
            CHG_KIND: record.kind.label,
            CHG_RULE: record.rule_name,
            CHG_NAME: record.name,
            CHG_MEMBER_NO: record.member_no,
            CHG_AMOUNT: amount_change(record),
            CHG_REASON: record.reason,
        }
        return values.get(column, "")

    def role_data(self, record: RosterChange, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == CHG_KIND:
            return QColor(KIND_COLORS[record.kind])
        if role == Qt.ItemDataRole.FontRole and column == CHG_KIND:
            return _bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CHG_AMOUNT:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == CHG_REASON:
            return record.reason or None
        if role == SENIOR_ID_ROLE:
            return record.senior_id
        return None


def grant_samples() -> dict[int, str]:
    """Typical widest content per column; 依据 takes what is left."""
    return {
        COL_RULE: "居家养老服务补贴",
        COL_NAME: "欧阳秀英",
        COL_ID_NUMBER: "410105194610150000",
        COL_AMOUNT: "0000.00",
    }


def change_samples() -> dict[int, str]:
    """Typical widest content per column; 说明 takes what is left."""
    return {
        CHG_KIND: max((k.label for k in ChangeKind), key=len),
        CHG_RULE: "居家养老服务补贴",
        CHG_NAME: "欧阳秀英",
        CHG_MEMBER_NO: "M000000",
        CHG_AMOUNT: "0000.00 → 0000.00",
    }


# ---- totals in words ---------------------------------------------------------------------------


def total_card(name: str, count: int, fen: int) -> str:
    """One card of the totals row: the subsidy on the first line, people and 元 on the second."""
    return _("{name}\n{n} people · {amount} yuan").format(name=name, n=count, amount=yuan(fen))


def total_cards(totals: Sequence[RuleTotal]) -> list[str]:
    """A card per subsidy, then the whole month's (only when there are several subsidies)."""
    cards = [total_card(t.rule_name, t.count, t.total_fen) for t in totals]
    if len(totals) > 1:
        count, fen = sum(t.count for t in totals), sum(t.total_fen for t in totals)
        cards.append(total_card(_("Total"), count, fen))
    return cards


def change_total_line(total: ChangeTotal) -> str:
    """高龄津贴：新增 1 人，停发 1 人，调档 1 人；200.00 元 → 300.00 元."""
    return _("{rule}: {new} new, {stopped} stopped, {band} band changes; {before} yuan → {after} yuan").format(
        rule=total.rule_name,
        new=total.new,
        stopped=total.stopped,
        band=total.band,
        before=yuan(total.before_fen),
        after=yuan(total.after_fen),
    )


def change_totals_text(changes: ChangeList) -> str:
    """Every subsidy's line of a change list, one per line ('' when no subsidy was paid in either month)."""
    return "\n".join(change_total_line(t) for t in changes.totals)


def status_words(roster: Roster, month: dt.date, today: dt.date) -> tuple[str, str, str]:
    """The status line of a month (已审批…, 未审批（预览）, 预览（尚未开始）), the sentence under it, and its colour."""
    if roster.approved:
        when = roster.approved_at.date().isoformat() if roster.approved_at is not None else ""
        name = roster.approver_name or roster.approved_by
        return (
            _("Approved (approved by {name}, {date})").format(name=name, date=when),
            _(
                "This is the roster as approved: later changes to the records do not change it. "
                "“Recomputed vs approved” shows what today's records would give."
            ),
            INFO_COLOR,
        )
    if first_day(month) > first_day(today):
        return (
            _("Preview (the month has not begun)"),
            _("Computed from today's records; a month can be approved once it has begun."),
            FUTURE_COLOR,
        )
    return (
        _("Not approved (preview)"),
        _("Computed from today's records: it changes when they change, until an administrator approves it."),
        PREVIEW_COLOR,
    )


def approve_question(center: str, roster: Roster) -> str:
    """What 审批本月 asks: the center, the month, the number of grants and the total, per subsidy too."""
    lines = "\n".join(
        _("{name}: {n} people, {amount} yuan").format(name=t.rule_name, n=t.count, amount=yuan(t.total_fen))
        for t in roster.totals
    )
    return _(
        "Approve the subsidy roster of {center} for {month}?\n\n{n} grants, {amount} yuan in all.\n{lines}\n\n"
        "An approved roster stays as it is: later changes to the records do not change it. "
        "A month is approved only once."
    ).format(
        center=center, month=month_label(roster.month), n=len(roster.grants), amount=yuan(roster.total_fen), lines=lines
    )
