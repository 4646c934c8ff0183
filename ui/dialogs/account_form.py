"""What the log-in, first-administrator and password dialogs share.

Each of them is a short column of boxes whose refusals appear right under the box
(a ``FieldRow`` per core field name, as ``FieldError.field`` names it), a red
message line for what belongs to no box, and a hashing step that takes a moment
(argon2 on purpose), shown with a busy cursor.

The "type it again" check lives here and not in the core: the core takes one
password; a mistyped repeat is something only the screen can notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QWidget

from carecenter.errors import FieldError
from carecenter.i18n import _
from carecenter.passwords import MIN_LENGTH
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, FieldRow, bold, label_text

REPEAT = "repeat"  # the screen-only field "type the password again"


def text_box(parent: QWidget, password: bool = False) -> QLineEdit:
    """A roomy single-line box; ``password`` hides what is typed."""
    edit = QLineEdit(parent)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumHeight(edit.sizeHint().height() + 8)
    edit.setMinimumWidth(320)
    return edit


def heading(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    bold(label, scale)
    return label


def muted(text: str, parent: QWidget) -> QLabel:
    """Small grey text: what the user may want to check, not read every time."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    font = label.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.85)
        label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def message_line(parent: QWidget) -> QLabel:
    """The large red line for refusals that concern the whole form (hidden while empty)."""
    label = QLabel(parent)
    label.setObjectName("message")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    bold(label, 1.15)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def password_rules() -> str:
    """The rules of carecenter.passwords in one line, shown under a new-password box."""
    return _("At least {n} characters, not only digits, not the same as the username.").format(n=MIN_LENGTH)


def repeat_error(password: str, again: str, label: str) -> FieldError | None:
    """Why the repeated password does not confirm ``password`` (None: it does)."""
    if again == password:
        return None
    if not again:
        return FieldError(REPEAT, label, _("please type the password a second time"))
    return FieldError(REPEAT, label, _("is not the same as the password above"))


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while a password is hashed (a deliberate fraction of a second)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class FormRows:
    """A form layout of boxes keyed by core field names, each with its message under it."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self.layout = QFormLayout()
        self.layout.setHorizontalSpacing(14)
        self.layout.setVerticalSpacing(10)
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.rows: dict[str, FieldRow] = {}

    def add(self, field: str, text: str, edit: QLineEdit, required: bool = True) -> FieldRow:
        row = FieldRow(edit, self._owner)
        caption = QLabel(label_text(text, required), self._owner)
        caption.setBuddy(edit)
        edit.setAccessibleName(text)
        edit.textEdited.connect(lambda _text: row.clear_error())
        self.layout.addRow(caption, row)
        self.rows[field] = row
        return row

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.clear_error()

    def show(self, errors: Iterable[FieldError]) -> list[str]:
        """Put each reason under its box and focus the first such box; returns what has no box."""
        elsewhere: list[str] = []
        first: FieldRow | None = None
        for error in errors:
            row = self.rows.get(error.field)
            if row is None:
                elsewhere.append(str(error))
                continue
            row.add_error(error.reason)
            first = first or row
        if first is not None:
            first.bring_into_view()
        return elsewhere

    def error_for(self, field: str) -> str:
        """The message under ``field`` as the user sees it ('' when none)."""
        row = self.rows.get(field)
        return row.error_text() if row is not None else ""


def fit_height(dialog: QWidget) -> None:
    """Grow to fit messages that just appeared (a dialog never shrinks under the user)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else dialog.sizeHint().height()
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)
