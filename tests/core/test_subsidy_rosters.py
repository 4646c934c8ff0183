"""The monthly roster: approve once (a snapshot later edits never change), recompute against it, change lists, Excel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pytest

from carecenter.actor import Actor
from carecenter.domain.idnumber import mask
from carecenter.domain.vocab import CareLevel, Category, Residence, Status
from carecenter.errors import ValidationError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import CategoryPeriod, SeniorDetail, SeniorInput
from carecenter.subsidies.rosters import ChangeKind
from tests.core.helpers import an_id

OCTOBER, NOVEMBER, DECEMBER = dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)
REGISTERED = dt.date(2025, 1, 6)


@dataclass(frozen=True)
class People:
    turns_80: SeniorDetail  # 15 October 2026: 高龄津贴 from November
    turns_90: SeniorDetail  # 3 October 2026: 100 in October, 200 from November
    dies: SeniorDetail  # 86, died 15 October 2026: paid for October, not November
    dibao: SeniorDetail  # 70, 低保 and 重度失能: 居家养老服务补贴 200


def _add(cc: CareCenter, actor: Actor, name: str, birth: dt.date, seq: int, **fields: object) -> SeniorDetail:
    data = SeniorInput(name=name, id_number=an_id(birth, seq), registered_on=REGISTERED, residence=Residence.LOCAL)
    return cc.seniors.create(replace(data, **fields), actor)  # type: ignore[arg-type]


@pytest.fixture
def people(center: CareCenter, admin: Actor) -> People:
    dies = _add(center, admin, "赵德明", dt.date(1940, 5, 5), 13)
    center.seniors.change_status(dies.id, Status.DECEASED, dt.date(2026, 10, 15), "病故", admin)
    return People(
        turns_80=_add(center, admin, "张桂兰", dt.date(1946, 10, 15), 22),
        turns_90=_add(center, admin, "李秀英", dt.date(1936, 10, 3), 24),
        dies=dies,
        dibao=_add(
            center,
            admin,
            "王建国",
            dt.date(1956, 3, 2),
            15,
            categories=(CategoryPeriod(Category.DIBAO, dt.date(2024, 1, 1)),),
            care_level=CareLevel.SEVERE,
        ),
    )


def _center_id(cc: CareCenter) -> int:
    return cc.centers.by_code("C001").id


def _lines(roster_grants: tuple[object, ...]) -> set[tuple[str, str, str]]:
    return {(g.name, g.rule_code, f"{g.amount_fen / 100:.2f}") for g in roster_grants}  # type: ignore[attr-defined]


def test_a_month_is_computed_until_approved_then_a_snapshot(center: CareCenter, admin: Actor, people: People) -> None:
    cid = _center_id(center)
    october = center.subsidy_rosters.roster(admin, cid, OCTOBER)
    assert not october.approved
    expected = {
        ("李秀英", "elderly_allowance", "100.00"),
        ("赵德明", "elderly_allowance", "100.00"),
        ("王建国", "home_care_subsidy", "200.00"),
    }
    assert _lines(october.grants) == expected
    approved = center.subsidy_rosters.approve(admin, cid, OCTOBER)
    assert approved.approved and approved.approved_by == admin.username
    assert approved.grants == october.grants
    assert [(t.rule_code, t.count, t.total_fen) for t in approved.totals] == [
        ("elderly_allowance", 2, 20000),
        ("home_care_subsidy", 1, 20000),
    ]

    # The 低保 turns out to have ended in September, and a name was misspelt: the approved month stays as it was.
    data = center.seniors.get(people.dibao.id, admin).as_input()
    center.seniors.update(
        people.dibao.id,
        replace(
            data, name="王建军", categories=(CategoryPeriod(Category.DIBAO, dt.date(2024, 1, 1), dt.date(2026, 9, 30)),)
        ),
        admin,
    )
    again = center.subsidy_rosters.roster(admin, cid, OCTOBER)
    assert again.approved and again.grants == approved.grants
    assert _lines(center.subsidy_rosters.computed(admin, cid, OCTOBER).grants) == expected - {
        ("王建国", "home_care_subsidy", "200.00")
    }
    differences = center.subsidy_rosters.differences(admin, cid, OCTOBER)
    assert differences is not None
    assert [(c.kind, c.name, c.rule_code, c.before_fen) for c in differences.changes] == [
        (ChangeKind.STOPPED, "王建国", "home_care_subsidy", 20000)
    ]
    assert center.subsidy_rosters.differences(admin, cid, NOVEMBER) is None  # November is not approved

    # The change list of November against the approved October shows the edit.
    changes = center.subsidy_rosters.changes(admin, cid, NOVEMBER)
    assert changes.against == OCTOBER
    summary = [(c.kind, c.name, c.rule_code, c.before_fen, c.after_fen) for c in changes.changes]
    assert summary == [
        (ChangeKind.NEW, "张桂兰", "elderly_allowance", 0, 10000),
        (ChangeKind.STOPPED, "赵德明", "elderly_allowance", 10000, 0),
        (ChangeKind.BAND, "李秀英", "elderly_allowance", 10000, 20000),
        (ChangeKind.STOPPED, "王建国", "home_care_subsidy", 20000, 0),
    ]
    stopped = {c.name: c.reason for c in changes.changes if c.kind is ChangeKind.STOPPED}
    assert "去世" in stopped["赵德明"]
    totals = {t.rule_code: (t.new, t.stopped, t.band, t.before_fen, t.after_fen) for t in changes.totals}
    assert totals == {"elderly_allowance": (1, 1, 1, 20000, 30000), "home_care_subsidy": (0, 1, 0, 20000, 0)}


def test_approval_is_once_by_an_admin_and_not_ahead_of_time(
    center: CareCenter, admin: Actor, social_worker: Actor, people: People
) -> None:
    cid = _center_id(center)
    with pytest.raises(PermissionDeniedError):
        center.subsidy_rosters.approve(social_worker, cid, OCTOBER)
    with pytest.raises(ValidationError) as future:
        center.subsidy_rosters.approve(admin, cid, DECEMBER)
    assert "2026年12月尚未开始" in str(future.value)
    center.subsidy_rosters.approve(admin, cid, OCTOBER)
    with pytest.raises(ValidationError) as twice:
        center.subsidy_rosters.approve(admin, cid, OCTOBER)
    assert "2026年10月已审批" in str(twice.value)
    assert [m.month for m in center.subsidy_rosters.approved_months(admin, cid)] == [OCTOBER]
    center.subsidy_rosters.approve(admin, cid, NOVEMBER)  # the current month may be approved
    assert [m.month for m in center.subsidy_rosters.approved_months(admin, cid)] == [NOVEMBER, OCTOBER]
    assert people.turns_80.id in {g.senior_id for g in center.subsidy_rosters.roster(admin, cid, NOVEMBER).grants}


def test_front_desk_sees_masked_ids(center: CareCenter, front_desk: Actor, people: People) -> None:
    roster = center.subsidy_rosters.roster(front_desk, _center_id(center), OCTOBER)
    assert roster.grants and all("********" in g.id_number for g in roster.grants)


def test_the_roster_workbook_has_a_sheet_per_subsidy_signatures_and_changes(
    center: CareCenter, admin: Actor, people: People, tmp_path: Path
) -> None:
    cid = _center_id(center)
    target = tmp_path / "out" / "花名册 2026-11.xlsx"
    center.subsidy_rosters.export_xlsx(admin, cid, NOVEMBER, target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["高龄津贴", "居家养老服务补贴", "变动名单"]
    sheet = book["高龄津贴"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "文化路日间照料中心 2026年11月 高龄津贴发放花名册（未审批，预览）"
    assert rows[2] == ("序号", "会员号", "姓名", "身份证号", "档次", "金额（元）", "依据", "领取人签字")
    body = {r[2]: r for r in rows[3:5]}
    assert set(body) == {"张桂兰", "李秀英"}
    assert body["李秀英"][5] == "200.00" and body["李秀英"][3] == mask(people.turns_90.id_number)
    assert rows[5][0] == "合计" and rows[5][2] == "2人" and rows[5][5] == "300.00"
    assert any(r[1] == "制表人：______" for r in rows)
    changes = [r for r in book["变动名单"].iter_rows(values_only=True)]
    kinds = [(r[1], r[3]) for r in changes[2:6]]
    assert ("新增", "张桂兰") in kinds and ("停发", "赵德明") in kinds and ("调档", "李秀英") in kinds
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left behind


def test_a_new_arrival_is_new_on_the_change_list_and_says_so(center: CareCenter, admin: Actor) -> None:
    arrival = SeniorInput(name="孙玉兰", id_number=an_id(dt.date(1941, 2, 10), 31), registered_on=dt.date(2026, 11, 5))
    center.seniors.create(arrival, admin)
    changes = center.subsidy_rosters.changes(admin, _center_id(center), NOVEMBER)
    assert [(c.kind, c.name, c.after_fen, c.reason) for c in changes.changes] == [
        (
            ChangeKind.NEW,
            "孙玉兰",
            10000,
            "2026-11-05新登记；于2021-02-10年满80周岁，自次月起享受80–89周岁高龄津贴",
        )
    ]
