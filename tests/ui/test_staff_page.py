# mypy: disable-error-code="no-untyped-call"
"""员工与账号: an admin adds staff and logins, resets passwords, disables and deactivates, as a user would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from carecenter.accounts import LOCK_MINUTES, MAX_FAILURES
from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import AuthError
from carecenter.facade import CareCenter
from tests.core.helpers import cheap_hashing
from tests.ui.conftest import on_modal, type_text
from ui.dialogs.reset_password_dialog import ResetPasswordDialog
from ui.dialogs.role_dialog import RoleDialog
from ui.dialogs.staff_dialog import CreateAccountDialog, StaffDialog
from ui.pages import staff_table_model as cols
from ui.pages.staff_page import StaffPage

CENTER = "文化路日间照料中心"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture
def open_page(qtbot: QtBot, center: CareCenter) -> Callable[[Actor], StaffPage]:
    def _open(actor: Actor) -> StaffPage:
        page = StaffPage(center, actor)
        qtbot.addWidget(page)
        page.resize(1200, 700)
        with qtbot.waitActive(page):  # shortcuts such as Ctrl+N need an active window
            page.show()
            page.activateWindow()
        return page

    return _open


@pytest.fixture
def page(open_page: Callable[[Actor], StaffPage], admin: Actor) -> StaffPage:
    return open_page(admin)


@pytest.fixture
def xiaoli(center: CareCenter, admin: Actor) -> int:
    """李小丽, front desk, logs in as xiaoli / wenhua2026; returns her staff id."""
    return center.accounts.add_user("李小丽", "xiaoli", "wenhua2026", Role.FRONT_DESK, admin).staff_id


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(box: QWidget, text: str) -> None:
    """Click the message-box button that says ``text``."""
    assert isinstance(box, QMessageBox), box
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def choose(page: StaffPage, qtbot: QtBot, name: str) -> None:
    """Select ``name``'s row by typing it into the filter, then ↓ into the table."""
    page.filter_box.clear()
    type_text(qtbot, page.filter_box, name)
    qtbot.keyClick(page.filter_box, Qt.Key.Key_Down)
    current = page.current()
    assert current is not None and current.staff.name == name


def test_add_a_staff_member_with_a_login(page: StaffPage, qtbot: QtBot, center: CareCenter, clock: FixedClock) -> None:
    assert page.title.text() == "员工与账号"
    assert page.rows() == []
    seen: list[QWidget] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, StaffDialog)
        assert dialog.windowTitle() == "新增员工"
        assert dialog.center_combo.currentText() == f"{CENTER}（C001）"  # the only center
        type_text(qtbot, dialog.name_edit, "李小丽")
        dialog.position_combo.setCurrentIndex(dialog.position_combo.findData(StaffPosition.CAREGIVER))
        type_text(qtbot, dialog.phone_edit, "138 0371 1234")
        assert dialog.login is not None and not dialog.login.username_edit.isVisible()
        click(qtbot, dialog.login_box)  # type: ignore[arg-type]
        assert dialog.login.username_edit.text() == "lixiaoli"  # suggested from the name
        dialog.login.role_combo.setCurrentIndex(dialog.login.role_combo.findText("社工"))
        type_text(qtbot, dialog.login.password_edit, "wenhua2026")
        type_text(qtbot, dialog.login.repeat_edit, "wenhua2026")
        qtbot.keyClick(dialog.login.repeat_edit, Qt.Key.Key_Return)  # Enter saves
        assert not dialog.isVisible()

    on_modal(fill, seen)
    qtbot.keyClick(page.filter_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    assert page.row_texts("李小丽") == ("李小丽", "护理员", "13803711234", CENTER, "lixiaoli", "社工", "在职", "正常")
    assert page.notice_text() == "已保存：李小丽"
    assert center.accounts.login("lixiaoli", "wenhua2026").role is Role.SOCIAL_WORKER


def test_a_refused_save_shows_the_reason_next_to_the_field(page: StaffPage, qtbot: QtBot, center: CareCenter) -> None:
    shown: dict[str, str] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, StaffDialog) and dialog.login is not None
        click(qtbot, dialog.login_box)  # type: ignore[arg-type]
        type_text(qtbot, dialog.phone_edit, "call me")
        type_text(qtbot, dialog.login.username_edit, "xiaoli")
        type_text(qtbot, dialog.login.password_edit, "12345678")
        type_text(qtbot, dialog.login.repeat_edit, "1234567")
        click(qtbot, dialog.save_button)
        shown["repeat"] = dialog.error_for("repeat")  # the screen's own check comes first
        assert dialog.isVisible() and dialog.error_for("password") == ""
        type_text(qtbot, dialog.login.repeat_edit, "8")
        click(qtbot, dialog.save_button)
        assert dialog.isVisible()
        shown.update({f: dialog.error_for(f) for f in ("name", "phone", "username", "password", "repeat")})

    on_modal(fill)
    click(qtbot, page.add_button)
    assert shown == {
        "name": "必须填写",
        "phone": "“callme”不是电话号码",
        "username": "",
        "password": "不能全是数字，请加上字母或符号",
        "repeat": "",
    }
    assert page.rows() == [] and center.staff.list() == [] and center.accounts.list_accounts() == []


