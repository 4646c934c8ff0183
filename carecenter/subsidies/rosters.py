"""The monthly subsidy roster: compute month M, review, approve (a snapshot), and the change lists.

A roster belongs to one center and one month. Until an administrator approves it, it is
whatever :func:`carecenter.subsidies.engine.compute_grants` says today; approving writes
every grant, with the senior's name and ID number as they were, into ``subsidy_grants``.
From then on the approved roster is what the month *was*: later edits of seniors,
categories or rules never change it (a rule change that would reach an approved month is
refused by the policy service), and recomputing shows the differences against it.

The change list of month M compares M with the month before (each month's approved
snapshot when it has one, the computed roster otherwise): 新增 (a grant that was not
there), 停发 (a grant that is gone, with the reason from the explanation of M), 调档 (the
same subsidy at another amount). Totals are per rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock, stamp
from carecenter.db import audit_hook
from carecenter.db.models import Center, Senior, Staff, SubsidyGrant, SubsidyRoster
from carecenter.db.sessions import Sessions
from carecenter.domain.idnumber import mask
from carecenter.domain.months import first_day, last_day, month_label, shift
from carecenter.domain.vocab import Vocab
from carecenter.errors import FieldError, NotFoundError, ValidationError
from carecenter.i18n import N_, _, zh
from carecenter.permissions import Permission, allowed, require
from carecenter.subsidies.engine import Grant, compute_grants, explain_many
from carecenter.subsidies.money import yuan

# Approving a month before this is a mistyped year (and the month before it could not be computed).
EARLIEST_MONTH = dt.date(1900, 1, 1)


class ChangeKind(Vocab):
    NEW = "new", N_("New")
    STOPPED = "stopped", N_("Stopped")
    BAND = "band", N_("Band change")


@dataclass(frozen=True)
class RuleTotal:
    rule_code: str
    rule_name: str
    count: int
    total_fen: int


@dataclass(frozen=True)
class Roster:
    """One center's grants of one month: the approved snapshot, or (``approved`` False) computed now."""

    center_id: int
    month: dt.date
    approved: bool
    approved_at: dt.datetime | None
    approved_by: str
    approver_name: str
    grants: tuple[Grant, ...]

    @property
    def totals(self) -> tuple[RuleTotal, ...]:
        return totals_of(self.grants)

    @property
    def total_fen(self) -> int:
        return sum(g.amount_fen for g in self.grants)


@dataclass(frozen=True)
class RosterChange:
    """One line of a change list: a grant that appeared, stopped or changed band between two rosters."""

    kind: ChangeKind
    senior_id: int
    member_no: str
    id_number: str
    name: str
    rule_code: str
    rule_name: str
    before_fen: int
    after_fen: int
    before_tier: str
    after_tier: str
    reason: str


@dataclass(frozen=True)
class ChangeTotal:
    rule_code: str
    rule_name: str
    new: int
    stopped: int
    band: int
    before_fen: int
    after_fen: int


@dataclass(frozen=True)
class ChangeList:
    """Month ``month`` against ``against`` (the month before, or the approved snapshot of the same month)."""

    month: dt.date
    against: dt.date
    changes: tuple[RosterChange, ...]
    totals: tuple[ChangeTotal, ...]


@dataclass(frozen=True)
class ApprovedMonth:
    month: dt.date
    grants: int
    total_fen: int
    approved_at: dt.datetime
    approved_by: str
    approver_name: str


