"""Reading the audit trail (admins only), exporting it, and recording disclosures.

The trail is written by :mod:`carecenter.db.audit_hook` as part of every change;
this service only reads it. Exports and prints that carry full ID numbers are
themselves disclosures, so they are recorded here with :meth:`AuditService.record_disclosure`
— including the export of the trail, whose before/after values hold full IDs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db import audit_hook
from carecenter.db.models import AuditEntry, Senior, Staff
from carecenter.db.sessions import Sessions
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require
from carecenter.seniors import search
from carecenter.seniors.validate import FIELD_LABELS as SENIOR_LABELS

# How many seniors a "senior" filter may match before the user must type more.
MAX_SENIOR_MATCHES = 200

ACTION_LABELS: dict[str, str] = {
    "create": N_("Added"),
    "update": N_("Changed"),
    "delete": N_("Removed"),
    "export": N_("Exported"),
    "print": N_("Printed"),
    "view": N_("Viewed"),
    "login": N_("Logged in"),
    "lock": N_("Locked after failed log-ins"),
    "password_change": N_("Changed own password"),
    "password_reset": N_("Password reset"),
    "restore": N_("Restored from a backup"),
}

ENTITY_LABELS: dict[str, str] = {
    "senior": N_("Senior"),
    "seniors": N_("Senior list"),
    "listing": N_("Printed list"),
    "center": N_("Center"),
    "staff": N_("Staff member"),
    "account": N_("Account"),
    "consent": N_("Consent"),
    "audit": N_("Audit trail"),
    "database": N_("Database"),
    "assessment": N_("Assessment"),
    "incident": N_("Incident"),
    "service_type": N_("Service type"),
    "care_plan": N_("Care plan"),
    "birthday_party": N_("Birthday party"),
    "subsidy_rule": N_("Subsidy rule"),
    "subsidies": N_("Subsidy list"),
    "meal_price": N_("Meal price"),
    "subsidy_roster": N_("Subsidy roster"),
    "attendance": N_("Day-care attendance"),
    "meal_menu": N_("Meal menu"),
    "meal_order": N_("Meal order"),
    "meal_serving": N_("Meal served"),
    "meal_balance": N_("Meal balance"),
    "visit": N_("Home-care visit"),
    "call": N_("Call"),
    "activity": N_("Activity"),
    "monthly_report": N_("Monthly report"),
    "care_summary": N_("Care summary"),
}

FIELD_LABELS: dict[str, str] = {
    **SENIOR_LABELS,
    "member_no": N_("Member no."),
    "gender": N_("Gender"),
    "birth_date": N_("Birth date"),
    "residence": N_("Household registration"),
    "care_level": N_("Care level"),
    "diet_flags": N_("Diet"),
    "lunar_birthday": N_("Celebrates the lunar birthday"),
    "lunar_birth_month": N_("Lunar birth month"),
    "lunar_birth_day": N_("Lunar birth day"),
    "lunar_birth_leap": N_("Lunar leap month"),
    "birthday_opt_out": N_("Not on the birthday list"),
    "status_changes": N_("Status history"),
    "code": N_("Center code"),
    "phone": N_("Phone"),
    "print_full_ids": N_("Full ID numbers on printouts"),
    "position": N_("Position"),
    "active": N_("Working here"),
    "username": N_("Username"),
    "role": N_("Role"),
    "disabled": N_("Account disabled"),
    "password_hash": N_("Password"),
    "staff_id": N_("Staff member"),
    "given_on": N_("Consent date"),
    "taken_by_staff_id": N_("Consent taken by"),
    "scan": N_("Scan of the signed form"),
    "scan_mime": N_("Scan file type"),
    "withdrawn_on": N_("Consent withdrawn on"),
    "family_doctor": N_("Family doctor"),
    "family_doctor_phone": N_("Family doctor's phone"),
    "dementia": N_("Dementia or other mental disorder"),
    "fall_risk": N_("Fall risk"),
    "wandering_risk": N_("Wandering risk"),
    "conditions": N_("Chronic conditions"),
    "medications": N_("Medications"),
    "reassess_months": N_("Months between assessments"),
    "instrument": N_("Instrument"),
    "assessed_on": N_("Assessment date"),
    "assessor1_id": N_("First assessor"),
    "assessor2_id": N_("Second assessor"),
    "total": N_("Total score"),
    "result": N_("Result"),
    "adjusted_result": N_("Adjusted level"),
    "risk_incidents": N_("Care-risk incidents in the 30 days before"),
    "scores": N_("Item scores"),
    "kind": N_("Kind"),
    "occurred_on": N_("Date"),
    "ended_on": N_("End date"),
    "description": N_("What happened"),
    "action_taken": N_("What was done"),
    "day_care": N_("Day care"),
    "retired": N_("Retired"),
    "version": N_("Version"),
    "needs": N_("Needs and problems"),
    "goals": N_("Goals"),
    "start_on": N_("Start date"),
    "review_on": N_("Review date"),
    "end_on": N_("End date"),
    "signed_by_staff_id": N_("Signed by"),
    "signed_on": N_("Signed on"),
    "services": N_("Planned services"),
    "count_xusui": N_("Milestones counted by 虚岁"),
    "month": N_("Month"),
    "held_on": N_("Party date"),
    "place": N_("Place"),
    "guests": N_("Guests"),
    "per_meal": N_("Per meal"),
    "versions": N_("Versions"),
    "meal_type": N_("Meal"),
    "starts_on": N_("In force from"),
    "price_fen": N_("Price (fen)"),
    "grants_count": N_("Grants"),
    "total_fen": N_("Total (fen)"),
    "approver_name": N_("Approved by"),
    "card_printed_on": N_("Member card printed on"),
    # The front desk's records (issue 7).
    "day": N_("Day"),
    "checked_in_at": N_("Checked in at"),
    "checked_out_at": N_("Checked out at"),
    "picked_up_by": N_("Picked up by"),
    "correction_reason": N_("Reason for the correction"),
    "voided": N_("Voided"),
    "void_reason": N_("Reason for voiding"),
    "offered": N_("Offered"),
    "dishes": N_("Dishes"),
    "delivery": N_("Delivered to the home"),
    "courier_staff_id": N_("Delivered by"),
    "order_id": N_("Order"),
    "served_at": N_("Served at"),
    "subsidy_fen": N_("Meal subsidy (fen)"),
    "pays_fen": N_("Senior pays (fen)"),
    "subsidy_tier": N_("Subsidy tier"),
    "subsidy_reason": N_("Why this subsidy"),
    "payment": N_("Payment"),
    "warnings": N_("Warnings at serving"),
    "amount_fen": N_("Amount (fen)"),
    "receipt_no": N_("Receipt no."),
    "serving_id": N_("Meal served"),
    "overdrawn": N_("Overdraft allowed"),
    "note": N_("Note"),
    "service_type_id": N_("Service"),
    "planned_service_id": N_("Planned service"),
    "started_at": N_("Started at"),
    "ended_at": N_("Ended at"),
    "minutes": N_("Minutes"),
    "work_done": N_("What was done"),
    "confirmation": N_("Confirmed by"),
    "confirmed_by_name": N_("Name of who confirmed"),
    "status_reason": N_("Reason (missed or cancelled)"),
    "received_at": N_("Call received at"),
    "caller_kind": N_("Caller"),
    "caller_name": N_("Caller's name"),
    "caller_phone": N_("Caller's phone"),
    "urgency": N_("Urgency"),
    "follow_up_on": N_("Follow up on"),
    "closed_at": N_("Closed at"),
    "closing_note": N_("Closing note"),
    "incident_id": N_("Incident recorded"),
    "title": N_("Title"),
    "starts_at": N_("Starts at"),
    "birthday_party_id": N_("Birthday party"),
    "attendees": N_("Attendees"),
}


# The trail's columns as every view shows them (the audit page's table, the Excel export), in order.
COLUMN_LABELS: tuple[str, ...] = (
    N_("Time"),
    N_("Username"),
    N_("Staff member"),
    N_("Action"),
    N_("Record"),
    N_("Senior"),
    N_("Member no."),
    N_("Field"),
    N_("Before"),
    N_("After"),
)


def column_titles() -> list[str]:
    """``COLUMN_LABELS`` in the current language."""
    return [_(msgid) for msgid in COLUMN_LABELS]


def label(table: dict[str, str], key: str) -> str:
    """The translated label of ``key``, or the key itself for something newer than this table."""
    return _(table[key]) if key in table else key


@dataclass(frozen=True)
class AuditLine:
    """One line of the trail as the audit page, the CLI and the export show it."""

    id: int
    at: dt.datetime
    actor: str
    staff_name: str  # the acting account's staff member ("" for the command line)
    action: str
    entity: str
    entity_id: int | None
    senior_id: int | None
    senior_name: str
    member_no: str
    field: str
    before: str
    after: str

    @property
    def action_label(self) -> str:
        return label(ACTION_LABELS, self.action)

    @property
    def entity_label(self) -> str:
        return label(ENTITY_LABELS, self.entity)

    @property
    def field_label(self) -> str:
        return label(FIELD_LABELS, self.field) if self.field else ""

    def as_json(self) -> dict[str, Any]:
        """The CLI's stable JSON object (values as stored: Chinese terms, ISO dates)."""
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "staff_name": self.staff_name,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "senior_id": self.senior_id,
            "senior_name": self.senior_name,
            "member_no": self.member_no,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class AuditFilter:
    """What the admin narrows the trail to; empty means everything."""

    since: dt.date | None = None  # from this day on (inclusive)
    until: dt.date | None = None  # up to and including this day
    senior: str = ""  # name, initials, member number, ID digits … as in the seniors search
    actor: str = ""  # an account's username, or os:<login> for the command line


