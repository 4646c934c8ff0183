"""The wheel carries everything the app needs: code, migrations, translations, data.

Builds the wheel from a clean copy of the checkout (so stale build/ folders or
stray files cannot hide a packaging mistake), checks its file list against the
source tree, installs it into a new virtual environment with only the non-Qt
runtime dependencies, and runs the CLI there from a folder outside the repo.
If migrations or resources did not ship, ``init`` or ``seniors list`` fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.conftest import SENIOR_JSON_KEYS

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
_SKIP = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.db", "docs"
)


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(argv)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(REPO, source, ignore=_SKIP)
    out = work / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)], work)
    (built,) = out.glob("carecenter-*.whl")
    return built


def _source_files() -> set[str]:
    """Archive names every shipped source file must have inside the wheel."""
    names = {p.relative_to(REPO).as_posix() for d in ("carecenter", "ui") for p in (REPO / d).rglob("*.py")}
    for pattern in ("**/*.po", "**/*.json", "**/*.py"):
        for p in (REPO / "resources").glob(pattern):
            names.add("carecenter/resources/" + p.relative_to(REPO / "resources").as_posix())
    names.add("carecenter/migrations/script.py.mako")
    return {n for n in names if "__pycache__" not in n}


def test_wheel_contains_code_migrations_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    assert any(n.startswith("carecenter/migrations/versions/0") and n.endswith(".py") for n in names)
    for required in (
        "carecenter/migrations/script.py.mako",
        "carecenter/resources/i18n/zh_CN.po",
        "carecenter/resources/pinyin/surnames.json",
        "ui/__init__.py",
        "ui/preflight.py",
    ):
        assert required in names
    # A new subpackage missing from pyproject's package list would silently not ship.
    assert sorted(_source_files() - names) == []


def _runtime_requirements(wheel: Path) -> list[str]:
    """The wheel's own dependencies minus Qt: the CLI must work without PySide6."""
    with zipfile.ZipFile(wheel) as archive:
        (meta,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(archive.read(meta).decode("utf-8"))
    requirements = []
    for req in headers.get_all("Requires-Dist") or []:
        if "extra ==" in req or req.lower().startswith("pyside6"):
            continue
        requirements.append(req)
    return requirements


def test_installed_wheel_runs_the_cli_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    _run([*pip, "--no-deps", str(wheel)], tmp_path)
    _run([*pip, *_runtime_requirements(wheel)], tmp_path)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CARECENTER_DB"}}
    env |= {"XDG_DATA_HOME": str(outside / "data"), "XDG_CONFIG_HOME": str(outside / "config")}
    cli = str(venv / "bin" / "carecenter-cli")
    db = str(outside / "x.db")

    location = _run([str(python), "-c", "import carecenter; print(carecenter.__file__)"], outside, env)
    assert Path(location.strip()).is_relative_to(venv), "the CLI must run the installed copy"

    _run([cli, "--db", db, "init", "--demo", "20", "--seed", "1"], outside, env)
    seniors = json.loads(_run([cli, "--db", db, "seniors", "list", "--all", "--format", "json"], outside, env))

    assert len(seniors) == 20
    for senior in seniors:
        assert SENIOR_JSON_KEYS - senior.keys() == set()
        assert senior["gender"] in {"男", "女"}
        assert senior["status"] in {"在册", "暂停", "退出", "去世"}
        assert isinstance(senior["categories"], list)
    assert len({s["member_no"] for s in seniors}) == 20
    # `python -m carecenter` is the same CLI, and the schema is already current.
    _run([str(python), "-m", "carecenter", "--db", db, "migrate"], outside, env)
