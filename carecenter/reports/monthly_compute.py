"""Computing the monthly pack: which month and centers may be reported, then each center's section.

The one computation behind the monthly screen and the printout. Figures a service owns come
from that service, as its own screens get them: the month of day care
(``AttendanceService.month``), meals (:func:`carecenter.meals.totals.month_totals`), 九助
(:func:`carecenter.desk.visit_counts.month_counts`), calls and activities (their
``month_counts``), the birthday party (``BirthdayService.for_month``) and the subsidy roster
with its change list (``SubsidyRosterService.roster`` / ``changes``). The rest is read by
:mod:`carecenter.reports.monthly_queries`. Sessions open and close inside; nothing is held
while the caller typesets.

Refusals (nothing is computed): a month after the current one, a month before the
center's first record (its first registration or desk record), an unknown center.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from carecenter.actor import Actor
from carecenter.birthdays.parties import BirthdayService
from carecenter.birthdays.parties_dto import PartyInfo
from carecenter.clock import Clock
from carecenter.db.desk_models import Activity, Attendance, Call, MealServing, Visit
from carecenter.db.models import Center, Senior
from carecenter.db.sessions import Sessions
from carecenter.desk.activities import ActivityService
from carecenter.desk.attendance import AttendanceService
from carecenter.desk.attendance_dto import MonthTotal
from carecenter.desk.calls import CallService
from carecenter.desk.visit_counts import month_counts
from carecenter.domain.desk_vocab import CallerKind, Urgency
from carecenter.domain.months import first_day, last_day, month_label
from carecenter.errors import FieldError, NotFoundError
from carecenter.i18n import _
from carecenter.meals.totals import month_totals
from carecenter.progress import Cancelled, WorkCancelled
from carecenter.reports import monthly_queries as queries
from carecenter.reports.monthly_figures import (
    Activities,
    CallerCount,
    Calls,
    CenterSection,
    DayCare,
    Meals,
    MonthlyPack,
    Party,
    RuleLine,
    SubsidyRoster,
    TrendPoint,
)
from carecenter.reports.printing import Printer
from carecenter.subsidies.rosters import SubsidyRosterService

PrinterOf = Callable[[Session, Actor, Center | None], Printer]


def compute_pack(
    sessions: Sessions,
    clock: Clock,
    actor: Actor,
    center_id: int | None,
    month: dt.date,
    printer_of: PrinterOf,
    cancelled: Cancelled | None = None,
) -> tuple[MonthlyPack, Printer]:
    """The pack of ``month`` for one center or (``center_id`` None on a database of several) every center.

    ``printer_of`` is the printing service's ``_printer``: who prints, and whether ID
    numbers show in full. ``cancelled`` is asked before each center (progress is the
    typesetting's: the number of pages is not known while counting).
    """
    month = first_day(month)
    today = clock.today()
    current = first_day(today)
    if month > current:
        raise _month_error(_("{month} has not begun yet; the latest month to report is {current}"), month, current)
    with sessions() as session:
        centers = list(session.scalars(select(Center).order_by(Center.code, Center.id)))
        if center_id is not None:
            chosen = [c for c in centers if c.id == center_id]
            if not chosen:
                raise NotFoundError(_("No center with id {id}.").format(id=center_id))
            centers = chosen
        if not centers:
            raise NotFoundError(_("There is no center in this database yet."))
        single = centers[0] if len(centers) == 1 else None
        earliest = _first_record(session, None if single is None else single.id)
        if earliest is None and month < current:
            raise _month_error(_("this center has no records yet; only {current} can be reported"), month, current)
        if earliest is not None and month < first_day(earliest):
            raise _month_error(
                _("{month} is before this center's first record ({date}); nothing can be reported for it"),
                month,
                earliest,
            )
        printer = printer_of(session, actor, single)
        listed = [(c.id, c.code, c.name) for c in centers]
    as_of = min(last_day(month), today)
    work = _Work(sessions, clock, actor, month, as_of, printer)
    sections = []
    for cid, code, name in listed:
        _check(cancelled)
        sections.append(work.section(cid, code, name))
    district = None
    if single is None:
        _check(cancelled)
        district = work.district(sections)
    title = single.name if single is not None else _("All centers ({n})").format(n=len(listed))
    pack = MonthlyPack(
        month=month,
        as_of=as_of,
        partial=month == current,
        title=title,
        sections=tuple(sections),
        district=district,
        full_ids=printer.full_ids,
    )
    return pack, printer


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise WorkCancelled(_("Printing stopped; no file was written."))


def _month_error(template: str, month: dt.date, other: dt.date) -> FieldError:
    other_text = month_label(other) if other.day == 1 else other.isoformat()
    return FieldError(
        "month", _("Month"), template.format(month=month_label(month), current=other_text, date=other_text)
    )


def _first_record(session: Session, center_id: int | None) -> dt.date | None:
    """The day of the center's (or the database's) first registration or desk record."""
    pairs: tuple[tuple[InstrumentedAttribute[Any], InstrumentedAttribute[int]], ...] = (
        (Senior.registered_on, Senior.center_id),
        (Attendance.day, Attendance.center_id),
        (MealServing.day, MealServing.center_id),
        (Visit.day, Visit.center_id),
        (Activity.held_on, Activity.center_id),
        (Call.received_at, Call.center_id),
    )
    found: list[dt.date] = []
    for column, center_column in pairs:
        stmt = select(func.min(column))
        if center_id is not None:
            stmt = stmt.where(center_column == center_id)
        value = session.scalar(stmt)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            found.append(value)
    return min(found, default=None)


class _Work:
    """The month's figures of one center (or every center), from the services that own them."""

    def __init__(
        self, sessions: Sessions, clock: Clock, actor: Actor, month: dt.date, as_of: dt.date, printer: Printer
    ) -> None:
        self.sessions = sessions
        self.actor = actor
        self.month = month
        self.as_of = as_of
        self.printer = printer
        self.attendance = AttendanceService(sessions, clock)
        self.calls = CallService(sessions, clock)
        self.activities = ActivityService(sessions, clock)
        self.birthdays = BirthdayService(sessions, clock)
        self.rosters = SubsidyRosterService(sessions, clock)

    def section(self, center_id: int, code: str, name: str) -> CenterSection:
        party = self.birthdays.for_month(center_id, self.month, self.actor)
        parties = () if party is None else (_party(party),)
        return self._section(center_id, code, name, self._roster(center_id), parties)

    def district(self, sections: Sequence[CenterSection]) -> CenterSection:
        """Every center together: counted over the whole database (a senior served by two centers counts once)."""
        roster = _merged_rosters([s.roster for s in sections])
        parties = tuple(p for s in sections for p in s.activities.parties)
        return self._section(None, "", _("All centers"), roster, parties)

    def _section(
        self,
        center_id: int | None,
        code: str,
        name: str,
        roster: SubsidyRoster,
        parties: tuple[Party, ...],
    ) -> CenterSection:
        month, as_of = self.month, self.as_of
        with self.sessions() as session:
            summary = queries.summary(session, center_id, month, as_of, self.printer.id_number)
            per_day = queries.attendance_per_day(session, center_id, month, as_of)
            meals = month_totals(session, center_id, month)
            visits = month_counts(session, month, center_id)
            incidents = queries.incidents(session, center_id, month)
            assessments = queries.assessments(session, center_id, month)
            trend = queries.trend(session, center_id, month)
        attended = MonthTotal.of(self.attendance.month(self.actor, center_id, month))
        calls = self.calls.month_counts(self.actor, center_id, month)
        activities = self.activities.month_counts(self.actor, center_id, month)
        day_care = DayCare(
            visits=attended.visits,
            people=attended.people,
            opening_days=sum(1 for d in per_day if d.count),
            minutes=attended.minutes,
            open_days=attended.open_days,
            per_day=per_day,
        )
        shown_meals = tuple(m for m in meals.by_meal if m.served or m.ordered) or meals.by_meal
        last = trend[-1]
        trend = (*trend[:-1], TrendPoint(last.month, day_care.visits, meals.all.served, last.visits))
        return CenterSection(
            center_id=center_id,
            code=code,
            name=name,
            summary=summary,
            day_care=day_care,
            meals=Meals(meals.all, shown_meals, meals.subsidy_by_tier, meals.seniors),
            visits=visits,
            calls=Calls(
                total=calls.total,
                urgent=calls.by_urgency.get(Urgency.URGENT, 0),
                closed=calls.closed,
                still_open=calls.still_open,
                with_incident=calls.incidents,
                by_caller=tuple(CallerCount(k, calls.by_caller.get(k, 0)) for k in CallerKind),
            ),
            incidents=incidents,
            activities=Activities(activities.by_kind, activities.total, parties),
            assessments=assessments,
            roster=roster,
            trend=trend,
        )

    def _roster(self, center_id: int) -> SubsidyRoster:
        """The month's roster (approved, else computed now) and its change list against the month before."""
        roster = self.rosters.roster(self.actor, center_id, self.month)
        changes = self.rosters.changes(self.actor, center_id, self.month)
        shown = self.printer.id_number
        counts = {t.rule_code: t for t in roster.totals}
        rules = []
        for t in changes.totals:
            held = counts.get(t.rule_code)
            rules.append(
                RuleLine(
                    rule_code=t.rule_code,
                    rule_name=held.rule_name if held is not None else t.rule_name,
                    count=held.count if held is not None else 0,
                    total_fen=held.total_fen if held is not None else 0,
                    new=t.new,
                    stopped=t.stopped,
                    changed=t.band,
                    before_fen=t.before_fen,
                )
            )
        return SubsidyRoster(
            approved=roster.approved,
            approved_at=roster.approved_at,
            approver_name=roster.approver_name or roster.approved_by,
            rules=tuple(rules),
            grants=tuple(replace(g, id_number=shown(g.id_number)) for g in roster.grants),
            changes=tuple(replace(c, id_number=shown(c.id_number)) for c in changes.changes),
        )


