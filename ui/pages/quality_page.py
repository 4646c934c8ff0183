"""数据质量: the records to look at again — no phone, no emergency contact, an expired
category, a suspected duplicate, under 60, no consent form — each one a row that opens the senior.

Staff work down the list: choose a kind of problem (each with its count) or all of them,
double-click a row or press Enter, fix the record in the usual edit dialog, save; the
list is checked again and the next problem is selected. 刷新 checks again at any time,
and so does showing the page, since records change on other pages and other desks.

The page never holds ORM objects: ``cc.quality.check`` returns plain ``QualityIssue``
values (one indexed query per kind), so it runs on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from carecenter.actor import Actor
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.quality import QualityIssue, QualityKind, count_by_kind
from ui.pages.quality_table_model import QualityTableModel, QualityTableView
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold, ensure_readable_font

ALL_KINDS = ""  # the kind selector's value for 全部问题


class QualityPage(QWidget):
    """The 数据质量 page; ``set_center`` chooses whose seniors are checked (None: every center)."""

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._issues: list[QualityIssue] = []
        self._error_shown = False
        self.model = QualityTableModel()
        ensure_readable_font(self)
        self._build()  # checked when first shown (showEvent), not at start-up

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("Data quality"))
        bold(self.title, 1.4)
        self.hint = QLabel(
            _("Records to look at again. Double-click a row or press Enter to open the senior and correct it.")
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")

        self.kind_label = QLabel(_("Problem"))
        self.kind_combo = QComboBox()
        self.kind_combo.setMinimumContentsLength(16)
        self.kind_combo.setAccessibleName(_("Problem"))
        self.kind_label.setBuddy(self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._show_kind())
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.setToolTip(_("Check every record again"))
        self.refresh_button.clicked.connect(self._check_again)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Open the selected senior's record (Enter or double-click)"))
        self.open_button.clicked.connect(lambda: self.open_senior())
        for button in (self.refresh_button, self.open_button):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)

        self.table = QualityTableView(self.model)
        self.table.doubleClicked.connect(lambda index: self.open_senior(self.model.record(index.row())))
        self.table.open_requested.connect(lambda: self.open_senior())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        bold(self.empty_label, 1.2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        controls = QHBoxLayout()
        controls.addWidget(self.kind_label)
        controls.addWidget(self.kind_combo)
        controls.addSpacing(12)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.open_button)
        controls.addSpacing(16)
        controls.addWidget(self.notice, 1)
        controls.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(controls)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.table)
        QWidget.setTabOrder(self.kind_combo, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.table)

    # ---- checking ----------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        """Check the seniors of one center (None: every center); at once if the page is shown."""
        if center_id != self._center_id:
            self._center_id = center_id
            if self.isVisible():
                self.refresh()

    def center_id(self) -> int | None:
        return self._center_id

    def showEvent(self, event: QShowEvent) -> None:
        """Records change on other pages and desks: check again whenever the page comes into view."""
        super().showEvent(event)
        if not event.spontaneous():  # not when the window is merely restored from the task bar
            self.refresh()

    def refresh(self, keep: QualityIssue | None = None) -> None:
        """Check again; keep ``keep`` (default: the selected problem) selected, else the row where it was."""
        current = keep or self.current_issue()
        row = self.table.currentIndex().row()
        try:
            self._issues = self._cc.quality.check(self._actor, self._center_id)
        except CareCenterError as error:  # busy or gone database: keep what is shown, say why
            self._say(str(error), ok=False)
            return
        if self._error_shown:
            self._say("", ok=True)
        self._fill_kinds()
        self._show_kind(current, row)

    def _check_again(self) -> None:
        """刷新: a fresh list, without the last save's message."""
        self._say("", ok=True)
        self.refresh()

    def _fill_kinds(self) -> None:
        """(Re)label the selector with today's counts, keeping the chosen kind; no signal fires meanwhile."""
        counts = count_by_kind(self._issues)
        chosen = self.kind_combo.currentData() or ALL_KINDS
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.clear()
            self.kind_combo.addItem(_("All problems ({n})").format(n=len(self._issues)), ALL_KINDS)
            for kind, n in counts.items():
                self.kind_combo.addItem(_("{kind} ({n})").format(kind=kind.label, n=n), kind.value)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(chosen)))

    def chosen_kind(self) -> QualityKind | None:
        """The kind shown (None: all kinds)."""
        value = self.kind_combo.currentData()
        return QualityKind.of(value) if value else None

    def choose_kind(self, kind: QualityKind | None) -> None:
        index = self.kind_combo.findData(kind.value if kind is not None else ALL_KINDS)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def _show_kind(self, keep: QualityIssue | None = None, row: int = 0) -> None:
        kind = self.chosen_kind()
        shown = [i for i in self._issues if kind is None or i.kind is kind]
        self.model.set_records(shown)
        self.count_label.setText(_("{n} problems").format(n=len(shown)))
        if shown:
            self.stack.setCurrentWidget(self.table)
            found = self.model.row_of(keep.senior_id, keep.kind) if keep is not None else None
            self._select_row(found if found is not None else min(max(row, 0), len(shown) - 1))
        else:
            self.empty_label.setText(self._empty_text(kind))
            self.stack.setCurrentWidget(self.empty_label)
        self._update_buttons()

    def _empty_text(self, kind: QualityKind | None) -> str:
        if kind is not None and self._issues:
            return _("No senior has this problem: “{kind}”.").format(kind=kind.label)
        return _("No problems found: every active or paused senior's record is complete.")

    def current_issue(self) -> QualityIssue | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current_issue() is not None)

    def _say(self, text: str, ok: bool) -> None:
        self._error_shown = bool(text) and not ok
        self.notice.setStyleSheet(f"color: {'#1d5f99' if ok else ERROR_COLOR};")
        self.notice.setText(text)

    # ---- opening a senior ----------------------------------------------------------------

    def open_senior(self, issue: QualityIssue | None = None) -> None:
        """Open the senior of ``issue`` (default: the selected row) in the edit dialog; check again after a save."""
        from ui.dialogs.senior_dialog import SeniorDialog  # loaded on first use, as on the seniors page

        target = issue or self.current_issue()
        if target is None:
            return
        try:
            dialog = SeniorDialog(self._cc, self._actor, target.senior_id, parent=self)
        except CareCenterError as error:  # the senior is gone (another desk, a restore): check again
            self._say(str(error), ok=False)
            self.refresh()
            return
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            saved = dialog.saved
        finally:
            if isValid(dialog):  # a dialog may delete itself on close
                dialog.deleteLater()
        if accepted and saved is not None:
            self._say(_("Saved: {name} ({no})").format(name=saved.name, no=saved.member_no), ok=True)
            self.refresh(target)  # a fixed problem is gone from the list: the next one takes its row
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