class SubsidyRosterService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def roster(self, actor: Actor, center_id: int, month: dt.date) -> Roster:
        """The approved roster of the month, else the roster computed from today's records (a preview)."""
        require(actor, Permission.LOOKUP_SENIORS)
        month = first_day(month)
        with self._sessions() as session:
            _center(session, center_id)
            approved = _approved(session, center_id, month)
            return _for(actor, approved if approved is not None else _computed(session, center_id, month))

    def computed(self, actor: Actor, center_id: int, month: dt.date) -> Roster:
        """The roster as today's records and rules give it, approved or not (for recomputing)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            _center(session, center_id)
            return _for(actor, _computed(session, center_id, first_day(month)))

    def approve(self, actor: Actor, center_id: int, month: dt.date) -> Roster:
        """Snapshot the computed roster of ``month`` as approved by ``actor``; a month is approved once.

        A month after the current one cannot be approved: its records are not all in yet.
        """
        require(actor, Permission.SUBSIDY_POLICY)
        month = first_day(month)
        with self._sessions(actor) as session:
            center = _center(session, center_id)
            if month > first_day(self._clock.today()):
                raise ValidationError([_month_error(_("{month} has not begun; it can only be previewed"), month)])
            if month < EARLIEST_MONTH:
                raise ValidationError([_month_error(_("{month} is before 1900; please check the year"), month)])
            if _approved(session, center_id, month) is not None:
                raise ValidationError([_month_error(_("{month} of this center is already approved"), month)])
            grants = compute_grants(session, month, center_id)
            roster = SubsidyRoster(
                center_id=center.id,
                month=month,
                grants_count=len(grants),
                total_fen=sum(g.amount_fen for g in grants),
                approved_at=stamp(self._clock),
                approved_by=actor.username,
                approver_name=_staff_name(session, actor),
                grants=[
                    SubsidyGrant(
                        senior_id=g.senior_id,
                        rule_code=g.rule_code,
                        rule_name=g.rule_name,
                        tier=g.tier,
                        amount_fen=g.amount_fen,
                        reason=g.reason,
                        member_no=g.member_no,
                        id_number=g.id_number,
                        name=g.name,
                    )
                    for g in grants
                ],
            )
            session.add(roster)
            session.commit()
            return _for(actor, _roster_of(roster))

    def approved_months(self, actor: Actor, center_id: int) -> list[ApprovedMonth]:
        """The center's approved months, newest first."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            rows = session.scalars(
                select(SubsidyRoster).where(SubsidyRoster.center_id == center_id).order_by(SubsidyRoster.month.desc())
            )
            return [
                ApprovedMonth(r.month, r.grants_count, r.total_fen, r.approved_at, r.approved_by, r.approver_name)
                for r in rows
            ]

    def changes(self, actor: Actor, center_id: int, month: dt.date) -> ChangeList:
        """What changed from the month before to ``month`` (新增, 停发, 调档), with totals per rule."""
        require(actor, Permission.LOOKUP_SENIORS)
        month = first_day(month)
        previous = shift(month, -1)
        with self._sessions() as session:
            _center(session, center_id)
            before = _approved(session, center_id, previous) or _computed(session, center_id, previous)
            after = _approved(session, center_id, month) or _computed(session, center_id, month)
            result = _compare(session, before.grants, after.grants, month, previous)
        return _masked_changes(actor, result)

    def differences(self, actor: Actor, center_id: int, month: dt.date) -> ChangeList | None:
        """Recomputing an approved month: today's roster against the approved snapshot (None: not approved)."""
        require(actor, Permission.LOOKUP_SENIORS)
        month = first_day(month)
        with self._sessions() as session:
            _center(session, center_id)
            approved = _approved(session, center_id, month)
            if approved is None:
                return None
            result = _compare(session, approved.grants, _computed(session, center_id, month).grants, month, month)
        return _masked_changes(actor, result)

    def export_xlsx(self, actor: Actor, center_id: int, month: dt.date, target: Path) -> Roster:
        """Write the month's roster (approved, else a marked preview) and its change list to ``target``.

        ID numbers are printed as the center prints them (masked unless its setting and the
        actor's role both allow full numbers); an export with full numbers is recorded.
        """
        require(actor, Permission.IMPORT_EXPORT_ALL)
        from carecenter.subsidies.roster_xlsx import write_roster  # openpyxl only when exporting

        month = first_day(month)
        with self._sessions() as session:
            center = _center(session, center_id)
            roster = _approved(session, center_id, month) or _computed(session, center_id, month)
            previous = shift(month, -1)
            before = _approved(session, center_id, previous) or _computed(session, center_id, previous)
            changes = _compare(session, before.grants, roster.grants, month, previous)
            full = center.print_full_ids and allowed(actor, Permission.SEE_FULL_ID)
            center_name = center.name
        write_roster(roster, changes, center_name, (lambda n: n) if full else mask, target, self._clock.now())
        if full:
            with self._sessions(actor) as session:
                what = _("subsidy roster {month}: {n} grants, {path}").format(
                    month=month_label(month), n=len(roster.grants), path=target
                )
                audit_hook.record_event(session, "export", "subsidy_roster", None, after=what)
                session.commit()
        return _for(actor, roster)


