"""The core never loads Qt or the UI: not on import, not while the CLI works.

The check runs in a fresh interpreter, because this pytest process has Qt loaded
already (tests/ui). It imports every module under carecenter/, runs the CLI's
``init`` and ``seniors list``, and then reports what is in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    import carecenter
    from carecenter import cli

    report_path, db = sys.argv[1], sys.argv[2]
    # Modules that run on import: __main__ is the CLI itself (`python -m carecenter`),
    # env.py only works inside Alembic (it reads context.config); `init` loads both paths.
    skip = {"carecenter.__main__", "carecenter.migrations.env"}
    imported = []
    for info in pkgutil.walk_packages(carecenter.__path__, "carecenter."):
        if info.name not in skip:
            importlib.import_module(info.name)
            imported.append(info.name)

    def run(argv):
        try:
            return cli.main(argv)
        except SystemExit as stop:
            return stop.code

    init_status = run(["--db", db, "init"])
    list_status = run(["--db", db, "seniors", "list", "--format", "json"])
    sys.stdout.flush()
    qt = sorted(
        name for name in sys.modules
        if name.split(".")[0] in {"PySide6", "shiboken6", "ui"}
    )
    with open(report_path, "w", encoding="utf-8") as out:
        json.dump({"imported": imported, "qt": qt,
                   "init": init_status, "list": list_status}, out)
    """
)


def test_core_and_cli_load_no_qt(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), str(tmp_path / "core.db")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(report.read_text(encoding="utf-8"))

    assert result["qt"] == [], "the core loaded Qt or ui modules"
    assert result["init"] in (0, None), done.stderr
    assert result["list"] in (0, None), done.stderr
    # An empty database lists no seniors, as a JSON array.
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    # The walk really covered the core, not just its top package.
    assert {"carecenter.cli", "carecenter.facade", "carecenter.seniors.service"} <= set(result["imported"])
