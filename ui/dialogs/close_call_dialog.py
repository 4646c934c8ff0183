"""结案: the follow-up of a call is done — what came of it, in one line (required for an urgent call).

The heading repeats who the call was about and why, so the note is written against the right
call. A refusal (no note for an urgent call, a call closed meanwhile at another desk) is
shown under the field and nothing changes. UI thread only: one short core call.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.desk.call_dto import CallInfo
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
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


class CloseCallDialog(QDialog):
    """结案: what came of the follow-up; required for an urgent call. ``saved`` holds the closed call."""

    def __init__(self, cc: CareCenter, actor: Actor, call: CallInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._call = call
        self.saved: CallInfo | None = None
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Close the call"))
        who = call.senior_name or call.caller_name or call.caller_kind.label
        heading = QLabel(f"{who}：{' '.join(call.reason.split())}", self)
        heading.setWordWrap(True)
        bold(heading, 1.2)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(_("e.g. called back, she is fine; the doctor has been"))
        row = FieldRow(self.note_edit, self)
        self.rows["closing_note"] = row
        caption = QLabel(label_text(_("Closing note"), call.urgent), self)
        caption.setBuddy(self.note_edit)
        self.note_edit.setAccessibleName(_("Closing note"))
        self.note_edit.textChanged.connect(lambda _t: row.clear_error())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(caption, row)
        hint = QLabel(
            _("An urgent call needs a note saying what was done.") if call.urgent else _("The note is optional."), self
        )
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        box, self.ok_button, _cancel = save_cancel(
            self, _("Close the call"), _("Cancel"), self.confirm, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(box)
        self.resize(640, 280)
        self.note_edit.setFocus()

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    def confirm(self) -> bool:
        self.rows.clear_errors()
        self.banner.hide()
        try:
            self.saved = self._cc.calls.close(self._call.id, self.note_edit.text(), self._actor)
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors, fallback=self.rows["closing_note"])
            return False
        except CareCenterError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return False
        self.accept()
        return True
