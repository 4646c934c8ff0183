"""The sections of the monthly report on paper, one function each: (styles, a center's section, width) → flowables.

The first flowable of each is kept on the page of its heading. A section with no record
in the month returns the honest line 本月无服务记录 (``blocks.empty``). Money is printed in
元 with two decimals and thousands separators (1,234.50); hours with one decimal.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from carecenter.desk.visit_dto import MEALS_CODE
from carecenter.i18n import _
from carecenter.reports import blocks, charts
from carecenter.reports.blocks import Styles
from carecenter.reports.listing import Cell
from carecenter.reports.monthly_figures import CenterSection
from carecenter.reports.numbers import hours, money, percent

Story = list[Flowable]
KEEP_WITH_HEADING = 60 * mm  # a heading never ends a page with less than this below it
SUBHEADING_ROOM_MM = 35  # a list's heading, its header row and a few rows


def key_figures(s: CenterSection) -> list[tuple[str, Cell]]:
    """The district's boxes: the register and each service's main count."""
    return [
        (_("Registered seniors"), s.summary.registered),
        (_("Aged 80 and over"), s.summary.aged_80_plus),
        (_("New this month"), len(s.summary.new)),
        (_("Withdrew or died"), len(s.summary.departed)),
        (_("Day-care visits"), s.day_care.visits),
        (_("Meals served"), s.meals.served),
        (_("Home visits"), s.visits.home_visits),
        (_("Service hours"), hours(s.visits.minutes)),
        (_("Calls"), s.calls.total),
        (_("Incidents"), s.incidents.total),
        (_("Activities held"), s.activities.total.activities),
        (_("Subsidies (yuan)"), money(s.roster.total_fen)),
    ]


def subheading(styles: Styles, words: str) -> list[Flowable]:
    """A heading over a list that may run for pages: room for its header row and a few rows below it."""
    return blocks.section(styles, words, level=2, room_mm=SUBHEADING_ROOM_MM)


def left(table: Flowable) -> Flowable:
    """A table narrower than the frame, set against the left margin like the text around it."""
    table.hAlign = "LEFT"
    return table


def side_by_side(left: Flowable, right: Flowable, width: float) -> Table:
    t = Table([[left, right]], colWidths=[width / 2, width / 2])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return t


# ---- 一、registered seniors -----------------------------------------------------------------------


def register_counts(styles: Styles, s: CenterSection, width: float) -> Story:
    """The figures and the two tables of the register (a district's summary stops here)."""
    r = s.summary
    boxes: list[tuple[str, Cell]] = [
        (_("Registered seniors"), r.registered),
        (_("Of them paused"), r.paused),
        (_("Aged 80 and over"), r.aged_80_plus),
        (_("Men / women"), f"{r.men} / {r.women}"),
        (_("New this month"), len(r.new)),
        (_("Withdrew this month"), r.withdrew),
        (_("Died this month"), r.died),
        (_("With a category"), r.with_category),
    ]
    half = width / 2 - 4 * mm
    ages = blocks.table(
        styles,
        [_("Age band"), _("Number of seniors"), _("Share")],
        [(b.label, b.count, percent(b.count, r.registered)) for b in r.by_age]
        + [(_("Total"), r.registered, percent(r.registered, r.registered))],
        blocks.fit([2, 1.2, 1.2], half),
        numeric=(1, 2),
        total_row=True,
    )
    categories = blocks.table(
        styles,
        [_("Category"), _("Number of seniors")],
        [(c.label, c.count) for c in r.by_category],
        blocks.fit([2.8, 1], width / 2),
        numeric=(1,),
        wrap=(0,),
    )
    note = _("Ages in completed years on {date}; categories valid on that day (a senior may have several).").format(
        date=r.as_of.isoformat()
    )
    return [
        blocks.figures(styles, boxes, width, per_row=4),
        blocks.gap(3),
        side_by_side(ages, categories, width),
        blocks.gap(1.5),
        blocks.para(styles, note, small=True),
    ]


def register(styles: Styles, s: CenterSection, width: float) -> Story:
    out = register_counts(styles, s, width)
    r = s.summary
    if r.new:
        out += subheading(styles, _("New seniors this month ({n})").format(n=len(r.new)))
        out.append(
            blocks.table(
                styles,
                [_("Registered on"), _("Name"), _("Member no."), _("ID number"), _("Community")],
                [(p.on.isoformat(), p.name, p.member_no, p.id_number, p.community) for p in r.new],
                blocks.fit([1.5, 1.3, 1.2, 2.6, 2.2], width),
                wrap=(4,),
            )
        )
    if r.departed:
        out += subheading(styles, _("Withdrawn or deceased this month ({n})").format(n=len(r.departed)))
        out.append(
            blocks.table(
                styles,
                [_("Date"), _("Name"), _("Member no."), _("ID number"), _("Status"), _("Reason")],
                [(p.on.isoformat(), p.name, p.member_no, p.id_number, p.status.label, p.reason) for p in r.departed],
                blocks.fit([1.5, 1.3, 1.2, 2.6, 0.9, 2.2], width),
                wrap=(5,),
            )
        )
    return out


# ---- 二、day care; 三、meals -------------------------------------------------------------------------


def day_care(styles: Styles, s: CenterSection, width: float) -> Story:
    d = s.day_care
    if not d.visits:
        return [blocks.empty(styles)]
    boxes: list[tuple[str, Cell]] = [
        (_("Visits (person-times)"), d.visits),
        (_("Seniors (unduplicated)"), d.people),
        (_("Opening days"), d.opening_days),
        (_("Average per opening day"), d.average_text),
        (_("Hours at the center"), hours(d.minutes)),
        (_("Days without check-out"), d.open_days),
    ]
    out: Story = [blocks.figures(styles, boxes, width, per_row=3), blocks.gap(3)]
    out.append(
        charts.day_bars(
            [(p.day.day, p.count) for p in d.per_day], styles.font, width, _("Seniors at day care, day by day")
        )
    )
    if d.open_days:
        out.append(
            blocks.para(
                styles,
                _("Hours count the days with a check-out only; {n} check-ins have none yet.").format(n=d.open_days),
                small=True,
            )
        )
    return out


def meals(styles: Styles, s: CenterSection, width: float) -> Story:
    m = s.meals
    if not m.served:
        return [blocks.empty(styles)]
    boxes: list[tuple[str, Cell]] = [
        (_("Meals served"), m.served),
        (_("Eaten in"), m.eat_in),
        (_("Delivered"), m.delivered),
        (_("Seniors served"), m.seniors),
        (_("Meal subsidy (yuan)"), money(m.subsidy_fen)),
        (_("Paid by seniors (yuan)"), money(m.paid_fen)),
    ]
    rows: list[Sequence[Cell]] = [
        (t.meal_type.label if t.meal_type else "", t.ordered, t.served, t.eat_in, t.delivered, money(t.price_fen),
         money(t.subsidy_fen), money(t.paid_fen))
        for t in m.by_meal
    ]  # fmt: skip
    a = m.all
    rows.append((_("Total"), a.ordered, a.served, a.eat_in, a.delivered, money(a.price_fen), money(a.subsidy_fen),
                 money(a.paid_fen)))  # fmt: skip
    out: Story = [blocks.figures(styles, boxes, width, per_row=3), blocks.gap(3)]
    out.append(
        blocks.table(
            styles,
            [_("Meal"), _("Ordered"), _("Served"), _("Eaten in"), _("Delivered"), _("Price (yuan)"),
             _("Subsidy (yuan)"), _("Paid (yuan)")],
            rows,
            blocks.fit([1.1, 1, 1, 1, 1, 1.5, 1.5, 1.5], width),
            numeric=range(1, 8),
            total_row=True,
        )
    )  # fmt: skip
    if m.by_tier:
        out += subheading(styles, _("Meal subsidy per tier"))
        tiers: list[Sequence[Cell]] = [
            (t.tier or _("No subsidy"), t.meals, t.seniors, money(t.subsidy_fen)) for t in m.by_tier
        ]
        tiers.append((_("Total"), sum(t.meals for t in m.by_tier), m.seniors, money(m.subsidy_fen)))
        out.append(
            blocks.table(
                styles,
                [_("Tier"), _("Person-times"), _("Number of seniors"), _("Subsidy (yuan)")],
                tiers,
                blocks.fit([3, 1, 1, 1.5], width),
                numeric=(1, 2, 3),
                wrap=(0,),
                total_row=True,
            )
        )
    return out


# ---- 四、九助 -----------------------------------------------------------------------------------------


def visits(styles: Styles, s: CenterSection, width: float) -> Story:
    v = s.visits
    if not v.visits:
        return [blocks.empty(styles)]
    boxes: list[tuple[str, Cell]] = [
        (_("Services (person-times)"), v.visits),
        (_("Home visits"), v.home_visits),
        (_("Service hours"), hours(v.minutes)),
        (_("Seniors served"), v.seniors),
        (_("Visits missed"), v.missed),
        (_("Staff who served"), len(v.by_staff)),
    ]
    out: Story = [blocks.figures(styles, boxes, width, per_row=3), blocks.gap(3)]
    shown = [(t.name, t.visits) for t in v.by_type if t.visits and t.code != MEALS_CODE]
    if shown:  # 助餐 has its own section; its bar would dwarf the visits
        out.append(charts.horizontal_bars(shown, styles.font, width * 0.9, _("Home visits per service")))
    rows: list[Sequence[Cell]] = [(t.name, t.visits, hours(t.minutes), t.seniors) for t in v.by_type]
    rows.append((_("Total"), v.visits, hours(v.minutes), v.seniors))
    out.append(
        blocks.table(
            styles,
            [_("Service"), _("Person-times"), _("Hours"), _("Seniors served")],
            rows,
            blocks.fit([2.5, 1, 1, 1], width),
            numeric=(1, 2, 3),
            total_row=True,
        )
    )
    if any(t.code == MEALS_CODE and t.visits for t in v.by_type):
        out.append(blocks.gap(1.5))
        out.append(blocks.para(styles, _("The meals line counts the meals served; meals have no hours."), small=True))
    if v.by_staff:
        out += subheading(styles, _("Per staff member (home visits)"))
        staff: list[Sequence[Cell]] = [(p.name, p.visits, hours(p.minutes)) for p in v.by_staff]
        staff.append((_("Total"), sum(p.visits for p in v.by_staff), hours(sum(p.minutes for p in v.by_staff))))
        out.append(
            left(
                blocks.table(
                    styles,
                    [_("Staff member"), _("Person-times"), _("Hours")],
                    staff,
                    blocks.fit([2.5, 1, 1], width * 0.7),
                    numeric=(1, 2),
                    total_row=True,
                )
            )
        )
    return out


# ---- 五、calls and incidents; 六、activities; 七、assessments -------------------------------------------


def calls_incidents(styles: Styles, s: CenterSection, width: float) -> Story:
    c, i = s.calls, s.incidents
    if not c.total and not i.total:
        return [blocks.empty(styles)]
    boxes: list[tuple[str, Cell]] = [
        (_("Calls received"), c.total),
        (_("Of them urgent"), c.urgent),
        (_("Closed"), c.closed),
        (_("Still open"), c.still_open),
        (_("Incidents"), i.total),
        (_("Incidents recorded with a call"), c.with_incident),
    ]
    out: Story = [blocks.figures(styles, boxes, width, per_row=3)]
    if c.total:
        callers = "、".join(f"{k.label} {k.count}" for k in c.by_caller if k.count)
        out.append(blocks.gap(2))
        out.append(blocks.para(styles, _("Who called: {list}").format(list=callers)))
    if i.total:
        kinds = "、".join(f"{k.label} {k.count}" for k in i.by_kind)
        out += subheading(styles, _("Incidents this month ({n}): {kinds}").format(n=i.total, kinds=kinds))
        out.append(
            blocks.table(
                styles,
                [_("Date"), _("Name"), _("Kind"), _("What happened"), _("What was done")],
                [(x.occurred_on.isoformat(), x.name, x.kind_label, x.description, x.action_taken) for x in i.lines],
                blocks.fit([1.5, 1.2, 1.3, 3, 2.6], width),
                wrap=(2, 3, 4),
            )
        )
    return out


def activities(styles: Styles, s: CenterSection, width: float) -> Story:
    a = s.activities
    if not a.total.activities and not a.parties:
        return [blocks.empty(styles)]
    out: Story = []
    if a.total.activities:
        rows: list[Sequence[Cell]] = [
            (k.kind.label if k.kind else "", k.activities, k.person_times, k.seniors) for k in a.by_kind if k.activities
        ]
        rows.append((_("Total"), a.total.activities, a.total.person_times, a.total.seniors))
        out.append(
            blocks.table(
                styles,
                [_("Kind of activity"), _("Held"), _("Person-times"), _("Number of seniors")],
                rows,
                blocks.fit([2.5, 1, 1, 1], width),
                numeric=(1, 2, 3),
                total_row=True,
            )
        )
    else:
        out.append(blocks.para(styles, _("No activities were recorded this month.")))
    out.append(blocks.gap(2))
    if not a.parties:
        out.append(blocks.para(styles, _("No birthday party was held this month.")))
    for p in a.parties:
        text = _("Birthday party on {day}{place}: {invited} invited, {came} came ({milestones} round birthdays).")
        place = f"，{p.place}" if p.place else ""
        out.append(
            blocks.para(
                styles,
                text.format(
                    day=p.held_on.isoformat(), place=place, invited=p.invited, came=p.attended, milestones=p.milestones
                ),
            )
        )
    return out


def assessments(styles: Styles, s: CenterSection, width: float) -> Story:
    a = s.assessments
    if not a.forms:
        return [blocks.empty(styles)]
    boxes: list[tuple[str, Cell]] = [
        (_("Seniors assessed"), a.seniors),
        (_("First assessment"), a.new),
        (_("Reassessment"), a.reassessed),
        (_("Forms filled in"), a.forms),
    ]
    levels = blocks.table(
        styles,
        [_("Care level"), _("Number of seniors")],
        [(x.label, x.count) for x in a.by_level] + [(_("Total"), a.seniors)],
        blocks.fit([3, 1], width / 2),
        numeric=(1,),
        wrap=(0,),
        total_row=True,
    )
    return [blocks.figures(styles, boxes, width, per_row=4), blocks.gap(3), left(levels)]
