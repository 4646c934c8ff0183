"""Applying parsed rows to the database: match by ID number, add, update what changed, refuse the rest.

Runs inside one session and one transaction opened by the caller; this module never
commits. Rows are written in batches: changes to registered seniors by a flush of the
session, new seniors by plain INSERTs (:mod:`carecenter.seniors.bulk`, the same rows and
trail lines the form writes). A cancelled or killed import leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor
from carecenter.db.models import Center, Senior, StatusChange
from carecenter.domain.idnumber import mask
from carecenter.domain.vocab import STATUS_TRANSITIONS, Category, Status
from carecenter.errors import ValidationError
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.progress import Cancelled, Progress, WorkCancelled
from carecenter.roster.columns import BY_KEY
from carecenter.roster.model import Code, RowResult, Verdict
from carecenter.roster.rows import Draft
from carecenter.seniors import bulk
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from carecenter.seniors.records import (
    NewSenior,
    apply_input,
    detail_of,
    member_no_of,
    new_record,
    status_change,
    with_status,
)
from carecenter.seniors.validate import CleanSenior, clean

BATCH = 200  # rows per flush: the unit of progress and of the cancel check
_FIELD_COLUMNS = {
    "name": "name",
    "phones": "phones",
    "address": "address",
    "community": "community",
    "residence": "residence",
    "categories": "categories",
    "care_level": "care_level",
    "lunar_birthday": "lunar_birthday",
    "lunar_birth": "lunar_birth",
    "diet_flags": "diet",
    "diet_notes": "diet",
    "contacts": "contact_name",
    "notes": "notes",
}


@dataclass(frozen=True)
class Context:
    session: Session
    actor: Actor
    center_id: int
    today: dt.date
    now: dt.datetime


def apply_rows(
    ctx: Context, drafts: Sequence[Draft], progress: Progress | None, cancelled: Cancelled | None
) -> list[RowResult]:
    """The verdict of every draft, with the accepted ones written to ``ctx.session`` (not committed)."""
    _mark_duplicates(drafts)
    numbers = [d.info.number for d in drafts if not d.rejected and d.info is not None]
    existing = dict(_existing(ctx.session, numbers))
    members = _MemberNumbers(ctx.session, [d.member_no for d in drafts if d.member_no and not d.rejected])
    centers = {cid: cname for cid, cname in ctx.session.execute(select(Center.id, Center.name))}
    results: list[RowResult] = []
    pending: dict[int, NewSenior] = {}  # result index -> new senior, written at the next batch
    for index, draft in enumerate(drafts):
        if index % BATCH == 0:
            if cancelled is not None and cancelled():
                raise WorkCancelled(_("The import was stopped; nothing was imported."))
            _write(ctx, results, pending)
            if progress is not None:
                progress(index, len(drafts))
        if draft.rejected or draft.info is None:
            results.append(_result(ctx, draft, Verdict.REJECTED))
            continue
        senior = existing.get(draft.info.number)
        if senior is None:
            result, new = _add(ctx, draft, members)
            if new is not None:
                pending[len(results)] = new
            results.append(result)
        else:
            if senior.center_id != ctx.center_id:
                draft.add(
                    Code.OTHER_CENTER,
                    _("Registered at {center}; the senior stays there").format(center=centers.get(senior.center_id)),
                )
            results.append(_update(ctx, draft, senior))
    _write(ctx, results, pending)
    if progress is not None:
        progress(len(drafts), len(drafts))
    return results


def _write(ctx: Context, results: list[RowResult], pending: dict[int, NewSenior]) -> None:
    """Flush the batch's changes to registered seniors and insert its new ones; their results get the new ids."""
    ctx.session.flush()
    ids = bulk.insert_new(ctx.session, list(pending.values()))
    for index, senior_id in zip(pending, ids, strict=True):
        results[index] = replace(results[index], senior_id=senior_id)
    pending.clear()


def _mark_duplicates(drafts: Sequence[Draft]) -> None:
    first: dict[str, int] = {}
    for draft in drafts:
        if draft.rejected or draft.info is None:
            continue
        earlier = first.setdefault(draft.info.number, draft.row)
        if earlier != draft.row:
            draft.add(
                Code.DUPLICATE_IN_FILE,
                _("ID number {id} is already on row {row} of this file").format(id=draft.info.number, row=earlier),
            )


