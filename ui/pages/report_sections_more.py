"""The later tabs of the 月度报表 screen: calls and incidents, activities and the birthday party, assessments,
the subsidy roster, the 12-month trend and (a district) the centers side by side.

As in :mod:`ui.pages.report_sections`, each tab shows a section of the same pack the
printout is typeset from, with the paper's figures and words
(:mod:`carecenter.reports.monthly_pdf_parts`, :mod:`carecenter.reports.monthly_pdf_roster`).
UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from carecenter.i18n import _
from carecenter.reports.monthly_figures import CenterSection, MonthlyPack
from carecenter.reports.numbers import money
from ui.pages.report_chart import BarChart
from ui.pages.report_sections import SectionTab, side_by_side, stacked
from ui.pages.report_tables import FigureStrip, ReportTable, count, empty_text, note_label
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, bold

# ---- 五、calls and incidents ----------------------------------------------------------------------------


class CallsTab(SectionTab):
    """助急 / 呼叫 received in the month, who called, and the incidents that happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FigureStrip(
            lambda: [
                _("Calls received"),
                _("Of them urgent"),
                _("Closed"),
                _("Still open"),
                _("Incidents"),
                _("Incidents recorded with a call"),
            ],
            self.body,
        )
        self.callers = ReportTable(
            lambda: [_("Caller"), _("Calls")],
            {0: "邻居", 1: "8,888"},
            numeric=(1,),
            name="callerTable",
            snug=True,
            parent=self.body,
        )
        self.incidents_heading = self.heading()
        self.incidents_heading.setWordWrap(True)
        self.incidents = ReportTable(
            lambda: [_("Date"), _("Name"), _("Kind"), _("What happened"), _("What was done")],
            {0: "2026-10-31", 1: "欧阳秀英", 2: "噎食/呛咳", 3: "夜间起床如厕时跌倒，右髋部"},
            stretch=4,
            name="incidentTable",
            parent=self.body,
        )
        self.column.addWidget(self.strip)
        self.column.addLayout(
            side_by_side(
                (stacked(self.body, self.heading(_("Calls by caller")), self.callers), 1),
                (stacked(self.body, self.incidents_heading, self.incidents), 4),
            ),
            1,
        )

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        c, i = section.calls, section.incidents
        self.set_empty(not c.total and not i.total)
        self.strip.set_values(
            [
                count(c.total),
                count(c.urgent),
                count(c.closed),
                count(c.still_open),
                count(i.total),
                count(c.with_incident),
            ]
        )
        self.callers.set_rows([(k.label, count(k.count)) for k in c.by_caller], (_("Total"), count(c.total)))
        kinds = "、".join(f"{k.label} {k.count}" for k in i.by_kind)
        self.incidents_heading.setText(
            _("Incidents this month ({n}): {kinds}").format(n=i.total, kinds=kinds) if i.total else empty_text()
        )
        self.incidents.set_rows(
            [(x.occurred_on.isoformat(), x.name, x.kind_label, x.description, x.action_taken) for x in i.lines]
        )


# ---- 六、activities and the birthday party ------------------------------------------------------------


