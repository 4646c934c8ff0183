"""``carecenter-cli``: the core from the command line, for scripts, tests and admins.

No login: whoever can open the database acts as admin, recorded as the
operating-system user (``os:<login>``), and sees full ID numbers; ``user add``
is how a server-mode center or a locked-out office creates accounts. Exit codes: 0 ok, 1 the command
ran but found problems, 2 unusable input or arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from carecenter import (
    __version__,
    cli_audit,
    cli_backup,
    cli_birthdays,
    cli_care,
    cli_meals,
    cli_quality,
    cli_reports,
    cli_roster_export,
    cli_roster_import,
    cli_subsidies,
    demo,
    i18n,
)
from carecenter.actor import Actor, Role
from carecenter.clock import SystemClock
from carecenter.db.engine import ENV_VAR
from carecenter.domain.vocab import CURRENT_STATUSES, StaffPosition
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorRow

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors exit with 2 and a translated message."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("error: {message}").format(message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="carecenter-cli", description=_("CareCenter from the command line."))
    parser.add_argument("--version", action="version", version=f"CareCenter {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=_("SQLite file or postgresql+psycopg:// URL (default: ${env} or the user data folder)").format(
            env=ENV_VAR
        ),
    )
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help=_("language of messages (default: Chinese)"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help=_("create or upgrade the database, optionally with demo data"))
    init.add_argument("--demo", type=int, metavar="N", help=_("fill N synthetic seniors"))
    init.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed of the demo data"))
    init.set_defaults(run=_cmd_init)

    migrate = commands.add_parser("migrate", help=_("upgrade the database to this version's schema"))
    migrate.set_defaults(run=_cmd_migrate)

    centers = commands.add_parser("centers", help=_("centers (sites) in this database"))
    center_cmds = centers.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    c_list = center_cmds.add_parser("list", help=_("list centers"))
    _add_format(c_list)
    c_list.set_defaults(run=_cmd_centers_list)
    c_add = center_cmds.add_parser("add", help=_("add a center"))
    c_add.add_argument("--name", required=True, help=_("center name"))
    c_add.add_argument("--code", default="", help=_("short code (default: next C001, C002 …)"))
    c_add.add_argument("--address", default="")
    c_add.add_argument("--phone", default="")
    c_add.set_defaults(run=_cmd_centers_add)

    seniors = commands.add_parser("seniors", help=_("the senior registry"))
    senior_cmds = seniors.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    s_list = senior_cmds.add_parser("list", help=_("list seniors (active and paused by default)"))
    s_list.add_argument(
        "--search", default="", metavar="TEXT", help=_("name, pinyin, initials, ID digits, phone or member number")
    )
    s_list.add_argument("--all", action="store_true", help=_("include withdrawn and deceased seniors"))
    s_list.add_argument("--center", metavar="CODE", help=_("only this center (default: the only center, else all)"))
    _add_format(s_list)
    s_list.set_defaults(run=_cmd_seniors_list)
    _add_user_commands(commands)
    cli_backup.add_commands(commands)
    cli_audit.add_commands(commands)
    cli_roster_export.add_commands(commands)
    cli_roster_import.add_commands(commands, _Parser)
    cli_quality.add_commands(commands)
    cli_care.add_commands(commands)
    cli_subsidies.add_commands(commands)
    cli_birthdays.add_commands(commands)
    cli_meals.add_commands(commands)
    cli_reports.add_commands(commands)
    return parser


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except CareCenterError as exc:  # refused input, unknown center, unusable database
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - must outlive this frame for the interpreter's final flush
        return EXIT_OK


def _open(args: argparse.Namespace) -> CareCenter:
    return CareCenter.open(args.db, SystemClock())


def _cmd_init(args: argparse.Namespace) -> int:
    if args.demo is not None and args.demo < 1:
        print(_("--demo must be a positive number of seniors"), file=sys.stderr)
        return EXIT_USAGE
    cc = _open(args)
    try:
        print(_("Database ready: {db}").format(db=cc.describe()))
        if args.demo:
            summary = demo.fill(cc, args.demo, args.seed, Actor.system_user())
            print(_("Demo data: {n} seniors in {c} center(s).").format(n=summary.seniors, c=len(cc.centers.list())))
            desk = summary.desk
            print(
                _(
                    "Front desk, last {weeks} weeks: {check_ins} day-care check-ins, {servings} meals served, "
                    "{visits} home visits, {calls} calls, {activities} activities."
                ).format(
                    weeks=desk.weeks,
                    check_ins=desk.check_ins,
                    servings=desk.servings,
                    visits=desk.visits_done,
                    calls=desk.calls,
                    activities=desk.activities,
                )
            )
        return EXIT_OK
    finally:
        cc.close()


def _cmd_migrate(args: argparse.Namespace) -> int:
    cc = _open(args)
    try:
        report = cc.migration
        assert report is not None
        if report.from_revision == report.to_revision:
            print(_("Already up to date (schema {rev}).").format(rev=report.to_revision))
        else:
            print(_("Upgraded from schema {a} to {b}.").format(a=report.from_revision or "-", b=report.to_revision))
        if report.backup:
            print(_("Backup made before the upgrade: {path}").format(path=report.backup))
        if report.note:
            print(report.note)
        return EXIT_OK
    finally:
        cc.close()


def _cmd_centers_list(args: argparse.Namespace) -> int:
    cc = _open(args)
    try:
        centers = cc.centers.list()
        if args.format == "json":
            print_json(
                [
                    {"code": c.code, "name": c.name, "address": c.address, "phone": c.phone, "seniors": c.seniors}
                    for c in centers
                ]
            )
        else:
            print_table(
                [_("Code"), _("Name"), _("Number of seniors"), _("Address"), _("Phone")],
                [[c.code, c.name, str(c.seniors), c.address, c.phone] for c in centers],
            )
        return EXIT_OK
    finally:
        cc.close()


def _cmd_centers_add(args: argparse.Namespace) -> int:
    cc = _open(args)
    try:
        info = cc.centers.create(args.name, Actor.system_user(), code=args.code, address=args.address, phone=args.phone)
        print(_("Center {code} {name} added.").format(code=info.code, name=info.name))
        return EXIT_OK
    finally:
        cc.close()


def _cmd_seniors_list(args: argparse.Namespace) -> int:
    cc = _open(args)
    try:
        center_id = cc.centers.by_code(args.center).id if args.center else None
        statuses = None if args.all else CURRENT_STATUSES
        actor = Actor.system_user()
        rows = cc.seniors.list(actor, args.search, center_id, statuses, full_ids=True)
        if rows:  # the output carries full ID numbers: that disclosure is on the record
            what = f"seniors list --format {args.format}: {len(rows)} rows"
            cc.audit.record_disclosure(actor, "export", "seniors", what, rows[0].id if len(rows) == 1 else None)
        if args.format == "json":
            print_json([senior_json(r) for r in rows])
        else:
            print_table(
                [
                    _("Member no."),
                    _("Name"),
                    _("Gender"),
                    _("Age"),
                    _("ID number"),
                    _("Community"),
                    _("Status"),
                    _("Categories"),
                ],
                [
                    [
                        r.member_no,
                        r.name,
                        r.gender.label,
                        str(r.age),
                        r.id_number,
                        r.community,
                        r.status.label,
                        "、".join(c.label for c in r.categories),
                    ]
                    for r in rows
                ],
            )
        return EXIT_OK
    finally:
        cc.close()


# ---- user: staff accounts -------------------------------------------------------------------


def _add_user_commands(commands: Any) -> None:
    """``user add|list|disable``: accounts managed from the command line, acting as admin."""
    users = commands.add_parser("user", help=_("staff login accounts"))
    user_cmds = users.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    add = user_cmds.add_parser("add", help=_("add a staff member with a login account"))
    add.add_argument("name", metavar="NAME", help=_("the staff member's name"))
    add.add_argument("--username", required=True, help=_("the login name"))
    add.add_argument("--role", required=True, choices=[Role.ADMIN, Role.SOCIAL_WORKER, Role.FRONT_DESK])
    add.add_argument(
        "--position",
        choices=[p.value for p in StaffPosition],
        help=_("the staff member's position (default: from the role)"),
    )
    add.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from the first line of standard input")
    )
    add.set_defaults(run=_cmd_user_add)
    u_list = user_cmds.add_parser("list", help=_("list accounts"))
    _add_format(u_list)
    u_list.set_defaults(run=_cmd_user_list)
    disable = user_cmds.add_parser("disable", help=_("stop an account from logging in"))
    disable.add_argument("username", metavar="USERNAME")
    disable.set_defaults(run=_cmd_user_disable)


def _read_password(from_stdin: bool) -> str | None:
    """The new password from stdin or typed twice at a terminal; None (after saying why) if there is none."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        print(_("No terminal to type the password in; use --password-stdin."), file=sys.stderr)
        return None
    first = getpass.getpass(_("Password: "))
    if getpass.getpass(_("Password again: ")) != first:
        print(_("The two passwords differ; nothing was changed."), file=sys.stderr)
        return None
    return first


