"""The one rule every property checks: a write either succeeds in normal form or is refused cleanly.

``attempt`` runs a core write with hostile input. A success returns the result, for the
property to compare with the documented normal form of what it sent. A refusal must be
one of the core's user-facing errors: a ValidationError names each refused field by a
translated (Chinese) label inside its message, and the database is exactly as before
(row counts of every table, the audit trail included, and the full rows of the tables
the write touches). Any other exception escapes and fails the property.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Table, func, literal, select, union_all

from carecenter.db.models import Base
from carecenter.domain.text import LIMITS, control_char_reason
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter

T = TypeVar("T")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TABLES: dict[str, Table] = {t.name: t for t in Base.metadata.sorted_tables}
_COUNTS = union_all(*(select(literal(name), func.count()).select_from(t) for name, t in _TABLES.items()))


@dataclass
class Tally:
    """How many hostile inputs a property tried, and how they ended (printed by the session hook)."""

    tried: int = 0
    stored: int = 0
    refused: int = 0
    by_test: dict[str, list[int]] = field(default_factory=dict)  # write -> [tried, stored]


TALLY = Tally()


class Refused:
    """A clean refusal: the error (for the property to inspect) and the refused fields."""

    def __init__(self, error: CareCenterError) -> None:
        self.error = error
        if isinstance(error, ValidationError):
            self.fields = {e.field for e in error.errors}
        else:
            self.fields = {error.field} if isinstance(error, FieldError) else set()

    def __repr__(self) -> str:
        return f"Refused({self.error})"


def snapshot(cc: CareCenter, watch: Iterable[str] = ()) -> dict[str, Any]:
    """Row counts of every table (one query) plus every row of the ``watch`` tables."""
    with cc.engine.connect() as conn:
        shot: dict[str, Any] = {"counts": sorted(conn.execute(_COUNTS).all())}
        for name in watch:
            shot[name] = sorted((tuple(map(repr, row)) for row in conn.execute(select(_TABLES[name]))), key=str)
    return shot


def attempt(
    cc: CareCenter,
    call: Callable[[], T],
    fields: Collection[str] | None = None,
    watch: Iterable[str] = (),
    test: str = "",
) -> T | Refused:
    """Run ``call``; return its result, or a Refused after checking the refusal was clean.

    ``fields``: the field names the write may name in a ValidationError (None: any).
    ``watch``: tables whose rows a refused call must leave exactly as they were.
    """
    watch = tuple(watch)
    before = snapshot(cc, watch)
    TALLY.tried += 1
    counts = TALLY.by_test.setdefault(test or "?", [0, 0])
    counts[0] += 1
    try:
        result = call()
    except CareCenterError as exc:
        check_message(exc, fields)
        after = snapshot(cc, watch)
        assert after == before, f"refused ({exc}) but the database changed"
        TALLY.refused += 1
        return Refused(exc)
    TALLY.stored += 1
    counts[1] += 1
    return result


def check_message(exc: CareCenterError, fields: Collection[str] | None) -> None:
    """A refusal speaks Chinese; a ValidationError names every refused field by its label."""
    message = str(exc)
    assert _CJK.search(message), f"refusal not in Chinese: {message!r}"
    if isinstance(exc, FieldError):  # some writes refuse one field on its own (the desk's quick paths)
        errors = [exc]
    elif isinstance(exc, ValidationError):
        errors = exc.errors
    else:
        return
    assert errors, "a ValidationError without any field"
    for error in errors:
        assert error.field, f"an error without a field name: {error}"
        assert error.label and _CJK.search(error.label), f"field {error.field} has no Chinese label: {error.label!r}"
        assert f"{error.label}：" in message, f"the message does not name {error.label}: {message!r}"
        if fields is not None:
            assert error.field in fields, f"unexpected field {error.field!r} in {message!r}"


def stored_text_ok(value: str, limit_key: str | None = None, multiline: bool = False) -> None:
    """What the core stored holds no control character and fits its documented limit."""
    assert control_char_reason(value, multiline) is None, f"control characters stored: {value!r}"
    assert value == value.strip(), f"stored untrimmed: {value!r}"
    if limit_key is not None:
        assert len(value) <= LIMITS[limit_key], f"over the {limit_key} limit: {len(value)}"


def refused_or(outcome: object, expected_fields: Collection[str]) -> bool:
    """True when ``outcome`` is a refusal naming at least one of ``expected_fields``."""
    return isinstance(outcome, Refused) and bool(outcome.fields & set(expected_fields))


# Zero-width marks, line/paragraph separators, the byte-order mark, and the bidirectional
# embeddings, overrides and isolates that reorder text on screen.
_INVISIBLE = (
    {chr(c) for c in range(0x200B, 0x2010)}
    | {chr(c) for c in range(0x2028, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
    | {"\ufeff"}
)


def text_ok(value: str, limit_key: str, multiline: bool = False, required: bool = False) -> bool:
    """An independent statement of the documented rule: is this normalized text storable as it is?

    No NUL, no control character (line breaks and tabs allowed in multi-line fields), no
    zero-width, line-separator or bidirectional-control character, within the field's limit,
    present when required.
    """
    allowed = {"\n", "\r", "\t"} if multiline else set()
    if required and not value:
        return False
    if any((unicodedata.category(c) == "Cc" and c not in allowed) or c in _INVISIBLE for c in value):
        return False
    return len(value) <= LIMITS[limit_key]


def justified(outcome: object, checks: dict[str, bool]) -> None:
    """A refusal may only name a field whose value breaks a documented rule (``checks[field]`` False)."""
    if isinstance(outcome, Refused):
        for name in outcome.fields & checks.keys():
            assert not checks[name], f"{name} refused although its value is acceptable: {outcome}"


def examples(n: int) -> int:
    """``n`` examples, times CARECENTER_PROPERTY_SCALE (default 1) for a longer hunt by hand."""
    return max(1, round(n * float(os.environ.get("CARECENTER_PROPERTY_SCALE", "1"))))
