"""The 数据质量 page: what it lists, the kind filter with counts, and a row opening the senior to fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain import idnumber
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.quality import QualityKind
from carecenter.seniors.dto import Contact, SeniorDetail, SeniorInput
from tests.ui.conftest import on_modal
from ui.main_window import MainWindow
from ui.pages import quality_table_model as cols
from ui.pages.quality_page import QualityPage

SON = (Contact("李明", "儿子", "13912345678"),)


def add(
    cc: CareCenter, actor: Actor, name: str, seq: int, phones: tuple[str, ...] = (), center_id: int | None = None
) -> SeniorDetail:
    """A senior with an emergency contact and no consent; no phone unless given."""
    data = SeniorInput(
        name=name,
        id_number=idnumber.make("410105", dt.date(1944, 3, 1) + dt.timedelta(days=seq), seq),
        phones=phones,
        contacts=SON,
        center_id=center_id,
    )
    return cc.seniors.create(data, actor)


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[QualityPage]:
    """王秀英 and 张桂兰 without a phone, 李建国 with one; nobody has signed the consent form."""
    add(center, admin, "王秀英", 11)
    add(center, admin, "李建国", 12, phones=("13803712345",))
    add(center, admin, "张桂兰", 13)
    widget = QualityPage(center, admin)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()  # showing the page checks the records
    yield widget


def shown(page: QualityPage) -> list[tuple[str, str, str]]:
    """(name, problem, detail) of every row, as the user reads them."""
    model = page.model
    return [
        tuple(model.display_text(row, col) for col in (cols.COL_NAME, cols.COL_PROBLEM, cols.COL_DETAIL))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def test_lists_every_problem_by_kind_then_name(page: QualityPage) -> None:
    never = _("none on record")
    no_consent, no_phone = QualityKind.NO_CONSENT.label, QualityKind.NO_PHONE.label
    assert shown(page) == [
        ("李建国", no_consent, never),
        ("王秀英", no_consent, never),
        ("张桂兰", no_consent, never),
        ("王秀英", no_phone, ""),
        ("张桂兰", no_phone, ""),
    ]
    assert page.model.headerData(cols.COL_PROBLEM, Qt.Orientation.Horizontal) == _("Problem")
    assert page.model.index(0, cols.COL_MEMBER_NO).data() == "M000002"
    assert page.table.currentIndex().row() == 0  # ready for Enter
    assert page.count_label.text() == _("{n} problems").format(n=5)


def test_the_kind_filter_shows_counts_and_narrows_the_list(page: QualityPage) -> None:
    combo = page.kind_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[0] == _("All problems ({n})").format(n=5)
    assert _("{kind} ({n})").format(kind=QualityKind.NO_PHONE.label, n=2) in items
    assert _("{kind} ({n})").format(kind=QualityKind.DUPLICATE.label, n=0) in items
    assert len(items) == 1 + len(QualityKind)

    page.choose_kind(QualityKind.NO_PHONE)
    assert [name for name, _problem, _detail in shown(page)] == ["王秀英", "张桂兰"]
    assert page.count_label.text() == _("{n} problems").format(n=2)

    page.choose_kind(QualityKind.DUPLICATE)
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == _("No senior has this problem: “{kind}”.").format(
        kind=QualityKind.DUPLICATE.label
    )
    assert not page.open_button.isEnabled()

    page.choose_kind(None)
    assert page.model.rowCount() == 5


def test_double_click_opens_the_senior_and_saving_checks_again(
    page: QualityPage, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    from ui.dialogs.senior_dialog import SeniorDialog

    page.choose_kind(QualityKind.NO_PHONE)
    wang = page.model.record(0)
    assert wang is not None and wang.name == "王秀英"

    def give_phone(dialog: QWidget) -> None:
        assert isinstance(dialog, SeniorDialog)
        assert dialog.form.name_edit.text() == "王秀英"
        qtbot.keyClicks(dialog.form.phones_edit, "13598765432")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved is not None, dialog.banner.text()

    seen = on_modal(give_phone)
    rect = page.table.visualRect(page.model.index(0, cols.COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(seen) == 1
    assert center.seniors.get(wang.senior_id, admin).phones == ("13598765432",)
    assert [name for name, _problem, _detail in shown(page)] == ["张桂兰"]  # fixed, and off the list
    assert page.current_issue() == page.model.record(0)  # the next problem is selected
    assert page.notice.text() == _("Saved: {name} ({no})").format(name="王秀英", no=wang.member_no)
    assert page.kind_combo.itemText(0) == _("All problems ({n})").format(n=4)


def test_enter_opens_the_selected_senior(page: QualityPage, qtbot: QtBot) -> None:
    from ui.dialogs.senior_dialog import SeniorDialog

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    selected = page.current_issue()
    assert selected is not None and selected.name == "王秀英"
    opened: list[str] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, SeniorDialog)
        opened.append(dialog.form.name_edit.text())

    seen = on_modal(look)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(seen) == 1 and opened == ["王秀英"]
    assert page.current_issue() == selected  # cancelled: nothing changed, the row stays selected
    assert page.model.rowCount() == 5


def test_follows_the_center(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    c001 = center.centers.by_code("C001").id
    other = center.centers.create("燕庄居家养老服务站", admin, code="C002")
    add(center, admin, "王秀英", 11, center_id=c001)
    add(center, admin, "赵玉梅", 12, center_id=other.id)
    window = MainWindow(center, admin)
    qtbot.addWidget(window)
    window.show()
    assert _("Data quality") in window.area_titles()
    window.select_center(other.id)
    window.show_area(_("Data quality"))
    assert window.pages.currentWidget() is window.quality_page
    page = window.quality_page
    assert {name for name, _problem, _detail in shown(page)} == {"赵玉梅"}
    window.select_center(c001)
    assert {name for name, _problem, _detail in shown(page)} == {"王秀英"}
    window.select_center(None)
    assert {name for name, _problem, _detail in shown(page)} == {"王秀英", "赵玉梅"}


def test_every_role_has_the_page(qtbot: QtBot, center: CareCenter, front_desk: Actor, social_worker: Actor) -> None:
    for actor in (front_desk, social_worker):
        window = MainWindow(center, actor)
        qtbot.addWidget(window)
        assert _("Seniors") in window.area_titles() and _("Data quality") in window.area_titles()
