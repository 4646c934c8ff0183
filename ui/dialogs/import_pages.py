"""The three pages of the roster import wizard, as widgets: choose the file, check the preview, see the result.

They only lay out and show; ``ui.dialogs.import_wizard`` decides when each is shown
and runs the core. Texts are large and plain, colours repeat the words (never only
colour), and every control is reachable with Tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.centers import CenterInfo
from carecenter.i18n import _
from carecenter.roster.model import ImportReport, RowResult, Verdict
from ui.dialogs.import_preview_model import (
    COL_ID_NUMBER,
    COL_MEMBER_NO,
    COL_NAME,
    COL_ROW,
    COL_VERDICT,
    VERDICT_COLORS,
    WARNING_COLOR,
    ImportPreviewModel,
    RowFilter,
    has_warnings,
    row_messages,
)
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold

NO_CENTER = -1  # the combo's "choose…" entry when the page lists every center
MAX_ROWS_LISTED = 12  # row numbers named on the result page; the preview has them all


def _wrapping(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


class Counts(QWidget):
    """新增 n · 更新 n · 无变化 n · 拒绝 n, large and each in its verdict's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(28)
        self.labels: dict[Verdict, QLabel] = {}
        for verdict in (Verdict.ADDED, Verdict.UPDATED, Verdict.UNCHANGED, Verdict.REJECTED):
            label = QLabel(self)
            label.setObjectName(f"count_{verdict.value}")
            bold(label, 1.35)
            label.setStyleSheet(f"color: {VERDICT_COLORS[verdict][0]};")
            self.labels[verdict] = label
            layout.addWidget(label)
        layout.addStretch(1)

    def show_report(self, report: ImportReport) -> None:
        self.labels[Verdict.ADDED].setText(_("New {n}").format(n=report.added))
        self.labels[Verdict.UPDATED].setText(_("Updated {n}").format(n=report.updated))
        self.labels[Verdict.UNCHANGED].setText(_("Unchanged {n}").format(n=report.unchanged))
        self.labels[Verdict.REJECTED].setText(_("Rejected {n}").format(n=len(report.rejected)))

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels.values()]


class ChoosePage(QWidget):
    """Step 1: the file (typed, pasted or chosen), the center it goes into, and what will happen."""

    browse_requested = Signal()

    def __init__(self, centers: list[CenterInfo], center_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        caption = QLabel(_("Roster file (Excel .xlsx or .xls, or .csv):"), self)
        bold(caption)
        layout.addWidget(caption)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(_("Paste or type the file's path, or click “Choose file…”"))
        self.path_edit.setMinimumHeight(self.path_edit.sizeHint().height() + 8)
        self.path_edit.textChanged.connect(lambda _text: self.set_error(""))
        self.browse_button = QPushButton(_("Choose file…"), self)
        self.browse_button.setMinimumHeight(self.path_edit.minimumHeight())
        self.browse_button.setMinimumWidth(self.browse_button.sizeHint().width() + 24)
        self.browse_button.clicked.connect(self.browse_requested)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)

        self.error_label = _wrapping("", self)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        center_row = QHBoxLayout()
        self.center_label = QLabel(_("Import into center:"), self)
        bold(self.center_label)
        self.center_combo = QComboBox(self)
        self.center_combo.setMinimumWidth(320)
        if center_id is None and len(centers) > 1:
            self.center_combo.addItem(_("Choose the center…"), NO_CENTER)
        for center in centers:
            self.center_combo.addItem(f"{center.name}（{center.code}）", center.id)
        self.center_combo.setCurrentIndex(max(0, self.center_combo.findData(center_id)))
        self.center_label.setBuddy(self.center_combo)
        center_row.addWidget(self.center_label)
        center_row.addWidget(self.center_combo)
        center_row.addStretch(1)
        self.several_centers = len(centers) > 1
        self.center_label.setVisible(self.several_centers)
        self.center_combo.setVisible(self.several_centers)
        layout.addLayout(center_row)

        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setStyleSheet("QFrame { background: #f7f9fc; }")
        box_layout = QVBoxLayout(box)
        heading = QLabel(_("What happens"), box)
        bold(heading)
        box_layout.addWidget(heading)
        for text in (
            _("Seniors are matched by ID number: someone already registered is updated, anyone else is added."),
            _("Empty cells keep what is already known; they never erase it."),
            _("Next you see every row with what will happen to it. Nothing is written until you click “Import”."),
            _("Rows that cannot be imported are saved to an errors file beside yours, to fix and import again."),
        ):
            box_layout.addWidget(_wrapping("• " + text, box))
        layout.addWidget(box)
        layout.addStretch(1)
        self.setFocusProxy(self.path_edit)

    def path_text(self) -> str:
        return self.path_edit.text().strip().strip('"').strip("'")

    def center_id(self) -> int | None:
        """The chosen center; None while the user must still choose one."""
        value = self.center_combo.currentData()
        return value if isinstance(value, int) and value != NO_CENTER else None

    def set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


