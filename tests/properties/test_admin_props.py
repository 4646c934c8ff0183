"""Settings and people with hostile input: centers, staff, accounts, the service catalogue, subsidy rules.

Covered writes: ``centers.create``, ``centers.set_print_full_ids``, ``centers.set_count_xusui``;
``staff.create``, ``staff.update``, ``staff.set_active``; ``accounts.create_first_admin``,
``accounts.add_user``, ``accounts.create_account``, ``accounts.change_own_password``,
``accounts.reset_password``, ``accounts.set_role``, ``accounts.disable``, ``accounts.enable``;
``catalogue.add``, ``catalogue.rename``, ``catalogue.retire``, ``catalogue.restore``,
``catalogue.move``; ``subsidies.add_version``; ``subsidy_rosters.approve``;
``audit.record_disclosure``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from carecenter.actor import Actor, Role
from carecenter.domain.text import normalize_line, normalize_name, normalize_phone, to_halfwidth
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter
from carecenter.subsidies.policy import MAX_AMOUNT_FEN
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, justified, stored_text_ok, text_ok
from tests.properties.world import World


@settings(max_examples=examples(72))
@given(data=st.data())
def test_a_center_is_stored_in_normal_form_or_refused(center: CareCenter, admin: Actor, data: st.DataObject) -> None:
    fields: dict[str, hs.Pair] = {
        "name": (st.sampled_from(("金水区 日间照料中心", " 二七区站 ")), hs.hostile_text()),
        "code": (st.one_of(st.just(""), st.text("ABCXYZ0123456789-_", min_size=1, max_size=8)), hs.hostile_text()),
        "address": hs.texts(),
        "phone": (hs.plain_phones(), hs.phones()),
    }
    typed = data.draw(hs.mixed(fields))
    outcome = attempt(
        center,
        lambda: center.centers.create(typed["name"], admin, typed["code"], typed["address"], typed["phone"]),
        {"name", "code", "address", "phone"},
        ("centers",),
        "centers.create",
    )
    justified(
        outcome,
        {
            "name": text_ok(normalize_line(typed["name"]), "center_name", required=True),
            "address": text_ok(normalize_line(typed["address"]), "address"),
        },
    )
    if isinstance(outcome, Refused):
        return
    stored = center.centers.by_code(outcome.code)
    assert (stored.name, stored.address, stored.phone) == (
        normalize_line(typed["name"]),
        normalize_line(typed["address"]),
        normalize_phone(typed["phone"]),
    )
    assert stored.code == (normalize_line(typed["code"]).upper() or stored.code)
    for text, limit in (
        (stored.name, "center_name"),
        (stored.address, "address"),
        (stored.phone, "phone"),
        (stored.code, "center_code"),
    ):
        stored_text_ok(text, limit)
    for flag in (True, False):
        attempt(
            center,
            lambda f=flag: center.centers.set_print_full_ids(stored.id, f, admin),
            None,
            (),
            "centers.set_print_full_ids",
        )  # type: ignore[misc]
        attempt(
            center,
            lambda f=flag: center.centers.set_count_xusui(stored.id, f, admin),
            None,
            (),
            "centers.set_count_xusui",
        )  # type: ignore[misc]
        assert (
            center.centers.by_code(stored.code).print_full_ids,
            center.centers.by_code(stored.code).count_xusui,
        ) == (flag, flag)


@settings(max_examples=examples(72))
@given(data=st.data())
def test_a_staff_member_is_stored_in_normal_form_or_refused(
    center: CareCenter, admin: Actor, data: st.DataObject
) -> None:
    def details() -> st.SearchStrategy[dict[str, Any]]:
        return hs.mixed(
            {
                "name": (hs.plain_names(), hs.person_names()),
                "position": (st.sampled_from(list(StaffPosition)), st.sampled_from(list(StaffPosition))),
                "phone": (hs.plain_phones(), hs.phones()),
                "center_id": (st.sampled_from((None, 1)), st.sampled_from((0, 99, -1))),
            }
        )

    first = data.draw(details(), "create")
    second = data.draw(details(), "update")
    active = data.draw(st.booleans(), "active")
    fields = {"name", "phone", "center_id", "position"}
    outcome = attempt(
        center,
        lambda: center.staff.create(first["name"], first["position"], admin, first["center_id"], first["phone"]),
        fields,
        ("staff",),
        "staff.create",
    )
    if isinstance(outcome, Refused):
        return
    check_staff(center.staff.get(outcome.id), first)
    changed = attempt(
        center, lambda: center.staff.update(outcome.id, admin, **second), fields, ("staff",), "staff.update"
    )
    check_staff(center.staff.get(outcome.id), first if isinstance(changed, Refused) else second)
    attempt(center, lambda: center.staff.set_active(outcome.id, active, admin), None, ("staff",), "staff.set_active")
    assert center.staff.get(outcome.id).active == active


def check_staff(stored: Any, typed: dict[str, Any]) -> None:
    assert (stored.name, stored.phone) == (normalize_name(typed["name"]), normalize_phone(typed["phone"]))
    assert (stored.position, stored.center_id) == (typed["position"], typed["center_id"])
    stored_text_ok(stored.name, "name")
    stored_text_ok(stored.phone, "phone")


def usernames() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text("abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=3, max_size=12),
        st.sampled_from(("  zhang.san ", "李四", "Admin", "ADMIN", "a" * 33)),
        hs.hostile_text(),
    )


def passwords() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(("Secret-2026", "长城永不倒2026", "12345678", "short", "x" * 129, "pass\x00word1")),
        hs.hostile_text(),
    )


@settings(max_examples=examples(72))
@given(data=st.data())
def test_accounts_are_stored_in_normal_form_or_refused(center: CareCenter, admin: Actor, data: st.DataObject) -> None:
    fields = {"name", "username", "password", "old_password", "role", "position", "phone", "center_id", "staff_id"}
    tables = ("accounts", "staff")
    plain_user = st.text("abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=3, max_size=12)
    plain_password = st.sampled_from(("Secret-2026", "长城永不倒2026", "Another#Pass1"))
    typed = data.draw(
        hs.mixed(
            {
                "name": (hs.plain_names(), hs.person_names()),
                "username": (plain_user, usernames()),
                "password": (plain_password, passwords()),
                "role": (st.sampled_from(list(Role)), st.sampled_from(list(Role))),
                "phone": (hs.plain_phones(), hs.phones()),
                "new": (plain_password, passwords()),
                "reset": (plain_password, passwords()),
                "new_role": (st.sampled_from(list(Role)), st.sampled_from(list(Role))),
                "second": (plain_user, usernames()),
            }
        )
    )
    name, username, password, role, phone = (typed[k] for k in ("name", "username", "password", "role", "phone"))
    new, reset, new_role, second = typed["new"], typed["reset"], typed["new_role"], typed["second"]
    account = attempt(
        center,
        lambda: center.accounts.add_user(name, username, password, role, admin, phone=phone),
        fields,
        tables,
        "accounts.add_user",
    )
    if isinstance(account, Refused):
        return
    assert account.username == username.strip() and account.staff_name == normalize_name(name)
    assert center.accounts.login(username.strip(), password).role == role
    me = Actor(account.username, role, account.staff_id)
    changed = attempt(
        center,
        lambda: center.accounts.change_own_password(me, password, new),
        fields,
        tables,
        "accounts.change_own_password",
    )
    current = password if isinstance(changed, Refused) else new
    assert center.accounts.login(account.username, current).username == account.username
    done = attempt(
        center,
        lambda: center.accounts.reset_password(admin, account.username, reset),
        fields,
        tables,
        "accounts.reset_password",
    )
    current = current if isinstance(done, Refused) else reset
    assert center.accounts.login(account.username, current).username == account.username
    attempt(
        center, lambda: center.accounts.set_role(admin, account.username, new_role), fields, tables, "accounts.set_role"
    )
    attempt(center, lambda: center.accounts.disable(admin, account.username), fields, tables, "accounts.disable")
    attempt(center, lambda: center.accounts.enable(admin, account.username), fields, tables, "accounts.enable")
    cook = center.staff.create("王师傅", StaffPosition.COOK, admin).id
    made = attempt(
        center,
        lambda: center.accounts.create_account(cook, second, "Secret-2026", Role.FRONT_DESK, admin),
        fields,
        tables,
        "accounts.create_account",
    )
    if not isinstance(made, Refused):
        assert made.username == second.strip() and made.staff_id == cook


@settings(max_examples=examples(35))
@given(name=st.one_of(hs.plain_names(), hs.person_names()), username=usernames(), password=passwords())
def test_the_first_administrator_is_stored_or_refused(
    empty_center: CareCenter, name: str, username: str, password: str
) -> None:
    outcome = attempt(
        empty_center,
        lambda: empty_center.accounts.create_first_admin(name, username, password),
        {"name", "username", "password", "phone", "center_id"},
        ("accounts", "staff"),
        "accounts.create_first_admin",
    )
    if not isinstance(outcome, Refused):
        assert outcome.role is Role.ADMIN and outcome.username == username.strip()
        assert empty_center.accounts.login(username.strip(), password).role is Role.ADMIN


@settings(max_examples=examples(72))
@given(data=st.data())
def test_a_service_type_is_named_in_normal_form_or_refused(
    center: CareCenter, admin: Actor, data: st.DataObject
) -> None:
    tables = ("service_types",)
    name = data.draw(st.one_of(st.sampled_from(("助康", " 助聊 ", "ＡＢＣ助")), hs.hostile_text()), "name")
    other = data.draw(st.one_of(st.text("助康聊学乐", min_size=2, max_size=4), hs.hostile_text()), "rename")
    up = data.draw(st.booleans(), "up")
    added = attempt(center, lambda: center.catalogue.add(name, admin), {"name"}, tables, "catalogue.add")
    justified(
        added,
        {
            "name": text_ok(normalize_line(to_halfwidth(name)), "service_name", required=True)
            and not _taken(center, name)
        },
    )
    if isinstance(added, Refused):
        return
    assert center.catalogue.get(added.id).name == normalize_line(to_halfwidth(name))
    renamed = attempt(
        center, lambda: center.catalogue.rename(added.id, other, admin), {"name"}, tables, "catalogue.rename"
    )
    expected = normalize_line(to_halfwidth(name if isinstance(renamed, Refused) else other))
    assert center.catalogue.get(added.id).name == expected
    attempt(center, lambda: center.catalogue.retire(added.id, admin), None, tables, "catalogue.retire")
    assert center.catalogue.get(added.id).retired
    attempt(center, lambda: center.catalogue.restore(added.id, admin), None, tables, "catalogue.restore")
    order = attempt(center, lambda: center.catalogue.move(added.id, up, admin), None, tables, "catalogue.move")
    assert not isinstance(order, Refused) and sorted(t.id for t in order) == sorted(
        t.id for t in center.catalogue.types(True)
    )


def _taken(center: CareCenter, name: str) -> bool:
    key = normalize_line(to_halfwidth(name)).casefold()
    return any(t.name.casefold() == key for t in center.catalogue.types(include_retired=True))


@settings(max_examples=examples(59))
@given(data=st.data())
def test_a_subsidy_rule_version_is_stored_as_given_or_refused(
    center: CareCenter, admin: Actor, data: st.DataObject
) -> None:
    rule = center.subsidies.rule("elderly_allowance")
    latest = rule.versions[-1]
    month = data.draw(st.integers(1, 60), "months later")
    year, index = divmod(latest.starts_on.month - 1 + month, 12)
    plain_start = dt.date(latest.starts_on.year + year, index + 1, 1)
    typed = data.draw(
        hs.mixed(
            {
                "label": (st.just(" 80-89 岁 "), hs.hostile_text()),
                "amount": (st.integers(0, 50000), st.sampled_from((-1, 2**31, 10**30, "100", 1.5, None))),
                "form": (st.sampled_from(("mapping", "json")), st.sampled_from(("{", "[]", "null", "mapping"))),
                "starts_on": (st.just(plain_start), hs.dates()),
                "ends_on": (st.none(), st.one_of(st.none(), hs.dates())),
                "note": hs.texts(),
            }
        )
    )
    label, amount, starts_on, ends_on, note = (typed[k] for k in ("label", "amount", "starts_on", "ends_on", "note"))
    mapping: Any = {"tiers": [{"label": label, "amount_fen": amount, "min_age": 80}], "statuses": ["active"]}
    definition = {"mapping": mapping, "json": json.dumps(mapping)}.get(typed["form"], typed["form"])
    outcome = attempt(
        center,
        lambda: center.subsidies.add_version("elderly_allowance", starts_on, definition, admin, ends_on, note),
        None,
        ("subsidy_rules", "subsidy_rule_versions"),
        "subsidies.add_version",
    )
    justified(outcome, {"note": text_ok(normalize_line(note), "reason")})
    if isinstance(outcome, Refused):
        return
    stored = center.subsidies.rule("elderly_allowance").versions[-1]
    assert (stored.starts_on, stored.ends_on, stored.note) == (starts_on, ends_on, normalize_line(note))
    assert [(t.label, t.amount_fen) for t in stored.definition.tiers] == [(normalize_line(label), amount)]
    assert isinstance(amount, int) and 0 <= amount <= MAX_AMOUNT_FEN, f"an amount of {amount} fen was accepted"


@settings(max_examples=examples(24))
@given(month=st.one_of(st.just(dt.date(2026, 10, 1)), hs.dates()))
def test_a_subsidy_roster_is_approved_or_refused(
    center: CareCenter, admin: Actor, world: World, month: dt.date
) -> None:
    outcome = attempt(
        center,
        lambda: center.subsidy_rosters.approve(admin, world.center_id, month),
        None,
        ("subsidy_rosters", "subsidy_grants"),
        "subsidy_rosters.approve",
    )
    if not isinstance(outcome, Refused):
        assert [m.month for m in center.subsidy_rosters.approved_months(admin, world.center_id)].count(
            outcome.month
        ) == 1


@settings(max_examples=examples(35))
@given(what=hs.text_values(), action=st.sampled_from(("export", "print")))
def test_a_disclosure_is_recorded_or_refused(
    center: CareCenter, admin: Actor, world: World, what: str, action: str
) -> None:
    outcome = attempt(
        center,
        lambda: center.audit.record_disclosure(admin, action, "senior", what, world.senior_id),
        None,
        (),
        "audit.record_disclosure",
    )
    if not isinstance(outcome, Refused):
        lines = center.audit.lines(admin)
        assert any(line.action == action and line.after == what for line in lines)


@settings(max_examples=examples(24))
@given(username=usernames(), password=passwords())
def test_a_login_with_hostile_input_is_refused_without_a_trace(
    center: CareCenter, username: str, password: str
) -> None:
    """No account exists here, so every attempt is refused, and (no account to lock) nothing is written."""
    outcome = attempt(center, lambda: center.accounts.login(username, password), None, ("accounts",), "accounts.login")
    assert isinstance(outcome, Refused)
