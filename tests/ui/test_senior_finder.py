"""The desk's search line: initials + Enter choose the best match; a scanned card chooses at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.desk.finder import DeskSenior
from carecenter.domain.vocab import DietFlag, Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from ui.widgets.senior_finder import SeniorFinder


def make(cc: CareCenter, actor: Actor, qtbot: QtBot) -> tuple[SeniorFinder, list[DeskSenior]]:
    finder = SeniorFinder(cc, actor)
    qtbot.addWidget(finder)
    finder.show()
    chosen: list[DeskSenior] = []
    finder.chosen.connect(chosen.append)
    return finder, chosen


def register(cc: CareCenter, actor: Actor, name: str, seq: int, flags: frozenset[DietFlag] = frozenset()) -> int:
    data = SeniorInput(
        name=name, id_number=an_id(dt.date(1940, 1, 8), seq), registered_on=dt.date(2025, 1, 1), diet_flags=flags
    )
    return cc.seniors.create(data, actor).id


def test_initials_and_enter_choose_the_first_card(
    center: CareCenter, front_desk: Actor, qtbot: QtBot, type_into: Callable[[QWidget, str], None]
) -> None:
    register(center, front_desk, "张桂兰", 11, frozenset({DietFlag.HALAL}))
    register(center, front_desk, "张桂芝", 13)
    finder, chosen = make(center, front_desk, qtbot)
    type_into(finder.box, "zg")
    shown = finder.result_texts()
    assert len(shown) == 2 and "张桂兰" in shown[0] and "清真" in shown[0]
    qtbot.keyClick(finder.box, Qt.Key.Key_Down)
    qtbot.keyClick(finder.box, Qt.Key.Key_Return)
    assert [c.name for c in chosen] == ["张桂芝"]
    assert finder.box.text() == "" and finder.result_texts() == []  # ready for the next senior


def test_a_scanned_member_number_chooses_without_enter(
    center: CareCenter, front_desk: Actor, qtbot: QtBot, type_into: Callable[[QWidget, str], None]
) -> None:
    senior_id = register(center, front_desk, "李建国", 21)
    member_no = center.desk.card(senior_id, front_desk).member_no
    finder, chosen = make(center, front_desk, qtbot)
    type_into(finder.box, member_no)
    assert [c.id for c in chosen] == [senior_id]
    qtbot.keyClick(finder.box, Qt.Key.Key_Return)  # the scanner's own Enter lands on an empty box
    assert len(chosen) == 1


def test_nobody_found_and_ended_seniors_are_said_plainly(
    center: CareCenter, front_desk: Actor, admin: Actor, qtbot: QtBot, type_into: Callable[[QWidget, str], None]
) -> None:
    senior_id = register(center, front_desk, "王秀英", 31)
    center.seniors.change_status(senior_id, Status.DECEASED, dt.date(2026, 10, 3), "病故", admin)
    finder, chosen = make(center, front_desk, qtbot)
    type_into(finder.box, "qqq")
    assert finder.message.text() == "没有找到“qqq”"
    finder.box.clear()
    type_into(finder.box, "wxy")
    assert "【去世】" in finder.result_texts()[0]
    assert chosen == []
