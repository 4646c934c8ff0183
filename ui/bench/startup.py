"""Start-up figures: start to an interactive log-in window, log-in to an interactive main window, against the bare stack.

Each start is a fresh Python process (:mod:`ui.bench.startup_probe` for the app,
:mod:`ui.bench.bare_stack` for the bare stack), timed by the wall clock from just before
it is spawned to the moment it reports its window interactive. One start of each warms
the disk cache and is not counted (a desk PC starts the app every morning with the
database already in the cache of yesterday's work); the median of the next ``runs`` is.
The app's settings are read from an empty folder, so a developer's own settings (language,
database) never change the figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from carecenter.bench.district import DESK_PASSWORD, DESK_USER
from carecenter.bench.figures import Figure, Target, median

RUNS = 3
TIMEOUT_S = 600  # a first start may make the day's backup of a large database before it closes


def _spawn(module: str, args: list[str], config: Path) -> tuple[float, dict[str, float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["XDG_CONFIG_HOME"] = str(config)  # platformdirs: the app's settings.json lives here
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode (the warm-up start writes it)
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{module} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return started, json.loads(lines[-1])


def startup_figures(db: Path, say: Callable[[str], None], runs: int = RUNS) -> list[Figure]:
    """The two start-up figures, each against the bare stack's start."""
    login: list[float] = []
    main: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory(prefix="carecenter-bench-config-") as config:
        for run in range(runs + 1):
            started, seen = _spawn("ui.bench.bare_stack", ["--db", str(db)], Path(config))
            bare_s = seen["interactive"] - started
            args = ["--db", str(db), "--user", DESK_USER, "--password", DESK_PASSWORD]
            started, seen = _spawn("ui.bench.startup_probe", args, Path(config))
            login_s = seen["login_window"] - started
            main_s = seen["main_window"] - seen["log_in_pressed"]
            say(f"  start {run}: bare {bare_s:.2f} s, log-in window {login_s:.2f} s, main window {main_s:.2f} s")
            if run:  # the first start of each only warms the disk cache
                bare.append(bare_s)
                login.append(login_s)
                main.append(main_s)
    note = f"median of {runs} starts after one warm-up"
    return [
        Figure("start to log-in window", Target(seconds=1.0, ratio=2.5), median(login), median(bare), note=note),
        Figure("log-in to main window", Target(seconds=1.5, ratio=2.5), median(main), median(bare), note=note),
    ]
