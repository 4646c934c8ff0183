"""``cc.meals``: 助餐 — the day's menu, orders, the serving moment, the prepaid balance, totals and statements.

Writes need ``DAILY_OPERATIONS`` (every desk role has it), reads ``LOOKUP_SENIORS``. One
session per call; a refused call writes nothing. The work lives in small modules
(:mod:`.menus`, :mod:`.orders`, :mod:`.serving`, :mod:`.balance`, :mod:`.totals`,
:mod:`.statement`); this class checks permissions, opens the session and delegates.

Prices and subsidies come only from :func:`carecenter.subsidies.meal.meal_charge`; a
serving keeps the figures of its moment and is never recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.conflicts import retry_race
from carecenter.db.sessions import Sessions
from carecenter.meals import balance, menus, orders, serving, totals
from carecenter.meals import statement as statements
from carecenter.meals.dto import (
    BalanceInfo,
    DayTotals,
    KitchenCount,
    LedgerLine,
    MenuInfo,
    MonthTotals,
    OrderInfo,
    OrderInput,
    OrderRow,
    OrderUpdate,
    ServeInput,
    ServingInfo,
    ServingPreview,
    ServingRow,
    Statement,
    TopUpInput,
)
from carecenter.permissions import Permission, require
from carecenter.seniors.records import load as load_senior
from carecenter.subsidies.policy import MealType


class MealService:
    """``cc.meals``: see the module docstring."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- menus ----------------------------------------------------------------------------------

    def set_menu(
        self, center_id: int, day: dt.date, meal_type: MealType, dishes: str, offered: bool, actor: Actor
    ) -> MenuInfo:
        """Say whether ``meal_type`` is offered at the center on ``day`` and with which dishes (creates or
        replaces the day's menu row). Taking a meal off a day that has live orders is refused (naming them)."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return menus.set_menu(session, self._clock, actor, center_id, day, meal_type, dishes, offered)

    def menus(self, center_id: int, day: dt.date) -> list[MenuInfo]:
        """Every meal type of the day in order, offered or not (lunch is offered without a menu row)."""
        with self._sessions() as session:
            menus.check_center(session, center_id)
            return menus.menu_infos(session, center_id, day)

    def offered_meals(self, center_id: int, day: dt.date) -> tuple[MealType, ...]:
        """The meal types the center offers on ``day``, in order (lunch unless a menu row says otherwise)."""
        with self._sessions() as session:
            menus.check_center(session, center_id)
            return menus.offered_meals(session, center_id, day)

    # ---- orders ---------------------------------------------------------------------------------

    def order(self, data: OrderInput, actor: Actor) -> OrderInfo:
        """Order a meal for a senior. Refused: 退出/去世, a meal not offered that day, a day before today,
        a delivery without an address, an inactive or unknown courier, a live order for the same meal."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return orders.info(session, orders.place(session, self._clock, actor, data))

    def update_order(
        self,
        order_id: int,
        data: OrderUpdate,
        actor: Actor,
        expected_version: int | None = None,
        opened: OrderInfo | None = None,
    ) -> OrderInfo:
        """Change a live order's delivery, address, courier or notes (same checks as ordering).

        ``expected_version``/``opened``: the order as the form had it; a field another desk changed
        since raises :class:`~carecenter.conflicts.EditConflictError` and nothing is written (None: no check).
        """
        require(actor, Permission.DAILY_OPERATIONS)

        def change() -> OrderInfo:
            with self._sessions(actor) as session:
                order = orders.change(session, self._clock, actor, order_id, data, expected_version, opened)
                return orders.info(session, order)

        return retry_race(change)

    def cancel_order(self, order_id: int, reason: str, actor: Actor) -> OrderInfo:
        """Cancel (void) an order with a reason; an order already served cannot be cancelled (void the serving first)."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return orders.info(session, orders.cancel(session, self._clock, actor, order_id, reason))

    def get_order(self, order_id: int, actor: Actor) -> OrderInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return orders.info(session, orders.load_order(session, order_id))

    def orders(
        self, actor: Actor, center_id: int | None, day: dt.date, meal_type: MealType = MealType.LUNCH
    ) -> list[OrderRow]:
        """The day's live orders of a meal, by pinyin of the name (delivery rows carry address and courier)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return orders.rows(session, center_id, day, meal_type)

    def kitchen_count(
        self, actor: Actor, center_id: int | None, day: dt.date, meal_type: MealType = MealType.LUNCH
    ) -> KitchenCount:
        """Portions to cook from the live orders: total, eat-in, delivered, per diet flag, plain, and allergies."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return orders.kitchen_count(session, center_id, day, meal_type)

    # ---- serving --------------------------------------------------------------------------------

    def preview(self, senior_id: int, meal_type: MealType, actor: Actor, day: dt.date | None = None) -> ServingPreview:
        """What the server sees on choosing a senior: card, charge, order, balance, warnings. Writes nothing."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return serving.preview(session, self._clock, senior_id, meal_type, day or self._clock.today())

    def serve(self, data: ServeInput, actor: Actor) -> ServingInfo:
        """Record a meal handed out (the figures of :func:`meal_charge` at this moment); paying from the
        balance writes the balance line in the same transaction. Refused: 退出/去世, already served,
        balance too low without the override, a day in the future."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return serving.serve(session, self._clock, actor, data)

    def void_serving(self, serving_id: int, reason: str, actor: Actor) -> ServingInfo:
        """Take back a mistaken serving (with a reason); its balance line is voided too (the money returns)."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return serving.void_serving(session, self._clock, actor, serving_id, reason)

    def get_serving(self, serving_id: int, actor: Actor) -> ServingInfo:
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            found = serving.load_serving(session, serving_id)
            return serving.info(session, found, balance.balance_of(session, found.senior_id))

    def servings(
        self, actor: Actor, center_id: int | None, day: dt.date, meal_type: MealType | None = MealType.LUNCH
    ) -> list[ServingRow]:
        """The day's live servings (of one meal type, or all with None), latest first."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return serving.rows(session, center_id, day, meal_type)

    # ---- balance --------------------------------------------------------------------------------

    def top_up(self, data: TopUpInput, actor: Actor) -> BalanceInfo:
        """Pay money into the senior's prepaid meal account (amount > 0, a receipt number, cash/WeChat/Alipay)."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return balance.top_up(session, self._clock, actor, data)

    def void_top_up(self, entry_id: int, reason: str, actor: Actor, override: bool = False) -> BalanceInfo:
        """Take back a mistaken top-up; refused when it would leave the balance below zero, unless ``override``."""
        require(actor, Permission.DAILY_OPERATIONS)
        with self._sessions(actor) as session:
            return balance.void_top_up(session, self._clock, actor, entry_id, reason, override)

    def balance(self, senior_id: int, actor: Actor) -> int:
        """The senior's prepaid meal balance in fen (the sum of the live lines; may be negative after an override)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            load_senior(session, senior_id)
            return balance.balance_of(session, senior_id)

    def balances(self, actor: Actor, senior_ids: Collection[int]) -> dict[int, int]:
        """Balances of many seniors in one query (every id present, 0 without lines)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return balance.balances_of(session, senior_ids)

    def ledger(
        self, senior_id: int, actor: Actor, month: dt.date | None = None, include_voided: bool = False
    ) -> list[LedgerLine]:
        """The senior's account lines in order with the running balance (``month``: only that month's lines,
        the running balance still starting from everything before)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            load_senior(session, senior_id)
            return balance.ledger(session, senior_id, month, include_voided)

    # ---- totals ---------------------------------------------------------------------------------

    def day_counts(self, actor: Actor, center_id: int | None, day: dt.date) -> tuple[int, int]:
        """(live orders, live servings) of the day over all meals: two cheap counts for the today page."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return totals.day_counts(session, center_id, day)

    def day_totals(self, actor: Actor, center_id: int | None, day: dt.date) -> DayTotals:
        """The day's meals per meal type and all together."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return totals.day_totals(session, center_id, day)

    def month_totals(self, actor: Actor, center_id: int | None, month: dt.date) -> MonthTotals:
        """The month's meals: per meal type, per day, unduplicated seniors, subsidy per tier (a few queries)."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return totals.month_totals(session, center_id, month)

    def statement(self, actor: Actor, senior_id: int, month: dt.date) -> Statement:
        """A senior's monthly statement: the meals, the top-ups, opening and closing balance, totals."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return statements.statement(session, senior_id, month)
