"""In progress."""

from __future__ import annotations

from carecenter.reports.printing import PrintingService


class DeskLists(PrintingService):
    pass
