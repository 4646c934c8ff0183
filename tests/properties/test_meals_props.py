"""Meals with hostile input: prices, menus, orders, serving, the prepaid balance.

Covered writes: ``subsidies.set_meal_price``, ``meals.set_menu``, ``meals.order``,
``meals.update_order``, ``meals.cancel_order``, ``meals.serve``, ``meals.void_serving``,
``meals.top_up``, ``meals.void_top_up``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from hypothesis import given, settings
from hypothesis import strategies as st

from carecenter.actor import Actor
from carecenter.domain.desk_vocab import Payment
from carecenter.domain.text import normalize_line
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, OrderUpdate, ServeInput, TopUpInput
from carecenter.subsidies.policy import MealType
from carecenter.subsidies.service import MAX_MEAL_PRICE_FEN
from tests.properties import strategies as hs
from tests.properties.harness import Refused, attempt, examples, justified, text_ok
from tests.properties.world import World

TODAY = hs.TODAY


def expected_fen(value: str | int) -> int | None:
    """The documented reading of a typed amount, stated independently: 元 with at most two decimals, or fen.

    Full-width digits, a ¥/￥ sign, a trailing 元 and thousands commas are allowed; anything else,
    negative amounts and more than two decimals are not (None).
    """
    if isinstance(value, int):
        return value if value >= 0 else None
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in value).replace("\u3000", " ")
    text = text.strip().replace(",", "")
    text = text.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    if not re.fullmatch(r"-?[0-9]{1,9}(\.[0-9]{0,2})?", text):
        return None
    try:
        fen = Decimal(text) * 100
    except InvalidOperation:
        return None
    return int(fen) if fen >= 0 else None


MEAL_TYPES = st.one_of(
    st.sampled_from(list(MealType)), st.sampled_from(("lunch", " dinner ", "午餐", "LUNCH", "")), hs.hostile_text()
)


@settings(max_examples=examples(96))
@given(data=st.data())
def test_a_meal_price_is_stored_as_fen_or_refused(center: CareCenter, admin: Actor, data: st.DataObject) -> None:
    latest = max((p.starts_on for p in center.subsidies.meal_prices()), default=TODAY)
    # A day after the latest price (an accepted far-future start such as 9999-12-31 leaves none: then that day again).
    after = st.integers(1, 40).map(lambda n: latest + dt.timedelta(days=min(n, (dt.date.max - latest).days)))
    plain_price = st.one_of(st.integers(0, 5000), st.sampled_from(("12", "12.5", "１５", "¥8.00", "6元")))
    fields: dict[str, hs.Pair] = {
        "meal_type": (st.sampled_from(list(MealType)), MEAL_TYPES),
        "starts_on": (after, hs.dates()),
        "price": (plain_price, hs.amounts()),
    }
    kwargs = data.draw(hs.mixed(fields))
    meal_type, starts_on, price = kwargs["meal_type"], kwargs["starts_on"], kwargs["price"]
    outcome = attempt(
        center,
        lambda: center.subsidies.set_meal_price(meal_type, starts_on, price, admin),
        {"meal_type", "starts_on", "price_fen"},
        ("meal_prices",),
        "subsidies.set_meal_price",
    )
    if isinstance(outcome, Refused):
        if "price_fen" in outcome.fields:
            fen = expected_fen(price)
            assert fen is None or fen > MAX_MEAL_PRICE_FEN, f"{price!r} refused"
        return
    fen = expected_fen(price)
    assert fen is not None and 0 <= fen <= MAX_MEAL_PRICE_FEN, f"{price!r} stored as {outcome.price_fen}"
    stored = [p for p in center.subsidies.meal_prices() if p.id == outcome.id]
    assert [(p.meal_type, p.starts_on, p.price_fen) for p in stored] == [
        (MealType.of(str(meal_type).strip()), starts_on, fen)
    ]


@settings(max_examples=examples(96))
@given(data=st.data())
def test_a_meal_is_ordered_served_and_taken_back_in_normal_form_or_refused(
    center: CareCenter, front_desk: Actor, admin: Actor, world: World, data: st.DataObject
) -> None:
    if not center.subsidies.meal_prices():
        for kind in MealType:
            center.subsidies.set_meal_price(kind, dt.date(2026, 1, 1), 1500, admin)
    fields: dict[str, hs.Pair] = {
        "day": (st.sampled_from((TODAY, TODAY + dt.timedelta(days=1))), hs.dates()),
        "meal": (st.just(MealType.LUNCH), st.sampled_from(list(MealType))),
        "dishes": (st.just("红烧肉 青菜 米饭"), hs.hostile_text()),
        "offered": (st.just(True), st.booleans()),
        "delivery": (st.booleans(), st.booleans()),
        "address": (st.sampled_from(("", "金水区 文化路 1 号")), hs.hostile_text()),
        "notes": hs.texts(),
        "courier": (st.sampled_from((None, world.caregiver_id)), st.sampled_from((0, world.social_id, -1))),
    }
    drawn = data.draw(hs.mixed(fields), "order")
    day, meal, dishes, offered = drawn["day"], drawn["meal"], drawn["dishes"], drawn["offered"]
    change = OrderUpdate(
        delivery=data.draw(st.booleans(), "delivery 2"),
        address=data.draw(hs.text_values(), "address 2"),
        courier_staff_id=data.draw(st.sampled_from((None, world.caregiver_id)), "courier 2"),
        notes=data.draw(hs.text_values(), "notes 2"),
    )
    serve = ServeInput(
        senior_id=world.senior_id,
        meal_type=meal,
        payment=data.draw(st.sampled_from((Payment.CASH, Payment.CASH, *Payment)), "payment"),
        day=data.draw(st.one_of(st.none(), st.just(day)), "serve day"),
        delivery=data.draw(st.one_of(st.none(), st.booleans()), "serve delivery"),
        override_overdraft=data.draw(st.booleans(), "override"),
    )
    void_reason = data.draw(st.one_of(st.just("录错了"), hs.text_values()), "void serving")
    cancel_reason = data.draw(st.one_of(st.just("不来了"), hs.text_values()), "cancel")
    menu = attempt(
        center,
        lambda: center.meals.set_menu(world.center_id, day, meal, dishes, offered, front_desk),
        {"day", "dishes", "meal_type"},
        ("meal_menus",),
        "meals.set_menu",
    )
    justified(menu, {"dishes": text_ok(normalize_line(dishes), "reason")})
    if not isinstance(menu, Refused):
        found = [m for m in center.meals.menus(world.center_id, day) if m.meal_type is meal]
        assert [(m.offered, m.dishes) for m in found] == [(offered, normalize_line(dishes))]

    delivery, address, notes = drawn["delivery"], drawn["address"], drawn["notes"]
    courier = drawn["courier"] if delivery else None
    order_input = OrderInput(world.senior_id, day, meal, delivery, address, courier, notes)
    tables = ("meal_orders", "meal_servings", "meal_balance_entries")
    order = attempt(center, lambda: center.meals.order(order_input, front_desk), None, tables, "meals.order")
    justified(order, {"notes": text_ok(normalize_line(notes), "reason")})
    if not isinstance(order, Refused):
        stored = center.meals.get_order(order.id, front_desk)
        expected_address = (normalize_line(address) or "金水区文化路 97 号院") if delivery else ""
        assert (stored.day, stored.meal_type, stored.delivery, stored.address, stored.notes) == (
            day,
            meal,
            delivery,
            expected_address,
            normalize_line(notes),
        )
        changed = attempt(
            center, lambda: center.meals.update_order(order.id, change, front_desk), None, tables, "meals.update_order"
        )
        if not isinstance(changed, Refused):
            assert center.meals.get_order(order.id, front_desk).notes == normalize_line(change.notes)

    served = attempt(center, lambda: center.meals.serve(serve, front_desk), None, tables, "meals.serve")
    if not isinstance(served, Refused):
        stored_serving = center.meals.get_serving(served.id, front_desk)
        assert stored_serving.pays_fen == max(0, stored_serving.price_fen - stored_serving.subsidy_fen)
        assert stored_serving.day == (serve.day or TODAY) <= TODAY
        back = attempt(
            center,
            lambda: center.meals.void_serving(served.id, void_reason, front_desk),
            {"void_reason"},
            tables,
            "meals.void_serving",
        )
        if isinstance(back, Refused):
            center.meals.void_serving(served.id, "录错了", front_desk)
    if not isinstance(order, Refused):
        cancelled = attempt(
            center,
            lambda: center.meals.cancel_order(order.id, cancel_reason, front_desk),
            None,
            tables,
            "meals.cancel_order",
        )
        if isinstance(cancelled, Refused):
            center.meals.cancel_order(order.id, "不来了", front_desk)
        else:
            assert center.meals.get_order(order.id, front_desk).void_reason == normalize_line(cancel_reason)


@settings(max_examples=examples(96))
@given(data=st.data())
def test_a_top_up_is_stored_in_normal_form_and_taken_back_or_refused(
    center: CareCenter, front_desk: Actor, world: World, data: st.DataObject
) -> None:
    fields: dict[str, hs.Pair] = {
        "amount": (st.integers(1, 10_000_00), st.sampled_from((0, -1, 10_000_01, 2**31, 2**63, True))),
        "receipt": (
            st.builds("NO.{}".format, st.integers(0, 10**9)),
            st.one_of(st.sampled_from(("ｎｏ．００１２ 3", "", " ", "a" * 33)), hs.hostile_text()),
        ),
        "payment": (st.sampled_from((Payment.CASH, Payment.WECHAT, Payment.ALIPAY)), st.sampled_from(list(Payment))),
        "note": hs.texts(),
        "void_reason": (st.just("收据填错"), hs.hostile_text()),
    }
    kwargs = data.draw(hs.mixed(fields))
    amount, receipt, payment, note, void_reason = (
        kwargs["amount"],
        kwargs["receipt"],
        kwargs["payment"],
        kwargs["note"],
        kwargs["void_reason"],
    )
    tables = ("meal_balance_entries",)
    before = center.meals.balance(world.senior_id, front_desk)
    data = TopUpInput(world.senior_id, amount, receipt, payment, note)
    outcome = attempt(center, lambda: center.meals.top_up(data, front_desk), None, tables, "meals.top_up")
    justified(outcome, {"note": text_ok(normalize_line(note), "reason")})
    if isinstance(outcome, Refused):
        assert center.meals.balance(world.senior_id, front_desk) == before
        return
    receipt_form = re.sub(
        r"\s+", "", "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in receipt)
    ).upper()
    assert (outcome.amount_fen, outcome.receipt_no, outcome.payment) == (
        amount,
        receipt_form.replace("\u3000", ""),
        payment,
    )
    assert center.meals.balance(world.senior_id, front_desk) == before + amount
    assert not isinstance(amount, bool) and 0 < amount <= 10_000_00
    back = attempt(
        center,
        lambda: center.meals.void_top_up(outcome.entry_id, void_reason, front_desk),
        {"void_reason", "entry_id", "amount_fen"},
        tables,
        "meals.void_top_up",
    )
    if isinstance(back, Refused):
        center.meals.void_top_up(outcome.entry_id, "收据填错", front_desk, override=True)
    assert center.meals.balance(world.senior_id, front_desk) == before
