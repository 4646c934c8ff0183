"""从备份恢复: the question before a restore and the answer after it, in words staff can check.

Before: which file, the day it was taken, how many seniors and centers it holds
and its schema, what will be lost (everything entered since) and that the current
database is backed up first. The safe answer (不恢复) is the default, so a stray
Enter or Esc restores nothing. After: what the database now contains and where
the previous one was saved.

Threading: UI thread only; the texts are built from the core's frozen results.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from carecenter.backups import BackupInfo, RestoreReport
from carecenter.db import migrate
from carecenter.errors import CareCenterError
from carecenter.i18n import _
from ui.pages.backup_list import when
from ui.widgets.confirm import confirm


def copy_summary(info: BackupInfo) -> str:
    """One sentence on what a backup holds: date taken, seniors, centers, schema."""
    return _("The copy of {date}, with {n} seniors in {c} center(s) (schema {rev}).").format(
        date=when(info.taken_at), n=info.seniors, c=info.centers, rev=info.revision
    )


def confirm_text(info: BackupInfo, backups_folder: Path) -> str:
    lines = [str(info.path), "", copy_summary(info)]
    head = migrate.head_revision()
    if info.revision != head:
        lines.append(
            _("It was made by an older version; it will be upgraded to schema {head} after the restore.").format(
                head=head
            )
        )
    lines += [
        "",
        _(
            "Restoring replaces everything in the current database by this copy: what was entered after {date} is lost."
        ).format(date=when(info.taken_at)),
        _("The current database is backed up first, to {folder}.").format(folder=backups_folder),
        "",
        _("Restore this copy?"),
    ]
    return "\n".join(lines)


def confirm_restore(parent: QWidget | None, info: BackupInfo, backups_folder: Path) -> bool:
    """Ask before replacing the database; True only when the user chose to restore."""
    return confirm(
        parent,
        _("Restore from a backup"),
        confirm_text(info, backups_folder),
        _("Restore this copy"),
        _("Do not restore"),
        warning=True,
    )


def restored_text(report: RestoreReport) -> str:
    """What the database holds now, and where the one it replaced was kept."""
    restored = report.restored
    lines = [
        _("Restored. The database is now the copy of {date}, with {n} seniors in {c} center(s).").format(
            date=when(restored.taken_at), n=restored.seniors, c=restored.centers
        )
    ]
    if report.upgraded_from is not None:
        lines.append(_("The copy was upgraded from schema {rev}.").format(rev=report.upgraded_from))
    if report.previous is not None:
        lines.append(_("The database as it was before is kept at {path}").format(path=report.previous))
    return "\n".join(lines)


def refusal_text(error: object, fallback: str) -> str:
    """The core's own words for a refusal; anything else (a bug, a full disk) in ``fallback`` ("… {error}")."""
    if isinstance(error, CareCenterError):
        return str(error)
    return fallback.format(error=error)
