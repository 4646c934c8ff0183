"""No lost updates: a form saved over a record someone else changed meanwhile is stopped and shown the difference.

Every table behind an edit form has a ``version`` column that SQLAlchemy counts up on each
UPDATE (``version_id_col``; care plans call it ``edit_version``, their ``version`` being the
plan's own numbering). A form remembers the version it was opened with and passes it to the
service's update as ``expected_version``, together with what it showed (``opened``). When the
stored version differs, the service compares three states of the form's fields:

* what the user saw when the form opened,
* what is stored now (the other desk's save),
* what the user typed,

and raises :class:`EditConflictError` listing every field the other desk changed, with the three
values as display text (:class:`FieldChange`). Nothing is written then. Saving again with
``expected_version`` = the error's ``current_version`` overwrites deliberately ("keep mine").

A change the form cannot show (another screen's fields of the same row, a status change)
cannot be lost by saving the form, so it is no conflict: the save goes through.
``expected_version`` None (the CLI, imports) means "do not check".

Two saves inside the same instant can still pass the version check together on a backend
without the write lock; the second then fails at the UPDATE (SQLAlchemy's StaleDataError).
:func:`retry_race` runs such a save once more, where the version check sees the first one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from carecenter.audit import FIELD_LABELS as TRAIL_LABELS
from carecenter.db.models import Account, Center, Senior, ServiceType, Staff
from carecenter.errors import CareCenterError
from carecenter.i18n import _

T = TypeVar("T")

# What a form shows, field by field: the value compared (a plain, comparable value).
Values = Mapping[str, object]
# How a field's value is shown in the conflict table: (field, value) -> text.
Shower = Callable[[str, object], str]


@dataclass(frozen=True)
class FieldChange:
    """One field the other desk changed while the user had the form open, as display text."""

    label: str
    when_opened: str
    theirs: str
    yours: str


class EditConflictError(CareCenterError):
    """Someone else saved the record while the user edited it; nothing was written.

    ``changed_by`` is who saved last (a staff name when known, else the username; "" when
    unknown), ``changed_at`` when; ``current_version`` is what to pass as ``expected_version``
    to save over their change on purpose; ``changes`` are the fields they changed.
    """

    def __init__(
        self,
        changed_by: str,
        changed_at: dt.datetime | None,
        current_version: int,
        changes: Sequence[FieldChange],
    ) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version
        self.changes = tuple(changes)
        fields = "、".join(c.label for c in self.changes)
        super().__init__(self.headline() + ("\n" + _("Changed: {fields}").format(fields=fields) if fields else ""))

    def headline(self) -> str:
        """“张丽 在 2026-11-22 09:05 修改了这条记录（您编辑期间）”."""
        who = self.changed_by or _("Another desk")
        when = self.changed_at.strftime("%Y-%m-%d %H:%M") if self.changed_at is not None else _("just now")
        return _("{who} changed this record at {time} (while you were editing it)").format(who=who, time=when)


def shown(value: object) -> str:
    """A value as the conflict table shows it: labels of vocabularies, ISO dates, lists joined with 、."""
    if value is None or value == "" or value == () or value == frozenset():
        return _("(none)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, frozenset | set):
        return "、".join(shown(v) for v in sorted(value, key=_order))
    if isinstance(value, tuple | list):
        return "、".join(shown(v) for v in value)
    return str(value)


def _order(value: object) -> tuple[int, str]:
    """Sets show in a fixed order: enum members in their declared order, the rest by text."""
    if isinstance(value, Enum):
        return list(type(value)).index(value), ""
    return 0, str(value)


def values_of(data: Any) -> dict[str, object]:
    """A form's input dataclass as field -> value, in the form's order."""
    return {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}


def plain_shower(_field: str, value: object) -> str:
    return shown(value)


def field_changes(
    labels: Mapping[str, str],
    opened: Values | None,
    current: Values,
    yours: Values,
    show: Shower = plain_shower,
) -> list[FieldChange]:
    """The fields whose stored value is no longer what the user opened, in ``current``'s order.

    ``labels`` maps a field to its label msgid (the one the validation messages use).
    Without ``opened`` (a caller that did not keep it), every field where the stored value
    differs from the user's is listed, the "when opened" column then left empty.
    """
    changes = []
    for field_name, now in current.items():
        before = opened.get(field_name, now) if opened is not None else yours.get(field_name, now)
        if before == now:
            continue
        mine = yours.get(field_name, now)
        changes.append(
            FieldChange(
                label=_(labels[field_name]) if field_name in labels else field_name,
                when_opened=show(field_name, before) if opened is not None else "",
                theirs=show(field_name, now),
                yours=show(field_name, mine),
            )
        )
    return changes


def fields_of(record: object, names: tuple[str, ...]) -> dict[str, object]:
    """``record``'s values of the form fields ``names`` (a row, a DTO, or anything with those attributes)."""
    return {name: getattr(record, name) for name in names}


