"""Export → (edit in Excel) → import round-trips every canonical column, into the same database or a new one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.db.models import Senior
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Residence, Status
from carecenter.facade import CareCenter
from carecenter.roster.columns import CANONICAL
from carecenter.roster.model import Verdict
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from tests.conftest import assert_trail_complete, scratch_database
from tests.core.helpers import an_id


def _fill(cc: CareCenter, admin: Actor) -> None:
    full = cc.seniors.create(
        SeniorInput(
            name="阿依古丽·买买提",
            id_number=an_id(dt.date(1941, 5, 20), 82),
            phones=("13803710001", "0371-66661234"),
            address="金水区文化路 97 号 3 号楼",
            community="文化路社区",
            residence=Residence.NONLOCAL,
            registered_on=dt.date(2019, 4, 1),
            categories=(
                CategoryPeriod(Category.DIBAO),
                CategoryPeriod(Category.LIVING_ALONE, dt.date(2020, 1, 1)),
            ),
            care_level=CareLevel.MODERATE,
            diet_flags=frozenset({DietFlag.HALAL, DietFlag.LOW_SALT}),
            diet_notes="不吃辣，少油",
            lunar_birthday=True,
            lunar_birth=LunarBirth(4, 15, leap=True),
            contacts=(Contact("买买提", "儿子", "13903710002"), Contact("古丽", "", "13903710003")),
            notes="耳背，说话请大声。\n每周二女儿来接。",
        ),
        admin,
    )
    cc.seniors.change_status(full.id, Status.PAUSED, dt.date(2026, 10, 8), "住院", admin)
    cc.seniors.create(SeniorInput(name="张三", id_number=an_id(dt.date(1945, 3, 2), 41)), admin)
    gone = cc.seniors.create(
        SeniorInput(name="李四", id_number=an_id(dt.date(1930, 1, 9), 62), registered_on=dt.date(2018, 1, 1)), admin
    )
    cc.seniors.change_status(gone.id, Status.DECEASED, dt.date(2025, 12, 31), "病故", admin)


def _cells(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_export_then_import_into_a_new_database_round_trips_every_column(
    center: CareCenter, admin: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    _fill(center, admin)
    first = tmp_path / "roster.xlsx"
    center.rosters.export_seniors(first, admin, include_all=True)
    exported = _cells(first)
    assert exported[0] == [c.header for c in CANONICAL]
    assert len(exported) == 4

    with scratch_database(tmp_path) as url:
        other = CareCenter.open(url, clock)
        try:
            other.centers.create("文化路日间照料中心", admin, code="C001")
            report = other.rosters.import_seniors(first, admin)
            assert [r.verdict for r in report.rows] == [Verdict.ADDED] * 3
            assert report.rejected == [] and report.warnings == []
            second = tmp_path / "again.xlsx"
            other.rosters.export_seniors(second, admin, include_all=True)
            assert _cells(second) == exported
            assert_trail_complete(other)
        finally:
            other.close()


def test_importing_the_export_back_changes_nothing_and_edits_land(
    center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    _fill(center, admin)
    path = tmp_path / "roster.xlsx"
    center.rosters.export_seniors(path, admin, include_all=True)

    report = center.rosters.import_seniors(path, admin)
    assert [r.verdict for r in report.rows] == [Verdict.UNCHANGED] * 3

    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    headers = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[1].value == "张三")
    row[headers.index("联系电话")].value = "13700000001；13700000002"
    row[headers.index("人员类别")].value = "空巢、五保"
    row[headers.index("饮食禁忌")].value = "糖尿病餐"
    book.save(path)

    report = center.rosters.import_seniors(path, admin)

    assert [r.verdict for r in report.rows] == [Verdict.UNCHANGED, Verdict.UPDATED, Verdict.UNCHANGED]
    assert report.rows[1].changed == ("联系电话", "人员类别", "饮食禁忌")
    with center.engine.connect() as conn:
        zhang = conn.scalar(select(Senior.id).where(Senior.name == "张三"))
    assert zhang is not None
    detail = center.seniors.get(zhang, admin)
    assert detail.phones == ("13700000001", "13700000002")
    assert {c.category for c in detail.categories} == {Category.EMPTY_NEST, Category.TEKUN}
    assert detail.diet_flags == {DietFlag.DIABETIC}
