"""Cycles holding Qt objects are collected on the UI thread, never inside a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import ui_thread_gc
from ui.ui_thread_gc import UiThreadCollector


class _Cycle:
    """Garbage only the cycle collector can free, holding a Qt object as a closed dialog would."""

    def __init__(self) -> None:
        self.me = self
        self.qt = QObject()


def test_a_worker_thread_allocating_past_the_threshold_collects_nothing(
    qtbot: QtBot, ui_thread_collector: UiThreadCollector
) -> None:
    gc.collect()
    gone = weakref.ref(_Cycle())  # unreachable at once, except through its own cycle
    kept: list[list[object]] = []

    def busy_worker() -> None:  # a backup or a report: allocates far more than the collector's threshold
        kept.extend([] for _ in range(gc.get_threshold()[0] * 3))

    worker = threading.Thread(target=busy_worker)
    worker.start()
    worker.join()
    assert gone() is not None  # with automatic collection this worker would have freed it (and its QObject)
    assert ui_thread_gc.due_generation() is not None
    qtbot.waitUntil(lambda: gone() is None)  # the UI thread's timer collected it
    kept.clear()


def test_the_app_installs_one_collector_and_can_hand_collection_back(
    qapp: QApplication, ui_thread_collector: UiThreadCollector
) -> None:
    assert ui_thread_gc.install(qapp) is ui_thread_collector  # main() may run again (restart): still one
    assert not gc.isenabled()
    spare = UiThreadCollector()
    spare.uninstall()
    assert not gc.isenabled()  # it found collection off (the app's collector has it): it leaves it off
