"""Notice what other desks changed: poll the database's change stamp, tell the window when it moved.

Several desks share one database. Every few seconds (``interval_ms``) the watcher reads
``cc.changes.stamp()`` (:mod:`carecenter.changes`: one cheap query) off the UI thread
with :class:`ui.workers.Task`; when the stamp is not the one last seen, it emits
``changed`` and the window reads its shown page again (keeping the user's place, see
:mod:`ui.widgets.view_place`). A light poll works the same on SQLite and PostgreSQL.

A change is held back, not dropped, while showing it would disturb the user: a modal
dialog is open (a form being filled, a question asked), a pop-up is open (a drop-down
list, a completer), or the user is typing (the focused text field's text changed since
the last poll). It is shown at the first poll when none of that holds any more.

Tests call :meth:`ChangeWatcher.poll` themselves, with ``synchronous`` reads (the class
attribute, or the constructor's argument), and never wait for the timer. UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from carecenter.changes import ChangeStamp
from carecenter.errors import CareCenterError
from ui.workers import Task

DEFAULT_INTERVAL_MS = 4000


def typed_text(widget: QWidget | None) -> str | None:
    """The text of an editable field (None for anything that is not one, or is read-only)."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.currentText()
    return None


class ChangeWatcher(QObject):
    """Polls ``read_stamp`` every ``interval_ms`` once started; ``changed`` means "read what you show again"."""

    changed = Signal()
    synchronous: ClassVar[bool] = False

    def __init__(
        self,
        read_stamp: Callable[[], ChangeStamp],
        window: QWidget,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        *,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(window)
        self._read = read_stamp
        self._window = window
        self._synchronous = synchronous
        self._seen: ChangeStamp | None = None
        self._pending = False
        self._typing = False
        self._field: tuple[QWidget | None, str] = (None, "")
        self.task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    # ---- running -----------------------------------------------------------------------------

    def start(self) -> None:
        """Begin polling; the stamp of what the window shows now is taken as seen."""
        if self._seen is None:
            self.mark_seen()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def wait(self) -> None:
        """A stamp still being read is finished first (the window is closing)."""
        if self.task is not None and self.task.is_running():
            self.task.wait()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def mark_seen(self) -> None:
        """What the window shows now is up to date (one quick read on the UI thread)."""
        try:
            self._seen = self._read()
        except CareCenterError:  # a busy or unreachable database: the first poll sets the baseline
            self._seen = None

    def pending(self) -> bool:
        """A change was noticed and is held back until the user is no longer busy."""
        return self._pending

    # ---- one step ----------------------------------------------------------------------------

    def poll(self) -> None:
        """One poll: note whether the user is typing, show a held-back change if now possible, read the stamp."""
        self._typing = self._typing_now()
        if self._pending:
            self._deliver()
        if self.task is not None and self.task.is_running():
            return  # the last read has not answered yet (a slow server): no pile-up

        def work(_progress: object, _cancelled: object) -> ChangeStamp:
            return self._read()

        synchronous = self.synchronous if self._synchronous is None else self._synchronous
        task = Task(
            work, self._window, title="changes", cancellable=False, show_progress=False, synchronous=synchronous
        )
        task.succeeded.connect(self._on_stamp)
        task.finished.connect(lambda: self._forget(task))
        self.task = task
        task.start()

    def _forget(self, task: Task) -> None:
        """A poll's task is done: let it go (one every few seconds all day must not pile up)."""
        if self.task is task:
            self.task = None
        task.deleteLater()

    def _on_stamp(self, stamp: object) -> None:
        if not isinstance(stamp, ChangeStamp):
            return
        if self._seen is None:
            self._seen = stamp
            return
        if stamp != self._seen:
            self._seen = stamp
            self._pending = True
            self._deliver()

    def _deliver(self) -> None:
        if self.busy():
            return
        self._pending = False
        self.changed.emit()

    def busy(self) -> bool:
        """The user would be disturbed by lists changing now (see the module's note)."""
        return (
            QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None or self._typing
        )

    def _typing_now(self) -> bool:
        """The window's focused text field holds other text than at the last poll (a field new to focus: than "")."""
        widget = self._window.focusWidget()
        text = typed_text(widget)
        if widget is None or text is None:
            self._field = (None, "")
            return False
        before = self._field[1] if self._field[0] is widget else ""
        self._field = (widget, text)
        return text != before
