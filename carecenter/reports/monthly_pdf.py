"""The monthly report on paper: A4 portrait, one story per center, the district's summary first.

A center's pages: the title (月度服务报表, the center and month), then numbered sections —
the register, day care, meals, 九助, calls and incidents, activities and the birthday party,
assessments, the 12-month trend, and the subsidy roster with its change list and the lines
to sign. Key figures stand in boxes, details in tables, and a chart beside the figures it
draws. A section with nothing recorded says 本月无服务记录 rather than showing zeros.

A district pack starts with the district's totals and a table comparing the centers; each
center's section then starts on a new page. Sections are built from a
:class:`~carecenter.reports.monthly_figures.MonthlyPack` only: no database here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph

from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress
from carecenter.reports import blocks, charts
from carecenter.reports import monthly_pdf_parts as parts
from carecenter.reports import monthly_pdf_roster as roster
from carecenter.reports.blocks import Styles
from carecenter.reports.document import PageHeading, Printed, frame_width, render
from carecenter.reports.fonts import ReportFont
from carecenter.reports.monthly_figures import CenterSection, MonthlyPack, as_of_text
from carecenter.reports.numbers import money
from carecenter.reports.printing import Printer

Story = list[Flowable]


def render_pack(
    pack: MonthlyPack,
    target: Path,
    font: ReportFont,
    printer: Printer,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Printed:
    """Typeset ``pack`` to ``target`` (atomically; OutputError, WorkCancelled as :func:`render`)."""
    heading = PageHeading(
        center=pack.title,
        title=_("Monthly service report"),
        period=pack.period,
        printed_at=printer.at,
        printed_by=printer.name,
        mark=pack.mark,
    )
    return render(target, heading, story(pack, font.name, frame_width(heading)), font, progress, cancelled)


def story(pack: MonthlyPack, font: str, width: float) -> Story:
    """Every flowable of the pack, in reading order."""
    styles = Styles(font)
    out: Story = []
    if pack.district is not None:
        out += _title(styles, pack, pack.title)
        out += district_summary(styles, pack, pack.district, width)
        for section in pack.sections:
            out.append(PageBreak())
            out += _title(styles, pack, section.name)
            out += center_story(styles, pack, section, width)
    else:
        out += _title(styles, pack, pack.title)
        out += center_story(styles, pack, pack.sections[0], width)
    return out


def _title(styles: Styles, pack: MonthlyPack, who: str) -> Story:
    sub = f"{who}  ·  {pack.period}"
    if pack.partial:
        sub += f"（{as_of_text(pack.as_of)}）"
    out = blocks.title(styles, _("Monthly service report"), sub)
    if not pack.approved:
        out.append(blocks.para(styles, _("The subsidy roster of this month is not approved yet: this is a preview.")))
    return out


Part = Callable[[Styles, CenterSection, float], Story]


def center_story(styles: Styles, pack: MonthlyPack, section: CenterSection, width: float) -> Story:
    """One center's numbered sections; the roster (with its lines to sign) comes last."""
    numbered: list[tuple[str, Part]] = [
        (_("1. Registered seniors"), parts.register),
        (_("2. Day care"), parts.day_care),
        (_("3. Meals"), parts.meals),
        (_("4. Home-care services"), parts.visits),
        (_("5. Calls and incidents"), parts.calls_incidents),
        (_("6. Activities and the birthday party"), parts.activities),
        (_("7. Capability assessments"), parts.assessments),
        (_("8. Trend of the last 12 months"), roster.trend),
        (_("9. Subsidy roster"), roster.roster),
    ]
    out: Story = []
    for name, make in numbered:
        out += headed(styles, name, make(styles, section, width))
    return out


def headed(styles: Styles, name: str, body: Story) -> Story:
    """A section: its heading kept on the page of what follows it, never alone at a page's foot."""
    head = blocks.heading(styles, name)
    if not body:
        return [head]
    short = len(body) == 1 and isinstance(body[0], Paragraph)  # 本月无服务记录 and the like
    out: Story = [] if short else [CondPageBreak(parts.KEEP_WITH_HEADING)]
    return [*out, KeepTogether([head, body[0]]), *body[1:]]


def district_summary(styles: Styles, pack: MonthlyPack, total: CenterSection, width: float) -> Story:
    """The district's first pages: every center together, then one line per center."""
    out: Story = [blocks.heading(styles, _("All centers together"))]
    out.append(blocks.figures(styles, parts.key_figures(total), width, per_row=4))
    out.append(blocks.gap(3))
    rows = [
        (
            s.code,
            s.name,
            s.summary.registered,
            s.day_care.visits,
            s.meals.served,
            s.visits.home_visits,
            money(s.roster.total_fen),
        )
        for s in pack.sections
    ]
    total_row = (
        "",
        _("Total"),
        total.summary.registered,
        total.day_care.visits,
        total.meals.served,
        total.visits.home_visits,
        money(total.roster.total_fen),
    )
    out.append(blocks.heading(styles, _("The centers side by side"), level=2))
    out.append(
        blocks.table(
            styles,
            [
                _("Code"),
                _("Center"),
                _("Registered seniors"),
                _("Day-care visits"),
                _("Meals served"),
                _("Home visits"),
                _("Subsidies (yuan)"),
            ],
            [*rows, total_row],
            blocks.fit([1, 4, 1.4, 1.5, 1.5, 1.5, 1.8], width),
            numeric=(2, 3, 4, 5, 6),
            wrap=(1,),
            total_row=True,
        )
    )
    out.append(
        charts.grouped_bars(
            [s.code for s in pack.sections],
            [
                (_("Day-care visits"), [s.day_care.visits for s in pack.sections]),
                (_("Meals served"), [s.meals.served for s in pack.sections]),
                (_("Home visits"), [s.visits.home_visits for s in pack.sections]),
            ],
            styles.font,
            width,
            height=70 * mm,
        )
    )
    for name, make in (
        (_("Registered seniors"), parts.register_counts),
        (_("Trend of the last 12 months"), roster.trend),
        (_("Subsidies per rule"), roster.rule_totals),
    ):
        out += headed(styles, name, make(styles, total, width))
    return out
