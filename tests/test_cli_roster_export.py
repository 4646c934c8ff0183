"""``carecenter-cli export seniors``: the roster file, the summary line, --all, --center, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.test_cli import db_arg, run


@pytest.fixture
def registry(center: CareCenter, admin: Actor) -> CareCenter:
    """Three seniors: 在册, 暂停 and 去世."""
    ids = [
        center.seniors.create(SeniorInput(name=n, id_number=an_id(dt.date(1940 + i, 5, 6), seq=50 + i)), admin).id
        for i, n in enumerate(["甲一", "乙二", "丙三"])
    ]
    center.seniors.change_status(ids[1], Status.PAUSED, TODAY, "住院", admin)
    center.seniors.change_status(ids[2], Status.DECEASED, TODAY, "", admin)
    return center


def _members(path: Path) -> list[tuple[str, str]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [(str(row[0].value), str(row[16].value)) for row in sheet.iter_rows(min_row=3)]


def test_current_seniors_by_default(
    registry: CareCenter, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.xlsx"
    code, out, err = run(capsys, "--db", db_arg(db_url), "export", "seniors", str(path))
    assert (code, out, err) == (0, f"已导出 2 位老人到 {path}\n", "")
    assert _members(path) == [("M000001", "在册"), ("M000002", "暂停")]
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["C3"].value == an_id(dt.date(1940, 5, 6), seq=50)
    assert (sheet["C3"].data_type, sheet["C3"].number_format) == ("s", "@")


def test_all_includes_the_deceased(
    registry: CareCenter, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.xlsx"
    code, out, _ = run(capsys, "--db", db_arg(db_url), "export", "seniors", str(path), "--all")
    assert (code, out) == (0, f"已导出 3 位老人到 {path}\n")
    assert _members(path)[-1] == ("M000003", "去世")


def test_the_export_is_recorded_as_the_os_user(
    registry: CareCenter, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str], admin: Actor
) -> None:
    run(capsys, "--db", db_arg(db_url), "export", "seniors", str(tmp_path / "roster.xlsx"), "--center", "c001")
    lines = [line for line in registry.audit.lines(admin) if line.action == "export"]
    assert [(x.actor, x.entity, x.after) for x in lines] == [
        (Actor.system_user().username, "seniors", "roster.xlsx: 2 rows; center C001")
    ]


def test_errors_exit_2_and_write_nothing(
    registry: CareCenter, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = db_arg(db_url)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(capsys, "--db", db, "export", "seniors", str(out_dir / "r.xlsx"), "--center", "C999")
    assert (code, out) == (2, "") and "C999" in err
    code, _, err = run(capsys, "--db", db, "export", "seniors", str(out_dir / "r.csv"))
    assert code == 2 and "r.csv" in err and ".xlsx" in err
    code, _, err = run(capsys, "--db", db, "export", "seniors", str(out_dir / "missing" / "r.xlsx"))
    assert code == 2 and "r.xlsx" in err
    assert list(out_dir.iterdir()) == []
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--db", db, "export", "seniors")
    assert exited.value.code == 2
