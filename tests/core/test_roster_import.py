"""Importing the rosters centers really have: every row's verdict and exactly what was stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from carecenter.actor import Actor
from carecenter.db.models import AuditEntry, Senior
from carecenter.domain import idnumber
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Residence, Status
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.progress import WorkCancelled
from carecenter.roster.model import Code, ImportReport, RosterFileError, Verdict
from carecenter.seniors.dto import CategoryPeriod, Contact
from tests.core.helpers import an_id
from tests.core.roster_files import write_csv, write_xls, write_xlsx

TODAY = dt.date(2026, 11, 22)  # the clock fixture
HEADER = ["序号", "姓 名", "公民身份号码", "性别", "出生年月", "手机", "家庭住址", "社区", "人员属性", "民族"]
ZHANG = an_id(dt.date(1945, 3, 2), 41)
LI = an_id(dt.date(1938, 12, 9), 62)


def an_x_id(birth: dt.date) -> str:
    """A valid ID whose check character is X."""
    return next(n for s in range(1, 999) if (n := an_id(birth, s)).endswith("X"))


def verdicts(report: ImportReport) -> dict[int, Verdict]:
    return {r.row: r.verdict for r in report.rows}


def codes(report: ImportReport, row: int) -> list[Code]:
    return [i.code for r in report.rows if r.row == row for i in r.issues]


def stored(cc: CareCenter, admin: Actor, id_number: str) -> object:
    with cc.engine.connect() as conn:
        senior_id = conn.scalar(select(Senior.id).where(Senior.id_number == id_number))
    assert senior_id is not None, id_number
    return cc.seniors.get(senior_id, admin)


def senior_count(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return conn.scalar(select(func.count(Senior.id))) or 0


def audit_count(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return conn.scalar(select(func.count(AuditEntry.id))) or 0


def test_title_rows_merged_cells_blank_rows_and_footers_are_skipped(
    center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    rows = [
        ["金水区文化路社区老年人花名册", *[None] * 9],
        ["填报单位：文化路社区居委会", None, None, None, None, None, "填报日期：2026年11月20日"],
        [],
        HEADER,
        [
            1,
            "张 三",
            ZHANG,
            "男",
            "1945.03",
            "13803710001/0371-66661234",
            "文化路 12 号",
            "文化路社区",
            "五保、低保户",
            "汉",
        ],
        [],
        [2, "李四", LI, "女", "1938年12月", "13803710002", "", "文化路社区", "", "回"],
        ["合计", "2 人"],
        ["填表人：王芳", None, "审核人：赵强", None, "制表日期：2026.11.20"],
    ]
    path = write_xlsx(tmp_path / "roster.xlsx", rows, merges=["A1:J1", "A2:F2"])

    report = center.rosters.import_seniors(path, admin)

    assert report.header_row == 4
    assert verdicts(report) == {5: Verdict.ADDED, 7: Verdict.ADDED}
    assert [(w.row, w.code) for w in report.warnings] == [(4, Code.UNKNOWN_COLUMN)]
    assert "民族" in report.warnings[0].message
    zhang = stored(center, admin, ZHANG)
    assert zhang.name == "张三"  # type: ignore[attr-defined]
    assert zhang.phones == ("13803710001", "0371-66661234")  # type: ignore[attr-defined]
    assert zhang.address == "文化路 12 号"  # type: ignore[attr-defined]
    assert zhang.community == "文化路社区"  # type: ignore[attr-defined]
    assert [c.category for c in zhang.categories] == [Category.TEKUN, Category.DIBAO]  # type: ignore[attr-defined]
    assert zhang.registered_on == TODAY  # type: ignore[attr-defined]
    assert zhang.status == Status.ACTIVE  # type: ignore[attr-defined]
    assert report.errors_file is None and not (tmp_path / "roster.errors.xlsx").exists()


def test_cells_as_people_type_them(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    x_id = an_x_id(dt.date(1950, 7, 1))
    old = "410105" + "400101" + "123"  # 15 digits: 1940-01-01, sequence 123
    old_number = "410105" + "410202" + "124"
    fullwidth = an_id(dt.date(1944, 4, 4), 33)
    spaced = an_id(dt.date(1943, 5, 5), 35)
    header = ["姓名", "身份证号", "登记日期", "电话", "类别", "农历生日", "户籍", "饮食禁忌", "照护等级"]
    rows = [
        header,
        [
            "赵一",
            x_id.lower(),
            dt.datetime(2020, 3, 2),
            "13800000001、13800000002",
            "低保,空巢",
            "是",
            "本地",
            "清真",
            "轻度失能",
        ],
        ["钱二", old, "2020-03-02", "13800000003，13800000004", "特困，独居", "否", "外地", "低盐、不吃辣", ""],
        ["孙三", int(old_number), "2020.3.2", "13800000005;13800000006", "失独家庭/残疾人", "Y", "", "", ""],
        [
            "李 四",
            spaced[:6] + " " + spaced[6:14] + " " + spaced[14:],
            "2020/3/2",
            "13800000007；13800000008",
            "孤寡;优抚对象",
            "N",
            "",
            "",
            "",
        ],
        [
            "周五",
            fullwidth.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            "2020年3月2日",
            "13800000009 13800000010",
            "空巢 低收入",
            "",
            "",
            "",
            "",
        ],
        ["吴六", an_id(dt.date(1942, 6, 6), 37), 20200302, 13800000011, "低保户", "", "", "", ""],
        ["郑七", an_id(dt.date(1941, 7, 7), 39), "20200302", "", "", "", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "forms.xlsx", rows)

    report = center.rosters.import_seniors(path, admin)

    assert report.rejected == []
    assert verdicts(report) == dict.fromkeys(range(2, 9), Verdict.ADDED)
    assert codes(report, 3) == [Code.ID_UPGRADED] and codes(report, 4) == [Code.ID_UPGRADED]
    zhao = stored(center, admin, x_id)
    assert zhao.id_number.endswith("X") and zhao.registered_on == dt.date(2020, 3, 2)  # type: ignore[attr-defined]
    assert zhao.phones == ("13800000001", "13800000002")  # type: ignore[attr-defined]
    assert [c.category for c in zhao.categories] == [Category.DIBAO, Category.EMPTY_NEST]  # type: ignore[attr-defined]
    assert zhao.lunar_birthday is True and zhao.residence == Residence.LOCAL  # type: ignore[attr-defined]
    assert zhao.diet_flags == {DietFlag.HALAL} and zhao.care_level == CareLevel.MILD  # type: ignore[attr-defined]
    qian = stored(center, admin, idnumber.parse(old, TODAY).number)
    assert qian.birth_date == dt.date(1940, 1, 1) and qian.residence == Residence.NONLOCAL  # type: ignore[attr-defined]
    assert qian.diet_flags == {DietFlag.LOW_SALT} and qian.diet_notes == "不吃辣"  # type: ignore[attr-defined]
    assert [c.category for c in qian.categories] == [Category.TEKUN, Category.LIVING_ALONE]  # type: ignore[attr-defined]
    sun = stored(center, admin, idnumber.parse(old_number, TODAY).number)
    assert [c.category for c in sun.categories] == [Category.SHIDU, Category.DISABLED]  # type: ignore[attr-defined]
    assert sun.lunar_birthday is True  # type: ignore[attr-defined]
    li = stored(center, admin, spaced)
    assert li.name == "李四" and li.lunar_birthday is False  # type: ignore[attr-defined]
    assert [c.category for c in li.categories] == [Category.GUGUA, Category.YOUFU]  # type: ignore[attr-defined]
    zhou = stored(center, admin, fullwidth)
    assert zhou.phones == ("13800000009", "13800000010")  # type: ignore[attr-defined]
    assert [c.category for c in zhou.categories] == [Category.EMPTY_NEST, Category.LOW_INCOME]  # type: ignore[attr-defined]
    wu = stored(center, admin, an_id(dt.date(1942, 6, 6), 37))
    assert wu.phones == ("13800000011",) and wu.registered_on == dt.date(2020, 3, 2)  # type: ignore[attr-defined]
    assert stored(center, admin, an_id(dt.date(1941, 7, 7), 39)).registered_on == dt.date(2020, 3, 2)  # type: ignore[attr-defined]


def test_every_rejection_has_its_code_and_names_the_problem(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    good = an_id(dt.date(1945, 1, 1), 11)
    impossible = "41010519450230011"
    future = "41010520270101011"
    too_old = "41010519000101011"
    rows = [
        ["姓名", "身份证号", "状态"],
        ["", an_id(dt.date(1946, 1, 1), 13), ""],  # 2 missing_name
        ["无号", "", ""],  # 3 missing_id
        ["错位", good[:-1] + ("0" if good[-1] != "0" else "1"), ""],  # 4 bad_checksum
        ["二月", impossible + idnumber.check_char(impossible), ""],  # 5 bad_date
        ["未来", future + idnumber.check_char(future), ""],  # 6 bad_date
        ["太老", too_old + idnumber.check_char(too_old), ""],  # 7 bad_date
        ["科学", 4.10105194501e17, ""],  # 8 excel_number (a number cell)
        ["科学二", "4.10105E+17", ""],  # 9 excel_number (its text)
        ["好人", good, ""],  # 10 accepted
        ["又是他", good, ""],  # 11 duplicate_in_file
        ["短号", "41010519450101", ""],  # 12 bad_id
        ["怪状态", an_id(dt.date(1947, 1, 1), 15), "搬走了"],  # 13 invalid_value
    ]
    report = center.rosters.import_seniors(write_xlsx(tmp_path / "bad.xlsx", rows), admin)

    expected = {
        2: Code.MISSING_NAME,
        3: Code.MISSING_ID,
        4: Code.BAD_CHECKSUM,
        5: Code.BAD_DATE,
        6: Code.BAD_DATE,
        7: Code.BAD_DATE,
        8: Code.EXCEL_NUMBER,
        9: Code.EXCEL_NUMBER,
        11: Code.DUPLICATE_IN_FILE,
        12: Code.BAD_ID,
        13: Code.INVALID_VALUE,
    }
    assert {i.row: i.code for i in report.rejected} == expected
    assert verdicts(report)[10] == Verdict.ADDED and report.added == 1
    messages = {i.row: i.message for i in report.rejected}
    assert "第 10 行" in messages[11]
    assert "Excel" in messages[8] and "文本" in messages[8]
    assert "19450230" in messages[5] and "未来" in messages[6] and "120" in messages[7]
    assert "状态" in messages[13] and "搬走了" in messages[13]
    assert senior_count(center) == 1


def test_warnings_do_not_block(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    young = an_id(dt.date(1970, 5, 5), 21)
    rows = [
        ["姓名", "身份证号", "性别", "出生日期", "人员类别", "籍贯"],
        ["张三", ZHANG, "女", "1945-03-02", "低保、贫困户", "河南"],
        ["李四", LI, "女", "1938-12-19", "", ""],
        ["小王", young, "男", "", "", ""],
    ]
    report = center.rosters.import_seniors(write_xlsx(tmp_path / "w.xlsx", rows), admin)

    assert report.added == 3 and report.rejected == []
    assert codes(report, 2) == [Code.GENDER_MISMATCH, Code.UNKNOWN_CATEGORY]
    assert codes(report, 3) == [Code.BIRTH_MISMATCH]
    assert codes(report, 4) == [Code.UNDER_60]
    assert [w.code for w in report.file_warnings] == [Code.UNKNOWN_COLUMN]
    assert stored(center, admin, ZHANG).gender.value == "male"  # type: ignore[attr-defined]  # the ID wins
    assert stored(center, admin, LI).birth_date == dt.date(1938, 12, 9)  # type: ignore[attr-defined]
    assert "贫困户" in next(i.message for r in report.rows for i in r.issues if i.code == Code.UNKNOWN_CATEGORY)


def test_rejected_rows_go_to_the_errors_file_also_on_a_dry_run(
    center: CareCenter, admin: Actor, tmp_path: Path
) -> None:
    rows = [
        ["XX 社区花名册"],
        ["姓名", "身份证号", "电话"],
        ["张三", ZHANG, "13800000001"],
        ["坏号", ZHANG[:-1] + ("1" if ZHANG[-1] != "1" else "2"), "13800000002"],
    ]
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    before = (senior_count(center), audit_count(center))

    report = center.rosters.import_seniors(path, admin, dry_run=True)

    assert report.added == 1 and [i.row for i in report.rejected] == [4]
    assert (senior_count(center), audit_count(center)) == before
    assert report.errors_file == tmp_path / "roster.errors.xlsx"
    sheet = openpyxl.load_workbook(report.errors_file).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == ["行号", "代码", "原因", "姓名", "身份证号", "电话"]
    assert values[1][:2] == [4, "bad_checksum"] and "校验" in values[1][2]
    assert values[1][3:] == ["坏号", rows[3][1], "13800000002"]
    assert sheet["E2"].data_type == "s"

    # The errors file, corrected, imports like the roster (its three first columns are skipped).
    sheet["E2"] = LI
    fixed = tmp_path / "fixed.xlsx"
    sheet.parent.save(fixed)
    again = center.rosters.import_seniors(fixed, admin)
    assert again.added == 1 and again.rejected == [] and again.file_warnings == ()


def test_reimport_changes_nothing_and_empty_cells_keep_known_data(
    center: CareCenter, admin: Actor, social_worker: Actor, tmp_path: Path
) -> None:
    rows = [
        ["姓名", "身份证号", "联系电话", "住址", "登记日期", "紧急联系人", "紧急联系电话"],
        ["张三", ZHANG, "13800000001", "文化路 1 号", "2019-05-06", "张小三（儿子）", "13900000001"],
        ["李四", LI, "13800000002", "文化路 2 号", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    first = center.rosters.import_seniors(path, admin)
    assert first.added == 2
    trail = audit_count(center)

    again = center.rosters.import_seniors(path, admin)

    assert (again.added, again.updated, again.unchanged, again.rejected) == (0, 0, 2, [])
    assert audit_count(center) == trail
    assert senior_count(center) == 2

    edited = [
        ["姓名", "身份证号", "联系电话", "住址", "登记日期", "紧急联系人", "紧急联系电话"],
        ["张三", ZHANG, "", "", "2024-01-01", "", ""],  # empty cells, another registration date
        ["李四", LI, "13800000099", "", "", "", ""],
    ]
    update = center.rosters.import_seniors(write_xlsx(tmp_path / "e.xlsx", edited), social_worker)

    assert verdicts(update) == {2: Verdict.UNCHANGED, 3: Verdict.UPDATED}
    assert update.rows[1].changed == ("联系电话",)
    zhang = stored(center, admin, ZHANG)
    assert zhang.phones == ("13800000001",) and zhang.address == "文化路 1 号"  # type: ignore[attr-defined]
    assert zhang.registered_on == dt.date(2019, 5, 6)  # type: ignore[attr-defined]  # never moved by a re-import
    assert zhang.contacts == (Contact("张小三", "儿子", "13900000001"),)  # type: ignore[attr-defined]
    li = stored(center, admin, LI)
    assert li.phones == ("13800000099",) and li.registered_on == TODAY  # type: ignore[attr-defined]
    with center.engine.connect() as conn:
        line = conn.execute(
            select(AuditEntry.actor, AuditEntry.before, AuditEntry.after).where(
                AuditEntry.senior_id == li.id,  # type: ignore[attr-defined]
                AuditEntry.action == "update",
            )
        ).all()
    assert [(a, b, c) for a, b, c in line if "13800000099" in c] == [
        (social_worker.username, "13800000002", "13800000099")
    ]


def test_categories_on_reimport_end_and_start_today(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    rows = [["姓名", "身份证号", "人员类别"], ["张三", ZHANG, "低保、空巢"]]
    center.rosters.import_seniors(write_xlsx(tmp_path / "a.xlsx", rows), admin)

    rows = [["姓名", "身份证号", "人员类别"], ["张三", ZHANG, "空巢、特困"]]
    report = center.rosters.import_seniors(write_xlsx(tmp_path / "b.xlsx", rows), admin)

    assert report.rows[0].changed == ("人员类别",)
    assert stored(center, admin, ZHANG).categories == (  # type: ignore[attr-defined]
        CategoryPeriod(Category.DIBAO, None, TODAY - dt.timedelta(days=1)),
        CategoryPeriod(Category.EMPTY_NEST),
        CategoryPeriod(Category.TEKUN, TODAY, None),
    )


def test_statuses_lunar_dates_and_member_numbers(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    wang = an_id(dt.date(1936, 2, 2), 71)
    rows = [
        ["会员号", "姓名", "身份证号", "状态", "状态日期", "登记日期", "农历生日", "农历生日日期"],
        ["M000120", "张三", ZHANG, "去世", "2025-06-30", "2019-01-01", "是", "闰04-15"],
        ["M000120", "李四", LI, "暂停", "2026.11.1", "2019-01-01", "是", "腊月初八"],
        ["", "王五", wang, "在册", "", "", "否", "九月十九"],
    ]
    report = center.rosters.import_seniors(write_xlsx(tmp_path / "s.xlsx", rows), admin)

    assert report.added == 3
    zhang = stored(center, admin, ZHANG)
    assert (zhang.member_no, zhang.status, zhang.status_since) == ("M000120", Status.DECEASED, dt.date(2025, 6, 30))  # type: ignore[attr-defined]
    assert zhang.lunar_birth == LunarBirth(4, 15, leap=True)  # type: ignore[attr-defined]
    li = stored(center, admin, LI)
    assert li.member_no == "M000001" and li.status == Status.PAUSED  # type: ignore[attr-defined]
    assert li.lunar_birth == LunarBirth(12, 8)  # type: ignore[attr-defined]
    assert codes(report, 3) == [Code.MEMBER_NO_KEPT]
    assert stored(center, admin, wang).lunar_birth == LunarBirth(9, 19)  # type: ignore[attr-defined]

    back = [["姓名", "身份证号", "状态"], ["张三", ZHANG, "在册"]]
    refused = center.rosters.import_seniors(write_xlsx(tmp_path / "t.xlsx", back), admin)
    assert [i.code for i in refused.rejected] == [Code.INVALID_VALUE]
    assert "去世" in refused.rejected[0].message
    assert stored(center, admin, ZHANG).status == Status.DECEASED  # type: ignore[attr-defined]


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", False), ("gb18030", False), ("utf-8", True), ("utf-8", False)])
def test_csv_as_excel_writes_it(center: CareCenter, admin: Actor, tmp_path: Path, encoding: str, bom: bool) -> None:
    rows = [
        ["文化路社区花名册", "", ""],
        ["姓名", "身份证号", "住址"],
        ["张三", ZHANG, "金水区文化路"],
        ["李四", LI, "二七区"],
        ["合计", "2", ""],
    ]
    path = write_csv(tmp_path / "roster.csv", rows, encoding, bom)

    report = center.rosters.import_seniors(path, admin)

    assert report.added == 2 and report.header_row == 2
    assert stored(center, admin, ZHANG).address == "金水区文化路"  # type: ignore[attr-defined]


def test_csv_keeps_excel_damage_visible(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    damaged = ZHANG[:15] + "000"  # what Excel writes for a number cell formatted without decimals
    rows = [["姓名", "身份证号"], ["张三", damaged], ["李四", "4.10105E+17"]]
    report = center.rosters.import_seniors(write_csv(tmp_path / "d.csv", rows), admin)
    assert [(i.row, i.code) for i in report.rejected] == [(2, Code.EXCEL_NUMBER), (3, Code.EXCEL_NUMBER)]


def test_old_xls_with_merged_title_and_date_cells(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    rows = [
        ["二七区某某站花名册", None, None, None],
        ["姓名", "身份证号码", "出生日期", "登记日期"],
        ["张三", ZHANG, dt.date(1945, 3, 2), dt.date(2021, 4, 5)],
        ["李四", LI, dt.date(1938, 12, 9), None],
        ["王五", 4.10105194503e17, None, None],
    ]
    path = write_xls(tmp_path / "old.xls", rows, merges=[(0, 0, 0, 3)])

    report = center.rosters.import_seniors(path, admin)

    assert verdicts(report) == {3: Verdict.ADDED, 4: Verdict.ADDED, 5: Verdict.REJECTED}
    assert codes(report, 3) == [] and codes(report, 5) == [Code.EXCEL_NUMBER]
    assert stored(center, admin, ZHANG).registered_on == dt.date(2021, 4, 5)  # type: ignore[attr-defined]


def test_a_renamed_file_is_read_by_its_content(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xls", [["姓名", "身份证号"], ["张三", ZHANG]])
    assert center.rosters.import_seniors(path, admin).added == 1


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.csv", b"", "空"),
        ("nohead.xlsx", None, "表头"),
        ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "Excel"),
        ("page.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页"),
    ],
)
def test_unusable_files_write_nothing(
    center: CareCenter, admin: Actor, tmp_path: Path, name: str, content: bytes | None, says: str
) -> None:
    path = tmp_path / name
    if content is None:
        write_xlsx(path, [["序号", "名单"], [1, "张三"], [2, "李四"]])
    else:
        path.write_bytes(content)
    before = (senior_count(center), audit_count(center))

    with pytest.raises(RosterFileError) as refused:
        center.rosters.import_seniors(path, admin)

    assert says in str(refused.value)
    assert (senior_count(center), audit_count(center)) == before
    assert not (tmp_path / f"{path.stem}.errors.xlsx").exists()


def test_missing_file_is_named(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    with pytest.raises(RosterFileError, match=r"nothere\.xlsx"):
        center.rosters.import_seniors(tmp_path / "nothere.xlsx", admin)


def test_cancelling_leaves_the_database_as_it_was(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    rows = [["姓名", "身份证号"]] + [[f"老人{chr(0x4E00 + i)}", an_id(dt.date(1940, 1, 1), i)] for i in range(1, 450)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    before = (senior_count(center), audit_count(center))
    steps: list[int] = []

    def cancelled() -> bool:
        return len(steps) >= 2  # after the first batch was flushed

    with pytest.raises(WorkCancelled):
        center.rosters.import_seniors(path, admin, progress=lambda done, _t: steps.append(done), cancelled=cancelled)

    assert steps[:2] == [0, 200]
    assert (senior_count(center), audit_count(center)) == before


def test_front_desk_may_not_import(center: CareCenter, front_desk: Actor, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号"], ["张三", ZHANG]])
    with pytest.raises(PermissionDeniedError):
        center.rosters.import_seniors(path, front_desk)
    assert senior_count(center) == 0
