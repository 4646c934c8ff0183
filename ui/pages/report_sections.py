"""The first tabs of the 月度报表 screen: 概况, 日间照料, 助餐 and 九助, each one section of the printed report.

Each tab shows one :class:`~carecenter.reports.monthly_figures.CenterSection` (a center's
month, or the district's totals) with the same figures, rows and words as the
corresponding section on paper (:mod:`carecenter.reports.monthly_pdf_parts`): the figure
boxes as a strip, the tables as tables, and 本月无服务记录 where the paper says it.
UI thread only; nothing here reads the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from carecenter.desk.visit_dto import MEALS_CODE
from carecenter.i18n import _
from carecenter.reports.monthly_figures import CenterSection, MonthlyPack
from carecenter.reports.numbers import hours, money, percent
from ui.pages.report_chart import BarChart
from ui.pages.report_tables import FigureStrip, ReportTable, count, empty_text, note_label
from ui.widgets.field_row import MUTED_COLOR, bold


class SectionTab(QWidget):
    """One section of the report: its body, or (nothing recorded in the month) the line 本月无服务记录."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_label = QLabel(empty_text(), self)
        self.empty_label.setObjectName("emptySection")
        self.empty_label.setStyleSheet(f"color: {MUTED_COLOR};")
        bold(self.empty_label, 1.3)
        self.empty_label.hide()
        self.body = QWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # takes the height when the body is hidden: the empty line stays at the top
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        """Show ``section`` of ``pack``."""
        raise NotImplementedError

    def set_empty(self, empty: bool) -> None:
        self.empty_label.setVisible(empty)
        self.body.setVisible(not empty)

    def is_empty(self) -> bool:
        return not self.empty_label.isHidden()

    def heading(self, text: str = "") -> QLabel:
        """A sub-heading (h2 on paper)."""
        label = QLabel(text, self.body)
        bold(label, 1.1)
        return label


def side_by_side(*parts: tuple[QWidget, int]) -> QHBoxLayout:
    """Blocks in a row, each taking its ``stretch`` share of the width."""
    row = QHBoxLayout()
    row.setSpacing(14)
    for widget, stretch in parts:
        row.addWidget(widget, stretch)
    return row


def stacked(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets one under the other, as one block of a row; a long table takes the height left, else nothing does."""
    block = QWidget(parent)
    column = QVBoxLayout(block)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    growing = [w for w in widgets if isinstance(w, ReportTable) and not w.snug]
    for widget in widgets:
        column.addWidget(widget, 1 if widget in growing else 0)
    if not growing:
        column.addStretch(1)
    return block


# ---- 一、概况: the register --------------------------------------------------------------------------


class OverviewTab(SectionTab):
    """The seniors on the register at the month's end (or today): age bands, categories, who came and went."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FigureStrip(
            lambda: [
                _("Registered seniors"),
                _("Of them paused"),
                _("Aged 80 and over"),
                _("Men / women"),
                _("New this month"),
                _("Withdrew this month"),
                _("Died this month"),
                _("With a category"),
            ],
            self.body,
        )
        self.ages = ReportTable(
            lambda: [_("Age band"), _("Number of seniors"), _("Share")],
            {1: "88,888", 2: "100.0%"},
            numeric=(1, 2),
            name="ageTable",
            snug=True,
            parent=self.body,
        )
        self.categories = ReportTable(
            lambda: [_("Category"), _("Number of seniors")],
            {1: "88,888"},
            numeric=(1,),
            name="categoryTable",
            snug=True,
            parent=self.body,
        )
        self.people_heading = self.heading()
        self.people = ReportTable(
            lambda: [_("Change"), _("Date"), _("Name"), _("Community"), _("Reason")],
            {0: "去世", 1: "2026-10-31", 2: "欧阳秀英", 3: "文化路社区"},
            stretch=4,
            name="peopleTable",
            parent=self.body,
        )
        self.note = note_label(self.body)
        self.column.addWidget(self.strip)
        self.column.addLayout(
            side_by_side(
                (stacked(self.body, self.ages), 5),
                (stacked(self.body, self.categories), 3),
                (stacked(self.body, self.people_heading, self.people), 8),
            ),
            1,
        )
        self.column.addWidget(self.note)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        r = section.summary
        self.strip.set_values(
            [
                count(r.registered),
                count(r.paused),
                count(r.aged_80_plus),
                f"{r.men} / {r.women}",
                count(len(r.new)),
                count(r.withdrew),
                count(r.died),
                count(r.with_category),
            ]
        )
        self.ages.set_rows(
            [(b.label, count(b.count), percent(b.count, r.registered)) for b in r.by_age],
            (_("Total"), count(r.registered), percent(r.registered, r.registered)),
        )
        self.categories.set_rows([(c.label, count(c.count)) for c in r.by_category])
        moves = [(_("New"), p.on.isoformat(), p.name, p.community, "") for p in r.new]
        moves += [(p.status.label, p.on.isoformat(), p.name, p.community, p.reason) for p in r.departed]
        self.people.set_rows(moves)
        self.people_heading.setText(
            _("New this month: {new}; withdrawn or deceased: {gone}").format(new=len(r.new), gone=len(r.departed))
        )
        self.note.setText(
            _("Ages in completed years on {date}; categories valid on that day (a senior may have several).").format(
                date=r.as_of.isoformat()
            )
        )
        self.set_empty(False)


