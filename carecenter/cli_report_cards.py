"""``carecenter-cli report cards``: member cards to a PDF, for chosen seniors or everyone who has none yet.

``--new`` prints the center's current seniors whose card was never printed; ``--member
M000123`` (repeatable) prints those seniors' cards again. Either way the seniors are noted
as having a card from today, once the file is written. ``--center CODE`` is needed only on
a database with several centers. Exit 0 with ``{"path": …, "pages": N}``, or 2 with a
message for an unknown center or member number, a senior who withdrew or died, nobody to
print, an unwritable output path or a missing font.
"""

from __future__ import annotations

import argparse

from carecenter.actor import Actor
from carecenter.cli_reports import add_output, one_center, open_for, written
from carecenter.errors import NotFoundError
from carecenter.facade import CareCenter
from carecenter.i18n import _


def add_command(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cards = actions.add_parser("cards", help=_("member cards (ten to an A4 sheet) for new or chosen seniors"))
    cards.add_argument("--center", metavar="CODE", help=_("the center (needed when the database has several)"))
    who = cards.add_mutually_exclusive_group(required=True)
    who.add_argument("--new", action="store_true", help=_("every current senior who has no card yet"))
    who.add_argument(
        "--member",
        action="append",
        metavar="M000123",
        help=_("a senior's member number (repeat for more seniors)"),
    )
    add_output(cards)
    cards.set_defaults(run=cmd_cards)


def cmd_cards(args: argparse.Namespace) -> int:
    cc = open_for(args)
    try:
        center_id = one_center(cc, args.center)
        senior_ids = None if args.new else [_senior_id(cc, m) for m in args.member]
        printed = cc.reports.cards.print(Actor.system_user(), center_id, args.out, senior_ids)
        return written(printed)
    finally:
        cc.close()


def _senior_id(cc: CareCenter, member_no: str) -> int:
    senior_id = cc.seniors.id_by_member_no(member_no)
    if senior_id is None:
        raise NotFoundError(_("No senior with member number {no}.").format(no=member_no.strip()))
    return senior_id
