"""``carecenter-cli report monthly``: the month's PDF for a center or the district; bad choices exit 2 with a message.

Today is 2026-11-22; the center's first record is a registration on 2025-01-06.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_reports
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.pdf_helpers import page_texts
from tests.test_cli import db_arg, run


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_reports, "clock_factory", lambda: clock)


@pytest.fixture
def october(center: CareCenter, admin: Actor) -> None:
    """张桂兰 (registered 2025-01-06) came to day care on 8 October 2026."""
    data = SeniorInput(name="张桂兰", id_number=an_id(dt.date(1946, 10, 31), 22), registered_on=dt.date(2025, 1, 6))
    senior = center.seniors.create(data, admin).id
    center.attendance.check_in(senior, admin, dt.datetime(2026, 10, 8, 9))


def _monthly(capsys: pytest.CaptureFixture[str], db_url: URL, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--db", db_arg(db_url), "report", "monthly", *argv)


def test_a_centers_month_is_written(
    october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "2026-10.pdf"
    code, out, err = _monthly(capsys, db_url, "--month", "2026-10", "--center", "c001", "--out", str(target))
    assert (code, err) == (0, "")
    result = json.loads(out)
    pages = page_texts(target)
    assert result == {"path": str(target), "pages": len(pages)}
    assert "月度服务报表" in pages[0] and "文化路日间照料中心 · 2026年10月" in pages[0]
    assert "1 服务人次" in " ".join(pages)


def test_without_a_center_the_district_pack(
    center: CareCenter, admin: Actor, october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    center.centers.create("黄河路日间照料中心", admin, code="C002")
    target = tmp_path / "district.pdf"
    code, _out, err = _monthly(capsys, db_url, "--month", "2026年10月", "--out", str(target))
    assert (code, err) == (0, "")
    text = " ".join(page_texts(target))
    assert "全部站点合计" in text and "黄河路日间照料中心 · 2026年10月" in text


def test_the_current_month_is_printed_as_of_today(
    october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "now.pdf"
    code, _out, err = _monthly(capsys, db_url, "--month", "2026-11", "--out", str(target))
    assert (code, err) == (0, "")
    assert all("截至 2026-11-22" in page for page in page_texts(target))


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2026-13", "--month：“2026-13”：月份必须在 01 到 12 之间"),
        ("十月", "--month：“十月”不是月份"),
        ("2026-12", "月份：2026年12月尚未开始，最晚可报到2026年11月"),
        ("2024-12", "月份：2024年12月早于本站点的第一条记录（2025-01-06），无数据可报"),
    ],
)
def test_a_refused_month_exits_2_and_writes_nothing(
    october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str], month: str, message: str
) -> None:
    target = tmp_path / "out.pdf"
    code, out, err = _monthly(capsys, db_url, "--month", month, "--out", str(target))
    assert (code, out) == (2, "")
    assert message in err
    assert not target.exists()


def test_an_unknown_center_exits_2(
    october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _monthly(
        capsys, db_url, "--month", "2026-10", "--center", "C009", "--out", str(tmp_path / "x.pdf")
    )
    assert (code, out) == (2, "")
    assert "C009" in err


def test_an_unwritable_output_exits_2(
    october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = _monthly(capsys, db_url, "--month", "2026-10", "--out", str(blocker / "m.pdf"))
    assert (code, out) == (2, "")
    assert "无法写入" in err and "a-file" in err


def test_a_missing_font_exits_2(october: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.ttf"
    code, out, err = _monthly(
        capsys, db_url, "--month", "2026-10", "--font", str(missing), "--out", str(tmp_path / "m.pdf")
    )
    assert (code, out) == (2, "")
    assert "nope.ttf" in err
