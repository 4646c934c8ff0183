"""The care summary's middle sections: contacts, health, assessments, the plan, services, incidents, subsidies.

Each function takes the styles, the summary and the frame width and returns its flowables
(the section's heading is added by :func:`carecenter.reports.care_summary_pdf.headed`). An
empty section is one honest sentence (暂无评估记录, 近三个月没有服务记录 …), never an
empty table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from carecenter.domain.months import last_day
from carecenter.i18n import _
from carecenter.reports import blocks
from carecenter.reports.blocks import HEADER_FILL, LINE, Styles
from carecenter.reports.care_summary_dto import CareSummary, Trend
from carecenter.reports.listing import Cell
from carecenter.reports.numbers import money

Story = list[Flowable]
KEEP_WITH_SUBHEADING_MM = 48  # a heading, a table's header and its first rows
TREND_COLOURS = {Trend.BETTER: "#2E7D32", Trend.STABLE: "#1F4E8C", Trend.WORSE: "#B00020"}


# ---- words for dates and money ------------------------------------------------------------------


def day(value: dt.date) -> str:
    """2026年11月22日."""
    return _("{y}-{m}-{d}").format(y=value.year, m=value.month, d=value.day)


def month_name(first: dt.date) -> str:
    return _("{year}-{month:02d}").format(year=first.year, month=first.month)


def period(start: dt.date | None, end: dt.date | None) -> str:
    """2026年1月1日至2026年12月31日, 2026年1月1日起, 至2026年12月31日; "" when both ends are open."""
    if start is not None and end is not None:
        return _("{first} to {last}").format(first=day(start), last=day(end))
    if start is not None:
        return _("from {date}").format(date=day(start))
    if end is not None:
        return _("until {date}").format(date=day(end))
    return ""


def with_period(name: str, start: dt.date | None, end: dt.date | None) -> str:
    """低保（2026年1月1日至2026年12月31日）; the name alone when both ends are open."""
    span = period(start, end)
    return _("{name} ({period})").format(name=name, period=span) if span else name


def facts(styles: Styles, rows: Sequence[tuple[str, ...]], width: float) -> Flowable:
    """Label–value pairs, two to a line (a lone pair takes the whole line), the labels shaded."""
    label_w = 24 * mm  # 4 characters (身份证号, 照护等级) at the family's size
    value_w = width / 2 - label_w
    body: list[list[Any]] = []
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
    ]
    for r, row in enumerate(rows):
        cells: list[Any] = [Paragraph(blocks.text(v), styles.body) for v in row]
        if len(cells) == 2:
            cells += ["", ""]
            commands.append(("SPAN", (1, r), (3, r)))
        else:
            commands.append(("BACKGROUND", (2, r), (2, r), HEADER_FILL))
        body.append(cells)
    table = Table(body, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(TableStyle(commands))
    return KeepTogether([table])  # a few lines: never one of them alone on the next page


def subheading(styles: Styles, name: str) -> list[Flowable]:
    """A heading inside a section, moved to the next page with its table rather than left at a page's foot."""
    return blocks.section(styles, name, level=2, room_mm=KEEP_WITH_SUBHEADING_MM)


def _table(
    styles: Styles,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    width: float,
    *,
    numeric: tuple[int, ...] = (),
    wrap: tuple[int, ...] = (),
) -> Flowable:
    return blocks.table(styles, headers, rows, blocks.fit(widths, width), numeric=numeric, wrap=wrap)


# ---- contacts -------------------------------------------------------------------------------------


def contacts(styles: Styles, s: CareSummary, width: float) -> Story:
    if not s.contacts:
        return [blocks.empty(styles, _("No emergency contact recorded."))]
    rows: list[list[Cell]] = [[c.name, c.relation, c.phone] for c in s.contacts]
    return [_table(styles, [_("Name"), _("Relation"), _("Phone")], rows, [3, 2, 3], width, wrap=(0, 1))]


# ---- health ---------------------------------------------------------------------------------------


