"""作废 / 取消 with a reason: one small dialog for every mistaken 助餐 record.

A meal served to the wrong senior, an order cancelled, a top-up typed twice: the record
is voided with a reason (audited), never deleted. The dialog names the record in large
type, offers the usual reasons (anything else can be typed) and calls the core with the
reason; a refusal (no reason, already voided, a serving that must be voided first) is
shown under the field or in red below it and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.i18n import N_, _
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

Result = TypeVar("Result")

SERVING_REASONS = (N_("Recorded for the wrong senior"), N_("Recorded twice"), N_("The senior did not take the meal"))
ORDER_REASONS = (N_("The senior cancelled"), N_("In hospital"), N_("Ordered by mistake"))
TOP_UP_REASONS = (N_("Typed twice"), N_("Wrong amount"), N_("Money returned to the senior"))


class VoidDialog(QDialog, Generic[Result]):
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
        super().__init__(parent)
        self._act = act
        self._act_with_override = act_with_override
        self.saved: Result | None = None
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(title)

        head = QLabel(heading, self)
        head.setWordWrap(True)
        bold(head, 1.3)
        about = QLabel(hint, self)
        about.setWordWrap(True)
        about.setStyleSheet(f"color: {MUTED_COLOR};")

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
        row = FieldRow(self.reason_combo, self)
        self.rows["void_reason"] = row
        self.rows["reason"] = row  # the same field, as some services name it
        caption = QLabel(label_text(_("Reason"), required=True), self)
        caption.setBuddy(self.reason_combo)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.reason_combo.setAccessibleName(_("Reason"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(caption, row)

        self.override_check = QCheckBox(override_text, self)
        self.override_check.setVisible(bool(override_text) and act_with_override is not None)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        box, self.ok_button, self.cancel_button = save_cancel(
            self, action_text, _("Cancel"), self.confirm, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(head)
        layout.addWidget(about)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.override_check)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(box)
        self.resize(640, 320)
        self.reason_combo.setFocus()

    def reason(self) -> str:
        return self.reason_combo.currentText()

    def set_reason(self, text: str) -> None:
        self.reason_combo.setEditText(text)

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    def banner_text(self) -> str:
        return self.banner.text() if not self.banner.isHidden() else ""

    def confirm(self) -> bool:
        """Call the core; a refusal says why (under the reason, or in red) and keeps the dialog open."""
        self.rows.clear_errors()
        self.banner.hide()
        act = self._act
        if self._act_with_override is not None and self.override_check.isChecked():
            act = self._act_with_override
        try:
            self.saved = act(self.reason())
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors, fallback=self.rows["void_reason"])
            return False
        except FieldError as exc:
            show_refusal(self.rows, self.banner, [exc], fallback=self.rows["void_reason"])
            return False
        except CareCenterError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return False
        self.accept()
        return True
