"""供餐: the serving moment, the fastest path in the app — search or scan, Enter, the meal is served.

On a chosen senior the panel asks ``cc.meals.preview`` and:

- with no warning, serves at once and shows the large card: the name, the diet flags
  as big coloured badges (清真 deep green), allergies in red, what the meal costs, the
  subsidy and why, how it was paid and the prepaid balance left;
- with warnings (no order, 暂停, a balance too low) shows them in orange and waits:
  a second Enter serves, Esc cancels. A meal is taken from a balance that does not cover
  it only when 允许透支 is ticked — never silently;
- with a refusal (already ate, 退出/去世) shows it in red and serves nothing.

Payment: the default chosen above (现金/微信/支付宝/余额) stays as set; a senior whose
prepaid balance covers the meal pays from it whatever the default (the card says so),
and a meal that costs nothing is recorded as such.

A card scanner types the member number and its own Enter: the number alone chooses the
senior, so that Enter must not confirm a warned meal. An Enter is only a confirmation
when the senior was chosen by Enter or a click; after a scan one stray Enter is ignored.

Below: today's servings (latest first) with 作废… for a mistaken one, and 已订 · 已供
for the chosen meal. Every read and write is one short core call on the UI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.desk.finder import DeskSenior
from carecenter.domain.desk_vocab import Payment
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import ServeInput, ServingInfo, ServingPreview, WarningCode
from carecenter.subsidies.policy import MealType
from ui.dialogs.meal_void_dialog import SERVING_REASONS, VoidDialog
from ui.pages.meal_models import SRV_NOTE, ServingTableModel, serving_samples
from ui.pages.meal_serving_card import ServingCard, charge_text, needs_override
from ui.pages.meal_widgets import (
    DESK_PAYMENTS,
    REFUSE_COLOR,
    SERVED_COLOR,
    MealCombo,
    money,
    payment_text,
)
from ui.widgets.field_row import WARN_COLOR, bold
from ui.widgets.record_table_model import record_view
from ui.widgets.senior_finder import SeniorFinder
from ui.widgets.status_line import StatusLine

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ServingPanel(QWidget):
    """The 供餐 tab; ``changed`` after a meal was served or voided (the other tabs read again when shown)."""

    changed = Signal()

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._clock = clock
        self.pending: ServingPreview | None = None
        self.last: ServingInfo | None = None
        self._by_key = False
        self._by_pointer = False
        self._ignore_enter = False
        self._build()

    # ---- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.meal_combo = MealCombo(self)
        bold(self.meal_combo, 1.2)
        self.meal_combo.currentIndexChanged.connect(lambda _i: self._meal_changed())
        meal_caption = QLabel(_("&Meal"), self)
        meal_caption.setBuddy(self.meal_combo)
        self.payment_combo = QComboBox(self)
        bold(self.payment_combo, 1.2)
        for payment in DESK_PAYMENTS:
            self.payment_combo.addItem(payment_text(payment), payment.value)
        self.payment_combo.setToolTip(_("Stays as set; a balance that covers the meal is used first"))
        self.payment_combo.currentIndexChanged.connect(lambda _i: self._payment_changed())
        payment_caption = QLabel(_("Usual &payment"), self)
        payment_caption.setBuddy(self.payment_combo)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("servingCounts")
        bold(self.counts_label, 1.5)
        self.counts_label.setStyleSheet("color: #1d5f99;")

        self.finder = SeniorFinder(
            self._cc,
            self._actor,
            self._center_id,
            _("Initials, last 4 ID digits or member no. — Enter serves the meal"),
            parent=self,
        )
        self.finder.chosen.connect(self._chosen)
        self.finder.box.installEventFilter(self)
        self.finder.results.viewport().installEventFilter(self)
        self.card = ServingCard(self)
        self.card.override_check.toggled.connect(lambda _on: self._override_toggled())

        self.model = ServingTableModel()
        self.table = record_view(self.model, serving_samples(), 28, stretch=SRV_NOTE, name="servingsTable", parent=self)
        self.table_title = QLabel(self)
        bold(self.table_title, 1.1)
        self.void_button = QPushButton(_("&Void…"), self)
        self.void_button.setToolTip(_("Take back the chosen serving (a mistake), with a reason"))
        self.void_button.setAutoDefault(False)
        self.void_button.clicked.connect(lambda: self.void_serving())
        self.notice = StatusLine(self, name="servingNotice", plain=True)

        top = QHBoxLayout()
        top.addWidget(meal_caption)
        top.addWidget(self.meal_combo)
        top.addSpacing(16)
        top.addWidget(payment_caption)
        top.addWidget(self.payment_combo)
        top.addStretch(1)
        top.addWidget(self.counts_label)
        list_head = QHBoxLayout()
        list_head.addWidget(self.table_title)
        list_head.addSpacing(12)
        list_head.addWidget(self.void_button)
        list_head.addSpacing(12)
        list_head.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.finder)
        layout.addWidget(self.card)
        layout.addLayout(list_head)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.finder)

    # ---- reading ---------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._clock.today()

    def set_center(self, center_id: int | None) -> None:
        self._center_id = center_id
        self.finder.set_center(center_id)

    def offered_today(self) -> tuple[MealType, ...]:
        """The meals offered today (at any center when every center is shown)."""
        centers = [self._center_id] if self._center_id is not None else [c.id for c in self._cc.centers.list()]
        offered: set[MealType] = set()
        for center_id in centers:
            offered.update(self._cc.meals.offered_meals(center_id, self.today()))
        return tuple(m for m in MealType if m in offered) or (MealType.LUNCH,)

    def refresh(self) -> None:
        """Read the meals offered today, today's servings and the counts again."""
        try:
            self.meal_combo.set_meals(self.offered_today())
            self._read_list()
        except CareCenterError as exc:
            self.say(str(exc), ok=False)

    def _read_list(self) -> None:
        meal = self.meal_combo.meal() or MealType.LUNCH
        rows = self._cc.meals.servings(self._actor, self._center_id, self.today(), None)
        ordered = len(self._cc.meals.orders(self._actor, self._center_id, self.today(), meal))
        served = sum(1 for r in rows if r.meal_type is meal)
        self.model.set_records(rows)
        self.table_title.setText(_("Served today ({n})").format(n=len(rows)))
        self.counts_label.setText(_("{meal}: ordered {n} · served {m}").format(meal=meal.label, n=ordered, m=served))
        self.void_button.setEnabled(bool(rows))

    def served_names(self) -> list[str]:
        return [r.name for r in self.model.records()]

    def say(self, text: str, ok: bool = True) -> None:
        self.notice.say(text, ok)

    # ---- the keys of the search line -------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a typed search chooses (by key); Enter on an empty line confirms a warned meal; Esc cancels it."""
        if watched is self.finder.results.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            self._by_pointer = True  # the click chooses during this event
            QTimer.singleShot(0, self._pointer_done)
            return False
        if watched is not self.finder.box or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        empty = not self.finder.box.text().strip()
        if key in ENTER_KEYS and not empty:
            self._by_key = True
            try:
                self.finder.choose_current()
            finally:
                self._by_key = False
            return True
        if key in ENTER_KEYS and self.pending is not None:
            if self._ignore_enter:  # a scanner's own Enter after the card's number
                self._ignore_enter = False
            else:
                self.confirm()
            return True
        if key == Qt.Key.Key_Escape and empty and self.pending is not None:
            self.cancel_pending()
            return True
        return False

    def _pointer_done(self) -> None:
        self._by_pointer = False

    # ---- serving ---------------------------------------------------------------------------------

    def default_payment(self) -> Payment:
        return DESK_PAYMENTS[max(0, self.payment_combo.currentIndex())]

    def payment_for(self, preview: ServingPreview) -> Payment:
        """Nothing to pay → 免费; a balance that covers the meal → 余额, whatever the default; else the default."""
        pays = preview.charge.pays_fen if preview.charge is not None else 0
        if pays == 0:
            return Payment.NONE
        if preview.balance_fen >= pays:
            return Payment.BALANCE
        return self.default_payment()

    def _chosen(self, senior: DeskSenior) -> None:
        """A senior was chosen: serve at once, or show the warnings and wait, or refuse."""
        deliberate = self._by_key or self._by_pointer
        self.pending = None
        self._ignore_enter = False
        self.card.override_check.setChecked(False)
        meal = self.meal_combo.meal()
        if meal is None:
            self.card.show_senior(senior)
            self.card.show_state(_("No meal is offered today"), REFUSE_COLOR)
            return
        try:
            preview = self._cc.meals.preview(senior.id, meal, self._actor)
        except CareCenterError as exc:
            self._refused(senior, [str(exc)])
            return
        if preview.refused:
            self._refused(senior, [w.text for w in preview.warnings if w.refuses])
            return
        payment = self.payment_for(preview)
        if preview.warnings or needs_override(preview, payment):
            self.pending = preview
            self._ignore_enter = not deliberate
            self._show_pending(preview)
            return
        self.serve(preview, payment, override=False)

    def _refused(self, senior: DeskSenior, reasons: list[str]) -> None:
        self.card.show_senior(senior)
        self.card.show_state(_("✖ Not served"), REFUSE_COLOR)
        self.card.put(self.card.charge_label, "")
        self.card.put(self.card.payment_label, "")
        self.card.put(self.card.warnings_label, "\n".join(reasons), REFUSE_COLOR)
        self.card.put(self.card.prompt_label, _("Nothing was recorded."), REFUSE_COLOR)
        self.card.override_check.setVisible(False)
        self.finder.setFocus()

    def _plan_text(self, preview: ServingPreview, payment: Payment) -> str:
        """How the meal is going to be paid (before serving)."""
        pays = preview.charge.pays_fen if preview.charge is not None else 0
        if payment is Payment.NONE:
            return _("Nothing to pay for this meal.")
        if payment is Payment.BALANCE and preview.balance_fen >= pays:
            return _("Will be taken from the meal balance ({balance}): the balance covers it.").format(
                balance=money(preview.balance_fen)
            )
        if payment is Payment.BALANCE:
            if WarningCode.BALANCE_LOW in preview.codes:
                return ""  # the warning below says it
            return _("The meal balance ({balance}) does not cover {pays}.").format(
                balance=money(preview.balance_fen), pays=money(pays)
            )
        return _("To collect: {pays} by {payment}.").format(pays=money(pays), payment=payment_text(payment))

    def _show_pending(self, preview: ServingPreview) -> None:
        payment = self.payment_for(preview)
        card = self.card
        card.show_senior(preview.senior)
        card.show_state(_("⚠ Check first"), WARN_COLOR)
        card.put(card.charge_label, charge_text(preview))
        card.put(card.payment_label, self._plan_text(preview, payment), "#000000")
        card.put(card.warnings_label, "\n".join(w.text for w in preview.warnings), WARN_COLOR)
        overdraft = needs_override(preview, payment)
        card.override_check.setVisible(overdraft)
        if overdraft and not card.override_check.isChecked():
            prompt = _(
                "Tick “Allow an overdraft” (Alt+T) or choose another payment above, then press Enter; Esc cancels"
            )
        else:
            prompt = _("Press Enter again to serve the meal, Esc to cancel")
        card.put(card.prompt_label, prompt, WARN_COLOR)
        self.finder.setFocus()

    def confirm(self) -> bool:
        """The second Enter: serve the warned meal (from a short balance only with 允许透支)."""
        preview = self.pending
        if preview is None:
            return False
        payment = self.payment_for(preview)
        override = needs_override(preview, payment)
        if override and not self.card.override_check.isChecked():
            self.card.put(
                self.card.prompt_label,
                _(
                    "Not served: the balance does not cover the meal. Tick “Allow an overdraft” or choose another payment."
                ),
                REFUSE_COLOR,
            )
            return False
        return self.serve(preview, payment, override=override)

    def cancel_pending(self) -> None:
        preview = self.pending
        self.pending = None
        self._ignore_enter = False
        if preview is not None:
            self.card.clear(_("Cancelled: no meal recorded for {name}.").format(name=preview.senior.name))
        self.finder.setFocus()

    def serve(self, preview: ServingPreview, payment: Payment, override: bool) -> bool:
        data = ServeInput(
            senior_id=preview.senior.id, meal_type=preview.meal_type, payment=payment, override_overdraft=override
        )
        self.pending = None
        self._ignore_enter = False
        try:
            serving = self._cc.meals.serve(data, self._actor)
        except CareCenterError as exc:
            self._refused(preview.senior, [str(exc)])
            return False
        self.last = serving
        self._show_served(preview, serving)
        try:
            self._read_list()
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
        self.say(_("{name}: {meal} served.").format(name=preview.senior.name, meal=serving.meal_type.label))
        self.finder.setFocus()
        self.changed.emit()
        return True

    def _show_served(self, preview: ServingPreview, serving: ServingInfo) -> None:
        card = self.card
        card.show_senior(preview.senior)
        card.show_state(
            _("✔ {meal} served {time}").format(meal=serving.meal_type.label, time=serving.served_at.strftime("%H:%M")),
            SERVED_COLOR,
        )
        card.put(card.charge_label, charge_text(preview))
        card.put(card.payment_label, self._paid_text(preview, serving), "#000000")
        card.put(card.warnings_label, serving.warnings, WARN_COLOR)
        card.put(card.prompt_label, "")
        card.override_check.setVisible(False)
        card.override_check.setChecked(False)

    def _paid_text(self, preview: ServingPreview, serving: ServingInfo) -> str:
        left = money(serving.balance_fen)
        if serving.payment is Payment.NONE:
            return _("Nothing to pay. Meal balance left: {left}").format(left=left)
        if serving.payment is Payment.BALANCE:
            automatic = self.default_payment() is not Payment.BALANCE
            text = _("Paid {pays} from the meal balance; balance left: {left}").format(
                pays=money(serving.pays_fen), left=left
            )
            if serving.overdrawn:
                text += _(" (overdrawn)")
            elif automatic:
                text += _(" (the balance covered it, so it was used)")
            return text
        text = _("Paid {pays} by {payment}").format(pays=money(serving.pays_fen), payment=payment_text(serving.payment))
        if preview.balance_fen or serving.balance_fen:
            text += _("; meal balance: {left}").format(left=left)
        return text

    def _meal_changed(self) -> None:
        if self.pending is not None:
            self.cancel_pending()
        try:
            self._read_list()
        except CareCenterError as exc:
            self.say(str(exc), ok=False)

    def _payment_changed(self) -> None:
        if self.pending is not None:
            self._show_pending(self.pending)
        self.finder.setFocus()

    def _override_toggled(self) -> None:
        if self.pending is not None:
            self._show_pending(self.pending)
        self.finder.setFocus()

    # ---- voiding ---------------------------------------------------------------------------------

    def void_serving(self) -> bool:
        """作废…: the chosen serving (the latest when none is chosen), with a reason; its balance line too."""
        index = self.table.currentIndex()
        row = self.model.record(index.row() if index.isValid() else 0)
        if row is None:
            return False
        dialog: VoidDialog[ServingInfo] = VoidDialog(
            _("Void a serving"),
            _("Void {name}'s {meal} served at {time}").format(
                name=row.name, meal=row.meal_type.label, time=row.served_at.strftime("%H:%M")
            ),
            _("The serving stays in the records, marked void with the reason; money paid from the balance returns."),
            _("Void the serving"),
            lambda reason: self._cc.meals.void_serving(row.serving_id, reason, self._actor),
            SERVING_REASONS,
            parent=self,
        )
        if dialog.run() is None:
            return False
        self.refresh()
        self.card.clear(_("Voided: {name}'s {meal}.").format(name=row.name, meal=row.meal_type.label))
        self.say(_("Voided: {name}'s {meal}.").format(name=row.name, meal=row.meal_type.label))
        self.finder.setFocus()
        self.changed.emit()
        return True

    def warned_codes(self) -> tuple[WarningCode, ...]:
        """The warnings of the meal waiting for a second Enter (none when nothing waits)."""
        return self.pending.codes if self.pending is not None else ()
