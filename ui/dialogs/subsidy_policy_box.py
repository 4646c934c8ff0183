"""设置 › 补贴政策: the subsidy rules as data — what is paid now, every version before, and the meal prices.

For administrators only (``SUBSIDY_POLICY``). A table of the rules (名称, 代码, 现行标准,
since when), under it the 版本历史 of the selected rule, newest first: months in force,
the conditions and tiers in words, the note (the document it follows) and who entered it
when. 新增版本… opens :class:`~ui.dialogs.rule_version_dialog.RuleVersionDialog` for the
selected rule; figures only ever change from a month on, so the history is the record
of what every month paid. The last line shows the meal prices in force and opens
:class:`~ui.dialogs.meal_price_dialog.MealPriceDialog`. Which meals the 助餐补贴 covers
belongs to that rule's versions (a new version changes it).

The wording helpers here (``tiers_summary``, ``conditions_text``, ``tiers_text``) say a
definition in the words of the UI language. Threading: every read is one short core call.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.domain.months import first_day, month_label
from carecenter.domain.vocab import CURRENT_STATUSES, Vocab
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.subsidies.money import yuan
from carecenter.subsidies.policy import Definition, Tier
from carecenter.subsidies.service import RuleInfo, VersionInfo
from ui.dialogs.meal_price_dialog import MealPriceDialog, prices_line
from ui.dialogs.rule_version_dialog import RuleVersionDialog
from ui.widgets.field_row import MUTED_COLOR

RULE_HEADERS = (N_("Subsidy name"), N_("Subsidy code"), N_("Current figures"), N_("Months in force"))
HISTORY_HEADERS = (N_("Months"), N_("State"), N_("Conditions and tiers"), N_("Note"), N_("Entered"))
COL_SUMMARY = COL_CONDITIONS = 2
COL_NOTE = 3
_JOINER = "\u2060"  # WORD JOINER: invisible, forbids a line break where it stands
_NBSP = "\u00a0"  # Qt breaks at a plain space even between word joiners
_SEPARATORS = re.compile(r"([；，\n]|[;,]\s*)")
_SHOWN_VERSIONS = 3  # history rows visible without scrolling the table


# ---- a definition in words --------------------------------------------------------------------


def _names(members: tuple[Vocab, ...]) -> str:
    return "、".join(m.label for m in members)


def either(members: tuple[Vocab, ...]) -> str:
    """低保、特困或低收入: any one of them."""
    names = [m.label for m in members]
    if len(names) <= 1:
        return "".join(names)
    return _("{items} or {last}").format(items="、".join(names[:-1]), last=names[-1])


def clauses(parts: Sequence[str]) -> str:
    """本地户籍，80周岁以上: conditions one after another."""
    return functools.reduce(lambda before, after: _("{before}, {after}").format(before=before, after=after), parts)


def age_text(low: int | None, high: int | None) -> str:
    """80–89周岁, 80周岁以上, 79周岁以下 ('' for no age condition)."""
    if low is not None and high is not None:
        return _("aged {low}–{high}").format(low=low, high=high)
    if low is not None:
        return _("aged {age} and over").format(age=low)
    if high is not None:
        return _("aged {age} and under").format(age=high)
    return ""


def _tier_conditions(tier: Tier) -> list[str]:
    found = [age_text(tier.min_age, tier.max_age)] if tier.min_age is not None or tier.max_age is not None else []
    if tier.categories:
        found.append(_("belongs to {values}").format(values=either(tier.categories)))
    if tier.care_levels:
        found.append(_("care level {values}").format(values=either(tier.care_levels)))
    return found


def amount_text(fen: int) -> str:
    return _("{amount} yuan").format(amount=yuan(fen))


def tiers_summary(rule: RuleInfo, definition: Definition) -> str:
    """80–89周岁 100.00元；90–99周岁 200.00元；… (per meal, for the meal subsidy)."""
    tiers = _("; ").join(
        _("{label} {amount}").format(label=t.label, amount=amount_text(t.amount_fen)) for t in definition.tiers
    )
    if rule.per_meal:
        return _("Per meal ({meals}): {tiers}").format(meals=_names(definition.covered_meals()), tiers=tiers)
    return tiers


def conditions_text(rule: RuleInfo, definition: Definition) -> str:
    """The gate in words: 本地户籍，80周岁以上 (不限 when there is none)."""
    found = []
    if definition.residence:
        found.append(_("{values} household registration").format(values=_names(definition.residence)))
    if definition.statuses != CURRENT_STATUSES:
        found.append(_("status {values}").format(values=either(definition.statuses)))
    if definition.categories:
        found.append(_("belongs to {values}").format(values=either(definition.categories)))
    if definition.care_levels:
        found.append(_("care level {values}").format(values=either(definition.care_levels)))
    if ages := age_text(definition.min_age, definition.max_age):
        found.append(ages)
    if rule.per_meal:
        found.append(_("covers {values}").format(values=_names(definition.covered_meals())))
    return clauses(found) if found else _("no conditions")


def tiers_text(definition: Definition) -> str:
    """Each tier with the conditions its name does not already say, and its amount."""
    parts = []
    for tier in definition.tiers:
        conditions = clauses(_tier_conditions(tier))
        name = tier.label
        if conditions and conditions != tier.label:
            name = _("{tier} ({conditions})").format(tier=tier.label, conditions=conditions)
        parts.append(_("{label} {amount}").format(label=name, amount=amount_text(tier.amount_fen)))
    return _("; ").join(parts)


def period_text(version: VersionInfo) -> str:
    """自2020年1月起, or 2020年1月至2026年12月."""
    if version.ends_on is None:
        return _("since {start}").format(start=month_label(version.starts_on))
    return _("{start} to {end}").format(start=month_label(version.starts_on), end=month_label(version.ends_on))


def version_state(version: VersionInfo, today: dt.date) -> str:
    month = first_day(today)
    if version.starts_on > month:
        return _("Not yet in force")
    if version.ends_on is not None and version.ends_on < month:
        return _("Ended")
    return _("In force")


def entered_by(version: VersionInfo) -> str:
    who = _("shipped default") if version.created_by.startswith("system:") else version.created_by
    return _("{who}\n{when}").format(who=who, when=version.created_at.strftime("%Y-%m-%d %H:%M"))


# ---- the box ---------------------------------------------------------------------------------


def _table(headers: tuple[str, ...], visible: int, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setProperty("visibleRows", visible)
    table.setHorizontalHeaderLabels([_(h) for h in headers])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setStyleSheet("font-weight: normal;")
    refit = QTimer(table)  # once the columns have settled, not at every step of a layout pass
    refit.setSingleShot(True)
    refit.setInterval(0)
    refit.timeout.connect(lambda: _fit(table))
    table.horizontalHeader().sectionResized.connect(lambda *_args: refit.start())
    return table


def wrap_at_separators(text: str) -> str:
    """Lines break only between clauses (after ；，), never inside "100周岁以上 300.00元" (word joiners, no-break spaces)."""
    return "".join(
        part if _SEPARATORS.fullmatch(part) else _JOINER.join(part.replace(" ", _NBSP))
        for part in _SEPARATORS.split(text)
    )


def _fill(table: QTableWidget, rows: Sequence[tuple[str, ...]], clause_columns: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(wrap_at_separators(value) if c in clause_columns else value))
    _fit(table)


def _fit(table: QTableWidget) -> None:
    """Rows as tall as their wrapped text, and the table as tall as its first ``visible`` rows.

    Run again whenever a column's width changes: wrapped text needs the final widths.
    """
    table.resizeRowsToContents()
    visible = int(table.property("visibleRows") or 1)
    heights = [table.rowHeight(r) for r in range(min(table.rowCount(), visible))] or [table.rowHeight(0) or 30]
    table.setFixedHeight(table.horizontalHeader().height() + sum(heights) + 2 * table.frameWidth() + 2)


def _texts(table: QTableWidget) -> list[list[str]]:
    return [
        [
            (item.text().replace(_JOINER, "").replace(_NBSP, " ") if (item := table.item(r, c)) is not None else "")
            for c in range(table.columnCount())
        ]
        for r in range(table.rowCount())
    ]


class SubsidyPolicyBox(QGroupBox):
    """The rules, the selected rule's versions, 新增版本…, and the meal prices with 餐费价格…."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Subsidy policy"), parent)
        self._cc, self._actor = cc, actor
        self.rules: list[RuleInfo] = []
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        note = QLabel(
            _(
                "Subsidies are paid by versions: new figures start from a month, and earlier months keep "
                "the figures they had. Approved months cannot be changed."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")

        self.rules_table = _table(RULE_HEADERS, 10, self)
        header = self.rules_table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.rules_table.currentCellChanged.connect(lambda *_args: self._show_history())

        self.history_label = QLabel(self)
        self.add_button = QPushButton(_("New version…"), self)
        self.add_button.setToolTip(_("New figures of the selected subsidy from a month on"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.open_new_version)
        self.history_table = _table(HISTORY_HEADERS, _SHOWN_VERSIONS, self)
        header = self.history_table.horizontalHeader()
        for column in range(len(HISTORY_HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CONDITIONS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Interactive)  # free text: wraps
        self.history_table.setColumnWidth(COL_NOTE, self.fontMetrics().height() * 12)

        self.prices_label = QLabel(self)
        self.prices_label.setWordWrap(True)
        self.prices_button = QPushButton(_("Meal prices…"), self)
        self.prices_button.setToolTip(_("The price of each meal, its history, and a new price from a day on"))
        self.prices_button.setAutoDefault(False)
        self.prices_button.clicked.connect(self.open_meal_prices)
        for widget in (self.history_label, self.add_button, self.prices_label, self.prices_button):
            widget.setStyleSheet("font-weight: normal;")

        history_line = QHBoxLayout()
        history_line.addWidget(self.history_label, 1)
        history_line.addWidget(self.add_button)
        prices_row = QHBoxLayout()
        prices_row.addWidget(self.prices_label, 1)
        prices_row.addWidget(self.prices_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.rules_table)
        layout.addLayout(history_line)
        layout.addWidget(self.history_table)
        layout.addLayout(prices_row)
        self.reload()

    # ---- showing -----------------------------------------------------------------------------

    def reload(self, code: str | None = None) -> None:
        """Read the rules and prices again; keep (or move to) the selected rule."""
        keep = code or self.selected_code()
        self.rules = self._cc.subsidies.rules()
        today = self._cc.clock.today()
        self.rules_table.blockSignals(True)
        _fill(self.rules_table, [self._rule_row(rule, today) for rule in self.rules], (COL_SUMMARY,))
        index = next((i for i, r in enumerate(self.rules) if r.code == keep), 0 if self.rules else -1)
        self.rules_table.setCurrentCell(index, 0)
        self.rules_table.blockSignals(False)
        self._show_history()
        self._show_prices()

    def _rule_row(self, rule: RuleInfo, today: dt.date) -> tuple[str, ...]:
        current = rule.in_force(today)
        if current is None:
            figures, since = _("No figures in force"), ""
        else:
            figures, since = tiers_summary(rule, current.definition), period_text(current)
        later = [v for v in rule.versions if v.starts_on > first_day(today)]
        if later:
            month = month_label(later[0].starts_on)
            since = (
                _("{since}\nnew figures from {month}").format(since=since, month=month)
                if since
                else _("New figures from {month}").format(month=month)
            )
        return (rule.name, rule.code, figures, since)

    def _show_history(self) -> None:
        rule = self.selected_rule()
        self.add_button.setEnabled(rule is not None)
        if rule is None:
            self.history_label.setText("")
            _fill(self.history_table, [])
            return
        self.history_label.setText(_("Version history: {rule}").format(rule=rule.name))
        today = self._cc.clock.today()
        rows = [
            (
                period_text(v),
                version_state(v, today),
                _("Conditions: {conditions}\nTiers: {tiers}").format(
                    conditions=conditions_text(rule, v.definition), tiers=tiers_text(v.definition)
                ),
                v.note,
                entered_by(v),
            )
            for v in reversed(rule.versions)
        ]
        _fill(self.history_table, rows, (COL_CONDITIONS,))

    def _show_prices(self) -> None:
        prices = self._cc.subsidies.meal_prices()
        self.prices_label.setText(_("Meal prices: {prices}").format(prices=prices_line(prices, self._cc.clock.today())))

    # ---- reading (what the user sees) --------------------------------------------------------

    def selected_rule(self) -> RuleInfo | None:
        row = self.rules_table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def selected_code(self) -> str | None:
        rule = self.selected_rule()
        return rule.code if rule is not None else None

    def select_rule(self, code: str) -> None:
        """Select the rule ``code`` as a click on its row does."""
        self.rules_table.setCurrentCell(next(i for i, r in enumerate(self.rules) if r.code == code), 0)

    def rule_rows(self) -> list[list[str]]:
        return _texts(self.rules_table)

    def history_rows(self) -> list[list[str]]:
        """The selected rule's versions, newest first, as shown."""
        return _texts(self.history_table)

    # ---- actions -----------------------------------------------------------------------------

    def open_new_version(self) -> bool:
        """新增版本…: True when a version was saved (the history then shows it)."""
        code = self.selected_code()
        if code is None:
            return False
        dialog = RuleVersionDialog(self._cc, self._actor, code, parent=self)
        try:
            dialog.exec()
            saved = dialog.saved is not None
        finally:
            dialog.deleteLater()
        if saved:
            self.reload(code)
        return saved

    def open_meal_prices(self) -> bool:
        """餐费价格…: True when a price was set."""
        dialog = MealPriceDialog(self._cc, self._actor, parent=self)
        try:
            dialog.exec()
            changed = dialog.changed
        finally:
            dialog.deleteLater()
        self._show_prices()
        return changed
