"""``make bench`` / ``python -m ui.bench [--scale district|small] [--out bench.json]``: the district benchmark."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads: the figures need no screen

from carecenter.bench import core_figures, district, figures
from carecenter.bench.scale import BENCH_TODAY, SCALES, Scale
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.facade import CareCenter


def say(text: str) -> None:
    print(text, flush=True)


def describe(db: Path, scale: Scale) -> str:
    """What the district holds, in one line for the table's header."""
    with sqlite3.connect(db) as conn:
        count = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "seniors",
                "centers",
                "attendance",
                "meal_servings",
                "visits",
                "assessments",
                "subsidy_grants",
            )
        }
    size = db.stat().st_size / 2**30
    return (
        f"{scale.name} district: {count['seniors']:,} seniors in {count['centers']} centers, "
        f"{count['attendance']:,} check-ins, {count['meal_servings']:,} meals, {count['visits']:,} visits, "
        f"{count['assessments']:,} assessments, {count['subsidy_grants']:,} roster lines; {size:.1f} GiB"
    )


def run(scale: Scale, out: Path, cache: Path | None) -> list[figures.Figure]:
    from PySide6.QtWidgets import QApplication

    from ui import ui_thread_gc
    from ui.bench import desk_flows, startup

    if QApplication.instance() is None:  # a test suite brings its own, with its own collector
        ui_thread_gc.install(QApplication(sys.argv[:1]))
    source = district.cached(scale, cache, say)
    with tempfile.TemporaryDirectory(prefix="carecenter-bench-") as folder:
        work = Path(folder)
        db = work / "district.db"
        say(f"copying the district to {db}")
        shutil.copyfile(source, db)
        if hasattr(os, "sync"):
            # The copy's gigabytes would otherwise be written back during the start-up figures
            # that come next, and slow them (seen: the log-in window 0.67 s -> 0.94 s).
            os.sync()
        header = describe(db, scale)
        say(header)
        found = startup.startup_figures(db, say)
        cc = CareCenter.open(engines.sqlite_url(db), FixedClock.on(BENCH_TODAY, hour=9))
        try:
            centers = cc.centers.list()
            found += core_figures.search_figures(cc, db, scale, say)
            found += desk_flows.desk_figures(db, scale, say)
            found.append(core_figures.eligibility_figure(cc))
            found += core_figures.monthly_figures(cc, work, centers, say)
            found.append(desk_flows.memory_figure(db, say))
            found.append(core_figures.import_figure(cc, work, scale, centers, say))  # last: it adds seniors
        finally:
            cc.close()
    say("")
    say(f"CareCenter benchmark, {time.strftime('%Y-%m-%d')}: {figures.machine()}")
    say(header)
    say(figures.table(found))
    figures.write_json(found, out)
    say(f"written to {out}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.bench", description="The district benchmark.")
    parser.add_argument("--scale", choices=sorted(SCALES), default="district")
    parser.add_argument("--out", type=Path, default=Path("bench.json"))
    parser.add_argument("--cache", type=Path, default=None, help="where built districts are kept")
    args = parser.parse_args(argv)
    found = run(SCALES[args.scale], args.out, args.cache)
    return 0 if found else 1


if __name__ == "__main__":
    raise SystemExit(main())
