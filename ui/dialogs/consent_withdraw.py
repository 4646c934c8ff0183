"""撤回同意: the senior withdrew consent; ask the day it happened and confirm in one step.

The question says what follows (the senior goes back on the follow-up list) and its
buttons say what they do, so a stray Enter or Esc changes nothing. A refused day (in
the future, before the consent) is explained under the date and the dialog stays open.

Threading: one short core call on the UI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.consent import FIELD_LABELS, ConsentInfo
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.widgets.confirm import inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import ERROR_COLOR, FieldRow, bold, ensure_readable_font, label_text


class WithdrawConsentDialog(QDialog):
    """Withdraw ``current`` for the senior named ``who``; on success ``saved`` holds the withdrawn record."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        current: ConsentInfo,
        who: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._current = current
        self.saved: ConsentInfo | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Withdraw consent"))

        layout = QVBoxLayout(self)
        question = QLabel(
            _(
                "{who} withdraws the consent signed on {date}?\n"
                "The record is kept, and the senior is listed again as needing consent."
            ).format(who=who, date=current.given_on.isoformat()),
            self,
        )
        question.setWordWrap(True)
        bold(question)
        layout.addWidget(question)

        form = QFormLayout()
        self.date_edit = DateEdit(cc.clock.today(), parent=self)
        self.date_edit.set_date(cc.clock.today())
        self.date_row = FieldRow(self.date_edit, self)
        caption = QLabel(label_text(_(FIELD_LABELS["withdrawn_on"]), required=True), self)
        caption.setBuddy(self.date_edit.line)
        form.addRow(caption, self.date_row)
        self.date_edit.edited.connect(self.date_row.clear_error)
        layout.addLayout(form)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm_button = QPushButton(_("Withdraw consent"), self)
        self.back_button = QPushButton(_("Go back"), self)
        for button in (self.confirm_button, self.back_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(120)
            buttons.addWidget(button)
        bold(self.confirm_button)
        self.confirm_button.clicked.connect(self.save)
        self.back_button.clicked.connect(self.reject)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.adjustSize()
        self.date_edit.setFocus()

    def error_for(self, field: str) -> str:
        return self.date_row.error_text() if field == "withdrawn_on" else ""

    def save(self) -> bool:
        """Record the withdrawal; on refusal show why under the date and stay open."""
        self.date_row.clear_error()
        self.banner.hide()
        label = _(FIELD_LABELS["withdrawn_on"])
        try:
            day = self.date_edit.date()
        except DateTextError as exc:
            return self._refused([FieldError("withdrawn_on", label, str(exc))])
        if day is None:
            return self._refused([FieldError("withdrawn_on", label, _("is required"))])
        try:
            self.saved = self._cc.consent.withdraw(self._current.senior_id, day, self._actor)
        except ValidationError as exc:
            return self._refused(exc.errors)
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.accept()
        return True

    def _refused(self, errors: list[FieldError]) -> bool:
        elsewhere = [str(e) for e in errors if e.field != "withdrawn_on"]
        for error in errors:
            if error.field == "withdrawn_on":
                self.date_row.add_error(error.reason)
        if elsewhere:
            self.banner.setText("\n".join(elsewhere))
            self.banner.show()
        self.date_row.bring_into_view()
        return False