# ---- in a caller's session ----------------------------------------------------------------------


def approved_grants(session: Session, center_id: int | None, month: dt.date) -> list[Grant] | None:
    """The approved grants of ``month`` (of every center when ``center_id`` is None), sorted as the engine sorts.

    None unless the month is approved for that center, or for every center of the database.
    """
    month = first_day(month)
    centers = [center_id] if center_id is not None else list(session.scalars(select(Center.id)))
    grants: list[Grant] = []
    for cid in centers:
        roster = _approved(session, cid, month)
        if roster is None:
            return None
        grants.extend(roster.grants)
    return sorted(grants, key=lambda g: (g.rule_code, g.id_number))


def totals_of(grants: Iterable[Grant]) -> tuple[RuleTotal, ...]:
    """Count and sum per rule, in rule-code order."""
    sums: dict[str, tuple[str, int, int]] = {}
    for g in grants:
        name, count, total = sums.get(g.rule_code, (g.rule_name, 0, 0))
        sums[g.rule_code] = (name, count + 1, total + g.amount_fen)
    return tuple(RuleTotal(code, *sums[code]) for code in sorted(sums))


def _center(session: Session, center_id: int) -> Center:
    center = session.get(Center, center_id)
    if center is None:
        raise NotFoundError(_("No center with id {id}.").format(id=center_id))
    return center


def _approved(session: Session, center_id: int, month: dt.date) -> Roster | None:
    roster = session.scalar(
        select(SubsidyRoster).where(SubsidyRoster.center_id == center_id, SubsidyRoster.month == month)
    )
    return _roster_of(roster) if roster is not None else None


def _computed(session: Session, center_id: int, month: dt.date) -> Roster:
    grants = compute_grants(session, month, center_id)
    return Roster(center_id, month, False, None, "", "", tuple(grants))


def _roster_of(roster: SubsidyRoster) -> Roster:
    grants = sorted(
        (
            Grant(
                senior_id=g.senior_id,
                member_no=g.member_no,
                id_number=g.id_number,
                name=g.name,
                rule_code=g.rule_code,
                rule_name=g.rule_name,
                tier=g.tier,
                amount_fen=g.amount_fen,
                reason=g.reason,
            )
            for g in roster.grants
        ),
        key=lambda g: (g.rule_code, g.id_number),
    )
    return Roster(
        roster.center_id,
        roster.month,
        True,
        roster.approved_at,
        roster.approved_by,
        roster.approver_name,
        tuple(grants),
    )


