"""结案: the follow-up of a call is done — what came of it, in one line (required for an urgent call).

The heading repeats who the call was about and why, so the note is written against the right
call. A refusal (no note for an urgent call, a call closed meanwhile at another desk) is
shown under the field and nothing changes. UI thread only: one short core call.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from carecenter.actor import Actor
from carecenter.desk.call_dto import CallInfo
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import bold
from ui.widgets.form_dialog import FormDialog, form_layout, quiet_label


class CloseCallDialog(FormDialog[CallInfo]):
    """结案: what came of the follow-up; required for an urgent call. ``saved`` holds the closed call."""

    def __init__(self, cc: CareCenter, actor: Actor, call: CallInfo, parent: QWidget | None = None) -> None:
        super().__init__(_("Close the call"), parent)
        self._cc = cc
        self._actor = actor
        self._call = call
        who = call.senior_name or call.caller_name or call.caller_kind.label
        heading = QLabel(f"{who}：{' '.join(call.reason.split())}", self)
        heading.setWordWrap(True)
        bold(heading, 1.2)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(_("e.g. called back, she is fine; the doctor has been"))
        form = form_layout()
        row = self.add_row(form, "closing_note", self.note_edit, _("Closing note"), required=call.urgent, align=None)
        self.note_edit.textChanged.connect(lambda _t: row.clear_error())
        hint = quiet_label(
            _("An urgent call needs a note saying what was done.") if call.urgent else _("The note is optional."),
            self,
            wrap=False,
        )
        box, self.ok_button, _cancel = save_cancel(
            self, _("Close the call"), _("Cancel"), self.confirm, self.reject, bold_save=True
        )
        self.lay_out(heading, hint, form, buttons=box)
        self.resize(640, 280)
        self.note_edit.setFocus()

    def confirm(self) -> bool:
        note = self.note_edit.text()
        return self.submit(lambda: self._cc.calls.close(self._call.id, note, self._actor), self.rows["closing_note"])
