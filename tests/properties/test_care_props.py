"""Care records with hostile input: health, assessments, incidents, care plans, consent, the reassessment setting.

Covered writes: ``health.update``, ``assessments.record``, ``incidents.record``,
``incidents.update``, ``care_plans.create``, ``care_plans.update_draft``,
``care_plans.sign``, ``care_plans.revise``, ``care_plans.close``, ``care_plans.discard``,
``consent.record``, ``consent.withdraw``, ``due.set_reassess_months``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.care.health import HealthInput, MedicationEntry
from carecenter.care.incidents import IncidentInput
from carecenter.care.instruments import INSTRUMENTS
from carecenter.care.plans import PlanInput, PlannedServiceInput
from carecenter.domain.text import normalize_line, normalize_multiline, normalize_phone
from carecenter.domain.vocab import DietFlag, IncidentKind
from carecenter.facade import CareCenter
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, justified, stored_text_ok, text_ok
from tests.properties.world import World

SENIOR_TABLES = ("seniors", "senior_conditions", "medications", "senior_diet_flags")
PDF = b"%PDF-1.4 consent"


# ---- health ------------------------------------------------------------------------------------


def health_inputs() -> st.SearchStrategy[HealthInput]:
    meds_plain = st.lists(st.builds(MedicationEntry, hs.plain_text(6), hs.plain_text(4), hs.plain_text(4)), max_size=2)
    meds_hostile = st.lists(
        st.builds(MedicationEntry, hs.hostile_text(), hs.hostile_text(), hs.hostile_text()), max_size=3
    )
    fields: dict[str, hs.Pair] = {
        "conditions": (
            st.lists(hs.plain_text(6), max_size=3).map(tuple),
            st.lists(hs.hostile_text(), max_size=25).map(tuple),
        ),
        "medications": (meds_plain.map(tuple), meds_hostile.map(tuple)),
        "allergies": hs.texts(),
        "diet_flags": (st.frozensets(st.sampled_from(list(DietFlag))), st.frozensets(st.sampled_from(list(DietFlag)))),
        "diet_notes": hs.texts(),
        "family_doctor": hs.texts(),
        "family_doctor_phone": (hs.plain_phones(), hs.phones()),
        "dementia": (st.booleans(), st.booleans()),
        "fall_risk": (st.booleans(), st.booleans()),
    }
    return hs.mixed(fields).map(lambda kwargs: HealthInput(**kwargs))


@settings(max_examples=examples(96))
@given(data=health_inputs())
def test_the_health_record_is_stored_in_normal_form_or_refused(
    center: CareCenter, admin: Actor, world: World, data: HealthInput
) -> None:
    before = center.health.get(world.senior_id, admin)
    outcome = attempt(
        center, lambda: center.health.update(world.senior_id, data, admin), None, SENIOR_TABLES, "health.update"
    )
    justified(
        outcome,
        {
            "allergies": text_ok(normalize_line(data.allergies), "allergies"),
            "diet_notes": text_ok(normalize_multiline(data.diet_notes), "diet_notes", multiline=True),
            "family_doctor": text_ok(normalize_line(data.family_doctor), "contact_name"),
        },
    )
    stored = center.health.get(world.senior_id, admin)
    if isinstance(outcome, Refused):
        assert stored == before
        return
    conditions = [normalize_line(c) for c in data.conditions]
    assert stored.conditions == tuple(c for c in conditions if c)
    meds = [
        MedicationEntry(normalize_line(m.name), normalize_line(m.dose), normalize_line(m.schedule))
        for m in data.medications
    ]
    assert stored.medications == tuple(m for m in meds if m.name or m.dose or m.schedule)
    assert stored.allergies == normalize_line(data.allergies)
    assert stored.diet_notes == normalize_multiline(data.diet_notes)
    assert stored.family_doctor == normalize_line(data.family_doctor)
    assert stored.family_doctor_phone == normalize_phone(data.family_doctor_phone)
    assert (stored.diet_flags, stored.dementia, stored.fall_risk) == (data.diet_flags, data.dementia, data.fall_risk)
    for text in (*stored.conditions, stored.allergies, stored.family_doctor, *(m.name for m in stored.medications)):
        stored_text_ok(text)
    assert center.seniors.get(world.senior_id, admin).allergies == stored.allergies  # one source of truth


# ---- assessments -------------------------------------------------------------------------------


@st.composite
def score_maps(draw: st.DrawFn, instrument: str, spoil: int) -> dict[str, Any]:
    """A complete, valid form mostly; sometimes a missing item, a score not allowed, an unknown item."""
    form = INSTRUMENTS.get(instrument) or INSTRUMENTS["barthel"]
    scores: dict[str, Any] = {item.code: draw(st.sampled_from(item.scores)) for item in form.items}
    code = draw(st.sampled_from([item.code for item in form.items]))
    if spoil == 1:
        del scores[code]
    elif spoil == 2:
        scores[code] = draw(st.sampled_from((-1, 3, 7, 101, 2**40, -(2**40))))
    elif spoil == 3:
        scores[draw(hs.hostile_text())] = 1
    return scores


@st.composite
def assessment_inputs(draw: st.DrawFn, world: World) -> AssessmentInput:
    staff = st.sampled_from((world.social_id, world.social2_id, world.caregiver_id, 0, -1, 10**6))
    fields: dict[str, hs.Pair] = {
        "instrument": (st.sampled_from(sorted(INSTRUMENTS)), st.sampled_from(("", "BARTHEL", "barthel ", "gbt42195"))),
        "assessed_on": (st.dates(hs.TODAY - dt.timedelta(days=60), hs.TODAY), hs.dates()),
        "assessor1_id": (st.just(world.social_id), staff),
        "assessor2_id": (st.just(world.social2_id), staff),
        "spoil": (st.just(0), st.integers(1, 3)),
        "notes": hs.texts(),
    }
    typed = draw(hs.mixed(fields))
    return AssessmentInput(
        instrument=typed["instrument"],
        assessed_on=typed["assessed_on"],
        assessor1_id=typed["assessor1_id"],
        assessor2_id=typed["assessor2_id"],
        scores=draw(score_maps(typed["instrument"], typed["spoil"])),
        dementia=draw(st.booleans()),
        notes=typed["notes"],
    )


@settings(max_examples=examples(72))
@given(data=st.data())
def test_an_assessment_is_stored_as_scored_or_refused(
    center: CareCenter, admin: Actor, world: World, data: st.DataObject
) -> None:
    form = data.draw(assessment_inputs(world))
    outcome = attempt(
        center,
        lambda: center.assessments.record(world.senior_id, form, admin),
        None,
        ("assessments", "assessment_scores", "seniors"),
        "assessments.record",
    )
    justified(outcome, {"notes": text_ok(normalize_multiline(form.notes), "notes", multiline=True)})
    if isinstance(outcome, Refused):
        return
    stored = next(a for a in center.assessments.history(world.senior_id, admin) if a.id == outcome.id)
    instrument = INSTRUMENTS[form.instrument]
    assert stored.total == sum(form.scores[item.code] for item in instrument.items)
    assert {s.code: s.score for s in stored.scores} == {item.code: form.scores[item.code] for item in instrument.items}
    assert (stored.assessed_on, stored.assessor1_id, stored.assessor2_id) == (
        form.assessed_on,
        form.assessor1_id,
        form.assessor2_id,
    )
    assert stored.notes == normalize_multiline(form.notes)
    assert form.assessed_on <= hs.TODAY and form.assessor1_id != form.assessor2_id


# ---- incidents ---------------------------------------------------------------------------------


def incident_inputs() -> st.SearchStrategy[IncidentInput]:
    fields: dict[str, hs.Pair] = {
        "kind": (st.sampled_from(list(IncidentKind)), st.sampled_from(list(IncidentKind))),
        "occurred_on": (hs.recent_dates(), hs.dates()),
        "description": (hs.plain_text().filter(lambda t: t.strip()), hs.hostile_text()),
        "action_taken": hs.texts(),
        "ended_on": (st.none(), st.one_of(st.none(), hs.dates())),
    }
    return hs.mixed(fields).map(lambda kwargs: IncidentInput(**kwargs))


@settings(max_examples=examples(72))
@given(first=incident_inputs(), second=incident_inputs())
def test_an_incident_is_recorded_and_corrected_in_normal_form_or_refused(
    center: CareCenter, admin: Actor, world: World, first: IncidentInput, second: IncidentInput
) -> None:
    fields = set(IncidentInput.__dataclass_fields__)
    outcome = attempt(
        center,
        lambda: center.incidents.record(world.senior_id, first, admin),
        fields,
        ("incidents",),
        "incidents.record",
    )
    if isinstance(outcome, Refused):
        return
    check_incident(center.incidents.get(outcome.id, admin), first)
    again = attempt(
        center, lambda: center.incidents.update(outcome.id, second, admin), fields, ("incidents",), "incidents.update"
    )
    justified(again, {"description": text_ok(normalize_multiline(second.description), "notes", True, required=True)})
    check_incident(center.incidents.get(outcome.id, admin), first if isinstance(again, Refused) else second)


def check_incident(stored: Any, data: IncidentInput) -> None:
    assert (stored.kind, stored.occurred_on, stored.ended_on) == (data.kind, data.occurred_on, data.ended_on)
    assert stored.description == normalize_multiline(data.description) != ""
    assert stored.action_taken == normalize_multiline(data.action_taken)
    assert data.occurred_on <= hs.TODAY


# ---- care plans --------------------------------------------------------------------------------


@st.composite
def plan_inputs(draw: st.DrawFn, world: World) -> PlanInput:
    start = draw(st.one_of(hs.recent_dates(), hs.dates()))
    review = draw(
        st.one_of(st.just(start + dt.timedelta(days=90)) if start.year < 9999 else st.just(start), hs.dates())
    )
    services = draw(
        st.lists(
            st.builds(
                PlannedServiceInput,
                service_type_id=st.sampled_from((world.cleaning_id, world.day_care_id, 0, -5)),
                weekdays=st.frozensets(st.integers(-1, 8), max_size=3),
                times_per_month=st.one_of(st.none(), st.integers(-2, 40)),
                staff_id=st.sampled_from((None, world.caregiver_id, 0)),
                start_on=st.one_of(st.none(), hs.dates()),
                end_on=st.one_of(st.none(), hs.dates()),
                notes=hs.text_values(),
            ),
            max_size=2,
        )
    )
    return PlanInput(
        needs=draw(st.one_of(st.just("行动不便，需要助洁"), hs.text_values())),
        goals=draw(st.one_of(st.just("每周两次助洁"), hs.text_values())),
        start_on=start,
        review_on=review,
        end_on=draw(st.one_of(st.none(), hs.dates())),
        services=tuple(services),
    )


def check_plan(stored: Any, data: PlanInput) -> None:
    assert (stored.needs, stored.goals) == (normalize_multiline(data.needs), normalize_multiline(data.goals))
    assert (stored.start_on, stored.review_on, stored.end_on) == (data.start_on, data.review_on, data.end_on)
    assert [(s.service_type_id, s.weekdays, s.times_per_month, s.staff_id, s.notes) for s in stored.services] == [
        (s.service_type_id, frozenset(s.weekdays), s.times_per_month, s.staff_id, normalize_line(s.notes))
        for s in data.services
    ]


@settings(max_examples=examples(72))
@given(data=st.data())
def test_a_care_plan_goes_through_its_life_in_normal_form_or_refused(
    center: CareCenter, admin: Actor, world: World, data: st.DataObject
) -> None:
    tables = ("care_plans", "planned_services")
    first = data.draw(plan_inputs(world), "first")
    second = data.draw(plan_inputs(world), "second")
    signer = data.draw(st.sampled_from((world.social_id, world.caregiver_id, 0)), "signer")
    third = data.draw(plan_inputs(world), "third")
    day = data.draw(st.one_of(hs.recent_dates(), hs.dates()), "closed on")
    plan = attempt(
        center, lambda: center.care_plans.create(world.senior_id, first, admin), None, tables, "care_plans.create"
    )
    if isinstance(plan, Refused):
        return
    check_plan(center.care_plans.get(plan.id, admin), first)
    edited = attempt(
        center, lambda: center.care_plans.update_draft(plan.id, second, admin), None, tables, "care_plans.update_draft"
    )
    check_plan(center.care_plans.get(plan.id, admin), first if isinstance(edited, Refused) else second)
    signed = attempt(center, lambda: center.care_plans.sign(plan.id, signer, admin), None, tables, "care_plans.sign")
    if isinstance(signed, Refused):
        center.care_plans.discard(plan.id, admin)
        return
    assert signer == world.social_id and center.care_plans.current(world.senior_id, admin).id == plan.id  # type: ignore[union-attr]
    revision = attempt(
        center, lambda: center.care_plans.revise(plan.id, third, admin), None, tables, "care_plans.revise"
    )
    if not isinstance(revision, Refused):
        check_plan(center.care_plans.get(revision.id, admin), third)
        attempt(center, lambda: center.care_plans.discard(revision.id, admin), None, tables, "care_plans.discard")
        assert center.care_plans.draft(world.senior_id, admin) is None
    closed = attempt(
        center, lambda: center.care_plans.close(plan.id, day, admin), {"end_on", "plan"}, tables, "care_plans.close"
    )
    if not isinstance(closed, Refused):
        assert center.care_plans.get(plan.id, admin).end_on == day <= hs.TODAY
    elif center.care_plans.get(plan.id, admin).start_on <= hs.TODAY:  # leave no plan in force behind
        center.care_plans.close(plan.id, hs.TODAY, admin)


# ---- consent and the reassessment setting -------------------------------------------------------


@settings(max_examples=examples(59))
@given(
    given_on=st.one_of(hs.recent_dates(), hs.dates()),
    notes=hs.text_values(),
    scan=st.sampled_from((None, PDF, b"", b"GIF89a", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff" + b"0" * 10)),
    staff=st.sampled_from(("social", "caregiver", "nobody")),
    withdrawn_on=st.one_of(hs.recent_dates(), hs.dates()),
)
def test_consent_is_recorded_and_withdrawn_as_typed_or_refused(
    center: CareCenter,
    front_desk: Actor,
    admin: Actor,
    world: World,
    given_on: dt.date,
    notes: str,
    scan: bytes | None,
    staff: str,
    withdrawn_on: dt.date,
) -> None:
    staff_id = {"social": world.social_id, "caregiver": world.caregiver_id, "nobody": 10**6}[staff]
    fields = {"given_on", "taken_by_staff_id", "notes", "scan", "withdrawn_on"}
    outcome = attempt(
        center,
        lambda: center.consent.record(world.senior_id, given_on, staff_id, front_desk, notes=notes, scan=scan),
        fields,
        ("consents",),
        "consent.record",
    )
    justified(outcome, {"notes": text_ok(normalize_line(notes), "reason")})
    if isinstance(outcome, Refused):
        return
    current = center.consent.current(world.senior_id, front_desk)
    assert current is not None and current.id == outcome.id
    assert (current.given_on, current.notes) == (given_on, normalize_line(notes))
    if scan is not None:
        assert center.consent.scan(outcome.id, admin)[1] == scan
    gone = attempt(
        center,
        lambda: center.consent.withdraw(world.senior_id, withdrawn_on, front_desk),
        fields,
        ("consents",),
        "consent.withdraw",
    )
    if not isinstance(gone, Refused):
        assert given_on <= withdrawn_on <= hs.TODAY
        assert center.consent.history(world.senior_id, front_desk)[0].withdrawn_on == withdrawn_on


@settings(max_examples=examples(24))
@given(months=st.one_of(st.integers(-3, 40), st.sampled_from((0, 2**31, -(2**63)))))
def test_the_reassessment_interval_is_stored_or_refused(center: CareCenter, admin: Actor, months: int) -> None:
    center_id = center.centers.list()[0].id
    outcome = attempt(
        center,
        lambda: center.due.set_reassess_months(center_id, months, admin),
        {"reassess_months"},
        ("centers",),
        "due.set_reassess_months",
    )
    if not isinstance(outcome, Refused):
        assert center.due.reassess_months(center_id) == months == outcome
