"""更改状态: pause, withdraw, record a death or bring a senior back, with the day it took effect.

Seniors are never deleted; their status changes with a date, and the whole history is
shown so staff can see what happened before. Only the changes the core allows from the
current status are offered (STATUS_TRANSITIONS); 去世 is final and asks once more.

Threading: one short core call on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.domain.vocab import STATUS_TRANSITIONS, Status
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.seniors.dto import SeniorDetail
from carecenter.seniors.validate import FIELD_LABELS
from ui.widgets.confirm import confirm, inform
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import (
    ERROR_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    bold,
    ensure_readable_font,
    label_text,
    show_refusal,
)

# What each choice means for the center's work, shown beside it.
CHOICE_TEXT: dict[Status, tuple[str, str]] = {
    Status.ACTIVE: (N_("Back to active"), N_("receives services again")),
    Status.PAUSED: (N_("Paused"), N_("e.g. in hospital; still counted for allowances")),
    Status.WITHDRAWN: (N_("Withdrawn"), N_("moved away or left the service; allowances stop from next month")),
    Status.DECEASED: (N_("Deceased"), N_("allowances stop from next month; cannot be changed afterwards")),
}


class StatusDialog(QDialog):
    """Change one senior's status; on success ``saved`` holds the updated record."""

    def __init__(self, cc: CareCenter, actor: Actor, senior_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._senior_id = senior_id
        self.saved: SeniorDetail | None = None
        self.detail = cc.seniors.get(senior_id, actor)
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Change status: {name}").format(name=self.detail.name))
        self.rows = FieldRows()

        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        layout.addWidget(self._history())
        self.allowed = STATUS_TRANSITIONS[self.detail.status]
        if self.allowed:
            layout.addLayout(self._choices())
        else:
            final = QLabel(_("This senior is recorded as deceased; the status cannot be changed."), self)
            final.setWordWrap(True)
            layout.addWidget(final)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addLayout(self._buttons())
        self._baseline = self.state()
        self.resize(760, 620)

    # ---- building ------------------------------------------------------------------------

    def _header(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel(f"{self.detail.name}　{self.detail.member_no}", box)
        bold(self.name_label, 1.3)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name_label)
        self.current_label = QLabel(
            _("Current status: {status} (since {since})").format(
                status=self.detail.status.label, since=self.detail.status_since.isoformat()
            ),
            box,
        )
        bold(self.current_label)
        layout.addWidget(self.current_label)
        return box

    def _history(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Status history (newest first)"), box)
        caption.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(caption)
        headers = [_("Date"), _("Status"), _("Reason"), _("Recorded by")]
        self.history_table = QTableWidget(len(self.detail.history), len(headers), box)
        self.history_table.setHorizontalHeaderLabels(headers)
        self.history_table.verticalHeader().hide()
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setAlternatingRowColors(True)
        self.history_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, entry in enumerate(reversed(self.detail.history)):
            values = (entry.effective_on.isoformat(), entry.status.label, entry.reason, entry.recorded_by)
            for column, value in enumerate(values):
                self.history_table.setItem(row, column, QTableWidgetItem(value))
        header = self.history_table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.history_table)
        return box

    def _choices(self) -> QFormLayout:
        form = QFormLayout()
        choices = QWidget(self)
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[Status, QRadioButton] = {}
        for status in self.allowed:
            name, meaning = CHOICE_TEXT[status]
            button = QRadioButton(_("{name} — {meaning}").format(name=_(name), meaning=_(meaning)), choices)
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            column.addWidget(button)
        self._add(form, "status", _("New status"), choices, self.status_buttons[self.allowed[0]])
        self.status_group.buttonToggled.connect(self.rows["status"].clear_error)

        self.date_edit = DateEdit(self._cc.clock.today(), parent=self)
        self.date_edit.set_date(self._cc.clock.today())
        self._add(form, "effective_on", _("Effective from"), self.date_edit, self.date_edit.line)
        self.date_edit.edited.connect(self.rows["effective_on"].clear_error)

        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(_("optional, e.g. in hospital, moved to a daughter's home"))
        self._add(form, "reason", _("Reason"), self.reason_edit, self.reason_edit, required=False)
        self.reason_edit.textChanged.connect(self.rows["reason"].clear_error)
        return form

    def _add(
        self, form: QFormLayout, field: str, text: str, widget: QWidget, buddy: QWidget, required: bool = True
    ) -> None:
        if buddy is not widget and widget.focusProxy() is None:
            widget.setFocusProxy(buddy)
        row = FieldRow(widget, self)
        caption = QLabel(label_text(text, required), self)
        caption.setBuddy(buddy)
        form.addRow(caption, row)
        self.rows[field] = row

    def _buttons(self) -> QHBoxLayout:
        line = QHBoxLayout()
        line.addStretch(1)
        if self.allowed:
            self.save_button: QPushButton | None = QPushButton(_("Save"), self)
            self.save_button.setAutoDefault(False)
            self.save_button.setMinimumWidth(120)
            bold(self.save_button)
            self.save_button.clicked.connect(self.save)
            line.addWidget(self.save_button)
        else:
            self.save_button = None
        self.cancel_button = QPushButton(_("Cancel") if self.allowed else _("Close"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setMinimumWidth(120)
        self.cancel_button.clicked.connect(self.reject)
        line.addWidget(self.cancel_button)
        return line

    # ---- public --------------------------------------------------------------------------

    def chosen(self) -> Status | None:
        if not self.allowed:
            return None
        return next((s for s, b in self.status_buttons.items() if b.isChecked()), None)

    def choose(self, status: Status) -> None:
        """Select ``status`` as if clicked (for the page's shortcuts, e.g. opening on 暂停)."""
        self.status_buttons[status].setChecked(True)

    def state(self) -> tuple[object, ...]:
        if not self.allowed:
            return ()
        return (self.chosen(), self.date_edit.text(), self.reason_edit.text())

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    def save(self) -> bool:
        """Record the change; on refusal show the reasons next to the fields and stay open."""
        self.rows.clear_errors()
        self.banner.hide()
        status = self.chosen()
        problems: list[FieldError] = []
        if status is None:
            problems.append(FieldError("status", _(FIELD_LABELS["status"]), _("please choose the new status")))
        try:
            day = self.date_edit.date()
            if day is None:
                problems.append(FieldError("effective_on", _(FIELD_LABELS["effective_on"]), _("is required")))
        except DateTextError as exc:
            problems.append(FieldError("effective_on", _(FIELD_LABELS["effective_on"]), str(exc)))
            day = None
        if problems or status is None or day is None:
            show_refusal(self.rows, self.banner, problems)
            return False
        if status is Status.DECEASED and not confirm(
            self,
            _("Record a death"),
            _("Record that {name} ({member_no}) died on {date}?\nThis cannot be changed afterwards.").format(
                name=self.detail.name, member_no=self.detail.member_no, date=day.isoformat()
            ),
            _("Record death"),
            _("Go back"),
            warning=True,
        ):
            return False
        try:
            detail = self._cc.seniors.change_status(self._senior_id, status, day, self.reason_edit.text(), self._actor)
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors)
            return False
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return False
        self.saved = detail
        self._baseline = self.state()
        self.accept()
        return True

    def reject(self) -> None:
        """Esc / 取消: ask before dropping a chosen status or a typed reason."""
        if self.state() != self._baseline and not confirm(
            self,
            _("Discard changes?"),
            _("The status change has not been saved. Close and discard it?"),
            _("Discard"),
            _("Keep editing"),
        ):
            return
        super().reject()
