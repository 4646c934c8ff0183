"""``carecenter-cli backup`` and ``restore``: the backups of carecenter.backups from a terminal.

``cli.py`` wires these in with ``add_commands``. Exit codes follow the CLI: 0 done,
1 refused or failed (a damaged backup, a PostgreSQL database, no confirmation),
2 unusable arguments. A restore must be confirmed: interactively, or with ``--yes``
where no one can be asked (scripts, CI).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from carecenter import backups, paths
from carecenter.actor import Actor
from carecenter.clock import Clock, SystemClock
from carecenter.db import engine as engines
from carecenter.i18n import _

EXIT_OK, EXIT_PROBLEMS = 0, 1

clock_factory: Callable[[], Clock] = SystemClock
"""Where the commands get the time; tests replace it with a FixedClock."""


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``backup [--out FILE]`` and ``restore FILE [--yes]`` to the CLI's sub-commands."""
    backup = subparsers.add_parser("backup", help=_("write a verified copy of the database"))
    backup.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help=_("where to write it (default: the backups folder next to the database)"),
    )
    backup.set_defaults(run=cmd_backup)
    restore = subparsers.add_parser("restore", help=_("replace the database by a backup (the current one is kept)"))
    restore.add_argument("file", type=Path, metavar="FILE", help=_("the backup file to restore"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    restore.set_defaults(run=cmd_restore)


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


def cmd_backup(args: argparse.Namespace) -> int:
    url = engines.resolve_url(args.db)
    now = clock_factory().now()
    default_name = f"carecenter-{now:%Y%m%d-%H%M%S}"
    try:
        if args.out is not None:
            out: Path = args.out
        else:
            live = engines.sqlite_path(url)
            folder = paths.backup_dir_for(live) if live is not None else Path.cwd()
            out = folder / (default_name + (".db" if live is not None else ".dump"))
        info = backups.backup_to(url, out.absolute(), now)
    except backups.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    print(_("Backup written: {path}").format(path=info.path))
    print(_("Size: {size}; seniors: {n}; centers: {c}").format(size=_size(info.size), n=info.seniors, c=info.centers))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    url = engines.resolve_url(args.db)
    source: Path = args.file.absolute()
    try:
        if url.get_backend_name() != "sqlite":
            backups.restore_from(url, source, clock_factory().now(), Actor.system_user())  # raises with the command
        info = backups.inspect_backup(source)
        if not args.yes and not _confirmed(info):
            return EXIT_PROBLEMS
        report = backups.restore_from(url, source, clock_factory().now(), Actor.system_user())
    except backups.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    restored = report.restored
    print(
        _("Restored {path}: the copy of {date}, with {n} seniors in {c} center(s).").format(
            path=restored.path, date=f"{restored.taken_at:%Y-%m-%d %H:%M}", n=restored.seniors, c=restored.centers
        )
    )
    if report.previous is not None:
        print(_("The database as it was before is kept at {path}").format(path=report.previous))
    if report.upgraded_from is not None:
        print(_("The copy was upgraded from schema {rev}.").format(rev=report.upgraded_from))
    return EXIT_OK


def _confirmed(info: backups.BackupInfo) -> bool:
    """Ask on a terminal; without one (a script, CI) refuse and point to ``--yes``."""
    if not sys.stdin.isatty():
        print(
            _("Restoring replaces the current database. No terminal to ask for confirmation: pass --yes."),
            file=sys.stderr,
        )
        return False
    print(
        _("{path} is the copy of {date}, with {n} seniors in {c} center(s).").format(
            path=info.path, date=f"{info.taken_at:%Y-%m-%d %H:%M}", n=info.seniors, c=info.centers
        )
    )
    answer = input(_("Replace the current database by it? Type yes to go on: "))
    if answer.strip().lower() not in ("yes", "y", _("yes")):
        print(_("Nothing was restored."), file=sys.stderr)
        return False
    return True
