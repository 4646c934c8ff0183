# mypy: disable-error-code="no-untyped-call"
"""The 能力评估 section of the senior detail view: care level with its source, history, trend, 新增评估."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.domain.vocab import CareLevel, StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.core.test_assessments import MILD_66
from tests.core.test_instruments import BARTHEL_BEST, GBT_BEST
from tests.ui.conftest import on_modal
from ui.dialogs.assessment_dialog import AssessmentDialog
from ui.sections.assessments_section import AssessmentsSection


def make_section(qtbot: QtBot, center: CareCenter, actor: Actor, senior_id: int) -> AssessmentsSection:
    section = AssessmentsSection(center, actor)
    qtbot.addWidget(section)
    section.resize(1100, 640)
    section.load(senior_id)
    section.show()
    return section


def setup(center: CareCenter, admin: Actor, care_level: CareLevel | None = None) -> tuple[int, int, int]:
    senior = center.seniors.create(
        SeniorInput(name="张桂兰", id_number=an_id(dt.date(1940, 5, 1), 42), care_level=care_level), admin
    ).id
    first = center.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, admin).id
    second = center.staff.create("王丽", StaffPosition.CAREGIVER, admin).id
    return senior, first, second


def test_a_senior_never_assessed_shows_the_entered_level_and_an_empty_history(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior, _first, _second = setup(center, admin, CareLevel.SEVERE)
    section = make_section(qtbot, center, front_desk, senior)
    assert section.title() == "能力评估"
    assert section.level_label.text() == "照护等级：重度失能（登记时录入，尚无 GB/T 42195 评估）"
    assert section.barthel_label.text() == "Barthel 指数：未评估"
    assert section.model.rowCount() == 0
    assert section.scores_label.text() == "暂无评估记录"
    assert section.chart.series() == []
    assert section.new_button.isHidden()  # the front desk reads, social workers assess
    section.chart.grab()  # the empty chart draws its message


def test_history_newest_first_with_the_level_from_gbt_and_barthel_beside_it(
    qtbot: QtBot, center: CareCenter, admin: Actor, front_desk: Actor
) -> None:
    senior, first, second = setup(center, admin, CareLevel.SEVERE)
    older = dt.date(2026, 5, 20)
    newer = dt.date(2026, 11, 2)
    center.assessments.record(senior, AssessmentInput("gbt42195", older, first, second, GBT_BEST), admin)
    center.assessments.record(senior, AssessmentInput("gbt42195", newer, first, second, MILD_66, True), admin)
    barthel = {**BARTHEL_BEST, "stairs": 5, "bathing": 0}  # 100 − 5 − 5 = 90
    center.assessments.record(senior, AssessmentInput("barthel", newer, first, second, barthel), admin)
    section = make_section(qtbot, center, front_desk, senior)

    assert section.level_label.text() == "照护等级：中度失能（依据 2026-11-02 的 GB/T 42195 评估）"
    assert section.barthel_label.text() == "Barthel 指数：轻度依赖（90 分，2026-11-02）"
    rows = [[section.model.display_text(r, c) for c in range(7)] for r in range(section.model.rowCount())]
    assert rows == [
        ["2026-11-02", "Barthel", "90 / 100", "轻度依赖", "", "刘芳、王丽", ""],
        ["2026-11-02", "GB/T 42195", "66 / 90", "轻度失能", "中度失能", "刘芳、王丽", ""],
        ["2026-05-20", "GB/T 42195", "90 / 90", "能力完好", "能力完好", "刘芳、王丽", ""],
    ]
    tip = section.model.data(section.model.index(1, 4), Qt.ItemDataRole.ToolTipRole)
    assert tip == "降一级：确诊痴呆或其他精神障碍"
    assert "上下楼梯</td>" in section.scores_label.text()  # the newest row is selected, its scores shown
    section.table.selectRow(1)
    assert "2026-11-02 评估（GB/T 42195）各项得分" in section.scores_label.text()
    assert "穿/脱裤子和鞋袜" in section.scores_label.text()
    assert section.chart.describe() == "GB/T 42195：2026-05-20 90，2026-11-02 66\nBarthel：2026-11-02 90"
    section.chart.grab()


def test_new_assessment_saved_from_the_section_appears_and_signals_the_view(
    qtbot: QtBot, center: CareCenter, admin: Actor, social_worker: Actor
) -> None:
    senior, first, second = setup(center, admin)
    section = make_section(qtbot, center, social_worker, senior)
    assert section.level_label.text() == "照护等级：未评估"
    assert section.new_button.isVisible()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AssessmentDialog)
        dialog.assessor1_combo.setCurrentIndex(dialog.assessor1_combo.findData(first))
        dialog.assessor2_combo.setCurrentIndex(dialog.assessor2_combo.findData(second))
        for code, score in {**GBT_BEST, "social": 0, "transport": 0}.items():  # 90 − 4 − 3 = 83
            qtbot.mouseClick(dialog.items().button(code, score), Qt.MouseButton.LeftButton)
        assert (dialog.total_label.text(), dialog.band_label.text()) == ("83 / 90", "轻度失能")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    seen = on_modal(fill)
    with qtbot.waitSignal(section.changed, timeout=5000):
        qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert section.level_label.text() == "照护等级：轻度失能（依据 2026-11-22 的 GB/T 42195 评估）"
    assert [section.model.display_text(0, c) for c in range(5)] == [
        "2026-11-22",
        "GB/T 42195",
        "83 / 90",
        "轻度失能",
        "轻度失能",
    ]
    assert section.chart.describe() == "GB/T 42195：2026-11-22 83"


def test_cancelling_the_form_changes_nothing(
    qtbot: QtBot, center: CareCenter, admin: Actor, social_worker: Actor
) -> None:
    senior, _first, _second = setup(center, admin)
    section = make_section(qtbot, center, social_worker, senior)
    changed: list[bool] = []
    section.changed.connect(lambda: changed.append(True))
    on_modal(lambda dialog: None)  # closed untouched
    assert section.new_assessment() is None
    assert (changed, section.model.rowCount()) == ([], 0)
