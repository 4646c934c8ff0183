"""Small builders for core tests."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher, profiles

from carecenter import passwords
from carecenter.domain import idnumber


def an_id(birth: dt.date, seq: int = 42, region: str = "410105") -> str:
    return idnumber.make(region, birth, seq)


def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every ``Hasher`` built from now on use argon2's cheapest parameters.

    The real parameters cost ~0.2 s per hash or verification on purpose; tests that log in
    dozens of times only need the same code path, not the cost. Call it from an autouse
    fixture, which pytest runs before the ``center`` fixture builds its services.
    """
    monkeypatch.setattr(passwords, "PasswordHasher", lambda: PasswordHasher.from_parameters(profiles.CHEAPEST))