class PreviewPage(QWidget):
    """Step 2: the counts, the file's own warnings, every row with its verdict, and the selected row in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ImportPreviewModel()
        self._report: ImportReport | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        self.file_label = _wrapping("", self)
        self.file_label.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.file_label)
        self.file_warnings = _wrapping("", self)
        self.file_warnings.setObjectName("fileWarnings")
        self.file_warnings.setStyleSheet(
            f"color: {WARNING_COLOR}; background: #fff8e1; border: 1px solid #f0c36d; padding: 6px;"
        )
        self.file_warnings.hide()
        layout.addWidget(self.file_warnings)

        self.counts = Counts(self)
        layout.addWidget(self.counts)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Show:"), self))
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[RowFilter, QRadioButton] = {}
        for wanted in RowFilter:
            button = QRadioButton(self)
            self.filter_buttons[wanted] = button
            self.filter_group.addButton(button)
            button.toggled.connect(lambda on, w=wanted: self._filter_toggled(on, w))
            filters.addWidget(button)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.8))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        widths = {COL_ROW: 5, COL_VERDICT: 6, COL_NAME: 7, COL_ID_NUMBER: 13, COL_MEMBER_NO: 7}
        char = self.fontMetrics().horizontalAdvance("中")
        for column, chars in widths.items():
            header.resizeSection(column, chars * char)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail(current.row()))
        layout.addWidget(self.table, 1)

        self.detail = _wrapping("", self)
        self.detail.setObjectName("rowDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.setFocusProxy(self.table)

    # ---- content -------------------------------------------------------------------------

    def show_report(self, report: ImportReport) -> None:
        """Show a dry run's report, starting with the rejected rows when there are any."""
        self._report = report
        self.model.set_report(report)
        where = _("File: {file} · sheet “{sheet}” · headers in row {row} · {n} data rows").format(
            file=report.file.name, sheet=report.sheet, row=report.header_row, n=len(report.rows)
        )
        self.file_label.setText(where)
        notes = [issue.message for issue in report.file_warnings]
        self.file_warnings.setText("\n".join(notes))
        self.file_warnings.setVisible(bool(notes))
        self.counts.show_report(report)
        for wanted, button in self.filter_buttons.items():
            button.setText(_("{label} ({n})").format(label=wanted.label, n=self.model.count(wanted)))
        first = RowFilter.REJECTED if report.rejected else RowFilter.ALL
        self.filter_buttons[first].setChecked(True)
        self.set_filter(first)

    def set_filter(self, wanted: RowFilter) -> None:
        self.model.set_filter(wanted)
        if not self.filter_buttons[wanted].isChecked():
            self.filter_buttons[wanted].setChecked(True)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_detail(-1)

    def _filter_toggled(self, on: bool, wanted: RowFilter) -> None:
        if on:
            self.set_filter(wanted)

    def _show_detail(self, row: int) -> None:
        result = self.model.row_result(row)
        self.detail.setText("" if result is None else self._detail_html(result))

    def _detail_html(self, result: RowResult) -> str:
        """The selected row as read from the file, and everything said about it."""
        color = VERDICT_COLORS[result.verdict][0]
        lines = [
            f"<b>{_html(_('Row {row}').format(row=result.row))}</b>　"
            f'<b style="color:{color}">{_html(result.verdict.label)}</b>'
        ]
        for text, refusal in row_messages(result):
            lines.append(f'<span style="color:{ERROR_COLOR if refusal else WARNING_COLOR}">{_html(text)}</span>')
        headers = self._report.headers if self._report is not None else ()
        pairs = [
            f"{_html(' '.join(h.split()))}：{_html(c)}"
            for h, c in zip(headers, result.cells, strict=False)
            if h.strip() and c.strip()
        ]
        if pairs:
            lines.append(f'<span style="color:{MUTED_COLOR}">{_html(_("In the file:"))} {"　".join(pairs)}</span>')
        return "<br>".join(lines)


