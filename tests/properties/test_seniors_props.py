"""Seniors: registering, editing and changing the status with hostile input.

Covered writes: ``seniors.create``, ``seniors.update``, ``seniors.change_status``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from carecenter.actor import Actor
from carecenter.domain import idnumber
from carecenter.domain.text import normalize_line, normalize_multiline, normalize_name, normalize_phone
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import Contact, SeniorDetail, SeniorInput
from tests.core.helpers import an_id
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, justified, stored_text_ok, text_ok
from tests.properties.world import World

SENIOR_FIELDS = set(SeniorInput.__dataclass_fields__) | {"center_id"}
SENIOR_TABLES = ("seniors", "senior_phones", "emergency_contacts", "senior_status_changes", "senior_categories")


def contacts(plain: bool) -> st.SearchStrategy[tuple[Contact, ...]]:
    if plain:
        one = st.builds(
            Contact, name=hs.plain_names(), relation=st.sampled_from(("儿子", "女儿", "")), phone=hs.plain_phones()
        )
        return st.lists(one, max_size=2).map(tuple)
    one = st.builds(Contact, name=hs.person_names(), relation=hs.text_values(6), phone=hs.phones())
    return st.lists(one, min_size=1, max_size=2).map(tuple)


def senior_inputs() -> st.SearchStrategy[SeniorInput]:
    """Mostly ordinary registrations, each with up to two hostile fields."""
    fields: dict[str, hs.Pair] = {
        "name": (hs.plain_names(), hs.person_names()),
        "id_number": (hs.plain_ids(), hs.id_numbers()),
        "phones": (
            st.lists(hs.plain_phones(), max_size=2).map(tuple),
            st.lists(hs.phones(), min_size=1, max_size=3).map(tuple),
        ),
        "address": hs.texts(),
        "community": hs.texts(),
        "registered_on": (st.one_of(st.none(), st.dates(dt.date(2010, 1, 1), hs.TODAY)), hs.dates()),
        "diet_notes": hs.texts(),
        "allergies": hs.texts(),
        "contacts": (contacts(plain=True), contacts(plain=False)),
        "notes": hs.texts(),
    }
    return hs.mixed(fields).map(lambda kwargs: SeniorInput(**kwargs))


def expected_id(raw: str) -> str:
    """The documented normal form, stated independently: half-width, no spaces, X upper-case, 15 → 18."""
    text = re.sub(r"\s+", "", "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in raw))
    text = text.replace("\u3000", "").upper()
    if len(text) == 15:
        body = text[:6] + "19" + text[6:]
        return body + idnumber.check_char(body)
    return text


def check_stored(detail: SeniorDetail, data: SeniorInput) -> None:
    """Every field of ``detail`` is the documented normal form of what ``data`` typed."""
    assert detail.name == normalize_name(data.name)
    assert not re.search(r"\s", detail.name)
    assert detail.id_number == expected_id(data.id_number)
    info = idnumber.parse(detail.id_number, hs.TODAY)
    assert (detail.birth_date, detail.gender) == (info.birth_date, info.gender)
    phones = [normalize_phone(p) for p in data.phones]
    assert detail.phones == tuple(dict.fromkeys(p for p in phones if p))
    for field in ("address", "community", "allergies"):
        assert getattr(detail, field) == normalize_line(getattr(data, field)), field
        stored_text_ok(getattr(detail, field), field)
    for field in ("diet_notes", "notes"):
        assert getattr(detail, field) == normalize_multiline(getattr(data, field)), field
        stored_text_ok(getattr(detail, field), field, multiline=True)
    kept = [
        c for c in data.contacts if normalize_name(c.name) or normalize_line(c.relation) or normalize_phone(c.phone)
    ]
    assert detail.contacts == tuple(
        Contact(normalize_name(c.name), normalize_line(c.relation), normalize_phone(c.phone)) for c in kept
    )
    assert detail.registered_on == (data.registered_on or hs.TODAY)


def text_checks(data: SeniorInput) -> dict[str, bool]:
    return {
        "address": text_ok(normalize_line(data.address), "address"),
        "community": text_ok(normalize_line(data.community), "community"),
        "allergies": text_ok(normalize_line(data.allergies), "allergies"),
        "diet_notes": text_ok(normalize_multiline(data.diet_notes), "diet_notes", multiline=True),
        "notes": text_ok(normalize_multiline(data.notes), "notes", multiline=True),
    }


@settings(max_examples=examples(144))
@given(data=senior_inputs())
def test_registering_a_senior_stores_the_normal_form_or_refuses(
    center: CareCenter, admin: Actor, data: SeniorInput
) -> None:
    outcome = attempt(
        center, lambda: center.seniors.create(data, admin), SENIOR_FIELDS, SENIOR_TABLES, "seniors.create"
    )
    justified(outcome, text_checks(data))
    if isinstance(outcome, Refused):
        return
    stored = center.seniors.get(outcome.id, admin)
    check_stored(stored, data)
    assert replace(outcome, photo=None) == stored


@settings(max_examples=examples(96))
@given(data=senior_inputs())
def test_editing_a_senior_stores_the_normal_form_or_changes_nothing(
    center: CareCenter, admin: Actor, world: World, data: SeniorInput
) -> None:
    before = center.seniors.get(world.senior_id, admin)
    outcome = attempt(
        center,
        lambda: center.seniors.update(world.senior_id, data, admin),
        SENIOR_FIELDS,
        SENIOR_TABLES,
        "seniors.update",
    )
    justified(outcome, text_checks(data))
    stored = center.seniors.get(world.senior_id, admin)
    if isinstance(outcome, Refused):
        assert stored == before
        return
    check_stored(stored, data if data.registered_on else _keep_registration(data, before))
    assert (stored.member_no, stored.status) == (before.member_no, before.status)


def _keep_registration(data: SeniorInput, before: SeniorDetail) -> SeniorInput:
    """An edit without a registration date keeps the stored one."""
    return replace(data, registered_on=before.registered_on)


_SEQ = itertools.count(1)


@settings(max_examples=examples(72))
@given(
    status=st.sampled_from(list(Status)),
    day=st.one_of(st.dates(dt.date(2020, 1, 6), hs.TODAY), hs.dates()),
    reason=hs.text_values(),
)
def test_a_status_change_is_stored_as_typed_or_refused(
    center: CareCenter, admin: Actor, status: Status, day: dt.date, reason: str
) -> None:
    """Each example changes a senior of its own (a death is final, so one senior would refuse every later change)."""
    senior_id = center.seniors.create(
        SeniorInput(
            name="王秀英", id_number=an_id(dt.date(1940, 5, 1), next(_SEQ) % 1000), registered_on=dt.date(2020, 1, 6)
        ),
        admin,
    ).id
    before = center.seniors.get(senior_id, admin)
    outcome = attempt(
        center,
        lambda: center.seniors.change_status(senior_id, status, day, reason, admin),
        {"status", "effective_on", "reason"},
        SENIOR_TABLES,
        "seniors.change_status",
    )
    justified(outcome, {"reason": text_ok(normalize_line(reason), "reason")})
    stored = center.seniors.get(senior_id, admin)
    if isinstance(outcome, Refused):
        assert stored == before
        return
    assert (stored.status, stored.status_since) == (status, day)
    assert stored.history[-1].reason == normalize_line(reason)
    assert before.status_since <= day <= hs.TODAY