def test_edit_with_enter_and_create_a_login_later(
    page: StaffPage, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    center.staff.create("孙师傅", StaffPosition.COOK, admin)
    page.refresh()
    assert page.row_texts("孙师傅")[cols.COL_USERNAME :] == ("", "", "在职", "无账号")
    choose(page, qtbot, "孙师傅")
    assert not page.reset_button.isEnabled() and page.create_login_button.isEnabled()

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, StaffDialog)
        assert dialog.windowTitle() == "编辑员工：孙师傅" and dialog.login_box is None
        type_text(qtbot, dialog.phone_edit, "13900002222")
        click(qtbot, dialog.save_button)

    on_modal(edit)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.row_texts("孙师傅")[: cols.COL_CENTER] == ("孙师傅", "厨师", "13900002222")

    def login(dialog: QWidget) -> None:
        assert isinstance(dialog, CreateAccountDialog)
        assert dialog.username_edit.text() == "sunshifu"
        type_text(qtbot, dialog.login.password_edit, "kitchen-2026")
        type_text(qtbot, dialog.login.repeat_edit, "kitchen-2026")
        click(qtbot, dialog.save_button)

    on_modal(login)
    click(qtbot, page.create_login_button)
    assert page.row_texts("孙师傅")[cols.COL_USERNAME :] == ("sunshifu", "前台", "在职", "正常")
    assert page.notice_text() == "孙师傅 现在可以用 sunshifu 登录（前台）。"
    assert not page.create_login_button.isEnabled() and page.reset_button.isEnabled()


def test_reset_password_then_the_new_one_logs_in(
    page: StaffPage, qtbot: QtBot, center: CareCenter, xiaoli: int
) -> None:
    page.refresh()
    choose(page, qtbot, "李小丽")

    def reset(dialog: QWidget) -> None:
        assert isinstance(dialog, ResetPasswordDialog)
        assert dialog.windowTitle() == "重置密码：李小丽（xiaoli）"
        type_text(qtbot, dialog.password_edit, "xiaoli")
        type_text(qtbot, dialog.repeat_edit, "xiaoli")
        click(qtbot, dialog.save_button)
        assert dialog.error_for("password") == "至少 8 个字符"
        for edit in (dialog.password_edit, dialog.repeat_edit):
            edit.clear()
            type_text(qtbot, edit, "new-secret-9")
        click(qtbot, dialog.save_button)

    on_modal(reset)
    click(qtbot, page.reset_button)
    assert page.notice_text() == "已为 xiaoli 设置新密码。"
    assert center.accounts.login("xiaoli", "new-secret-9").username == "xiaoli"
    with pytest.raises(AuthError):
        center.accounts.login("xiaoli", "wenhua2026")


