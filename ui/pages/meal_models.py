"""The 助餐 page's tables: the day's servings, the orders, a senior's account ledger and statement, and totals.

Each holds plain frozen values from ``cc.meals`` in the core's order. Money columns show
元 with two decimals (the header says 元). A diet cell with 清真 is green and bold, an
allergy cell red, so they stand out in a printed or glanced-at list too; a voided ledger
line is grey with its reason. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from carecenter.domain.desk_vocab import BalanceEntryKind, Payment
from carecenter.domain.vocab import DietFlag
from carecenter.i18n import N_, _
from carecenter.meals.dto import DayTotals, LedgerLine, MealTotals, OrderRow, ServingRow, StatementMeal, TierTotal
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import MealType
from ui.pages.meal_widgets import DIET_COLORS, REFUSE_COLOR, diet_text, payment_text, place_text, weekday_name
from ui.widgets.field_row import MUTED_COLOR
from ui.widgets.record_table_model import RecordTableModel

SENIOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _diet_role(flags: tuple[DietFlag, ...], role: int) -> Any:
    """清真 in its green, bold: the one flag a server must never miss."""
    if DietFlag.HALAL not in flags:
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(DIET_COLORS[DietFlag.HALAL][0])
    if role == Qt.ItemDataRole.FontRole:
        return _bold()
    return None


def _allergy_role(role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(REFUSE_COLOR)
    if role == Qt.ItemDataRole.FontRole:
        return _bold()
    return None


# ---- the day's servings -------------------------------------------------------------------------------

SRV_TIME, SRV_NAME, SRV_MEAL, SRV_DIET, SRV_PLACE, SRV_PAYS, SRV_PAYMENT, SRV_NOTE = range(8)


class ServingTableModel(RecordTableModel[ServingRow]):
    """今日已供餐: latest first, as the core gives them."""

    def __init__(self) -> None:
        super().__init__(
            lambda: [
                _("Time"),
                _("Name"),
                _("Meal"),
                _("Diet"),
                _("Eat-in / delivered"),
                _("Pays (yuan)"),
                _("Payment"),
                _("Warned of"),
            ]
        )

    def display(self, record: ServingRow, column: int) -> str:
        values = {
            SRV_TIME: record.served_at.strftime("%H:%M"),
            SRV_NAME: record.name,
            SRV_MEAL: record.meal_type.label,
            SRV_DIET: diet_text(record.diet_flags),
            SRV_PLACE: place_text(record.delivery),
            SRV_PAYS: yuan(record.pays_fen),
            SRV_PAYMENT: payment_text(record.payment),
            SRV_NOTE: record.warnings,
        }
        return values.get(column, "")

    def role_data(self, record: ServingRow, column: int, role: int) -> Any:
        if role == SENIOR_ID_ROLE:
            return record.senior_id
        if role == Qt.ItemDataRole.ToolTipRole and column == SRV_NAME:
            return f"{record.name} {record.member_no}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SRV_PAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == SRV_DIET:
            return _diet_role(record.diet_flags, role)
        return None


def serving_samples() -> dict[int, str]:
    return {
        SRV_TIME: "12:59",
        SRV_NAME: "欧阳秀英",
        SRV_MEAL: MealType.BREAKFAST.label,
        SRV_DIET: "清真、糖尿病餐",
        SRV_PLACE: place_text(True),
        SRV_PAYS: "12.00",
        SRV_PAYMENT: payment_text(Payment.ALIPAY),
    }


# ---- the orders ---------------------------------------------------------------------------------------

ORD_NAME, ORD_MEMBER_NO, ORD_DIET, ORD_ALLERGIES, ORD_PLACE, ORD_ADDRESS, ORD_COURIER, ORD_SERVED = range(8)


class OrderTableModel(RecordTableModel[OrderRow]):
    """The day's live orders of one meal, by pinyin of the name."""

    def __init__(self) -> None:
        super().__init__(
            lambda: [
                _("Name"),
                _("Member no."),
                _("Diet"),
                _("Allergies"),
                _("Eat-in / delivered"),
                _("Delivery address"),
                _("Delivered by"),
                _("Served"),
            ]
        )

    def display(self, record: OrderRow, column: int) -> str:
        values = {
            ORD_NAME: record.name,
            ORD_MEMBER_NO: record.member_no,
            ORD_DIET: diet_text(record.diet_flags),
            ORD_ALLERGIES: record.allergies,
            ORD_PLACE: place_text(record.delivery),
            ORD_ADDRESS: record.address if record.delivery else "",
            ORD_COURIER: record.courier_name if record.delivery else "",
            ORD_SERVED: "✔" if record.served else "",
        }
        return values.get(column, "")

    def role_data(self, record: OrderRow, column: int, role: int) -> Any:
        if role == SENIOR_ID_ROLE:
            return record.senior_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ORD_ADDRESS and record.delivery:
                return record.address
            if column == ORD_DIET and record.diet_notes:
                return record.diet_notes
            if column == ORD_NAME and record.notes:
                return record.notes
        if column == ORD_DIET:
            return _diet_role(record.diet_flags, role)
        if column == ORD_ALLERGIES and record.allergies:
            return _allergy_role(role)
        return None


