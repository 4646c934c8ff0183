"""未完成…, 取消… and 作废… of one line of the week's home visits: a reason, and who when nobody was assigned.

A reason is required (the core refuses a blank one and the message shows under the box).
Marking a care-plan slot that nobody was assigned to asks who it was for, starting at the
person at the desk. Enter saves; a refused save keeps what was typed and saves nothing.
The dialog makes its one core call itself; ``saved`` holds the visit afterwards. UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.desk.visit_dto import VisitInfo, VisitSlot
from carecenter.domain.text import LIMITS
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.visit_dialog import EnterMoves, form_row
from ui.widgets.confirm import inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, FieldRows, bold, ensure_readable_font, show_refusal


class VisitReasonDialog(QDialog):
    """未完成… / 取消… / 作废… of one line of the week (``action`` is "miss", "cancel" or "void")."""

    def __init__(
        self, cc: CareCenter, actor: Actor, slot: VisitSlot, action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._slot = slot
        self._action = action
        self.saved: VisitInfo | None = None
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        titles = {
            "miss": _("Visit not made: {name}"),
            "cancel": _("Cancel visit: {name}"),
            "void": _("Void visit record: {name}"),
        }
        self.setWindowTitle(titles[action].format(name=slot.senior_name))
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
        prompt = QLabel(prompts[action], self)
        prompt.setWordWrap(True)
        prompt.setStyleSheet(f"color: {MUTED_COLOR};")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.staff_combo: QComboBox | None = None
        if action != "void" and slot.visit_id is None and slot.staff_id is None:
            self.staff_combo = QComboBox(self)
            self.staff_combo.setPlaceholderText(_("Please choose"))
            for member in cc.staff.list(active_only=True):
                self.staff_combo.addItem(member.name, member.id)
            self.staff_combo.setCurrentIndex(self.staff_combo.findData(actor.staff_id) if actor.staff_id else -1)
            form_row(self, form, self.rows, "staff_id", self.staff_combo, None, True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(LIMITS["reason"])
        form_row(self, form, self.rows, "status_reason", self.reason_edit, None, True)
        self.reason_edit.textChanged.connect(self.rows["status_reason"].clear_error)
        self.rows["void_reason"] = self.rows["status_reason"]  # the core names a voiding's reason so

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
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

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    def save(self) -> bool:
        self.rows.clear_errors()
        self.banner.hide()
        reason = self.reason_edit.text()
        staff = self.staff_combo.currentData() if self.staff_combo is not None else None
        visits = self._cc.visits
        try:
            if self._action == "void":
                assert self._slot.visit_id is not None
                self.saved = visits.void(self._slot.visit_id, reason, self._actor)
            elif self._action == "miss":
                self.saved = visits.miss(self._slot.target, reason, self._actor, staff_id=staff)
            else:
                self.saved = visits.cancel(self._slot.target, reason, self._actor, staff_id=staff)
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors)
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.accept()
        return True
