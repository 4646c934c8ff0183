"""A month's subsidy roster and its change list as an .xlsx workbook for 民政, with signature columns.

One sheet per subsidy (序号, 会员号, 姓名, 身份证号, 档次, 金额, 依据, 领取人签字, a 合计 row and the
制表人 / 审核人 / 负责人 lines), then a 变动名单 sheet against the month before. A roster not yet
approved says 未审批（预览） in every title. The document is Chinese whatever the UI language.

Imported only when exporting (openpyxl stays out of the app's start-up). Written to a temporary
file beside the target and renamed, so a failed export never leaves half a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from carecenter.i18n import N_, zh
from carecenter.subsidies.money import yuan
from carecenter.subsidies.rosters import ChangeList, Roster
from carecenter.xlsx_files import save_atomically

GRANT_HEADERS = (
    N_("No."),
    N_("Member no."),
    N_("Name"),
    N_("ID number"),
    N_("Band"),
    N_("Amount (yuan)"),
    N_("Basis"),
    N_("Recipient's signature"),
)
CHANGE_HEADERS = (
    N_("No."),
    N_("Change"),
    N_("Member no."),
    N_("Name"),
    N_("ID number"),
    N_("Subsidy"),
    N_("Before (yuan)"),
    N_("After (yuan)"),
    N_("Reason"),
    N_("Signature"),
)
_GRANT_WIDTHS = (6, 10, 10, 21, 14, 12, 48, 16)
_CHANGE_WIDTHS = (6, 8, 10, 10, 21, 16, 12, 12, 48, 14)
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_roster(
    roster: Roster,
    changes: ChangeList,
    center_name: str,
    printed_id: Callable[[str], str],
    target: Path,
    now: dt.datetime,
) -> None:
    """Write ``roster`` and ``changes`` to ``target``; ``printed_id`` masks ID numbers as the center prints them."""
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    state = "" if roster.approved else zh(N_("(not approved: preview)"))
    codes = [t.rule_code for t in roster.totals] or [t.rule_code for t in changes.totals]
    for code in codes:
        grants = [g for g in roster.grants if g.rule_code == code]
        name = next(
            (g.rule_name for g in grants), next((t.rule_name for t in changes.totals if t.rule_code == code), code)
        )
        sheet = book.create_sheet(_sheet_title(name))
        title = zh(N_("{center} {month} {subsidy} roster")).format(
            center=center_name, month=month_label_zh(roster.month), subsidy=name
        )
        _title(sheet, title + state, len(GRANT_HEADERS))
        _approval_line(sheet, roster, now, len(GRANT_HEADERS))
        _header(sheet, GRANT_HEADERS, _GRANT_WIDTHS)
        for n, g in enumerate(grants, start=1):
            _row(sheet, [n, g.member_no, g.name, printed_id(g.id_number), g.tier, yuan(g.amount_fen), g.reason, ""])
        total = sum(g.amount_fen for g in grants)
        _row(sheet, [zh(N_("Total")), "", zh(N_("{n} people")).format(n=len(grants)), "", "", yuan(total), "", ""])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        _signatures(sheet)
    _change_sheet(book, changes, center_name, printed_id, state)
    save_atomically(book, target)


def month_label_zh(month: dt.date) -> str:
    return zh(N_("{year}-{month:02d}")).format(year=month.year, month=month.month)


def _change_sheet(
    book: Workbook,
    changes: ChangeList,
    center_name: str,
    printed_id: Callable[[str], str],
    state: str,
) -> None:
    sheet = book.create_sheet(zh(N_("Changes")))
    title = zh(N_("{center} {month} subsidy changes (against {previous})")).format(
        center=center_name, month=month_label_zh(changes.month), previous=month_label_zh(changes.against)
    )
    _title(sheet, title + state, len(CHANGE_HEADERS))
    _header(sheet, CHANGE_HEADERS, _CHANGE_WIDTHS)
    for n, c in enumerate(changes.changes, start=1):
        _row(
            sheet,
            [
                n,
                c.kind.zh,
                c.member_no,
                c.name,
                printed_id(c.id_number),
                c.rule_name,
                yuan(c.before_fen) if c.before_fen else "",
                yuan(c.after_fen) if c.after_fen else "",
                c.reason,
                "",
            ],
        )
    if not changes.changes:
        _row(sheet, ["", zh(N_("No changes")), "", "", "", "", "", "", "", ""])
    sheet.append([])
    for t in changes.totals:
        sheet.append(
            [
                "",
                t.rule_name,
                zh(N_("new {a}, stopped {b}, band changes {c}; total {x} → {y} yuan")).format(
                    a=t.new, b=t.stopped, c=t.band, x=yuan(t.before_fen), y=yuan(t.after_fen)
                ),
            ]
        )
    _signatures(sheet)


def _sheet_title(name: str) -> str:
    bad = set("[]:*?/\\")
    return "".join(ch for ch in name if ch not in bad)[:31] or "Sheet"


def _title(sheet: Worksheet, text: str, width: int) -> None:
    sheet.append([text])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
    cell = sheet.cell(row=sheet.max_row, column=1)
    cell.font = Font(bold=True, size=14)
    cell.alignment = Alignment(horizontal="center")


def _approval_line(sheet: Worksheet, roster: Roster, now: dt.datetime, width: int) -> None:
    if roster.approved and roster.approved_at is not None:
        who = roster.approver_name or roster.approved_by
        text = zh(N_("Approved by {who} on {date}")).format(who=who, date=roster.approved_at.strftime("%Y-%m-%d"))
    else:
        text = zh(N_("Not approved; computed on {date}")).format(date=now.strftime("%Y-%m-%d %H:%M"))
    sheet.append([text])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)


def _header(sheet: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    sheet.append([zh(h) for h in headers])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _row(sheet: Worksheet, values: list[object]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.border = _BOX
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        if isinstance(cell.value, str):
            cell.number_format = "@"  # ID and member numbers stay text


def _signatures(sheet: Worksheet) -> None:
    sheet.append([])
    sheet.append(
        ["", zh(N_("Prepared by: ______")), "", "", zh(N_("Reviewed by: ______")), "", zh(N_("Director: ______"))]
    )
