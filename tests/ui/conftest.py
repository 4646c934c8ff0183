"""Qt runs offscreen; Chinese is typed through key events carrying text, because
qtbot.keyClicks aborts the process on non-ASCII characters (design.md)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as a user would, Chinese included."""
    widget.setFocus()
    for ch in text:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def type_into(qtbot: QtBot):  # type: ignore[no-untyped-def]
    def _type(widget: QWidget, text: str) -> None:
        type_text(qtbot, widget, text)

    return _type
