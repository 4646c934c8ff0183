"""``carecenter-cli report list``: the desk's lists to PDF or .xlsx; bad choices exit 2 with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import URL

from carecenter import cli_reports
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_attendance import at, day_care_plan
from tests.core.test_due import senior
from tests.core.test_visit_schedule import home_plan, team, weekly
from tests.pdf_helpers import all_text
from tests.test_cli import db_arg, run


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_reports, "clock_factory", lambda: clock)


@pytest.fixture
def desk(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    """张桂兰 comes on Sundays and checked in at 08:12; 李娜 cleans for 王秀英 on Mondays."""
    zhang = senior(center, admin, "张桂兰", 1).id
    day_care_plan(center, admin, zhang, "7")
    center.attendance.check_in(zhang, front_desk, at=at(TODAY, 8, 12))
    crew = team(center, admin)
    wang = senior(center, admin, "王秀英", 2).id
    home_plan(center, admin, crew.social, wang, weekly(center, "cleaning", {1}, crew.li))


def _list(capsys: pytest.CaptureFixture[str], db_url: URL, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--db", db_arg(db_url), "report", "list", *argv)


@pytest.mark.parametrize(
    ("which", "argv", "words"),
    [
        ("kitchen", (), ("厨房备餐", "2026-11-22 周日 午餐", "本餐无人订餐。", "厨师")),
        ("kitchen", ("--meal", "dinner", "--date", "2026-11-23"), ("2026-11-23 周一 晚餐", "当天不供应晚餐。")),
        ("attendance", (), ("日间照料签到表", "张桂兰", "08:12", "经办人")),
        (
            "visits",
            ("--date", "2026-11-25"),
            ("上门服务安排表", "2026-11-23 至 2026-11-29", "李娜：本周 1 次", "王秀英"),
        ),
        ("visits", ("--staff", "王芳"), ("仅列出 王芳 的上门服务", "本周无上门服务。")),
        ("quality", (), ("数据质量问题清单", "全部站点", "未签同意书", "张桂兰")),
    ],
)
def test_each_list_to_a_pdf(
    center: CareCenter,
    desk: None,
    db_url: URL,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    which: str,
    argv: tuple[str, ...],
    words: tuple[str, ...],
) -> None:
    out_file = tmp_path / f"{which}.pdf"
    code, out, err = _list(capsys, db_url, which, *argv, "--out", str(out_file))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"path": str(out_file), "pages": 1}
    text = all_text(out_file)
    for word in words:
        assert word in text, word


def test_the_same_rows_to_excel(
    center: CareCenter, desk: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "sheet.xlsx"
    code, out, err = _list(capsys, db_url, "attendance", "--center", "c001", "--xlsx", str(out_file))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"path": str(out_file), "rows": 1}
    sheet = load_workbook(out_file).active
    assert sheet is not None
    rows = [tuple(v for v in row if v not in (None, "")) for row in sheet.iter_rows(values_only=True)]
    assert ("日间照料签到表",) in rows
    assert ("序号", "姓名", "签到", "签退", "接走人", "状态", "签名") in rows
    assert (1, "张桂兰", "08:12", "在中心") in rows


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("kitchen", "--center", "C009"), "C009"),
        (("visits", "--staff", "钱师傅"), "钱师傅"),
        (("kitchen", "--staff", "李娜"), "--staff"),
        (("quality", "--center", "C009"), "C009"),
    ],
)
def test_refusals_exit_2(
    center: CareCenter,
    desk: None,
    db_url: URL,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = _list(capsys, db_url, *argv, "--out", str(tmp_path / "l.pdf"))
    assert (code, out) == (2, "")
    assert message in err
    assert not (tmp_path / "l.pdf").exists()


def test_usage_errors_exit_2(
    center: CareCenter, admin: Actor, desk: None, db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, xlsx = str(tmp_path / "l.pdf"), str(tmp_path / "l.xlsx")
    for argv in (
        ("kitchen",),  # neither --out nor --xlsx
        ("kitchen", "--out", pdf, "--xlsx", xlsx),
        ("kitchen", "--date", "2026-13-01", "--out", pdf),
        ("menu", "--out", pdf),
        ("kitchen", "--meal", "supper", "--out", pdf),
    ):
        with pytest.raises(SystemExit) as usage:
            _list(capsys, db_url, *argv)
        assert usage.value.code == 2, argv
    center.centers.create("黄河路日间照料中心", admin, code="C002")
    code, _out, err = _list(capsys, db_url, "attendance", "--out", pdf)
    assert code == 2 and "C001、C002" in err and "--center" in err
    code, _out, err = _list(capsys, db_url, "attendance", "--center", "C001", "--out", pdf, "--font", "/nowhere.ttf")
    assert code == 2 and "/nowhere.ttf" in err
    blocked = tmp_path / "file"
    blocked.write_text("")
    code, _out, err = _list(capsys, db_url, "attendance", "--center", "C001", "--xlsx", str(blocked / "x.xlsx"))
    assert code == 2 and "无法写入" in err
