"""审计记录: who changed what and when, for administrators, read-only, with an Excel export.

Filters (senior, staff member, from/to day) apply on 查询 or Enter, a staff member
at once. The table holds the newest ``LIMIT`` matching lines and says when there are
more; 导出 Excel… writes every match, and the core records that export in the trail.

Only administrators may read the trail: the core refuses anyone else, and the
page then shows the core's refusal instead of any data. Nothing here can change
the trail. Queries (one indexed read of ≤ ``LIMIT`` rows) run on the UI thread;
the export runs on a worker thread through ``ui.workers.Task``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.audit import ActorChoice, AuditFilter
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import PermissionDeniedError
from ui.pages.audit_table_model import AuditTableModel, AuditTableView
from ui.widgets.confirm import inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold
from ui.workers import Task

LIMIT = 2000  # lines shown at most; the export has no limit


def actor_text(choice: ActorChoice) -> str:
    """How the staff filter names an account: "staff name（username）", or the username alone (os:root)."""
    if not choice.staff_name:
        return choice.username
    return _("{name} ({username})").format(name=choice.staff_name, username=choice.username)


class AuditPage(QWidget):
    """The 审计记录 page. ``refresh()`` re-reads the trail with the filters last applied.

    ``synchronous=True`` runs the export inline (tests), as ``ui.workers.Task`` documents.
    """

    def __init__(
        self, cc: CareCenter, actor: Actor, parent: QWidget | None = None, *, synchronous: bool = False
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._synchronous = synchronous
        self._where = AuditFilter()
        self._actor_choices: list[ActorChoice] | None = None
        self.denied = ""  # the core's refusal, once it refused this actor
        self.export_task: Task | None = None
        self.model = AuditTableModel()
        self._build()
        self.refresh()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("Audit trail"))
        bold(self.title, 1.4)
        self.hint = QLabel(_("Every change, with who made it and when. Nobody can change or remove a line."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")

        self.senior_box = QLineEdit()
        self.senior_box.setPlaceholderText(_("Name, pinyin initials, member no. or ID digits"))
        self.senior_box.setClearButtonEnabled(True)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.senior_box.setFont(big)
        self.senior_box.setMinimumWidth(self.senior_box.fontMetrics().horizontalAdvance("M") * 16)
        self.senior_box.returnPressed.connect(self.query)
        self.actor_combo = QComboBox()
        self.actor_combo.setMinimumContentsLength(14)
        self.actor_combo.currentIndexChanged.connect(lambda _index: self.query())  # applies at once
        today = self._cc.clock.today()
        self.since_edit = DateEdit(today, optional=True)
        self.until_edit = DateEdit(today, optional=True)
        for edit in (self.since_edit, self.until_edit):
            edit.line.setPlaceholderText(_("blank = any day"))
            edit.line.returnPressed.connect(self.query)
        self.query_button = QPushButton(_("Look up"))
        self.query_button.setToolTip(_("Show the lines that match these filters (Enter)"))
        self.query_button.clicked.connect(self.query)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.setToolTip(_("Save every line that matches the filters as an .xlsx file"))
        self.export_button.clicked.connect(self.export_excel)
        for button in (self.query_button, self.export_button):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)

        self.limit_label = QLabel()
        self.limit_label.setStyleSheet("color: #a35200;")
        self.limit_label.hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.controls = QWidget()  # filters and export; hidden from an account that may not read the trail
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, text, widget, stretch in (
            (first, _("Senior"), self.senior_box, 2),
            (first, _("Staff member"), self.actor_combo, 1),
            (second, _("From"), self.since_edit, 0),
            (second, _("To"), self.until_edit, 0),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            row.addWidget(label)
            row.addWidget(widget, stretch)
            row.addSpacing(12)
        second.addWidget(self.query_button)
        second.addStretch(1)
        for item in (self.limit_label, self.count_label, self.export_button):
            second.addWidget(item)
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addLayout(first)
        controls.addLayout(second)
        self.status_label = QLabel()  # a refused filter, the export's outcome
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()

        self.table = AuditTableView(self.model)
        self.message_label = QLabel()  # no matching line, or the refusal
        self.message_label.setObjectName("emptyState")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        bold(self.message_label, 1.2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.message_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.controls)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.senior_box)

    # ---- querying ----------------------------------------------------------------------

    def query(self) -> bool:
        """Apply the filters as typed (查询, Enter); False when a date cannot be read or is refused."""
        where = self._typed_filter()
        if where is None:
            return False
        self._where = where
        self.refresh()
        return not self.denied

    def refresh(self) -> None:
        """Re-read the trail with the filters last applied (the main window calls this after changes)."""
        try:
            self._fill_actors(self._cc.audit.actors(self._actor))
            lines = self._cc.audit.lines(self._actor, self._where, newest_first=True, limit=LIMIT + 1)
        except PermissionDeniedError as error:
            self._deny(str(error))
            return
        except CareCenterError as error:  # busy or gone database: keep what is shown, say why
            self._show_status(str(error), ok=False)
            return
        limited = len(lines) > LIMIT
        self.model.set_records(lines[:LIMIT])
        self.limit_label.setText(_("Showing the newest {n} lines; narrow the filters.").format(n=LIMIT))
        self.limit_label.setVisible(limited)
        count = _("More than {n} lines") if limited else _("{n} lines")
        self.count_label.setText(count.format(n=LIMIT if limited else len(lines)))
        if lines:
            self.stack.setCurrentWidget(self.table)
        else:
            self.message_label.setText(_("No line of the audit trail matches these filters."))
            self.stack.setCurrentWidget(self.message_label)

    def _typed_filter(self) -> AuditFilter | None:
        """The filters as typed; None (with the reason shown) when a date is not a date or they clash."""
        days: list[dt.date | None] = []
        for label, edit in ((_("From"), self.since_edit), (_("To"), self.until_edit)):
            try:
                days.append(edit.date())
            except DateTextError as error:
                self._show_status(_("{field}: {reason}").format(field=label, reason=error), ok=False)
                edit.setFocus()
                return None
        since, until = days
        if since is not None and until is not None and since > until:
            self._show_status(_("The “From” day is after the “To” day."), ok=False)
            self.since_edit.setFocus()
            return None
        self._show_status("", ok=None)
        username = self.actor_combo.currentData() or ""
        return AuditFilter(since=since, until=until, senior=self.senior_box.text().strip(), actor=username)

    def _fill_actors(self, choices: list[ActorChoice]) -> None:
        """(Re)list everyone in the trail, keeping the chosen account chosen; no query fires meanwhile."""
        if choices == self._actor_choices:
            return  # unchanged: leave the open combo alone
        self._actor_choices = choices
        chosen = self.actor_combo.currentData() or self._where.actor
        with QSignalBlocker(self.actor_combo):
            self.actor_combo.clear()
            self.actor_combo.addItem(_("All staff"), "")
            for choice in choices:
                self.actor_combo.addItem(actor_text(choice), choice.username)
            self.actor_combo.setCurrentIndex(max(0, self.actor_combo.findData(chosen)) if chosen else 0)

    def _deny(self, message: str) -> None:
        """No data for this account: say why (the core's words) and offer nothing to click."""
        self.denied = message
        self.model.set_records([])
        self.message_label.setText(_("The audit trail is open to administrators only.") + "\n" + message)
        self.stack.setCurrentWidget(self.message_label)
        self.count_label.clear()
        self.controls.hide()
        self.status_label.hide()
        self.query_button.setEnabled(False)
        self.export_button.setEnabled(False)

    def _show_status(self, text: str, ok: bool | None) -> None:
        color = MUTED_COLOR if ok is None else INFO_COLOR if ok else ERROR_COLOR
        self.status_label.setStyleSheet(f"color: {color};")
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    # ---- exporting ---------------------------------------------------------------------

    def export_excel(self) -> None:
        """导出 Excel…: apply the filters, ask where, then write every matching line off the UI thread."""
        if self.export_task is not None or not self.query():
            return
        suggested = Path.home() / f"{_('Audit trail')}-{self._cc.clock.today():%Y%m%d}.xlsx"
        target = self.ask_export_target(suggested)
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        audit, actor, where = self._cc.audit, self._actor, self._where
        task = Task(
            lambda _progress, _cancelled: audit.export_xlsx(actor, target, where),
            self,
            title=_("Export to Excel…"),
            label=_("Writing {path}…").format(path=target),
            cancellable=False,
            synchronous=self._synchronous,
        )
        task.succeeded.connect(lambda count: self._exported(target, count))
        task.failed.connect(self._export_failed)
        task.finished.connect(self._export_finished)
        self.export_task = task
        self.export_button.setEnabled(False)
        task.start()

    def ask_export_target(self, suggested: Path) -> Path | None:
        """The save dialog, suggesting 审计记录-YYYYMMDD.xlsx in the home folder (tests replace this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the audit trail as"), str(suggested), _("Excel workbooks (*.xlsx)")
        )
        return Path(name) if name else None

    def _exported(self, target: Path, count: object) -> None:
        self._show_status(_("Exported {n} lines to {path}").format(n=count, path=target), ok=True)
        self.refresh()  # the export is itself a line of the trail

    def _export_failed(self, error: object) -> None:
        reason = str(error) if isinstance(error, CareCenterError | OSError) else repr(error)
        message = _("Nothing was exported: {error}").format(error=reason)
        self._show_status(message, ok=False)
        inform(self, _("Not exported"), message, _("OK"))

    def _export_finished(self) -> None:
        if self.export_task is not None:
            self.export_task.setParent(None)  # not deleteLater() while inside its own finished(): see BackupPage
        self.export_task = None
        self.export_button.setEnabled(not self.denied)
