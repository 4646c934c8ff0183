"""餐费账户: a senior's prepaid meal account — the balance, 充值, the ledger, 作废充值, the monthly statement.

The senior is chosen with the desk's search line; the balance then shows in large type
(red below zero, after an authorised overdraft). 充值… opens the top-up form; the
ledger lists every line with the balance after it, voided lines greyed with their
reason; 作废充值… takes back the chosen top-up with a reason (when it was already
spent, only with the explicit 允许余额为负 tick). Beside it, the senior's 对账单 for a
month: the meals with price, subsidy and what was paid, the top-ups, the balance at the
month's start and end. Every read and write is one short core call on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.finder import DeskSenior
from carecenter.domain.desk_vocab import BalanceEntryKind
from carecenter.domain.months import month_label
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import BalanceInfo, LedgerLine, Statement
from ui.dialogs.meal_void_dialog import TOP_UP_REASONS, VoidDialog
from ui.dialogs.top_up_dialog import TopUpDialog
from ui.pages.meal_models import (
    LED_ABOUT,
    STM_PAYMENT,
    LedgerModel,
    StatementMealsModel,
    ledger_samples,
    statement_samples,
)
from ui.pages.meal_widgets import REFUSE_COLOR, money
from ui.widgets.field_row import bold
from ui.widgets.month_chooser import MonthChooser
from ui.widgets.record_table_model import record_view
from ui.widgets.senior_finder import SeniorFinder
from ui.widgets.status_line import StatusLine


class AccountsPanel(QWidget):
    """The 餐费账户 tab; ``changed`` after a top-up or a void."""

    changed = Signal()

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._clock = clock
        self.senior: DeskSenior | None = None
        self.balance_fen = 0
        self.statement: Statement | None = None
        self._build()

    # ---- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.finder = SeniorFinder(
            self._cc,
            self._actor,
            self._center_id,
            _("Initials, last 4 ID digits or member no. — Enter opens the account"),
            parent=self,
        )
        self.finder.chosen.connect(lambda senior: self.show_senior(senior))
        self.name_label = QLabel(_("Choose a senior above to see the meal account."), self)
        self.name_label.setObjectName("accountName")
        self.name_label.setWordWrap(True)
        bold(self.name_label, 1.4)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("accountBalance")
        bold(self.balance_label, 2.0)
        self.top_up_button = QPushButton(_("&Top up…"), self)
        bold(self.top_up_button, 1.15)
        self.top_up_button.setAutoDefault(False)
        self.top_up_button.clicked.connect(lambda: self.top_up())
        self.void_button = QPushButton(_("&Void the top-up…"), self)
        self.void_button.setAutoDefault(False)
        self.void_button.setToolTip(_("Take back the chosen top-up (typed twice, wrong amount), with a reason"))
        self.void_button.clicked.connect(lambda: self.void_top_up())
        self.notice = StatusLine(self, name="accountNotice", plain=True, hide_when_empty=True)

        self.ledger_model = LedgerModel(self._clock.today().year)
        self.ledger = record_view(
            self.ledger_model, ledger_samples(), 14, stretch=LED_ABOUT, name="ledgerTable", parent=self
        )
        self.ledger.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        ledger_title = QLabel(_("Account lines"), self)
        bold(ledger_title, 1.1)

        self.month_chooser = MonthChooser(self._clock.today, self, scale=1.1)
        self.month_chooser.month_changed.connect(lambda _month: self._read_statement())
        statement_title = QLabel(_("Monthly statement"), self)
        bold(statement_title, 1.1)
        self.statement_label = QLabel(self)
        self.statement_label.setObjectName("statementTotals")
        self.statement_label.setWordWrap(True)
        self.statement_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statement_model = StatementMealsModel()
        self.statement_table = record_view(
            self.statement_model, statement_samples(), 10, stretch=STM_PAYMENT, name="statementTable", parent=self
        )

        head = QHBoxLayout()
        who = QVBoxLayout()
        who.addWidget(self.name_label)
        who.addWidget(self.balance_label)
        head.addLayout(who, 1)
        head.addWidget(self.top_up_button)
        head.addWidget(self.void_button)
        left = QVBoxLayout()
        left.addWidget(ledger_title)
        left.addWidget(self.ledger, 1)
        right = QVBoxLayout()
        month_row = QHBoxLayout()
        month_row.addWidget(statement_title)
        month_row.addStretch(1)
        month_row.addWidget(self.month_chooser)
        right.addLayout(month_row)
        right.addWidget(self.statement_label)
        right.addWidget(self.statement_table, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(12)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.finder)
        layout.addLayout(head)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.finder)
        self._update_buttons()

    # ---- reading ---------------------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        self._center_id = center_id
        self.finder.set_center(center_id)

    def show_senior(self, senior: DeskSenior) -> None:
        """Choose ``senior``: the balance, the ledger and the chosen month's statement."""
        self.senior = senior
        self.say("")
        self.refresh()
        self.finder.setFocus()

    def refresh(self) -> None:
        senior = self.senior
        if senior is None:
            self.ledger_model.set_records([])
            self.statement_model.set_records([])
            self.balance_label.setText("")
            self._update_buttons()
            return
        try:
            self.balance_fen = self._cc.meals.balance(senior.id, self._actor)
            lines = self._cc.meals.ledger(senior.id, self._actor, include_voided=True)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return
        self.name_label.setText(f"{senior.name}　{senior.member_no}")
        self.balance_label.setText(_("Meal balance: {amount}").format(amount=money(self.balance_fen)))
        self.balance_label.setStyleSheet(f"color: {REFUSE_COLOR if self.balance_fen < 0 else '#0d3c61'};")
        self.ledger_model.set_records(list(reversed(lines)))  # newest first: what was just done is on top
        if lines:
            self.ledger.selectRow(0)
        self._read_statement()
        self._update_buttons()

    def _read_statement(self) -> None:
        senior = self.senior
        if senior is None:
            return
        try:
            statement = self._cc.meals.statement(self._actor, senior.id, self.month_chooser.month())
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return
        self.statement = statement
        self.statement_model.set_records(statement.meals)
        self.statement_label.setText(statement_text(statement))

    def _update_buttons(self) -> None:
        line = self.current_line()
        self.top_up_button.setEnabled(self.senior is not None)
        self.void_button.setEnabled(line is not None and line.kind is BalanceEntryKind.TOP_UP and not line.voided)

    def current_line(self) -> LedgerLine | None:
        index = self.ledger.currentIndex()
        return self.ledger_model.record(index.row()) if index.isValid() else None

    def balance_text(self) -> str:
        return self.balance_label.text()

    def say(self, text: str, ok: bool = True) -> None:
        self.notice.say(text, ok)

    # ---- writing ---------------------------------------------------------------------------------

    def open_top_up(self) -> TopUpDialog | None:
        """The top-up form for the chosen senior (the caller runs it)."""
        if self.senior is None:
            return None
        return TopUpDialog(self._cc, self._actor, self.senior, self.balance_fen, parent=self)

    def top_up(self) -> bool:
        dialog = self.open_top_up()
        if dialog is None:
            self.say(_("Choose a senior first."), ok=False)
            return False
        saved = dialog.run()
        if saved is None:
            return False
        self.refresh()
        self.say(
            _("Topped up {amount}; the balance is now {balance}.").format(
                amount=money(saved.amount_fen), balance=money(saved.balance_fen)
            )
        )
        self.changed.emit()
        return True

    def void_top_up(self) -> bool:
        line = self.current_line()
        if line is None or line.kind is not BalanceEntryKind.TOP_UP or line.voided:
            self.say(_("Choose the top-up to void in the account lines first."), ok=False)
            return False
        entry = line.entry_id
        dialog: VoidDialog[BalanceInfo] = VoidDialog(
            _("Void a top-up"),
            _("Void the top-up of {amount} on {day} (receipt {receipt})").format(
                amount=money(line.amount_fen), day=line.at.date().isoformat(), receipt=line.receipt_no or "—"
            ),
            _("The line stays in the account, greyed, with the reason; the balance goes down by the amount."),
            _("Void the top-up"),
            lambda reason: self._cc.meals.void_top_up(entry, reason, self._actor),
            TOP_UP_REASONS,
            override_text=_("The money was already spent: allow the balance to go below zero"),
            act_with_override=lambda reason: self._cc.meals.void_top_up(entry, reason, self._actor, override=True),
            parent=self,
        )
        saved = dialog.run()
        if saved is None:
            return False
        self.refresh()
        self.say(_("Top-up voided; the balance is now {balance}.").format(balance=money(saved.balance_fen)))
        self.changed.emit()
        return True


def statement_text(statement: Statement) -> str:
    """The statement's totals in three lines, as read to a family at the desk."""
    month = month_label(statement.month)
    lines = [
        _("{month}: {n} meals, price {price}, subsidy {subsidy}, paid {paid} (from the balance {balance}).").format(
            month=month,
            n=len(statement.meals),
            price=money(statement.price_fen),
            subsidy=money(statement.subsidy_fen),
            paid=money(statement.paid_fen),
            balance=money(statement.paid_from_balance_fen),
        ),
        _("Balance at the start {opening}, topped up {topped} ({n} times), balance at the end {closing}.").format(
            opening=money(statement.opening_balance_fen),
            topped=money(statement.topped_up_fen),
            n=len(statement.top_ups),
            closing=money(statement.closing_balance_fen),
        ),
    ]
    return "\n".join(lines)
