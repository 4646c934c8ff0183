"""One read at a time off the UI thread, the newest question winning: for counts and summaries a page shows.

A badge or a tile asks the core again whenever something may have changed (another desk
wrote, the center changed, a page was left). At a district's scale one answer can take a
second, so the read runs on a worker (:class:`ui.workers.Task`, no progress dialog: it is
not the user's errand). Asked again while a read is running, it reads once more when that
one is done and drops the older answer, so what is shown is never older than the last question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui.workers import Task


class LatestRead(QObject):
    """``read(fetch)`` runs ``fetch`` on a worker; ``loaded(result)`` / ``failed(error)`` arrive on the UI thread."""

    loaded = Signal(object)
    failed = Signal(object)
    synchronous: ClassVar[bool] = False  # screenshots read inline, so pictures show the answers

    def __init__(self, parent: QWidget, synchronous: Callable[[], bool] | None = None) -> None:
        """``synchronous()``, asked at each read, says whether to read inline (default: the class attribute)."""
        super().__init__(parent)
        self._parent_widget = parent
        self._synchronous = synchronous or (lambda: type(self).synchronous)
        self._task: Task | None = None
        self._next: Callable[[], object] | None = None

    def read(self, fetch: Callable[[], object]) -> None:
        """Ask ``fetch()`` (it must not touch widgets: it runs on the worker thread)."""
        if self._task is not None and self._task.is_running():
            self._next = fetch
            return
        task = Task(
            lambda _progress, _cancelled: fetch(),
            self._parent_widget,
            cancellable=False,
            show_progress=False,
            synchronous=self._synchronous(),
        )
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self.failed)
        task.finished.connect(lambda: self._done(task))
        self._task = task
        task.start()

    def is_reading(self) -> bool:
        return self._task is not None and self._task.is_running()

    def wait(self) -> None:
        """Let a read being made finish (the window is closing)."""
        if self._task is not None:
            self._task.wait()

    def _succeeded(self, result: object) -> None:
        if self._next is None:  # else a newer question is waiting: this answer is already old
            self.loaded.emit(result)

    def _done(self, task: Task) -> None:
        if self._task is task:
            self._task = None
        task.setParent(None)  # not deleteLater() inside its own finished(): see BackupPage
        if self._next is not None:
            fetch, self._next = self._next, None
            self.read(fetch)
