"""Synthetic rosters for the reliability tests, imported through the core's own roster import.

Every senior is a row of a roster file (.xlsx as the centers have them, or .csv when only
speed matters) and goes into the database through ``cc.rosters.import_seniors``: the same
validation, member numbers and audit trail as a center's first import, and thousands of
seniors in one transaction instead of one per senior. Rows are numbered globally (``k``),
so every row of every batch has its own ID number; the notes cell carries the batch's tag,
which is how a test counts what an import left behind.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL

from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.db.models import Senior
from carecenter.domain import idnumber
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter

TODAY = dt.date(2026, 11, 22)  # the suite's clock: Sunday 22 November 2026, 09:00
CLOCK = FixedClock.on(TODAY)
ADMIN = Actor(username="test-admin", role=Role.ADMIN)
REGISTERED = dt.date(2020, 1, 6)
HEADER = ("姓名", "身份证号", "联系电话", "住址", "所属社区", "人员类别", "登记日期", "备注")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ("桂兰", "秀英", "建国", "玉兰", "淑珍", "国强", "凤英", "志明", "德福", "桂芳", "文华", "春生", "秀珍", "振华")
COMMUNITIES = ("文化路社区", "经八路社区", "黄河路社区", "纬五路社区")
BIRTH_SPAN = 10950  # days from 1930-01-01: ages 66 to 96 on TODAY, so half the seniors draw an allowance
BATCH_TAG = "批次{batch:04d}"


def id_number(k: int) -> str:
    """The ID number of global row ``k``: distinct for every k below 10,950,000."""
    birth = dt.date(1930, 1, 1) + dt.timedelta(days=(k * 37) % BIRTH_SPAN)
    return idnumber.make("410105", birth, 1 + k // BIRTH_SPAN)


def roster_row(k: int, tag: str) -> tuple[str, ...]:
    """One senior as a center's roster lists them; every seventh is on 低保 (a home-care subsidy)."""
    name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k // len(SURNAMES)) % len(GIVEN)]
    return (
        name,
        id_number(k),
        f"138{k:08d}",
        f"金水区文化路 {1 + k % 200} 号院 {1 + k % 9} 号楼",
        COMMUNITIES[k % len(COMMUNITIES)],
        "低保" if k % 7 == 0 else "",
        REGISTERED.isoformat(),
        tag,
    )


def tag_of(batch: int) -> str:
    return BATCH_TAG.format(batch=batch)


def write_xlsx(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """The roster as an .xlsx, ID numbers as text (as a careful center types them)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """The roster as a UTF-8 CSV (read by the same import, several times faster than a workbook)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def batch_file(folder: Path, batch: int, size: int, first_k: int, xlsx: bool = True) -> Path:
    """Roster batch ``batch``: ``size`` new seniors from global row ``first_k``, tagged with the batch."""
    rows = [roster_row(first_k + i, tag_of(batch)) for i in range(size)]
    name = folder / f"roster-{batch:04d}.{'xlsx' if xlsx else 'csv'}"
    return write_xlsx(name, rows) if xlsx else write_csv(name, rows)


@dataclass(frozen=True)
class Seeded:
    center_id: int
    seniors: list[int]  # in member-number order
    staff: list[int]


def seed(url: URL, folder: Path, seniors: int, staff: int = 0) -> Seeded:
    """A center (C001) with ``seniors`` imported seniors and ``staff`` caregivers."""
    cc = CareCenter.open(url, CLOCK)
    try:
        center_id = cc.centers.create("文化路日间照料中心", ADMIN, code="C001", address="金水区文化路 97 号").id
        if seniors:
            report = cc.rosters.import_seniors(batch_file(folder, 0, seniors, 0, xlsx=False), ADMIN, write_errors=False)
            assert report.added == seniors, report.rejected[:5]
        staff_ids = [cc.staff.create(f"护理员{i + 1}", StaffPosition.CAREGIVER, ADMIN).id for i in range(staff)]
        with cc.engine.connect() as conn:
            senior_ids = list(conn.scalars(select(Senior.id).order_by(Senior.member_no)))
    finally:
        cc.close()
    return Seeded(center_id, senior_ids, staff_ids)
