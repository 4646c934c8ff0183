"""The last sections of the monthly report on paper: the 12-month trend and the subsidy roster.

The roster section says whether the month is approved (by whom, when) or a preview
(未审批（预览）), gives each subsidy's count and amount against the month before, the change
list (新增 / 停发 / 调档 with the reason), every grant per subsidy, and the lines to sign
(制表人 / 审核人 / 负责人签字). ID numbers are printed as the pack holds them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from carecenter.i18n import _
from carecenter.reports import blocks, charts
from carecenter.reports.blocks import Styles
from carecenter.reports.listing import Cell
from carecenter.reports.monthly_figures import CenterSection
from carecenter.reports.monthly_pdf_parts import left, subheading
from carecenter.reports.numbers import money

Story = list[Flowable]


def trend(styles: Styles, s: CenterSection, width: float) -> Story:
    points = s.trend
    series = [
        (_("Day-care visits"), [p.day_care for p in points]),
        (_("Meals served"), [p.meals for p in points]),
        (_("Home visits"), [p.visits for p in points]),
    ]
    chart = charts.grouped_bars([p.label for p in points], series, styles.font, width, height=72 * mm)
    rows: list[Sequence[Cell]] = [(p.label, p.day_care, p.meals, p.visits) for p in points]
    table = blocks.table(
        styles,
        [_("Month"), _("Day-care visits"), _("Meals served"), _("Home visits")],
        rows,
        blocks.fit([1.2, 1, 1, 1], width * 0.75),
        numeric=(1, 2, 3),
    )
    return [KeepTogether([chart, blocks.gap(2), left(table)])]


def rule_totals(styles: Styles, s: CenterSection, width: float) -> Story:
    """Each subsidy's count and amount, the month before's amount, and how many were new, stopped, changed."""
    r = s.roster
    if not r.rules:
        return [blocks.empty(styles, _("No subsidies this month or the month before."))]
    rows: list[Sequence[Cell]] = [
        (x.rule_name, x.count, money(x.total_fen), money(x.before_fen), x.new, x.stopped, x.changed) for x in r.rules
    ]
    rows.append(
        (
            _("Total"),
            r.count,
            money(r.total_fen),
            money(sum(x.before_fen for x in r.rules)),
            sum(x.new for x in r.rules),
            sum(x.stopped for x in r.rules),
            sum(x.changed for x in r.rules),
        )
    )
    return [
        blocks.table(
            styles,
            [_("Subsidy"), _("Number of seniors"), _("Amount (yuan)"), _("Month before (yuan)"), _("New"), _("Stopped"),
             _("Band change")],
            rows,
            blocks.fit([2.4, 1, 1.6, 1.6, 0.8, 0.8, 0.9], width),
            numeric=range(1, 7),
            wrap=(0,),
            total_row=True,
        )
    ]  # fmt: skip


def roster(styles: Styles, s: CenterSection, width: float) -> Story:
    r = s.roster
    if r.approved:
        when = r.approved_at.strftime("%Y-%m-%d %H:%M") if r.approved_at else ""
        state = _("Approved on {when} by {who}.").format(when=when, who=r.approver_name)
    else:
        state = _("Not approved (preview): computed from today's records; the approved roster may differ.")
    out: Story = [blocks.para(styles, state), blocks.gap(2)]
    out += rule_totals(styles, s, width)
    out += subheading(styles, _("Changes against the month before"))
    if r.changes:
        out.append(
            blocks.table(
                styles,
                [_("Change"), _("Subsidy"), _("Name"), _("ID number"), _("Amount before"), _("Amount now"), _("Reason")],
                [
                    (c.kind.label, c.rule_name, c.name, c.id_number, _amount(c.before_fen), _amount(c.after_fen),
                     c.reason)
                    for c in r.changes
                ],
                blocks.fit([1.3, 1.4, 1.1, 2.7, 1.05, 1.05, 2.5], width),
                numeric=(4, 5),
                wrap=(1, 6),
            )
        )  # fmt: skip
    else:
        out.append(blocks.para(styles, _("No changes.")))
    for rule in r.rules:
        grants = [g for g in r.grants if g.rule_code == rule.rule_code]
        if not grants:
            continue
        title = _("{rule}: {n} seniors, {amount} yuan").format(
            rule=rule.rule_name, n=len(grants), amount=money(rule.total_fen)
        )
        out += subheading(styles, title)
        out.append(
            blocks.table(
                styles,
                [_("No."), _("Name"), _("Member no."), _("ID number"), _("Tier"), _("Amount (yuan)")],
                [(i, g.name, g.member_no, g.id_number, g.tier, money(g.amount_fen)) for i, g in enumerate(grants, 1)],
                blocks.fit([0.7, 1.3, 1.2, 2.6, 2.2, 1.3], width),
                numeric=(0, 5),
                wrap=(4,),
            )
        )
    out.append(blocks.signatures(styles, [_("Prepared by"), _("Checked by"), _("Person in charge")], width))
    return out


def _amount(fen: int) -> str:
    return money(fen) if fen else "—"
