"""``carecenter-cli due``: the social workers' 待办 list from a terminal (the CLI acts as admin, ``os:<login>``).

Lists reassessments (by months or after an incident), first assessments, care plans to
review or ending, and seniors without a plan, due within ``--days`` (30) or overdue,
overdue first. Exit 0 when nothing is due, 1 when something is (so a nightly script can
mail the list only when there is work), 2 for unusable arguments or an unknown center.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from carecenter.actor import Actor
from carecenter.care.due import HORIZON_DAYS, when_text
from carecenter.clock import Clock, SystemClock
from carecenter.facade import CareCenter
from carecenter.i18n import _

EXIT_OK, EXIT_DUE = 0, 1

clock_factory: Callable[[], Clock] = SystemClock
"""Where the command gets today's date; tests replace it with a FixedClock."""


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    due = subparsers.add_parser(
        "due", help=_("list reassessments, care plan reviews and plans ending, due soon or overdue")
    )
    due.add_argument("--center", metavar="CODE", help=_("only this center (default: every center)"))
    due.add_argument(
        "--days",
        type=int,
        default=HORIZON_DAYS,
        metavar="N",
        help=_("look this many days ahead (default: {n}; 0: only what is due today or overdue)").format(n=HORIZON_DAYS),
    )
    due.add_argument("--format", choices=("table", "json"), default="table")
    due.set_defaults(run=cmd_due)


def cmd_due(args: argparse.Namespace) -> int:
    from carecenter.cli import EXIT_USAGE, print_json, print_table  # cli imports this module: resolve at run time

    if args.days < 0:
        print(_("--days cannot be negative"), file=sys.stderr)
        return EXIT_USAGE
    cc = CareCenter.open(args.db, clock_factory())
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        items = cc.due.items(Actor.system_user(), center_id, horizon_days=args.days)
        if args.format == "json":
            print_json([item.as_json() for item in items])
        else:
            print_table(
                [_("Member no."), _("Name"), _("Due"), _("Due date"), _("When"), _("Details")],
                [[i.member_no, i.name, i.kind.label, i.due_on.isoformat(), when_text(i), i.detail] for i in items],
            )
        return EXIT_DUE if items else EXIT_OK
    finally:
        cc.close()