def order_samples() -> dict[int, str]:
    return {
        ORD_NAME: "欧阳秀英",
        ORD_MEMBER_NO: "M000000",
        ORD_DIET: "清真、糖尿病餐",
        ORD_ALLERGIES: "花生、海鲜",
        ORD_PLACE: place_text(True),
        ORD_COURIER: "王护理员",
        ORD_SERVED: "✔",
    }


# ---- a senior's prepaid account -----------------------------------------------------------------------

LED_TIME, LED_KIND, LED_AMOUNT, LED_BALANCE, LED_ABOUT = range(5)


def ledger_about(line: LedgerLine) -> str:
    """What the line was for: the meal it paid, a top-up's receipt and how it was paid, an overdraft, a void's reason."""
    parts = []
    if line.kind is BalanceEntryKind.MEAL and line.meal_day is not None:
        meal = line.meal_type.label if line.meal_type is not None else ""
        parts.append(f"{line.meal_day.isoformat()} {meal}")
    if line.receipt_no:
        parts.append(_("receipt {no}").format(no=line.receipt_no))
    if line.kind is BalanceEntryKind.TOP_UP and line.payment is not None:
        parts.append(payment_text(line.payment))
    if line.overdrawn:
        parts.append(_("overdrawn"))
    if line.note:
        parts.append(line.note)
    if line.voided:
        parts.append(_("voided: {reason}").format(reason=line.void_reason))
    return "　".join(parts)


