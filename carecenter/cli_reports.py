"""``carecenter-cli report``: every printout as a PDF file (acting as admin, ``os:<login>``).

Each subcommand lives in a module of its own (``cli_report_*``) and hangs itself under
``report`` here. They share ``--out FILE.pdf`` and ``--font PATH`` (a TrueType Chinese font
to embed instead of the one found on this PC) and print what was written:
``{"path": …, "pages": N}``.

Exit 0, or 2 with a message for a refused month, an unknown center or senior, an
unwritable output path or no usable Chinese font.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from carecenter.clock import Clock, SystemClock
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _

if TYPE_CHECKING:
    from carecenter.reports.document import Printed

clock_factory: Callable[[], Clock] = SystemClock
"""Where report commands get today's date and time; tests replace it with a FixedClock."""

Actions: TypeAlias = "argparse._SubParsersAction[Any]"  # of the CLI's own parser class


def add_commands(subparsers: Actions) -> None:
    report = subparsers.add_parser("report", help=_("print reports and lists to PDF files"))
    actions = report.add_subparsers(dest="report_action", required=True, metavar="REPORT")
    from carecenter import cli_report_cards  # each imports this module: resolve at run time

    cli_report_cards.add_command(actions)
    from carecenter import cli_report_monthly

    cli_report_monthly.add_command(actions)
    from carecenter import cli_report_lists

    cli_report_lists.add_command(actions)
    from carecenter import cli_report_care

    cli_report_care.add_command(actions)
    del actions  # each cli_report_* module registers its subcommand here


def add_output(parser: argparse.ArgumentParser) -> None:
    """The options every report subcommand takes."""
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help=_("where to write the PDF"))
    parser.add_argument("--font", type=Path, metavar="PATH", help=_("a Chinese TrueType font to embed (.ttf/.ttc)"))


def open_for(args: argparse.Namespace) -> CareCenter:
    """The database with the font the command asked for (checked before any work is done)."""
    cc = CareCenter.open(args.db, clock_factory())
    try:
        cc.reports.use_font(args.font)
        cc.reports.font()  # a missing font is reported before the data is read
    except BaseException:
        cc.close()
        raise
    return cc


def written(printed: Printed) -> int:
    from carecenter.cli import EXIT_OK, print_json  # cli imports this module: resolve at run time

    print_json({"path": str(printed.path), "pages": printed.pages})
    return EXIT_OK


def one_center(cc: CareCenter, code: str | None) -> int:
    """The center a one-center printout is for: ``--center CODE``, or the database's only center."""
    if code:
        return cc.centers.by_code(code).id
    centers = cc.centers.list()
    if len(centers) == 1:
        return centers[0].id
    if not centers:
        raise CareCenterError(_("This database has no center yet."))
    codes = "、".join(c.code for c in centers)
    raise CareCenterError(
        _("This database has several centers ({codes}): choose one with --center.").format(codes=codes)
    )
