"""Registering many seniors at once (a roster import) with plain INSERTs instead of the ORM's unit of work.

A 10,000-row roster spent most of its time in the ORM: building, tracking and sorting some
40,000 new objects and their relationships, then flushing them one row at a time. Here the
same :class:`~carecenter.seniors.records.NewSenior` values the registration form turns into
objects go straight to the database, one statement per table for the whole batch, and the
two things a flush would have done on the side are done explicitly, in the same transaction:
the audit trail's lines (:func:`carecenter.db.audit_hook.record_created`) and the search
index's grams (:func:`carecenter.seniors.search_grams.add_new`). The rows and trail lines are
the ones ``session.add(new_senior(...))`` writes; ``tests/core/test_bulk_register.py`` compares them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from carecenter.db import audit_hook
from carecenter.db.models import Senior
from carecenter.seniors import search_grams
from carecenter.seniors.records import PART_MODELS, NewSenior

_SENIORS: Table = Senior.__table__  # type: ignore[assignment]


def insert_new(session: Session, records: Sequence[NewSenior]) -> list[int]:
    """Write ``records`` in the session's transaction (nothing is committed); their ids, in order."""
    if not records:
        return []
    conn = session.connection()
    rows = [_complete(_SENIORS, record.columns) for record in records]
    # The ids in the order of the rows: batched where the database can say which is which, else row by row.
    ids = list(conn.scalars(insert(_SENIORS).returning(_SENIORS.c.id, sort_by_parameter_order=True), rows))
    parts = [
        {
            name: [_complete(model.__table__, {**row, "senior_id": senior_id}) for row in record.parts.get(name, ())]
            for name, model in PART_MODELS.items()
        }
        for senior_id, record in zip(ids, records, strict=True)
    ]
    for name, model in PART_MODELS.items():
        written = [row for senior_parts in parts for row in senior_parts[name]]
        if written:
            conn.execute(insert(model.__table__), written)
    audit_hook.record_created(session, Senior, zip(ids, rows, parts, strict=True))
    phones = [[row["number"] for row in senior_parts["phones"]] for senior_parts in parts]
    search_grams.add_new(conn, zip(ids, rows, phones, strict=True))
    return ids


def _complete(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the Python-side default of every column they leave out (what the trail must see)."""
    return {**_defaults(table), **values}


@cache
def _defaults(table: Table) -> dict[str, Any]:
    return {
        column.key: column.default.arg
        for column in table.columns
        if isinstance(column.default, ScalarElementColumnDefault)
    }
