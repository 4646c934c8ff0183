"""The Save / Cancel row every form dialog ends with, built one way.

Large enough to hit for staff who use the mouse; Enter presses Save (the default
button); ``accepted`` and ``rejected`` go to the dialog's ``save`` and ``reject``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from ui.widgets.field_row import bold


def save_cancel(
    parent: QWidget,
    save_text: str,
    cancel_text: str,
    on_save: Callable[[], object],
    on_cancel: Callable[[], object],
    *,
    bold_save: bool = False,
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """(the box, its Save button, its Cancel button), texts already translated by the caller."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent)
    save = box.button(QDialogButtonBox.StandardButton.Save)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    save.setText(save_text)
    save.setDefault(True)
    if bold_save:
        bold(save)
    cancel.setText(cancel_text)
    for button in (save, cancel):
        button.setMinimumWidth(max(120, button.sizeHint().width() + 24))
        button.setMinimumHeight(button.sizeHint().height() + 8)
    box.accepted.connect(on_save)
    box.rejected.connect(on_cancel)
    return box, save, cancel
