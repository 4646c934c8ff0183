"""The serving card: what the server must see when a meal is handed out, large enough to read at a glance.

The name and member number, the diet flags as big coloured badges (清真 deep green),
allergies in red, what the meal costs and the subsidy that applies, how it is (or was)
paid, and — in orange or red — the warnings and what to press now. The frame's colour
says the state: green served, orange waiting for a second Enter, red refused.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from carecenter.desk.finder import DeskSenior
from carecenter.domain.desk_vocab import Payment
from carecenter.i18n import _
from carecenter.meals.dto import ServingPreview
from ui.pages.meal_widgets import REFUSE_COLOR, DietBadges, money
from ui.widgets.field_row import MUTED_COLOR, WARN_COLOR, bold


def charge_text(preview: ServingPreview) -> str:
    """应付 9.00 元，补贴 3.00 元（80周岁以上）; the price alone when no subsidy applies."""
    charge = preview.charge
    if charge is None:
        return ""
    if charge.subsidy_fen:
        return _("Pays {pays}, subsidy {subsidy} ({tier})").format(
            pays=money(charge.pays_fen), subsidy=money(charge.subsidy_fen), tier=charge.tier or charge.reason
        )
    return _("Pays {pays} (no meal subsidy)").format(pays=money(charge.pays_fen))


def needs_override(preview: ServingPreview, payment: Payment) -> bool:
    """Paying from a balance that does not cover the meal: only with 允许透支."""
    pays = preview.charge.pays_fen if preview.charge is not None else 0
    return payment is Payment.BALANCE and preview.balance_fen < pays


class ServingCard(QFrame):
    """The big card: who, the diet badges, allergies, the charge, the payment, and what to do now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("servingCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.state_label = self._label("cardState", 1.5)
        self.name_label = self._label("cardName", 2.2)
        self.badges = DietBadges(2.0, self)
        self.allergy_label = self._label("cardAllergies", 1.7, REFUSE_COLOR)
        self.notes_label = self._label("cardDietNotes", 1.1, MUTED_COLOR)
        self.charge_label = self._label("cardCharge", 1.45)
        self.payment_label = self._label("cardPayment", 1.3)
        self.warnings_label = self._label("cardWarnings", 1.45, WARN_COLOR)
        self.prompt_label = self._label("cardPrompt", 1.3)
        self.override_check = QCheckBox(_("Allow an overdraft: take this meal from the balance anyway (&T)"), self)
        self.override_check.setObjectName("allowOverdraft")
        bold(self.override_check, 1.15)
        self.override_check.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Alt+T ticks it; typing stays in the search
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        layout.addWidget(self.badges)
        layout.addWidget(self.allergy_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.charge_label)
        layout.addWidget(self.payment_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.override_check)
        self.state_label.setWordWrap(False)
        self.clear(_("Search or scan a member card above; Enter serves the meal."))

    def _label(self, name: str, scale: float, color: str = "") -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold(label, scale)
        if color:
            label.setStyleSheet(f"color: {color};")
        return label

    def _frame(self, color: str) -> None:
        self.setStyleSheet(
            f"QFrame#servingCard {{ border: 3px solid {color}; border-radius: 8px; background: #ffffff; }}"
        )

    @staticmethod
    def put(label: QLabel, text: str, color: str | None = None) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        if color is not None:
            label.setStyleSheet(f"color: {color};")

    def clear(self, hint: str) -> None:
        """No senior: a quiet hint where the card goes."""
        self._frame("#d0d7de")
        self.put(self.name_label, hint, MUTED_COLOR)
        for label in (self.state_label, self.allergy_label, self.notes_label, self.charge_label):
            self.put(label, "")
        for label in (self.payment_label, self.warnings_label, self.prompt_label):
            self.put(label, "")
        self.badges.set_flags(())
        self.override_check.setVisible(False)

    def show_senior(self, senior: DeskSenior) -> None:
        self.put(
            self.name_label,
            _("{name}　{member_no}　{gender} {age}").format(
                name=senior.name,
                member_no=senior.member_no,
                gender=senior.gender.label,
                age=_("{n} years").format(n=senior.age),
            ),
            "#000000",
        )
        self.badges.set_flags(senior.diet_flags)
        self.put(self.allergy_label, _("Allergies: {what}").format(what=senior.allergies) if senior.allergies else "")
        self.put(self.notes_label, senior.diet_notes)

    def show_state(self, state: str, color: str) -> None:
        self._frame(color)
        self.put(self.state_label, state, color)

    def texts(self) -> str:
        """Everything the card shows, top to bottom (for tests and the screenshots)."""
        parts = [self.name_label.text(), *self.badges.texts()]
        for label in (self.allergy_label, self.notes_label, self.charge_label, self.payment_label):
            parts.append(label.text() if label.isVisibleTo(self) else "")
        for label in (self.warnings_label, self.prompt_label, self.state_label):
            parts.append(label.text() if label.isVisibleTo(self) else "")
        return "\n".join(p for p in parts if p)
