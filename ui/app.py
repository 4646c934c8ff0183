"""Start the desktop app: check the system, choose language and database, ask for a center, show the window.

``main()`` is the ``carecenter`` GUI entry point. Qt is imported only after
``ui.preflight`` has checked that the system libraries and a CJK
font exist, so a missing library gives a plain explanation instead of Qt's
plugin error. ``start()`` does everything up to the event loop and is what
tests and the screenshot tool call.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carecenter.actor import Actor, Role
from carecenter.clock import Clock
from carecenter.db import choice
from carecenter.db.engine import ENV_VAR
from carecenter.errors import DatabaseOpenError
from carecenter.i18n import _
from ui import settings_store

if TYPE_CHECKING:
    from carecenter.facade import CareCenter
    from ui.main_window import MainWindow

EXIT_OK = 0
EXIT_CANNOT_START = 2
RESTART, LOG_OUT = "restart", "log out"  # why a window closed without quitting the app


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="carecenter", description=_("CareCenter desktop app."))
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help=_(
            "SQLite file or postgresql+psycopg:// URL (default: ${env}, else the database chosen in Settings, "
            "else the user data folder)"
        ).format(env=ENV_VAR),
    )
    return parser.parse_args(argv)


def run_preflight() -> int:
    """Let ``ui.preflight`` check that Qt can start here; non-zero means it explained why not."""
    from ui import preflight  # imports no Qt: it must run before Qt can fail cryptically

    try:
        preflight.check_or_explain()
    except SystemExit as exc:  # it printed the packages to install
        return exc.code if isinstance(exc.code, int) else EXIT_CANNOT_START
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the app until its window closes; returns the process exit code."""
    settings = settings_store.load()
    from carecenter import i18n

    i18n.set_language(settings.language)  # so that --help speaks the user's language
    args = parse_args(sys.argv[1:] if argv is None else argv)
    code = run_preflight()
    if code != EXIT_OK:
        return code

    from PySide6.QtWidgets import QApplication

    from ui import qt_i18n, ui_thread_gc

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    ui_thread_gc.install(app)  # before any worker thread starts (see the module)
    app.setApplicationName("CareCenter")
    qt_i18n.apply_font(app)
    actor: Actor | None = None  # kept across a restart (new language): nobody logs in twice
    while True:
        outcome = start(args.db, actor=actor)
        if isinstance(outcome, int):
            return outcome
        window = outcome
        ending: list[str] = []

        def _end(how: str, win: MainWindow = window, flag: list[str] = ending) -> None:
            flag.append(how)
            win.close()

        window.restart_requested.connect(functools.partial(_end, RESTART))
        window.logout_requested.connect(functools.partial(_end, LOG_OUT))  # the next round asks again
        window.show()
        code = app.exec()
        # A restart keeps the log-in, unless it opens another database (chosen in Settings): log in there.
        keep = ending and ending[0] == RESTART and _same_database(args.db, window.cc)
        actor = window.actor if keep else None
        window.cc.close()
        window.deleteLater()
        if not ending:
            return code


def _same_database(db: str | None, cc: CareCenter) -> bool:
    """Would the next start open the database ``cc`` is on?"""
    try:
        chosen = choice.choose(db, settings_store.load().database)
    except DatabaseOpenError:
        return False
    return chosen.url.render_as_string(hide_password=False) == cc.url.render_as_string(hide_password=False)


def start(
    db: str | None = None,
    clock: Clock | None = None,
    settings_path: Path | None = None,
    actor: Actor | None = None,
) -> MainWindow | int:
    """Language from settings, open the database, log in, first-start center, then the main window.

    The database is ``db`` (--db), else $CARECENTER_DB, else this PC's settings, else the
    default SQLite file (:mod:`carecenter.db.choice`); the window's settings page says which.

    Without ``actor`` the user logs in (or, on a database without accounts, sets up
    the first administrator); with one (a restart, tests, screenshots) nobody is asked.
    Returns the window (not shown yet) or an exit code when the app cannot go on:
    the database could not be opened (the reason was shown), or the user quit a
    first-start or log-in dialog.
    """
    from PySide6.QtWidgets import QDialog

    from carecenter.facade import CareCenter
    from ui import qt_i18n
    from ui.dialogs.first_center_dialog import FirstCenterDialog

    settings = settings_store.load(settings_path)
    qt_i18n.apply_language(settings.language)
    source = choice.source_of(db, settings.database)
    try:
        chosen = choice.choose(db, settings.database)
        cc = CareCenter.open(chosen.url, clock)
    except DatabaseOpenError as exc:
        show_open_error(str(exc) + _settings_hint(source, settings_path))
        return EXIT_CANNOT_START
    acting = actor or log_in(cc)
    if acting is None:
        cc.close()
        return EXIT_OK
    if not cc.centers.list():
        if acting.role != Role.ADMIN:  # the first admin names the center, so this is a damaged database
            show_no_center()
            cc.close()
            return EXIT_OK
        dialog = FirstCenterDialog(cc, acting)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None
        dialog.deleteLater()
        if not accepted:
            cc.close()
            return EXIT_OK
    from ui.main_window import MainWindow  # its pages load after the log-in window has shown, not before

    window = MainWindow(cc, acting, clock, settings_path, database_source=chosen.source)
    _announce_upgrade(window, cc)
    return window


def log_in(cc: CareCenter) -> Actor | None:
    """Set up the first administrator on a database without accounts, else ask for a log-in.

    Returns the logged-in actor, or None when the user quit.
    """
    from ui.dialogs.first_admin_dialog import FirstAdminDialog
    from ui.dialogs.login_dialog import LoginDialog

    dialog = FirstAdminDialog(cc) if cc.accounts.needs_first_admin() else LoginDialog(cc)
    dialog.exec()
    actor = dialog.actor
    dialog.deleteLater()
    return actor


def show_open_error(message: str) -> None:
    """Tell the user why the database cannot be used (the core's message says what to do)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, _("Cannot open the database"), message)
    box.setInformativeText(_("CareCenter will close. Nothing was changed."))
    box.exec()


def _settings_hint(source: choice.Source, settings_path: Path | None) -> str:
    """When this PC's settings chose the database that failed: how to start on another one."""
    if source is not choice.Source.SETTINGS:
        return ""
    return "\n\n" + _(
        "This database was chosen in Settings on this PC ({path}). To start on another database, "
        "start CareCenter with --db FILE_OR_URL, or remove the “database” line from that file."
    ).format(path=settings_path or settings_store.default_path())


def _announce_upgrade(window: MainWindow, cc: CareCenter) -> None:
    report = cc.migration
    if report is None or report.from_revision is None or report.from_revision == report.to_revision:
        return
    text = _("Upgraded from schema {a} to {b}.").format(a=report.from_revision, b=report.to_revision)
    if report.backup is not None:
        text += " " + _("Backup made before the upgrade: {path}").format(path=report.backup)
    window.statusBar().showMessage(text)


def show_no_center() -> None:
    """A non-administrator logged into a database without a center: only an admin can name one."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("No center yet"),
        _("This database has no center yet. An administrator must log in first and enter the center's name."),
    )
    box.setInformativeText(_("CareCenter will close. Nothing was changed."))
    box.exec()


if __name__ == "__main__":
    raise SystemExit(main())
