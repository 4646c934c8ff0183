"""The bare stack's start, for comparison: import PySide6 and SQLAlchemy, run one query, show a QMainWindow.

Run as ``python -m ui.bench.bare_stack --db FILE`` in a fresh process by :mod:`ui.bench.startup`;
prints one line of JSON with the wall-clock time the window was shown and the event loop had
turned once (interactive). Imports nothing of CareCenter.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    from sqlalchemy import create_engine, text

    app = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{args.db}")
    with engine.connect() as conn:
        seniors = conn.execute(text("SELECT count(*) FROM seniors")).scalar_one()
    window = QMainWindow()
    window.setCentralWidget(QLabel(str(seniors)))  # the query's answer, shown
    window.show()

    def shown() -> None:
        print(json.dumps({"interactive": time.time()}), flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
