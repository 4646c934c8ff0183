"""充值: money paid into a senior's prepaid meal account, with the paper receipt's number.

The amount is typed in 元 with at most two decimals (100, 100.5, ¥200, １００ all work)
and sent to the core in fen; a zero or negative amount goes to the core as typed, so
the core's own reason shows under the field and nothing is saved. The balance now and
after the top-up are shown as the amount is typed, so a slip (1000 for 100.0) is seen
before saving. Threading: the save is one short core call on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.desk.finder import DeskSenior
from carecenter.domain.text import to_halfwidth
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import FIELD_LABELS, TOP_UP_PAYMENTS, BalanceInfo, TopUpInput
from carecenter.subsidies.money import parse_yuan
from ui.pages.meal_widgets import money
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import (
    ERROR_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    bold,
    ensure_readable_font,
    label_text,
    show_refusal,
)


def typed_fen(text: str) -> int:
    """The amount typed, in fen; a minus sign is kept (the core refuses it with its own reason).

    Raises FieldError (``amount_fen``) for text that is not an amount at all.
    """
    raw = to_halfwidth(text).strip()
    negative = raw.startswith("-")
    label = _(FIELD_LABELS["amount_fen"])
    fen = parse_yuan(raw[1:] if negative else raw, "amount_fen", label)
    return -fen if negative else fen


class TopUpDialog(QDialog):
    """Top up ``senior``'s account; ``saved`` holds the :class:`BalanceInfo` after 充值."""

    def __init__(
        self, cc: CareCenter, actor: Actor, senior: DeskSenior, balance_fen: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior = senior
        self._balance_fen = balance_fen
        self.saved: BalanceInfo | None = None
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Top up the meal account: {name}").format(name=senior.name))

        heading = QLabel(f"{senior.name}　{senior.member_no}", self)
        bold(heading, 1.4)
        self.balance_label = QLabel(_("Balance now: {amount}").format(amount=money(balance_fen)), self)
        bold(self.balance_label, 1.15)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setPlaceholderText(_("e.g. 200 or 150.50"))
        bold(self.amount_edit, 1.3)
        self.amount_edit.textChanged.connect(lambda _text: self._amount_changed())
        self._add(form, "amount_fen", self.amount_edit, _("Amount (yuan)"))
        self.receipt_edit = QLineEdit(self)
        self.receipt_edit.setPlaceholderText(_("The number on the paper receipt"))
        self.receipt_edit.setMaxLength(32)
        self.receipt_edit.textChanged.connect(lambda _text: self.rows["receipt_no"].clear_error())
        self._add(form, "receipt_no", self.receipt_edit, _(FIELD_LABELS["receipt_no"]))
        self.payment_combo = QComboBox(self)
        for payment in TOP_UP_PAYMENTS:
            self.payment_combo.addItem(payment.label, payment.value)
        self._add(form, "payment", self.payment_combo, _(FIELD_LABELS["payment"]))
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(_("e.g. paid by her daughter"))
        self._add(form, "note", self.note_edit, _(FIELD_LABELS["note"]), required=False)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        hint = QLabel(_("The money is recorded, not processed: take it and give the receipt first."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        box, self.save_button, self.cancel_button = save_cancel(
            self, _("Top up"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(self.balance_label)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(box)
        self.resize(620, 440)
        self.amount_edit.setFocus()

    def _add(self, form: QFormLayout, field: str, widget: QWidget, caption: str, required: bool = True) -> None:
        row = FieldRow(widget, self)
        label = QLabel(label_text(caption, required), self)
        label.setBuddy(widget)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        widget.setAccessibleName(caption)
        form.addRow(label, row)
        self.rows[field] = row

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

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    def save(self) -> bool:
        """充值: a refusal shows each reason under its field; nothing is saved."""
        self.rows.clear_errors()
        self.banner.hide()
        try:
            amount = typed_fen(self.amount_edit.text())
        except FieldError as exc:
            show_refusal(self.rows, self.banner, [exc])
            return False
        data = TopUpInput(
            senior_id=self._senior.id,
            amount_fen=amount,
            receipt_no=self.receipt_edit.text(),
            payment=TOP_UP_PAYMENTS[max(0, self.payment_combo.currentIndex())],
            note=self.note_edit.text(),
        )
        try:
            self.saved = self._cc.meals.top_up(data, self._actor)
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors)
            return False
        except FieldError as exc:
            show_refusal(self.rows, self.banner, [exc])
            return False
        except CareCenterError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return False
        self.accept()
        return True