def _cmd_user_add(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        return EXIT_USAGE
    cc = _open(args)
    try:
        position = StaffPosition.of(args.position) if args.position else None
        info = cc.accounts.add_user(
            args.name, args.username, password, Role(args.role), Actor.system_user(), position=position
        )
        print(
            _("Account {username} added for {name} ({role}).").format(
                username=info.username, name=info.staff_name, role=info.role.label
            )
        )
        return EXIT_OK
    finally:
        cc.close()


def _cmd_user_list(args: argparse.Namespace) -> int:
    cc = _open(args)
    try:
        accounts = cc.accounts.list_accounts()
        if args.format == "json":
            print_json(
                [
                    {
                        "username": a.username,
                        "name": a.staff_name,
                        "role": a.role.value,
                        "position": a.position.zh,
                        "disabled": a.disabled,
                        "locked_until": a.locked_until.isoformat() if a.locked_until else None,
                        "password_changed_at": a.password_changed_at.isoformat(),
                        "created_at": a.created_at.isoformat(),
                    }
                    for a in accounts
                ]
            )
        else:
            print_table(
                [_("Username"), _("Name"), _("Role"), _("Position"), _("State")],
                [
                    [
                        a.username,
                        a.staff_name,
                        a.role.label,
                        a.position.label,
                        _account_state(a.disabled, a.locked_until),
                    ]
                    for a in accounts
                ],
            )
        return EXIT_OK
    finally:
        cc.close()


def _account_state(disabled: bool, locked_until: dt.datetime | None) -> str:
    if disabled:
        return _("disabled")
    if locked_until is not None:
        return _("locked until {time}").format(time=locked_until.strftime("%H:%M"))
    return _("active")


def _cmd_user_disable(args: argparse.Namespace) -> int:
    cc = _open(args)
    try:
        info = cc.accounts.disable(Actor.system_user(), args.username)
        print(_("Account {username} ({name}) is disabled.").format(username=info.username, name=info.staff_name))
        return EXIT_OK
    finally:
        cc.close()


def senior_json(r: SeniorRow) -> dict[str, Any]:
    """The stable JSON shape of ``seniors list``: Chinese terms whatever the UI language."""
    return {
        "id_number": r.id_number,
        "member_no": r.member_no,
        "name": r.name,
        "gender": r.gender.zh,
        "birth_date": r.birth_date.isoformat(),
        "age": r.age,
        "community": r.community,
        "center": r.center_code,
        "center_name": r.center_name,
        "status": r.status.zh,
        "registered_on": r.registered_on.isoformat(),
        "phone": r.phone,
        "categories": [c.zh for c in r.categories],
    }


def print_json(data: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """A plain aligned table; CJK characters count as two columns."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    for line in [header, *rows]:
        print("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip())
    print(_("{n} row(s)").format(n=len(rows)))


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _utf8_stdio() -> None:
    """Chinese must print on any console (Windows code pages, CI pipes)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
