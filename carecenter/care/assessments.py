"""Capability assessments (能力评估) and the care level (照护等级) they give.

An assessment is one filled-in form of an instrument (:mod:`carecenter.care.instruments`),
signed by two assessors. Saving computes and stores the total and the band; for GB/T
42195 also the level after the one-level-worse adjustment, from the dementia box and the
number of care-risk incidents (fall, choking, wandering, self-harm) in the 30 days before
the assessment: those with ``assessed_on - 30 days <= occurred_on < assessed_on``. An
incident on the assessment day itself is not "before" it; one exactly 30 days earlier is.

The care level the rules use is the adjusted level of the latest GB/T 42195 assessment
(latest by date, then by entry); a senior never assessed with it keeps the level entered
or imported (``Senior.care_level``). Barthel's band is shown beside it, never used as it.
Later features read care levels for many seniors at once with :func:`care_levels`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor
from carecenter.care.instruments import BARTHEL, INSTRUMENTS, Instrument, adjusted_level, adjustment_reasons
from carecenter.clock import Clock, stamp
from carecenter.db.models import Assessment, AssessmentScore, Incident, Senior, Staff
from carecenter.db.sessions import Sessions
from carecenter.domain.text import normalize_multiline, text_reason
from carecenter.domain.vocab import CARE_RISK_INCIDENTS, CareLevel
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require
from carecenter.seniors.records import load as load_senior

RISK_WINDOW_DAYS = 30
Source = Literal["assessment", "entered", "none"]  # where a care level comes from
CARE_LEVEL_INSTRUMENTS = frozenset(code for code, inst in INSTRUMENTS.items() if inst.sets_care_level)

FIELD_LABELS: dict[str, str] = {
    "instrument": N_("Instrument"),
    "assessed_on": N_("Assessment date"),
    "assessor1_id": N_("First assessor"),
    "assessor2_id": N_("Second assessor"),
    "scores": N_("Item scores"),
    "dementia": N_("Dementia or other mental disorder"),
    "notes": N_("Notes"),
}


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


def score_field(item_code: str) -> str:
    """The FieldError.field of one item's score (the form puts the message next to that item)."""
    return f"scores.{item_code}"


@dataclass(frozen=True)
class AssessmentInput:
    """One filled-in form as the assessors hand it in; ``scores`` maps item codes to scores."""

    instrument: str
    assessed_on: dt.date
    assessor1_id: int
    assessor2_id: int
    scores: Mapping[str, int]
    dementia: bool = False  # diagnosed dementia or other mental disorder (the form starts from the senior's record)
    notes: str = ""


@dataclass(frozen=True)
class ItemScore:
    code: str
    label: str
    part_label: str
    score: int
    max_score: int | None  # None when the instrument no longer knows the item


@dataclass(frozen=True)
class AssessmentInfo:
    id: int
    senior_id: int
    instrument: str
    instrument_label: str
    instrument_short: str  # for legends and narrow columns
    assessed_on: dt.date
    assessor1_id: int
    assessor1_name: str
    assessor2_id: int
    assessor2_name: str
    total: int
    max_total: int | None
    result: str  # the band's code as stored
    result_label: str
    adjusted_level: CareLevel | None  # GB/T 42195's level after the adjustment; None for other instruments
    dementia: bool
    risk_incidents: int
    notes: str
    scores: tuple[ItemScore, ...] = field(default=())
    recorded_by: str = ""

    @property
    def adjusted_label(self) -> str:
        return self.adjusted_level.label if self.adjusted_level is not None else ""

    @property
    def adjusted(self) -> bool:
        """Whether the level was made one step worse than the band of the total."""
        return self.adjusted_level is not None and self.adjusted_level.value != self.result

    def adjustment_reasons(self) -> list[str]:
        return adjustment_reasons(self.dementia, self.risk_incidents) if self.adjusted_level is not None else []


@dataclass(frozen=True)
class AssessmentSubject:
    """What the form needs to know about the senior before anything is scored."""

    senior_id: int
    name: str
    member_no: str
    birth_date: dt.date
    dementia: bool  # as recorded in the senior's health record: the form's starting value


@dataclass(frozen=True)
class CareLevelInfo:
    """The care level with where it comes from, and Barthel's band to show beside it."""

    level: CareLevel | None
    source: Source
    assessed_on: dt.date | None  # the GB/T 42195 assessment's date when source is "assessment"
    barthel_band_label: str  # "" without a Barthel assessment
    barthel_total: int | None
    barthel_on: dt.date | None = None

    @property
    def label(self) -> str:
        return self.level.label if self.level is not None else _("Not assessed")


