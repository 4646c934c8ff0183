"""The app's own start, timed from outside: ``python -m ui.bench.startup_probe --db FILE --user U --password P``.

Runs the real entry point (:func:`ui.app.main`) in a fresh process. An application-wide
event filter notices the log-in window being shown; once the event loop has turned after
that (the window can take input), it notes the time, types the user name and password and
presses 登录 as a user would, then notes when the main window is shown and the loop has
turned again, prints one line of JSON and closes the window (the app then ends normally).
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from ui import app as entry

    seen: dict[str, float] = {}

    class Watcher(QObject):
        """Notices the log-in dialog and the main window being shown (by class name: importing
        them here would move their import cost out of the app's start)."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
                kind = type(watched).__name__
                if kind == "LoginDialog" and "login_window" not in seen:
                    seen["login_window"] = 0.0
                    QTimer.singleShot(0, lambda w=watched: log_in(w))
                elif kind == "MainWindow" and "main_window" not in seen:
                    seen["main_window"] = 0.0
                    QTimer.singleShot(0, lambda w=watched: main_shown(w))
            return False

    def log_in(dialog: QWidget) -> None:
        seen["login_window"] = time.time()
        dialog.username_edit.setText(args.user)  # type: ignore[attr-defined]
        dialog.password_edit.setText(args.password)  # type: ignore[attr-defined]
        seen["log_in_pressed"] = time.time()
        dialog.login_button.click()  # type: ignore[attr-defined]

    def main_shown(window: QWidget) -> None:
        seen["main_window"] = time.time()
        print(json.dumps(seen), flush=True)
        window.close()

    qt_app = QApplication(sys.argv[:1])
    watcher = Watcher()
    qt_app.installEventFilter(watcher)
    code = entry.main(["--db", args.db])
    qt_app.removeEventFilter(watcher)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