def _existing(session: Session, numbers: list[str]) -> Iterator[tuple[str, Senior]]:
    """The seniors already registered under ``numbers``, with everything an update compares."""
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        stmt = (
            select(Senior)
            .where(Senior.id_number.in_(chunk))
            .options(
                selectinload(Senior.center),
                selectinload(Senior.phones),
                selectinload(Senior.categories),
                selectinload(Senior.diet_flags),
                selectinload(Senior.contacts),
                selectinload(Senior.status_changes),
                selectinload(Senior.photo),
            )
        )
        for senior in session.scalars(stmt):
            yield senior.id_number, senior


class _MemberNumbers:
    """Hands out member numbers: the row's own when it is free, else the next one no row asks for."""

    def __init__(self, session: Session, wanted: list[str]) -> None:
        taken = set(session.scalars(select(Senior.member_no)))
        self._taken = taken
        self._reserved = {m for m in wanted if m not in taken}
        self._next = max((int(m[1:]) for m in taken), default=0) + 1

    def take(self, wanted: str | None) -> str:
        if wanted and wanted in self._reserved and wanted not in self._taken:
            self._taken.add(wanted)
            return wanted
        while member_no_of(self._next) in self._taken or member_no_of(self._next) in self._reserved:
            self._next += 1
        number = member_no_of(self._next)
        self._taken.add(number)
        return number


def _add(ctx: Context, draft: Draft, members: _MemberNumbers) -> tuple[RowResult, NewSenior | None]:
    assert draft.info is not None
    data = SeniorInput(
        name=draft.name,
        id_number=draft.info.number,
        center_id=ctx.center_id,
        phones=draft.phones or (),
        address=draft.address or "",
        community=draft.community or "",
        registered_on=draft.registered_on or ctx.today,
        categories=tuple(CategoryPeriod(c) for c in draft.categories or ()),
        care_level=draft.care_level,
        diet_flags=draft.diet_flags or frozenset(),
        diet_notes=draft.diet_notes or "",
        lunar_birthday=bool(draft.lunar_birthday),
        lunar_birth=draft.lunar_birth,
        contacts=draft.contacts or (),
        notes=draft.notes or "",
    )
    if draft.residence is not None:
        data = replace(data, residence=draft.residence)
    cleaned = _clean(draft, data, ctx.today)
    if cleaned is None:
        return _result(ctx, draft, Verdict.REJECTED), None
    registered = cleaned.data.registered_on or ctx.today
    status = draft.status or Status.ACTIVE
    effective = draft.status_date or ctx.today
    if status != Status.ACTIVE and not _status_date_ok(draft, effective, registered, ctx.today):
        return _result(ctx, draft, Verdict.REJECTED), None
    member_no = members.take(draft.member_no)
    if draft.member_no and member_no != draft.member_no:
        draft.add(
            Code.MEMBER_NO_KEPT,
            _("Member no. {wanted} belongs to another senior; {given} was assigned").format(
                wanted=draft.member_no, given=member_no
            ),
        )
    record = new_record(cleaned, ctx.center_id, member_no, registered, ctx.now, ctx.actor)
    if status != Status.ACTIVE:
        record = with_status(record, status_change(status, effective, _("Roster import"), ctx.now, ctx.actor))
    return _result(ctx, draft, Verdict.ADDED, member_no=member_no), record


def _update(ctx: Context, draft: Draft, senior: Senior) -> RowResult:
    current = detail_of(senior, ctx.today, with_photo=True).as_input()
    desired = _merge(current, draft, ctx.today)
    before = _clean(draft, current, ctx.today, quiet=True)
    after = _clean(draft, desired, ctx.today)
    if after is None:
        return _result(ctx, draft, Verdict.REJECTED, senior=senior)
    if draft.member_no and draft.member_no != senior.member_no:
        draft.add(
            Code.MEMBER_NO_KEPT,
            _("Member no. {file} in the file differs from {stored}; {stored} is kept").format(
                file=draft.member_no, stored=senior.member_no
            ),
        )
    changed = [
        BY_KEY[col].header
        for f, col in _FIELD_COLUMNS.items()
        if before is None or getattr(before.data, f) != getattr(after.data, f)
    ]
    status_changes = draft.status is not None and draft.status != senior.status
    if status_changes:
        assert draft.status is not None
        effective = draft.status_date or ctx.today
        if not _transition_ok(draft, senior, draft.status, effective, ctx.today):
            return _result(ctx, draft, Verdict.REJECTED, senior=senior)
        changed.append(BY_KEY["status"].header)
    if not changed:
        return _result(ctx, draft, Verdict.UNCHANGED, senior=senior)
    apply_input(senior, after.data, ctx.now, ctx.actor)
    if status_changes:
        assert draft.status is not None
        _change_status(ctx, senior, draft.status, draft.status_date or ctx.today)
    return _result(ctx, draft, Verdict.UPDATED, senior=senior, changed=tuple(dict.fromkeys(changed)))


