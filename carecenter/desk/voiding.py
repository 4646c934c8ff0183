"""Voiding: how a mistaken desk record is taken back (with a reason, audited, never deleted).

Every desk model has ``voided``/``void_reason``/``void_key`` (see :mod:`carecenter.db.desk_models`).
Setting ``void_key`` to the row's id frees the "one live record per senior and day" slot,
so the corrected record can be entered again.
"""

from __future__ import annotations

from typing import Protocol

from carecenter.domain.text import normalize_line, text_reason
from carecenter.errors import CareCenterError, FieldError
from carecenter.i18n import _


class VoidableRow(Protocol):
    id: int
    voided: bool
    void_reason: str
    void_key: int


class AlreadyVoidedError(CareCenterError):
    """The record was voided before (perhaps at another desk); nothing changed."""


def void_reason_error(raw: str) -> tuple[str, FieldError | None]:
    """The reason as stored, or the field error that refuses it (a reason is required)."""
    reason = normalize_line(raw)
    problem = text_reason(reason, "reason", required=True)
    if problem is not None:
        return reason, FieldError("void_reason", _("Reason for voiding"), problem)
    return reason, None


def void(row: VoidableRow, raw_reason: str) -> None:
    """Mark ``row`` voided with the reason; raises FieldError (no reason) or AlreadyVoidedError, changing nothing."""
    reason, error = void_reason_error(raw_reason)
    if error is not None:
        raise error
    if row.voided:
        raise AlreadyVoidedError(_("This record was already voided: {reason}").format(reason=row.void_reason))
    row.voided = True
    row.void_reason = reason
    row.void_key = row.id
