"""A senior work list: rows of "this senior needs this", worked through one by one.

The 待办 and 数据质量 pages are the same page with other rows: a kind selector with a
count per kind, 刷新 and 打开, a line of totals, a table (or a sentence when nothing is
listed), Enter or a double-click to open the senior, and a fresh read whenever the page
comes into view or the center changes. :class:`WorkListPage` holds that once;
a page says what its rows are (:meth:`~WorkListPage.fetch`), how they read, and what
opening one does.

Rows are plain frozen values with a ``senior_id`` and a ``kind`` (a :class:`Vocab`);
the page never holds ORM objects. UI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.domain.vocab import Vocab
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold, ensure_readable_font
from ui.widgets.record_table_model import RecordTableModel, setup_record_view

ALL_KINDS = ""  # the kind selector's value for "every kind"
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a cell's native sort value (dates as ordinals, names as pinyin)


class WorkItem(Protocol):
    """What a row of a work list needs: whose it is and what kind of work it is."""

    @property
    def senior_id(self) -> int: ...

    @property
    def kind(self) -> Vocab: ...


Item = TypeVar("Item", bound=WorkItem)


class WorkTableModel(RecordTableModel[Item]):
    """A record table whose rows can be found again by senior and kind (to keep the selection after a read)."""

    def row_of(self, senior_id: int, kind: Vocab | None = None) -> int | None:
        """The first row of ``senior_id`` (of ``kind``, if given), None if not listed."""
        for row, item in enumerate(self._records):
            if item.senior_id == senior_id and (kind is None or item.kind is kind):
                return row
        return None


class RoleSortModel(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` values, never the displayed text ("逾期 12 天" before "逾期 3 天");
    unsorted, it keeps the core's order."""

    def __init__(self, source: QAbstractItemModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))


