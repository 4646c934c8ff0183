"""ui.workers.Task: work off the UI thread, outcome on it, a progress dialog only for long work, Stop honoured."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from carecenter.backups import BackupError
from ui.workers import Cancelled, Progress, Task


def test_the_work_runs_on_a_worker_thread_and_the_result_arrives_on_the_ui_thread(qtbot: QtBot) -> None:
    seen: list[tuple[object, bool]] = []
    task = Task(lambda _p, _c: threading.current_thread().name, title="t")
    task.succeeded.connect(lambda result: seen.append((result, threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert seen == [("carecenter-task-t", True)]
    assert not task.is_running()


def test_long_work_shows_the_dialog_and_stop_reaches_the_core(qtbot: QtBot) -> None:
    release = threading.Event()

    def work(progress: Progress, cancelled: Cancelled) -> str:
        progress(1, 4)
        release.wait(10)  # the "copy" goes on until the test has pressed Stop
        progress(2, 4)
        return "stopped" if cancelled() else "done"

    task = Task(work, title="copy", label="正在复制…")
    results: list[object] = []
    task.succeeded.connect(results.append)
    try:
        task.start()
        qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5_000)  # after 600 ms
        dialog = task.dialog
        assert dialog is not None and task.cancel_button is not None
        assert dialog.labelText() == "正在复制…" and task.cancel_button.text() == "停止"
        cursor = QApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
        qtbot.waitUntil(lambda: dialog.value() == 250)  # 1 of 4 steps
        task.cancel_button.click()
        assert task.cancel_requested() and dialog.labelText() == "正在停止…"
        assert dialog.isVisible()  # stays up until the work has actually stopped
    finally:
        release.set()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10_000)
    assert results == ["stopped"]
    assert task.dialog is None and QApplication.overrideCursor() is None


def test_failures_are_delivered_not_raised(qtbot: QtBot) -> None:
    def work(_p: Progress, _c: Cancelled) -> None:
        raise BackupError("磁盘已满")

    task = Task(work, synchronous=True)
    errors: list[object] = []
    order: list[str] = []
    task.failed.connect(errors.append)
    task.failed.connect(lambda _e: order.append("failed"))
    task.finished.connect(lambda: order.append("finished"))
    task.start()
    assert [str(e) for e in errors] == ["磁盘已满"] and order == ["failed", "finished"]


@pytest.mark.parametrize("cancellable", [True, False])
def test_esc_means_stop_only_when_the_work_can_stop(qtbot: QtBot, cancellable: bool) -> None:
    asked: list[bool] = []

    def work(progress: Progress, cancelled: Cancelled) -> None:
        progress(1, 2)  # synchronous: the test's slot presses Esc here
        asked.append(cancelled())

    task = Task(work, cancellable=cancellable, synchronous=True)
    task.progressed.connect(lambda _d, _t: task.dialog.reject() if task.dialog is not None else None)
    task.start()
    assert asked == [cancellable]