class AssessmentService:
    """``cc.assessments``: recording is the social workers' (and admins'); everyone may read."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def record(self, senior_id: int, data: AssessmentInput, actor: Actor) -> AssessmentInfo:
        """Store one signed assessment with its computed total, band and (GB/T 42195) adjusted level.

        Refused, with every field that needs fixing named and nothing stored: an unknown
        instrument, an item not scored or scored with a value it does not allow, a date in
        the future or before the senior's birth, an unknown or former staff member as
        assessor, the same person as both assessors, over-long notes.

        The dementia box of the newest assessment becomes the senior's health record (the
        form starts from it); an older form entered late leaves the record alone.
        """
        require(actor, Permission.ASSESSMENTS)
        notes = normalize_multiline(data.notes)
        with self._sessions(actor) as session:
            senior = load_senior(session, senior_id)
            instrument = INSTRUMENTS.get(data.instrument)
            errors: list[FieldError] = []
            if instrument is None:
                errors.append(_error("instrument", _("unknown instrument “{code}”").format(code=data.instrument)))
            else:
                errors += [_score_error(instrument, code, reason) for code, reason in instrument.validate(data.scores)]
            errors += self._date_errors(data.assessed_on, senior)
            errors += _assessor_errors(session, data.assessor1_id, data.assessor2_id)
            if bad := text_reason(notes, "notes", multiline=True):
                errors.append(_error("notes", bad))
            if errors or instrument is None:
                raise ValidationError(errors)
            total = instrument.total(data.scores)
            risks = _risk_incidents(session, senior_id, data.assessed_on)
            level = instrument.level(total)
            now = stamp(self._clock)
            assessment = Assessment(
                senior_id=senior_id,
                instrument=instrument.code,
                assessed_on=data.assessed_on,
                assessor1_id=data.assessor1_id,
                assessor2_id=data.assessor2_id,
                total=total,
                result=instrument.band(total).code,
                adjusted_result=adjusted_level(level, data.dementia, risks).value if level is not None else "",
                dementia=data.dementia,
                risk_incidents=risks,
                notes=notes,
                created_at=now,
                created_by=actor.username,
                updated_at=now,
                updated_by=actor.username,
                scores=[AssessmentScore(item=item.code, score=data.scores[item.code]) for item in instrument.items],
            )
            session.add(assessment)
            if senior.dementia != data.dementia and not _assessed_after(session, senior_id, data.assessed_on):
                # The newest assessment is what the assessors found: the health record follows it (audited),
                # so the next form, the detail view's risks and later adjustments start from it.
                senior.dementia = data.dementia
                senior.updated_at, senior.updated_by = now, actor.username
            session.commit()
            return _info(assessment, _staff_names(session, [assessment]))

    def history(self, senior_id: int, actor: Actor) -> list[AssessmentInfo]:
        """Every assessment of the senior, newest first, with item scores and the assessors' names."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            load_senior(session, senior_id)
            rows = list(
                session.scalars(
                    select(Assessment)
                    .where(Assessment.senior_id == senior_id)
                    .options(selectinload(Assessment.scores))
                    .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
                )
            )
            names = _staff_names(session, rows)
            return [_info(a, names) for a in rows]

    def risk_incidents_before(self, senior_id: int, day: dt.date, actor: Actor) -> int:
        """Care-risk incidents with ``day - 30 <= occurred_on < day``: what an assessment on ``day`` counts."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _risk_incidents(session, senior_id, day)

    def subject(self, senior_id: int, actor: Actor) -> AssessmentSubject:
        """The senior as the form introduces them, with the recorded dementia the form starts from."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            s = load_senior(session, senior_id)
            return AssessmentSubject(s.id, s.name, s.member_no, s.birth_date, s.dementia)

    def care_level(self, senior_id: int, actor: Actor) -> CareLevelInfo:
        """The senior's care level today and its source, with the latest Barthel band beside it."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            senior = load_senior(session, senior_id)
            latest = session.execute(_latest_care_assessments([senior_id])).first()
            barthel = session.scalars(
                select(Assessment)
                .where(Assessment.senior_id == senior_id, Assessment.instrument == BARTHEL.code)
                .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
                .limit(1)
            ).first()
            level: CareLevel | None = senior.care_level
            source: Source = "entered" if level is not None else "none"
            on: dt.date | None = None
            if latest is not None:
                level, source, on = CareLevel.of(latest.adjusted_result), "assessment", latest.assessed_on
            if barthel is None:
                return CareLevelInfo(level, source, on, "", None)
            band = BARTHEL.band_of(barthel.result)
            label = band.label if band is not None else barthel.result
            return CareLevelInfo(level, source, on, label, barthel.total, barthel.assessed_on)

    def _date_errors(self, day: dt.date, senior: Senior) -> list[FieldError]:
        if day > self._clock.today():
            return [_error("assessed_on", _("cannot be in the future"))]
        if day < senior.birth_date:
            return [_error("assessed_on", _("cannot be before the senior was born"))]
        return []


def care_levels(
    session: Session, senior_ids: Collection[int] | None = None, on: dt.date | None = None
) -> dict[int, CareLevel | None]:
    """Care levels of many seniors in one query: the adjusted level of each one's latest GB/T 42195
    assessment (dated ``on`` or earlier, when given), else the level entered or imported.

    ``senior_ids`` None means every senior; seniors not found are left out. For use inside a
    caller's session (a subsidy roster over a whole center), so no permission check here.
    """
    ranked = _latest_care_assessments(senior_ids, on).subquery()
    stmt = select(Senior.id, Senior.care_level, ranked.c.adjusted_result).outerjoin(
        ranked, ranked.c.senior_id == Senior.id
    )
    if senior_ids is not None:
        stmt = stmt.where(Senior.id.in_(list(senior_ids)))
    return {
        sid: CareLevel.of(assessed) if assessed else entered for sid, entered, assessed in session.execute(stmt).all()
    }


def _latest_care_assessments(
    senior_ids: Collection[int] | None, on: dt.date | None = None
) -> Select[tuple[int, str, dt.date]]:
    """(senior_id, adjusted_result, assessed_on) of each senior's latest care-level assessment."""
    rank = (
        func.row_number()
        .over(partition_by=Assessment.senior_id, order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()))
        .label("rank")
    )
    inner = select(Assessment.senior_id, Assessment.adjusted_result, Assessment.assessed_on, rank).where(
        Assessment.instrument.in_(sorted(CARE_LEVEL_INSTRUMENTS)), Assessment.adjusted_result != ""
    )
    if senior_ids is not None:
        inner = inner.where(Assessment.senior_id.in_(list(senior_ids)))
    if on is not None:
        inner = inner.where(Assessment.assessed_on <= on)
    sub = inner.subquery()
    return select(sub.c.senior_id, sub.c.adjusted_result, sub.c.assessed_on).where(and_(sub.c.rank == 1))


