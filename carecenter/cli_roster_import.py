"""``carecenter-cli import seniors FILE``: a roster from Excel or CSV, row by row, with reasons.

Exit codes: 0 every row accepted, 1 one or more rows rejected (the others imported),
2 the file is unusable and nothing was written. ``--dry-run`` reports the same
without changing the database (the errors file is still written beside the input).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from carecenter.actor import Actor
from carecenter.clock import SystemClock
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.roster.model import ImportReport, Issue

EXIT_OK, EXIT_REJECTED = 0, 1


def add_commands(subparsers: argparse._SubParsersAction[Any], parser_class: type[argparse.ArgumentParser]) -> None:
    command = subparsers.add_parser("import", help=_("read data from Excel or CSV files"))
    actions = command.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=parser_class)
    seniors = actions.add_parser(
        "seniors", help=_("import a senior roster (.xlsx, .xls or .csv); seniors are matched by ID number")
    )
    seniors.add_argument("file", type=Path, metavar="FILE", help=_("the roster to import"))
    seniors.add_argument("--dry-run", action="store_true", help=_("check every row and report, change nothing"))
    seniors.add_argument("--center", metavar="CODE", help=_("the center the roster belongs to (default: the only one)"))
    seniors.add_argument("--format", choices=("table", "json"), default="table")
    seniors.add_argument("--progress", action="store_true", help=_("print progress to standard error"))
    seniors.set_defaults(run=cmd_import_seniors)


def cmd_import_seniors(args: argparse.Namespace) -> int:
    from carecenter.cli import print_json, print_table

    cc = CareCenter.open(args.db, SystemClock())
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        report = cc.rosters.import_seniors(
            args.file,
            Actor.system_user(),
            center_id=center_id,
            dry_run=args.dry_run,
            progress=_print_progress if args.progress else None,
        )
    finally:
        cc.close()
    if args.format == "json":
        print_json(report.as_json())
    else:
        _print_report(report, print_table)
    return EXIT_REJECTED if report.rejected else EXIT_OK


def _print_progress(done: int, total: int) -> None:
    print(_("rows {done}/{total}").format(done=done, total=total), file=sys.stderr, flush=True)


def _print_report(report: ImportReport, print_table: Any) -> None:
    print(
        _("{file}, sheet “{sheet}”, header on row {row}").format(
            file=report.file, sheet=report.sheet, row=report.header_row
        )
    )
    print(
        _("New {a}, updated {u}, unchanged {n}, rejected {r}").format(
            a=report.added, u=report.updated, n=report.unchanged, r=len(report.rejected)
        )
    )
    if report.dry_run:
        print(_("Dry run: the database was not changed."))
    for title, issues in ((_("Rejected rows"), report.rejected), (_("Warnings"), report.warnings)):
        if issues:
            print()
            print(title)
            print_table([_("Row"), _("Code"), _("Reason")], [_issue_cells(i) for i in issues])
    if report.errors_file is not None:
        print()
        print(_("The rejected rows were written to {path}").format(path=report.errors_file))


def _issue_cells(issue: Issue) -> list[str]:
    return [str(issue.row), issue.code.value, issue.message]