# ---- 二、日间照料 -------------------------------------------------------------------------------------


class DayCareTab(SectionTab):
    """Day care's month: 人次, different seniors, opening days and hours, and the seniors of each day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FigureStrip(
            lambda: [
                _("Visits (person-times)"),
                _("Seniors (unduplicated)"),
                _("Opening days"),
                _("Average per opening day"),
                _("Hours at the center"),
                _("Days without check-out"),
            ],
            self.body,
        )
        self.chart = BarChart(_("Seniors at day care, day by day"), self.body)
        self.chart.setObjectName("dayChart")
        self.note = note_label(self.body)
        self.column.addWidget(self.strip)
        self.column.addWidget(self.chart, 1)
        self.column.addWidget(self.note)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        d = section.day_care
        self.set_empty(not d.visits)
        self.strip.set_values(
            [
                count(d.visits),
                count(d.people),
                count(d.opening_days),
                d.average_text,
                hours(d.minutes),
                count(d.open_days),
            ]
        )
        self.chart.set_data([str(p.day.day) for p in d.per_day], [(_("Day-care visits"), [p.count for p in d.per_day])])
        self.note.setText(
            _("Hours count the days with a check-out only; {n} check-ins have none yet.").format(n=d.open_days)
            if d.open_days
            else ""
        )
        self.note.setVisible(bool(d.open_days))


# ---- 三、助餐 -----------------------------------------------------------------------------------------


class MealsTab(SectionTab):
    """Meals: eaten in and delivered, per meal type, the subsidy per tier and what the seniors paid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FigureStrip(
            lambda: [
                _("Meals served"),
                _("Eaten in"),
                _("Delivered"),
                _("Seniors served"),
                _("Meal subsidy (yuan)"),
                _("Paid by seniors (yuan)"),
            ],
            self.body,
        )
        self.per_meal = ReportTable(
            lambda: [
                _("Meal"),
                _("Ordered"),
                _("Served"),
                _("Eaten in"),
                _("Delivered"),
                _("Price (yuan)"),
                _("Subsidy (yuan)"),
                _("Paid (yuan)"),
            ],
            {0: "午餐（合计）", 1: "8,888", 2: "8,888", 3: "8,888", 4: "8,888", 5: "888,888.00", 6: "88,888.00"},
            numeric=range(1, 8),
            name="mealTable",
            snug=True,
            max_rows=5,
            parent=self.body,
        )
        self.paid_by = note_label(self.body, muted=False)
        self.paid_by.setObjectName("paidBy")
        self.tiers = ReportTable(
            lambda: [_("Tier"), _("Person-times"), _("Number of seniors"), _("Subsidy (yuan)")],
            {0: "低保/特困/失独/优抚", 1: "8,888", 2: "8,888"},
            numeric=(1, 2, 3),
            name="tierTable",
            snug=True,
            max_rows=6,
            parent=self.body,
        )
        self.paid_by.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        under = QHBoxLayout()
        under.addWidget(self.heading(_("Meal subsidy per tier")))
        under.addWidget(self.paid_by, 1)
        self.column.addWidget(self.strip)
        self.column.addWidget(self.per_meal)
        self.column.addLayout(under)
        self.column.addWidget(self.tiers)
        self.column.addStretch(1)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        m = section.meals
        self.set_empty(not m.served)
        self.strip.set_values(
            [
                count(m.served),
                count(m.eat_in),
                count(m.delivered),
                count(m.seniors),
                money(m.subsidy_fen),
                money(m.paid_fen),
            ]
        )
        rows = [
            (t.meal_type.label if t.meal_type else "", count(t.ordered), count(t.served), count(t.eat_in),
             count(t.delivered), money(t.price_fen), money(t.subsidy_fen), money(t.paid_fen))
            for t in m.by_meal
        ]  # fmt: skip
        a = m.all
        total = (_("Total"), count(a.ordered), count(a.served), count(a.eat_in), count(a.delivered),
                 money(a.price_fen), money(a.subsidy_fen), money(a.paid_fen))  # fmt: skip
        self.per_meal.set_rows(rows, total)
        paid = " · ".join(f"{payment.label} {money(fen)}" for payment, fen in a.paid_by if fen)
        self.paid_by.setText(_("Paid by seniors: {list}").format(list=paid or money(0)))
        self.tiers.set_rows(
            [(t.tier or _("No subsidy"), count(t.meals), count(t.seniors), money(t.subsidy_fen)) for t in m.by_tier],
            (_("Total"), count(sum(t.meals for t in m.by_tier)), count(m.seniors), money(m.subsidy_fen)),
        )


