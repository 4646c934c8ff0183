# mypy: disable-error-code="no-untyped-call"
"""The incident dialog and the 事件记录 tab, driven as staff use them: choose, type, save, read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.incidents import IncidentInfo, IncidentInput
from carecenter.domain.vocab import IncidentKind
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id
from tests.ui.conftest import on_modal
from tests.ui.test_senior_dialog import answer_next_question
from ui.dialogs.incident_dialog import IncidentDialog
from ui.sections import incidents_section as cols
from ui.sections.incidents_section import IncidentsSection

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def senior_id(center: CareCenter, admin: Actor) -> int:
    data = SeniorInput(name="张桂兰", id_number=an_id(dt.date(1944, 3, 2), 11), registered_on=dt.date(2026, 1, 5))
    return center.seniors.create(data, admin).id


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter) -> Iterator[Callable[..., IncidentDialog]]:
    opened: list[IncidentDialog] = []

    def _open(actor: Actor, senior_id: int, incident: IncidentInfo | None = None) -> IncidentDialog:
        dialog = IncidentDialog(center, actor, senior_id, incident)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:  # close without the "discard?" question
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def choose(dialog: IncidentDialog, kind: IncidentKind) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText(kind.label))


def set_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace a date field's text as a user would: select all, type."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def save(qtbot: QtBot, dialog: IncidentDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_the_front_desk_records_a_fall(
    open_dialog: Callable[..., IncidentDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    front_desk: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    assert dialog.windowTitle() == "记录事件：张桂兰"
    assert dialog.chosen_kind() is None  # nobody files a fall by accident
    assert dialog.occurred_edit.text() == TODAY.isoformat()
    choose(dialog, IncidentKind.FALL)
    assert dialog.rows["kind"].info_text() == "护理风险事件：评估前 30 天内发生两次，能力等级降一级。"
    assert not dialog.ended_edit.isEnabled()
    set_text(qtbot, dialog.occurred_edit.line, "2026.11.20")
    type_into(dialog.description_edit, "在卫生间滑倒，右膝擦伤")
    type_into(dialog.action_edit, "消毒包扎，通知儿子")
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = center.incidents.for_senior(senior_id, front_desk)
    assert dialog.saved == stored
    assert (stored.kind, stored.occurred_on, stored.description, stored.action_taken, stored.created_by) == (
        IncidentKind.FALL,
        dt.date(2026, 11, 20),
        "在卫生间滑倒，右膝擦伤",
        "消毒包扎，通知儿子",
        "test-desk",
    )


def test_refusals_are_shown_under_their_fields_and_nothing_is_saved(
    open_dialog: Callable[..., IncidentDialog],
    qtbot: QtBot,
    center: CareCenter,
    front_desk: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    set_text(qtbot, dialog.occurred_edit.line, "2026-13-01")
    save(qtbot, dialog)
    assert dialog.error_for("kind") == "请选择事件类别"
    assert dialog.error_for("occurred_on") == "2026-13-01 这一天不存在"
    assert dialog.isVisible()

    choose(dialog, IncidentKind.OTHER)
    assert dialog.error_for("kind") == ""  # choosing clears the message
    assert dialog.rows["kind"].info_text() == ""  # not a care-risk incident
    set_text(qtbot, dialog.occurred_edit.line, "2026-11-23")
    save(qtbot, dialog)
    assert dialog.error_for("occurred_on") == "不能晚于今天"
    assert dialog.error_for("description") == "必须填写"
    assert center.incidents.for_senior(senior_id, front_desk) == []


def test_a_hospital_stay_has_an_end_date_only_it_can_have(
    open_dialog: Callable[..., IncidentDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    admin: Actor,
    senior_id: int,
) -> None:
    dialog = open_dialog(admin, senior_id)
    choose(dialog, IncidentKind.HOSPITAL)
    assert dialog.ended_edit.isEnabled()
    assert dialog.rows["ended_on"].info_text() == "仍在住院时请留空。"
    set_text(qtbot, dialog.occurred_edit.line, "2026-11-10")
    set_text(qtbot, dialog.ended_edit.line, "2026-11-09")
    type_into(dialog.description_edit, "肺炎住院")
    save(qtbot, dialog)
    assert dialog.error_for("ended_on") == "不能早于住院开始日（2026-11-10）"
    set_text(qtbot, dialog.ended_edit.line, "2026-11-18")
    save(qtbot, dialog)
    assert dialog.saved is not None and dialog.saved.ended_on == dt.date(2026, 11, 18)

    other = open_dialog(admin, senior_id)
    choose(other, IncidentKind.HOSPITAL)
    set_text(qtbot, other.ended_edit.line, "2026-11-18")
    choose(other, IncidentKind.FALL)  # a fall has no end date: the field empties and locks
    assert (other.ended_edit.text(), other.ended_edit.isEnabled()) == ("", False)


def test_correcting_an_incident_starts_from_what_was_recorded(
    open_dialog: Callable[..., IncidentDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    admin: Actor,
    social_worker: Actor,
    senior_id: int,
) -> None:
    info = center.incidents.record(
        senior_id, IncidentInput(IncidentKind.HOSPITAL, dt.date(2026, 11, 10), "肺炎住院"), admin
    )
    dialog = open_dialog(social_worker, senior_id, info)
    assert dialog.windowTitle() == "修改事件：张桂兰"
    assert (dialog.chosen_kind(), dialog.occurred_edit.text(), dialog.ended_edit.text()) == (
        IncidentKind.HOSPITAL,
        "2026-11-10",
        "",
    )
    assert dialog.description_edit.toPlainText() == "肺炎住院"
    set_text(qtbot, dialog.ended_edit.line, "2026-11-20")
    type_into(dialog.action_edit, "出院回家，社工家访")
    save(qtbot, dialog)
    again = center.incidents.get(info.id, admin)
    assert (again.ended_on, again.action_taken, again.updated_by) == (
        dt.date(2026, 11, 20),
        "出院回家，社工家访",
        "test-social",
    )


def test_closing_with_typing_asks_first(
    open_dialog: Callable[..., IncidentDialog], type_into: TypeInto, front_desk: Actor, senior_id: int
) -> None:
    dialog = open_dialog(front_desk, senior_id)
    type_into(dialog.description_edit, "走失")
    seen = answer_next_question(_("Keep editing"))
    dialog.reject()
    assert seen == ["事件还没有保存。关闭并放弃吗？"]
    assert dialog.isVisible()
    answer_next_question(_("Discard"))
    dialog.reject()
    assert not dialog.isVisible()


# ---- the 事件记录 tab ---------------------------------------------------------------------------


@pytest.fixture
def section(qtbot: QtBot, center: CareCenter, front_desk: Actor) -> IncidentsSection:
    widget = IncidentsSection(center, front_desk)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    return widget


def rows(section: IncidentsSection) -> list[list[str]]:
    model = section.model
    return [
        [model.display_text(r, c) for c in (cols.COL_DATE, cols.COL_KIND, cols.COL_ENDED, cols.COL_DESCRIPTION)]
        for r in range(model.rowCount())
    ]


def test_the_tab_lists_newest_first_and_counts_recent_risks(
    section: IncidentsSection, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    section.load(senior_id)
    assert section.title() == "事件记录"
    assert section.empty_label.isVisible() and not section.table.isVisible()
    for kind, day, text in (
        (IncidentKind.FALL, dt.date(2026, 10, 1), "九月底跌倒"),  # 52 days ago: outside the 30 days
        (IncidentKind.HOSPITAL, dt.date(2026, 11, 5), "住院"),
        (IncidentKind.CHOKING, dt.date(2026, 11, 12), "进餐噎食"),
        (IncidentKind.WANDERING, TODAY, "外出走失，\n派出所找回"),
    ):
        center.incidents.record(senior_id, IncidentInput(kind, day, text), admin)
    section.load(senior_id)
    assert rows(section) == [
        ["2026-11-22", "走失", "", "外出走失， 派出所找回"],
        ["2026-11-12", "噎食", "", "进餐噎食"],
        ["2026-11-05", "住院", "仍在住院", "住院"],
        ["2026-10-01", "跌倒", "", "九月底跌倒"],
    ]
    assert section.summary.text() == "共 4 条；近 30 天护理风险事件 2 次"
    kind_cell = section.model.index(0, cols.COL_KIND)
    assert kind_cell.data(Qt.ItemDataRole.ForegroundRole).name() == "#e65100"
    assert section.model.index(2, cols.COL_KIND).data(Qt.ItemDataRole.ForegroundRole) is None


def test_recording_from_the_tab_reloads_it_and_tells_the_view(
    qtbot: QtBot, section: IncidentsSection, type_into: TypeInto, center: CareCenter, senior_id: int
) -> None:
    section.load(senior_id)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        choose(dialog, IncidentKind.FALL)
        type_into(dialog.description_edit, "起夜跌倒")
        save(qtbot, dialog)

    seen = on_modal(fill)
    with qtbot.waitSignal(section.changed):
        assert section.record() is True
    assert len(seen) == 1
    assert rows(section) == [["2026-11-22", "跌倒", "", "起夜跌倒"]]
    assert section.edit_button.isEnabled()


def test_enter_on_a_row_opens_it_for_correction(
    qtbot: QtBot, section: IncidentsSection, center: CareCenter, admin: Actor, senior_id: int
) -> None:
    center.incidents.record(senior_id, IncidentInput(IncidentKind.OTHER, TODAY, "情绪低落"), admin)
    section.load(senior_id)
    titles: list[str] = []
    on_modal(lambda dialog: titles.append(dialog.windowTitle()))
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert titles == ["修改事件：张桂兰"]
