"""``carecenter-cli report list``: the desk's lists as a PDF or an .xlsx workbook, as the UI prints them.

- ``kitchen``: the day's kitchen count for a meal (``--meal``, default lunch): portions per
  diet, allergies, the deliveries.
- ``attendance``: the day's day-care attendance sheet, with a box to sign per senior.
- ``visits``: the week's home-visit schedule per staff member (``--date`` is any day of the
  week; ``--staff NAME`` keeps one staff member's round).
- ``quality``: the data-quality list (every center unless ``--center``).

``--date`` defaults to today; ``--center CODE`` is needed only on a database with several
centers. ``--out FILE.pdf`` prints (``{"path": …, "pages": N}``), ``--xlsx FILE.xlsx``
exports the same rows (``{"path": …, "rows": N}``). Exit 0, or 2 with a message for an
unusable date or meal, an unknown center or staff member, an unwritable output path or no
usable Chinese font.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from carecenter import cli_reports
from carecenter.actor import Actor
from carecenter.cli_reports import Actions, one_center, open_for, written
from carecenter.errors import CareCenterError, NotFoundError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.reports.listing import Listing
from carecenter.subsidies.policy import MealType

LISTS = ("kitchen", "attendance", "visits", "quality")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date like 2026-11-01").format(value=text)) from None


def add_command(actions: Actions) -> None:
    lists = actions.add_parser(
        "list", help=_("the desk's lists: kitchen count, attendance sheet, visit schedule, data quality")
    )
    lists.add_argument("which", choices=LISTS, metavar="LIST", help=_("one of: {lists}").format(lists=", ".join(LISTS)))
    lists.add_argument(
        "--date", type=_day, metavar="YYYY-MM-DD", help=_("the day, or a day of the week (default: today)")
    )
    lists.add_argument("--center", metavar="CODE", help=_("the center (needed when the database has several)"))
    lists.add_argument("--staff", metavar="NAME", help=_("visits: only this staff member's round"))
    lists.add_argument(
        "--meal", choices=[m.value for m in MealType], default=MealType.LUNCH.value, help=_("kitchen: the meal")
    )
    target = lists.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="FILE.pdf", help=_("where to write the PDF"))
    target.add_argument("--xlsx", type=Path, metavar="FILE.xlsx", help=_("where to write the Excel workbook"))
    lists.add_argument("--font", type=Path, metavar="PATH", help=_("a Chinese TrueType font to embed (.ttf/.ttc)"))
    lists.set_defaults(run=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    from carecenter.cli import EXIT_OK, print_json  # cli imports this module: resolve at run time

    if args.staff is not None and args.which != "visits":
        raise CareCenterError(_("--staff applies to the visits list only."))
    cc = open_for(args) if args.out is not None else CareCenter.open(args.db, cli_reports.clock_factory())
    try:
        actor = Actor.system_user()
        listing = _listing(cc, actor, args)
        if args.out is not None:
            return written(cc.reports.print_listing(actor, listing, args.out))
        path = cc.reports.export_listing(actor, listing, args.xlsx)
        print_json({"path": str(path), "rows": listing.rows})
        return EXIT_OK
    finally:
        cc.close()


def _listing(cc: CareCenter, actor: Actor, args: argparse.Namespace) -> Listing:
    day: dt.date = args.date or cc.clock.today()
    lists = cc.reports.lists
    if args.which == "quality":
        return lists.quality_list(actor, cc.centers.by_code(args.center).id if args.center else None)
    center_id = one_center(cc, args.center)
    if args.which == "kitchen":
        return lists.kitchen_count(actor, center_id, day, args.meal)
    if args.which == "attendance":
        return lists.attendance_sheet(actor, center_id, day)
    staff_id = _staff_id(cc, args.staff) if args.staff is not None else None
    return lists.visit_schedule(actor, center_id, day, staff_id)


def _staff_id(cc: CareCenter, name: str) -> int:
    wanted = name.strip()
    found = [s for s in cc.staff.list() if s.name == wanted]
    if not found:
        raise NotFoundError(_("No staff member is called “{name}”.").format(name=wanted))
    if len(found) > 1:
        raise CareCenterError(
            _("Several staff members are called “{name}”: print the list from the app to choose one.").format(
                name=wanted
            )
        )
    return found[0].id
