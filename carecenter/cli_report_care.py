"""``carecenter-cli report care-summary``: one senior's care summary (照护小结) to a PDF for the family.

``--senior`` takes the senior's ID number as it is written anywhere: with spaces, in
full-width digits, with a lower-case x, or an old 15-digit number; a member number
(M000123) works too. The command acts as admin (``os:<login>``), so the ID number is
printed in full only when the center's 打印 setting says so, and such a printout is
recorded in the audit trail. Exit 0 with ``{"path": …, "pages": N}``, or 2 with a message
for an unknown senior, an ID number that cannot be one, an unwritable output path or a
missing font.
"""

from __future__ import annotations

import argparse

from carecenter.actor import Actor
from carecenter.cli_reports import add_output, open_for, written
from carecenter.i18n import _


def add_command(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    care = actions.add_parser("care-summary", help=_("one senior's care summary, in large type for the family"))
    care.add_argument(
        "--senior",
        required=True,
        metavar="ID_NUMBER",
        help=_("the senior's ID number (or member number, e.g. M000123)"),
    )
    add_output(care)
    care.set_defaults(run=cmd_care_summary)


def cmd_care_summary(args: argparse.Namespace) -> int:
    cc = open_for(args)
    try:
        actor = Actor.system_user()
        summaries = cc.reports.care_summary
        senior_id = summaries.find(actor, args.senior)
        return written(summaries.print(actor, senior_id, args.out))
    finally:
        cc.close()
