"""Reading the sheets of the workbooks centers bring: which sheet, which row numbers, which cell values."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from carecenter.actor import Actor
from carecenter.facade import CareCenter
from carecenter.roster.model import Code, RosterFileError, Verdict
from tests.core.helpers import an_id
from tests.core.test_roster_import import audit_count, codes, senior_count, stored, verdicts

ZHANG = an_id(dt.date(1945, 3, 2), 41)
LI = an_id(dt.date(1938, 12, 9), 62)


def test_the_sheet_open_when_the_file_was_saved_is_read_first(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    last_year = book.active
    assert last_year is not None
    last_year.title = "2025年"
    last_year.append(["姓名", "身份证号"])
    last_year.append(["张三", ZHANG])
    this_year = book.create_sheet("2026年")
    this_year.append(["姓名", "身份证号"])
    this_year.append(["李四", LI])
    book.active = 1
    book.save(tmp_path / "two years.xlsx")

    report = center.rosters.import_seniors(tmp_path / "two years.xlsx", admin)

    assert report.sheet == "2026年"
    assert [r.name for r in report.rows] == ["李四"]


def test_rows_are_numbered_as_excel_shows_them_when_the_table_starts_lower_and_further_right(
    center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["C4"], sheet["D4"] = "姓名", "身份证号"
    sheet["C5"], sheet["D5"] = "张三", ZHANG
    sheet["C7"], sheet["D7"] = "李四", "41010219380"  # too short: refused, and named by its row
    book.save(tmp_path / "offset.xlsx")

    report = center.rosters.import_seniors(tmp_path / "offset.xlsx", admin)

    assert report.header_row == 4
    assert verdicts(report) == {5: Verdict.ADDED, 7: Verdict.REJECTED}
    assert codes(report, 7) == [Code.BAD_ID]


def test_number_and_time_cells_read_as_excel_shows_them(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号", "出生年月", "联系电话", "备注"])
    sheet.append(["张三", ZHANG, 194503, 13803710001, dt.time(8, 30)])  # 出生年月 typed as the number 194503
    sheet.append(["李四", LI, 1938.12, 3710002.0, 2.5])
    book.save(tmp_path / "numbers.xlsx")

    report = center.rosters.import_seniors(tmp_path / "numbers.xlsx", admin)

    assert verdicts(report) == {2: Verdict.ADDED, 3: Verdict.ADDED}
    assert codes(report, 2) == [] and codes(report, 3) == []  # both birth months agree with the ID numbers
    zhang = stored(center, admin, ZHANG)
    assert zhang.phones == ("13803710001",) and zhang.notes == "08:30:00"  # type: ignore[attr-defined]
    li = stored(center, admin, LI)
    assert li.phones == ("3710002",) and li.notes == "2.5"  # type: ignore[attr-defined]


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="花名册">
<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>身份证号</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>{id}</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>""".replace(
    "\n", ""
)  # as LibreOffice writes it: no whitespace between elements


@pytest.mark.parametrize(
    ("members", "says"),
    [
        (
            {
                "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
                "content.xml": ODS_CONTENT.format(id=ZHANG),
            },
            "另存为 .xlsx",
        ),
        ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"}, "不是可以读取的 Excel 文件"),
    ],
    ids=["opendocument", "word document"],
)
def test_a_zip_that_is_no_excel_workbook_is_refused_by_name_and_writes_nothing(
    center: CareCenter, admin: Actor, tmp_path: Path, members: dict[str, str], says: str
) -> None:
    path = _zip(tmp_path / "花名册.xlsx", members)
    before = (senior_count(center), audit_count(center))

    with pytest.raises(RosterFileError) as refused:
        center.rosters.import_seniors(path, admin)

    assert "花名册.xlsx" in str(refused.value) and says in str(refused.value)
    assert (senior_count(center), audit_count(center)) == before
