"""What an import tells: a verdict per row, rejections and warnings with fixed codes, the counts.

The codes are stable (scripts read them from ``--format json``); the messages are
translated and specific ("身份证号：校验位错误，应为 X …"). Row numbers are the
spreadsheet's own, as the user sees them in Excel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from carecenter.errors import CareCenterError
from carecenter.i18n import N_, _


class RosterFileError(CareCenterError):
    """The file is not a roster that can be read (no header, unreadable, wrong format); nothing was written."""


class Verdict(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return _(_VERDICT_MSGIDS[self])


_VERDICT_MSGIDS = {
    Verdict.ADDED: N_("New"),
    Verdict.UPDATED: N_("Updated"),
    Verdict.UNCHANGED: N_("Unchanged"),
    Verdict.REJECTED: N_("Rejected"),
}


class Code(StrEnum):
    """Why a row was refused (the first group) or what the user should look at (warnings)."""

    MISSING_NAME = "missing_name"
    MISSING_ID = "missing_id"
    BAD_ID = "bad_id"  # wrong length or characters
    BAD_CHECKSUM = "bad_checksum"
    BAD_DATE = "bad_date"  # the ID's birth date is impossible, in the future or over 120 years ago
    EXCEL_NUMBER = "excel_number"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    INVALID_VALUE = "invalid_value"  # another cell cannot be stored as it is; the message names the column
    # warnings
    GENDER_MISMATCH = "gender_mismatch"
    BIRTH_MISMATCH = "birth_mismatch"
    UNDER_60 = "under_60"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_COLUMN = "unknown_column"
    ID_UPGRADED = "id_upgraded"
    MEMBER_NO_KEPT = "member_no_kept"
    OTHER_CENTER = "other_center"

    @property
    def rejects(self) -> bool:
        return self in _REJECTIONS


_REJECTIONS = frozenset(
    {
        Code.MISSING_NAME,
        Code.MISSING_ID,
        Code.BAD_ID,
        Code.BAD_CHECKSUM,
        Code.BAD_DATE,
        Code.EXCEL_NUMBER,
        Code.DUPLICATE_IN_FILE,
        Code.INVALID_VALUE,
    }
)


@dataclass(frozen=True)
class Issue:
    row: int  # the spreadsheet's row number (the header row for column warnings)
    code: Code
    message: str


@dataclass(frozen=True)
class RowResult:
    """One data row: what the import did (or, on a dry run, would do) with it."""

    row: int
    verdict: Verdict
    name: str
    id_number: str  # normalized as far as it could be; masked unless the actor may see IDs
    senior_id: int | None = None
    member_no: str = ""
    issues: tuple[Issue, ...] = ()
    changed: tuple[str, ...] = ()  # column headers whose values changed (updates)
    cells: tuple[str, ...] = ()  # the row as read, in the file's column order (for the preview)


@dataclass(frozen=True)
class ImportReport:
    file: Path
    sheet: str
    header_row: int
    headers: tuple[str, ...]  # the file's header cells, in order
    rows: tuple[RowResult, ...]
    file_warnings: tuple[Issue, ...] = ()  # unknown columns and other remarks about the file itself
    dry_run: bool = False
    errors_file: Path | None = None
    imported_at: dt.datetime | None = None
    center_name: str = ""

    def count(self, verdict: Verdict) -> int:
        return sum(1 for r in self.rows if r.verdict == verdict)

    @property
    def added(self) -> int:
        return self.count(Verdict.ADDED)

    @property
    def updated(self) -> int:
        return self.count(Verdict.UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(Verdict.UNCHANGED)

    @property
    def rejected(self) -> list[Issue]:
        """One issue per rejected row: the first reason it was refused."""
        return [next(i for i in r.issues if i.code.rejects) for r in self.rows if r.verdict == Verdict.REJECTED]

    @property
    def warnings(self) -> list[Issue]:
        return list(self.file_warnings) + [i for r in self.rows for i in r.issues if not i.code.rejects]

    def as_json(self) -> dict[str, object]:
        """The shape ``import seniors --format json`` prints."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [_issue_json(i) for i in self.rejected],
            "warnings": [_issue_json(i) for i in self.warnings],
        }


def _issue_json(issue: Issue) -> dict[str, object]:
    return {"row": issue.row, "code": issue.code.value, "message": issue.message}


@dataclass(frozen=True)
class ExportResult:
    file: Path
    seniors: int
    center_name: str = ""
    columns: tuple[str, ...] = field(default=())