@dataclass(frozen=True)
class ActorChoice:
    username: str
    staff_name: str


class AuditService:
    """``cc.audit``: read-only for administrators; nothing here changes or removes a line."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def lines(
        self, actor: Actor, where: AuditFilter = AuditFilter(), newest_first: bool = True, limit: int | None = None
    ) -> list[AuditLine]:
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions() as session:
            stmt = self._query(where)
            if stmt is None:
                return []
            order = (AuditEntry.at.desc(), AuditEntry.id.desc()) if newest_first else (AuditEntry.at, AuditEntry.id)
            stmt = stmt.order_by(*order)
            if limit is not None:
                stmt = stmt.limit(limit)
            return [_line(row) for row in session.execute(stmt)]

    def actors(self, actor: Actor) -> list[ActorChoice]:
        """Everyone who appears in the trail, for the page's "staff member" filter, by username.

        The trail holds millions of lines and a few dozen people: each next username is one
        seek in the (actor, staff_id) index (``min(actor) > the last one``), and so is the
        staff member behind it, so the list costs the same however long the trail is.
        """
        require(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        with self._sessions() as session:
            names = {staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))}
            found: list[ActorChoice] = []
            username = session.scalar(select(func.min(AuditEntry.actor)))
            while username is not None:
                staff_id = session.scalar(select(func.min(AuditEntry.staff_id)).where(AuditEntry.actor == username))
                found.append(ActorChoice(username, names.get(staff_id, "") if staff_id is not None else ""))
                username = session.scalar(select(func.min(AuditEntry.actor)).where(AuditEntry.actor > username))
            return found

    def record_disclosure(
        self, actor: Actor, action: str, entity: str, what: str, senior_id: int | None = None
    ) -> None:
        """Note that ``actor`` exported or printed ``what`` with full ID numbers (action "export" or "print")."""
        with self._sessions(actor) as session:
            audit_hook.record_event(session, action, entity, senior_id, senior_id=senior_id, after=what)
            session.commit()

    def export_xlsx(self, actor: Actor, target: Path, where: AuditFilter = AuditFilter()) -> int:
        """Write the filtered trail, oldest first, to an .xlsx file; the export is itself recorded.

        Returns the number of lines written. The file is written completely before the
        export is recorded, so a failed write leaves no claim that anything left the app.
        """
        from carecenter.audit_xlsx import write_lines  # openpyxl is loaded only when exporting

        lines = self.lines(actor, where, newest_first=False)
        write_lines(lines, target, self._clock.now())
        self.record_disclosure(actor, "export", "audit", _describe(where, len(lines), target))
        return len(lines)

    def _query(self, where: AuditFilter) -> Select[AuditEntry, str, str, str] | None:
        staff, senior = aliased(Staff), aliased(Senior)
        stmt = (
            select(AuditEntry, staff.name, senior.name, senior.member_no)
            .outerjoin(staff, staff.id == AuditEntry.staff_id)
            .outerjoin(senior, senior.id == AuditEntry.senior_id)
        )
        if where.since is not None:
            stmt = stmt.where(AuditEntry.at >= dt.datetime.combine(where.since, dt.time()))
        if where.until is not None:
            stmt = stmt.where(AuditEntry.at < dt.datetime.combine(where.until + dt.timedelta(days=1), dt.time()))
        if where.actor:
            stmt = stmt.where(AuditEntry.actor == where.actor)
        if where.senior.strip():
            ids = self._senior_ids(where.senior)
            if not ids:
                return None
            stmt = stmt.where(AuditEntry.senior_id.in_(ids))
        return stmt

    def _senior_ids(self, query: str) -> Sequence[int]:
        with self._sessions() as session:
            return session.scalars(search.ids_query(query, None, None, None).limit(MAX_SENIOR_MATCHES)).all()


def _describe(where: AuditFilter, count: int, target: Path) -> str:
    parts = [f"{count} lines", target.name]
    if where.since or where.until:
        parts.append(f"{where.since or ''}~{where.until or ''}")
    if where.senior.strip():
        parts.append(f"senior={where.senior.strip()}")
    if where.actor:
        parts.append(f"actor={where.actor}")
    return "; ".join(parts)


def _line(row: Any) -> AuditLine:
    entry: AuditEntry = row[0]
    return AuditLine(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        staff_name=row[1] or "",
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        senior_id=entry.senior_id,
        senior_name=row[2] or "",
        member_no=row[3] or "",
        field=entry.field,
        before=entry.before,
        after=entry.after,
    )
