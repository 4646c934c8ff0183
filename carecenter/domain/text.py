"""Normal forms for typed and imported text, and the limits every stored field respects."""

from __future__ import annotations

import re
import unicodedata

from carecenter.i18n import _

# Documented length limits (characters), shared by validation, the UI and the schema.
LIMITS: dict[str, int] = {
    "name": 30,
    "phone": 20,
    "address": 120,
    "community": 40,
    "notes": 2000,
    "diet_notes": 500,
    "allergies": 200,
    "contact_name": 30,
    "contact_relation": 20,
    "center_code": 16,
    "center_name": 60,
    "reason": 200,
    "username": 32,
    "password": 128,
    "condition": 60,
    "service_name": 20,
    "place": 60,
    "gift": 60,
    "rule_name": 40,
}

# Control characters, zero-width marks, and the bidirectional overrides and isolates (U+202A–U+202E,
# U+2066–U+2069) that would make an address or a note display reversed or reordered on screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_NAME_DOTS = "·•‧∙⋅・･．."


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (digits, letters, ＋ …) and the ideographic space to half-width."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif code == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def control_char_reason(text: str, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be stored, if it holds NUL or other invisible control characters."""
    if "\x00" in text:
        return _("contains a NUL character")
    check = text.replace("\n", "").replace("\r", "").replace("\t", "") if multiline else text
    if _CONTROL.search(check) or any(unicodedata.category(c) == "Cc" for c in check):
        return _("contains invisible control characters")
    return None


def text_reason(value: str, limit_key: str, *, required: bool = False, multiline: bool = False) -> str | None:
    """Why a field's normalized text cannot be stored (missing, control characters, over its limit), or None."""
    if required and not value:
        return _("is required")
    reason = control_char_reason(value, multiline)
    if reason is None and len(value) > LIMITS[limit_key]:
        reason = _("at most {n} characters (now {m})").format(n=LIMITS[limit_key], m=len(value))
    return reason


def normalize_name(raw: str) -> str:
    """Inner and outer spaces removed; every middle-dot look-alike becomes · (阿依古丽·买买提)."""
    text = re.sub(r"\s+", "", raw.replace("\u3000", " "))
    return "".join("·" if ch in _NAME_DOTS else ch for ch in text)


def normalize_phone(raw: str) -> str:
    """Half-width, spaces dropped; keeps +, - and extension marks as typed."""
    return re.sub(r"\s+", "", to_halfwidth(raw))


def normalize_line(raw: str) -> str:
    """Single-line free text: trimmed, full-width spaces folded; inner text kept as typed."""
    return raw.replace("\u3000", " ").strip()


def normalize_multiline(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n").strip()


PHONE_RE = re.compile(r"^\+?[0-9][0-9\-]{4,18}(?:(?:转|ext\.?|x|#)[0-9]{1,6})?$", re.IGNORECASE)
