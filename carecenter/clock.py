"""The center's notion of "now": injected everywhere so tests never depend on wall time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

CENTER_TZ = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Aware datetime in the center's time zone."""
        ...

    def today(self) -> dt.date: ...


class SystemClock:
    """Wall-clock time in Asia/Shanghai, whatever the PC's own zone setting."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(CENTER_TZ)

    def today(self) -> dt.date:
        return self.now().date()


@dataclass
class FixedClock:
    """A clock that stays where a test puts it (and moves only when told)."""

    current: dt.datetime

    def now(self) -> dt.datetime:
        return self.current

    def today(self) -> dt.date:
        return self.current.date()

    @classmethod
    def on(cls, day: dt.date, hour: int = 9) -> FixedClock:
        return cls(dt.datetime(day.year, day.month, day.day, hour, tzinfo=CENTER_TZ))


def stamp(clock: Clock) -> dt.datetime:
    """Now as stored in created_at/updated_at columns: naive center time, whole seconds."""
    return clock.now().replace(tzinfo=None, microsecond=0)
