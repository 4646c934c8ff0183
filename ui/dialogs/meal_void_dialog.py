"""作废 / 取消 with a reason: one small dialog for every mistaken 助餐 record.

A meal served to the wrong senior, an order cancelled, a top-up typed twice: the record
is voided with a reason (audited), never deleted. The dialog names the record in large
type, offers the usual reasons (anything else can be typed) and calls the core with the
reason; a refusal (no reason, already voided, a serving that must be voided first) is
shown under the field or in red below it and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from carecenter.i18n import N_, _
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import bold
from ui.widgets.form_dialog import FormDialog, form_layout, quiet_label

Result = TypeVar("Result")

SERVING_REASONS = (N_("Recorded for the wrong senior"), N_("Recorded twice"), N_("The senior did not take the meal"))
ORDER_REASONS = (N_("The senior cancelled"), N_("In hospital"), N_("Ordered by mistake"))
TOP_UP_REASONS = (N_("Typed twice"), N_("Wrong amount"), N_("Money returned to the senior"))


class VoidDialog(FormDialog[Result]):
    """Ask the reason, then ``act(reason)`` (one core call); ``saved`` holds its result after the user confirmed.

    ``act_with_override`` (optional) is offered as a tick box, e.g. 允许余额为负 when
    voiding a top-up already spent; unticked, the plain ``act`` runs.
    """

    def __init__(
        self,
        title: str,
        heading: str,
        hint: str,
        action_text: str,
        act: Callable[[str], Result],
        reasons: Sequence[str] = (),
        override_text: str = "",
        act_with_override: Callable[[str], Result] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._act = act
        self._act_with_override = act_with_override

        head = QLabel(heading, self)
        head.setWordWrap(True)
        bold(head, 1.3)
        about = quiet_label(hint, self)

        self.reason_combo = QComboBox(self)
        self.reason_combo.setEditable(True)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.addItems([_(reason) for reason in reasons])
        self.reason_combo.setCurrentIndex(-1)
        self.reason_combo.setMinimumContentsLength(22)
        line = self.reason_combo.lineEdit()
        assert line is not None
        self.reason_edit = line
        self.reason_edit.setPlaceholderText(_("Choose or type the reason"))
        self.reason_edit.textChanged.connect(lambda _text: self.rows["void_reason"].clear_error())
        form = form_layout()
        row = self.add_row(form, "void_reason", self.reason_combo, _("Reason"), required=True)
        self.rows["reason"] = row  # the same field, as some services name it

        self.override_check = QCheckBox(override_text, self)
        self.override_check.setVisible(bool(override_text) and act_with_override is not None)

        box, self.ok_button, self.cancel_button = save_cancel(
            self, action_text, _("Cancel"), self.confirm, self.reject, bold_save=True
        )
        self.lay_out(head, about, 6, form, self.override_check, buttons=box)
        self.resize(640, 320)
        self.reason_combo.setFocus()

    def reason(self) -> str:
        return self.reason_combo.currentText()

    def set_reason(self, text: str) -> None:
        self.reason_combo.setEditText(text)

    def confirm(self) -> bool:
        """Call the core; a refusal says why (under the reason, or in red) and keeps the dialog open."""
        act = self._act
        if self._act_with_override is not None and self.override_check.isChecked():
            act = self._act_with_override
        reason = self.reason()
        return self.submit(lambda: act(reason), fallback=self.rows["void_reason"])
