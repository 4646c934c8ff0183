"""未完成…, 取消… and 作废… of one line of the week's home visits: a reason, and who when nobody was assigned.

A reason is required (the core refuses a blank one and the message shows under the box).
Marking a care-plan slot that nobody was assigned to asks who it was for, starting at the
person at the desk. Enter saves; a refused save keeps what was typed and saves nothing.
The dialog makes its one core call itself; ``saved`` holds the visit afterwards. UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.desk.visit_dto import FIELD_LABELS, VisitInfo, VisitSlot
from carecenter.domain.text import LIMITS
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.visit_dialog import EnterMoves
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import bold
from ui.widgets.form_dialog import FormDialog, form_layout, quiet_label


class VisitReasonDialog(FormDialog[VisitInfo]):
    """未完成… / 取消… / 作废… of one line of the week (``action`` is "miss", "cancel" or "void")."""

    refusals_in_box = True

    def __init__(
        self, cc: CareCenter, actor: Actor, slot: VisitSlot, action: str, parent: QWidget | None = None
    ) -> None:
        titles = {
            "miss": _("Visit not made: {name}"),
            "cancel": _("Cancel visit: {name}"),
            "void": _("Void visit record: {name}"),
        }
        super().__init__(titles[action].format(name=slot.senior_name), parent)
        self._cc = cc
        self._actor = actor
        self._slot = slot
        self._action = action
        heading = QLabel(
            _("{senior} · {service} · {day}").format(
                senior=slot.senior_name, service=slot.service_name, day=slot.day.isoformat()
            ),
            self,
        )
        bold(heading, 1.2)
        prompts = {
            "miss": _("Why did the visit not take place? (e.g. nobody answered the door)"),
            "cancel": _("Why is the visit called off? (e.g. in hospital, family visiting)"),
            "void": _("Why is this record a mistake? It stays in the audit trail."),
        }
        prompt = quiet_label(prompts[action], self)

        form = form_layout()
        self.staff_combo: QComboBox | None = None
        if action != "void" and slot.visit_id is None and slot.staff_id is None:
            self.staff_combo = QComboBox(self)
            self.staff_combo.setPlaceholderText(_("Please choose"))
            for member in cc.staff.list(active_only=True):
                self.staff_combo.addItem(member.name, member.id)
            self.staff_combo.setCurrentIndex(self.staff_combo.findData(actor.staff_id) if actor.staff_id else -1)
            self.add_row(form, "staff_id", self.staff_combo, _(FIELD_LABELS["staff_id"]), required=True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(LIMITS["reason"])
        self.add_row(form, "status_reason", self.reason_edit, _(FIELD_LABELS["status_reason"]), required=True)
        self.reason_edit.textChanged.connect(self.rows["status_reason"].clear_error)
        self.rows["void_reason"] = self.rows["status_reason"]  # the core names a voiding's reason so

        box, self.save_button, _cancel = save_cancel(
            self, _("Save"), _("Cancel"), self.save, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(box)
        fields: list[QWidget] = [w for w in (self.staff_combo, self.reason_edit) if w is not None]
        self._keys = EnterMoves(fields, self.save, self)
        self.resize(560, 260)
        self.reason_edit.setFocus()

    def save(self) -> bool:
        reason = self.reason_edit.text()
        staff = self.staff_combo.currentData() if self.staff_combo is not None else None
        visits = self._cc.visits

        def store() -> VisitInfo:
            if self._action == "void":
                assert self._slot.visit_id is not None
                return visits.void(self._slot.visit_id, reason, self._actor)
            if self._action == "miss":
                return visits.miss(self._slot.target, reason, self._actor, staff_id=staff)
            return visits.cancel(self._slot.target, reason, self._actor, staff_id=staff)

        return self.submit(store)
