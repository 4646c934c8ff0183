"""A form field as staff see it: the input, a quiet info line, and a red message under it.

Every form in the app shows a refused value's reason right under the widget that holds
it (``FieldError.field`` → row), so the person typing never has to hunt for what is
wrong. Rows also know how to make themselves seen: focus the input and scroll it into view.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from carecenter.errors import FieldError
from carecenter.i18n import _

ERROR_COLOR = "#b71c1c"
INFO_COLOR = "#1b5e20"
WARN_COLOR = "#a35200"  # orange: done, but someone should know (a 暂停 senior, a second Enter needed)
MUTED_COLOR = "#555555"
MIN_POINT_SIZE = 12.0


def ensure_readable_font(widget: QWidget, minimum: float = MIN_POINT_SIZE) -> None:
    """Raise the widget's font to at least ``minimum`` points (never shrink a bigger app font)."""
    font = widget.font()
    if font.pointSizeF() < minimum:
        font.setPointSizeF(minimum)
        widget.setFont(font)


def bold(widget: QWidget, scale: float = 1.0) -> None:
    font = QFont(widget.font())
    font.setBold(True)
    if scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)


def label_text(text: str, required: bool = False) -> str:
    """A form label; required fields carry a red asterisk."""
    if not required:
        return text
    return f'{text}<span style="color:{ERROR_COLOR}"> *</span>'


class FieldRow(QWidget):
    """One input widget with an info line and an error line under it (both hidden when empty)."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)

        self.info_label = QLabel(self)
        self.info_label.setObjectName("info")
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet(f"color: {INFO_COLOR};")
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.hide()
        layout.addWidget(self.info_label)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.setFocusProxy(widget)

    # ---- messages ------------------------------------------------------------------------

    def set_error(self, reason: str) -> None:
        self.error_label.setText(reason)
        self.error_label.setVisible(bool(reason))
        self.error_label.setAccessibleName(_("Error: {reason}").format(reason=reason) if reason else "")

    def add_error(self, reason: str) -> None:
        """Several refusals for one field (e.g. two bad phone numbers) are listed one per line."""
        current = self.error_text()
        if reason and reason not in current.split("\n"):
            self.set_error(f"{current}\n{reason}" if current else reason)

    def clear_error(self) -> None:
        self.set_error("")

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def set_info(self, text: str) -> None:
        self.info_label.setText(text)
        self.info_label.setVisible(bool(text))

    def info_text(self) -> str:
        return self.info_label.text() if not self.info_label.isHidden() else ""

    # ---- attention -----------------------------------------------------------------------

    def bring_into_view(self) -> None:
        """Focus the input and scroll the enclosing scroll area (if any) so the message shows."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(self, 40, 80)
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


class FieldRows(dict[str, FieldRow]):
    """A form's rows by ``FieldError.field``: what every form does with a refusal, in one place."""

    def clear_errors(self) -> None:
        for row in self.values():
            row.clear_error()

    def show(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Each reason under its row; returns the errors no row holds (for the banner)."""
        elsewhere = []
        for error in errors:
            row = self.get(error.field)
            if row is None:
                elsewhere.append(error)
            else:
                row.add_error(error.reason)
        return elsewhere

    def error_for(self, field: str) -> str:
        """The message shown under ``field`` right now ('' when none or no such row)."""
        row = self.get(field)
        return row.error_text() if row is not None else ""

    def first_error(self) -> FieldRow | None:
        """The first row, in form order, that shows a message."""
        return next((row for row in self.values() if row.error_text()), None)


def show_refusal(
    rows: FieldRows, banner: QLabel, errors: Iterable[FieldError], lead: str = "", fallback: FieldRow | None = None
) -> None:
    """A refused save on a form: reasons under their fields, the rest (after ``lead``) in the red
    banner, and the first field with a message (else ``fallback``) focused and scrolled into view."""
    lines = [str(error) for error in rows.show(errors)]
    if lead:
        lines.insert(0, lead)
    if lines:
        banner.setText("\n".join(lines))
        banner.show()
    target = rows.first_error() or fallback
    if target is not None:
        target.bring_into_view()
