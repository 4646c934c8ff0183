"""Writing an .xlsx workbook so that a failed or interrupted export never leaves half a file.

The workbook is saved to a hidden temporary file in the target's folder, then renamed over the
target in one step (``os.replace``): the chosen name holds either the old file or the whole new
one. Every export of the core (audit trail, party guest list, subsidy roster, refused import
rows) goes through here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol


class SavableBook(Protocol):
    """What is needed of an openpyxl ``Workbook`` (kept structural so this module does not import openpyxl)."""

    def save(self, filename: str) -> None: ...


def save_atomically(book: SavableBook, target: Path) -> Path:
    """Save ``book`` as ``target`` (parent folders created); the temporary file is removed on any failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx", dir=target.parent)
    os.close(handle)
    try:
        book.save(temp)
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)
    return target
