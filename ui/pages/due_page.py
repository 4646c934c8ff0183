"""待办: the social workers' list — reassessments due or overdue (by months or after an incident),
first assessments, care plans to review or ending, seniors without a plan.

The list looks 30 days ahead and puts the overdue first; "逾期 N 天" is red. Staff choose a
kind (each with its count) or all, click a header to sort, and double-click a row or press
Enter to open the senior's detail view on the tab that settles it (能力评估 or 照护计划);
after something was saved there the list is read again. ``count_changed`` tells the main
window how many items are due today or overdue (the sidebar badge).

Administrators also set, per center, how many months may pass between assessments
(shown to everyone; a change re-dates every reassessment of the center at once).

``cc.due.items`` returns plain ``DueItem`` values (a few indexed queries), so it runs
on the UI thread. The page itself is a :class:`WorkListPage` with the interval row below.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from carecenter.actor import Actor
from carecenter.care.due import MAX_MONTHS, MIN_MONTHS, DueItem, DueKind
from carecenter.domain.vocab import Vocab
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.pages.due_table_model import COL_DETAIL, COL_DUE, DueTableModel, column_samples
from ui.widgets.field_row import MUTED_COLOR
from ui.widgets.work_list import WorkListPage, WorkListTexts

ASSESSMENT_KINDS = frozenset({DueKind.REASSESSMENT, DueKind.NEVER_ASSESSED})


def due_now(items: list[DueItem]) -> int:
    """What the badge counts: items due today or overdue (the same rule as ``cc.due.count``)."""
    return sum(1 for item in items if item.days <= 0)


class DuePage(WorkListPage[DueItem]):
    """The 待办 page; ``set_center`` chooses whose seniors are listed (None: every center)."""

    @classmethod
    def available_to(cls, actor: Actor) -> bool:
        return allowed(actor, Permission.ASSESSMENTS)

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        model = DueTableModel()
        super().__init__(cc, actor, center_id, model, column_samples(), COL_DETAIL, sort_column=COL_DUE, parent=parent)
        self._saved_months: int | None = None  # the chosen center's setting as stored
        self.page_layout.addLayout(self._interval_row())

    # ---- the list ----------------------------------------------------------------------

    def texts(self) -> WorkListTexts:
        return WorkListTexts(
            title=_("To do"),
            hint=_(
                "Assessments due, care plans to review or ending, seniors without a plan: the next 30 days, "
                "overdue first. Double-click a row or press Enter to open the senior."
            ),
            kind_label=_("Show"),
            all_kinds=_("Everything due ({n})"),
            refresh_tip=_("Read the list again"),
            open_tip=_("Open the selected senior (Enter or double-click)"),
        )

    def kinds(self) -> list[Vocab]:
        return list(DueKind)

    def fetch(self) -> list[DueItem]:
        return self._cc.due.items(self._actor, self._center_id)

    def count_text(self, shown: list[DueItem]) -> tuple[str, bool]:
        overdue = sum(1 for i in shown if i.overdue)
        return _("{n} items, {m} overdue").format(n=len(shown), m=overdue), overdue > 0

    def empty_text(self, kind: Vocab | None) -> str:
        if kind is not None and self._items:
            return _("Nothing of this kind is due: “{kind}”.").format(kind=kind.label)
        return _("Nothing due in the next 30 days: every senior is assessed and has a care plan in force.")

    def badge_count(self) -> int:
        return due_now(self._items)

    def after_read(self) -> None:
        self._show_interval()

    def open_item(self, item: DueItem) -> bool:
        """The senior's detail view on the tab that settles the item (能力评估 or 照护计划)."""
        from ui.pages.senior_detail import open_senior_detail  # loaded on first use
        from ui.sections.assessments_section import AssessmentsSection
        from ui.sections.care_plan_section import CarePlanSection

        section = AssessmentsSection if item.kind in ASSESSMENT_KINDS else CarePlanSection
        return open_senior_detail(self._cc, self._actor, item.senior_id, self, section=section)

    # ---- the interval setting -------------------------------------------------------------

    def _interval_row(self) -> QHBoxLayout:
        """每 N 个月重新评估: read-only for social workers, a spin box and 保存 for administrators."""
        self.can_set_interval = allowed(self._actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        self.interval_label = QLabel()
        self.interval_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.months_spin = QSpinBox()
        self.months_spin.setRange(MIN_MONTHS, MAX_MONTHS)
        self.months_spin.setSuffix(_(" months"))
        self.months_spin.setAccessibleName(_("Months between assessments"))
        self.months_spin.setMinimumWidth(
            self.months_spin.fontMetrics().horizontalAdvance(f"24{self.months_spin.suffix()}") + 48
        )
        self.months_spin.valueChanged.connect(lambda _v: self._update_interval_button())
        self.months_button = QPushButton(_("Save interval"))
        self.months_button.setToolTip(_("Reassessments of this center are then due this many months after the last"))
        self.months_button.clicked.connect(lambda: self.save_interval())
        row = QHBoxLayout()
        row.addWidget(self.interval_label)
        row.addWidget(self.months_spin)
        row.addWidget(self.months_button)
        row.addStretch(1)
        return row

    def _show_interval(self) -> None:
        """The chosen center's months between assessments; nothing to set for "all centers"."""
        if self._center_id is None:
            self.interval_label.setText(_("Each center sets its own months between assessments."))
            self.months_spin.hide()
            self.months_button.hide()
            return
        months = self._cc.due.reassess_months(self._center_id)
        with QSignalBlocker(self.months_spin):
            self.months_spin.setValue(months)
        if self.can_set_interval:
            self.interval_label.setText(_("Reassess every"))
        else:
            self.interval_label.setText(_("This center reassesses every {n} months.").format(n=months))
        self.months_spin.setVisible(self.can_set_interval)
        self.months_button.setVisible(self.can_set_interval)
        self._saved_months = months
        self._update_interval_button()

    def _update_interval_button(self) -> None:
        self.months_button.setEnabled(self.months_spin.value() != self._saved_months)

    def save_interval(self) -> bool:
        """保存间隔: the center's new months between assessments; the list is read again."""
        if self._center_id is None or not self.can_set_interval:
            return False
        try:
            months = self._cc.due.set_reassess_months(self._center_id, self.months_spin.value(), self._actor)
        except CareCenterError as error:
            self.say(str(error), ok=False)
            return False
        self.refresh()
        self.say(_("Saved: reassess every {n} months.").format(n=months), ok=True)
        return True
