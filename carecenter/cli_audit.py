"""``carecenter-cli audit``: the audit trail from a terminal (the CLI acts as admin, ``os:<login>``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.clock import SystemClock
from carecenter.facade import CareCenter
from carecenter.i18n import _

EXIT_OK, EXIT_USAGE = 0, 2


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date like 2026-11-01").format(value=text)) from None


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = subparsers.add_parser("audit", help=_("show the audit trail (who changed what, and when)"))
    audit.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help=_("only lines from this day on"))
    audit.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help=_("only lines up to this day"))
    audit.add_argument("--senior", default="", metavar="TEXT", help=_("only lines about these seniors (as in search)"))
    audit.add_argument("--actor", default="", metavar="USERNAME", help=_("only lines by this account"))
    audit.add_argument("--format", choices=("table", "json"), default="table")
    audit.add_argument("--xlsx", type=Path, metavar="FILE", help=_("also write the lines to an Excel file"))
    audit.set_defaults(run=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from carecenter.cli import print_json, print_table  # cli imports this module: resolve at run time

    cc = CareCenter.open(args.db, SystemClock())
    try:
        actor = Actor.system_user()
        where = AuditFilter(since=args.since, until=args.until, senior=args.senior, actor=args.actor)
        lines = cc.audit.lines(actor, where, newest_first=False)
        if args.format == "json":
            print_json([line.as_json() for line in lines])
        else:
            print_table(
                [_("Time"), _("Username"), _("Action"), _("Record"), _("Senior"), _("Field"), _("Before"), _("After")],
                [
                    [
                        line.at.isoformat(sep=" "),
                        line.actor,
                        line.action_label,
                        f"{line.entity_label} {line.entity_id or ''}".strip(),
                        line.senior_name,
                        line.field_label,
                        line.before,
                        line.after,
                    ]
                    for line in lines
                ],
            )
        if args.xlsx is not None:
            count = cc.audit.export_xlsx(actor, args.xlsx, where)
            print(_("{n} line(s) written to {path}").format(n=count, path=args.xlsx), file=sys.stderr)
        return EXIT_OK
    finally:
        cc.close()
