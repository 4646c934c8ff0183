"""``cc.reports.lists``: every list on paper, each computed as a :class:`~carecenter.reports.listing.Listing`.

Print one with ``cc.reports.print_listing`` or export it with ``cc.reports.export_listing``.
The lists of occasions (birthday party, subsidy roster) and of the desk's day (kitchen count,
attendance sheet, visit schedules, data quality) live in modules of their own.
"""

from __future__ import annotations

from carecenter.reports.lists_desk import DeskLists
from carecenter.reports.lists_occasions import OccasionLists


class Lists(OccasionLists, DeskLists):
    """All printable lists; the UI's print buttons and the CLI call these."""
