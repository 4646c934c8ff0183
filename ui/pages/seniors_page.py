"""老人档案: find a senior the way the front desk types, open the record, change a status,
see or record the consent form (同意书; 只看未签同意书 lists who still needs one).

Keyboard first: type in the search box (name, pinyin initials, ID tail, phone,
member number) and the list filters as you type; ↓ moves into the table, arrows
move, Enter (or a double-click) opens the senior's detail view; Esc clears the search.
A complete member number typed or scanned, followed by Enter, opens that senior at
once. 编辑 still opens the edit form directly. Typing while the table
has the focus goes back to the search box. Buttons a role may not use are hidden.

The page never holds ORM objects: it asks ``cc.seniors`` for ids and rows, and
the add/edit/status dialogs return the saved ``SeniorDetail``. Every query here
is a single indexed read, so it runs on the UI thread.
"""

from __future__ import annotations

import itertools
from typing import Protocol

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from carecenter.actor import Actor
from carecenter.domain.vocab import Status
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.seniors.dto import SeniorDetail
from carecenter.seniors.search import Sort, is_member_no
from ui.pages.senior_actions import (
    CardActions,
    ListFilters,
    RosterActions,
    SeniorActions,
    count_text,
    only_missing,
)
from ui.pages.senior_list_widgets import SORT_KEYS, RowsFor, SearchBox, SeniorTable
from ui.pages.senior_table_model import SeniorTableModel

SEARCH_DELAY_MS = 150


class _SavingDialog(Protocol):
    """The add/edit and status dialogs: modal, and ``saved`` holds the result after accept()."""

    saved: SeniorDetail | None

    def exec(self) -> int: ...

    def deleteLater(self) -> None: ...


