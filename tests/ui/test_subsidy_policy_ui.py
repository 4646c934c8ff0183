# mypy: disable-error-code="no-untyped-call"
"""设置 › 补贴政策 driven as an administrator uses it: read the rules, add a version, be refused, change a price."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QGroupBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from carecenter.actor import Actor
from carecenter.facade import CareCenter
from carecenter.subsidies.policy import MealType
from tests.core.test_subsidy_policy import approve, audit_count, elderly
from tests.ui.conftest import on_modal
from tests.ui.test_senior_dialog import answer_next_question
from ui.dialogs import tier_table as cols
from ui.dialogs.meal_price_dialog import MealPriceDialog
from ui.dialogs.rule_version_dialog import RuleVersionDialog
from ui.dialogs.settings_dialog import SettingsPanel
from ui.dialogs.subsidy_policy_box import SubsidyPolicyBox
from ui.dialogs.tier_table import TierTable

TypeInto = Callable[[QWidget, str], None]
D = dt.date
ELDERLY, MEALS = "elderly_allowance", "meal_subsidy"
NOTE = "默认政策，请按本地标准核对"
SHIPPED = "系统默认\n2026-11-22 09:00"
SHIPPED_PRICE = "系统默认，2026-11-22 09:00"
ELDERLY_WORDS = "条件：本地户籍，80周岁以上\n档次：80–89周岁 {low}元；90–99周岁 200.00元；100周岁以上 300.00元"


@pytest.fixture
def box(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[SubsidyPolicyBox]:
    panel = SettingsPanel(center, actor=admin)  # held here: the box lives as long as its page
    qtbot.addWidget(panel)
    assert panel.policy_box is not None
    yield panel.policy_box


@pytest.fixture
def open_form(qtbot: QtBot, center: CareCenter, admin: Actor) -> Iterator[Callable[[str], RuleVersionDialog]]:
    opened: list[RuleVersionDialog] = []

    def _open(code: str) -> RuleVersionDialog:
        dialog = RuleVersionDialog(center, admin, code)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield _open
    for dialog in opened:  # close without the "discard?" question
        dialog.done(QDialog.DialogCode.Rejected)
        dialog.deleteLater()


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_in_cell(qtbot: QtBot, type_into: TypeInto, tiers: TierTable, row: int, column: int, text: str) -> None:
    """Select a cell, start editing it, replace its text by typing, press Enter."""
    table = tiers.table
    table.setCurrentCell(row, column)
    item = table.item(row, column)
    assert item is not None
    table.editItem(item)
    editor = table.indexWidget(table.model().index(row, column))  # the open editor
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_into(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits the text in a queued call


def test_an_admin_sees_the_rules_with_their_figures_and_history(box: SubsidyPolicyBox) -> None:
    assert box.title() == "补贴政策"
    assert box.rule_rows() == [
        [
            "高龄津贴",
            "elderly_allowance",
            "80–89周岁 100.00元；90–99周岁 200.00元；100周岁以上 300.00元",
            "自2020年1月起",
        ],
        [
            "居家养老服务补贴",
            "home_care_subsidy",
            "重度/完全失能 200.00元；中度失能 100.00元；80周岁以上 100.00元",
            "自2020年1月起",
        ],
        [
            "助餐补贴",
            "meal_subsidy",
            "每餐（午餐）：60–79周岁 1.00元；80周岁以上 3.00元；低保/特困/失独/优抚 5.00元",
            "自2020年1月起",
        ],
    ]
    assert box.history_label.text() == "版本历史：高龄津贴"
    assert box.history_rows() == [["自2020年1月起", "现行", ELDERLY_WORDS.format(low="100.00"), NOTE, SHIPPED]]
    box.select_rule("home_care_subsidy")
    assert box.history_rows()[0][2] == (
        "条件：属低保、特困或低收入\n档次：重度/完全失能（照护等级为重度失能或完全失能） 200.00元；"
        "中度失能（照护等级为中度失能） 100.00元；80周岁以上 100.00元"
    )
    box.select_rule(MEALS)
    assert box.history_rows()[0][2].startswith("条件：60周岁以上，适用于午餐\n")
    assert box.prices_label.text() == "餐费价格：早餐 4.00元　午餐 12.00元　晚餐 10.00元"


def test_a_new_version_raising_one_figure_closes_the_old_one(
    box: SubsidyPolicyBox, qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    seen: list[str] = []

    def raise_the_first_band(dialog: QWidget) -> None:
        assert isinstance(dialog, RuleVersionDialog)
        seen.extend([dialog.windowTitle(), dialog.start_edit.text(), dialog.rows["starts_on"].info_text()])
        assert dialog.tier_table.rows() == [
            ["80–89周岁", "80", "89", "不限", "不限", "100.00"],
            ["90–99周岁", "90", "99", "不限", "不限", "200.00"],
            ["100周岁以上", "100", "", "不限", "不限", "300.00"],
        ]
        assert dialog.residence_combo.currentText() == "本地" and dialog.min_age_spin.text() == "80 周岁"
        dialog.start_edit.set_month(D(2027, 1, 1))
        assert dialog.rows["starts_on"].info_text() == "自2020年1月起的版本将执行至2026年12月。"
        type_in_cell(qtbot, type_into, dialog.tier_table, 0, cols.COL_AMOUNT, "150.00")
        type_into(dialog.note_edit, "依据郑民〔2026〕12号文件")
        click(qtbot, dialog.save_button)

    on_modal(raise_the_first_band)
    assert box.open_new_version()
    assert seen == ["新增版本：高龄津贴", "2026年11月", "自2020年1月起的版本将执行至2026年10月。"]
    assert box.history_rows() == [
        [
            "自2027年1月起",
            "待生效",
            ELDERLY_WORDS.format(low="150.00"),
            "依据郑民〔2026〕12号文件",
            "test-admin\n2026-11-22 09:00",
        ],
        ["2020年1月至2026年12月", "现行", ELDERLY_WORDS.format(low="100.00"), NOTE, SHIPPED],
    ]
    assert box.rule_rows()[0][2:] == [
        "80–89周岁 100.00元；90–99周岁 200.00元；100周岁以上 300.00元",  # still paid until December
        "2020年1月至2026年12月\n2027年1月起执行新标准",
    ]
    rule = center.subsidies.rule(ELDERLY)
    assert [(v.starts_on, v.ends_on, v.definition.tiers[0].amount_fen) for v in rule.versions] == [
        (D(2020, 1, 1), D(2026, 12, 31), 10000),
        (D(2027, 1, 1), None, 15000),
    ]


def test_a_month_before_the_latest_version_is_refused_and_nothing_saved(
    open_form: Callable[[str], RuleVersionDialog], qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    center.subsidies.add_version(ELDERLY, D(2027, 1, 1), elderly(), admin)
    before, lines = center.subsidies.rule(ELDERLY), audit_count(center)
    dialog = open_form(ELDERLY)
    assert dialog.start_edit.text() == "2027年2月"  # the first month still open
    dialog.start_edit.set_month(D(2026, 12, 1))
    click(qtbot, dialog.save_button)
    assert dialog.error_for("starts_on") == "必须晚于最新版本的生效日期（2027-01-01），请从2027年2月起新增"
    assert dialog.saved is None and dialog.isVisible()
    assert center.subsidies.rule(ELDERLY) == before and audit_count(center) == lines


def test_an_approved_month_cannot_be_chosen_by_default_nor_saved(
    open_form: Callable[[str], RuleVersionDialog], qtbot: QtBot, center: CareCenter, admin: Actor
) -> None:
    approve(center, admin, D(2026, 12, 1))
    dialog = open_form(ELDERLY)
    assert dialog.start_edit.text() == "2027年1月"
    dialog.start_edit.set_month(D(2026, 12, 1))
    click(qtbot, dialog.save_button)
    assert dialog.error_for("starts_on") == "已审批的月份不能更改，请从2027年1月起新增版本"
    assert len(center.subsidies.rule(ELDERLY).versions) == 1


def test_a_negative_amount_is_refused_in_its_cell(
    open_form: Callable[[str], RuleVersionDialog], qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    before, lines = center.subsidies.rule(ELDERLY), audit_count(center)
    dialog = open_form(ELDERLY)
    type_in_cell(qtbot, type_into, dialog.tier_table, 1, cols.COL_AMOUNT, "-50")
    click(qtbot, dialog.save_button)
    assert dialog.tier_table.error_text() == "第2档金额：不能为负数"
    assert dialog.tier_table.cell_error(1, cols.COL_AMOUNT) == "不能为负数"
    assert dialog.tier_table.cell_error(0, cols.COL_AMOUNT) == ""
    assert center.subsidies.rule(ELDERLY) == before and audit_count(center) == lines
    type_in_cell(qtbot, type_into, dialog.tier_table, 1, cols.COL_AMOUNT, "250")
    assert dialog.tier_table.error_text() == ""  # typing takes the message away


def test_overlapping_age_bands_are_refused_naming_both(
    open_form: Callable[[str], RuleVersionDialog], qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    dialog = open_form(ELDERLY)
    dialog.start_edit.set_month(D(2027, 1, 1))
    type_in_cell(qtbot, type_into, dialog.tier_table, 0, cols.COL_LABEL, "80–95周岁")
    type_in_cell(qtbot, type_into, dialog.tier_table, 0, cols.COL_MAX_AGE, "95")
    click(qtbot, dialog.save_button)
    reason = "年龄段“80–95周岁”与“90–99周岁”重叠"
    assert dialog.tier_table.error_text() == f"档次：{reason}"
    assert [dialog.tier_table.cell_error(r, cols.COL_LABEL) for r in range(3)] == [reason, reason, ""]
    assert len(center.subsidies.rule(ELDERLY).versions) == 1


def test_tiers_added_and_removed_and_the_meals_covered(
    open_form: Callable[[str], RuleVersionDialog], qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    dialog = open_form(MEALS)
    assert [code for code, check in dialog.meal_checks.items() if check.isChecked()] == ["lunch"]
    dialog.start_edit.set_month(D(2027, 1, 1))
    click(qtbot, dialog.meal_checks["lunch"])
    click(qtbot, dialog.save_button)
    assert dialog.error_for("meal_types") == "至少勾选一个餐次"

    for meal in ("breakfast", "lunch"):
        click(qtbot, dialog.meal_checks[meal])
    dialog.tier_table.table.setCurrentCell(2, cols.COL_LABEL)
    click(qtbot, dialog.tier_table.remove_button)
    click(qtbot, dialog.tier_table.add_button)
    type_in_cell(qtbot, type_into, dialog.tier_table, 2, cols.COL_LABEL, "失能老人")
    dialog.tier_table.choice(2, cols.COL_CARE_LEVELS).tick("severe")
    dialog.tier_table.choice(2, cols.COL_CARE_LEVELS).tick("total")
    type_in_cell(qtbot, type_into, dialog.tier_table, 2, cols.COL_AMOUNT, "4")
    assert dialog.tier_table.rows()[2] == ["失能老人", "", "", "不限", "重度失能、完全失能", "4"]
    click(qtbot, dialog.save_button)
    assert dialog.saved is not None
    latest = center.subsidies.rule(MEALS).versions[-1].definition
    assert latest.meal_types == (MealType.BREAKFAST, MealType.LUNCH)
    assert [(t.label, t.amount_fen) for t in latest.tiers] == [
        ("60–79周岁", 100),
        ("80周岁以上", 300),
        ("失能老人", 400),
    ]


def test_cancelling_a_changed_form_asks_first(
    open_form: Callable[[str], RuleVersionDialog], qtbot: QtBot, type_into: TypeInto
) -> None:
    dialog = open_form(ELDERLY)
    type_in_cell(qtbot, type_into, dialog.tier_table, 0, cols.COL_AMOUNT, "120")
    questions = answer_next_question("继续填写")
    click(qtbot, dialog.cancel_button)
    assert questions == ["新版本尚未保存。关闭并放弃吗？"] and dialog.isVisible()


def test_a_lunch_price_change_shows_in_the_price_list(
    box: SubsidyPolicyBox, qtbot: QtBot, type_into: TypeInto, center: CareCenter
) -> None:
    shown: dict[str, object] = {}

    def change_lunch(dialog: QWidget) -> None:
        assert isinstance(dialog, MealPriceDialog)
        assert dialog.covered_label.text() == "助餐补贴适用餐次：午餐（为助餐补贴新增版本即可修改）。"
        assert dialog.meal_combo.currentText() == "午餐"
        dialog.starts_edit.set_date(D(2020, 1, 1))
        type_into(dialog.price_edit, "-1")
        click(qtbot, dialog.save_button)
        shown["refused"] = (dialog.error_for("starts_on"), dialog.error_for("price_fen"))
        dialog.starts_edit.set_date(D(2026, 12, 1))
        dialog.price_edit.clear()
        type_into(dialog.price_edit, "13")
        click(qtbot, dialog.save_button)
        shown["rows"] = dialog.price_rows()

    on_modal(change_lunch)
    assert box.open_meal_prices()
    assert shown["refused"] == ("必须晚于现行价格的生效日期（2020-01-01）", "不能为负数")
    assert shown["rows"] == [
        ["早餐", "4.00", "2020-01-01", "现行", SHIPPED_PRICE],
        ["午餐", "13.00", "2026-12-01", "待生效", "test-admin，2026-11-22 09:00"],
        ["午餐", "12.00", "2020-01-01", "现行", SHIPPED_PRICE],
        ["晚餐", "10.00", "2020-01-01", "现行", SHIPPED_PRICE],
    ]
    assert box.prices_label.text() == "餐费价格：早餐 4.00元　午餐 12.00元（2026-12-01起 13.00元）　晚餐 10.00元"
    assert [(p.meal_type, p.price_fen) for p in center.subsidies.meal_prices()][1:3] == [
        (MealType.LUNCH, 1200),
        (MealType.LUNCH, 1300),
    ]


@pytest.mark.parametrize("role", ["front_desk", "social_worker"])
def test_other_roles_have_no_subsidy_policy_box(
    qtbot: QtBot, center: CareCenter, role: str, request: pytest.FixtureRequest
) -> None:
    actor: Actor = request.getfixturevalue(role)
    panel = SettingsPanel(center, actor=actor)
    qtbot.addWidget(panel)
    assert panel.policy_box is None
    titles = [b.title() for b in panel.findChildren(QGroupBox)]
    assert "补贴政策" not in titles and "语言" in titles
