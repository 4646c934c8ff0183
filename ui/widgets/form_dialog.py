"""The frame the desk's forms share: a modal dialog of labelled field rows, a red banner, one core call to save.

签退, 作废, 结案, 充值, 上门服务, 来电, 活动 … are each a handful of fields over one core
call. What they do alike lives here once: the rows by ``FieldError.field`` (a refused value's
reason shows under its field), the red banner for what no field holds, the save that
keeps the dialog open and changes nothing when the core refuses, and the question before
closing over unsaved typing, and the question when another desk saved the record meanwhile
(a form that edits a record sets ``expected_version``, sends it with its save and overrides
``stored_now``). ``saved`` holds the core's answer after a save. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from carecenter.conflicts import EditConflictError
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.i18n import _
from ui.dialogs.edit_conflict_dialog import settle
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import (
    ERROR_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    ensure_readable_font,
    label_text,
    show_refusal,
)

Result = TypeVar("Result")


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """Captions on the left, fields taking the width left."""
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def quiet_label(text: str, parent: QWidget, wrap: bool = True) -> QLabel:
    """A grey line that explains (what the form is for, the keys), never what went wrong."""
    label = QLabel(text, parent)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class FormDialog(QDialog, Generic[Result]):
    """A modal form; :meth:`submit` runs its one core call and ``saved`` holds the answer.

    A refused save shows each reason under its field and the rest in ``banner``; a form
    with ``refusals_in_box`` shows whatever is not a :class:`ValidationError` in a
    "Not saved" message box instead.
    """

    refusals_in_box: ClassVar[bool] = False

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.saved: Result | None = None
        self.rows = FieldRows()
        self._baseline: tuple[object, ...] | None = None
        self._discard_question = ""
        # The version of the record the form edits, sent back with the save (None: a new record, no check).
        self.expected_version: int | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(title)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()

    # ---- building --------------------------------------------------------------------------

    def add_row(
        self,
        form: QFormLayout,
        field: str,
        widget: QWidget,
        caption: str,
        *,
        required: bool = False,
        buddy: QWidget | None = None,
        align: Qt.AlignmentFlag | None = Qt.AlignmentFlag.AlignTop,
    ) -> FieldRow:
        """``widget`` under ``caption`` (red * when required) in ``form``; the core's reasons for ``field`` show under it.

        ``align`` places the caption beside a tall row (None: the style's default).
        """
        row = FieldRow(widget, self)
        label = QLabel(label_text(caption, required), self)
        label.setBuddy(buddy or widget)
        if align is not None:
            label.setAlignment(Qt.AlignmentFlag.AlignRight | align)
        if not widget.accessibleName():
            widget.setAccessibleName(caption)
        form.addRow(label, row)
        self.rows[field] = row
        return row

    def lay_out(self, *parts: QWidget | QLayout | int, buttons: QWidget) -> QVBoxLayout:
        """The usual page of a small form: ``parts`` top-down (a number is a gap), the banner, room, ``buttons``."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        for part in parts:
            if isinstance(part, int):
                layout.addSpacing(part)
            elif isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return layout

    # ---- saving ----------------------------------------------------------------------------

    def submit(self, call: Callable[[], Result], fallback: FieldRow | None = None) -> bool:
        """Run ``call`` (the form's one core call): its answer is ``saved`` and the dialog closes.

        A refusal changes nothing and keeps what was typed; ``fallback`` is the row
        focused when no field shows a reason.
        """
        self.rows.clear_errors()
        self.banner.hide()
        try:
            self.saved = call()
        except EditConflictError as exc:
            return settle(self, exc, lambda version: self._save_over(version, call, fallback), self._take_theirs)
        except CareCenterError as exc:
            self.refused(exc, fallback)
            return False
        self.accept()
        return True

    # ---- another desk saved the record meanwhile (carecenter.conflicts) ---------------------

    def stored_now(self) -> Result | None:
        """The record as stored now, for 采用对方的版本 (a form that edits a record overrides it)."""
        return None

    def _save_over(self, version: int, call: Callable[[], Result], fallback: FieldRow | None) -> bool:
        """保留我的修改: ``call`` again, now expecting the record's current ``version``."""
        self.expected_version = version
        return self.submit(call, fallback)

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the record as stored now (the page shows it); the typing is dropped."""
        try:
            theirs = self.stored_now()
        except CareCenterError as exc:
            inform(self, _("Not saved"), str(exc), _("OK"))
            return
        self.saved = theirs
        self.done(QDialog.DialogCode.Accepted if theirs is not None else QDialog.DialogCode.Rejected)

    def refused(self, exc: CareCenterError, fallback: FieldRow | None = None) -> None:
        """Say why a save was refused: under the fields, in the banner, or in a message box."""
        if isinstance(exc, ValidationError):
            show_refusal(self.rows, self.banner, exc.errors, fallback=fallback)
        elif self.refusals_in_box:
            inform(self, _("Not saved"), str(exc), _("OK"))
        elif isinstance(exc, FieldError):
            show_refusal(self.rows, self.banner, [exc], fallback=fallback)
        else:
            self.banner.setText(str(exc))
            self.banner.show()

    def run(self) -> Result | None:
        """Show the form modally: its ``saved`` answer once saved, None when closed without saving.

        The dialog is deleted afterwards; read anything else from it before (or do not use ``run``).
        """
        try:
            return self.saved if self.exec() == QDialog.DialogCode.Accepted else None
        finally:
            self.deleteLater()

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` ('' when none)."""
        return self.rows.error_for(field)

    def banner_text(self) -> str:
        return self.banner.text() if not self.banner.isHidden() else ""

    # ---- closing over unsaved typing -------------------------------------------------------

    def state(self) -> tuple[object, ...]:
        """What was chosen or typed, to tell whether closing would lose it (forms that ask override it)."""
        return ()

    def ask_before_discarding(self, question: str) -> None:
        """From now on, Esc / 取消 over a changed form asks ``question`` first."""
        self._baseline = self.state()
        self._discard_question = question

    def reject(self) -> None:
        if (
            self._baseline is not None
            and self.state() != self._baseline
            and not confirm(self, _("Discard changes?"), self._discard_question, _("Discard"), _("Keep editing"))
        ):
            return
        super().reject()
