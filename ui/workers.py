"""Run one core function off the UI thread, with a busy cursor, a progress dialog and a Cancel button.

The core's long operations (backups and restores now; imports and reports later)
take two plain callbacks and know nothing of Qt: ``progress(done, total)`` and
``cancelled() -> bool``, asked between steps. ``Task`` adapts them to the desktop:
the work runs on a worker thread; progress and the outcome travel back to the UI
thread through a timer that polls the worker's plain attributes; the dialog's Stop button sets the flag that
``cancelled()`` reads, and the core then stops and leaves everything as it was.

Timing follows design.md: the busy cursor comes after 300 ms and the progress
dialog after 600 ms, so quick work shows nothing at all.

Threading rules:

- Create, start, cancel and connect a ``Task`` on the UI thread. Every public
  signal (``progressed``, ``succeeded``, ``failed``, ``finished``) is emitted on the
  UI thread, so slots may touch widgets and open dialogs.
- The work function runs on the worker thread: it must not touch widgets. It gets
  its inputs through its closure (paths, URLs, the clock's ``now``) and returns a
  plain result; whatever it raises is handed to ``failed``.
- ``synchronous=True`` runs the work inline inside ``start()`` (for tests, like
  Picard's fake thread pool): the same signals fire in the same order before
  ``start()`` returns, and the progress callback runs in the middle of the work,
  so a test can press Stop at an exact step. Tests of the threaded path wait with
  ``qtbot.waitSignal(task.finished)``, never with sleeps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SIGNAL, SLOT, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from carecenter.errors import CareCenterError
from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress
from ui.widgets.field_row import ensure_readable_font

Work = Callable[[Progress, Cancelled], Any]
"""The job: called on the worker thread with the progress and cancelled callbacks to pass to the core."""

BUSY_CURSOR_MS = 300
DIALOG_AFTER_MS = 600
POLL_MS = 40  # how often the UI thread looks for the worker's progress and outcome
STEPS = 1000  # the dialog's bar runs 0..STEPS whatever the core counts (pages, rows), so no int overflow

log = logging.getLogger(__name__)


class ProgressDialog(QProgressDialog):
    """A progress dialog whose Esc and close button mean Stop, or nothing when the work cannot stop."""

    def __init__(self, parent: QWidget | None, cancellable: bool) -> None:
        super().__init__(parent)
        self.cancellable = cancellable
        # Qt hides the dialog the moment Stop is pressed; keep it up ("Stopping…") until the work has stopped.
        QObject.disconnect(self, SIGNAL("canceled()"), self, SLOT("cancel()"))

    def reject(self) -> None:
        if self.cancellable:
            self.canceled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()


class Task(QObject):
    """One run of ``work`` off the UI thread; keep a reference until ``finished`` (the page does).

    ``succeeded(result)`` or ``failed(exception)`` comes first, then ``finished()``;
    by then the dialog is gone and the cursor restored, so the slots may open
    their own dialogs. A stop requested with the dialog's button arrives as the
    core's own cancellation exception through ``failed``.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        work: Work,
        parent: QWidget | None = None,
        *,
        title: str = "",
        label: str = "",
        cancellable: bool = True,
        show_progress: bool = True,
        synchronous: bool = False,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._parent_widget = parent
        self._title = title
        self._label = label
        self._cancellable = cancellable
        self._show_progress = show_progress
        self._synchronous = synchronous
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest = (0, 0)
        self._progress_pending = False
        self._result: object = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._running = False
        self._busy_cursor = False
        self.dialog: ProgressDialog | None = None
        self.cancel_button: QPushButton | None = None
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.timeout.connect(self._set_busy_cursor)
        self._dialog_timer = QTimer(self)
        self._dialog_timer.setSingleShot(True)
        self._dialog_timer.timeout.connect(self._show_dialog)
        # The worker thread never touches a Qt object: it leaves its news in plain attributes and
        # this timer (UI thread) picks them up. A Qt signal emitted from the worker could reach
        # this object after the window owning it was deleted, and crash the process.
        self._done = threading.Event()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_worker)

    # ---- UI thread ---------------------------------------------------------------------

    def start(self) -> None:
        """Begin the work; returns at once (after the whole run when synchronous)."""
        if self._running:
            raise RuntimeError("task already running")
        self._running = True
        self._cancel.clear()
        self._result, self._error = None, None
        if self._show_progress:
            self.dialog = self._make_dialog()
            self._cursor_timer.start(BUSY_CURSOR_MS)
            self._dialog_timer.start(DIALOG_AFTER_MS)
        self._done.clear()
        if self._synchronous:
            self._run()
            self._on_done()
            return
        self._thread = threading.Thread(target=self._run, name=f"carecenter-task-{self._title}", daemon=False)
        self._thread.start()
        self._poll.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (what the dialog's Stop button does)."""
        if not self._running or not self._cancellable:
            return
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText(_("Stopping…"))
            if self.cancel_button is not None:
                self.cancel_button.setEnabled(False)

    def is_running(self) -> bool:
        return self._running

    def wait(self) -> None:
        """Block until the work has ended and deliver its outcome now (a window closing must not leave it behind)."""
        if self._thread is not None:
            self._thread.join()
        if self._running and self._done.is_set():
            self._poll.stop()
            self._on_done()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _make_dialog(self) -> ProgressDialog:
        dialog = ProgressDialog(self._parent_widget, self._cancellable)
        ensure_readable_font(dialog)
        dialog.setWindowTitle(self._title)
        dialog.setLabelText(self._label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(DIALOG_AFTER_MS)
        dialog.setMinimumWidth(460)
        dialog.setRange(0, 0)  # "busy" until the first progress report says how much there is
        if self._cancellable:
            self.cancel_button = QPushButton(_("Stop"), dialog)
            self.cancel_button.setMinimumWidth(120)
            dialog.setCancelButton(self.cancel_button)
            dialog.canceled.connect(self.cancel)
        else:
            self.cancel_button = None
            dialog.setCancelButton(None)  # Qt: None means no button
        return dialog

    def _set_busy_cursor(self) -> None:
        if self._running and not self._busy_cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._busy_cursor = True

    def _show_dialog(self) -> None:
        if self._running and self.dialog is not None:
            self.dialog.show()

    def _poll_worker(self) -> None:
        if self._progress_pending:
            self._on_progress()
        if self._done.is_set():
            self._poll.stop()
            self._on_done()

    def _on_progress(self) -> None:
        with self._lock:
            self._progress_pending = False
            done, total = self._latest
        if self.dialog is not None and total > 0:
            if self.dialog.maximum() != STEPS:
                self.dialog.setRange(0, STEPS)
            self.dialog.setValue(min(done, total) * STEPS // total)  # a modal dialog may process events here
        if self._running:
            self.progressed.emit(done, total)

    def _on_done(self) -> None:
        if self._thread is not None:
            self._thread.join()  # it has only to return; afterwards no thread holds this object
            self._thread = None
        self._running = False
        self._cursor_timer.stop()
        self._dialog_timer.stop()
        if self._busy_cursor:
            QApplication.restoreOverrideCursor()
            self._busy_cursor = False
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
            self.cancel_button = None
        error, result = self._error, self._result
        self._error, self._result = None, None
        if error is None:
            self.succeeded.emit(result)
        else:
            if not isinstance(error, CareCenterError):  # a bug, not a refusal: keep the traceback
                log.error("background task %r failed", self._title, exc_info=error)
            self.failed.emit(error)
        self.finished.emit()

    # ---- worker thread -----------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._result = self._work(self._report_progress, self._cancel.is_set)
        except BaseException as exc:  # handed to the UI thread, which decides what to tell
            self._error = exc
        self._done.set()

    def _report_progress(self, done: int, total: int) -> None:
        """Keep only the newest numbers; at most one update waits in the UI thread's queue."""
        with self._lock:
            self._latest = (done, total)
            self._progress_pending = True
        if self._synchronous:
            self._on_progress()
