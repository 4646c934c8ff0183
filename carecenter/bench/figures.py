"""The benchmark's table: one figure a line, the app against the bare stack and the target, and bench.json.

A :class:`Figure` is one measured thing: the app's time (or memory), the bare stack's time
for the same work where there is one, their ratio, the target and whether it was met.
Targets are the issue's: an absolute bound (a guide: it depends on the machine) and, where
the bare stack does the same work, a bound on the ratio (what decides).
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """Met when every bound given holds: seconds (or MB) at most, ratio to the bare stack at most."""

    seconds: float | None = None
    ratio: float | None = None
    mb: float | None = None

    def text(self) -> str:
        parts = []
        if self.seconds is not None:
            parts.append(f"< {self.seconds:g} s")
        if self.mb is not None:
            parts.append(f"< {self.mb:g} MB")
        if self.ratio is not None:
            parts.append(f"< {self.ratio:g}× bare")
        return ", ".join(parts)


@dataclass(frozen=True)
class Figure:
    """One line of the table; ``app_s`` None means it could not be measured (``note`` says why)."""

    name: str
    target: Target
    app_s: float | None = None
    bare_s: float | None = None
    app_mb: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.app_s is None or not self.bare_s:
            return None
        return self.app_s / self.bare_s

    @property
    def met(self) -> bool:
        t = self.target
        if self.app_s is None and self.app_mb is None:
            return False
        checks = []
        if t.seconds is not None:
            checks.append(self.app_s is not None and self.app_s < t.seconds)
        if t.mb is not None:
            checks.append(self.app_mb is not None and self.app_mb < t.mb)
        if t.ratio is not None:
            ratio = self.ratio
            checks.append(ratio is not None and ratio < t.ratio)
        return all(checks)

    def as_json(self) -> dict[str, object]:
        """The issue's object: name, app_s, bare_s, ratio, target, met (app_mb for memory)."""
        found: dict[str, object] = {
            "name": self.name,
            "app_s": _round(self.app_s),
            "bare_s": _round(self.bare_s),
            "ratio": _round(self.ratio, 2),
            "target": self.target.text(),
            "met": self.met,
        }
        if self.app_mb is not None:
            found["app_mb"] = round(self.app_mb, 1)
        if self.note:
            found["note"] = self.note
        return found


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) by linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    """The machine in one line: CPU, cores, memory, OS and Python, as the README quotes it."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):  # not a POSIX system
        memory = "? GiB"
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def table(figures: Sequence[Figure]) -> str:
    """The table as printed: one figure a line."""
    head = ("figure", "app", "bare", "ratio", "target", "met")
    rows = [head]
    for f in figures:
        app = f"{f.app_mb:.0f} MB" if f.app_mb is not None else _seconds(f.app_s)
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "–"
        rows.append((f.name, app, _seconds(f.bare_s), ratio, f.target.text(), "yes" if f.met else "NO"))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["notes:", *notes] if notes else []))


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_json(figures: Sequence[Figure], path: Path) -> None:
    path.write_text(
        json.dumps([f.as_json() for f in figures], ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
