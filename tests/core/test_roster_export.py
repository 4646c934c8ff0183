"""The roster export: exact cells of the canonical layout, who may export, cancelling, the audit line."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_writer
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import event

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.clock import FixedClock
from carecenter.db.sessions import Sessions
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Residence, Status
from carecenter.errors import NotFoundError
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.progress import WorkCancelled
from carecenter.roster import export as roster_export
from carecenter.roster.columns import CANONICAL
from carecenter.roster.export import export_seniors
from carecenter.roster.model import ExportResult, RosterFileError
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id

HEADERS = [
    "会员号",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "联系电话",
    "住址",
    "所属社区",
    "户籍",
    "人员类别",
    "照护等级",
    "农历生日",
    "农历生日日期",
    "饮食禁忌",
    "紧急联系人",
    "紧急联系电话",
    "状态",
    "状态日期",
    "登记日期",
    "备注",
]
FULL_ID = an_id(dt.date(1945, 3, 2), seq=42)  # a woman: the 17th digit is even


def _full_variant(i: int) -> SeniorInput:
    """The full senior again, with an ID number of its own."""
    return replace(_full(), id_number=an_id(dt.date(1945, 3, 2), seq=60 + i))


def _full(center_id: int | None = None) -> SeniorInput:
    """A senior with every field of the roster filled."""
    return SeniorInput(
        name="张桂兰",
        id_number=FULL_ID,
        center_id=center_id,
        phones=("13800138000", "0371-63912345"),
        address="金水区文化路97号3号楼",
        community="文化路社区",
        residence=Residence.NONLOCAL,
        registered_on=dt.date(2024, 5, 6),
        categories=(
            CategoryPeriod(Category.DIBAO, dt.date(2020, 1, 1), dt.date(2025, 12, 31)),  # expired: not exported
            CategoryPeriod(Category.LIVING_ALONE),
            CategoryPeriod(Category.EMPTY_NEST, dt.date(2023, 1, 1), None),
        ),
        care_level=CareLevel.MILD,
        diet_flags=frozenset({DietFlag.SOFT, DietFlag.HALAL}),
        diet_notes="不吃辣",
        lunar_birthday=True,
        lunar_birth=LunarBirth(4, 15, leap=True),
        contacts=(
            Contact("李强", "儿子", "13900139000"),
            Contact("王芳", "", "13700137000"),
        ),
        notes="行动不便，需上门",
    )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exported files (the SQLite database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _export(cc: CareCenter, clock: FixedClock, path: Path, actor: Actor, **options: Any) -> ExportResult:
    return export_seniors(Sessions(cc.engine, clock), clock, path, actor, **options)


def _sheet(path: Path) -> Worksheet:
    return load_workbook(path).active  # type: ignore[return-value]


def _row(sheet: Worksheet, number: int) -> list[object]:
    return [c.value for c in sheet[number]]


def test_every_column_of_a_full_senior(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    senior = center.seniors.create(_full(), admin)
    center.seniors.change_status(senior.id, Status.PAUSED, dt.date(2026, 10, 8), "住院", admin)
    path = out / "roster.xlsx"

    result = _export(center, clock, path, admin)

    sheet = _sheet(path)
    assert _row(sheet, 3) == [
        "M000001",
        "张桂兰",
        FULL_ID,
        "女",
        dt.datetime(1945, 3, 2),
        "13800138000;0371-63912345",
        "金水区文化路97号3号楼",
        "文化路社区",
        "外地",
        "独居、空巢",
        "轻度失能",
        "是",
        "闰04-15",
        "清真、软食、不吃辣",
        "李强（儿子）;王芳",
        "13900139000;13700137000",
        "暂停",
        dt.datetime(2026, 10, 8),
        dt.datetime(2024, 5, 6),
        "行动不便，需上门",
    ]
    assert sheet.max_row == 3
    assert result.seniors == 1
    assert result.center_name == "文化路日间照料中心"
    assert list(result.columns) == HEADERS


def test_layout_title_header_panes_and_formats(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    center.seniors.create(_full(), admin)
    path = out / "roster.xlsx"
    _export(center, clock, path, admin)
    sheet = _sheet(path)

    assert sheet["A1"].value == f"文化路日间照料中心 老年人花名册 导出日期 {TODAY.isoformat()}"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:T1"]
    assert _row(sheet, 2) == HEADERS == [c.header for c in CANONICAL]
    assert all(c.font.bold for c in sheet[2])
    assert sheet.freeze_panes == "A3"
    for column in ("A", "C", "F", "P"):  # member no., ID, phones, contact phones: text cells
        assert sheet[f"{column}3"].data_type == "s"
        assert sheet[f"{column}3"].number_format == "@"
    for column in ("E", "R", "S"):
        assert sheet[f"{column}3"].is_date
        assert sheet[f"{column}3"].number_format == "yyyy-mm-dd"
    widths = {c.header: sheet.column_dimensions[chr(ord("A") + i)].width for i, c in enumerate(CANONICAL)}
    assert widths["身份证号"] >= 20
    assert widths["农历生日日期"] >= 14  # the header itself is 12 characters wide


def test_empty_values_are_empty_cells_and_lunar_is_always_written(
    center: CareCenter, clock: FixedClock, admin: Actor, out: Path
) -> None:
    center.seniors.create(
        SeniorInput(name="刘建国", id_number=an_id(dt.date(1950, 1, 1), seq=11), lunar_birth=LunarBirth(9, 19)),
        admin,
    )
    path = out / "roster.xlsx"
    _export(center, clock, path, admin)
    cells = dict(zip(HEADERS, _row(_sheet(path), 3), strict=True))

    empty = {"联系电话", "住址", "所属社区", "人员类别", "照护等级", "饮食禁忌", "紧急联系人", "紧急联系电话", "备注"}
    assert {h for h, v in cells.items() if v is None} == empty
    assert (cells["户籍"], cells["农历生日"], cells["农历生日日期"], cells["状态"]) == ("本地", "否", "09-19", "在册")
    assert cells["登记日期"] == cells["状态日期"] == dt.datetime.combine(TODAY, dt.time())


def test_diet_notes_alone_and_a_contact_without_relation(
    center: CareCenter, clock: FixedClock, admin: Actor, out: Path
) -> None:
    center.seniors.create(
        SeniorInput(
            name="赵敏",
            id_number=an_id(dt.date(1948, 6, 1), seq=12),
            diet_notes="少油",
            contacts=(Contact("赵刚", "", "13600136000"),),
        ),
        admin,
    )
    path = out / "roster.xlsx"
    _export(center, clock, path, admin)
    cells = dict(zip(HEADERS, _row(_sheet(path), 3), strict=True))
    assert (cells["饮食禁忌"], cells["紧急联系人"], cells["紧急联系电话"]) == ("少油", "赵刚", "13600136000")


def test_current_by_default_everyone_with_all_in_member_order(
    center: CareCenter, clock: FixedClock, admin: Actor, out: Path
) -> None:
    ids = [
        center.seniors.create(SeniorInput(name=n, id_number=an_id(dt.date(1940 + i, 2, 3), seq=20 + i)), admin).id
        for i, n in enumerate(["甲一", "乙二", "丙三", "丁四"])
    ]
    center.seniors.change_status(ids[1], Status.DECEASED, TODAY, "", admin)
    center.seniors.change_status(ids[2], Status.WITHDRAWN, TODAY, "搬家", admin)
    center.seniors.change_status(ids[3], Status.PAUSED, TODAY, "", admin)

    current = out / "current.xlsx"
    assert _export(center, clock, current, admin).seniors == 2
    sheet = _sheet(current)
    assert [(r[0].value, r[16].value) for r in sheet.iter_rows(min_row=3)] == [("M000001", "在册"), ("M000004", "暂停")]

    everyone = out / "all.xlsx"
    assert _export(center, clock, everyone, admin, include_all=True).seniors == 4
    sheet = _sheet(everyone)
    assert [(r[0].value, r[16].value) for r in sheet.iter_rows(min_row=3)] == [
        ("M000001", "在册"),
        ("M000002", "去世"),
        ("M000003", "退出"),
        ("M000004", "暂停"),
    ]


def test_center_filter_and_title(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    other = center.centers.create("长江路站", admin, code="C002")
    home = center.centers.by_code("C001")
    center.seniors.create(SeniorInput(name="甲一", id_number=an_id(dt.date(1941, 2, 3)), center_id=home.id), admin)
    center.seniors.create(SeniorInput(name="乙二", id_number=an_id(dt.date(1942, 2, 3)), center_id=other.id), admin)

    path = out / "c2.xlsx"
    result = _export(center, clock, path, admin, center_id=other.id)
    sheet = _sheet(path)
    assert sheet["A1"].value == f"长江路站 老年人花名册 导出日期 {TODAY.isoformat()}"
    assert [r[1].value for r in sheet.iter_rows(min_row=3)] == ["乙二"]
    assert result.center_name == "长江路站"

    both = out / "both.xlsx"
    _export(center, clock, both, admin)
    sheet = _sheet(both)
    assert sheet["A1"].value == f"全部站点 老年人花名册 导出日期 {TODAY.isoformat()}"
    assert sheet.max_row == 4
    with pytest.raises(NotFoundError):
        _export(center, clock, out / "x.xlsx", admin, center_id=999)


def test_only_roles_that_export_rosters(
    center: CareCenter, clock: FixedClock, admin: Actor, front_desk: Actor, social_worker: Actor, out: Path
) -> None:
    center.seniors.create(_full(), admin)
    path = out / "roster.xlsx"
    with pytest.raises(PermissionDeniedError):
        _export(center, clock, path, front_desk)
    assert not path.exists()
    assert _export(center, clock, path, social_worker).seniors == 1


def test_cancel_leaves_no_file(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    for i in range(3):
        center.seniors.create(SeniorInput(name="甲一", id_number=an_id(dt.date(1941, 2, 3), seq=30 + i)), admin)
    path = out / "roster.xlsx"
    steps: list[tuple[int, int]] = []
    with pytest.raises(WorkCancelled, match="导出"):
        _export(center, clock, path, admin, progress=lambda d, t: steps.append((d, t)), cancelled=lambda: True)
    assert list(out.iterdir()) == []
    assert [line for line in center.audit.lines(admin) if line.action == "export"] == []
    assert steps == []

    _export(center, clock, path, admin, progress=lambda d, t: steps.append((d, t)), cancelled=lambda: False)
    assert steps == [(1, 3), (2, 3), (3, 3)]
    path.unlink()

    # Stopped after the rows were written: still nothing left behind.
    asked = iter([False, True])  # after reading: go on; before the file is moved into place: stop
    with pytest.raises(WorkCancelled):
        _export(center, clock, path, admin, cancelled=lambda: next(asked, True))
    assert list(out.iterdir()) == []


def test_cancel_in_the_middle_of_the_rows_leaves_no_temporary_file(
    center: CareCenter, clock: FixedClock, admin: Actor, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl streams rows to a file in the system's temp folder: a cancelled export must not leave IDs there."""
    for i in range(3):
        center.seniors.create(SeniorInput(name="甲一", id_number=an_id(dt.date(1941, 2, 3), seq=30 + i)), admin)
    monkeypatch.setattr(roster_export, "CANCEL_EVERY", 1)
    streamed: list[str] = []
    create = openpyxl_writer.create_temporary_file

    def recorded(suffix: str = "") -> str:
        streamed.append(create(suffix))
        return streamed[-1]

    monkeypatch.setattr(openpyxl_writer, "create_temporary_file", recorded)
    asked = iter([False, False, True])  # after reading, after row 1: go on; after row 2: stop
    with pytest.raises(WorkCancelled):
        _export(center, clock, out / "roster.xlsx", admin, cancelled=lambda: next(asked, True))
    assert list(out.iterdir()) == []
    assert streamed  # the rows had started to stream
    assert not [name for name in streamed if Path(name).exists()]


