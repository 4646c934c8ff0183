"""``carecenter-cli report care-summary``: a senior found by ID number (however typed) or member number;
refusals exit 2 with a message and write nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_reports
from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.clock import FixedClock
from carecenter.domain.idnumber import mask
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.pdf_helpers import page_texts
from tests.test_cli import db_arg, run

ID_NUMBER = an_id(dt.date(1940, 5, 1), 42)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_reports, "clock_factory", lambda: clock)


@pytest.fixture
def zhang(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput("张桂兰", ID_NUMBER, registered_on=dt.date(2020, 1, 6), allergies="青霉素")
    return center.seniors.create(data, admin).id


def _summary(capsys: pytest.CaptureFixture[str], db_url: URL, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--db", db_arg(db_url), "report", "care-summary", *argv)


@pytest.mark.parametrize(
    "typed",
    [
        ID_NUMBER,
        f" {ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]} ",  # as read aloud from the card
        "".join(chr(ord(c) + 0xFEE0) for c in ID_NUMBER),  # full-width digits from a Chinese input method
        ID_NUMBER[:6] + ID_NUMBER[8:17],  # the old 15-digit number
        "m000001",
    ],
)
def test_writes_the_summary_of_the_senior_however_the_id_is_typed(
    center: CareCenter, zhang: int, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    out_file = tmp_path / "summary.pdf"
    code, out, err = _summary(capsys, db_url, "--senior", typed, "--out", str(out_file))
    assert (code, err) == (0, "")
    written = json.loads(out)
    assert written["path"] == str(out_file) and written["pages"] == len(page_texts(out_file)) >= 1
    text = " ".join(page_texts(out_file))
    assert "张桂兰的照护小结" in text and "过敏：青霉素" in text and "社工签字" in text
    assert mask(ID_NUMBER) in text and ID_NUMBER not in text  # the center prints masked IDs


def test_a_full_id_printout_is_audited(
    center: CareCenter, admin: Actor, zhang: int, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    center.centers.set_print_full_ids(center.centers.by_code("C001").id, True, admin)
    out_file = tmp_path / "full.pdf"
    code, _out, err = _summary(capsys, db_url, "--senior", ID_NUMBER.lower(), "--out", str(out_file))
    assert (code, err) == (0, "")
    assert ID_NUMBER in " ".join(page_texts(out_file))
    (line,) = [line for line in center.audit.lines(admin, AuditFilter()) if line.entity == "care_summary"]
    assert line.actor.startswith("os:") and line.senior_id == zhang and "full.pdf" in line.after


@pytest.mark.parametrize(
    ("senior", "message"),
    [
        (an_id(dt.date(1950, 3, 2), 44), f"没有身份证号为 {an_id(dt.date(1950, 3, 2), 44)} 的老人。"),
        ("M000009", "没有会员号为 M000009 的老人。"),
        (ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1"), "老人：身份证号"),
        ("4101051940", "老人：身份证号 4101051940 "),
    ],
)
def test_unknown_or_impossible_seniors_exit_2(
    center: CareCenter,
    zhang: int,
    db_url: URL,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    senior: str,
    message: str,
) -> None:
    code, out, err = _summary(capsys, db_url, "--senior", senior, "--out", str(tmp_path / "s.pdf"))
    assert (code, out) == (2, "")
    assert message in err
    assert not (tmp_path / "s.pdf").exists()


def test_unwritable_output_and_missing_font_exit_2(
    center: CareCenter, zhang: int, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = _summary(capsys, db_url, "--senior", ID_NUMBER, "--out", str(blocker / "s.pdf"))
    assert (code, out) == (2, "") and str(blocker / "s.pdf") in err
    code, out, err = _summary(
        capsys, db_url, "--senior", ID_NUMBER, "--out", str(tmp_path / "s.pdf"), "--font", "/nowhere.ttf"
    )
    assert (code, out) == (2, "") and "/nowhere.ttf" in err
    assert not (tmp_path / "s.pdf").exists()
    with pytest.raises(SystemExit) as usage:
        _summary(capsys, db_url, "--out", str(tmp_path / "s.pdf"))
    assert usage.value.code == 2
