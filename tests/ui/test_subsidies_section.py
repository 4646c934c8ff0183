"""The 补贴 tab of the senior detail view: is she eligible this month, for how much, and why (or why not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.domain.vocab import Residence
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from ui.pages.senior_detail import SeniorDetailDialog
from ui.sections.subsidies_section import COL_RESULT, SubsidiesSection

REGISTERED = dt.date(2025, 1, 6)


def _senior(cc: CareCenter, actor: Actor, name: str, birth: dt.date, seq: int, residence: Residence) -> int:
    data = SeniorInput(name=name, id_number=an_id(birth, seq), registered_on=REGISTERED, residence=residence)
    return cc.seniors.create(data, actor).id


@pytest.fixture
def section(qtbot: QtBot, center: CareCenter, front_desk: Actor) -> Iterator[SubsidiesSection]:
    widget = SubsidiesSection(center, front_desk)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    yield widget


def test_a_local_86_year_old_receives_the_allowance_and_the_meal_subsidy(
    section: SubsidiesSection, center: CareCenter, admin: Actor
) -> None:
    senior_id = _senior(center, admin, "赵德明", dt.date(1940, 5, 5), 13, Residence.LOCAL)
    section.load(senior_id)
    assert section.chooser.label.text() == "2026年11月"
    assert section.rows() == [
        ("高龄津贴", "享受", "100.00 元/月", "于2020-05-05年满80周岁，自次月起享受80–89周岁高龄津贴"),
        ("居家养老服务补贴", "不享受", "—", "无低保、特困或低收入类别"),
        ("助餐补贴", "享受", "3.00 元/餐", "于2020-05-05年满80周岁，自次月起享受80周岁以上助餐补贴"),
    ]
    model = section.table.model()
    colours = [model.index(row, COL_RESULT).data(Qt.ItemDataRole.ForegroundRole).name() for row in range(3)]
    assert colours == ["#1b5e20", "#b71c1c", "#1b5e20"]


def test_an_outsider_gets_no_allowance_and_is_told_why(
    section: SubsidiesSection, center: CareCenter, admin: Actor
) -> None:
    senior_id = _senior(center, admin, "钱玉兰", dt.date(1941, 3, 8), 22, Residence.NONLOCAL)
    section.load(senior_id)
    assert section.rows()[0] == ("高龄津贴", "不享受", "—", "外地户籍不享受高龄津贴")


def test_the_month_chooser_shows_when_the_allowance_begins(
    section: SubsidiesSection, center: CareCenter, admin: Actor
) -> None:
    senior_id = _senior(center, admin, "张桂兰", dt.date(1946, 10, 15), 24, Residence.LOCAL)
    section.load(senior_id)
    assert section.rows()[0][:3] == ("高龄津贴", "享受", "100.00 元/月")
    assert not section.chooser.this_month_button.isEnabled()
    section.chooser.prev_button.click()
    assert section.chooser.label.text() == "2026年10月" and section.chooser.this_month_button.isEnabled()
    assert section.rows()[0] == ("高龄津贴", "不享受", "—", "2026-10-15年满80周岁，次月（2026年11月）起享受")
    section.chooser.this_month_button.click()
    assert section.chooser.label.text() == "2026年11月" and section.rows()[0][1] == "享受"


def test_the_detail_view_has_the_subsidy_tab_for_every_role(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior_id = _senior(center, admin, "赵德明", dt.date(1940, 5, 5), 13, Residence.LOCAL)
    view = SeniorDetailDialog(center, front_desk, senior_id)
    try:
        view.show()
        assert view.tab_titles()[-1] == "补贴"
        assert view.show_section(SubsidiesSection)
        tab = view.section(SubsidiesSection)
        assert isinstance(tab, SubsidiesSection)
        assert tab.rows()[0][:3] == ("高龄津贴", "享受", "100.00 元/月")
    finally:
        view.done(QDialog.DialogCode.Rejected)
        view.deleteLater()
