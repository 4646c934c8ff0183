"""``carecenter-cli eligibility``: JSON shape and order, the table, previews, approved rosters, bad months."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.engine import URL

from carecenter import cli_subsidies
from carecenter.actor import Actor
from carecenter.clock import FixedClock, stamp
from carecenter.db.models import SubsidyGrant, SubsidyRoster
from carecenter.db.sessions import Sessions
from carecenter.facade import CareCenter
from tests.core.helpers import an_id
from tests.core.test_eligibility import add_senior, dibao
from tests.test_cli import db_arg, run

D = dt.date


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    monkeypatch.setattr(cli_subsidies, "clock_factory", lambda: clock)


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> CareCenter:
    add_senior(center, admin, "王秀英", D(1944, 3, 2), 44, categories=dibao())
    add_senior(center, admin, "张桂兰", D(1946, 10, 1), 42)  # 80 on 1 October 2026: from November
    add_senior(center, admin, "李建国", D(1936, 5, 1), 13)
    return center


def test_json_is_one_object_per_grant_by_rule_then_id_number(
    seniors: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2026-11", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "id_number": an_id(D(1936, 5, 1), 13),
            "name": "李建国",
            "subsidy": "elderly_allowance",
            "amount": "200.00",
            "reason": "于2026-05-01年满90周岁，自次月起享受90–99周岁高龄津贴",
        },
        {
            "id_number": an_id(D(1944, 3, 2), 44),
            "name": "王秀英",
            "subsidy": "elderly_allowance",
            "amount": "100.00",
            "reason": "于2024-03-02年满80周岁，自次月起享受80–89周岁高龄津贴",
        },
        {
            "id_number": an_id(D(1946, 10, 1), 42),
            "name": "张桂兰",
            "subsidy": "elderly_allowance",
            "amount": "100.00",
            "reason": "于2026-10-01年满80周岁，自次月起享受80–89周岁高龄津贴",
        },
        {
            "id_number": an_id(D(1944, 3, 2), 44),
            "name": "王秀英",
            "subsidy": "home_care_subsidy",
            "amount": "100.00",
            "reason": "属低保，于2024-03-02年满80周岁，自次月起享受80周岁以上居家养老服务补贴",
        },
    ]
    code, out, _ = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2026-10", "--format", "json")
    assert [g["name"] for g in json.loads(out)] == ["李建国", "王秀英", "王秀英"]  # 张桂兰 only from November


def test_the_table_has_totals_and_the_disclosure_is_recorded(
    seniors: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2026-11", "--center", "c001")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "2026年11月按当前登记情况计算（尚未审批）"
    assert lines[1].split() == ["会员号", "姓名", "身份证号", "补贴", "档次", "金额（元）", "原因"]
    assert lines[2].split() == [
        "M000003",
        "李建国",
        an_id(D(1936, 5, 1), 13),
        "高龄津贴",
        "90–99周岁",
        "200.00",
        "于2026-05-01年满90周岁，自次月起享受90–99周岁高龄津贴",
    ]
    assert lines[-3:] == ["共 4 行", "高龄津贴：3 人，400.00 元", "居家养老服务补贴：1 人，100.00 元"]
    disclosed = [x for x in seniors.audit.lines(admin) if x.action == "export"]
    assert [(x.entity, x.after) for x in disclosed] == [("subsidies", "eligibility 2026-11 --format table: 4 rows")]


def test_a_future_month_is_a_preview(seniors: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2027-01")
    assert code == 0
    assert out.splitlines()[0] == "2027年1月尚未开始：以下为按当前登记情况的预览，不是正式花名册"
    code, out, _ = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2027-01", "--format", "json")
    assert len(json.loads(out)) == 4  # JSON stays a plain array


def test_an_approved_month_prints_its_roster_unless_recomputed(
    seniors: CareCenter, admin: Actor, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    center_id = seniors.centers.by_code("C001").id
    with Sessions(seniors.engine, seniors.clock)(admin) as session:  # what the lead's approval writes
        session.add(
            SubsidyRoster(
                center_id=center_id,
                month=D(2026, 10, 1),
                grants_count=1,
                total_fen=20000,
                approved_at=stamp(seniors.clock),
                approved_by=admin.username,
                grants=[
                    SubsidyGrant(
                        senior_id=3,
                        rule_code="elderly_allowance",
                        rule_name="高龄津贴",
                        tier="90–99周岁",
                        amount_fen=20000,
                        reason="审批时的原因",
                        member_no="M000003",
                        id_number=an_id(D(1936, 5, 1), 13),
                        name="李建国",
                    )
                ],
            )
        )
        session.commit()
    db = db_arg(db_url)
    code, out, _ = run(capsys, "--db", db, "eligibility", "--month", "2026-10", "--format", "json")
    assert code == 0
    assert [(g["name"], g["amount"], g["reason"]) for g in json.loads(out)] == [("李建国", "200.00", "审批时的原因")]
    code, out, _ = run(capsys, "--db", db, "eligibility", "--month", "2026-10")
    assert (code, out.splitlines()[0]) == (0, "2026年10月已审批的花名册")
    code, out, _ = run(capsys, "--db", db, "eligibility", "--month", "2026-10", "--recompute")
    assert (code, out.splitlines()[0]) == (0, "2026年10月按当前登记情况重新计算")
    assert out.splitlines()[-3] == "共 3 行"


def test_bad_month_or_unknown_center_exits_2(
    seniors: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2026-13")
    assert (code, out) == (2, "")
    assert err == "--month：“2026-13”：月份必须在 01 到 12 之间\n"
    code, out, err = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "11/2026")
    assert (code, out) == (2, "") and "YYYY-MM" in err
    code, out, err = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2026-11", "--center", "C999")
    assert (code, out) == (2, "") and "C999" in err


def test_an_empty_month_prints_an_empty_array(
    center: CareCenter, db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db_arg(db_url), "eligibility", "--month", "2026-11", "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")
