"""Yes/no questions with buttons that say what they do (放弃 / 继续填写), never bare OK/Cancel.

The safe answer is the default and Esc picks it, so a stray Enter or Esc never
throws away work or records something that cannot be undone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.widgets.field_row import ensure_readable_font


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    yes_text: str,
    no_text: str,
    warning: bool = False,
) -> bool:
    """Ask and wait; True only when the user chose ``yes_text``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    ensure_readable_font(box)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget | None, title: str, text: str, ok_text: str) -> None:
    """Tell the user something that needs no decision (e.g. a record vanished meanwhile)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    ensure_readable_font(box)
    box.setDefaultButton(box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole))
    box.exec()