class ActivitiesTab(SectionTab):
    """Activities held per kind (人次, seniors) and the month's 集体生日会 with who came."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = ReportTable(
            lambda: [_("Kind of activity"), _("Held"), _("Person-times"), _("Number of seniors")],
            {0: "健康讲座（合计）", 1: "888", 2: "8,888", 3: "8,888"},
            numeric=(1, 2, 3),
            name="activityTable",
            snug=True,
            max_rows=9,
            parent=self.body,
        )
        self.kinds_note = note_label(self.body)
        self.parties = ReportTable(
            lambda: [_("Party date"), _("Place"), _("Invited"), _("Came"), _("Round birthdays")],
            {0: "2026-10-31", 1: "二楼多功能活动室", 2: "888", 3: "888", 4: "888"},
            numeric=(2, 3, 4),
            stretch=1,
            name="partyTable",
            snug=True,
            max_rows=6,
            parent=self.body,
        )
        self.parties_note = note_label(self.body)
        self.column.addLayout(
            side_by_side(
                (stacked(self.body, self.heading(_("Activities held")), self.kinds, self.kinds_note), 1),
                (stacked(self.body, self.heading(_("Birthday party")), self.parties, self.parties_note), 1),
            ),
            1,
        )

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        a = section.activities
        self.set_empty(not a.total.activities and not a.parties)
        self.kinds.set_rows(
            [
                (k.kind.label if k.kind else "", count(k.activities), count(k.person_times), count(k.seniors))
                for k in a.by_kind
                if k.activities
            ],
            (_("Total"), count(a.total.activities), count(a.total.person_times), count(a.total.seniors)),
        )
        self.kinds_note.setText("" if a.total.activities else _("No activities were recorded this month."))
        self.kinds_note.setVisible(not a.total.activities)
        self.parties.set_rows(
            [
                (p.held_on.isoformat(), p.place, count(p.invited), count(p.attended), count(p.milestones))
                for p in a.parties
            ]
        )
        self.parties.setVisible(bool(a.parties))
        self.parties_note.setText("" if a.parties else _("No birthday party was held this month."))
        self.parties_note.setVisible(not a.parties)


# ---- 七、assessments ----------------------------------------------------------------------------------


class AssessmentsTab(SectionTab):
    """New assessments and reassessments, and the care level of each senior assessed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = FigureStrip(
            lambda: [_("Seniors assessed"), _("First assessment"), _("Reassessment"), _("Forms filled in")],
            self.body,
        )
        self.levels = ReportTable(
            lambda: [_("Care level"), _("Number of seniors")],
            {0: "未评定照护等级（其他量表）", 1: "8,888"},
            numeric=(1,),
            name="levelTable",
            snug=True,
            parent=self.body,
        )
        self.column.addWidget(self.strip)
        self.column.addLayout(side_by_side((self.levels, 1), (QWidget(self.body), 1)))
        self.column.addStretch(1)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        a = section.assessments
        self.set_empty(not a.forms)
        self.strip.set_values([count(a.seniors), count(a.new), count(a.reassessed), count(a.forms)])
        self.levels.set_rows([(x.label, count(x.count)) for x in a.by_level], (_("Total"), count(a.seniors)))


# ---- 九、the subsidy roster -----------------------------------------------------------------------------


