"""``carecenter-cli birthdays``: the month's birthday list from a terminal (the CLI acts as admin, ``os:<login>``).

Lists the seniors celebrating in ``--month`` (在册 or 暂停 on the day, 60 or over, not
opted out), by day then the pinyin of the name, with the age reached and whether it is a
round birthday (整寿). The output carries full ID numbers, so it is recorded in the audit
trail as a disclosure. Exit 0, or 2 for an unusable month or an unknown center.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from carecenter.actor import Actor
from carecenter.clock import Clock, SystemClock
from carecenter.domain.months import month_text, parse_month
from carecenter.facade import CareCenter
from carecenter.i18n import _

clock_factory: Callable[[], Clock] = SystemClock
"""Where the command gets today's date; tests replace it with a FixedClock."""


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    birthdays = subparsers.add_parser(
        "birthdays", help=_("list the seniors whose birthday falls in a month (for the monthly birthday party)")
    )
    birthdays.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2026-11"))
    birthdays.add_argument("--center", metavar="CODE", help=_("only this center (default: every center)"))
    birthdays.add_argument("--format", choices=("table", "json"), default="table")
    birthdays.set_defaults(run=cmd_birthdays)


def cmd_birthdays(args: argparse.Namespace) -> int:
    from carecenter.cli import EXIT_OK, print_json, print_table  # cli imports this module: resolve at run time

    month = parse_month(args.month)  # a FieldError: cli.main prints it and exits 2
    cc = CareCenter.open(args.db, clock_factory())
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        actor = Actor.system_user()
        rows = cc.birthdays.month_list(actor, month, center_id)
        if rows:  # the output carries full ID numbers: that disclosure is on the record
            what = f"birthdays --month {month_text(month)} --format {args.format}: {len(rows)} rows"
            cc.audit.record_disclosure(actor, "export", "seniors", what, rows[0].senior_id if len(rows) == 1 else None)
        if args.format == "json":
            print_json([r.as_json() for r in rows])
        else:
            yes = _("yes")
            print_table(
                [
                    _("Birthday"),
                    _("Member no."),
                    _("Name"),
                    _("ID number"),
                    _("Age"),
                    _("Lunar"),
                    _("Milestone"),
                    _("Center"),
                    _("Community"),
                ],
                [
                    [
                        r.date.isoformat(),
                        r.member_no,
                        r.name,
                        r.id_number,
                        str(r.age),
                        yes if r.lunar else "",
                        yes if r.milestone else "",
                        r.center_code,
                        r.community,
                    ]
                    for r in rows
                ],
            )
        return EXIT_OK
    finally:
        cc.close()
