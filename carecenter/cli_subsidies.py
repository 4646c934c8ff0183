"""``carecenter-cli eligibility``: who gets which monthly subsidy in a month (the CLI acts as admin, ``os:<login>``).

Any month, past or future: a month not yet begun is a preview from today's records (the
table says so). An approved month prints its approved roster, the snapshot, unless
``--recompute`` asks for today's computation. JSON is an array with one object per grant,
ordered by rule code then ID number: ``id_number``, ``name``, ``subsidy`` (the rule code),
``amount`` (元, "100.00") and ``reason`` (Chinese). Meal subsidies are per meal and not
listed. Full ID numbers are printed, and that disclosure is recorded in the audit trail.
Exit 0, or 2 for an unusable month or an unknown center.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence

from carecenter.actor import Actor
from carecenter.clock import Clock, SystemClock
from carecenter.domain.months import first_day, month_label, month_text, parse_month
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.subsidies.engine import Grant
from carecenter.subsidies.money import yuan

clock_factory: Callable[[], Clock] = SystemClock
"""Where the command gets today's date; tests replace it with a FixedClock."""


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = subparsers.add_parser(
        "eligibility", help=_("list the monthly subsidies (elderly allowance, home-care subsidy) of a month")
    )
    cmd.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2026-11"))
    cmd.add_argument("--center", metavar="CODE", help=_("only this center (default: every center)"))
    cmd.add_argument(
        "--recompute",
        action="store_true",
        help=_("for an approved month, compute from today's records instead of printing the approved roster"),
    )
    cmd.add_argument("--format", choices=("table", "json"), default="table")
    cmd.set_defaults(run=cmd_eligibility)


def grant_json(g: Grant) -> dict[str, str]:
    """The stable JSON shape of one grant (the issue's contract)."""
    return {
        "id_number": g.id_number,
        "name": g.name,
        "subsidy": g.rule_code,
        "amount": yuan(g.amount_fen),
        "reason": g.reason,
    }


def cmd_eligibility(args: argparse.Namespace) -> int:
    from carecenter.cli import EXIT_OK, print_json, print_table  # cli imports this module: resolve at run time

    month = parse_month(args.month, "month", "--month")  # refused before the database is opened: exit 2
    cc = CareCenter.open(args.db, clock_factory())
    try:
        actor = Actor.system_user()
        center_id = cc.centers.by_code(args.center).id if args.center else None
        approved = None if args.recompute else cc.subsidies.approved(actor, month, center_id)
        grants = approved if approved is not None else cc.subsidies.eligibility(actor, month, center_id)
        if grants:  # the output carries full ID numbers: that disclosure is on the record
            what = f"eligibility {month_text(month)} --format {args.format}: {len(grants)} rows"
            senior_id = grants[0].senior_id if len({g.senior_id for g in grants}) == 1 else None
            cc.audit.record_disclosure(actor, "export", "subsidies", what, senior_id)
        if args.format == "json":
            print_json([grant_json(g) for g in grants])
            return EXIT_OK
        print(_heading(month, cc.clock.today(), approved is not None, args.recompute))
        print_table(
            [_("Member no."), _("Name"), _("ID number"), _("Subsidy"), _("Tier"), _("Amount (yuan)"), _("Reason")],
            [[g.member_no, g.name, g.id_number, g.rule_name, g.tier, yuan(g.amount_fen), g.reason] for g in grants],
        )
        for line in _totals(grants):
            print(line)
        return EXIT_OK
    finally:
        cc.close()


def _heading(month: dt.date, today: dt.date, approved: bool, recompute: bool) -> str:
    label = month_label(month)
    if approved:
        return _("Approved roster of {month}").format(month=label)
    if month > first_day(today):
        return _("{month} has not begun: a PREVIEW from today's records, not a roster").format(month=label)
    if recompute:
        return _("{month} recomputed from today's records").format(month=label)
    return _("{month} computed from today's records (not approved)").format(month=label)


def _totals(grants: Sequence[Grant]) -> list[str]:
    sums: dict[str, tuple[str, int, int]] = {}
    for g in grants:
        name, count, total = sums.get(g.rule_code, (g.rule_name, 0, 0))
        sums[g.rule_code] = (name, count + 1, total + g.amount_fen)
    return [
        _("{subsidy}: {n} seniors, {amount} yuan").format(subsidy=name, n=count, amount=yuan(total))
        for name, count, total in (sums[code] for code in sorted(sums))
    ]
