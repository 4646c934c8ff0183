"""What the meals service (``cc.meals``) takes and gives: frozen dataclasses, never ORM rows.

Money is integer fen throughout. A "meal" is one of :class:`MealType`; a month is its
first day (:mod:`carecenter.domain.months`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from carecenter.desk.finder import DeskSenior
from carecenter.domain.desk_vocab import BalanceEntryKind, Payment
from carecenter.domain.vocab import DietFlag, Status
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.i18n import N_
from carecenter.subsidies.meal import MealCharge
from carecenter.subsidies.policy import MealType

FIELD_LABELS: dict[str, str] = {
    "senior_id": N_("Senior"),
    "center_id": N_("Center"),
    "day": N_("Date"),
    "meal_type": N_("Meal"),
    "dishes": N_("Dishes"),
    "delivery": N_("Delivery"),
    "address": N_("Delivery address"),
    "courier_staff_id": N_("Delivered by"),
    "notes": N_("Notes"),
    "order_id": N_("Meal order"),
    "serving_id": N_("Meal served"),
    "payment": N_("Payment"),
    "amount_fen": N_("Top-up amount"),
    "receipt_no": N_("Receipt no."),
    "note": N_("Note"),
    "entry_id": N_("Balance entry"),
    "month": N_("Month"),
}
"""Field labels (English msgids, translated when raised) for every FieldError the meals service raises."""


def field_error(field: str, reason: str) -> FieldError:
    """A FieldError labelled from :data:`FIELD_LABELS`."""
    return labelled(FIELD_LABELS, field, reason)


def refusal(field: str, reason: str) -> ValidationError:
    """The ValidationError every meals write raises: one field named with its reason."""
    return ValidationError([field_error(field, reason)])


TOP_UP_PAYMENTS = (Payment.CASH, Payment.WECHAT, Payment.ALIPAY)
"""How a top-up may be paid (not from the balance itself, and never "nothing")."""


# ---- inputs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderInput:
    """A meal order as the desk types it. ``address`` empty with ``delivery`` = the senior's address."""

    senior_id: int
    day: dt.date
    meal_type: MealType = MealType.LUNCH
    delivery: bool = False
    address: str = ""
    courier_staff_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class OrderUpdate:
    """What may change on a live order: eat-in/delivery, the address, the courier, the notes.

    ``address`` empty with ``delivery`` = the senior's address, as when ordering.
    """

    delivery: bool
    address: str = ""
    courier_staff_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ServeInput:
    """One meal handed out. ``day`` None = today; ``delivery`` None = as ordered (eat-in without an order);
    ``courier_staff_id`` None with a delivery = the order's courier.

    ``override_overdraft`` lets a meal paid from the balance take it below zero (marked overdrawn).
    """

    senior_id: int
    meal_type: MealType = MealType.LUNCH
    payment: Payment = Payment.CASH
    day: dt.date | None = None
    delivery: bool | None = None
    courier_staff_id: int | None = None
    override_overdraft: bool = False


@dataclass(frozen=True)
class TopUpInput:
    """Money paid into a senior's prepaid meal account, with the paper receipt's number."""

    senior_id: int
    amount_fen: int
    receipt_no: str
    payment: Payment = Payment.CASH
    note: str = ""


# ---- menus and orders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MenuInfo:
    """A meal of a center's day: offered or not, and its dishes. ``id`` None = lunch by default (no menu row)."""

    id: int | None
    center_id: int
    day: dt.date
    meal_type: MealType
    offered: bool
    dishes: str


@dataclass(frozen=True)
class OrderInfo:
    """One meal order (live, or cancelled = voided with its reason)."""

    id: int
    senior_id: int
    center_id: int
    day: dt.date
    meal_type: MealType
    delivery: bool
    address: str
    courier_staff_id: int | None
    courier_name: str
    notes: str
    voided: bool
    void_reason: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int  # the edit version: an order form sends it back as ``expected_version``