class SeniorsPage(QWidget):
    """The 老人档案 page; ``set_center`` chooses whose seniors are listed (None: all centers)."""

    def __init__(
        self, cc: CareCenter, actor: Actor, center_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._hidden_saved: int | None = None  # saved, then hidden by the status filter
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.flush_search)
        self._search_pending = False
        self._sort: Sort | None = None  # None: best matches first, then by pinyin

        self.model = SeniorTableModel(RowsFor(cc, actor))
        self._build()
        # Listed when first shown: the main window builds this page at start, and reading a
        # district's 50,000 ids there would delay the window for a page the desk may never open.
        self._stale = True

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("Seniors"))
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)

        self.search_box = SearchBox()
        self.search_box.setPlaceholderText(_("Name, pinyin initials, last ID digits, phone or member no."))
        self.search_box.setClearButtonEnabled(True)
        search_font = QFont(self.font())
        search_font.setPointSizeF(search_font.pointSizeF() * 1.25)
        self.search_box.setFont(search_font)
        self.search_box.setMinimumHeight(self.search_box.sizeHint().height() + 10)
        self.search_box.textChanged.connect(self._on_text_changed)
        self.search_box.returnPressed.connect(self._on_search_return)
        self.search_box.move_down.connect(self._enter_table)

        self.filters = ListFilters(self)
        self.show_all = self.filters.show_all
        self.missing_consent = self.filters.missing_consent
        self.show_all.toggled.connect(self._on_show_all)
        self.missing_consent.toggled.connect(lambda _checked: self.refresh(self.current_senior_id()))

        self.action_bar = SeniorActions(self._actor, self)
        self.add_button = self.action_bar.add_button
        self.detail_button = self.action_bar.detail_button
        self.edit_button = self.action_bar.edit_button
        self.status_button = self.action_bar.status_button
        self.consent_button = self.action_bar.consent_button
        self.action_bar.add_requested.connect(self.open_add)
        self.action_bar.detail_requested.connect(lambda: self.open_detail())
        self.action_bar.edit_requested.connect(lambda: self.open_edit())
        self.action_bar.status_requested.connect(lambda: self.open_status())
        self.action_bar.consent_requested.connect(lambda: self.open_consent())
        self.roster_bar = RosterActions(self._actor, self)
        self.import_button = self.roster_bar.import_button
        self.export_button = self.roster_bar.export_button
        self.roster_bar.import_requested.connect(self.open_import)
        self.roster_bar.export_requested.connect(self.open_export)
        self.card_bar = CardActions(self._cc, self._actor, self)
        self.card_bar.selected_button.clicked.connect(
            lambda: self.card_bar.print_cards(self._center_id, self.selected_ids())
        )
        self.card_bar.new_button.clicked.connect(lambda: self.card_bar.print_cards(self._center_id, None))

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet("color: #1d5f99;")
        self.notice.setWordWrap(True)
        self.hint = QLabel(_("Type, then ↓ to choose and Enter to open · Esc clears · Ctrl+N adds"))
        self.hint.setStyleSheet("color: #555;")

        self.table = SeniorTable()
        self.table.configure(self.model, int(self.fontMetrics().height() * 1.9))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several cards at once
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self.sort_by_column)
        self.table.doubleClicked.connect(lambda index: self.open_detail(self.model.senior_id(index.row())))
        self.table.open_requested.connect(lambda: self.open_detail())
        self.table.back_to_search.connect(self._back_to_search)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_font = QFont(self.font())
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.2)
        self.empty_label.setFont(empty_font)
        self.empty_label.setStyleSheet("color: #555;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addSpacing(12)
        search_row.addWidget(self.filters)
        buttons = QHBoxLayout()
        buttons.addWidget(self.action_bar)
        buttons.addSpacing(16)
        buttons.addWidget(self.notice, 1)
        buttons.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.card_bar)
        title_row.addSpacing(12)
        title_row.addWidget(self.roster_bar)
        layout.addLayout(title_row)
        layout.addLayout(search_row)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.search_box)
        chain = [
            self.search_box,
            self.show_all,
            self.missing_consent,
            *self.action_bar.buttons(),
            self.table,
            *self.card_bar.buttons(),
            *self.roster_bar.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ---- listing -----------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        """List the seniors of one center (None: every center in the database)."""
        if center_id != self._center_id:
            self._center_id = center_id
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def center_id(self) -> int | None:
        return self._center_id

    def statuses(self) -> tuple[Status, ...] | None:
        return self.filters.statuses()

    def hideEvent(self, event: QHideEvent) -> None:
        """A hidden page does not search; a search typed just before hiding runs when it shows again."""
        self._search_pending = self._search_timer.isActive()
        self._search_timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        elif self._search_pending:
            self._search_pending = False
            self.flush_search()

    def sort_by_column(self, column: int) -> None:
        """A header click: ascending, then descending, then back to best matches first.

        The core sorts (in SQL), so the order covers every match, not just the rows loaded so far.
        """
        key = SORT_KEYS.get(column)
        if key is None:  # phones and categories have no meaningful order
            self._show_sort_indicator()
            return
        if self._sort is None or self._sort.key is not key:
            self._sort = Sort(key)
        elif not self._sort.descending:
            self._sort = Sort(key, descending=True)
        else:
            self._sort = None
        self._show_sort_indicator()
        self.refresh(self.current_senior_id())

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        if self._sort is None:
            header.setSortIndicatorShown(False)
            return
        column = next(c for c, k in SORT_KEYS.items() if k is self._sort.key)
        order = Qt.SortOrder.DescendingOrder if self._sort.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        header.setSortIndicatorShown(True)

    def flush_search(self) -> None:
        """Apply the typed search now (the debounce timer calls this; so can tests)."""
        self._search_timer.stop()
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Re-run the search; keep ``select_id`` selected when it is still listed, else the first row."""
        self._search_timer.stop()
        self._stale = self._search_pending = False
        ids = self._cc.seniors.search_ids(self.search_box.text(), self._center_id, self.statuses(), self._sort)
        if self.filters.missing_only():
            ids = only_missing(ids, self._cc.consent.missing(self._actor, self._center_id))
        self.model.set_ids(ids)
        total = self.model.total()
        self.count_label.setText(count_text(total, self.filters.missing_only()))
        if total:
            self.stack.setCurrentWidget(self.table)
            row = self.model.row_of(select_id) if select_id is not None else None
            self._select_row(row if row is not None else 0)
        else:
            self.empty_label.setText(self._empty_text())
            self.stack.setCurrentWidget(self.empty_label)
        self._update_buttons()

    def _empty_text(self) -> str:
        if self.search_box.text().strip():
            return _("No senior matches “{q}”. Press Esc to clear the search.").format(q=self.search_box.text().strip())
        if self._cc.seniors.count(self._center_id) == 0:
            return _("No seniors registered yet. Click “Add senior” to start.")
        if self.filters.missing_only():
            return _("Every active or paused senior has a consent form on record.")
        return _("No active or paused seniors. Tick “Show withdrawn/deceased” to see everyone.")

    def current_senior_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.senior_id(index.row()) if index.isValid() else None

    def visible_names(self) -> list[str]:
        """Names in the loaded rows, top to bottom (what a user sees when scrolling)."""
        names = []
        for row in range(self.model.rowCount()):
            senior = self.model.senior_row(row)
            if senior is not None:
                names.append(senior.name)
        return names

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        self.action_bar.set_has_selection(self.current_senior_id() is not None)
        self.card_bar.set_state(self._center_id is not None, self.current_senior_id() is not None)

    def selected_ids(self) -> list[int]:
        """The selected seniors top to bottom (several with Ctrl/Shift+click), else the current one."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [i for i in (self.model.senior_id(r) for r in rows) if i is not None]
        current = self.current_senior_id()
        return ids or ([current] if current is not None else [])

    # ---- keyboard ----------------------------------------------------------------------

    def _on_show_all(self, _checked: bool) -> None:
        wanted = self._hidden_saved if self._hidden_saved is not None else self.current_senior_id()
        self._hidden_saved = None
        self.refresh(wanted)

    def _on_text_changed(self, _text: str) -> None:
        self.notice.clear()
        self._search_timer.start()

    def _on_search_return(self) -> None:
        text = self.search_box.text()
        if is_member_no(text):
            senior_id = self._cc.seniors.id_by_member_no(text)
            if senior_id is None:
                self.flush_search()
                self.notice.setText(_("No senior has member number {no}.").format(no=text.strip().upper()))
                return
            self.flush_search()
            self.open_detail(senior_id)
            return
        if self._search_timer.isActive():
            self.flush_search()
        if self.model.total() == 1:
            self.open_detail(self.model.senior_id(0))
        elif self.model.total() > 1:
            self._enter_table()

    def _enter_table(self) -> None:
        if self._search_timer.isActive():
            self.flush_search()
        if self.model.total() == 0:
            return
        if not self.table.currentIndex().isValid():
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _back_to_search(self, typed: str) -> None:
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        if typed:
            self.search_box.insert(typed)
        else:
            self.search_box.selectAll()

    # ---- dialogs -----------------------------------------------------------------------

    def open_add(self) -> None:
        """新增老人: the edit dialog on an empty record."""
        self._run_senior_dialog(None)

    def open_detail(self, senior_id: int | None = None) -> None:
        """Open ``senior_id`` (default: the selected row) in the detail view; the list follows what was saved there."""
        from ui.pages import senior_detail  # loaded on first use: faster start

        target = senior_id if senior_id is not None else self.current_senior_id()
        if target is None:
            return
        if senior_detail.open_senior_detail(self._cc, self._actor, target, self):
            try:
                saved = self._cc.seniors.get(target, self._actor)
            except CareCenterError:  # gone meanwhile (a restore on another desk)
                self.refresh()
            else:
                self._after_save(saved)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_edit(self, senior_id: int | None = None) -> None:
        """Open ``senior_id`` (default: the selected row) in the edit dialog."""
        target = senior_id if senior_id is not None else self.current_senior_id()
        if target is not None:
            self._run_senior_dialog(target)

    def open_status(self, senior_id: int | None = None) -> None:
        """变更状态 of ``senior_id`` (default: the selected row)."""
        from ui.dialogs.status_dialog import StatusDialog  # loaded on first use: faster start

        target = senior_id if senior_id is not None else self.current_senior_id()
        if target is None or not allowed(self._actor, Permission.EDIT_CATEGORIES_STATUS):
            return
        self._run(StatusDialog(self._cc, self._actor, target, parent=self))

    def open_consent(self, senior_id: int | None = None) -> None:
        """同意书 of ``senior_id`` (default: the selected row); the list follows what was recorded."""
        from ui.dialogs.consent_dialog import ConsentDialog  # loaded on first use: faster start

        target = senior_id if senior_id is not None else self.current_senior_id()
        if target is None:
            return
        dialog = ConsentDialog(self._cc, self._actor, target, parent=self)
        try:
            dialog.exec()
            changed, name, state = dialog.changed, dialog.detail.name, dialog.state_text()
        finally:
            dialog.deleteLater()
        if changed:
            self.refresh(target)
            self.notice.setText(_("Consent of {name}: {state}").format(name=name, state=state))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_import(self) -> None:
        """导入花名册: the import wizard for the listed center; the list follows what was imported."""
        from ui.dialogs.import_wizard import ImportWizard  # loaded on first use: faster start

        if not allowed(self._actor, Permission.IMPORT_EXPORT_ALL):
            return
        wizard = ImportWizard(self._cc, self._actor, self._center_id, parent=self)
        wizard.imported.connect(lambda _report: self.refresh(self.current_senior_id()))
        try:
            wizard.exec()
        finally:
            wizard.deleteLater()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_export(self) -> None:
        """导出花名册 of the listed center; 退出/去世 are offered ticked when the list shows them."""
        from ui.dialogs.roster_export import ExportDialog  # loaded on first use: faster start

        if not allowed(self._actor, Permission.IMPORT_EXPORT_ALL):
            return
        dialog = ExportDialog(self._cc, self._actor, self._center_id, self, include_all=self.show_all.isChecked())
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _run_senior_dialog(self, senior_id: int | None) -> None:
        from ui.dialogs.senior_dialog import SeniorDialog  # loaded on first use: faster start

        dialog = SeniorDialog(self._cc, self._actor, senior_id, parent=self)
        if senior_id is None:
            dialog.preselect_center(self._center_id)
        self._run(dialog)

    def _run(self, dialog: _SavingDialog) -> None:
        """Show ``dialog`` modally; when it saved, list and select the result."""
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            saved = dialog.saved
        finally:
            if isValid(dialog):  # a dialog may delete itself on close
                dialog.deleteLater()
        if accepted and saved is not None:
            self._after_save(saved)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _after_save(self, saved: SeniorDetail) -> None:
        """Show the saved senior selected; widen the list if the search or filter hides them."""
        self.refresh(saved.id)
        if self.current_senior_id() != saved.id and (self.search_box.text() or self.filters.missing_only()):
            with QSignalBlocker(self.search_box), QSignalBlocker(self.missing_consent):
                self.search_box.clear()
                self.missing_consent.setChecked(False)
            self.refresh(saved.id)
        if self.current_senior_id() == saved.id:
            self._hidden_saved = None
            self.notice.setText(_("Saved: {name} ({no})").format(name=saved.name, no=saved.member_no))
        else:
            self._hidden_saved = saved.id
            self.notice.setText(
                _("Saved: {name} is now “{status}”. Tick “Show withdrawn/deceased” to see them.").format(
                    name=saved.name, status=saved.status.label
                )
            )
