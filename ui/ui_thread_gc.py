"""Python's cycle collector runs on the UI thread only.

CPython runs its cyclic garbage collector in whichever thread happens to allocate when the
allocation counts cross their thresholds. When that is a worker thread (a backup being
verified, a change stamp being read) and the garbage holds the Python side of a Qt object
(a closed dialog, a finished task whose signal keeps a lambda that names it), the Qt object is
destroyed on the wrong thread and the process dies. CI saw exactly that: a segmentation fault
"Garbage-collecting" inside the daily backup's worker.

So, once the app (or the UI test suite) has a QApplication, automatic collection is switched
off and a timer on the UI thread collects instead, generation by generation, whenever the
counts say the collector would have run: the same thresholds, only always on this thread.
Worker threads keep allocating and freeing as before; only cycles wait for the UI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500  # a cycle waits at most this long; a check that finds nothing to do costs microseconds


def due_generation() -> int | None:
    """The oldest generation the automatic collector would collect now, None when none is due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation] > 0:
            return generation
    return None


class UiThreadCollector(QObject):
    """Collects cycles on the thread it lives on (create it on the UI thread); ``uninstall`` gives it back.

    Create it with the QApplication as parent so it lives as long as the app does.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int | None:
        """Collect the generation that is due, if any; returns it (for tests and logs)."""
        generation = due_generation()
        if generation is not None:
            gc.collect(generation)
        return generation

    def collect_all(self) -> None:
        """A full collection now (between tests, or after a window closed)."""
        gc.collect()

    def uninstall(self) -> None:
        """Stop the timer and hand collection back to the interpreter as it was before."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def install(app: QObject) -> UiThreadCollector:
    """The app's collector, made on first call (``main`` may run several times in one process)."""
    existing = app.findChild(UiThreadCollector)
    return existing if isinstance(existing, UiThreadCollector) else UiThreadCollector(app)
