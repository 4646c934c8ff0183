"""The two small steps of a care plan after writing it: 签字生效 (sign a draft) and 结束计划 (end the plan).

Each is a short modal dialog with one choice: the social worker who signs (dated today;
the draft takes effect and an earlier version stops), or the day the plan ends (today
unless the user types an earlier day). The core's refusal is shown under the input and
nothing changes. ``saved`` is the plan as stored after the step, None until then.
UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.care.plan_rules import FIELD_LABELS, plan_error
from carecenter.care.plans import PlanInfo
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.care_plan_dialog import fill_signers
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, FieldRow, bold, ensure_readable_font


class _PlanStep(QDialog):
    """A titled dialog about one plan with one field and a Do / Cancel row."""

    def __init__(self, cc: CareCenter, actor: Actor, plan: PlanInfo, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._cc, self._actor, self.plan = cc, actor, plan
        self.saved: PlanInfo | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(title, self)
        bold(heading, 1.2)
        self.layout_.addWidget(heading)
        summary = QLabel(
            _("Version {v}, from {start}; review on {review}").format(
                v=plan.version, start=plan.start_on.isoformat(), review=plan.review_on.isoformat()
            ),
            self,
        )
        summary.setStyleSheet(f"color: {MUTED_COLOR};")
        self.layout_.addWidget(summary)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()

    def _finish(self, field: str, field_widget: QWidget, do_text: str) -> FieldRow:
        row = FieldRow(field_widget, self)
        caption = QLabel(_(FIELD_LABELS[field]), self)
        caption.setBuddy(field_widget)
        field_widget.setAccessibleName(_(FIELD_LABELS[field]))
        self.form.addRow(caption, row)
        self.layout_.addWidget(self.banner)
        box, self.do_button, self.cancel_button = save_cancel(
            self, do_text, _("Cancel"), self.run, self.reject, bold_save=True
        )
        self.layout_.addWidget(box)
        self.resize(560, self.sizeHint().height())
        return row

    def run(self) -> bool:
        raise NotImplementedError

    def _refused(self, row: FieldRow, field: str, errors: list[FieldError]) -> None:
        others = [str(e) for e in errors if e.field != field]
        for error in errors:
            if error.field == field:
                row.add_error(error.reason)
        self.banner.setText("\n".join(others))
        self.banner.setVisible(bool(others))


class SignPlanDialog(_PlanStep):
    """签字生效: choose the social worker who signs the draft."""

    def __init__(self, cc: CareCenter, actor: Actor, plan: PlanInfo, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, plan, _("Sign the care plan"), parent)
        note = QLabel(
            _("Signed today, the plan takes effect at once; the version in force until now is kept in the history."),
            self,
        )
        note.setWordWrap(True)
        self.layout_.insertWidget(2, note)
        self.signer_combo = QComboBox(self)
        fill_signers(self.signer_combo, cc, actor)
        self.row = self._finish("signed_by_staff_id", self.signer_combo, _("Sign"))
        self.signer_combo.currentIndexChanged.connect(self.row.clear_error)

    def run(self) -> bool:
        self.row.clear_error()
        self.banner.hide()
        if self.signer_combo.currentIndex() < 0:
            self.row.set_error(_("please choose a social worker who works here"))
            return False
        try:
            self.saved = self._cc.care_plans.sign(self.plan.id, int(self.signer_combo.currentData()), self._actor)
        except ValidationError as exc:
            self._refused(self.row, "signed_by_staff_id", exc.errors)
            return False
        except CareCenterError as exc:
            self._refused(self.row, "signed_by_staff_id", [plan_error("plan", str(exc))])
            return False
        self.accept()
        return True


class ClosePlanDialog(_PlanStep):
    """结束计划: the day the plan in force ends."""

    def __init__(self, cc: CareCenter, actor: Actor, plan: PlanInfo, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, plan, _("End the care plan"), parent)
        self.date_edit = DateEdit(cc.clock.today(), parent=self)
        self.date_edit.set_date(cc.clock.today())
        self.row = self._finish("end_on", self.date_edit, _("End the plan"))
        self.date_edit.edited.connect(self.row.clear_error)

    def run(self) -> bool:
        self.row.clear_error()
        self.banner.hide()
        try:
            day = self.date_edit.date()
        except DateTextError as exc:
            self.row.set_error(str(exc))
            return False
        if day is None:
            self.row.set_error(_("is required"))
            return False
        try:
            self.saved = self._cc.care_plans.close(self.plan.id, day, self._actor)
        except ValidationError as exc:
            self._refused(self.row, "end_on", exc.errors)
            return False
        except CareCenterError as exc:
            self._refused(self.row, "end_on", [plan_error("plan", str(exc))])
            return False
        self.accept()
        return True
