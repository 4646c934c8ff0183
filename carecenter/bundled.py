"""Files shipped with the app (translations, data): found the same way from a checkout or a wheel."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    node: Traversable = files("carecenter.resources")
    for part in parts:
        node = node / part
    return node
