"""``carecenter-cli meals``: a day's meal totals and a senior's monthly statement as JSON (acting as admin, ``os:<login>``).

- ``meals day [--date YYYY-MM-DD] [--center CODE]``: the day's orders and meals served per
  meal type and all together (eat-in, delivered, without order, price, subsidy, paid per
  payment method), in fen. Default: today, every center.
- ``meals statement MEMBER_NO YYYY-MM``: the senior's meals of the month, the top-ups, the
  prepaid balance at the month's start and end, and the totals, in fen (no ID numbers:
  nothing to record as a disclosure).

Exit 0, or 2 for an unusable date or month, an unknown center or member number.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from carecenter.actor import Actor
from carecenter.clock import Clock, SystemClock
from carecenter.domain.months import parse_month
from carecenter.errors import NotFoundError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.statement import day_totals_json, statement_json

clock_factory: Callable[[], Clock] = SystemClock
"""Where the command gets today's date; tests replace it with a FixedClock."""


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date like 2026-11-01").format(value=text)) from None


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    meals = subparsers.add_parser("meals", help=_("meal totals of a day and a senior's monthly meal statement"))
    actions = meals.add_subparsers(dest="meals_action", required=True, metavar="ACTION")
    day = actions.add_parser("day", help=_("a day's meals ordered and served, per meal, as JSON"))
    day.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help=_("the day (default: today)"))
    day.add_argument("--center", metavar="CODE", help=_("only this center (default: every center)"))
    day.set_defaults(run=cmd_day)
    statement = actions.add_parser("statement", help=_("a senior's meals, top-ups and balance of a month, as JSON"))
    statement.add_argument("member_no", metavar="MEMBER_NO", help=_("the senior's member number, e.g. M000123"))
    statement.add_argument("month", metavar="YYYY-MM", help=_("the month, e.g. 2026-11"))
    statement.set_defaults(run=cmd_statement)


def cmd_day(args: argparse.Namespace) -> int:
    from carecenter.cli import EXIT_OK, print_json  # cli imports this module: resolve at run time

    clock = clock_factory()
    cc = CareCenter.open(args.db, clock)
    try:
        center = cc.centers.by_code(args.center) if args.center else None
        totals = cc.meals.day_totals(Actor.system_user(), center.id if center else None, args.date or clock.today())
        print_json({"center": center.code if center else None, **day_totals_json(totals)})
        return EXIT_OK
    finally:
        cc.close()


def cmd_statement(args: argparse.Namespace) -> int:
    from carecenter.cli import EXIT_OK, print_json

    month = parse_month(args.month)  # a FieldError: cli.main prints it and exits 2
    cc = CareCenter.open(args.db, clock_factory())
    try:
        senior_id = cc.seniors.id_by_member_no(args.member_no)
        if senior_id is None:
            raise NotFoundError(_("No senior with member number {no}.").format(no=args.member_no.strip()))
        statement = cc.meals.statement(Actor.system_user(), senior_id, month)
        print_json(statement_json(statement))
        return EXIT_OK
    finally:
        cc.close()
