"""健康与饮食: the senior's diet, allergies, conditions, medications, family doctor and care risks.

Read-only here, in large text; 编辑健康与饮食 opens the health dialog, and after a save
the section emits ``changed`` so the detail view's alert strip shows the new diet at
once. Every role that looks up seniors sees this tab (the front desk serves the meals).
UI thread only; one single-senior read per load.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.care.health import FIELD_LABELS, HealthInfo, ordered_flags
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.sections.base import Section
from ui.sections.profile_section import WARN_COLOR, InfoGroup, action_button, lay_out_groups
from ui.widgets.field_row import ERROR_COLOR


class HealthSection(Section):
    """Health and diet as recorded; the edit button opens :class:`ui.dialogs.health_dialog.HealthDialog`."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.info: HealthInfo | None = None
        self.edit_button = action_button(
            _("Edit health and diet…"), _("Diet, allergies, conditions, medications, family doctor and risks"), self
        )
        self.edit_button.clicked.connect(self.open_edit)
        self.edit_button.setVisible(allowed(actor, Permission.EDIT_SENIOR_BASICS))
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)

        self.diet = InfoGroup(_("Diet (shown wherever the senior is served)"))
        for key in ("diet_flags", "allergies", "diet_notes"):
            self.diet.line(key, _(FIELD_LABELS[key]))
        self.risks = InfoGroup(_("Care risks"))
        self.risks.line("risks")
        self.health = InfoGroup(_("Health"))
        for key in ("conditions", "medications", "family_doctor"):
            self.health.line(key, _(FIELD_LABELS[key]))

        lay_out_groups(self, buttons, (self.diet, self.risks), (self.health,))

    def title(self) -> str:
        return _("Health and diet")

    def text_of(self, group: str, key: str) -> str:
        """What line ``key`` of ``group`` (diet, risks, health) shows (for tests)."""
        box = getattr(self, group)
        assert isinstance(box, InfoGroup)
        return box.values[key].text()

    def load(self, senior_id: int) -> None:
        self.senior_id = senior_id
        info = self.cc.health.get(senior_id, self.actor)
        self.info = info
        self.diet.set("diet_flags", "、".join(f.label for f in ordered_flags(info.diet_flags)), ERROR_COLOR)
        self.diet.set("allergies", info.allergies, ERROR_COLOR)
        self.diet.set("diet_notes", info.diet_notes)
        risks = info.risks()
        self.risks.set("risks", "、".join(risks) if risks else _("None recorded"), WARN_COLOR if risks else "")
        self.health.set("conditions", "、".join(info.conditions))
        self.health.set(
            "medications", "\n".join("　".join(p for p in (m.name, m.dose, m.schedule) if p) for m in info.medications)
        )
        doctor = "　".join(t for t in (info.family_doctor, info.family_doctor_phone) if t)
        self.health.set("family_doctor", doctor)

    def open_edit(self) -> bool:
        """编辑健康与饮食; True (and ``changed``) when the dialog saved."""
        from ui.dialogs.health_dialog import HealthDialog  # loaded on first use

        if self.senior_id is None or not allowed(self.actor, Permission.EDIT_SENIOR_BASICS):
            return False
        dialog = HealthDialog(self.cc, self.actor, self.senior_id, parent=self)
        try:
            saved = dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
        finally:
            dialog.deleteLater()
        if saved:
            self.changed.emit()
        return saved
