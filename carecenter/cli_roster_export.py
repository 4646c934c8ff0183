"""``carecenter-cli export seniors FILE.xlsx``: the canonical roster, for Excel and for the import.

The CLI acts as admin (``os:<login>``); the export is recorded in the audit trail
because the file carries full ID numbers.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from carecenter.actor import Actor
from carecenter.clock import SystemClock
from carecenter.facade import CareCenter
from carecenter.i18n import _

EXIT_OK = 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = subparsers.add_parser("export", help=_("write data to files for Excel"))
    actions = export.add_subparsers(dest="action", required=True, metavar="ACTION")
    seniors = actions.add_parser(
        "seniors", help=_("the senior roster as an .xlsx file (current seniors by default), ready to import back")
    )
    seniors.add_argument(
        "file", type=Path, metavar="FILE.xlsx", help=_("the workbook to write (replaced if it exists)")
    )
    seniors.add_argument("--all", action="store_true", help=_("include withdrawn and deceased seniors"))
    seniors.add_argument("--center", metavar="CODE", help=_("only this center (default: all)"))
    seniors.set_defaults(run=cmd_export_seniors)


def cmd_export_seniors(args: argparse.Namespace) -> int:
    cc = CareCenter.open(args.db, SystemClock())
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        result = cc.rosters.export_seniors(args.file, Actor.system_user(), center_id=center_id, include_all=args.all)
        print(_("Exported {n} seniors to {path}").format(n=result.seniors, path=result.file))
        return EXIT_OK
    finally:
        cc.close()