class RosterTab(SectionTab):
    """Each subsidy's month against the month before, and the change list; marked when not approved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QLabel(self.body)
        self.state.setObjectName("rosterState")
        self.state.setWordWrap(True)
        bold(self.state, 1.1)
        self.rules = ReportTable(
            lambda: [
                _("Subsidy"),
                _("Number of seniors"),
                _("Amount (yuan)"),
                _("Month before (yuan)"),
                _("New"),
                _("Stopped"),
                _("Band change"),
            ],
            {0: "居家养老服务补贴", 1: "8,888", 2: "888,888.00", 3: "888,888.00", 4: "888", 5: "888", 6: "888"},
            numeric=range(1, 7),
            name="ruleTable",
            snug=True,
            max_rows=6,
            parent=self.body,
        )
        self.rules_note = note_label(self.body)
        self.changes = ReportTable(
            lambda: [
                _("Change"),
                _("Subsidy"),
                _("Name"),
                _("ID number"),
                _("Amount before"),
                _("Amount now"),
                _("Reason"),
            ],
            {0: "调档", 1: "居家养老服务补贴", 2: "欧阳秀英", 3: "410105********0420", 4: "888.00", 5: "888.00"},
            numeric=(4, 5),
            stretch=6,
            name="changeTable",
            parent=self.body,
        )
        self.changes_note = note_label(self.body)
        self.column.addWidget(self.state)
        self.column.addWidget(self.rules)
        self.column.addWidget(self.rules_note)
        self.column.addWidget(self.heading(_("Changes against the month before")))
        self.column.addWidget(self.changes, 1)
        self.column.addWidget(self.changes_note)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        r = section.roster
        if r.approved:
            when = r.approved_at.strftime("%Y-%m-%d %H:%M") if r.approved_at else ""
            self.state.setText(_("Approved on {when} by {who}.").format(when=when, who=r.approver_name))
            self.state.setStyleSheet(f"color: {INFO_COLOR};")
        else:
            self.state.setText(
                _("Not approved (preview): computed from today's records; the approved roster may differ.")
            )
            self.state.setStyleSheet(f"color: {ERROR_COLOR};")
        self.rules.set_rows(
            [
                (x.rule_name, count(x.count), money(x.total_fen), money(x.before_fen), count(x.new), count(x.stopped),
                 count(x.changed))
                for x in r.rules
            ],
            (_("Total"), count(r.count), money(r.total_fen), money(sum(x.before_fen for x in r.rules)),
             count(sum(x.new for x in r.rules)), count(sum(x.stopped for x in r.rules)),
             count(sum(x.changed for x in r.rules))),
        )  # fmt: skip
        self.rules.setVisible(bool(r.rules))
        self.rules_note.setText("" if r.rules else _("No subsidies this month or the month before."))
        self.rules_note.setVisible(not r.rules)
        self.changes.set_rows(
            [
                (c.kind.label, c.rule_name, c.name, c.id_number, _amount(c.before_fen), _amount(c.after_fen), c.reason)
                for c in r.changes
            ]
        )
        self.changes.setVisible(bool(r.changes))
        self.changes_note.setText("" if r.changes else _("No changes."))
        self.changes_note.setVisible(not r.changes)
        self.set_empty(False)


def _amount(fen: int) -> str:
    return money(fen) if fen else "—"


# ---- 八、the trend; the centers side by side -------------------------------------------------------------


class TrendTab(SectionTab):
    """The 12 months ending with this one: day-care 人次, meals served and home visits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = BarChart(_("Trend of the last 12 months"), self.body)
        self.chart.setObjectName("trendChart")
        self.table = ReportTable(
            lambda: [_("Month"), _("Day-care visits"), _("Meals served"), _("Home visits")],
            {0: "26-10", 1: "88,888", 2: "88,888", 3: "88,888"},
            numeric=(1, 2, 3),
            name="trendTable",
            parent=self.body,
        )
        self.column.addLayout(side_by_side((self.chart, 3), (self.table, 2)), 1)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        points = section.trend
        self.chart.set_data(
            [p.label for p in points],
            [
                (_("Day-care visits"), [p.day_care for p in points]),
                (_("Meals served"), [p.meals for p in points]),
                (_("Home visits"), [p.visits for p in points]),
            ],
        )
        self.table.set_rows([(p.label, count(p.day_care), count(p.meals), count(p.visits)) for p in points])
        self.table.scrollToBottom()  # the month reported is the last line
        self.set_empty(False)


class CentersTab(SectionTab):
    """A district's month: one line per center and the district's totals (a senior of two centers counts once)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ReportTable(
            lambda: [
                _("Code"),
                _("Center"),
                _("Registered seniors"),
                _("Day-care visits"),
                _("Meals served"),
                _("Home visits"),
                _("Subsidies (yuan)"),
            ],
            {0: "C001", 2: "88,888", 3: "88,888", 4: "88,888", 5: "88,888", 6: "888,888.00"},
            numeric=range(2, 7),
            stretch=1,
            name="centerTable",
            parent=self.body,
        )
        self.column.addWidget(self.table, 1)

    def show_section(self, pack: MonthlyPack, section: CenterSection) -> None:
        def line(s: CenterSection, code: str, name: str) -> tuple[str, ...]:
            return (code, name, count(s.summary.registered), count(s.day_care.visits), count(s.meals.served),
                    count(s.visits.home_visits), money(s.roster.total_fen))  # fmt: skip

        self.table.set_rows([line(s, s.code, s.name) for s in pack.sections], line(section, "", _("Total")))
        self.set_empty(False)
