"""What another desk changed in a senior's record while this desk had the edit form open.

The senior form's fields (``SeniorInput``) in three states — as the form opened, as stored now,
as typed — compared by :func:`carecenter.conflicts.field_changes`. ID numbers are compared and
shown as the acting role sees them (masked for roles that may not see them in full).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.audit import FIELD_LABELS as TRAIL_LABELS
from carecenter.conflicts import FieldChange, Shower, field_changes, shown, values_of
from carecenter.db.models import Center
from carecenter.domain.idnumber import mask
from carecenter.domain.lunar import LunarBirth
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorDetail, SeniorInput
from carecenter.seniors.validate import FIELD_LABELS

LABELS: dict[str, str] = {**TRAIL_LABELS, **FIELD_LABELS}


def senior_changes(
    session: Session, actor: Actor, opened: SeniorDetail | None, current: SeniorDetail, yours: SeniorInput
) -> list[FieldChange]:
    """The fields of the senior form that changed between ``opened`` and ``current``, with ``yours`` beside them.

    ``current`` carries the photo; an ``opened`` read without it counts its photo as unchanged.
    """
    now = values_of(current.as_input())
    before = None
    if opened is not None:
        before = values_of(opened.as_input())
        if opened.has_photo and opened.photo is None:
            before["photo"] = now["photo"]
    mine = values_of(yours)
    if not allowed(actor, Permission.SEE_FULL_ID):
        mine["id_number"] = mask(yours.id_number)
    return field_changes(LABELS, before, now, mine, _shower(session))


def _shower(session: Session) -> Shower:
    centers: dict[int, str] = {row.id: row.name for row in session.execute(select(Center.id, Center.name))}

    def show(field: str, value: object) -> str:
        if field == "center_id" and isinstance(value, int):
            return centers.get(value, str(value))
        if field == "care_level" and value is None:
            return _("Not assessed")
        if field == "photo":
            return (
                _("a photo ({n} KB)").format(n=max(1, len(value) // 1024)) if isinstance(value, bytes) else shown(None)
            )
        if isinstance(value, LunarBirth):
            return value.describe()
        if isinstance(value, tuple) and value:
            return "、".join(_item(v) for v in value)
        return shown(value)

    return show


def _item(value: object) -> str:
    if isinstance(value, CategoryPeriod):
        if value.valid_from is None and value.valid_to is None:
            return value.category.label
        span = (
            f"{shown(value.valid_from) if value.valid_from else ''}～{shown(value.valid_to) if value.valid_to else ''}"
        )
        return f"{value.category.label}（{span}）"
    if isinstance(value, Contact):
        relation = f"（{value.relation}）" if value.relation else ""
        return f"{value.name}{relation} {value.phone}".strip()
    return shown(value)
