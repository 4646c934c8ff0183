# mypy: disable-error-code="no-untyped-call"
"""The assessment form driven as a social worker uses it: clicking scores, reading the live total and level.

Today is 2026-11-22. Expected totals are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.care.health import HealthInput
from carecenter.care.incidents import IncidentInput
from carecenter.domain.vocab import CareLevel, IncidentKind, StaffPosition
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.core.test_assessments import MILD_66
from tests.ui.test_senior_dialog import answer_next_question
from ui.dialogs.assessment_dialog import AssessmentDialog

TypeInto = Callable[[QWidget, str], None]


@pytest.fixture
def senior(center: CareCenter, admin: Actor) -> int:
    return center.seniors.create(SeniorInput(name="张桂兰", id_number=an_id(dt.date(1940, 5, 1), 42)), admin).id


@pytest.fixture
def assessors(center: CareCenter, admin: Actor) -> tuple[int, int]:
    first = center.staff.create("刘芳", StaffPosition.SOCIAL_WORKER, admin)
    second = center.staff.create("王丽", StaffPosition.CAREGIVER, admin)
    return first.id, second.id


@pytest.fixture
def open_dialog(qtbot: QtBot, center: CareCenter, social_worker: Actor) -> Iterator[Callable[[int], AssessmentDialog]]:
    opened: list[AssessmentDialog] = []

    def _open(senior_id: int) -> AssessmentDialog:
        dialog = AssessmentDialog(center, social_worker, senior_id)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:  # close without the "discard?" question
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo_owner: AssessmentDialog, which: str, staff_id: int) -> None:
    combo = combo_owner.assessor1_combo if which == "first" else combo_owner.assessor2_combo
    combo.setCurrentIndex(combo.findData(staff_id))


def choose_instrument(dialog: AssessmentDialog, code: str) -> None:
    dialog.instrument_combo.setCurrentIndex(dialog.instrument_combo.findData(code))


def test_clicking_scores_updates_the_total_and_level_and_save_stores_it(
    open_dialog: Callable[[int], AssessmentDialog],
    qtbot: QtBot,
    type_into: TypeInto,
    center: CareCenter,
    social_worker: Actor,
    senior: int,
    assessors: tuple[int, int],
) -> None:
    dialog = open_dialog(senior)
    assert dialog.instrument_combo.currentText() == "老年人能力评估（GB/T 42195-2022）"
    assert (dialog.total_label.text(), dialog.band_label.text()) == ("0 / 90", "—")
    assert dialog.progress_label.text() == "共 26 项，还有 26 项未评分"
    assert (dialog.risk_label.text(), dialog.dementia_check.isChecked()) == ("0 次", False)
    choose(dialog, "first", assessors[0])
    choose(dialog, "second", assessors[1])

    items = dialog.items()
    codes = list(MILD_66)
    for code in codes[:-1]:
        click(qtbot, items.button(code, MILD_66[code]))
    # everything but social interaction (4): 66 − 4 = 62, one item still open, so no level yet
    assert (dialog.total_label.text(), dialog.band_label.text()) == ("62 / 90", "—")
    assert dialog.progress_label.text() == "共 26 项，还有 1 项未评分"
    click(qtbot, items.button("social", 4))
    assert (dialog.total_label.text(), dialog.band_label.text()) == ("66 / 90", "轻度失能")
    assert dialog.progress_label.isHidden()
    assert (dialog.adjusted_label.text(), dialog.adjusted_reason.text()) == ("轻度失能", "无需调整")

    click(qtbot, dialog.dementia_check)
    assert (dialog.adjusted_label.text(), dialog.adjusted_reason.text()) == (
        "中度失能",
        "降一级：确诊痴呆或其他精神障碍",
    )
    click(qtbot, items.button("social", 3))  # 66 − 1 = 65: 中度失能 by the total, 重度失能 after the adjustment
    assert (dialog.total_label.text(), dialog.band_label.text()) == ("65 / 90", "中度失能")
    assert (dialog.adjusted_label.text(), dialog.adjusted_reason.text()) == (
        "重度失能",
        "降一级：确诊痴呆或其他精神障碍",
    )

    type_into(dialog.notes_edit, "入户评估")
    click(qtbot, dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    saved = center.assessments.history(senior, social_worker)
    assert [(a.total, a.result_label, a.adjusted_level, a.notes) for a in saved] == [
        (65, "中度失能", CareLevel.SEVERE, "入户评估")
    ]
    assert (saved[0].assessor1_name, saved[0].assessor2_name, saved[0].dementia) == ("刘芳", "王丽", True)


def test_the_incident_count_follows_the_date_and_two_make_the_level_worse(
    open_dialog: Callable[[int], AssessmentDialog],
    qtbot: QtBot,
    center: CareCenter,
    admin: Actor,
    senior: int,
) -> None:
    for day in (dt.date(2026, 11, 1), dt.date(2026, 10, 20)):
        center.incidents.record(senior, IncidentInput(IncidentKind.FALL, day, "跌倒"), admin)
    dialog = open_dialog(senior)
    for code, score in MILD_66.items():
        dialog.items().set_score(code, score)
    # today 2026-11-22 counts 2026-10-23 … 2026-11-21: only the fall of 11-01
    assert (dialog.risk_label.text(), dialog.adjusted_label.text()) == ("1 次", "轻度失能")
    dialog.date_edit.line.selectAll()
    qtbot.keyClicks(dialog.date_edit.line, "2026-11-10")  # counts 2026-10-11 … 2026-11-09: both falls
    assert dialog.risk_label.text() == "2 次"
    assert (dialog.adjusted_label.text(), dialog.adjusted_reason.text()) == (
        "中度失能",
        "降一级：评估前 30 天内发生 2 次照护风险事件",
    )
    dialog.items().set_score("stairs", 0)  # 66 − 3 = 63: 中度失能 by the total
    dialog.items().set_score("social", 0)  # 63 − 4 = 59
    for code in ("memory", "understanding", "expression", "orient_time", "orient_place", "orient_person"):
        dialog.items().set_score(code, 0)  # 59 − 24 = 35: 重度失能, one worse is 完全失能
    for code in ("aggression", "depression", "consciousness", "vision", "hearing"):
        dialog.items().set_score(code, 0)  # 35 − 1 − 1 − 2 − 2 − 2 = 27: 完全失能 already
    assert (dialog.total_label.text(), dialog.band_label.text()) == ("27 / 90", "完全失能")
    assert (dialog.adjusted_label.text(), dialog.adjusted_reason.text()) == (
        "完全失能",
        "已是最重等级（评估前 30 天内发生 2 次照护风险事件）",
    )


def test_digit_keys_score_item_after_item(
    open_dialog: Callable[[int], AssessmentDialog], qtbot: QtBot, senior: int
) -> None:
    dialog = open_dialog(senior)
    items = dialog.items()
    items.first_button().setFocus()
    # self-care 4 4 3 3 2 2 1 1 = 20, mobility 4 4 4 3 = 15
    for digit in "44332211" + "4443":
        qtbot.keyClick(QDialog.focusWidget(dialog), digit)
    assert items.scores() == {
        "feeding": 4,
        "grooming": 4,
        "bathing": 3,
        "dress_upper": 3,
        "dress_lower": 2,
        "bladder": 2,
        "bowels": 1,
        "toilet": 1,
        "bed_position": 4,
        "transfer": 4,
        "walking": 4,
        "stairs": 3,
    }
    assert dialog.total_label.text() == "35 / 90"
    focused = QDialog.focusWidget(dialog)
    assert focused is items.button("orient_time", 4)  # the next item waits for its score
    qtbot.keyClick(focused, "9")  # not a score of this item: nothing happens
    assert "orient_time" not in items.scores()
    dialog.activateWindow()  # arrow keys move the application's focus, which needs the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(focused, Qt.Key.Key_Right)  # arrows move along the item's scores, Space chooses
    assert QDialog.focusWidget(dialog) is items.button("orient_time", 3)
    qtbot.keyClick(items.button("orient_time", 3), Qt.Key.Key_Space)
    assert items.scores()["orient_time"] == 3
    assert dialog.total_label.text() == "38 / 90"  # 35 + 3
    qtbot.keyClick(items.button("orient_time", 3), Qt.Key.Key_Right)  # once scored, the arrows change the score
    assert (items.scores()["orient_time"], dialog.total_label.text()) == (2, "37 / 90")
    items.button("stairs", 0).setFocus(Qt.FocusReason.TabFocusReason)  # Tab into a scored item lands on its score
    assert QDialog.focusWidget(dialog) is items.button("stairs", 3)


def test_barthel_has_its_own_scores_band_and_no_adjustment(
    open_dialog: Callable[[int], AssessmentDialog], qtbot: QtBot, senior: int
) -> None:
    dialog = open_dialog(senior)
    click(qtbot, dialog.items().button("feeding", 2))
    choose_instrument(dialog, "barthel")
    barthel = dialog.items()
    assert [b.text() for b in (barthel.button("transfer", s) for s in (15, 10, 5, 0))] == ["15", "10", "5", "0"]
    for code in ("feeding", "dressing", "bowels", "bladder", "toilet", "stairs"):
        click(qtbot, barthel.button(code, 10))
    for code in ("bathing", "grooming"):
        click(qtbot, barthel.button(code, 0))
    click(qtbot, barthel.button("transfer", 15))
    click(qtbot, barthel.button("walking", 5))
    # 6×10 + 0 + 0 + 15 + 5 = 80
    assert (dialog.total_label.text(), dialog.band_caption.text(), dialog.band_label.text()) == (
        "80 / 100",
        "依赖程度",
        "轻度依赖",
    )
    assert dialog.adjusted_label.isHidden() and dialog.risk_label.isHidden() and dialog.adjusted_reason.isHidden()
    choose_instrument(dialog, "gbt42195")
    assert dialog.items().scores() == {"feeding": 2}  # each instrument keeps its own scores
    assert dialog.total_label.text() == "2 / 90"


def test_refusals_show_next_to_their_fields_and_nothing_is_saved(
    open_dialog: Callable[[int], AssessmentDialog],
    qtbot: QtBot,
    center: CareCenter,
    social_worker: Actor,
    senior: int,
    assessors: tuple[int, int],
) -> None:
    dialog = open_dialog(senior)
    choose(dialog, "first", assessors[0])
    choose(dialog, "second", assessors[0])
    for code, score in MILD_66.items():
        if code not in ("vision", "hearing"):
            click(qtbot, dialog.items().button(code, score))
    dialog.date_edit.line.selectAll()
    qtbot.keyClicks(dialog.date_edit.line, "2026-11-23")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.error_for("scores.vision") == "请选择得分"
    assert dialog.error_for("scores.hearing") == "请选择得分"
    assert dialog.error_for("scores.feeding") == ""
    assert dialog.error_for("assessed_on") == "不能晚于今天"
    assert dialog.error_for("assessor2_id") == "不能与评估员一是同一人"
    assert dialog.banner.text() == "有 2 项得分需要处理，见各项旁的红字。"
    click(qtbot, dialog.items().button("vision", 2))
    assert dialog.error_for("scores.vision") == ""  # choosing a score clears its message
    assert center.assessments.history(senior, social_worker) == []


def test_dementia_starts_from_the_health_record(
    open_dialog: Callable[[int], AssessmentDialog], center: CareCenter, admin: Actor, senior: int
) -> None:
    center.health.update(senior, HealthInput(dementia=True), admin)
    dialog = open_dialog(senior)
    assert dialog.dementia_check.isChecked()


def test_esc_asks_before_dropping_scores(
    open_dialog: Callable[[int], AssessmentDialog], qtbot: QtBot, senior: int
) -> None:
    dialog = open_dialog(senior)
    click(qtbot, dialog.items().button("feeding", 4))
    questions = answer_next_question("继续填写")
    dialog.reject()
    assert questions == ["这份评估还没有保存。关闭并放弃吗？"]
    assert dialog.isVisible()
    answer_next_question("放弃")
    dialog.reject()
    assert not dialog.isVisible()
