"""Start-up loads only what start-up needs: ReportLab comes with the first printout, Alembic with an upgrade.

Importing ReportLab and its fonts costs a tenth of a second or more on the desk's PCs;
nobody prints in the first seconds of the day. Checked in a fresh interpreter, since this
pytest process has loaded ReportLab already.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    import sys

    from carecenter import cli
    from carecenter.facade import CareCenter  # noqa: F401
    import ui.main_window  # noqa: F401

    cli.build_parser()
    print(sorted(m for m in sys.modules if m.split(".")[0] in ("reportlab", "alembic", "mako"))[:5])
    """
)


OPEN = textwrap.dedent(
    """
    import sys

    from carecenter.facade import CareCenter

    CareCenter.open(sys.argv[1]).close()
    print(sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "mako", "pypinyin"))[:5])
    """
)


def test_opening_the_app_and_the_cli_loads_no_reportlab_nor_alembic() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_opening_a_database_at_the_newest_schema_loads_no_alembic_nor_pinyin(tmp_path: Path) -> None:
    """Alembic and its script templates load only when a database has something to upgrade; the pinyin
    dictionaries only when a name is written."""
    db = tmp_path / "desk.db"
    runs = []
    for _run in range(2):  # the first start creates the database (Alembic runs), the second only opens it
        done = subprocess.run(
            [sys.executable, "-c", OPEN, str(db)], cwd=REPO, capture_output=True, text=True, timeout=120, check=True
        )
        runs.append(done.stdout.strip())
    assert runs[0] != "[]"
    assert runs[1] == "[]", runs[1]
