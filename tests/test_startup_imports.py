"""Start-up loads only what start-up needs: ReportLab comes with the first printout.

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
    print(sorted(m for m in sys.modules if m.split(".")[0] == "reportlab")[:5])
    """
)


def test_opening_the_app_and_the_cli_loads_no_reportlab() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
