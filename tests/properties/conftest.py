"""Hypothesis settings for the property tests, and a small world of records to write against.

One profile, loaded for this package only: reproducible (derandomized, no example
database, so no ``.hypothesis`` folder), no deadline (a write on PostgreSQL may take a
while), and the ``center`` fixture allowed (one database per test; the examples of a test
share it, so every property is written to be independent of what earlier examples left, and
draws all its input before its first write, so a failing example replays the same draws).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.configuration import set_hypothesis_home_dir

from carecenter.actor import Actor
from carecenter.facade import CareCenter
from tests.core.helpers import cheap_hashing
from tests.properties.harness import TALLY
from tests.properties.world import World, build_world

# Hypothesis caches a few things even without an example database: in the temp dir, not the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "carecenter-hypothesis")

settings.register_profile(
    "carecenter-properties",
    max_examples=20,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    print_blob=False,
    # No shrinking: every example writes to a database, and shrinking one failure takes minutes.
    # The failing example is printed as generated (and, derandomized, comes back on every run).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile("carecenter-properties")


@pytest.fixture(autouse=True)
def _cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture
def world(center: CareCenter, admin: Actor) -> World:
    return build_world(center, admin)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many hostile inputs this run tried (the README quotes the number)."""
    if TALLY.tried:
        terminalreporter.write_line(
            f"properties: {TALLY.tried} hostile inputs tried ({TALLY.stored} stored in normal form, "
            f"{TALLY.refused} refused cleanly) by {len(TALLY.by_test)} core writes"
        )
        if terminalreporter.verbosity > 0:
            for write, (tried, stored) in sorted(TALLY.by_test.items()):
                terminalreporter.write_line(f"  {write}: {tried} tried, {stored} stored")
