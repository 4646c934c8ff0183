"""The 老人档案 page driven from the keyboard and mouse, asserting what the user sees."""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor, Role
from carecenter.domain import idnumber
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorDetail, SeniorInput, SeniorRow
from tests.conftest import TODAY
from tests.ui.conftest import on_modal
from ui.pages import senior_table_model as cols
from ui.pages.senior_table_model import PAGE_SIZE, SeniorTableModel
from ui.pages.seniors_page import SeniorsPage

TypeInto = Callable[[Any, str], None]


def add_seniors(cc: CareCenter, actor: Actor, names: Sequence[str], phones: bool = True) -> list[SeniorDetail]:
    """Register ``names`` (born 1940 onwards, one day apart) and return what the core saved."""
    saved = []
    for i, name in enumerate(names):
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=37 * i)
        data = SeniorInput(
            name=name,
            id_number=idnumber.make("410105", birth, 10 + i % 90),
            phones=(f"1380000{i:04d}",) if phones else (),
            community="文化路社区",
        )
        saved.append(cc.seniors.create(data, actor))
    return saved


@dataclass
class DialogLog:
    """What fake dialogs were asked to open, and what they "saved"."""

    opened: list[tuple[str, int | None]] = field(default_factory=list)
    on_exec: Callable[[int | None], SeniorDetail | None] | None = None


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Stand-ins for the add/edit and status dialogs and the detail view: they record and return at once."""
    log = DialogLog()

    def make(kind: str) -> type:
        class Fake:
            def __init__(self, cc: CareCenter, actor: Actor, senior_id: int | None = None, parent: Any = None) -> None:
                self.senior_id = senior_id
                self.saved: SeniorDetail | None = None

            def exec(self) -> int:
                log.opened.append((kind, self.senior_id))
                if log.on_exec is None:
                    return int(QDialog.DialogCode.Rejected)
                self.saved = log.on_exec(self.senior_id)
                return int(QDialog.DialogCode.Accepted if self.saved else QDialog.DialogCode.Rejected)

            def preselect_center(self, center_id: int | None) -> None:
                pass

            def deleteLater(self) -> None:
                pass

        return Fake

    for module, cls, kind in (
        ("ui.dialogs.senior_dialog", "SeniorDialog", "senior"),
        ("ui.dialogs.status_dialog", "StatusDialog", "status"),
    ):
        fake = types.ModuleType(module)
        setattr(fake, cls, make(kind))
        monkeypatch.setitem(sys.modules, module, fake)

    def open_detail(cc: CareCenter, actor: Actor, senior_id: int, parent: Any = None) -> bool:
        log.opened.append(("detail", senior_id))
        return bool(log.on_exec is not None and log.on_exec(senior_id))

    detail = types.ModuleType("ui.pages.senior_detail")
    setattr(detail, "open_senior_detail", open_detail)  # noqa: B010 - a stand-in module
    monkeypatch.setitem(sys.modules, "ui.pages.senior_detail", detail)
    import ui.pages

    monkeypatch.setattr(ui.pages, "senior_detail", detail, raising=False)
    return log


@pytest.fixture
def page(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[SeniorsPage]:
    add_seniors(center, admin, ["张桂兰", "王秀英", "李建国", "张建华", "刘淑珍"])
    widget = SeniorsPage(center, admin)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    yield widget
    widget.close()  # before the database goes: a pending search must not outlive its test


def shown_count(page: SeniorsPage) -> str:
    return page.count_label.text()


def test_lists_current_seniors_with_count(page: SeniorsPage) -> None:
    assert sorted(page.visible_names()) == sorted(["张桂兰", "王秀英", "李建国", "张建华", "刘淑珍"])
    assert shown_count(page) == _("{n} seniors").format(n=5)
    assert page.table.isVisible()
    assert page.edit_button.isEnabled()


def test_typing_a_chinese_name_filters_as_you_type(page: SeniorsPage, type_into: TypeInto, qtbot: QtBot) -> None:
    type_into(page.search_box, "桂兰")
    # The search waits for a pause in typing, then filters without any button.
    qtbot.waitUntil(lambda: page.visible_names() == ["张桂兰"], timeout=2000)
    assert shown_count(page) == _("{n} seniors").format(n=1)


def test_typing_pinyin_initials_filters(page: SeniorsPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search_box, "zgl")
    page.flush_search()
    assert page.visible_names() == ["张桂兰"]
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "zhang")
    page.flush_search()
    assert sorted(page.visible_names()) == ["张建华", "张桂兰"]


def test_no_match_says_so_and_esc_clears(page: SeniorsPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search_box, "xyzq")
    page.flush_search()
    assert page.empty_label.isVisible()
    assert page.empty_label.text() == _("No senior matches “{q}”. Press Esc to clear the search.").format(q="xyzq")
    assert shown_count(page) == _("{n} seniors").format(n=0)
    assert not page.edit_button.isEnabled()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    page.flush_search()
    assert page.search_box.text() == ""
    assert len(page.visible_names()) == 5


def test_down_arrow_moves_into_table_and_enter_opens_the_detail_view(
    page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog
) -> None:
    qtbot.keyClicks(page.search_box, "zhang")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)  # flushes the pending search first
    assert QApplication.focusWidget() is page.table
    first = page.current_senior_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.current_senior_id()
    assert second is not None and second != first
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert dialogs.opened == [("detail", second)]
    assert QApplication.focusWidget() is page.table  # back in the list, ready for the next senior


def test_the_edit_button_still_opens_the_edit_form(page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog) -> None:
    target = page.current_senior_id()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.detail_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == [("senior", target), ("detail", target)]


def test_a_change_made_in_the_detail_view_shows_in_the_list(
    page: SeniorsPage, dialogs: DialogLog, center: CareCenter, admin: Actor, clock: Any
) -> None:
    target = page.current_senior_id()
    assert target is not None

    def pause(senior_id: int | None) -> SeniorDetail:
        assert senior_id == target
        return center.seniors.change_status(senior_id, Status.PAUSED, clock.today(), "住院", admin)

    dialogs.on_exec = pause
    page.open_detail()
    assert page.current_senior_id() == target
    assert page.table.currentIndex().siblingAtColumn(cols.COL_STATUS).data() == Status.PAUSED.label
    assert "已保存" in page.notice.text()


def test_typing_in_the_table_goes_back_to_the_search(page: SeniorsPage, qtbot: QtBot) -> None:
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClicks(page.table, "l")
    assert QApplication.focusWidget() is page.search_box
    assert page.search_box.text() == "l"


def test_member_number_and_enter_opens_that_senior(
    page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog, center: CareCenter
) -> None:
    target = center.seniors.id_by_member_no("M000004")
    qtbot.keyClicks(page.search_box, "M000004")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert dialogs.opened == [("detail", target)]


def test_unknown_member_number_says_so(page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog) -> None:
    qtbot.keyClicks(page.search_box, "M009999")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert dialogs.opened == []
    assert page.notice.text() == _("No senior has member number {no}.").format(no="M009999")


def test_enter_with_a_single_match_opens_it(page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog) -> None:
    qtbot.keyClicks(page.search_box, "lsz")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert [kind for kind, _id in dialogs.opened] == ["detail"]
    assert page.visible_names() == ["刘淑珍"]


def test_double_click_opens_the_row(page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog) -> None:
    rect = page.table.visualRect(page.model.index(2, cols.COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialogs.opened == [("detail", page.model.senior_id(2))]


def test_ctrl_n_adds_and_the_new_senior_is_selected(
    page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog, center: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    type_into(page.search_box, "王")  # a search that will not match the new senior
    page.flush_search()

    def save(senior_id: int | None) -> SeniorDetail:
        assert senior_id is None
        data = SeniorInput(name="赵玉梅", id_number=idnumber.make("410102", dt.date(1938, 5, 6), 24))
        return center.seniors.create(data, admin)

    dialogs.on_exec = save
    qtbot.keyClick(page.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialogs.opened == [("senior", None)])  # a shortcut "presses" the button briefly
    row = page.model.senior_row(page.table.currentIndex().row())
    assert row is not None and row.name == "赵玉梅"
    assert page.search_box.text() == ""  # widened so the new senior is visible
    assert shown_count(page) == _("{n} seniors").format(n=6)
    assert "赵玉梅" in page.notice.text()


def test_status_change_refreshes_and_explains_hidden_senior(
    page: SeniorsPage, qtbot: QtBot, dialogs: DialogLog, center: CareCenter, admin: Actor, clock: Any
) -> None:
    target = page.current_senior_id()
    assert target is not None

    def withdraw(senior_id: int | None) -> SeniorDetail:
        assert senior_id == target
        return center.seniors.change_status(senior_id, Status.WITHDRAWN, clock.today(), "搬走", admin)

    dialogs.on_exec = withdraw
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == [("status", target)]
    assert target not in page.model.ids()
    assert shown_count(page) == _("{n} seniors").format(n=4)
    assert Status.WITHDRAWN.label in page.notice.text()

    page.show_all.click()
    assert shown_count(page) == _("{n} seniors").format(n=5)
    row = page.model.row_of(target)
    assert row is not None
    assert page.current_senior_id() == target  # the senior just changed is selected when shown again
    index = page.model.index(row, cols.COL_STATUS)
    assert index.data() == Status.WITHDRAWN.label


def test_status_column_shows_each_status_distinctly(qtbot: QtBot, center: CareCenter, admin: Actor, clock: Any) -> None:
    active, paused, withdrawn, deceased = add_seniors(center, admin, ["甲一", "乙二", "丙三", "丁四"])
    today = clock.today()
    center.seniors.change_status(paused.id, Status.PAUSED, today, "住院", admin)
    center.seniors.change_status(withdrawn.id, Status.WITHDRAWN, today, "", admin)
    center.seniors.change_status(deceased.id, Status.DECEASED, today, "", admin)
    page = SeniorsPage(center, admin)
    qtbot.addWidget(page)
    page.show()
    assert set(page.model.ids()) == {active.id, paused.id}  # 在册 and 暂停 by default
    page.show_all.setChecked(True)
    colors = {}
    for senior, status in (
        (active, Status.ACTIVE),
        (paused, Status.PAUSED),
        (withdrawn, Status.WITHDRAWN),
        (deceased, Status.DECEASED),
    ):
        row = page.model.row_of(senior.id)
        assert row is not None
        index = page.model.index(row, cols.COL_STATUS)
        assert index.data() == status.label
        assert index.data(cols.SORT_ROLE) == status.value
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        colors[status] = brush.color().name() if isinstance(brush, QBrush) else None
    assert colors[Status.ACTIVE] is None
    assert len({colors[s] for s in (Status.PAUSED, Status.WITHDRAWN, Status.DECEASED)}) == 3


def test_empty_database_says_what_to_do(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    page = SeniorsPage(center, admin)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_label.isVisible()
    assert page.empty_label.text() == _("No seniors registered yet. Click “Add senior” to start.")
    assert page.add_button.isEnabled()
    assert not page.status_button.isEnabled()


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.SOCIAL_WORKER, Role.ADMIN])
def test_id_numbers_are_masked_in_the_list_for_every_role(
    qtbot: QtBot, center: CareCenter, admin: Actor, role: Role
) -> None:
    (senior,) = add_seniors(center, admin, ["张桂兰"])
    page = SeniorsPage(center, Actor("someone", role))
    qtbot.addWidget(page)
    page.show()
    shown = page.model.index(0, cols.COL_ID_NUMBER).data()
    assert shown == idnumber.mask(senior.id_number)
    assert shown != senior.id_number


def test_many_seniors_load_one_page_at_a_time(qtbot: QtBot, center: CareCenter, admin: Actor) -> None:
    add_seniors(
        center, admin, [f"王{'一二三四五六七八九十'[i % 10]}{'甲乙丙丁'[i // 10 % 4]}" for i in range(PAGE_SIZE + 30)]
    )
    page = SeniorsPage(center, admin)
    qtbot.addWidget(page)
    assert page.model.total() == 0  # built, not yet shown: nothing read (the main window builds every page)
    page.show()
    assert page.model.total() == PAGE_SIZE + 30
    assert page.model.rowCount() == PAGE_SIZE
    assert shown_count(page) == _("{n} seniors").format(n=PAGE_SIZE + 30)
    page.table.scrollToBottom()
    qtbot.keyClick(page.table, Qt.Key.Key_End)
    assert page.model.rowCount() == PAGE_SIZE + 30


class CountingSource:
    """A row source that remembers each fetch, to prove rows load lazily."""

    def __init__(self, rows: dict[int, SeniorRow]) -> None:
        self._rows = rows
        self.calls: list[int] = []

    def rows(self, ids: Sequence[int]) -> list[SeniorRow]:
        self.calls.append(len(ids))
        return [self._rows[i] for i in ids if i in self._rows]


def test_model_fetches_pages_only_when_asked(center: CareCenter, admin: Actor) -> None:
    saved = add_seniors(center, admin, ["张桂兰"])[0]
    base = center.seniors.rows([saved.id], admin)[0]
    rows = {i: SeniorRow(**{**base.__dict__, "id": i, "member_no": f"M{i:06d}"}) for i in range(1, 1001)}
    source = CountingSource(rows)
    model = SeniorTableModel(source, page_size=100)
    model.set_ids(list(rows))
    assert source.calls == [100]
    assert model.rowCount() == 100
    assert model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert source.calls == [100, 100]
    assert model.row_of(950) == 949
    assert model.rowCount() == 1000
    assert not model.canFetchMore(model.index(-1, -1))
    assert model.index(949, cols.COL_MEMBER_NO).data() == "M000950"
    assert model.index(949, cols.COL_MEMBER_NO).data(cols.ID_ROLE) == 950


def test_adding_through_the_real_dialog_lists_and_selects_the_new_senior(
    page: SeniorsPage, qtbot: QtBot, type_into: TypeInto
) -> None:
    from ui.dialogs.senior_dialog import SeniorDialog

    new_id = idnumber.make("410102", dt.date(1938, 5, 6), 24)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SeniorDialog)
        type_into(dialog.form.name_edit, "赵玉梅")
        qtbot.keyClicks(dialog.form.id_edit, new_id)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved is not None, dialog.banner.text()

    seen = on_modal(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    row = page.model.senior_row(page.table.currentIndex().row())
    assert row is not None and (row.name, row.id_number) == ("赵玉梅", idnumber.mask(new_id))  # lists mask for all
    assert shown_count(page) == _("{n} seniors").format(n=6)


def test_pausing_through_the_real_status_dialog_shows_the_new_status(
    page: SeniorsPage, qtbot: QtBot, type_into: TypeInto
) -> None:
    from ui.dialogs.status_dialog import StatusDialog

    target = page.current_senior_id()

    def pause(dialog: QWidget) -> None:
        assert isinstance(dialog, StatusDialog)
        dialog.choose(Status.PAUSED)
        type_into(dialog.reason_edit, "住院")
        assert dialog.save_button is not None
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved is not None, dialog.banner.text()

    seen = on_modal(pause)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert page.current_senior_id() == target  # 暂停 seniors stay listed, and selected
    index = page.table.currentIndex().siblingAtColumn(cols.COL_STATUS)
    assert index.data() == Status.PAUSED.label


def click_header(qtbot: QtBot, page: SeniorsPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_header_click_sorts_every_senior_then_reverses_then_returns(page: SeniorsPage, qtbot: QtBot) -> None:
    by_pinyin = ["李建国", "刘淑珍", "王秀英", "张桂兰", "张建华"]
    assert page.visible_names() == by_pinyin
    click_header(qtbot, page, cols.COL_AGE)  # youngest first: born latest
    assert page.visible_names() == ["刘淑珍", "张建华", "李建国", "王秀英", "张桂兰"]
    assert page.table.horizontalHeader().isSortIndicatorShown()
    click_header(qtbot, page, cols.COL_AGE)
    assert page.visible_names() == ["张桂兰", "王秀英", "李建国", "张建华", "刘淑珍"]
    click_header(qtbot, page, cols.COL_AGE)
    assert page.visible_names() == by_pinyin
    assert not page.table.horizontalHeader().isSortIndicatorShown()
    click_header(qtbot, page, cols.COL_PHONE)  # phones have no order: nothing changes
    assert page.visible_names() == by_pinyin


# ---- 同意书 and what each role is offered ------------------------------------------------


def record_consent(center: CareCenter, admin: Actor, names: Sequence[str]) -> None:
    """Record a consent (taken by a new staff member) for each current senior called one of ``names``."""
    worker = center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)
    for row in center.seniors.list(admin):
        if row.name in names:
            center.consent.record(row.id, TODAY, worker.id, admin)


def on_modal_soon(action: Callable[[QWidget], None], tries: int = 500) -> list[QWidget]:
    """``on_modal`` for a dialog that opens a moment later: a shortcut clicks its button after a short delay."""
    seen: list[QWidget] = []

    def poll(left: int) -> None:
        if QApplication.activeModalWidget() is not None:
            on_modal(action, seen)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))
    return seen


def test_only_without_consent_lists_exactly_those_and_follows_a_recorded_consent(
    page: SeniorsPage, qtbot: QtBot, center: CareCenter, admin: Actor, type_into: TypeInto
) -> None:
    from ui.dialogs.consent_dialog import ConsentDialog

    record_consent(center, admin, ["王秀英", "李建国"])
    qtbot.mouseClick(page.missing_consent, Qt.MouseButton.LeftButton)
    assert page.visible_names() == ["刘淑珍", "张桂兰", "张建华"]
    assert shown_count(page) == "3 位老人尚未签同意书"

    type_into(page.search_box, "张")  # the filter and the search narrow together
    page.flush_search()
    assert page.visible_names() == ["张桂兰", "张建华"]
    assert shown_count(page) == "2 位老人尚未签同意书"
    target = page.model.senior_id(0)

    def sign(dialog: QWidget) -> None:
        assert isinstance(dialog, ConsentDialog) and dialog.detail.id == target
        combo = dialog.form.staff_combo
        combo.setCurrentIndex(combo.findText("刘社工", Qt.MatchFlag.MatchStartsWith))
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
        assert dialog.state_text().startswith("已签署"), dialog.error_for("taken_by_staff_id")

    page.table.setFocus()
    seen = on_modal_soon(sign)
    qtbot.keyClick(page.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # Ctrl+T: 同意书
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert page.visible_names() == ["张建华"]
    assert shown_count(page) == "1 位老人尚未签同意书"
    assert "张桂兰" in page.notice.text() and "已签署" in page.notice.text()

    qtbot.mouseClick(page.missing_consent, Qt.MouseButton.LeftButton)
    assert page.visible_names() == ["张桂兰", "张建华"]
    assert shown_count(page) == _("{n} seniors").format(n=2)


def test_with_every_consent_on_record_the_filter_says_so(
    page: SeniorsPage, qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    record_consent(center, admin, ["张桂兰", "王秀英", "李建国", "张建华", "刘淑珍"])
    page.missing_consent.click()
    assert page.visible_names() == []
    assert shown_count(page) == "0 位老人尚未签同意书"
    assert page.empty_label.text() == "所有在册和暂停的老人都已签署同意书。"


def test_the_consent_button_is_next_to_edit_and_reachable_with_tab(page: SeniorsPage, qtbot: QtBot) -> None:
    assert page.consent_button.isVisible() and page.consent_button.isEnabled()
    assert page.status_button.nextInFocusChain() is page.consent_button
    assert page.missing_consent.nextInFocusChain() is page.add_button
    page.search_box.setText("无此人")
    page.flush_search()
    assert not page.consent_button.isEnabled()  # nobody selected


def test_front_desk_is_not_offered_change_status(
    qtbot: QtBot, center: CareCenter, admin: Actor, dialogs: DialogLog
) -> None:
    (senior,) = add_seniors(center, admin, ["张桂兰"])
    shown = {}
    for actor in (Actor("desk", Role.FRONT_DESK), Actor("social", Role.SOCIAL_WORKER), admin):
        widget = SeniorsPage(center, actor)
        qtbot.addWidget(widget)
        widget.show()
        shown[actor.role] = (widget.status_button.isVisible(), widget.consent_button.isVisible())
        widget.open_status()  # even when asked directly, nothing opens for the front desk
        widget.close()
    assert shown == {Role.FRONT_DESK: (False, True), Role.SOCIAL_WORKER: (True, True), Role.ADMIN: (True, True)}
    assert dialogs.opened == [("status", senior.id), ("status", senior.id)]
