"""Small builders for core tests."""

from __future__ import annotations

import datetime as dt

from carecenter.domain import idnumber


def an_id(birth: dt.date, seq: int = 42, region: str = "410105") -> str:
    return idnumber.make(region, birth, seq)
