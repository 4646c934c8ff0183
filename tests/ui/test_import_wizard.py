"""导入花名册 driven as staff use it: choose the file, read the preview, import, read the result, or stop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from carecenter.actor import Actor
from carecenter.domain import idnumber
from carecenter.facade import CareCenter
from carecenter.roster.importer import BATCH
from carecenter.roster.model import Code, Verdict
from carecenter.seniors.dto import SeniorInput
from tests.ui.conftest import on_modal
from ui.dialogs import import_preview_model as cols
from ui.dialogs.import_preview_model import RowFilter
from ui.dialogs.import_wizard import ImportWizard
from ui.pages.seniors_page import SeniorsPage
from ui.workers import Task

GOOD = idnumber.make("410105", dt.date(1940, 3, 2), 42)  # 张桂兰, female
KNOWN = idnumber.make("410102", dt.date(1938, 5, 6), 24)  # 王秀英, already registered
BAD_CHECK = GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")
TWICE = idnumber.make("410103", dt.date(1945, 8, 9), 31)


def write_roster(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    """A roster as centers keep it: a title row, then the header, then the seniors."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["文化路社区老人花名册（2026年11月）"])
    sheet.append(header or ["序号", "姓名", "身份证号码", "联系电话", "家庭住址"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def messy_roster(folder: Path) -> Path:
    """Row 3 new, row 4 an update of a registered senior, row 5 a bad check digit, rows 6 and 7 the same person."""
    return write_roster(
        folder / "名单.xlsx",
        [
            [1, "张桂兰", GOOD, "13800000001", "文化路 1 号"],
            [2, "王秀英", KNOWN, "13900000002", "文化路 2 号"],
            [3, "李建国", BAD_CHECK, "", ""],
            [4, "赵玉梅", TWICE, "", ""],
            [5, "赵玉梅", TWICE, "", ""],
        ],
    )


def many_seniors(path: Path, n: int) -> Path:
    """``n`` new seniors with distinct valid IDs and plausible names."""
    rows: list[list[object]] = []
    for i in range(n):
        name = "王李张刘陈杨赵黄周吴"[i % 10] + "秀桂建淑玉国"[i // 10 % 6] + "英兰华珍梅明芳"[i // 60 % 7]
        number = idnumber.make("410105", dt.date(1940, 1, 1) + dt.timedelta(days=i), 10 + i % 900)
        rows.append([i + 1, name, number, "", ""])
    return write_roster(path, rows)


@pytest.fixture
def registered(center: CareCenter, admin: Actor) -> int:
    """王秀英 is already on record, without a phone: the roster updates her."""
    return center.seniors.create(SeniorInput(name="王秀英", id_number=KNOWN), admin).id


@pytest.fixture
def sync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wizards opened by the page run the core inline, like Picard's fake thread pool."""
    monkeypatch.setattr(ImportWizard, "synchronous", True)


@pytest.fixture
def make_wizard(qtbot: QtBot, center: CareCenter) -> Iterator[Callable[..., ImportWizard]]:
    made: list[ImportWizard] = []

    def make(actor: Actor, center_id: int | None = None) -> ImportWizard:
        wizard = ImportWizard(center, actor, center_id, synchronous=True)
        qtbot.addWidget(wizard)
        wizard.show()
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.close()


def choose(qtbot: QtBot, wizard: ImportWizard, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """选择文件… answered by a stand-in for the system's open dialog, then 下一步."""
    monkeypatch.setattr(wizard, "ask_source_file", lambda _folder: path)
    qtbot.mouseClick(wizard.choose_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.choose_page.path_edit.text() == str(path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)


def shown_rows(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.preview_page.model
    return [model.row_texts(r) for r in range(model.rowCount())]


def audit_lines(cc: CareCenter) -> int:
    with cc.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one())


def show(qtbot: QtBot, wizard: ImportWizard, wanted: RowFilter) -> None:
    qtbot.mouseClick(wizard.preview_page.filter_buttons[wanted], Qt.MouseButton.LeftButton)


def test_from_the_page_preview_every_row_import_and_the_list_follows(
    qtbot: QtBot,
    center: CareCenter,
    social_worker: Actor,
    registered: int,
    tmp_path: Path,
    sync: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roster = messy_roster(tmp_path)
    page = SeniorsPage(center, social_worker)
    qtbot.addWidget(page)
    page.show()
    assert page.visible_names() == ["王秀英"]
    ADDED, REJECTED = Verdict.ADDED.label, Verdict.REJECTED.label
    before = center.seniors.count()

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportWizard)
        assert dialog.current_page() is dialog.choose_page
        choose(qtbot, dialog, roster, monkeypatch)
        assert dialog.current_page() is dialog.preview_page, dialog.choose_page.error_label.text()
        assert center.seniors.count() == before  # the preview wrote nothing
        preview = dialog.preview_page
        assert preview.counts.texts() == ["新增 2", "更新 1", "无变化 0", "拒绝 2"]
        assert preview.filter_buttons[RowFilter.REJECTED].isChecked()  # the problems come first
        rejected = shown_rows(dialog)
        assert [(r[cols.COL_ROW], r[cols.COL_VERDICT], r[cols.COL_NAME]) for r in rejected] == [
            ("5", REJECTED, "李建国"),
            ("7", REJECTED, "赵玉梅"),
        ]
        for line, code in enumerate((Code.BAD_CHECKSUM, Code.DUPLICATE_IN_FILE)):
            row = preview.model.row_result(line)
            assert row is not None and [i.code for i in row.issues] == [code]
            assert rejected[line][cols.COL_MESSAGES] == row.issues[0].message  # the core's words, in full

        show(qtbot, dialog, RowFilter.ALL)
        everything = shown_rows(dialog)
        assert [(r[cols.COL_ROW], r[cols.COL_VERDICT]) for r in everything] == [
            ("3", ADDED),
            ("4", Verdict.UPDATED.label),
            ("5", REJECTED),
            ("6", ADDED),
            ("7", REJECTED),
        ]
        first = preview.model.row_result(0)
        assert first is not None and everything[0][cols.COL_ID_NUMBER] == first.id_number  # as the core shows it
        assert "联系电话" in everything[1][cols.COL_MESSAGES]  # what the update changes
        verdict = preview.model.index(0, cols.COL_VERDICT)
        assert verdict.data(Qt.ItemDataRole.ForegroundRole).color().name() == cols.VERDICT_COLORS[Verdict.ADDED][0]
        show(qtbot, dialog, RowFilter.UPDATED)
        assert [r[cols.COL_NAME] for r in shown_rows(dialog)] == ["王秀英"]
        assert "第 4 行" in preview.detail.text()

        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.current_page() is dialog.result_page
        result = dialog.result_page
        assert result.headline.text() == "导入完成"
        assert result.counts.texts() == ["新增 2", "更新 1", "无变化 0", "拒绝 2"]
        errors = tmp_path / "名单.errors.xlsx"
        assert dialog.report is not None and dialog.report.errors_file == errors and errors.is_file()
        assert str(errors) in result.errors_label.text()
        opened: list[Path] = []
        monkeypatch.setattr(dialog, "open_folder", opened.append)
        qtbot.mouseClick(result.open_folder_button, Qt.MouseButton.LeftButton)
        assert opened == [tmp_path]
        assert dialog.close_button.text() == "关闭"
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    seen = on_modal(drive)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert center.seniors.count() == before + 2
    assert sorted(page.visible_names()) == sorted(["王秀英", "张桂兰", "赵玉梅"])  # refreshed at once
    detail = center.seniors.get(registered, social_worker)
    assert detail.phones == ("13900000002",)


def test_an_unusable_file_keeps_the_user_on_the_first_step_with_the_reason(
    make_wizard: Callable[..., ImportWizard],
    social_worker: Actor,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    center: CareCenter,
) -> None:
    wizard = make_wizard(social_worker)
    no_ids = write_roster(tmp_path / "通讯录.xlsx", [["张三", "138"]], header=["姓名", "电话"])
    choose(qtbot, wizard, no_ids, monkeypatch)
    assert wizard.current_page() is wizard.choose_page
    message = wizard.choose_page.error_label.text()
    assert wizard.choose_page.error_label.isVisible() and "通讯录.xlsx" in message
    assert center.seniors.count() == 0

    wizard.choose_page.path_edit.setText(str(tmp_path / "没有这个文件.xlsx"))
    assert not wizard.choose_page.error_label.isVisible()  # typing clears the old reason
    qtbot.keyClick(wizard.choose_page.path_edit, Qt.Key.Key_Return)
    assert wizard.current_page() is wizard.choose_page
    assert wizard.choose_page.error_label.text().startswith("找不到文件")


def test_stop_during_the_import_leaves_the_database_exactly_as_before(
    make_wizard: Callable[..., ImportWizard],
    center: CareCenter,
    social_worker: Actor,
    registered: int,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roster = many_seniors(tmp_path / "大名单.xlsx", 2 * BATCH + 50)  # the core checks for Stop every BATCH rows
    wizard = make_wizard(social_worker)
    choose(qtbot, wizard, roster, monkeypatch)
    assert wizard.current_page() is wizard.preview_page
    before = center.seniors.count()
    trail = audit_lines(center)
    steps: list[tuple[int, int]] = []

    def press_stop_midway(task: Task) -> None:
        def on_progress(done: int, total: int) -> None:
            steps.append((done, total))
            if len(steps) == 2:
                assert task.cancel_button is not None
                task.cancel_button.click()  # the progress dialog's 停止

        task.progressed.connect(on_progress)

    wizard.task_started.connect(press_stop_midway)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)

    assert len(steps) >= 2 and steps[1][0] < steps[1][1]  # stopped in the middle
    assert wizard.current_page() is wizard.result_page
    assert wizard.result_page.headline.text() == "已停止导入"
    assert wizard.result_page.summary.text() == "没有导入任何老人，数据库与导入前完全一样。"
    assert center.seniors.count() == before
    assert audit_lines(center) == trail
    assert not (tmp_path / "大名单.errors.xlsx").exists()
    assert wizard.back_button.isVisible()
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page() is wizard.preview_page  # the preview is still true: try again or close


def test_closing_while_the_core_works_means_stop(
    make_wizard: Callable[..., ImportWizard],
    center: CareCenter,
    social_worker: Actor,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roster = many_seniors(tmp_path / "r.xlsx", BATCH + 10)
    wizard = make_wizard(social_worker)
    choose(qtbot, wizard, roster, monkeypatch)

    def escape_at_first_step(task: Task) -> None:
        task.progressed.connect(lambda _d, _t: wizard.reject() if not task.cancel_requested() else None)

    wizard.task_started.connect(escape_at_first_step)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.isVisible()  # Esc stopped the import instead of closing on it
    assert wizard.result_page.headline.text() == "已停止导入"
    assert center.seniors.count() == 0


def test_several_centers_ask_which_one_first(
    make_wizard: Callable[..., ImportWizard],
    center: CareCenter,
    admin: Actor,
    social_worker: Actor,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    second = center.centers.create("大学路居家养老服务站", admin, code="C002")
    roster = write_roster(tmp_path / "r.xlsx", [[1, "张桂兰", GOOD, "", ""]])
    wizard = make_wizard(social_worker)  # the page lists every center
    combo = wizard.choose_page.center_combo
    assert combo.isVisible() and combo.currentText() == "请选择站点…"
    choose(qtbot, wizard, roster, monkeypatch)
    assert wizard.current_page() is wizard.choose_page
    assert wizard.choose_page.error_label.text() == "请选择这些老人所属的站点。"

    combo.setCurrentIndex(combo.findData(second.id))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.result_page.headline.text() == "导入完成"
    assert center.seniors.count(second.id) == 1

    only = make_wizard(social_worker, second.id)  # a page showing one center preselects it
    assert only.choose_page.center_id() == second.id


def test_nothing_to_import_disables_import(
    make_wizard: Callable[..., ImportWizard],
    social_worker: Actor,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roster = write_roster(tmp_path / "r.xlsx", [[1, "李建国", BAD_CHECK, "", ""]])
    wizard = make_wizard(social_worker)
    choose(qtbot, wizard, roster, monkeypatch)
    assert wizard.current_page() is wizard.preview_page
    assert not wizard.import_button.isEnabled()
    assert wizard.note_label.text() == "没有需要新增或更改的老人，无需导入。"
    show(qtbot, wizard, RowFilter.WARNINGS)
    assert wizard.preview_page.model.rowCount() == 0
    assert wizard.preview_page.detail.text() == ""
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page() is wizard.choose_page


@pytest.mark.parametrize("who", ["front_desk", "social_worker", "admin"])
def test_only_roles_that_import_and_export_see_the_buttons(
    qtbot: QtBot, center: CareCenter, who: str, request: pytest.FixtureRequest
) -> None:
    actor: Actor = request.getfixturevalue(who)
    page = SeniorsPage(center, actor)
    qtbot.addWidget(page)
    page.show()
    expected = who != "front_desk"
    assert page.import_button.isVisible() is expected
    assert page.export_button.isVisible() is expected
    if not expected:
        seen = on_modal(lambda _dialog: None)
        page.open_import()  # asked directly, nothing opens either
        page.open_export()
        qtbot.wait(10)
        assert seen == []


def test_the_real_thing_runs_on_a_worker_thread(
    qtbot: QtBot, center: CareCenter, social_worker: Actor, tmp_path: Path
) -> None:
    """As in the app: the core works off the UI thread and the pages follow when it is done."""
    roster = many_seniors(tmp_path / "r.xlsx", 30)
    wizard = ImportWizard(center, social_worker, None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.path_edit.setText(str(roster))
    qtbot.keyClick(wizard.choose_page.path_edit, Qt.Key.Key_Return)
    assert wizard.is_busy() or wizard.current_page() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.preview_page, timeout=20_000)
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=20_000)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.result_page, timeout=20_000)
    assert wizard.result_page.counts.texts()[0] == "新增 30"
    assert center.seniors.count() == 30
