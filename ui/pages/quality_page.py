"""数据质量: the records to look at again — no phone, no emergency contact, an expired
category, a suspected duplicate, under 60, no consent form — each one a row that opens the senior.

Staff work down the list: choose a kind of problem (each with its count) or all of them,
double-click a row or press Enter, fix the record in the usual edit dialog, save; the
list is checked again and the next problem is selected. 刷新 checks again at any time,
and so does showing the page, since records change on other pages and other desks.
打印 puts every problem on paper (through the print preview) to work through away from the screen.

``cc.quality.check`` returns plain ``QualityIssue`` values (one indexed query per kind),
so it runs on the UI thread. The page itself is a :class:`WorkListPage`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from shiboken6 import isValid

from carecenter.actor import Actor
from carecenter.domain.vocab import Vocab
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.quality import QualityIssue, QualityKind
from ui.pages.quality_table_model import COL_DETAIL, QualityTableModel, column_samples
from ui.widgets.work_list import WorkListPage, WorkListTexts

if TYPE_CHECKING:
    from ui.printing import PrintJob


class QualityPage(WorkListPage[QualityIssue]):
    """The 数据质量 page; ``set_center`` chooses whose seniors are checked (None: every center)."""

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(cc, actor, center_id, QualityTableModel(), column_samples(), COL_DETAIL, parent=parent)
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self.print_button = QPushButton(_("Print"), self)
        self.print_button.setToolTip(
            _("Every problem on paper, to work through away from the screen (previewed first)")
        )
        self.print_button.setMinimumHeight(self.print_button.sizeHint().height() + 8)
        self.print_button.setMinimumWidth(self.print_button.sizeHint().width() + 24)
        self.print_button.clicked.connect(lambda: self.print_list())
        self.controls.insertWidget(self.controls.indexOf(self.open_button) + 1, self.print_button)
        QWidget.setTabOrder(self.open_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.table)

    def texts(self) -> WorkListTexts:
        return WorkListTexts(
            title=_("Data quality"),
            hint=_("Records to look at again. Double-click a row or press Enter to open the senior and correct it."),
            kind_label=_("Problem"),
            all_kinds=_("All problems ({n})"),
            refresh_tip=_("Check every record again"),
            open_tip=_("Open the selected senior's record (Enter or double-click)"),
        )

    def kinds(self) -> list[Vocab]:
        return list(QualityKind)

    def fetch(self) -> list[QualityIssue]:
        return self._cc.quality.check(self._actor, self._center_id)

    def count_text(self, shown: list[QualityIssue]) -> tuple[str, bool]:
        return _("{n} problems").format(n=len(shown)), False

    def empty_text(self, kind: Vocab | None) -> str:
        if kind is not None and self._items:
            return _("No senior has this problem: “{kind}”.").format(kind=kind.label)
        return _("No problems found: every active or paused senior's record is complete.")

    def current_issue(self) -> QualityIssue | None:
        return self.current_item()

    def open_item(self, item: QualityIssue) -> bool:
        """The senior's edit dialog; after a save the problem is checked again."""
        from ui.dialogs.senior_dialog import SeniorDialog  # loaded on first use, as on the seniors page

        try:
            dialog = SeniorDialog(self._cc, self._actor, item.senior_id, parent=self)
        except CareCenterError as error:  # the senior is gone (another desk, a restore): check again
            self.say(str(error), ok=False)
            self.refresh()
            return False
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            saved = dialog.saved
        finally:
            if isValid(dialog):  # a dialog may delete itself on close
                dialog.deleteLater()
        if accepted and saved is not None:
            self.say(_("Saved: {name} ({no})").format(name=saved.name, no=saved.member_no), ok=True)
            return True
        return False

    def print_list(self) -> PrintJob:
        """打印: every problem of the listed center (or all centers), through the print preview."""
        from ui.printing import preview_listing  # loaded on first use

        lists, actor, center_id = self._cc.reports.lists, self._actor, self._center_id
        self.print_job = preview_listing(
            self, self._cc.reports, actor, _("Data quality list"), lambda: lists.quality_list(actor, center_id)
        )
        return self.print_job
