"""Time the monthly report pack for a center of 3,000 seniors with a month of desk activity.

Usage::

    .venv/bin/python scripts/bench_monthly.py [--db /tmp/bench_monthly.db] [--seniors 3000] [--runs 5]

The first run builds the database (demo data on a clock fixed at 2026-12-04 10:00, six
weeks of desk records, so November 2026 is a whole month of activity; a few minutes);
later runs reuse it. It then times ``cc.reports.monthly.figures`` and the PDF
(``cc.reports.monthly.print``, figures included) separately and prints the medians, for
November (approved roster) and December (the current month, roster computed as a
preview). ``--build-only`` stops after building.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter

TODAY = dt.date(2026, 12, 4)
MONTH = dt.date(2026, 11, 1)  # a whole month of activity; its roster is approved by the demo data
CURRENT = dt.date(2026, 12, 1)  # the current month: counted to today, roster computed as a preview
ACTOR = Actor(username="bench", role=Role.ADMIN)


def build(path: Path, seniors: int) -> None:
    """A fresh demo database at ``path`` (replaced if it exists but is incomplete)."""
    from carecenter import demo

    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    cc = CareCenter.open(f"sqlite:///{partial}", clock=FixedClock.on(TODAY, hour=10))
    try:
        demo.fill(cc, seniors, 7, ACTOR)
    finally:
        cc.close()
    partial.rename(path)
    print(f"built {path} with {seniors} seniors in {time.perf_counter() - started:.0f} s")


def timed(runs: int, work: object) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def bench(cc: CareCenter, center_id: int, code: str, month: dt.date, runs: int) -> None:
    """Time the figures and the PDF of ``month`` (medians over ``runs``) and say what the pack holds."""
    figures = timed(runs, lambda: cc.reports.monthly.figures(ACTOR, center_id, month))
    pack = cc.reports.monthly.figures(ACTOR, center_id, month)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "monthly.pdf"
        printing = timed(runs, lambda: cc.reports.monthly.print(ACTOR, center_id, month, target))
        pages = cc.reports.monthly.print(ACTOR, center_id, month, target).pages
    section = pack.sections[0]
    state = "approved roster" if pack.approved else "roster preview"
    print(
        f"{code} {month:%Y-%m} ({state}{', partial' if pack.partial else ''}): "
        f"{section.summary.registered} seniors registered, {section.day_care.visits} day-care visits, "
        f"{section.meals.served} meals, {section.visits.home_visits} home visits, "
        f"{len(section.roster.grants)} grants; {pages} pages"
    )
    print(f"  figures: median {statistics.median(figures):.2f} s over {runs} runs")
    print(f"  figures + PDF: median {statistics.median(printing):.2f} s over {runs} runs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench_monthly.db")
    parser.add_argument("--seniors", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.db.exists():
        build(args.db, args.seniors)
    if args.build_only:
        return 0
    cc = CareCenter.open(f"sqlite:///{args.db}", clock=FixedClock.on(TODAY, hour=10))
    try:
        center = cc.centers.list()[0]
        for month in (MONTH, CURRENT):
            bench(cc, center.id, center.code, month, args.runs)
    finally:
        cc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
