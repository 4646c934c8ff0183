"""Health and diet: chronic conditions, medications, allergies, diet, the family doctor and care risks.

``cc.health`` reads and writes the health part of a senior's record. Allergies, diet
flags and diet notes are the same ``seniors`` columns the senior form edits (one source
of truth: whichever screen saved last is what the kitchen sees).

Who may change what (the core checks; the UI only hides):

* everyone who may edit a senior's details (``EDIT_SENIOR_BASICS``, the front desk
  included) changes diet flags, diet notes, allergies, conditions, medications and the
  family doctor: these are what the family tells at registration and the front desk
  must be able to correct an allergy at once;
* dementia (or another diagnosed mental disorder) and the fall and wandering risks are a
  social worker's judgement and feed GB/T 42195's one-level-worse adjustment, so changing
  them needs ``ASSESSMENTS``; sending them back unchanged does not.

Reading is open to every role that looks up seniors: whoever serves a meal must see the
diet flags and allergies. :func:`diet_alerts` gives them for many seniors in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor
from carecenter.audit import FIELD_LABELS as TRAIL_LABELS
from carecenter.clock import Clock, stamp
from carecenter.conflicts import check_version, field_changes, retry_race, shown, touch, values_of
from carecenter.db.models import Medication, Senior, SeniorCondition, SeniorDietFlag
from carecenter.db.sessions import Sessions
from carecenter.domain.text import (
    PHONE_RE,
    normalize_line,
    normalize_multiline,
    normalize_phone,
    text_reason,
)
from carecenter.domain.vocab import DietFlag
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require

MAX_CONDITIONS = 20
MAX_MEDICATIONS = 20
# Ids per query in diet_alerts: far below every backend's parameter limit.
ALERT_CHUNK = 2000

FIELD_LABELS: dict[str, str] = {
    "conditions": N_("Chronic conditions"),
    "medications": N_("Medications"),
    "allergies": N_("Allergies"),
    "diet_flags": N_("Diet"),
    "diet_notes": N_("Diet notes"),
    "family_doctor": N_("Family doctor"),
    "family_doctor_phone": N_("Family doctor's phone"),
    "dementia": N_("Dementia or other mental disorder"),
    "fall_risk": N_("Fall risk"),
    "wandering_risk": N_("Wandering risk"),
}

_LABELS = {**TRAIL_LABELS, **FIELD_LABELS}

# The fields only roles with ASSESSMENTS may change.
RISK_FIELDS = ("dementia", "fall_risk", "wandering_risk")


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


@dataclass(frozen=True)
class MedicationEntry:
    """A current medication as the family tells it; dose and schedule are free text (“1 片”, “早晚各一次”)."""

    name: str
    dose: str = ""
    schedule: str = ""

    def text(self) -> str:
        return " ".join(t for t in (self.name, self.dose, self.schedule) if t)


@dataclass(frozen=True)
class HealthInput:
    """The whole desired health state, as typed; the core normalizes, checks and replaces the stored one."""

    conditions: tuple[str, ...] = ()
    medications: tuple[MedicationEntry, ...] = ()
    allergies: str = ""
    diet_flags: frozenset[DietFlag] = frozenset()
    diet_notes: str = ""
    family_doctor: str = ""
    family_doctor_phone: str = ""
    dementia: bool = False
    fall_risk: bool = False
    wandering_risk: bool = False


@dataclass(frozen=True)
class HealthInfo:
    senior_id: int
    conditions: tuple[str, ...]
    medications: tuple[MedicationEntry, ...]
    allergies: str
    diet_flags: frozenset[DietFlag]
    diet_notes: str
    family_doctor: str
    family_doctor_phone: str
    dementia: bool
    fall_risk: bool
    wandering_risk: bool
    updated_at: dt.datetime
    updated_by: str
    version: int  # the senior record's edit version: the health form sends it back as ``expected_version``

    def as_input(self) -> HealthInput:
        """The editable state, for the health dialog to start from."""
        return HealthInput(
            conditions=self.conditions,
            medications=self.medications,
            allergies=self.allergies,
            diet_flags=self.diet_flags,
            diet_notes=self.diet_notes,
            family_doctor=self.family_doctor,
            family_doctor_phone=self.family_doctor_phone,
            dementia=self.dementia,
            fall_risk=self.fall_risk,
            wandering_risk=self.wandering_risk,
        )

    def risks(self) -> tuple[str, ...]:
        """The care risks that apply, as labels (for the detail view's alert strip)."""
        return tuple(_(FIELD_LABELS[f]) for f in RISK_FIELDS if getattr(self, f))


@dataclass(frozen=True)
class DietAlert:
    """What whoever serves a senior must see: diet flags (in the fixed order), allergies and diet notes."""

    flags: tuple[DietFlag, ...]
    allergies: str
    notes: str

    def parts(self) -> list[str]:
        """Short texts to show: each flag, then “过敏：…”, then the notes."""
        out = [f.label for f in self.flags]
        if self.allergies:
            out.append(_("Allergies: {a}").format(a=self.allergies))
        if self.notes:
            out.append(self.notes)
        return out


def _show(_field: str, value: object) -> str:
    """A health field as the edit-conflict table shows it (a medication with its dose and schedule)."""
    if isinstance(value, tuple) and value and isinstance(value[0], MedicationEntry):
        return "、".join(m.text() for m in value)
    return shown(value)


def ordered_flags(flags: Iterable[DietFlag]) -> tuple[DietFlag, ...]:
    """``flags`` in the vocabulary's order (清真, 糖尿病餐, 低盐, 软食), the same on every screen."""
    wanted = set(flags)
    return tuple(f for f in DietFlag if f in wanted)


class HealthService:
    """``cc.health``: one senior's health and diet record."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def get(self, senior_id: int, actor: Actor) -> HealthInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return _info(_load(session, senior_id))

    def update(
        self,
        senior_id: int,
        data: HealthInput,
        actor: Actor,
        expected_version: int | None = None,
        opened: HealthInfo | None = None,
    ) -> HealthInfo:
        """Replace the senior's health record with ``data``; refuses every bad field at once, saves nothing then.

        Changing dementia or a risk needs ``ASSESSMENTS`` (PermissionDeniedError otherwise);
        everything else needs ``EDIT_SENIOR_BASICS``. ``expected_version``/``opened``: the
        record the form was opened with; a health field another desk changed since raises
        :class:`~carecenter.conflicts.EditConflictError` (None: no check).
        """
        return retry_race(lambda: self._update(senior_id, data, actor, expected_version, opened))

    def _update(
        self,
        senior_id: int,
        data: HealthInput,
        actor: Actor,
        expected_version: int | None,
        opened: HealthInfo | None,
    ) -> HealthInfo:
        require(actor, Permission.EDIT_SENIOR_BASICS)
        cleaned = clean(data)
        with self._sessions(actor) as session:
            senior = _load(session, senior_id)
            current = _info(senior)
            if current.as_input() == cleaned:
                return current  # nothing changed: no stamp, no audit line
            check_version(
                session,
                expected_version,
                senior.version,
                lambda: field_changes(
                    _LABELS,
                    values_of(opened.as_input()) if opened is not None else None,
                    values_of(current.as_input()),
                    values_of(cleaned),
                    _show,
                ),
                senior.updated_by,
                senior.updated_at,
            )
            if any(getattr(senior, f) != getattr(cleaned, f) for f in RISK_FIELDS):
                require(actor, Permission.ASSESSMENTS)
            _apply(senior, cleaned)
            senior.updated_at = stamp(self._clock)
            senior.updated_by = actor.username
            touch(senior)
            session.commit()
            return _info(senior)

    def alerts(self, senior_ids: Sequence[int], actor: Actor) -> dict[int, DietAlert]:
        """:func:`diet_alerts` for a role that may look up seniors."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return diet_alerts(session, senior_ids)


def diet_alerts(session: Session, senior_ids: Sequence[int]) -> dict[int, DietAlert]:
    """Diet flags, allergies and diet notes of ``senior_ids`` (for meal serving, check-in, lists).

    Seniors with nothing to show (and unknown ids) are left out, so ``alerts.get(id)``
    is None exactly when there is nothing to warn about. One query (per 2,000 ids):
    the seniors joined with their flags. For use inside another core call's session
    (meal serving, check-in lists), so no permission check here; ``cc.health.alerts``
    is the checked way in.
    """
    ids = list(dict.fromkeys(senior_ids))
    found: dict[int, tuple[set[DietFlag], str, str]] = {}
    for start in range(0, len(ids), ALERT_CHUNK):
        chunk = ids[start : start + ALERT_CHUNK]
        rows = session.execute(
            select(Senior.id, Senior.allergies, Senior.diet_notes, SeniorDietFlag.flag)
            .outerjoin(SeniorDietFlag, SeniorDietFlag.senior_id == Senior.id)
            .where(Senior.id.in_(chunk))
        )
        for senior_id, allergies, notes, flag in rows:
            flags, _allergies, _notes = found.setdefault(senior_id, (set(), allergies, notes))
            if flag is not None:
                flags.add(flag)
    return {
        senior_id: DietAlert(ordered_flags(flags), allergies, notes)
        for senior_id, (flags, allergies, notes) in found.items()
        if flags or allergies or notes
    }


# ---- validation -----------------------------------------------------------------------------


def clean(data: HealthInput) -> HealthInput:
    """``data`` in normal form (blank lines dropped, text trimmed), or ValidationError naming every bad field."""
    errors: list[FieldError] = []

    def text(field: str, value: str, limit_key: str, multiline: bool = False) -> str:
        value = normalize_multiline(value) if multiline else normalize_line(value)
        if reason := text_reason(value, limit_key, multiline=multiline):
            errors.append(_error(field, reason))
        return value

    conditions = _clean_conditions(data.conditions, errors)
    medications = _clean_medications(data.medications, errors)
    allergies = text("allergies", data.allergies, "allergies")
    diet_notes = text("diet_notes", data.diet_notes, "diet_notes", multiline=True)
    doctor = text("family_doctor", data.family_doctor, "contact_name")
    phone = normalize_phone(data.family_doctor_phone)
    if reason := text_reason(phone, "phone"):
        errors.append(_error("family_doctor_phone", reason))
    elif phone and not PHONE_RE.match(phone):
        errors.append(_error("family_doctor_phone", _("“{p}” is not a phone number").format(p=phone)))
    if errors:
        raise ValidationError(errors)
    return HealthInput(
        conditions=conditions,
        medications=medications,
        allergies=allergies,
        diet_flags=frozenset(data.diet_flags),
        diet_notes=diet_notes,
        family_doctor=doctor,
        family_doctor_phone=phone,
        dementia=data.dementia,
        fall_risk=data.fall_risk,
        wandering_risk=data.wandering_risk,
    )


def _clean_conditions(raw: Iterable[str], errors: list[FieldError]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for entry in raw:
        name = normalize_line(entry)
        if not name:
            continue
        if reason := text_reason(name, "condition"):
            errors.append(_error("conditions", _("“{c}”: {reason}").format(c=name[:20], reason=reason)))
            continue
        key = name.casefold()
        if key in seen:
            errors.append(_error("conditions", _("“{c}” is listed twice").format(c=name)))
            continue
        seen.add(key)
        out.append(name)
    if len(out) > MAX_CONDITIONS:
        errors.append(_error("conditions", _("at most {n} conditions").format(n=MAX_CONDITIONS)))
    return tuple(out)


def _clean_medications(raw: Iterable[MedicationEntry], errors: list[FieldError]) -> tuple[MedicationEntry, ...]:
    out: list[MedicationEntry] = []
    for entry in raw:
        med = MedicationEntry(normalize_line(entry.name), normalize_line(entry.dose), normalize_line(entry.schedule))
        if not (med.name or med.dose or med.schedule):
            continue  # a line left blank
        reason = next((r for r in (text_reason(v, "condition") for v in (med.name, med.dose, med.schedule)) if r), None)
        if reason is not None:
            errors.append(_error("medications", _("“{m}”: {reason}").format(m=med.text()[:20], reason=reason)))
        elif not med.name:
            errors.append(
                _error("medications", _("each medication needs a name (“{m}” has none)").format(m=med.text()))
            )
        else:
            out.append(med)
    if len(out) > MAX_MEDICATIONS:
        errors.append(_error("medications", _("at most {n} medications").format(n=MAX_MEDICATIONS)))
    return tuple(out)


# ---- the ORM side ---------------------------------------------------------------------------


def _load(session: Session, senior_id: int) -> Senior:
    senior = session.scalar(
        select(Senior)
        .where(Senior.id == senior_id)
        .options(selectinload(Senior.conditions), selectinload(Senior.medications), selectinload(Senior.diet_flags))
    )
    if senior is None:
        raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
    return senior


def _apply(senior: Senior, data: HealthInput) -> None:
    """Write ``data`` onto the senior; unchanged list rows are kept so the audit trail shows only real changes."""
    if tuple(c.name for c in senior.conditions) != data.conditions:
        senior.conditions = [SeniorCondition(position=i, name=name) for i, name in enumerate(data.conditions)]
    stored = tuple(MedicationEntry(m.name, m.dose, m.schedule) for m in senior.medications)
    if stored != data.medications:
        senior.medications = [
            Medication(position=i, name=m.name, dose=m.dose, schedule=m.schedule)
            for i, m in enumerate(data.medications)
        ]
    if frozenset(f.flag for f in senior.diet_flags) != data.diet_flags:
        senior.diet_flags = [SeniorDietFlag(flag=f) for f in ordered_flags(data.diet_flags)]
    senior.allergies = data.allergies
    senior.diet_notes = data.diet_notes
    senior.family_doctor = data.family_doctor
    senior.family_doctor_phone = data.family_doctor_phone
    senior.dementia = data.dementia
    senior.fall_risk = data.fall_risk
    senior.wandering_risk = data.wandering_risk


def _info(s: Senior) -> HealthInfo:
    return HealthInfo(
        senior_id=s.id,
        conditions=tuple(c.name for c in s.conditions),
        medications=tuple(MedicationEntry(m.name, m.dose, m.schedule) for m in s.medications),
        allergies=s.allergies,
        diet_flags=frozenset(f.flag for f in s.diet_flags),
        diet_notes=s.diet_notes,
        family_doctor=s.family_doctor,
        family_doctor_phone=s.family_doctor_phone,
        dementia=s.dementia,
        fall_risk=s.fall_risk,
        wandering_risk=s.wandering_risk,
        updated_at=s.updated_at,
        updated_by=s.updated_by,
        version=s.version,
    )