def test_a_constant_number_of_queries(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    """No query per senior: one export of 1 senior and one of 4 ask the database the same number of times."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    counts = []
    event.listen(center.engine, "before_cursor_execute", count)
    try:
        for i in range(4):
            center.seniors.create(_full_variant(i), admin)
            if i in (0, 3):
                statements.clear()
                _export(center, clock, out / f"r{i}.xlsx", admin)
                counts.append(len(statements))
    finally:
        event.remove(center.engine, "before_cursor_execute", count)
    assert counts[0] == counts[1]


def test_the_export_is_on_the_audit_trail(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    senior = center.seniors.create(_full(), admin)
    _export(center, clock, out / "roster.xlsx", admin, include_all=True)
    lines = [line for line in center.audit.lines(admin, AuditFilter()) if line.action == "export"]
    assert [(x.actor, x.entity, x.senior_id, x.after) for x in lines] == [
        ("test-admin", "seniors", senior.id, "roster.xlsx: 1 rows; all statuses")
    ]

    code = center.centers.by_code("C001")
    center.seniors.create(SeniorInput(name="乙二", id_number=an_id(dt.date(1942, 2, 3), seq=31)), admin)
    _export(center, clock, out / "c1.xlsx", admin, center_id=code.id)
    lines = [line for line in center.audit.lines(admin, AuditFilter()) if line.action == "export"]
    assert len(lines) == 2
    assert (lines[0].senior_id, lines[0].after) == (None, "c1.xlsx: 2 rows; center C001")  # newest first


def test_nothing_exported_nothing_recorded(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    path = out / "roster.xlsx"
    assert _export(center, clock, path, admin).seniors == 0
    assert _row(_sheet(path), 2) == HEADERS
    assert [line for line in center.audit.lines(admin) if line.action == "export"] == []


def test_unwritable_places_are_named(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    missing = out / "no-such-folder" / "roster.xlsx"
    with pytest.raises(RosterFileError, match=r"roster\.xlsx"):
        _export(center, clock, missing, admin)
    with pytest.raises(RosterFileError, match=r"\.xlsx"):
        _export(center, clock, out / "roster.xls", admin)
    folder = out / "taken.xlsx"
    folder.mkdir()  # a folder where the file should go
    with pytest.raises(RosterFileError, match=r"taken\.xlsx"):
        _export(center, clock, folder, admin)
    assert [p.name for p in out.iterdir()] == ["taken.xlsx"]


def test_replaces_an_existing_file(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    path = out / "roster.xlsx"
    path.write_bytes(b"old")
    center.seniors.create(_full(), admin)
    _export(center, clock, path, admin)
    assert _sheet(path)["A3"].value == "M000001"


def test_columns_widen_for_long_content(center: CareCenter, clock: FixedClock, admin: Actor, out: Path) -> None:
    address = "金水区文化路街道办事处北三环社区九十七号院三号楼二单元"  # 27 characters, 54 widths
    center.seniors.create(SeniorInput(name="甲一", id_number=an_id(dt.date(1941, 2, 3)), address=address), admin)
    path = out / "roster.xlsx"
    _export(center, clock, path, admin)
    sheet = _sheet(path)
    assert sheet.column_dimensions["G"].width == 56  # 住址: 54 + 2, up from the canonical 30
    assert sheet.column_dimensions["B"].width == 10  # 姓名: the canonical width fits