@dataclass(frozen=True)
class OrderRow:
    """A line of the day's order list: who, what to watch out for, where it goes, whether it was served."""

    order_id: int
    senior_id: int
    member_no: str
    name: str
    status: Status
    diet_flags: tuple[DietFlag, ...]
    allergies: str
    diet_notes: str
    meal_type: MealType
    delivery: bool
    address: str
    courier_staff_id: int | None
    courier_name: str
    notes: str
    served: bool
    serving_id: int | None


@dataclass(frozen=True)
class AllergyNote:
    """A senior whose allergies the kitchen must watch for in this meal."""

    senior_id: int
    member_no: str
    name: str
    allergies: str
    delivery: bool


@dataclass(frozen=True)
class KitchenCount:
    """How many portions of a meal to cook, and for which diets.

    ``by_diet`` has every :class:`DietFlag` in order (zeros included); a senior with several
    flags counts under each. ``plain`` is the portions without any flag (普通).
    """

    center_id: int | None
    day: dt.date
    meal_type: MealType
    total: int
    eat_in: int
    delivered: int
    by_diet: tuple[tuple[DietFlag, int], ...]
    plain: int
    allergies: tuple[AllergyNote, ...]

    def diet(self, flag: DietFlag) -> int:
        return dict(self.by_diet).get(flag, 0)


# ---- serving --------------------------------------------------------------------------------------


class WarningCode(StrEnum):
    """What the server is warned of at the serving moment. ENDED and ALREADY_SERVED refuse the meal;
    BALANCE_LOW refuses paying from the balance without the override; the others only warn."""

    NO_ORDER = "no_order"
    PAUSED = "paused"
    ALREADY_SERVED = "already_served"
    ENDED = "ended"
    BALANCE_LOW = "balance_low"


REFUSING = frozenset({WarningCode.ENDED, WarningCode.ALREADY_SERVED})


@dataclass(frozen=True)
class MealWarning:
    """A warning code and its text as shown (translated, naming the time or status where it helps)."""

    code: WarningCode
    text: str

    @property
    def refuses(self) -> bool:
        return self.code in REFUSING


@dataclass(frozen=True)
class ServingInfo:
    """A meal served: the figures charged at serving, how it was paid, what the server was warned of.

    ``balance_fen`` is the senior's prepaid balance after this call (whatever the payment).
    """

    id: int
    senior_id: int
    center_id: int
    order_id: int | None
    day: dt.date
    meal_type: MealType
    delivery: bool
    courier_staff_id: int | None
    served_at: dt.datetime
    price_fen: int
    subsidy_fen: int
    pays_fen: int
    subsidy_reason: str
    payment: Payment
    warnings: str
    voided: bool
    void_reason: str
    balance_fen: int
    overdrawn: bool


@dataclass(frozen=True)
class ServingPreview:
    """Everything the server must see before pressing Enter: who, the diet, the charge, the order, the balance,
    the earlier serving if any, and the warnings (refusing ones first)."""

    senior: DeskSenior
    day: dt.date
    meal_type: MealType
    status: Status | None  # the status on ``day`` (None: not yet registered)
    charge: MealCharge | None  # None when the senior is refused (ENDED) or the meal has no price
    order: OrderInfo | None
    served: ServingInfo | None
    balance_fen: int
    warnings: tuple[MealWarning, ...]

    @property
    def codes(self) -> tuple[WarningCode, ...]:
        return tuple(w.code for w in self.warnings)

    @property
    def refused(self) -> bool:
        """The meal cannot be served (退出/去世, or already served)."""
        return any(w.refuses for w in self.warnings)

    @property
    def delivery(self) -> bool:
        """What serving will record without being told: as ordered, eat-in without an order."""
        return self.order.delivery if self.order is not None else False

    @property
    def suggested_payment(self) -> Payment:
        """Nothing to pay → NONE; enough balance → BALANCE; otherwise cash."""
        pays = self.charge.pays_fen if self.charge is not None else 0
        if pays == 0:
            return Payment.NONE
        return Payment.BALANCE if self.balance_fen >= pays else Payment.CASH


@dataclass(frozen=True)
class ServingRow:
    """A line of the day's served list."""

    serving_id: int
    senior_id: int
    member_no: str
    name: str
    diet_flags: tuple[DietFlag, ...]
    allergies: str
    meal_type: MealType
    served_at: dt.datetime
    delivery: bool
    courier_name: str
    had_order: bool
    price_fen: int
    subsidy_fen: int
    pays_fen: int
    payment: Payment
    warnings: str