def test_disabling_a_login_shows_it_and_refuses_the_login(
    page: StaffPage, qtbot: QtBot, center: CareCenter, xiaoli: int
) -> None:
    page.refresh()
    choose(page, qtbot, "李小丽")
    assert page.account_button.text() == "停用账号"
    on_modal(lambda box: press(box, "停用账号"))
    click(qtbot, page.account_button)
    assert page.row_texts("李小丽")[cols.COL_STATUS :] == ("在职", "已停用")
    assert page.notice_text() == "账号 xiaoli 已停用。"
    with pytest.raises(AuthError, match=r"^账号已停用，请找管理员。$"):
        center.accounts.login("xiaoli", "wenhua2026")

    assert page.account_button.text() == "启用账号"
    click(qtbot, page.account_button)  # enabling asks nothing
    assert page.row_texts("李小丽")[cols.COL_ACCOUNT] == "正常"
    assert center.accounts.login("xiaoli", "wenhua2026").username == "xiaoli"


def test_a_locked_login_shows_until_when(
    page: StaffPage, qtbot: QtBot, center: CareCenter, clock: FixedClock, xiaoli: int
) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            center.accounts.login("xiaoli", "guess-guess")
    clock.current += dt.timedelta(minutes=3)
    page.refresh()
    assert page.row_texts("李小丽")[cols.COL_ACCOUNT] == "锁定至 09:15"
    clock.current += dt.timedelta(minutes=LOCK_MINUTES)
    page.refresh()
    assert page.row_texts("李小丽")[cols.COL_ACCOUNT] == "正常"


def test_deactivating_a_leaver_asks_and_disables_the_login(
    page: StaffPage, qtbot: QtBot, center: CareCenter, xiaoli: int
) -> None:
    page.refresh()
    choose(page, qtbot, "李小丽")
    asked: list[str] = []

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        press(box, "停用")

    on_modal(answer)
    click(qtbot, page.staff_button)
    assert asked == ["停用 李小丽？停用后不再安排新的工作；以往记录仍保留其姓名。\n其账号 xiaoli 也会同时停用。"]
    assert page.row_texts("李小丽")[cols.COL_STATUS :] == ("停用", "已停用")
    assert page.staff_button.text() == "启用员工" and not page.account_button.isEnabled()
    with pytest.raises(AuthError, match=r"^账号已停用，请找管理员。$"):
        center.accounts.login("xiaoli", "wenhua2026")

    on_modal(lambda box: press(box, "取消"))
    click(qtbot, page.staff_button)  # answering 取消 changes nothing
    assert page.row_texts("李小丽")[cols.COL_STATUS] == "停用"


def test_the_last_admin_is_kept_with_a_message(page: StaffPage, qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    center.accounts.add_user("王站长", "wang", "Zhengzhou-1", Role.ADMIN, admin)
    page.refresh()
    choose(page, qtbot, "王站长")
    told: list[str] = []

    def confirm_then_read(box: QWidget) -> None:
        def read(message: QWidget) -> None:
            assert isinstance(message, QMessageBox)
            told.append(message.text())
            press(message, "确定")

        on_modal(read)
        press(box, "停用")

    on_modal(confirm_then_read)
    click(qtbot, page.staff_button)
    assert told == ["wang 是唯一在用的管理员账号，不能停用。"]
    assert page.row_texts("王站长")[cols.COL_STATUS :] == ("在职", "正常")


def test_change_a_role(page: StaffPage, qtbot: QtBot, center: CareCenter, xiaoli: int) -> None:
    page.refresh()
    choose(page, qtbot, "李小丽")

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, RoleDialog)
        assert dialog.chosen() is Role.FRONT_DESK
        radio = dialog.buttons[Role.SOCIAL_WORKER]
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))  # on the circle
        assert dialog.chosen() is Role.SOCIAL_WORKER
        qtbot.keyClick(radio, Qt.Key.Key_Return)

    on_modal(pick)
    click(qtbot, page.role_button)
    assert page.row_texts("李小丽")[cols.COL_ROLE] == "社工"
    assert center.accounts.login("xiaoli", "wenhua2026").role is Role.SOCIAL_WORKER


def test_other_roles_see_the_list_but_cannot_change_it(
    open_page: Callable[[Actor], StaffPage], front_desk: Actor, xiaoli: int
) -> None:
    page = open_page(front_desk)
    assert page.hint.text() == "只有管理员可以修改员工和账号。"
    assert not any(button.isVisible() for button in page.write_buttons)
    assert page.row_texts("李小丽")[cols.COL_USERNAME] == "xiaoli"
    page.open_add()  # e.g. Ctrl+N: nothing opens
