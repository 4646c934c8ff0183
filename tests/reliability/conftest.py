"""The reliability tests' figures: each test adds a line, printed at the end of the run (quotable in the README)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.engine import URL

# Their asserts explain themselves (values shown) like the tests' own.
pytest.register_assert_rewrite("tests.reliability.integrity", "tests.reliability.killing")

_LINES: list[str] = []


@pytest.fixture
def report(db_url: URL, request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``report("kills: 10, …")`` records the test's one-line summary, prefixed with its name and backend."""

    def add(summary: str) -> None:
        line = f"{request.node.name} [{db_url.get_backend_name()}]: {summary}"
        _LINES.append(line)
        print(line)

    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _LINES:
        terminalreporter.section("reliability figures")
        for line in _LINES:
            terminalreporter.write_line(line)