def health(styles: Styles, s: CareSummary, width: float) -> Story:
    h = s.health
    none = _("None recorded")
    doctor = " ".join(t for t in (h.family_doctor, h.family_doctor_phone) if t)
    rows: list[tuple[str, ...]] = [
        (_("Chronic conditions"), "、".join(h.conditions) or none),
        (_("Care risks"), "、".join(h.risks) or none),
        (_("Family doctor"), doctor or none),
    ]
    if not h.medications:
        rows.append((_("Medications"), none))
    out: Story = [facts(styles, rows, width)]
    if h.medications:
        out += subheading(styles, _("Medications"))
        meds: list[list[Cell]] = [[m.name, m.dose, m.schedule] for m in h.medications]
        out.append(_table(styles, [_("Medicine"), _("Dose"), _("How taken")], meds, [3, 2, 3], width, wrap=(0, 1, 2)))
    return out


# ---- assessments ----------------------------------------------------------------------------------


def assessments(styles: Styles, s: CareSummary, width: float) -> Story:
    a = s.assessments
    if a.latest is None:
        return [blocks.empty(styles, _("No assessment recorded yet."))]
    latest = a.latest
    out: Story = [
        blocks.para(
            styles,
            _("Latest assessment: {date}, {form}; score {score}; result: {level}.").format(
                date=day(latest.assessed_on),
                form=latest.instrument,
                score=_score(latest.total, latest.max_total),
                level=latest.level,
            ),
        )
    ]
    if latest.adjusted_because:
        out.append(
            blocks.para(
                styles,
                _("The level was set one step lower because of: {why}.").format(why="；".join(latest.adjusted_because)),
                small=True,
            )
        )
    if a.previous is not None and a.trend is not None:
        before = _("Compared with the previous assessment ({date}: {level}, score {score}):").format(
            date=day(a.previous.assessed_on),
            level=a.previous.level,
            score=_score(a.previous.total, a.previous.max_total),
        )
        markup = f'{escape(before)} <font color="{TREND_COLOURS[a.trend]}" size="{styles.h2.fontSize}">{escape(a.trend.label)}</font>'
        out.append(Paragraph(markup, styles.body))
    else:
        out.append(
            blocks.para(styles, _("This is the first assessment with this form: no earlier one to compare with."))
        )
    if len(a.history) > 1:
        out += subheading(styles, _("Recent assessments"))
        rows: list[list[Cell]] = [
            [day(h.assessed_on), h.instrument, _score(h.total, h.max_total), h.level, h.assessors] for h in a.history
        ]
        headers = [_("Date"), _("Form"), _("Score"), _("Result"), _("Assessors")]
        out.append(_table(styles, headers, rows, [3.4, 4.6, 1.9, 2.4, 3], width, numeric=(2,), wrap=(1, 3, 4)))
    return out


def _score(total: int, max_total: int | None) -> str:
    return f"{total} / {max_total}" if max_total is not None else str(total)


# ---- the care plan ----------------------------------------------------------------------------------


def plan(styles: Styles, s: CareSummary, width: float) -> Story:
    p = s.plan
    if p is None:
        return [blocks.empty(styles, _("There is no care plan in force at present."))]
    signed = p.signed_by
    if p.signed_on is not None:
        signed = _("{name} (signed {date})").format(name=p.signed_by, date=day(p.signed_on))
    about: list[tuple[str, ...]] = [
        (_("Care goals"), p.goals or _("Not recorded")),
        (_("Care needs"), p.needs or _("Not recorded")),
        (_("Plan period"), period(p.start_on, p.end_on), _("Review date"), day(p.review_on)),
        (_("Signed by"), signed),
    ]
    out: Story = [facts(styles, about, width)]
    if not p.services:
        out.append(blocks.para(styles, _("The plan lists no regular services.")))
        return out
    out += subheading(styles, _("Planned services"))
    rows: list[list[Cell]] = []
    for line in p.services:
        note = line.notes
        if line.start_on is not None or line.end_on is not None:
            note = "；".join(t for t in (period(line.start_on, line.end_on), line.notes) if t)
        rows.append([line.service, line.schedule, line.staff or _("to be arranged"), note])
    headers = [_("Service"), _("How often"), _("By whom"), _("Notes")]
    widths = [2.6, 3.2, 2.4, 4]
    if not any(row[3] for row in rows):  # no notes at all: no empty column
        headers, widths, rows = headers[:3], widths[:3], [row[:3] for row in rows]
    out.append(_table(styles, headers, rows, widths, width, wrap=(0, 1, 2, 3)[: len(headers)]))
    return out