class LedgerModel(RecordTableModel[LedgerLine]):
    """The account lines in order, each with the balance after it; voided lines grey.

    A line of the current ``year`` shows its day without the year (the tooltip has it).
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(lambda: [_("Time"), _("Entry"), _("Amount"), _("Balance after"), _("Details")])

    def display(self, record: LedgerLine, column: int) -> str:
        sign = "+" if record.amount_fen > 0 else ""
        values = {
            LED_TIME: record.at.strftime("%Y-%m-%d %H:%M" if record.at.year != self.year else "%m-%d %H:%M"),
            LED_KIND: _("Top-up") if record.kind is BalanceEntryKind.TOP_UP else _("Meal paid"),
            LED_AMOUNT: f"{sign}{yuan(record.amount_fen)}",
            LED_BALANCE: "" if record.voided else yuan(record.balance_fen),
            LED_ABOUT: ledger_about(record),
        }
        return values.get(column, "")

    def role_data(self, record: LedgerLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == LED_TIME:
            return _("{at}, entered by {who}").format(at=record.at.strftime("%Y-%m-%d %H:%M"), who=record.created_by)
        if role == Qt.ItemDataRole.ToolTipRole and column == LED_ABOUT:
            return ledger_about(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (LED_AMOUNT, LED_BALANCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if record.voided:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(MUTED_COLOR)
            if role == Qt.ItemDataRole.FontRole and column == LED_AMOUNT:
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        if column == LED_BALANCE and record.balance_fen < 0 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(REFUSE_COLOR)
        return None


def ledger_samples() -> dict[int, str]:
    return {
        LED_TIME: "11-22 12:00",
        LED_KIND: _("Meal paid"),
        LED_AMOUNT: "+1000.00",
        LED_BALANCE: "-1000.00",
    }


STM_DAY, STM_MEAL, STM_PRICE, STM_SUBSIDY, STM_PAYS, STM_PAYMENT = range(6)


class StatementMealsModel(RecordTableModel[StatementMeal]):
    """The meals of a senior's monthly statement."""

    def __init__(self) -> None:
        super().__init__(lambda: [_("Date"), _("Meal"), _("Price"), _("Subsidy"), _("Pays (short)"), _("Payment")])

    def display(self, record: StatementMeal, column: int) -> str:
        meal = record.meal_type.label + (_(" (delivered)") if record.delivery else "")
        values = {
            STM_DAY: f"{record.day.month}-{record.day.day:02d}",
            STM_MEAL: meal,
            STM_PRICE: yuan(record.price_fen),
            STM_SUBSIDY: yuan(record.subsidy_fen),
            STM_PAYS: yuan(record.pays_fen),
            STM_PAYMENT: payment_text(record.payment),
        }
        return values.get(column, "")

    def role_data(self, record: StatementMeal, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (STM_PRICE, STM_SUBSIDY, STM_PAYS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def statement_samples() -> dict[int, str]:
    return {
        STM_DAY: "11-30",
        STM_MEAL: MealType.LUNCH.label + _(" (delivered)"),
        STM_PRICE: "12.00",
        STM_SUBSIDY: "12.00",
        STM_PAYS: "12.00",
    }


# ---- totals -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One row of the totals tables: a key (for tests and exports), its label's msgid, how a total reads."""

    key: str
    msgid: str
    value: Callable[[MealTotals], str]


# One measure per row, one meal type per column (and 合计): narrow enough for half the page.
# The four payment rows are indented under 老人实付, whose parts they are.
MEASURES: tuple[Measure, ...] = (
    Measure("ordered", N_("Ordered"), lambda t: str(t.ordered)),
    Measure("served", N_("Served"), lambda t: str(t.served)),
    Measure("eat_in", N_("Eaten in"), lambda t: str(t.eat_in)),
    Measure("delivered", N_("Delivered"), lambda t: str(t.delivered)),
    Measure("no_order", N_("Without order"), lambda t: str(t.no_order)),
    Measure("price", N_("Meal prices (yuan)"), lambda t: yuan(t.price_fen)),
    Measure("subsidy", N_("Subsidy (yuan)"), lambda t: yuan(t.subsidy_fen)),
    Measure("paid", N_("Paid by seniors (yuan)"), lambda t: yuan(t.paid_fen)),
    Measure("cash", N_("of which cash"), lambda t: yuan(t.paid_with(Payment.CASH))),
    Measure("wechat", N_("of which WeChat"), lambda t: yuan(t.paid_with(Payment.WECHAT))),
    Measure("alipay", N_("of which Alipay"), lambda t: yuan(t.paid_with(Payment.ALIPAY))),
    Measure("balance", N_("of which balance"), lambda t: yuan(t.paid_with(Payment.BALANCE))),
)


class MeasureTableModel(RecordTableModel[Measure]):
    """Rows = measures, columns = 项目, each meal type, 合计; ``set_totals`` gives the figures."""

    def __init__(self) -> None:
        super().__init__(lambda: [_("Item"), *(m.label for m in MealType), _("All meals")])
        self._columns: list[MealTotals] = []

    def set_totals(self, by_meal: tuple[MealTotals, ...] | None, all_meals: MealTotals | None) -> None:
        self._columns = [*(by_meal or ()), all_meals] if all_meals is not None else []
        self.set_records(list(MEASURES) if all_meals is not None else [])

    def display(self, record: Measure, column: int) -> str:
        if column == 0:
            return _(record.msgid)
        return record.value(self._columns[column - 1]) if 0 < column <= len(self._columns) else ""

    def role_data(self, record: Measure, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == len(MealType) + 1:
            return _bold()
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == 0
            and record.key in ("cash", "wechat", "alipay", "balance")
        ):
            return QColor(MUTED_COLOR)
        return None

    def value(self, key: str, meal: MealType | None) -> str:
        """The cell of the measure ``key`` for ``meal`` (None: 合计), as shown."""
        row = next(i for i, m in enumerate(MEASURES) if m.key == key)
        column = len(MealType) + 1 if meal is None else list(MealType).index(meal) + 1
        return self.display_text(row, column)


def measure_samples() -> dict[int, str]:
    samples = {0: _("Paid by seniors (yuan)")}
    for column in range(1, len(MealType) + 2):
        samples[column] = "9999.00"
    return samples


DAY_DATE, DAY_ORDERED, DAY_SERVED, DAY_EAT_IN, DAY_DELIVERED, DAY_PRICE, DAY_SUBSIDY, DAY_PAID = range(8)


class MonthDaysModel(RecordTableModel[DayTotals]):
    """A month's days, one row each, all meals together."""

    def __init__(self) -> None:
        super().__init__(
            lambda: [
                _("Date"),
                _("Ordered"),
                _("Served"),
                _("Eaten in"),
                _("Delivered"),
                _("Price (yuan)"),
                _("Subsidy (yuan)"),
                _("Paid (yuan)"),
            ]
        )

    def display(self, record: DayTotals, column: int) -> str:
        t = record.all
        values = {
            DAY_DATE: _("{month}/{day} {weekday}").format(
                month=record.day.month, day=record.day.day, weekday=weekday_name(record.day)
            ),
            DAY_ORDERED: str(t.ordered),
            DAY_SERVED: str(t.served),
            DAY_EAT_IN: str(t.eat_in),
            DAY_DELIVERED: str(t.delivered),
            DAY_PRICE: yuan(t.price_fen),
            DAY_SUBSIDY: yuan(t.subsidy_fen),
            DAY_PAID: yuan(t.paid_fen),
        }
        return values.get(column, "")

    def role_data(self, record: DayTotals, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column != DAY_DATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and record.all.served == 0 and record.all.ordered == 0:
            return QColor(MUTED_COLOR)
        return None


def month_day_samples() -> dict[int, str]:
    return {
        DAY_DATE: "12/30 星期三",
        DAY_ORDERED: "1000",
        DAY_SERVED: "1000",
        DAY_EAT_IN: "1000",
        DAY_DELIVERED: "1000",
        DAY_PRICE: "10000.00",
        DAY_SUBSIDY: "10000.00",
        DAY_PAID: "10000.00",
    }


TIER_NAME, TIER_MEALS, TIER_PEOPLE, TIER_AMOUNT = range(4)


class TierTableModel(RecordTableModel[TierTotal]):
    """A month's meal subsidy per tier (民政's monthly report): meals, people, amount; meals without one last."""

    def __init__(self) -> None:
        super().__init__(lambda: [_("Tier"), _("Meals (count)"), _("People"), _("Subsidy (yuan)")])

    def display(self, record: TierTotal, column: int) -> str:
        values = {
            TIER_NAME: record.tier or _("No subsidy"),
            TIER_MEALS: str(record.meals),
            TIER_PEOPLE: str(record.seniors),
            TIER_AMOUNT: yuan(record.subsidy_fen),
        }
        return values.get(column, "")

    def role_data(self, record: TierTotal, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TIER_NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def tier_samples() -> dict[int, str]:
    return {TIER_MEALS: "10000", TIER_PEOPLE: "10000", TIER_AMOUNT: "99999.00"}