def record_changes(
    session: Session,
    labels: Mapping[str, str],
    opened: object | None,
    current: Mapping[str, object],
    yours: Mapping[str, object],
) -> list[FieldChange]:
    """The fields of ``current`` another desk changed since ``opened`` (a DTO with the same attribute names).

    ``labels`` are the record's field labels (its validation messages'); the audit trail's fill the gaps.
    """
    before = fields_of(opened, tuple(current)) if opened is not None else None
    return field_changes({**TRAIL_LABELS, **labels}, before, current, yours, names_shower(session))


def names_shower(session: Session) -> Shower:
    """Shows id fields by the name they stand for (looked up when asked), everything else by :func:`shown`."""
    tables: dict[str, type[Center] | type[Senior] | type[ServiceType] | type[Staff]] = {
        "center_id": Center,
        "senior_id": Senior,
        "service_type_id": ServiceType,
        "staff_id": Staff,
        "courier_staff_id": Staff,
    }

    def show(field: str, value: object) -> str:
        table = tables.get(field)
        if table is not None and isinstance(value, int):
            name = session.scalar(select(table.name).where(table.id == value))
            return name if name is not None else str(value)
        return shown(value)

    return show


def check_version(
    session: Session,
    expected: int | None,
    stored: int,
    changes: Callable[[], Iterable[FieldChange]],
    updated_by: str,
    updated_at: dt.datetime | None,
) -> None:
    """Raise :class:`EditConflictError` when ``expected`` is stale and the other save changed something the form shows.

    ``changes`` is called only when the versions differ (it may read the session).
    """
    if expected is None or expected == stored:
        return
    found = list(changes())
    if found:
        raise EditConflictError(who_is(session, updated_by), updated_at, stored, found)


def apply_form(
    session: Session,
    row: Any,
    new: Mapping[str, object],
    labels: Mapping[str, str],
    expected_version: int | None,
    opened: object | None,
) -> bool:
    """Write a form's values ``new`` onto ``row``; False (nothing written) when they are what is stored.

    ``row`` has a ``version``, ``updated_by`` and ``updated_at``. Before writing, the version
    check runs (:func:`check_version`): a field of the form another desk changed since
    ``opened`` raises :class:`EditConflictError` and ``row`` is left as it was. The caller
    stamps the row and commits when this returns True.
    """
    current = fields_of(row, tuple(new))
    if current == new:
        return False
    check_version(
        session,
        expected_version,
        row.version,
        lambda: record_changes(session, labels, opened, current, new),
        row.updated_by,
        row.updated_at,
    )
    for key, value in new.items():
        setattr(row, key, value)
    return True


def who_is(session: Session, username: str) -> str:
    """A staff member's name for a username (the name people know), the username itself when there is no account."""
    if not username:
        return ""
    name = session.scalar(
        select(Staff.name).join(Account, Account.staff_id == Staff.id).where(Account.username == username)
    )
    return name or username


def touch(row: Any) -> None:
    """Make the flush UPDATE ``row`` (and so count its version up) even if only its child rows changed.

    SQLAlchemy counts the version up only when the row's own columns change; an edit that
    changes only a senior's phones, or a plan's services, within the same second as the last
    one would otherwise leave the version as it was and let a stale form through.
    """
    flag_modified(row, "updated_at")


def retry_race(save: Callable[[], T]) -> T:
    """Run ``save`` (one whole update call); if another save slipped in between its read and its
    UPDATE (StaleDataError), run it once more: its version check then sees the other save and
    raises :class:`EditConflictError` as usual. A second race in a row is reported as a conflict too.
    """
    try:
        return save()
    except StaleDataError:
        pass
    try:
        return save()
    except StaleDataError as exc:
        raise EditConflictError("", None, 0, ()) from exc