# ---- services received ------------------------------------------------------------------------------


def services(styles: Styles, s: CareSummary, width: float) -> Story:
    r = s.services
    window = _("From {first} to {last}.").format(first=day(r.first), last=day(r.last))
    if not r.rows:
        nothing = _("No services were recorded from {first} to {last}.")
        return [blocks.empty(styles, nothing.format(first=day(r.first), last=day(r.last)))]
    # Months by number only (9月, 10月 …): the window above says the years, and 2026年10月 would not fit.
    headers = [_("Service"), *(_("Month {m}").format(m=m.month) for m in r.months), _("Total"), _("Hours")]
    rows: list[list[Cell]] = []
    for row in r.rows:
        counts = [_count(n, row.unit) for n in row.per_month]
        time = f"{row.minutes / 60:.1f}" if row.minutes else "—"
        rows.append([row.name, *counts, _count(row.total, row.unit), time])
    numeric = tuple(range(1, len(r.months) + 3))
    widths = [100, *([86] * len(r.months)), 58, 94]  # points: 2026年10月 and 时长（小时） each on one line
    out: Story = [blocks.para(styles, window)]
    out.append(_table(styles, headers, rows, widths, width, numeric=numeric, wrap=(0,)))
    if r.last != last_day(r.last):
        out.append(
            blocks.para(
                styles, _("{month}: up to {date}.").format(month=month_name(r.months[-1]), date=day(r.last)), small=True
            )
        )
    return out


def _count(n: int, unit: str) -> str:
    return "—" if n == 0 else _("{n} {unit}").format(n=n, unit=unit)


# ---- incidents and subsidies ------------------------------------------------------------------------


def incidents(styles: Styles, s: CareSummary, width: float) -> Story:
    i = s.incidents
    window = _("From {first} to {last}.").format(first=day(i.first), last=day(i.last))
    if not i.lines:
        nothing = _("No incidents were recorded from {first} to {last}.")
        return [blocks.empty(styles, nothing.format(first=day(i.first), last=day(i.last)))]
    rows: list[list[Cell]] = []
    for line in i.lines:
        when = day(line.occurred_on)
        if line.ended_on is not None:
            when = _("{first} to {last}").format(first=when, last=day(line.ended_on))
        rows.append([when, line.kind, line.description, line.action_taken])
    headers = [_("Date"), _("Kind"), _("Details"), _("What was done")]
    return [
        blocks.para(styles, window),
        _table(styles, headers, rows, [118, 62, 164, 154], width, wrap=(0, 1, 2, 3)),
    ]


def subsidies(styles: Styles, s: CareSummary, width: float) -> Story:
    sub = s.subsidies
    if not sub.lines:
        return [blocks.empty(styles, _("No subsidy rules are set up."))]
    rows: list[list[Cell]] = []
    for line in sub.lines:
        if not line.granted:
            amount = _("Not granted")
        elif line.per_meal:
            amount = _("{amount} yuan per meal").format(amount=money(line.amount_fen))
        else:
            amount = _("{amount} yuan a month").format(amount=money(line.amount_fen))
        rows.append([line.name, amount, line.reason])
    out: Story = [
        _table(styles, [_("Subsidy"), month_name(sub.month), _("Why")], rows, [3.6, 2.8, 6.6], width, wrap=(0, 1, 2))
    ]
    if not sub.approved:
        out.append(
            blocks.para(
                styles,
                _("This month's subsidy roster is not approved yet: the amounts follow today's records."),
                small=True,
            )
        )
    return out
