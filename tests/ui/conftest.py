"""Qt runs offscreen; Chinese is typed through key events carrying text, because
qtbot.keyClicks aborts the process on non-ASCII characters (design.md)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from ui import ui_thread_gc
from ui.ui_thread_gc import UiThreadCollector


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


def on_modal(action: Callable[[QWidget], None], seen: list[QWidget] | None = None) -> list[QWidget]:
    """Run ``action`` on the modal dialog that is up at the next event-loop turn (recorded in
    ``seen``), then close it whatever happens (``done`` skips any "discard changes?" question),
    so a failing test cannot hang on a dialog."""
    seen = [] if seen is None else seen

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        seen.append(dialog)
        try:
            action(dialog)
        finally:
            if dialog.isVisible() and isinstance(dialog, QDialog):
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)
    return seen


@pytest.fixture(scope="session", autouse=True)
def ui_thread_collector(qapp: QApplication) -> Iterator[UiThreadCollector]:
    """As in the app: cycles are collected on the UI thread only, never inside a worker (ui/ui_thread_gc.py)."""
    collector = ui_thread_gc.install(qapp)
    yield collector
    collector.uninstall()