def _party(info: PartyInfo) -> Party:

    present = [g for g in info.guests if not g.removed]
    came = [g for g in present if g.attended]
    return Party(info.held_on, info.place, len(present), len(came), sum(1 for g in came if g.milestone))


def _merged_rosters(rosters: Sequence[SubsidyRoster]) -> SubsidyRoster:
    """The district's roster: every center's grants and changes, totals per subsidy added up."""
    merged: dict[str, RuleLine] = {}
    for roster in rosters:
        for r in roster.rules:
            was = merged.get(r.rule_code)
            merged[r.rule_code] = (
                r
                if was is None
                else replace(
                    was,
                    count=was.count + r.count,
                    total_fen=was.total_fen + r.total_fen,
                    new=was.new + r.new,
                    stopped=was.stopped + r.stopped,
                    changed=was.changed + r.changed,
                    before_fen=was.before_fen + r.before_fen,
                )
            )
    approved = bool(rosters) and all(r.approved for r in rosters)
    return SubsidyRoster(
        approved=approved,
        approved_at=max((r.approved_at for r in rosters if r.approved_at), default=None) if approved else None,
        approver_name="",
        rules=tuple(merged[code] for code in sorted(merged)),
        grants=tuple(g for r in rosters for g in r.grants),
        changes=tuple(c for r in rosters for c in r.changes),
    )
