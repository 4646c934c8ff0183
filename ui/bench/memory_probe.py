"""The app's peak memory with the whole district listed: ``python -m ui.bench.memory_probe --db FILE``.

Run in a fresh process by :func:`ui.bench.desk_flows.memory_figure`, so the peak RSS is
this window's alone. It starts Qt as the app does, opens the main window on ``FILE`` as
the director (an administrator sees every center: the whole district is listed), shows
老人档案 with 显示退出/去世 ticked (every senior, whatever the status), then drags the
list's scrollbar to the bottom again and again, as a user would, letting the list fetch
its rows page by page until every senior is loaded. It prints one line of JSON:
``{"peak_mb": ..., "before_mb": ..., "rows": ..., "seconds": ...}`` (``before_mb``: the peak
with the list's first page shown, before scrolling; the seconds are the scrolling's).

The window makes the day's backup next to ``FILE`` (as the app does at the first start
of a day): point it at a working copy. This PC's own settings are not read or written.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

SCROLL_WITHIN_S = 1800.0
STALLED_TURNS = 10_000  # turns of the event loop without a new row: the list stopped fetching


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.bench.memory_probe")
    parser.add_argument("--db", type=Path, required=True, help="the district database (a working copy)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from carecenter.actor import Actor, Role
    from carecenter.bench.district import ADMIN_USER
    from carecenter.bench.scale import BENCH_TODAY
    from carecenter.clock import FixedClock
    from carecenter.db import engine as engines
    from carecenter.facade import CareCenter
    from ui import qt_i18n, ui_thread_gc
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    ui_thread_gc.install(app)  # as the app does, before any worker starts
    qt_i18n.apply_font(app)
    cc = CareCenter.open(engines.sqlite_url(args.db), FixedClock.on(BENCH_TODAY, hour=9))
    with tempfile.TemporaryDirectory(prefix="carecenter-memory-") as folder:
        window = MainWindow(cc, Actor(username=ADMIN_USER, role=Role.ADMIN), cc.clock, Path(folder) / "settings.json")
        try:
            window.resize(1280, 800)
            window.show()
            QCoreApplication.processEvents()  # the day's backup starts here
            task = window.backup_page.task
            if task is not None and task.is_running():
                task.wait()
            if window.current_center() is not None:
                window.select_center(None)  # 全部站点: the whole district
            window.nav.setCurrentRow(window.pages.indexOf(window.seniors_page))
            page = window.seniors_page
            page.show_all.click()  # 显示退出/去世: every status
            QCoreApplication.processEvents()
            model, bar = page.model, page.table.verticalScrollBar()
            total = model.total()
            before_mb = _peak_mb()  # the window with the list's first page
            started = time.perf_counter()
            stalled = 0
            while model.rowCount() < total or bar.value() < bar.maximum():
                before = model.rowCount()
                bar.setValue(bar.maximum())  # dragged to the bottom: the view fetches the next page there
                QCoreApplication.processEvents()
                stalled = 0 if model.rowCount() > before else stalled + 1
                if stalled > STALLED_TURNS or time.perf_counter() - started > SCROLL_WITHIN_S:
                    raise RuntimeError(f"the list stopped at {model.rowCount():,} of {total:,} rows")
            seconds = time.perf_counter() - started
            rows = model.rowCount()
        finally:
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
            cc.close()
    found = {
        "peak_mb": round(_peak_mb(), 1),
        "before_mb": round(before_mb, 1),
        "rows": rows,
        "seconds": round(seconds, 3),
    }
    print(json.dumps(found), flush=True)
    return 0


def _peak_mb() -> float:
    """This process's own peak RSS.

    Not getrusage's ru_maxrss: Linux carries the parent's peak across fork and exec into it, so
    a probe started by the benchmark (by then a big process itself) reported the benchmark's
    peak, not the window's. VmHWM belongs to this process's memory alone.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


if __name__ == "__main__":
    raise SystemExit(main())
