"""``carecenter-cli meals``: a day's totals and a senior's statement as JSON; bad dates, months and numbers refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_meals
from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.desk_vocab import Payment
from carecenter.facade import CareCenter
from carecenter.meals.dto import OrderInput, ServeInput, TopUpInput
from tests.core.test_meal_serving import EIGHTIES, SIXTIES, meal_senior
from tests.test_cli import db_arg, run

TODAY = dt.date(2026, 11, 22)
NO_PAYMENTS = {"cash": 0, "wechat": 0, "alipay": 0, "balance": 0, "none": 0}


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_meals, "clock_factory", lambda: clock)


@pytest.fixture
def lunches(center: CareCenter, admin: Actor) -> int:
    """Two lunches today: 张 (1 元 subsidy) from her balance with an order, 李 (3 元) in cash without one."""
    zhang = meal_senior(center, admin, "张桂兰", SIXTIES, 42)
    li = meal_senior(center, admin, "李建国", EIGHTIES, 13)
    center.meals.top_up(TopUpInput(zhang, 5000, "R-001", Payment.WECHAT), admin)
    center.meals.order(OrderInput(zhang, TODAY, delivery=True), admin)
    center.meals.serve(ServeInput(zhang, payment=Payment.BALANCE), admin)
    center.meals.serve(ServeInput(li, payment=Payment.CASH), admin)
    return zhang


def test_the_days_totals_as_json(
    center: CareCenter, lunches: int, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "meals", "day", "--center", "C001")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["center"], data["day"]) == ("C001", "2026-11-22")
    assert data["meals"]["lunch"] == {
        "ordered": 1,
        "served": 2,
        "eat_in": 1,
        "delivered": 1,
        "no_order": 1,
        "price_fen": 2400,
        "subsidy_fen": 400,
        "paid_fen": 2000,
        "paid_by": {**NO_PAYMENTS, "cash": 900, "balance": 1100},
    }
    assert data["meals"]["breakfast"]["served"] == 0
    assert data["all"]["paid_fen"] == 2000
    code, out, _ = run(capsys, "--db", db_arg(db_url), "meals", "day", "--date", "2026-11-21")
    assert code == 0 and json.loads(out)["all"]["served"] == 0 and json.loads(out)["center"] is None


def test_a_seniors_statement_as_json(
    center: CareCenter, admin: Actor, lunches: int, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    member_no = center.seniors.get(lunches, admin).member_no
    code, out, err = run(capsys, "--db", db_arg(db_url), "meals", "statement", member_no.lower(), "2026-11")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "senior_id": lunches,
        "member_no": member_no,
        "name": "张桂兰",
        "month": "2026-11",
        "opening_balance_fen": 0,
        "closing_balance_fen": 3900,
        "meals": [
            {
                "day": "2026-11-22",
                "meal_type": "lunch",
                "delivery": True,
                "price_fen": 1200,
                "subsidy_fen": 100,
                "paid_fen": 1100,
                "payment": "balance",
            }
        ],
        "top_ups": [{"day": "2026-11-22", "amount_fen": 5000, "receipt_no": "R-001", "payment": "wechat"}],
        "totals": {
            "meals": 1,
            "price_fen": 1200,
            "subsidy_fen": 100,
            "paid_fen": 1100,
            "paid_from_balance_fen": 1100,
            "topped_up_fen": 5000,
        },
    }
    code, out, _ = run(capsys, "--db", db_arg(db_url), "meals", "statement", member_no, "2026-12")
    december = json.loads(out)
    assert (december["opening_balance_fen"], december["closing_balance_fen"], december["meals"]) == (3900, 3900, [])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("meals", "statement", "M999999", "2026-11"), "没有会员号为 M999999 的老人。"),
        (("meals", "statement", "M000001", "2026-13"), "月份"),
        (("meals", "day", "--center", "C999"), "C999"),
        (("meals", "day", "--date", "2026-11-31"), "2026-11-31"),
    ],
)
def test_bad_arguments_exit_2_with_the_reason(
    center: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = (
        run(capsys, "--db", db_arg(db_url), *argv) if "--date" not in argv else _usage(capsys, db_url, argv)
    )
    assert (code, out) == (2, "")
    assert message in err


def _usage(capsys: pytest.CaptureFixture[str], db_url: URL, argv: tuple[str, ...]) -> tuple[int, str, str]:
    """argparse refuses the date itself: it exits through SystemExit(2)."""
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--db", db_arg(db_url), *argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err
