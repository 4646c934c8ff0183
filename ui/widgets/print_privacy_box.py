"""设置 › 打印: whether each center's printouts show full ID numbers (masked by default).

The setting belongs to the center and lives in the database, so every desk prints
the same way. Only an administrator may change it (the core refuses anyone else);
other roles see the setting without being able to change it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed


class PrintPrivacyBox(QGroupBox):
    """One checkbox per center: 打印完整身份证号."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Printing"), parent)
        self._cc = cc
        self._actor = actor
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        may_change = allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        layout = QVBoxLayout(self)
        self.checkboxes: dict[int, QCheckBox] = {}
        for center in cc.centers.list():
            box = QCheckBox(_("Print full ID numbers for {center}").format(center=center.name))
            box.setStyleSheet("font-weight: normal;")
            box.setChecked(center.print_full_ids)
            box.setEnabled(may_change)
            box.toggled.connect(lambda checked, cid=center.id: self._save(cid, checked))
            self.checkboxes[center.id] = box
            layout.addWidget(box)
        note = QLabel(
            _(
                "When off (the default), printouts show ID numbers masked, e.g. 410105********0420. "
                "Printouts with full numbers are recorded in the audit trail."
            )
            if may_change
            else _("Only an administrator can change how ID numbers are printed.")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555; font-weight: normal;")
        layout.addWidget(note)

    def _save(self, center_id: int, checked: bool) -> None:
        try:
            self._cc.centers.set_print_full_ids(center_id, checked, self._actor)
        except CareCenterError as exc:
            box = self.checkboxes[center_id]
            box.blockSignals(True)
            box.setChecked(not checked)  # the refusal changed nothing: show what is stored
            box.blockSignals(False)
            QMessageBox.warning(self, _("Not saved"), str(exc))