class OpenRowTableView(QTableView):
    """A record list whose Enter (like a double-click) asks to open the selected row's senior."""

    open_requested = Signal()

    def __init__(
        self, model: QAbstractItemModel, samples: dict[int, str], stretch_column: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        setup_record_view(self, samples, 48)
        self.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


@dataclass(frozen=True)
class WorkListTexts:
    """The words of one work list, already translated. ``all_kinds`` and kinds take ``{n}``."""

    title: str
    hint: str
    kind_label: str
    all_kinds: str
    refresh_tip: str
    open_tip: str


class WorkListPage(QWidget, Generic[Item]):
    """The shared page. Subclasses build ``model`` (and say whether it sorts) and fill in the hooks below."""

    count_changed = Signal(int)  # emitted after each read with :meth:`badge_count`

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None,
        model: WorkTableModel[Item],
        samples: dict[int, str],
        stretch_column: int,
        sort_column: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._center_id = center_id
        self._items: list[Item] = []
        self._error_shown = False
        self.model = model
        self.sorter = RoleSortModel(model) if sort_column is not None else None
        ensure_readable_font(self)
        self._build(samples, stretch_column, sort_column)  # read when first shown (showEvent), not at start-up

    # ---- what a page says ----------------------------------------------------------------

    def texts(self) -> WorkListTexts:
        raise NotImplementedError

    def kinds(self) -> list[Vocab]:
        """Every kind, in the selector's order."""
        raise NotImplementedError

    def fetch(self) -> list[Item]:
        """Read the list from the core (may raise CareCenterError: the page shows it)."""
        raise NotImplementedError

    def count_text(self, shown: list[Item]) -> tuple[str, bool]:
        """The totals line for the rows shown, and whether it is an alarm (red)."""
        raise NotImplementedError

    def empty_text(self, kind: Vocab | None) -> str:
        """What replaces the table when no row is shown."""
        raise NotImplementedError

    def open_item(self, item: Item) -> bool:
        """Open ``item``'s senior; True when something was saved (the list is read again)."""
        raise NotImplementedError

    def badge_count(self) -> int:
        """The number ``count_changed`` carries (default: every row)."""
        return len(self._items)

    def after_read(self) -> None:
        """Called after each successful read (a page shows what else depends on it)."""

    # ---- building ------------------------------------------------------------------------

    def _build(self, samples: dict[int, str], stretch_column: int, sort_column: int | None) -> None:
        texts = self.texts()
        self.title = QLabel(texts.title)
        bold(self.title, 1.4)
        self.hint = QLabel(texts.hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")

        self.kind_label = QLabel(texts.kind_label)
        self.kind_combo = QComboBox()
        self.kind_combo.setMinimumContentsLength(16)
        self.kind_combo.setAccessibleName(texts.kind_label)
        self.kind_label.setBuddy(self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._show_kind())
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.setToolTip(texts.refresh_tip)
        self.refresh_button.clicked.connect(self._read_again)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(texts.open_tip)
        self.open_button.clicked.connect(lambda: self.open_senior())
        for button in (self.refresh_button, self.open_button):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bold(self.count_label)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)

        self.table = OpenRowTableView(self.model if self.sorter is None else self.sorter, samples, stretch_column)
        if sort_column is not None:
            self.table.setSortingEnabled(True)
            self.table.horizontalHeader().setSortIndicatorShown(True)
            self.table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_senior(self._item_at(index.row())))
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
        self.controls = controls  # a page adds its own buttons here (数据质量: 打印)
        controls.addWidget(self.kind_label)
        controls.addWidget(self.kind_combo)
        controls.addSpacing(12)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.open_button)
        controls.addSpacing(16)
        controls.addWidget(self.notice, 1)
        controls.addWidget(self.count_label)

        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.page_layout.setSpacing(10)
        self.page_layout.addWidget(self.title)
        self.page_layout.addWidget(self.hint)
        self.page_layout.addLayout(controls)
        self.page_layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.table)
        QWidget.setTabOrder(self.kind_combo, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.table)

    # ---- reading -------------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        """List the seniors of one center (None: every center); at once if the page is shown."""
        if center_id != self._center_id:
            self._center_id = center_id
            if self.isVisible():
                self.refresh()

    def center_id(self) -> int | None:
        return self._center_id

    def showEvent(self, event: QShowEvent) -> None:
        """Records change on other pages and desks: read again whenever the page comes into view."""
        super().showEvent(event)
        if not event.spontaneous():  # not when the window is merely restored from the task bar
            self.refresh()

    def refresh(self, keep: Item | None = None) -> None:
        """Read again; keep ``keep`` (default: the selected row) selected, else the row where it was."""
        current = keep or self.current_item()
        row = self.table.currentIndex().row()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a district's list takes a moment
        try:
            self._items = self.fetch()
        except CareCenterError as error:  # busy or gone database: keep what is shown, say why
            self.say(str(error), ok=False)
            return
        finally:
            QApplication.restoreOverrideCursor()
        if self._error_shown:
            self.say("", ok=True)
        self._fill_kinds()
        self._show_kind(current, row)
        self.after_read()
        self.count_changed.emit(self.badge_count())

    def _read_again(self) -> None:
        """刷新: a fresh list, without the last save's message."""
        self.say("", ok=True)
        self.refresh()

    def items(self) -> list[Item]:
        """Everything the last read found (every kind)."""
        return list(self._items)

    def _fill_kinds(self) -> None:
        """(Re)label the selector with the counts, keeping the chosen kind; no signal fires meanwhile."""
        counts = {kind: 0 for kind in self.kinds()}
        for item in self._items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        chosen = self.kind_combo.currentData() or ALL_KINDS
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.clear()
            self.kind_combo.addItem(self.texts().all_kinds.format(n=len(self._items)), ALL_KINDS)
            for kind, n in counts.items():
                self.kind_combo.addItem(_("{kind} ({n})").format(kind=kind.label, n=n), kind.value)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(chosen)))

    def chosen_kind(self) -> Vocab | None:
        """The kind shown (None: every kind)."""
        value = self.kind_combo.currentData()
        return next((k for k in self.kinds() if k.value == value), None) if value else None

    def choose_kind(self, kind: Vocab | None) -> None:
        index = self.kind_combo.findData(kind.value if kind is not None else ALL_KINDS)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def _show_kind(self, keep: Item | None = None, row: int = 0) -> None:
        kind = self.chosen_kind()
        shown = [i for i in self._items if kind is None or i.kind is kind]
        self.model.set_records(shown)
        if self.sorter is not None:
            self.sorter.sort(self.sorter.sortColumn(), self.sorter.sortOrder())
        text, alarm = self.count_text(shown)
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {ERROR_COLOR};" if alarm else "")
        if shown:
            self.stack.setCurrentWidget(self.table)
            found = self.model.row_of(keep.senior_id, keep.kind) if keep is not None else None
            if found is not None:
                self._select_row(self._view_row(found))
            else:
                self._select_row(min(max(row, 0), len(shown) - 1))
        else:
            self.empty_label.setText(self.empty_text(kind))
            self.stack.setCurrentWidget(self.empty_label)
        self._update_buttons()

    # ---- rows as the user sees them --------------------------------------------------------

    def _view_row(self, source_row: int) -> int:
        if self.sorter is None:
            return source_row
        return self.sorter.mapFromSource(self.model.index(source_row, 0)).row()

    def _item_at(self, view_row: int) -> Item | None:
        if self.sorter is None:
            return self.model.record(view_row)
        source = self.sorter.mapToSource(self.sorter.index(view_row, 0))
        return self.model.record(source.row()) if source.isValid() else None

    def current_item(self) -> Item | None:
        index = self.table.currentIndex()
        return self._item_at(index.row()) if index.isValid() else None

    def shown_items(self) -> list[Item]:
        """The rows as the user sees them, top to bottom (sorted, filtered)."""
        view = self.table.model()
        return [item for row in range(view.rowCount()) if (item := self._item_at(row)) is not None]

    def _select_row(self, row: int) -> None:
        index = self.table.model().index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current_item() is not None)

    def say(self, text: str, ok: bool) -> None:
        """A line beside the buttons: what was done, or in red what went wrong."""
        self._error_shown = bool(text) and not ok
        self.notice.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR};")
        self.notice.setText(text)

    # ---- opening a senior -------------------------------------------------------------------

    def open_senior(self, item: Item | None = None) -> None:
        """Open ``item``'s senior (default: the selected row); read again when something was saved."""
        target = item or self.current_item()
        if target is None:
            return
        if self.open_item(target):
            self.refresh(target)  # settled rows are gone: the next one takes the row
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
