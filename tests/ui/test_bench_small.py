"""The district benchmark, run end to end on a small district so it cannot rot.

Only what it reports is checked, never how fast: speed is the benchmark's business, not
the test suite's (no wall-clock assertions here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carecenter.bench.scale import SMALL
from ui.bench.__main__ import run

FIGURES = [
    "start to log-in window",
    "log-in to main window",
    "search as you type p50",
    "search as you type p95",
    "open a senior's detail page",
    "check-in (search → committed and shown)",
    "serve a meal (search → committed and shown)",
    "record a visit (search → committed and shown)",
    "eligibility, one month, all seniors",
    "monthly pack, one center (200 seniors)",
    "monthly pack, district (2 centers)",
    "peak memory, all seniors listed and scrolled",
    "import a 50-row roster",
]
WITH_BARE = {"start to log-in window", "log-in to main window", "search as you type p50", "search as you type p95"}


@pytest.mark.timeout(900)
def test_the_small_district_gives_every_figure_in_bench_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bench.json"
    run(SMALL, out, tmp_path / "cache")

    figures = json.loads(out.read_text(encoding="utf-8"))
    assert [f["name"] for f in figures] == FIGURES
    for f in figures:
        assert {"name", "app_s", "bare_s", "ratio", "target", "met"} <= f.keys()
        assert isinstance(f["met"], bool) and f["target"]
        if f["name"].startswith("peak memory"):
            assert f["app_mb"] > 0 and f["note"].startswith("300 rows; ")
            continue
        assert f["app_s"] > 0
        if f["name"] in WITH_BARE:
            assert f["bare_s"] > 0 and f["ratio"] == pytest.approx(f["app_s"] / f["bare_s"], rel=0.01)
        else:
            assert f["bare_s"] is None and f["ratio"] is None
    by_name = {f["name"]: f for f in figures}
    assert by_name["search as you type p50"]["note"] == "40 queries"  # the bare SQL found the same seniors
    assert by_name["import a 50-row roster"]["note"] == "50 rows: 50 added, 0 updated, 0 refused"
    printed = capsys.readouterr().out
    assert "small district: 300 seniors in 2 centers" in printed
    assert "search as you type p95" in printed and f"written to {out}" in printed
