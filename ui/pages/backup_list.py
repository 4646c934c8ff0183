"""The backups already on this PC, as the 备份与恢复 page lists and describes them: kind, date, size, place.

Listing is a directory read (no file is opened or verified), so it runs on the UI
thread. The date shown is the file's modification time: ``carecenter.backups``
stamps every backup with the moment it was taken, which is also what a restore
reports. ``list_backups`` is plain Python; only ``BackupTable`` is Qt.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from carecenter.backups import DailyReport
from carecenter.clock import CENTER_TZ
from carecenter.i18n import N_, _


class Kind(Enum):
    """Why a backup exists; the value is its name on the page (a msgid)."""

    DAILY = N_("Daily")
    MONTHLY = N_("Monthly")
    MANUAL = N_("Made by hand")
    BEFORE_RESTORE = N_("Before a restore")
    BEFORE_UPGRADE = N_("Before an upgrade")

    @property
    def label(self) -> str:
        return _(self.value)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: Kind
    taken_at: dt.datetime
    size: int


def _kind_of(path: Path, root: Path) -> Kind:
    if path.parent == root / "daily":
        return Kind.DAILY
    if path.parent == root / "monthly":
        return Kind.MONTHLY
    if "-before-restore-" in path.name:
        return Kind.BEFORE_RESTORE
    if "-before-upgrade-" in path.name:
        return Kind.BEFORE_UPGRADE
    return Kind.MANUAL


def list_backups(root: Path) -> list[BackupFile]:
    """Every ``*.db`` in ``root`` and its daily/monthly folders, newest first.

    Hidden files (a copy still being written is ``.name-XXXX.part``) and files that
    vanish while being listed are left out; a missing folder lists nothing.
    """
    found: list[BackupFile] = []
    for folder in (root, root / "daily", root / "monthly"):
        try:
            candidates = sorted(folder.glob("*.db"))
        except OSError:
            continue
        for path in candidates:
            if path.name.startswith("."):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if not path.is_file():
                continue
            taken = dt.datetime.fromtimestamp(stat.st_mtime, CENTER_TZ)
            found.append(BackupFile(path, _kind_of(path, root), taken, stat.st_size))
    found.sort(key=lambda f: (f.taken_at, f.path.name), reverse=True)
    return found


def human_size(size: int) -> str:
    """Sizes as staff read them: 12.3 MB, or 840 KB for small files."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


def when(moment: dt.datetime) -> str:
    """A date and time in the center's zone, to the minute."""
    return f"{moment.astimezone(CENTER_TZ):%Y-%m-%d %H:%M}"


def last_daily_text(files: list[BackupFile]) -> str:
    """The newest daily backup among ``files``, before today's automatic backup has reported."""
    daily = [f for f in files if f.kind is Kind.DAILY]
    if not daily:
        return _("No daily backup yet.")
    return _("The last one was taken at {date} ({size}).").format(
        date=when(daily[0].taken_at), size=human_size(daily[0].size)
    )


def daily_text(report: DailyReport) -> str:
    """What today's automatic backup did, and what became of the copy in the second place."""
    made = report.made
    if made is not None:
        lines = [
            _("Today's backup was taken at {date}: {n} seniors, {size}.").format(
                date=when(made.taken_at), n=made.seniors, size=human_size(made.size)
            )
        ]
    else:
        lines = [_("Today's backup had already been taken.")]
    if report.second_copy is not None:
        lines.append(_("A copy is in the second place: {path}").format(path=report.second_copy))
    elif report.second_error:
        lines.append(report.second_error)
    return "\n".join(lines)


def same_disk(a: Path, b: Path) -> bool:
    """Whether two existing folders are on one disk (volume), so one broken disk would take both."""
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


COL_DATE, COL_KIND, COL_SIZE, COL_FILE = range(4)


class BackupTable(QTableWidget):
    """A read-only list of backups; the full path is in the last column (selectable, for copying)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([_("Taken"), _("Kind"), _("Size"), _("File")])
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.8))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        samples = {COL_DATE: "2026-11-22 10:00", COL_KIND: max((k.label for k in Kind), key=len), COL_SIZE: "999.9 MB"}
        for column, sample in samples.items():
            title = self.horizontalHeaderItem(column)
            shown = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title.text() if title else ""))
            header.resizeSection(column, shown + 28)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.files: list[BackupFile] = []

    def set_files(self, files: list[BackupFile]) -> None:
        self.files = list(files)
        self.setRowCount(len(files))
        for row, item in enumerate(files):
            values = (when(item.taken_at), item.kind.label, human_size(item.size), str(item.path))
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == COL_SIZE:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setToolTip(str(item.path))
                self.setItem(row, column, cell)

    def paths(self) -> list[Path]:
        return [f.path for f in self.files]

    def row_texts(self) -> list[list[str]]:
        """What the user reads, row by row (for tests and screenshots)."""
        rows = []
        for r in range(self.rowCount()):
            items = [self.item(r, c) for c in range(self.columnCount())]
            rows.append([i.text() if i is not None else "" for i in items])
        return rows
