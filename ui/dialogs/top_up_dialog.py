"""充值: money paid into a senior's prepaid meal account, with the paper receipt's number.

The amount is typed in 元 with at most two decimals (100, 100.5, ¥200, １００ all work)
and sent to the core in fen; a zero or negative amount goes to the core as typed, so
the core's own reason shows under the field and nothing is saved. The balance now and
after the top-up are shown as the amount is typed, so a slip (1000 for 100.0) is seen
before saving. Threading: the save is one short core call on the UI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from carecenter.actor import Actor
from carecenter.desk.finder import DeskSenior
from carecenter.domain.text import to_halfwidth
from carecenter.errors import FieldError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import FIELD_LABELS, TOP_UP_PAYMENTS, BalanceInfo, TopUpInput
from carecenter.subsidies.money import parse_yuan
from ui.pages.meal_widgets import money
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import bold
from ui.widgets.form_dialog import FormDialog, form_layout, quiet_label


def typed_fen(text: str) -> int:
    """The amount typed, in fen; a minus sign is kept (the core refuses it with its own reason).

    Raises FieldError (``amount_fen``) for text that is not an amount at all.
    """
    raw = to_halfwidth(text).strip()
    negative = raw.startswith("-")
    label = _(FIELD_LABELS["amount_fen"])
    fen = parse_yuan(raw[1:] if negative else raw, "amount_fen", label)
    return -fen if negative else fen


class TopUpDialog(FormDialog[BalanceInfo]):
    """Top up ``senior``'s account; ``saved`` holds the :class:`BalanceInfo` after 充值."""

    def __init__(
        self, cc: CareCenter, actor: Actor, senior: DeskSenior, balance_fen: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Top up the meal account: {name}").format(name=senior.name), parent)
        self._cc = cc
        self._actor = actor
        self._senior = senior
        self._balance_fen = balance_fen

        heading = QLabel(f"{senior.name}　{senior.member_no}", self)
        bold(heading, 1.4)
        self.balance_label = QLabel(_("Balance now: {amount}").format(amount=money(balance_fen)), self)
        bold(self.balance_label, 1.15)

        form = form_layout()
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setPlaceholderText(_("e.g. 200 or 150.50"))
        bold(self.amount_edit, 1.3)
        self.amount_edit.textChanged.connect(lambda _text: self._amount_changed())
        self.add_row(form, "amount_fen", self.amount_edit, _("Amount (yuan)"), required=True)
        self.receipt_edit = QLineEdit(self)
        self.receipt_edit.setPlaceholderText(_("The number on the paper receipt"))
        self.receipt_edit.setMaxLength(32)
        self.receipt_edit.textChanged.connect(lambda _text: self.rows["receipt_no"].clear_error())
        self.add_row(form, "receipt_no", self.receipt_edit, _(FIELD_LABELS["receipt_no"]), required=True)
        self.payment_combo = QComboBox(self)
        for payment in TOP_UP_PAYMENTS:
            self.payment_combo.addItem(payment.label, payment.value)
        self.add_row(form, "payment", self.payment_combo, _(FIELD_LABELS["payment"]), required=True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(_("e.g. paid by her daughter"))
        self.add_row(form, "note", self.note_edit, _(FIELD_LABELS["note"]))

        hint = quiet_label(_("The money is recorded, not processed: take it and give the receipt first."), self)
        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Top up"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        self.lay_out(heading, self.balance_label, hint, 6, form, buttons=box)
        self.resize(620, 440)
        self.amount_edit.setFocus()

    def _amount_changed(self) -> None:
        """Say the balance after the top-up while the amount is typed (nothing when it is not an amount yet)."""
        self.rows["amount_fen"].clear_error()
        try:
            fen = typed_fen(self.amount_edit.text())
        except FieldError:
            self.rows["amount_fen"].set_info("")
            return
        after = _("Balance after the top-up: {amount}").format(amount=money(self._balance_fen + fen))
        self.rows["amount_fen"].set_info(after if fen > 0 else "")

    def save(self) -> bool:
        """充值: a refusal (an unreadable amount too) shows each reason under its field; nothing is saved."""

        def top_up() -> BalanceInfo:
            data = TopUpInput(
                senior_id=self._senior.id,
                amount_fen=typed_fen(self.amount_edit.text()),
                receipt_no=self.receipt_edit.text(),
                payment=TOP_UP_PAYMENTS[max(0, self.payment_combo.currentIndex())],
                note=self.note_edit.text(),
            )
            return self._cc.meals.top_up(data, self._actor)

        return self.submit(top_up)