class ResultPage(QWidget):
    """Step 3: what the import did, or that it stopped and nothing changed; where the errors file is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.headline = QLabel(self)
        bold(self.headline, 1.5)
        layout.addWidget(self.headline)
        self.counts = Counts(self)
        layout.addWidget(self.counts)
        self.summary = _wrapping("", self)
        bold(self.summary, 1.15)
        layout.addWidget(self.summary)
        self.warnings_label = _wrapping("", self)
        self.warnings_label.setObjectName("warnings")
        self.warnings_label.setStyleSheet(f"color: {WARNING_COLOR};")
        layout.addWidget(self.warnings_label)
        self.errors_label = _wrapping("", self)
        self.errors_label.setObjectName("errorsFile")
        layout.addWidget(self.errors_label)
        row = QHBoxLayout()
        self.open_folder_button = QPushButton(_("Open its folder"), self)
        self.open_folder_button.setMinimumHeight(self.open_folder_button.sizeHint().height() + 8)
        self.open_folder_button.setMinimumWidth(self.open_folder_button.sizeHint().width() + 24)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def _state(self, headline: str, color: str, summary: str, errors: str, counts: bool) -> None:
        self.headline.setText(headline)
        self.headline.setStyleSheet(f"color: {color};")
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.errors_label.setText(errors)
        self.errors_label.setVisible(bool(errors))
        self.counts.setVisible(counts)
        self.warnings_label.clear()
        self.warnings_label.hide()
        self.open_folder_button.hide()

    def show_done(self, report: ImportReport) -> None:
        if report.errors_file is not None:
            errors = _(
                "The {n} rejected rows were saved with their reasons to:\n{path}\n"
                "Correct them in that file and import it again; the rows already imported are simply matched."
            ).format(n=len(report.rejected), path=report.errors_file)
        else:
            errors = _("Every row was read without a refusal.")
        self._state(_("Import finished"), VERDICT_COLORS[Verdict.ADDED][0], "", errors, counts=True)
        self.counts.show_report(report)
        written = (Verdict.ADDED, Verdict.UPDATED)
        warned = [str(r.row) for r in report.rows if r.verdict in written and has_warnings(r)]
        if warned:
            shown = "、".join(warned[:MAX_ROWS_LISTED]) + ("…" if len(warned) > MAX_ROWS_LISTED else "")
            self.warnings_label.setText(
                _("Rows {rows} were imported with a warning; please check those seniors' records.").format(rows=shown)
            )
            self.warnings_label.show()
        self.open_folder_button.setVisible(report.errors_file is not None)

    def show_stopped(self) -> None:
        self._state(
            _("Import stopped"),
            ERROR_COLOR,
            _("Nothing was imported. The database is exactly as it was before."),
            _("Click “Back” to see the preview again, or “Close”."),
            counts=False,
        )

    def show_failed(self, message: str, unchanged: bool) -> None:
        """A refusal; ``unchanged`` when the core guarantees it wrote nothing (its own errors do)."""
        after = _("Nothing was imported. The database is exactly as it was before.") if unchanged else ""
        self._state(_("Not imported"), ERROR_COLOR, message, after, counts=False)
