"""The 审计记录 page: what an administrator sees, narrows and exports; what anyone else is told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor, Role
from carecenter.audit import ActorChoice, AuditFilter
from carecenter.clock import FixedClock
from carecenter.domain.vocab import StaffPosition
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.ui.conftest import on_modal, type_text
from ui.pages import audit_page
from ui.pages import audit_table_model as cols
from ui.pages.audit_page import AuditPage, actor_text

LONG_NOTE = "每周二、周四上午由女儿陪同来站点做康复训练，午饭后由社区志愿者送回家；对花生过敏，饭菜需单独准备。"


@dataclass
class Trail:
    """Two seniors registered by the admin on TODAY; the front desk (李小丽) edits 李建国 the next day."""

    zhang: SeniorDetail
    li: SeniorDetail
    desk: Actor


@pytest.fixture
def trail(center: CareCenter, admin: Actor, clock: FixedClock) -> Trail:
    zhang = center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(dt.date(1945, 3, 2), 42)), admin)
    li = center.seniors.create(SeniorInput(name="李建国", id_number=an_id(dt.date(1940, 5, 6), 13)), admin)
    staff = center.staff.create("李小丽", StaffPosition.OTHER, admin)
    desk = Actor("test-desk", Role.FRONT_DESK, staff_id=staff.id)
    clock.current += dt.timedelta(days=1)
    shown = center.seniors.get(li.id, desk).as_input()
    center.seniors.update(li.id, replace(shown, address="北下街2号", notes=LONG_NOTE), desk)
    return Trail(zhang, li, desk)


def make_page(qtbot: QtBot, cc: CareCenter, actor: Actor, synchronous: bool = True) -> AuditPage:
    page = AuditPage(cc, actor, synchronous=synchronous)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    page.show()
    return page


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, admin: Actor, trail: Trail) -> Iterator[AuditPage]:
    widget = make_page(qtbot, center, admin)
    yield widget
    widget.close()


def cells(page: AuditPage, column: int) -> list[str]:
    """What the table shows in ``column``, top to bottom."""
    model = page.table.model()
    return [str(model.data(model.index(row, column))) for row in range(model.rowCount())]


def row_where(page: AuditPage, column: int, text: str) -> int:
    return cells(page, column).index(text)


def cell(page: AuditPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    model = page.table.model()
    return model.data(model.index(row, column), role)


def test_lists_every_line_newest_first_with_actor_and_values(page: AuditPage, center: CareCenter, admin: Actor) -> None:
    total = len(center.audit.lines(admin))
    assert page.model.rowCount() == total
    assert page.count_label.text() == _("{n} lines").format(n=total)
    assert page.table.isVisible() and not page.limit_label.isVisible()
    assert [h for h in (page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(cols.COLUMN_COUNT))] == [
        "时间", "用户名", "员工", "操作", "记录", "老人", "会员号", "字段", "修改前", "修改后"
    ]  # fmt: skip

    row = row_where(page, cols.COL_AFTER, "北下街2号")
    assert row < row_where(page, cols.COL_AFTER, "张桂兰")  # the edit is a day newer than the registration
    assert [cell(page, row, c) for c in range(cols.COLUMN_COUNT)] == [
        "2026-11-23 09:00", "test-desk", "李小丽", "修改", "老人", "李建国",
        center.seniors.get(page.model.records()[row].senior_id or 0, admin).member_no, "住址", "", "北下街2号",
    ]  # fmt: skip
    registered = row_where(page, cols.COL_AFTER, "张桂兰")
    assert (cell(page, registered, cols.COL_ACTOR), cell(page, registered, cols.COL_ACTION)) == ("test-admin", "新增")
    assert cell(page, registered, cols.COL_STAFF) == ""  # an account without a staff member


def test_a_long_value_is_cut_in_the_cell_and_whole_in_the_tooltip(page: AuditPage) -> None:
    row = next(r for r, line in enumerate(page.model.records()) if line.after == LONG_NOTE)
    shown = str(cell(page, row, cols.COL_AFTER))
    assert shown.endswith("…") and len(shown) <= cols.MAX_CELL_CHARS
    assert LONG_NOTE.startswith(shown[:-1])
    assert LONG_NOTE in str(cell(page, row, cols.COL_AFTER, Qt.ItemDataRole.ToolTipRole))


def test_the_table_cannot_be_edited(page: AuditPage) -> None:
    index = page.model.index(0, cols.COL_AFTER)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not page.model.setData(index, "changed")


def test_initials_and_enter_narrow_the_table_to_that_senior(page: AuditPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.senior_box, "zgl")
    qtbot.keyClick(page.senior_box, Qt.Key.Key_Return)
    assert page.model.rowCount() > 0
    assert set(cells(page, cols.COL_SENIOR)) == {"张桂兰"}
    assert page.count_label.text() == _("{n} lines").format(n=page.model.rowCount())


def test_a_chinese_name_matching_nobody_says_so(page: AuditPage, qtbot: QtBot) -> None:
    type_text(qtbot, page.senior_box, "没有这个人")
    page.query_button.click()
    assert page.model.rowCount() == 0
    assert page.message_label.isVisible()
    assert page.message_label.text() == _("No line of the audit trail matches these filters.")


def test_choosing_the_front_desk_narrows_to_that_account(page: AuditPage) -> None:
    combo = page.actor_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部",
        "system:default-policy",
        "test-admin",
        "李小丽（test-desk）",
    ]
    combo.setCurrentIndex(combo.findData("test-desk"))  # applies at once, no button needed
    assert set(cells(page, cols.COL_ACTOR)) == {"test-desk"}
    assert sorted(cells(page, cols.COL_FIELD)) == ["住址", "备注"]
    combo.setCurrentIndex(0)
    assert {"test-admin", "test-desk"} <= set(cells(page, cols.COL_ACTOR))


def test_actor_text_names_staff_or_just_the_login() -> None:
    assert actor_text(ActorChoice("xiaoli", "李小丽")) == "李小丽（xiaoli）"
    assert actor_text(ActorChoice("os:root", "")) == "os:root"


def test_dates_narrow_the_table_and_bad_dates_are_refused(page: AuditPage, qtbot: QtBot) -> None:
    next_day = TODAY + dt.timedelta(days=1)
    qtbot.keyClicks(page.since_edit.line, next_day.strftime("%Y.%m.%d"))
    qtbot.keyClick(page.since_edit.line, Qt.Key.Key_Return)
    assert {d[:10] for d in cells(page, cols.COL_TIME)} == {next_day.isoformat()}

    page.since_edit.set_date(None)
    page.until_edit.set_date(TODAY)
    page.query_button.click()
    assert page.model.rowCount() > 0 and {d[:10] for d in cells(page, cols.COL_TIME)} == {TODAY.isoformat()}

    shown = page.model.records()
    page.until_edit.line.setText("2026-13-45")
    page.query_button.click()
    assert page.model.records() == shown  # nothing re-queried with a guess
    assert page.status_label.text().startswith("至：")
    page.until_edit.set_date(TODAY)
    page.since_edit.set_date(next_day)
    page.query_button.click()
    assert page.status_label.text() == _("The “From” day is after the “To” day.")


def test_a_full_screen_says_to_narrow_the_filters(
    qtbot: QtBot, center: CareCenter, admin: Actor, trail: Trail, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_page, "LIMIT", 3)
    page = make_page(qtbot, center, admin)
    assert page.model.rowCount() == 3
    assert page.limit_label.isVisible() and page.limit_label.text() == "显示最新 3 条，请缩小范围"
    assert page.count_label.text() == _("More than {n} lines").format(n=3)
    page.actor_combo.setCurrentIndex(page.actor_combo.findData("test-desk"))
    assert page.model.rowCount() == 2 and not page.limit_label.isVisible()


def test_export_writes_the_filtered_lines_and_the_export_shows_up(
    page: AuditPage, center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    target = tmp_path / "审计-张桂兰"  # no extension typed: .xlsx is added

    def ask(suggested: Path) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(page, "ask_export_target", ask)
    page.senior_box.setText("张桂兰")  # typed, not yet applied: the export applies it first
    page.export_button.click()

    assert asked == [Path.home() / "审计记录-20261123.xlsx"]  # the clock stands on the day after TODAY
    written = target.with_name("审计-张桂兰.xlsx")
    count = len(center.audit.lines(admin, AuditFilter(senior="张桂兰")))
    assert page.status_label.text() == _("Exported {n} lines to {path}").format(n=count, path=written)
    sheet = load_workbook(written).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == count
    name_row = next(r for r in rows if r[7] == "姓名")
    assert name_row[1:] == (
        "test-admin",
        None,
        "新增",
        "老人",
        "张桂兰",
        page.model.records()[0].member_no,
        "姓名",
        None,
        "张桂兰",
    )

    page.senior_box.clear()
    page.query_button.click()
    page.refresh()
    assert (cell(page, 0, cols.COL_ACTION), cell(page, 0, cols.COL_RECORD)) == ("导出", "审计记录")
    assert str(cell(page, 0, cols.COL_AFTER)).startswith(f"{count} lines")
    assert page.export_button.isEnabled()


def test_cancelling_the_save_dialog_exports_nothing(
    page: AuditPage, center: CareCenter, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = len(center.audit.lines(admin))
    monkeypatch.setattr(page, "ask_export_target", lambda suggested: None)
    page.export_button.click()
    assert len(center.audit.lines(admin)) == before
    assert page.status_label.text() == ""


def test_a_failed_export_says_so_and_claims_nothing(
    page: AuditPage, center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(page, "ask_export_target", lambda suggested: blocker / "审计.xlsx")
    before = center.audit.lines(admin)
    texts: list[str] = []
    on_modal(lambda box: texts.append(box.text() if isinstance(box, QMessageBox) else ""))
    page.export_button.click()
    assert len(texts) == 1 and texts[0].startswith("没有导出：")
    assert page.status_label.text() == texts[0]
    assert center.audit.lines(admin) == before  # no export recorded
    assert page.export_button.isEnabled()


def test_export_runs_off_the_ui_thread(
    qtbot: QtBot, center: CareCenter, admin: Actor, trail: Trail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, center, admin, synchronous=False)
    monkeypatch.setattr(page, "ask_export_target", lambda suggested: tmp_path / "trail.xlsx")
    page.export_button.click()
    task = page.export_task
    assert task is not None and not page.export_button.isEnabled()
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert (tmp_path / "trail.xlsx").exists()
    assert cell(page, 0, cols.COL_ACTION) == "导出" and page.export_button.isEnabled()
    page.close()


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.SOCIAL_WORKER])
def test_anyone_but_an_admin_is_refused_and_sees_no_data(
    qtbot: QtBot, center: CareCenter, trail: Trail, role: Role
) -> None:
    actor = Actor("someone", role)
    with pytest.raises(PermissionDeniedError) as refused:
        center.audit.lines(actor)
    page = make_page(qtbot, center, actor)
    assert page.message_label.isVisible() and not page.table.isVisible()
    assert str(refused.value) in page.message_label.text()
    assert page.message_label.text().startswith(_("The audit trail is open to administrators only."))
    assert page.model.rowCount() == 0 and page.count_label.text() == ""
    assert page.actor_combo.count() == 0
    widgets: list[QWidget] = [page.export_button, page.query_button, page.senior_box, page.actor_combo]
    assert not any(w.isVisible() for w in widgets)
    assert not page.export_button.isEnabled()
    page.refresh()
    assert page.model.rowCount() == 0


def test_refresh_shows_new_changes_and_keeps_the_chosen_filter(
    page: AuditPage, center: CareCenter, trail: Trail, social_worker: Actor
) -> None:
    page.actor_combo.setCurrentIndex(page.actor_combo.findData("test-desk"))
    shown = center.seniors.get(trail.zhang.id, social_worker).as_input()
    center.seniors.update(trail.zhang.id, replace(shown, address="文化路1号"), social_worker)
    page.refresh()  # what the main window does after a change
    assert page.actor_combo.currentData() == "test-desk"
    assert set(cells(page, cols.COL_ACTOR)) == {"test-desk"}
    assert page.actor_combo.findData("test-social") > 0  # the newcomer can be chosen
    page.actor_combo.setCurrentIndex(page.actor_combo.findData("test-social"))
    assert cells(page, cols.COL_AFTER) == ["文化路1号"]
