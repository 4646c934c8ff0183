"""The care summary on paper: A4 portrait in large type, for a family member to read at home.

Sections, in the order a family asks about them: who the senior is (profile, contacts,
categories); what the kitchen and any helper must know first (allergies and diet, in a red
box); health; the latest capability assessment and how it changed; the care plan in force;
the services received in the last three months; incidents of the last twelve months; this
month's subsidies; and at the end the center's telephone and the line where the social
worker signs. Everything is in words (service names, levels, statuses, dates as
2026年11月22日), a section with nothing in it says so in a sentence, and a heading is
never left alone at the foot of a page.

Built from a :class:`~carecenter.reports.care_summary_dto.CareSummary` only: no database here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from carecenter.i18n import _
from carecenter.progress import Cancelled, Progress
from carecenter.reports import blocks
from carecenter.reports import care_summary_pdf_parts as parts
from carecenter.reports.blocks import LINE, Styles, text
from carecenter.reports.care_summary_dto import CareSummary
from carecenter.reports.document import PageHeading, Printed, frame_width, render
from carecenter.reports.fonts import ReportFont
from carecenter.reports.printing import Printer

SCALE = 1.25  # a family's copy: 14 pt body text
ALERT_RED = HexColor("#B00020")
ALERT_FILL = HexColor("#FFF3F3")
KEEP_WITH_HEADING_MM = 45
CLOSING_HEIGHT = 48 * mm  # the center's telephone and address, and the signature lines

Story = list[Flowable]
Section = Callable[[Styles, CareSummary, float], Story]


def render_summary(
    summary: CareSummary,
    target: Path,
    font: ReportFont,
    printer: Printer,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Printed:
    """Typeset ``summary`` to ``target`` (atomically; OutputError, WorkCancelled as :func:`render`)."""
    heading = PageHeading(
        center=summary.center.name,
        title=_("Care summary"),
        period=summary.profile.name,
        printed_at=printer.at,
        printed_by=printer.name,
    )
    width = frame_width(heading)
    return render(target, heading, story(summary, font.name, width), font, progress, cancelled)


def story(summary: CareSummary, font: str, width: float) -> Story:
    """Every flowable of the summary, in reading order."""
    styles = Styles(font, scale=SCALE)
    p = summary.profile
    sub = _("Member no. {no}  ·  as of {date}").format(no=p.member_no, date=parts.day(summary.as_of))
    out: Story = blocks.title(styles, _("Care summary of {name}").format(name=p.name), sub)
    out.append(
        blocks.para(
            styles,
            _(
                "This summary brings together what {center} knows about {name}'s care: "
                "registration, health, assessments, the care plan and the services received."
            ).format(center=summary.center.name, name=p.name),
            small=True,
        )
    )
    sections: list[tuple[str, Section]] = [
        (_("1. Personal details"), profile),
        (_("2. Emergency contacts"), parts.contacts),
        (_("3. Allergies and diet"), diet),
        (_("4. Health"), parts.health),
        (_("5. Capability assessment"), parts.assessments),
        (_("6. Care plan"), parts.plan),
        (_("7. Services received in the last three months"), parts.services),
        (_("8. Incidents in the last twelve months"), parts.incidents),
        (_("9. Subsidies this month"), parts.subsidies),
    ]
    for name, make in sections:
        out += headed(styles, name, make(styles, summary, width))
    out += closing(styles, summary, width)
    return out


def headed(styles: Styles, name: str, body: Story) -> Story:
    """A section: its heading starts a new page when too little room is left for it and the first lines below it."""
    return [*blocks.section(styles, name, room_mm=KEEP_WITH_HEADING_MM), *body]


# ---- the profile ---------------------------------------------------------------------------------


def profile(styles: Styles, s: CareSummary, width: float) -> Story:
    p = s.profile
    status = _("{status} (since {date})").format(status=p.status, date=parts.day(p.status_since))
    categories = (
        "；".join(parts.with_period(c.name, c.valid_from, c.valid_to) for c in s.categories)
        if s.categories
        else _("None")
    )
    rows: list[tuple[str, ...]] = [
        (_("Name"), p.name, _("Gender"), p.gender),
        (_("Birth date"), parts.day(p.birth_date), _("Age"), _("{age} years").format(age=p.age)),
        (_("Member no."), p.member_no, _("Household registration"), p.residence),
        (_("ID number"), p.id_number),
        (_("Community"), p.community or _("Not recorded"), _("Status"), status),
        (_("Care level"), p.care_level, _("Registered on"), parts.day(p.registered_on)),
        (_("Phone"), "、".join(p.phones) or _("Not recorded")),
        (_("Address"), p.address or _("Not recorded")),
        (_("Categories"), categories),
    ]
    return [parts.facts(styles, rows, width)]


# ---- allergies and diet: what must not be missed ---------------------------------------------------


def diet(styles: Styles, s: CareSummary, width: float) -> Story:
    h = s.health
    if h.allergies:
        allergy = Paragraph(
            text(_("Allergies: {a}").format(a=h.allergies)),
            _coloured(styles.h2, ALERT_RED, "allergy"),
        )
    else:
        allergy = Paragraph(text(_("No allergies recorded")), styles.body)
    lines: list[Any] = [[allergy]]
    lines.append(
        [Paragraph(text(_("Diet: {d}").format(d="、".join(h.diet) if h.diet else _("no special diet"))), styles.body)]
    )
    if h.diet_notes:
        lines.append([Paragraph(text(_("Diet notes: {n}").format(n=h.diet_notes)), styles.body)])
    box = Table(lines, colWidths=[width])
    alert = bool(h.allergies)
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.6 if alert else 0.6, ALERT_RED if alert else LINE),
                ("BACKGROUND", (0, 0), (-1, -1), ALERT_FILL if alert else HexColor("#FFFFFF")),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    return [box]


def _coloured(base: ParagraphStyle, colour: Color, name: str) -> ParagraphStyle:
    return ParagraphStyle(name, parent=base, textColor=colour, spaceBefore=0, spaceAfter=0)


# ---- the end: who to call, who signs --------------------------------------------------------------


def closing(styles: Styles, s: CareSummary, width: float) -> Story:
    c = s.center
    if c.phone:
        # The number on a line of its own: never broken across two lines.
        ask = _("Questions about this summary: please call {center} at\n{phone}").format(center=c.name, phone=c.phone)
    else:
        ask = _("Questions about this summary: please ask at {center}.").format(center=c.name)
    # Room for these lines and the signature together: the signature never stands alone on a last page.
    out: Story = [CondPageBreak(CLOSING_HEIGHT), blocks.gap(6), blocks.para(styles, ask)]
    if c.address:
        out.append(blocks.para(styles, _("Address: {address}").format(address=c.address)))
    # The signature block keeps itself together (a KeepTogether around it would never fit).
    out.append(blocks.signatures(styles, [_("Social worker's signature")], width))
    return out
