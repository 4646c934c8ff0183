"""Resident ID numbers (GB 11643-1999): normal form, checksum, 15->18 upgrade, birth date, gender."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from carecenter.domain.text import to_halfwidth
from carecenter.domain.vocab import Gender
from carecenter.i18n import _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
MAX_AGE = 120

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$")


class IdNumberError(ValueError):
    """The reason (translated) why a string is not a usable ID number.

    ``kind`` says which rule failed, for the import's fixed codes: ``missing``,
    ``excel_number``, ``format``, ``checksum`` or ``date``.
    """

    def __init__(self, message: str, kind: str = "format") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: dt.date
    gender: Gender
    upgraded_from_15: bool


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalize(raw: str) -> str:
    """Half-width, no spaces, upper-case X: the form that is compared and stored."""
    text = to_halfwidth(raw)
    return re.sub(r"\s+", "", text).upper()


def parse(raw: str, today: dt.date) -> IdInfo:
    """Validate and normalize an ID as typed or imported; raises IdNumberError with the reason."""
    text = normalize(raw)
    if not text:
        raise IdNumberError(_("is required"), "missing")
    if _SCIENTIFIC.match(text) or (text.endswith("000") and "." in text):
        raise IdNumberError(
            _(
                "was turned into a number by Excel ({value}) and its last digits are lost; "
                "type it again from the ID card"
            ).format(value=raw.strip()),
            "excel_number",
        )
    return _parse_normal(text, today)


@lru_cache(maxsize=1024)
def _parse_normal(text: str, today: dt.date) -> IdInfo:
    """The rest of :func:`parse`, remembered (a failure is not: its message is in the language of the
    moment): a roster row's ID is parsed when the row is read and again by the registration rules."""
    upgraded = False
    if len(text) == 15:
        if not text.isdigit():
            raise IdNumberError(_("a 15-digit ID may contain digits only"))
        body = text[:6] + "19" + text[6:]
        text = body + check_char(body)
        upgraded = True
    elif len(text) != 18:
        raise IdNumberError(_("must have 18 characters (or 15 for an old ID), not {n}").format(n=len(text)))
    elif not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise IdNumberError(_("only digits are allowed, and X as the last character"))
    expected = check_char(text[:17])
    if text[17] != expected:
        raise IdNumberError(
            _("the check character is wrong (expected {c}); please check every digit").format(c=expected),
            "checksum",
        )
    try:
        birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise IdNumberError(_("contains an impossible birth date ({d})").format(d=text[6:14]), "date") from None
    if birth > today:
        raise IdNumberError(_("contains a birth date in the future ({d})").format(d=birth.isoformat()), "date")
    if age_on(birth, today) > MAX_AGE:
        raise IdNumberError(_("gives an age over {n} years; please check the birth date").format(n=MAX_AGE), "date")
    gender = Gender.MALE if int(text[16]) % 2 == 1 else Gender.FEMALE
    return IdInfo(number=text, birth_date=birth, gender=gender, upgraded_from_15=upgraded)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years on ``day``; a 29 February birthday falls on 28 February in common years."""
    years = day.year - birth.year
    if (day.month, day.day) < _birthday_in(day.year, birth):
        years -= 1
    return years


def _birthday_in(year: int, birth: dt.date) -> tuple[int, int]:
    if birth.month == 2 and birth.day == 29:
        try:
            dt.date(year, 2, 29)
        except ValueError:
            return (2, 28)
    return (birth.month, birth.day)


def mask(number: str) -> str:
    """The printed form: region code and last four characters only (410105********0420)."""
    if len(number) != 18:
        return number
    return number[:6] + "*" * 8 + number[14:]


def make(region: str, birth: dt.date, sequence: int) -> str:
    """Build a valid ID (used by demo data and tests)."""
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + check_char(body)
