"""Birthday parties with hostile input: the party, its guests, who came and what they were given.

Covered writes: ``birthdays.create``, ``birthdays.update``, ``birthdays.add_guest``,
``birthdays.remove_guest``, ``birthdays.restore_guest``, ``birthdays.set_attendance``,
``birthdays.refresh_invitations``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInput
from carecenter.domain.text import normalize_line, normalize_multiline
from carecenter.facade import CareCenter
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, justified, text_ok
from tests.properties.world import World

TABLES = ("birthday_parties", "party_guests", "activities")


@st.composite
def months(draw: st.DrawFn) -> dt.date:
    """Any month of 1990–2040, given by any of its days (the core keeps the month's first day)."""
    year, month = draw(st.integers(1990, 2040)), draw(st.integers(1, 12))
    return dt.date(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@st.composite
def party_inputs(draw: st.DrawFn, month: dt.date) -> PartyInput:
    last = calendar.monthrange(month.year, month.month)[1]
    in_month = st.integers(1, last).map(lambda d: month.replace(day=d))
    fields: dict[str, hs.Pair] = {
        "held_on": (in_month, hs.dates()),
        "place": (st.sampled_from(("活动室", " 二楼 多功能厅 ")), hs.hostile_text()),
        "notes": hs.texts(),
    }
    return PartyInput(**draw(hs.mixed(fields)))


@settings(max_examples=examples(72))
@given(data=st.data())
def test_a_birthday_party_and_its_guests_are_stored_in_normal_form_or_refused(
    center: CareCenter, front_desk: Actor, world: World, data: st.DataObject
) -> None:
    month = data.draw(months(), "month")
    first = data.draw(party_inputs(month), "create")
    second = data.draw(party_inputs(month), "update")
    guest = data.draw(st.sampled_from((world.senior_id, world.senior_id, 0, 10**6)), "guest")
    reason = data.draw(st.one_of(st.just("住院了"), hs.text_values()), "removal reason")
    attended = data.draw(st.booleans(), "attended")
    gift = data.draw(st.one_of(st.just("长寿面"), hs.text_values()), "gift")

    party = attempt(
        center,
        lambda: center.birthdays.create(world.center_id, month, first, front_desk),
        None,
        TABLES,
        "birthdays.create",
    )
    justified(party, {"place": text_ok(normalize_line(first.place), "place")})
    if isinstance(party, Refused):
        return
    check_party(center, front_desk, party.id, first, month)
    changed = attempt(
        center, lambda: center.birthdays.update(party.id, second, front_desk), None, TABLES, "birthdays.update"
    )
    check_party(center, front_desk, party.id, first if isinstance(changed, Refused) else second, month)
    attempt(
        center,
        lambda: center.birthdays.refresh_invitations(party.id, front_desk),
        None,
        TABLES,
        "birthdays.refresh_invitations",
    )
    added = attempt(
        center, lambda: center.birthdays.add_guest(party.id, guest, front_desk), None, TABLES, "birthdays.add_guest"
    )
    guests = center.birthdays.get(party.id, front_desk).guests
    if isinstance(added, Refused) and not guests:
        return
    guest_id = guests[0].id
    marked = attempt(
        center,
        lambda: center.birthdays.set_attendance(guest_id, attended, gift, front_desk),
        {"gift", "senior_id"},
        TABLES,
        "birthdays.set_attendance",
    )
    justified(marked, {"gift": text_ok(normalize_line(gift), "gift")})
    stored = next(g for g in center.birthdays.get(party.id, front_desk).guests if g.id == guest_id)
    if not isinstance(marked, Refused):
        assert (stored.attended, stored.gift) == (attended, normalize_line(gift))
    removed = attempt(
        center,
        lambda: center.birthdays.remove_guest(guest_id, reason, front_desk),
        {"reason", "senior_id"},
        TABLES,
        "birthdays.remove_guest",
    )
    justified(removed, {"reason": text_ok(normalize_line(reason), "reason", required=True)})
    if not isinstance(removed, Refused):
        stored = next(g for g in center.birthdays.get(party.id, front_desk).guests if g.id == guest_id)
        assert (stored.removed, stored.removed_reason) == (True, normalize_line(reason))
        attempt(
            center,
            lambda: center.birthdays.restore_guest(guest_id, front_desk),
            None,
            TABLES,
            "birthdays.restore_guest",
        )
        assert not next(g for g in center.birthdays.get(party.id, front_desk).guests if g.id == guest_id).removed


def check_party(center: CareCenter, actor: Actor, party_id: int, data: PartyInput, month: dt.date) -> None:
    stored = center.birthdays.get(party_id, actor)
    assert stored.month == month.replace(day=1)
    assert (stored.held_on.year, stored.held_on.month) == (month.year, month.month)
    assert (stored.held_on, stored.place, stored.notes) == (
        data.held_on,
        normalize_line(data.place),
        normalize_multiline(data.notes),
    )
