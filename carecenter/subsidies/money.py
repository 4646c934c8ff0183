"""Money as the centers write it: 元 with two decimals on screen and paper, integer 分 (fen) everywhere else.

``yuan(10000)`` is ``"100.00"``; ``parse_yuan("100.5")`` is 10050. Typed amounts may use
full-width digits (１００), a ¥/￥ sign or a trailing 元; negative amounts, more than two
decimals and anything else are refused with a message naming the field.
"""

from __future__ import annotations

import re

from carecenter.domain.text import to_halfwidth
from carecenter.errors import FieldError
from carecenter.i18n import _

_AMOUNT_RE = re.compile(r"^(-?)(\d{1,9})(?:\.(\d{0,2}))?$")


def yuan(fen: int) -> str:
    """``fen`` as 元 with two decimals: 10000 → "100.00", 150 → "1.50", -5 → "-0.05"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def parse_yuan(text: str | int, field: str = "amount", label: str = "") -> int:
    """An amount of 元 typed by a user ("100", "100.5", "１００", "¥12.00", "5元") as fen.

    Raises FieldError (naming ``field``/``label``) for an empty, negative or unreadable
    amount, or one with more than two decimals (a fen is the smallest unit).
    """
    label = label or _("Amount")
    if isinstance(text, bool):
        raise FieldError(field, label, _("“{text}” is not an amount of yuan").format(text=text))
    if isinstance(text, int):
        text = str(text)
    raw = to_halfwidth(str(text)).strip().replace(",", "")
    raw = raw.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    if not raw:
        raise FieldError(field, label, _("is required"))
    match = _AMOUNT_RE.match(raw)
    if match is None:
        if re.match(r"^-?\d+\.\d{3,}$", raw):
            raise FieldError(field, label, _("“{text}”: at most two decimals (fen)").format(text=text))
        raise FieldError(field, label, _("“{text}” is not an amount of yuan").format(text=text))
    sign, whole, decimals = match.groups()
    fen = int(whole) * 100 + int((decimals or "").ljust(2, "0"))
    if sign and fen:
        raise FieldError(field, label, _("cannot be negative"))
    return fen
