"""How big the benchmark's district is: the real one for ``make bench``, a small one for the test suite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

BENCH_TODAY = dt.date(2026, 12, 4)
"""The benchmark's fixed "today": the same database and the same figures on every run."""


@dataclass(frozen=True)
class Scale:
    """One size of district; ``months`` of desk records end the day before ``BENCH_TODAY``."""

    name: str
    seniors: int
    centers: int
    months: int
    import_rows: int  # the roster spreadsheet imported by the import figure
    searches: int  # queries typed for the search-as-you-type figure
    big_center: int  # seniors of the first center (C001), the one whose monthly pack is timed
    seed: int = 7

    @property
    def first_day(self) -> dt.date:
        """The first day with desk records: the first of the month ``months`` before today's."""
        month = BENCH_TODAY.year * 12 + BENCH_TODAY.month - 1 - self.months
        return dt.date(month // 12, month % 12 + 1, 1)


DISTRICT = Scale("district", seniors=50_000, centers=20, months=24, import_rows=10_000, searches=400, big_center=3_000)
SMALL = Scale("small", seniors=300, centers=2, months=2, import_rows=50, searches=40, big_center=200)
SCALES = {scale.name: scale for scale in (DISTRICT, SMALL)}
