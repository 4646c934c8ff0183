"""The form fields of the front desk's records (visit, call), for the edit-conflict check of :mod:`carecenter.conflicts`.

Each record's form fields are read by name from the stored row, from the DTO the form was
opened with (the same attribute names) and from what the user typed (after the core's
normal forms), and compared by :func:`carecenter.conflicts.record_changes`.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from carecenter.conflicts import FieldChange, record_changes
from carecenter.desk import call_dto, visit_dto

VISIT_FIELDS = (
    "service_type_id",
    "staff_id",
    "day",
    "started_at",
    "ended_at",
    "minutes",
    "place",
    "work_done",
    "confirmation",
    "confirmed_by_name",
)
CALL_FIELDS = (
    "center_id",
    "senior_id",
    "received_at",
    "caller_kind",
    "caller_name",
    "caller_phone",
    "reason",
    "urgency",
    "action_taken",
    "follow_up_on",
)


def visit_changes(
    session: Session, opened: object | None, current: Mapping[str, object], yours: Mapping[str, object]
) -> list[FieldChange]:
    return record_changes(session, visit_dto.FIELD_LABELS, opened, current, yours)


def call_changes(
    session: Session, opened: object | None, current: Mapping[str, object], yours: Mapping[str, object]
) -> list[FieldChange]:
    return record_changes(session, call_dto.FIELD_LABELS, opened, current, yours)
