"""One spreadsheet row → what it says about a senior, with the row's rejections and warnings.

Only cells that hold something become fields of the draft: on a re-import an empty
cell keeps what the database knows. The ID number decides birth date and gender;
a 出生日期 or 性别 column that disagrees is reported, never used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from carecenter.domain import idnumber
from carecenter.domain.idnumber import IdInfo, age_on
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.text import normalize_name, to_halfwidth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Residence, Status
from carecenter.i18n import _
from carecenter.roster import cells
from carecenter.roster.cells import Cell, CellError, text_of
from carecenter.roster.columns import BY_KEY
from carecenter.roster.model import Code, Issue
from carecenter.roster.reader import RawRow, Table
from carecenter.seniors.dto import Contact

SENIOR_AGE = 60
_MEMBER_NO = re.compile(r"^M\d{6}$")
_ID_CODES = {
    "missing": Code.MISSING_ID,
    "excel_number": Code.EXCEL_NUMBER,
    "format": Code.BAD_ID,
    "checksum": Code.BAD_CHECKSUM,
    "date": Code.BAD_DATE,
}


@dataclass
class Draft:
    """What one row says; ``None`` (or absent) means the cell was empty: keep what is known."""

    row: int
    name: str
    id_text: str
    cells: tuple[str, ...]
    info: IdInfo | None = None
    member_no: str | None = None
    phones: tuple[str, ...] | None = None
    address: str | None = None
    community: str | None = None
    residence: Residence | None = None
    categories: list[Category] | None = None
    care_level: CareLevel | None = None
    lunar_birthday: bool | None = None
    lunar_birth: LunarBirth | None = None
    diet_flags: frozenset[DietFlag] | None = None
    diet_notes: str | None = None
    contacts: tuple[Contact, ...] | None = None
    status: Status | None = None
    status_date: dt.date | None = None
    registered_on: dt.date | None = None
    notes: str | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return any(i.code.rejects for i in self.issues)

    def add(self, code: Code, message: str) -> None:
        self.issues.append(Issue(self.row, code, message))

    def invalid(self, key: str, reason: str) -> None:
        self.add(Code.INVALID_VALUE, _("{column}: {reason}").format(column=BY_KEY[key].header, reason=reason))


def read_row(table: Table, raw: RawRow, today: dt.date) -> Draft:
    """Every cell of ``raw`` parsed; problems are collected on the draft, none raised."""
    draft = Draft(
        row=raw.number,
        name=normalize_name(text_of(table.value(raw, "name"))),
        id_text="",
        cells=tuple(text_of(c) for c in raw.cells),
    )
    if not draft.name:
        draft.add(Code.MISSING_NAME, _("{column}: the cell is empty").format(column=BY_KEY["name"].header))
    _read_id(draft, table.value(raw, "id_number"), today)
    _read_checks(draft, table, raw, today)
    _read_fields(draft, table, raw)
    return draft


def _read_id(draft: Draft, value: Cell, today: dt.date) -> None:
    header = BY_KEY["id_number"].header
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = float(value)
        if not number.is_integer() or abs(number) >= 1e15:
            draft.id_text = text_of(value)
            draft.add(Code.EXCEL_NUMBER, _excel_number_message(header, value))
            return
        value = str(int(number))  # a 15-digit number cell is exact: an old ID
    text = text_of(value)
    draft.id_text = idnumber.normalize(text)
    try:
        draft.info = idnumber.parse(text, today)
    except idnumber.IdNumberError as exc:
        code = _ID_CODES[exc.kind]
        if code == Code.BAD_CHECKSUM and _damaged_by_excel(draft.id_text):
            draft.add(Code.EXCEL_NUMBER, _excel_number_message(header, text))
        elif code == Code.EXCEL_NUMBER:
            draft.add(code, _excel_number_message(header, text))
        elif code == Code.MISSING_ID:
            draft.add(code, _("{column}: the cell is empty").format(column=header))
        else:
            draft.add(code, _("{column} {value}: {reason}").format(column=header, value=text, reason=exc))
        return
    draft.id_text = draft.info.number
    if draft.info.upgraded_from_15:
        draft.add(
            Code.ID_UPGRADED,
            _("{column}: the old 15-digit number {old} was upgraded to {new}").format(
                column=header, old=text, new=draft.info.number
            ),
        )


def _damaged_by_excel(text: str) -> bool:
    """18 digits ending in 000 with a wrong check digit: Excel kept 15 digits and filled in zeros."""
    return len(text) == 18 and text.isdigit() and text.endswith("000")


def _excel_number_message(header: str, value: Cell) -> str:
    return _(
        "{column} {value}: Excel stored this ID as a number and has already replaced its last digits, "
        "so it cannot be repaired. Set the column's format to Text in Excel and type the IDs again "
        "from the ID cards."
    ).format(column=header, value=text_of(value))


def _read_checks(draft: Draft, table: Table, raw: RawRow, today: dt.date) -> None:
    """The warnings about what the ID says: gender, birth date, age."""
    info = draft.info
    if info is None:
        return
    gender_cell = table.value(raw, "gender")
    if gender_cell is not None:
        gender = cells.parse_gender(gender_cell)
        if gender != info.gender:
            draft.add(
                Code.GENDER_MISMATCH,
                _("Gender “{cell}” differs from the ID number ({id_gender}); the ID number is used").format(
                    cell=text_of(gender_cell), id_gender=info.gender.label
                ),
            )
    birth_cell = table.value(raw, "birth_date")
    if birth_cell is not None:
        try:
            stated = cells.parse_year_month(birth_cell)
            same = (
                stated == info.birth_date
                if isinstance(stated, dt.date)
                else stated == (info.birth_date.year, info.birth_date.month)
            )
        except CellError:
            same = False
        if not same:
            draft.add(
                Code.BIRTH_MISMATCH,
                _("Birth date “{cell}” differs from the ID number ({id_birth}); the ID number is used").format(
                    cell=text_of(birth_cell), id_birth=info.birth_date.isoformat()
                ),
            )
    age = age_on(info.birth_date, today)
    if age < SENIOR_AGE:
        draft.add(Code.UNDER_60, _("Aged {age}: under 60").format(age=age))


def _read_fields(draft: Draft, table: Table, raw: RawRow) -> None:
    def cell(key: str) -> Cell:
        return table.value(raw, key)

    member = cell("member_no")
    if member is not None:
        number = to_halfwidth(text_of(member)).replace(" ", "").upper()
        if _MEMBER_NO.match(number):
            draft.member_no = number
        else:
            draft.add(
                Code.MEMBER_NO_KEPT,
                _("Member no. “{value}” is not of the form M000123; the app assigns one").format(value=number),
            )
    phone_cells = table.values(raw, "phones")
    if phone_cells:
        draft.phones = tuple(p for c in phone_cells for p in cells.split_phones(c))
    for key in ("address", "community", "notes"):
        value = cell(key)
        if value is not None:
            setattr(draft, key, text_of(value))
    parsers = {
        "residence": cells.parse_residence,
        "care_level": cells.parse_care_level,
        "lunar_birthday": cells.parse_yes_no,
        "lunar_birth": cells.parse_lunar,
        "status": cells.parse_status,
        "status_date": cells.parse_date,
        "registered_on": cells.parse_date,
    }
    for key, parse in parsers.items():
        value = cell(key)
        if value is None:
            continue
        try:
            setattr(draft, key, parse(value))
        except CellError as exc:
            draft.invalid(key, str(exc))
    value = cell("categories")
    if value is not None:
        found, unknown = cells.parse_categories(value)
        draft.categories = found
        for word in unknown:
            draft.add(
                Code.UNKNOWN_CATEGORY,
                _("Category “{word}” is not one the app knows ({known}); it was not imported").format(
                    word=word, known="、".join(c.zh for c in Category)
                ),
            )
    value = cell("diet")
    if value is not None:
        draft.diet_flags, draft.diet_notes = cells.parse_diet(value)
    names, phones = cell("contact_name"), cell("contact_phone")
    if names is not None or phones is not None:
        draft.contacts = _contacts(
            cells.split_names(names) if names is not None else [],
            cells.split_phones(phones) if phones is not None else [],
        )


def _contacts(names: list[str], phones: list[str]) -> tuple[Contact, ...]:
    """Names and phones paired in order; a phone without a name keeps an empty name (refused later, named)."""
    contacts = []
    for i in range(max(len(names), len(phones))):
        name, relation = cells.split_contact(names[i]) if i < len(names) else ("", "")
        contacts.append(Contact(name=name, relation=relation, phone=phones[i] if i < len(phones) else ""))
    return tuple(contacts)