def _score_error(instrument: Instrument, code: str, reason: str) -> FieldError:
    item = instrument.item(code)
    if item is None:  # the code as given may be anything: shown (shortened) in the reason, never as the label
        return _error("scores", _("“{c}”: {reason}").format(c=code[:20], reason=reason))
    return FieldError(score_field(code), item.label, reason)


def _assessor_errors(session: Session, first: int, second: int) -> list[FieldError]:
    errors = []
    for field_name, staff_id in (("assessor1_id", first), ("assessor2_id", second)):
        staff = session.get(Staff, staff_id)
        if staff is None or not staff.active:
            errors.append(_error(field_name, _("please choose a staff member who works here")))
    if first == second and not errors:
        errors.append(_error("assessor2_id", _("must be someone other than the first assessor")))
    return errors


def _assessed_after(session: Session, senior_id: int, day: dt.date) -> bool:
    """Whether the senior has an assessment dated after ``day`` (a late-entered older form changes nothing)."""
    later = select(Assessment.id).where(Assessment.senior_id == senior_id, Assessment.assessed_on > day)
    return session.scalar(later.limit(1)) is not None


def _risk_incidents(session: Session, senior_id: int, day: dt.date) -> int:
    count = session.scalar(
        select(func.count(Incident.id)).where(
            Incident.senior_id == senior_id,
            Incident.kind.in_(sorted(CARE_RISK_INCIDENTS)),
            Incident.occurred_on >= day - dt.timedelta(days=RISK_WINDOW_DAYS),
            Incident.occurred_on < day,
        )
    )
    return count or 0


def _staff_names(session: Session, rows: list[Assessment]) -> dict[int, str]:
    ids = {a.assessor1_id for a in rows} | {a.assessor2_id for a in rows}
    if not ids:
        return {}
    found = session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(sorted(ids))))
    return {staff_id: name for staff_id, name in found}


def _info(a: Assessment, names: Mapping[int, str]) -> AssessmentInfo:
    instrument = INSTRUMENTS.get(a.instrument)
    band = instrument.band_of(a.result) if instrument is not None else None
    stored = {s.item: s.score for s in a.scores}
    scores: list[ItemScore] = []
    if instrument is not None:
        for item in instrument.items:
            if item.code in stored:
                scores.append(ItemScore(item.code, item.label, item.part_label, stored.pop(item.code), item.max_score))
    scores += [ItemScore(code, code, "", score, None) for code, score in sorted(stored.items())]
    return AssessmentInfo(
        id=a.id,
        senior_id=a.senior_id,
        instrument=a.instrument,
        instrument_label=instrument.label if instrument is not None else a.instrument,
        instrument_short=instrument.short_label if instrument is not None else a.instrument,
        assessed_on=a.assessed_on,
        assessor1_id=a.assessor1_id,
        assessor1_name=names.get(a.assessor1_id, ""),
        assessor2_id=a.assessor2_id,
        assessor2_name=names.get(a.assessor2_id, ""),
        total=a.total,
        max_total=instrument.max_total if instrument is not None else None,
        result=a.result,
        result_label=band.label if band is not None else a.result,
        adjusted_level=CareLevel.of(a.adjusted_result) if a.adjusted_result else None,
        dementia=a.dementia,
        risk_incidents=a.risk_incidents,
        notes=a.notes,
        scores=tuple(scores),
        recorded_by=a.created_by,
    )
