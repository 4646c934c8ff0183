"""How long work reports progress and learns it should stop, without knowing about Qt.

The UI adapts these to a progress dialog (``ui.workers.Task``); the CLI passes
nothing or a printer. Both are called on the worker's thread.
"""

from __future__ import annotations

from collections.abc import Callable

from carecenter.errors import CareCenterError

Progress = Callable[[int, int], None]
"""Called after each step with (steps done, steps in all)."""
Cancelled = Callable[[], bool]
"""Asked between steps; returning True stops the work and leaves everything as it was."""


class WorkCancelled(CareCenterError):
    """Raised by long work that was asked to stop; nothing it would have written was kept."""