# ---- 四、九助 -----------------------------------------------------------------------------------------


class VisitsTab(SectionTab):
    """九助: 人次 and hours per service type, and per staff member."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FigureStrip(
            lambda: [
                _("Services (person-times)"),
                _("Home visits"),
                _("Service hours"),
                _("Seniors served"),
                _("Visits missed"),
                _("Staff who served"),
            ],
            self.body,
        )
        self.types = ReportTable(
            lambda: [_("Service"), _("Person-times"), _("Hours"), _("Seniors served")],
            {0: "助医（陪同就医）", 1: "8,888", 2: "8,888.8", 3: "8,888"},
            numeric=(1, 2, 3),
            name="typeTable",
            parent=self.body,
        )
        self.staff = ReportTable(
            lambda: [_("Staff member"), _("Person-times"), _("Hours")],
            {0: "欧阳建军", 1: "8,888", 2: "8,888.8"},
            numeric=(1, 2),
            name="staffTable",
            parent=self.body,
        )
        self.note = note_label(self.body)
        self.column.addWidget(self.strip)
        self.column.addLayout(
            side_by_side(
                (stacked(self.body, self.heading(_("Per service")), self.types), 3),
                (stacked(self.body, self.heading(_("Per staff member (home visits)")), self.staff), 2),
            ),
            1,
        )
        self.column.addWidget(self.note)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        v = section.visits
        self.set_empty(not v.visits)
        self.strip.set_values(
            [
                count(v.visits),
                count(v.home_visits),
                hours(v.minutes),
                count(v.seniors),
                count(v.missed),
                count(len(v.by_staff)),
            ]
        )
        self.types.set_rows(
            [(t.name, count(t.visits), hours(t.minutes), count(t.seniors)) for t in v.by_type],
            (_("Total"), count(v.visits), hours(v.minutes), count(v.seniors)),
        )
        self.staff.set_rows(
            [(p.name, count(p.visits), hours(p.minutes)) for p in v.by_staff],
            (_("Total"), count(sum(p.visits for p in v.by_staff)), hours(sum(p.minutes for p in v.by_staff))),
        )
        meals_line = any(t.code == MEALS_CODE and t.visits for t in v.by_type)
        self.note.setText(_("The meals line counts the meals served; meals have no hours.") if meals_line else "")
        self.note.setVisible(meals_line)