def _compare(
    session: Session, before: Sequence[Grant], after: Sequence[Grant], month: dt.date, against: dt.date
) -> ChangeList:
    old = {(g.senior_id, g.rule_code): g for g in before}
    new = {(g.senior_id, g.rule_code): g for g in after}
    gone = [key for key in old if key not in new]
    verdicts = explain_many(session, sorted({sid for sid, _code in gone}), month) if gone else {}
    arrived = _registered_in(session, {sid for sid, code in new if (sid, code) not in old}, month)
    changes: list[RosterChange] = []
    for key, g in new.items():
        was = old.get(key)
        if was is None:
            reason = g.reason
            if g.senior_id in arrived:
                reason = zh(N_("newly registered on {date}; {why}")).format(date=arrived[g.senior_id], why=g.reason)
            changes.append(_change(ChangeKind.NEW, g, 0, g.amount_fen, "", g.tier, reason))
        elif was.amount_fen != g.amount_fen or was.tier != g.tier:
            reason = zh(N_("from {a} ({x} yuan) to {b} ({y} yuan): {why}")).format(
                a=was.tier, x=yuan(was.amount_fen), b=g.tier, y=yuan(g.amount_fen), why=g.reason
            )
            changes.append(_change(ChangeKind.BAND, g, was.amount_fen, g.amount_fen, was.tier, g.tier, reason))
    for sid, code in gone:
        was = old[(sid, code)]
        verdict = next((v for v in verdicts.get(sid, []) if v.rule_code == code), None)
        reason = verdict.reason if verdict is not None else zh(N_("no longer on the roster"))
        changes.append(_change(ChangeKind.STOPPED, was, was.amount_fen, 0, was.tier, "", reason))
    order = {ChangeKind.NEW: 0, ChangeKind.STOPPED: 1, ChangeKind.BAND: 2}
    changes.sort(key=lambda c: (c.rule_code, order[c.kind], c.id_number))
    return ChangeList(month, against, tuple(changes), _change_totals(before, after, changes))


def _registered_in(session: Session, senior_ids: set[int], month: dt.date) -> dict[int, dt.date]:
    """Of ``senior_ids``, those registered during ``month``, with the day: a 新增 that is a new arrival says so."""
    if not senior_ids:
        return {}
    rows = session.execute(
        select(Senior.id, Senior.registered_on).where(
            Senior.id.in_(sorted(senior_ids)), Senior.registered_on >= month, Senior.registered_on <= last_day(month)
        )
    )
    return {sid: day for sid, day in rows}


def _change(
    kind: ChangeKind, g: Grant, before: int, after: int, before_tier: str, after_tier: str, reason: str
) -> RosterChange:
    return RosterChange(
        kind, g.senior_id, g.member_no, g.id_number, g.name, g.rule_code, g.rule_name, before, after,
        before_tier, after_tier, reason,
    )  # fmt: skip


def _change_totals(
    before: Sequence[Grant], after: Sequence[Grant], changes: Sequence[RosterChange]
) -> tuple[ChangeTotal, ...]:
    names = {g.rule_code: g.rule_name for g in (*before, *after)}
    totals = []
    for code in sorted(names):
        kinds = [c.kind for c in changes if c.rule_code == code]
        totals.append(
            ChangeTotal(
                code,
                names[code],
                kinds.count(ChangeKind.NEW),
                kinds.count(ChangeKind.STOPPED),
                kinds.count(ChangeKind.BAND),
                sum(g.amount_fen for g in before if g.rule_code == code),
                sum(g.amount_fen for g in after if g.rule_code == code),
            )
        )
    return tuple(totals)


def _for(actor: Actor, roster: Roster) -> Roster:
    if allowed(actor, Permission.SEE_FULL_ID):
        return roster
    return replace(roster, grants=tuple(_masked_grant(g) for g in roster.grants))


def _masked_grant(g: Grant) -> Grant:
    return replace(g, id_number=mask(g.id_number))


def _masked_changes(actor: Actor, changes: ChangeList) -> ChangeList:
    if allowed(actor, Permission.SEE_FULL_ID):
        return changes
    return replace(changes, changes=tuple(replace(c, id_number=mask(c.id_number)) for c in changes.changes))


def _staff_name(session: Session, actor: Actor) -> str:
    if actor.staff_id is None:
        return ""
    return session.scalar(select(Staff.name).where(Staff.id == actor.staff_id)) or ""


def _month_error(template: str, month: dt.date) -> FieldError:
    return FieldError("month", _("Month"), template.format(month=month_label(month)))
