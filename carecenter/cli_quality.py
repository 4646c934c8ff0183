"""``carecenter-cli check``: the data-quality list from a terminal (the CLI acts as admin, ``os:<login>``).

Exit 0 when no current senior has a problem, 1 when some do (so a nightly script can
mail the list only when there is work), 2 for unusable arguments or an unknown center.
"""

from __future__ import annotations

import argparse

from carecenter.actor import Actor
from carecenter.clock import SystemClock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.quality import QualityKind

EXIT_OK, EXIT_PROBLEMS = 0, 1


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = subparsers.add_parser(
        "check",
        help=_("list records to look at again: no phone, no emergency contact, expired categories, duplicates …"),
    )
    check.add_argument("--center", metavar="CODE", help=_("only this center (default: every center)"))
    check.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in QualityKind],
        metavar="KIND",
        help=_("only this kind of problem (repeatable): {kinds}").format(kinds=", ".join(k.value for k in QualityKind)),
    )
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.set_defaults(run=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from carecenter.cli import print_json, print_table  # cli imports this module: resolve at run time

    cc = CareCenter.open(args.db, SystemClock())
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        kinds = [QualityKind.of(k) for k in args.kind] if args.kind else None
        issues = cc.quality.check(Actor.system_user(), center_id, kinds)
        if args.format == "json":
            print_json([issue.as_json() for issue in issues])
        else:
            print_table(
                [_("Member no."), _("Name"), _("Problem"), _("Details")],
                [[i.member_no, i.name, i.kind.label, i.detail] for i in issues],
            )
        return EXIT_PROBLEMS if issues else EXIT_OK
    finally:
        cc.close()