def _merge(current: SeniorInput, draft: Draft, today: dt.date) -> SeniorInput:
    """``current`` with every non-empty cell of the row applied; the registration date never moves."""
    data = replace(current, name=draft.name or current.name)
    for name in ("phones", "address", "community", "residence", "care_level", "lunar_birthday", "notes"):
        value = getattr(draft, name)
        if value is not None:
            data = replace(data, **{name: value})
    if draft.lunar_birth is not None:
        data = replace(data, lunar_birth=draft.lunar_birth)
    if draft.diet_flags is not None:
        data = replace(data, diet_flags=draft.diet_flags, diet_notes=draft.diet_notes or "")
    if draft.categories is not None:
        data = replace(data, categories=_merge_categories(current.categories, draft.categories, today))
    if draft.contacts is not None:
        data = replace(data, contacts=_merge_contacts(current.contacts, draft.contacts))
    return data


def _merge_categories(
    current: tuple[CategoryPeriod, ...], listed: Sequence[Category], today: dt.date
) -> tuple[CategoryPeriod, ...]:
    """The roster lists the categories valid now: end the unlisted ones yesterday, start new ones today."""
    result: list[CategoryPeriod] = []
    valid_now = {p.category for p in current if p.valid_on(today)}
    for period in current:
        if period.valid_on(today) and period.category not in listed:
            if period.valid_from is not None and period.valid_from >= today:
                continue  # began today: it never really applied
            result.append(replace(period, valid_to=today - dt.timedelta(days=1)))
        else:
            result.append(period)
    for category in listed:
        if category not in valid_now:
            result.append(CategoryPeriod(category, valid_from=today))
    return tuple(result)


def _merge_contacts(current: tuple[Contact, ...], listed: tuple[Contact, ...]) -> tuple[Contact, ...]:
    """The roster's contacts, keeping a known relation or phone the roster leaves out for the same name."""
    known = {c.name: c for c in current}
    merged = []
    for contact in listed:
        old = known.get(contact.name)
        if old is not None:
            contact = Contact(contact.name, contact.relation or old.relation, contact.phone or old.phone)
        merged.append(contact)
    return tuple(merged)


def _clean(draft: Draft, data: SeniorInput, today: dt.date, quiet: bool = False) -> CleanSenior | None:
    try:
        return clean(data, today)
    except ValidationError as exc:
        if not quiet:
            for error in exc.errors:
                draft.add(Code.INVALID_VALUE, str(error))
        return None


def _status_date_ok(draft: Draft, effective: dt.date, since: dt.date, today: dt.date) -> bool:
    if effective > today:
        draft.invalid("status_date", _("cannot be in the future"))
    elif effective < since:
        draft.invalid("status_date", _("cannot be before {d}").format(d=since.isoformat()))
    else:
        return True
    return False


def _transition_ok(draft: Draft, senior: Senior, status: Status, effective: dt.date, today: dt.date) -> bool:
    if status not in STATUS_TRANSITIONS[senior.status]:
        draft.invalid("status", _("cannot change from {a} to {b}").format(a=senior.status.zh, b=status.zh))
        return False
    return _status_date_ok(draft, effective, senior.status_since, today)


def _change_status(ctx: Context, senior: Senior, status: Status, effective: dt.date) -> None:
    senior.status_changes.append(
        StatusChange(**status_change(status, effective, _("Roster import"), ctx.now, ctx.actor))
    )
    senior.status = status
    senior.status_since = effective
    senior.updated_at = ctx.now
    senior.updated_by = ctx.actor.username


def _result(
    ctx: Context,
    draft: Draft,
    verdict: Verdict,
    senior: Senior | None = None,
    changed: tuple[str, ...] = (),
    member_no: str = "",
) -> RowResult:
    """The row's line in the report; a new senior's id is filled in once the batch is written."""
    number = draft.info.number if draft.info is not None else draft.id_text
    shown = number if allowed(ctx.actor, Permission.SEE_FULL_ID) else mask(number)
    return RowResult(
        row=draft.row,
        verdict=verdict,
        name=draft.name,
        id_number=shown,
        senior_id=senior.id if senior is not None else None,
        member_no=senior.member_no if senior is not None else member_no,
        issues=tuple(draft.issues),
        changed=changed,
        cells=draft.cells,
    )