# ---- balance --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceInfo:
    """A balance entry just written or voided, and the senior's balance after it."""

    senior_id: int
    entry_id: int
    kind: BalanceEntryKind
    amount_fen: int
    receipt_no: str
    payment: Payment | None
    voided: bool
    balance_fen: int


@dataclass(frozen=True)
class LedgerLine:
    """A line of a senior's prepaid meal account, with the balance after it (live lines only count).

    ``meal_day``/``meal_type`` name the meal a MEAL line paid for.
    """

    entry_id: int
    senior_id: int
    at: dt.datetime
    kind: BalanceEntryKind
    amount_fen: int
    receipt_no: str
    payment: Payment | None
    serving_id: int | None
    meal_day: dt.date | None
    meal_type: MealType | None
    overdrawn: bool
    note: str
    voided: bool
    void_reason: str
    balance_fen: int
    created_by: str


# ---- totals ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MealTotals:
    """One meal type's figures (``meal_type`` None = all meals together) over a day or a month.

    ``ordered`` counts live orders; ``served`` live servings, split into ``eat_in`` and
    ``delivered``; ``no_order`` the servings without an order. ``paid_by`` sums ``pays_fen``
    per payment method (every method present, zeros included).
    """

    meal_type: MealType | None
    ordered: int
    served: int
    eat_in: int
    delivered: int
    no_order: int
    price_fen: int
    subsidy_fen: int
    paid_fen: int
    paid_by: tuple[tuple[Payment, int], ...]

    def paid_with(self, payment: Payment) -> int:
        return dict(self.paid_by).get(payment, 0)


@dataclass(frozen=True)
class DayTotals:
    """A day's meals: per meal type (every type, in order) and all together."""

    center_id: int | None
    day: dt.date
    by_meal: tuple[MealTotals, ...]
    all: MealTotals

    def of(self, meal_type: MealType) -> MealTotals:
        return next(t for t in self.by_meal if t.meal_type is meal_type)


@dataclass(frozen=True)
class TierTotal:
    """The meal subsidy of a month for one tier: how many meals, how much in all.

    ``tier`` is the tier's label, or "" for meals that got no subsidy.
    """

    tier: str
    meals: int
    seniors: int
    subsidy_fen: int


@dataclass(frozen=True)
class MonthTotals:
    """A month's meals: per meal type and all together, each day's figures, the unduplicated
    seniors served (all meals and per meal type), and the subsidy per tier (民政's monthly report)."""

    center_id: int | None
    month: dt.date
    by_meal: tuple[MealTotals, ...]
    all: MealTotals
    days: tuple[DayTotals, ...]
    seniors: int
    seniors_by_meal: tuple[tuple[MealType, int], ...]
    subsidy_by_tier: tuple[TierTotal, ...]

    def of(self, meal_type: MealType) -> MealTotals:
        return next(t for t in self.by_meal if t.meal_type is meal_type)


@dataclass(frozen=True)
class StatementMeal:
    """A meal on a senior's monthly statement."""

    serving_id: int
    day: dt.date
    meal_type: MealType
    delivery: bool
    price_fen: int
    subsidy_fen: int
    pays_fen: int
    payment: Payment


@dataclass(frozen=True)
class StatementTopUp:
    """A top-up on a senior's monthly statement."""

    entry_id: int
    day: dt.date
    amount_fen: int
    receipt_no: str
    payment: Payment | None


@dataclass(frozen=True)
class Statement:
    """A senior's month of meals (对账单): each meal, the top-ups, the prepaid balance at the month's
    start and end, and the month's totals (price, subsidy, paid; paid from the balance)."""

    senior_id: int
    member_no: str
    name: str
    month: dt.date
    meals: tuple[StatementMeal, ...]
    top_ups: tuple[StatementTopUp, ...]
    opening_balance_fen: int
    closing_balance_fen: int
    price_fen: int
    subsidy_fen: int
    paid_fen: int
    paid_from_balance_fen: int
    topped_up_fen: int
