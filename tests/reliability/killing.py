"""Start a process that writes, SIGKILL it at a random moment of its work, and keep what it said.

The moment is drawn from a seeded ``random.Random``: after the process has reported a
random number of steps (a worker's ``done`` lines, the CLI's progress lines), wait a random
fraction of the last step's length, then kill. Nothing is asserted about time: the delays
only spread the kills over the work, wherever the machine's speed puts them.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parents[2]  # workers run as ``python -m tests.reliability.…`` from here


@dataclass
class Run:
    """What one started process did: killed or finished (exit code), and every line it wrote."""

    killed: bool
    returncode: int
    lines: list[str] = field(default_factory=list)
    stderr: str = ""

    @property
    def events(self) -> list[dict[str, Any]]:
        """A worker's JSON lines (see :mod:`tests.reliability.kill_worker`)."""
        return [json.loads(line) for line in self.lines if line.startswith("{")]

    def acknowledged(self) -> list[dict[str, Any]]:
        """The ``begin`` line of every call whose ``done`` line came: committed for sure, with its result id."""
        events = self.events
        begun = {e["begin"]: e for e in events if "begin" in e}
        return [{**begun[e["done"]], "id": e["id"]} for e in events if "done" in e]

    def in_flight(self) -> dict[str, Any] | None:
        """The call begun and not reported done when the kill came (committed or not: the database tells)."""
        events = self.events
        done = {e["done"] for e in events if "done" in e}
        open_calls = [e for e in events if "begin" in e and e["begin"] not in done]
        assert len(open_calls) <= 1, open_calls
        return open_calls[0] if open_calls else None


def db_argument(url: URL) -> str:
    """The database as a command line takes it: the SQLite path, or the server URL with the test schema."""
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        return url.database
    return url.render_as_string(hide_password=False)


def cli(url: URL, *args: str) -> list[str]:
    """The real ``carecenter-cli`` (``python -m carecenter`` is its entry point)."""
    return [sys.executable, "-m", "carecenter", "--db", db_argument(url), *args]


@dataclass
class Started:
    """A process started with its step lines on ``stream`` (stdout, or stderr for the CLI's progress)."""

    argv: list[str]
    process: subprocess.Popen[str]
    err_path: Path
    on_stderr: bool

    @property
    def stream(self) -> IO[str]:
        stream = self.process.stderr if self.on_stderr else self.process.stdout
        assert stream is not None
        return stream


def start(argv: Sequence[str], folder: Path, on_stderr: bool = False) -> Started:
    err_path = folder / f"stderr-{uuid.uuid4().hex[:8]}.txt"
    with err_path.open("w", encoding="utf-8") as err_file:
        process = subprocess.Popen(
            list(argv),
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL if on_stderr else subprocess.PIPE,
            stderr=subprocess.PIPE if on_stderr else err_file,
            text=True,
            encoding="utf-8",
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
    return Started(list(argv), process, err_path, on_stderr)


class Workers:
    """Workers of one kind started a round ahead: the next one opens the database while this one works.

    A worker's start (Python, the core's imports, opening the database) costs more than the
    writes it makes before its kill; starting the next one early hides most of that wait. Use as a
    context manager: the spare left at the end is stopped.
    """

    def __init__(self, kind: str, url: URL, folder: Path) -> None:
        self._argv = [sys.executable, "-m", "tests.reliability.kill_worker", kind, db_argument(url)]
        self._folder = folder
        self._spare = start(self._argv, folder)

    def take(self) -> Started:
        taken, self._spare = self._spare, start(self._argv, self._folder)
        return taken

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._spare.process.kill()
        self._spare.process.communicate(timeout=60)


def run_and_kill(started: Started, rng: random.Random, steps: int, is_step: Callable[[str], bool], go: str = "") -> Run:
    """Send ``go`` (a worker's arguments); after the ``steps``-th step line, kill the process at random.

    The kill comes a random 0–1.5 times the step's length (from the line before it) after the line
    was read. A process that ends first is not killed (``killed`` False, its exit code kept).
    """
    process, stream = started.process, started.stream
    assert process.stdin is not None
    try:
        if go:
            process.stdin.write(go + "\n")
            process.stdin.flush()
        process.stdin.close()
    except BrokenPipeError:  # it died while starting: its exit code and stderr tell why, below
        pass
    lines: list[str] = []
    seen, last = 0, time.monotonic()
    killed = False
    for line in stream:
        lines.append(line.rstrip("\n"))
        now = time.monotonic()
        length, last = now - last, now  # a step's length: since the line before it
        if not is_step(line):
            continue
        seen += 1
        if seen == steps:
            time.sleep(rng.uniform(0.0, 1.5) * length)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed = True
            break
    lines.extend(stream.read().splitlines())  # what it said before dying
    returncode = process.wait(timeout=120)
    stream.close()
    stderr = "\n".join(lines) if started.on_stderr else started.err_path.read_text(encoding="utf-8")
    killed = killed and returncode == -signal.SIGKILL
    if not killed and returncode != 0:
        raise AssertionError(f"{' '.join(started.argv[:5])}… exited with {returncode}:\n{stderr}\n" + "\n".join(lines))
    return Run(killed, returncode, lines, stderr)
