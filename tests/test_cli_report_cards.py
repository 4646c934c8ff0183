"""``carecenter-cli report cards``: new ones or chosen member numbers to a PDF; bad choices exit 2 with a message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_reports
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from tests.core.test_birthday_list import senior
from tests.pdf_helpers import page_texts
from tests.test_cli import db_arg, run


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_reports, "clock_factory", lambda: clock)


@pytest.fixture
def three(center: CareCenter, admin: Actor) -> None:
    """M000001 张桂兰, M000002 王秀英, M000003 李秀英 (withdrawn)."""
    senior(center, admin, "张桂兰", dt.date(1946, 11, 30), 1)
    senior(center, admin, "王秀英", dt.date(1950, 11, 15), 3)
    gone = senior(center, admin, "李秀英", dt.date(1950, 11, 15), 5)
    center.seniors.change_status(gone.id, Status.WITHDRAWN, dt.date(2026, 11, 1), "搬走", admin)


def _cards(capsys: pytest.CaptureFixture[str], db_url: URL, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--db", db_arg(db_url), "report", "cards", *argv)


def test_new_ones_then_nobody_new(
    center: CareCenter, three: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "cards.pdf"
    code, out, err = _cards(capsys, db_url, "--new", "--out", str(out_file))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"path": str(out_file), "pages": 1}
    text = page_texts(out_file)[0]
    assert "张桂兰" in text and "王秀英" in text and "李秀英" not in text

    code, out, err = _cards(capsys, db_url, "--new", "--out", str(tmp_path / "again.pdf"))
    assert (code, out) == (2, "")
    assert "没有需要制卡的老人" in err
    assert not (tmp_path / "again.pdf").exists()


def test_chosen_member_numbers(
    center: CareCenter, three: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "lost.pdf"
    code, _out, err = _cards(
        capsys, db_url, "--center", "c001", "--member", "m000002", "--member", "M000001", "--out", str(out_file)
    )
    assert (code, err) == (0, "")
    text = page_texts(out_file)[0]
    assert text.index("王秀英") < text.index("张桂兰")  # in the order asked


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--member", "M000009"), "没有会员号为 M000009 的老人。"),
        (("--member", "M000003"), "李秀英（退出）：已退出或去世的老人不能制卡"),
        (("--center", "C009", "--new"), "C009"),
    ],
)
def test_refusals_exit_2(
    center: CareCenter,
    three: None,
    db_url: URL,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = _cards(capsys, db_url, *argv, "--out", str(tmp_path / "c.pdf"))
    assert (code, out) == (2, "")
    assert message in err
    assert not (tmp_path / "c.pdf").exists()


def test_several_centers_need_a_choice_and_new_or_member_is_required(
    center: CareCenter, admin: Actor, three: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    center.centers.create("黄河路日间照料中心", admin, code="C002")
    code, _out, err = _cards(capsys, db_url, "--new", "--out", str(tmp_path / "c.pdf"))
    assert code == 2 and "C001、C002" in err and "--center" in err
    with pytest.raises(SystemExit) as usage:
        _cards(capsys, db_url, "--out", str(tmp_path / "c.pdf"))
    assert usage.value.code == 2
    with pytest.raises(SystemExit):
        _cards(capsys, db_url, "--new", "--member", "M000001", "--out", str(tmp_path / "c.pdf"))
    code, _out, err = _cards(capsys, db_url, "--new", "--out", str(tmp_path / "c.pdf"), "--font", "/nowhere.ttf")
    assert code == 2 and "/nowhere.ttf" in err
