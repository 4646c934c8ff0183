"""``carecenter-cli report monthly``: the monthly report to 民政 (月度服务报表) as a PDF.

``--month YYYY-MM`` is required; ``--center CODE`` prints one center's report, and without
it a database of several centers gets the district pack (the district's totals, then a
section per center). The current month is printed as counted so far (截至 today); an
unapproved subsidy roster is printed as a preview (未审批（预览）). Exit 0 with
``{"path": …, "pages": N}``, or 2 with a message for a month that is malformed, after the
current one or before the center's first record, an unknown center, an unwritable output
path or a missing font.
"""

from __future__ import annotations

import argparse

from carecenter.actor import Actor
from carecenter.cli_reports import add_output, open_for, written
from carecenter.domain.months import parse_month
from carecenter.i18n import _


def add_command(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    monthly = actions.add_parser(
        "monthly", help=_("the monthly service report to the civil affairs office (one center or every center)")
    )
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month to report"))
    monthly.add_argument(
        "--center", metavar="CODE", help=_("one center (default: every center of the database, with district totals)")
    )
    add_output(monthly)
    monthly.set_defaults(run=cmd_monthly)


def cmd_monthly(args: argparse.Namespace) -> int:
    month = parse_month(args.month, "month", "--month")  # refused before the database is opened
    cc = open_for(args)
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        printed = cc.reports.monthly.print(Actor.system_user(), center_id, month, args.out)
        return written(printed)
    finally:
        cc.close()
