"""A birthday party's guest list as an .xlsx workbook, to print for the party or hand to 民政.

Imported only when exporting, so that opening the app never loads openpyxl. Written to
a temporary file beside the target and renamed, so a failed export never leaves a
half-written workbook under the chosen name.

Layout: a title row (center and month), a row with the date and place, the column
headings, the invited guests numbered (by birthday, then pinyin), then the removed
guests, unnumbered and greyed, with the reason in 备注, and the counts at the foot.
The 到场 cell stays empty for a guest not (yet) marked as attended, so the printed list
can be ticked by hand at the door.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from carecenter.birthdays.parties_dto import GuestInfo, PartyInfo
from carecenter.domain.months import month_label
from carecenter.i18n import N_, _
from carecenter.xlsx_files import save_atomically

COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("No."), 6),
    (N_("Member no."), 10),
    (N_("Name"), 10),
    (N_("ID number"), 21),
    (N_("Birthday"), 12),
    (N_("Lunar"), 6),
    (N_("Age"), 6),
    (N_("Milestone"), 6),
    (N_("Attended"), 6),
    (N_("Gift"), 16),
    (N_("Notes"), 24),
)
HEADER_ROW = 3


def title(party: PartyInfo) -> str:
    """文化路日间照料中心 2026年11月集体生日会: the first row, and what a printout is called."""
    return _("{center}: birthday party of {month}").format(center=party.center_name, month=month_label(party.month))


def write_party(party: PartyInfo, target: Path) -> None:
    """Write ``party`` (guests in :func:`guest_order`, ID numbers already as they may be printed) to ``target``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Birthday party")
    sheet.append([title(party)])
    sheet["A1"].font = Font(bold=True, size=14)
    where = party.place or "—"
    sheet.append([_("Held on {date}; place: {place}").format(date=party.held_on.isoformat(), place=where)])
    sheet.append([_(msgid) for msgid, _width in COLUMNS])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
    number = 0
    greyed = Font(italic=True, color="808080")
    for guest in party.guests:
        if not guest.removed:
            number += 1
        sheet.append(_cells(guest, None if guest.removed else number))
        if guest.removed:
            for cell in sheet[sheet.max_row]:
                cell.font = greyed
    sheet.append([])
    sheet.append([_("Invited: {n}; attended: {m}").format(n=party.invited, m=party.attended)])
    for index, (_msgid, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, min_col=len(COLUMNS), max_col=len(COLUMNS)):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    save_atomically(book, target)


def _cells(guest: GuestInfo, number: int | None) -> list[object]:
    yes = _("yes")
    return [
        number,
        guest.member_no,
        guest.name,
        guest.id_number,
        guest.celebrates_on.isoformat() if guest.celebrates_on else "",
        yes if guest.lunar else "",
        guest.age,
        yes if guest.milestone else "",
        yes if guest.attended else "",
        guest.gift,
        guest.note,
    ]
