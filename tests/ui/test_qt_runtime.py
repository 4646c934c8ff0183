"""The Qt binding itself: faults of a PySide6 release that would bring the app down at the desk."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

EMITS = 200


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_a_signal_leaks_no_reference_to_true() -> None:
    # PySide6 6.12.0 dropped one reference to True per emit(); the interpreter aborted once the
    # count reached zero (a few thousand emits: one roster import's progress, a day of work).
    emitter, seen = _Emitter(), []
    emitter.changed.connect(seen.append)
    gc.collect()
    before = sys.getrefcount(True)
    for n in range(EMITS):
        emitter.changed.emit(n)
    gc.collect()
    # The faulty release loses exactly one per emit; other code moves the count by a few either way.
    assert sys.getrefcount(True) - before > -EMITS // 2
    assert seen == list(range(EMITS))
