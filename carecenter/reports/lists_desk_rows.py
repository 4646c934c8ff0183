"""The rows and lines of the desk's lists, made from what the screens' services return.

Pure functions over plain values (no session, no ReportLab): :mod:`.lists_desk` reads the
data through the same computations the screens use and hands it here to be laid out as
:class:`~carecenter.reports.listing.Listing` columns, sections and notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from carecenter.care.plan_info import DAY_NAMES
from carecenter.desk.attendance_dto import BoardRow, BoardState, DayCareBoard, clock_text
from carecenter.desk.visit_dto import SlotState, VisitSlot, WeekSchedule, hours_text
from carecenter.domain.vocab import Status
from carecenter.i18n import N_, _
from carecenter.meals.dto import KitchenCount, OrderRow
from carecenter.quality import QualityIssue, QualityKind, count_by_kind
from carecenter.reports.listing import Cell, Section

SEPARATOR = "；"

# ---- dates ---------------------------------------------------------------------------------------


def day_label(day: dt.date) -> str:
    """2026-11-22 周日: the day as a sheet's period says it."""
    return _("{date} {weekday}").format(date=day.isoformat(), weekday=_(DAY_NAMES[day.isoweekday()]))


def short_day(day: dt.date) -> str:
    """11-16 周一: a day inside a week's list, as the 上门服务 page shows it."""
    return _("{date} {weekday}").format(date=f"{day.month:02d}-{day.day:02d}", weekday=_(DAY_NAMES[day.isoweekday()]))


def week_label(monday: dt.date) -> str:
    """2026-11-16 至 2026-11-22."""
    sunday = monday + dt.timedelta(days=6)
    return _("{first} to {last}").format(first=monday.isoformat(), last=sunday.isoformat())


# ---- the kitchen count ---------------------------------------------------------------------------


def diet_text(row: OrderRow) -> str:
    """清真、软食；不吃香菜: the diet flags, then the free-text diet notes."""
    flags = "、".join(flag.label for flag in row.diet_flags)
    return SEPARATOR.join(p for p in (flags, row.diet_notes) if p)


def where_text(delivery: bool) -> str:
    return _("Delivered (short)") if delivery else _("Eat-in (short)")


def kitchen_row(number: int, row: OrderRow, phone: str) -> tuple[Cell, ...]:
    """序号, 姓名, 饮食, 过敏, 就餐, 送餐地址, 电话, 送餐人, 备注 (an eat-in row leaves the delivery cells empty)."""
    return (
        number,
        row.name,
        diet_text(row),
        row.allergies,
        where_text(row.delivery),
        row.address if row.delivery else "",
        phone if row.delivery else "",
        (row.courier_name or _("Unassigned")) if row.delivery else "",
        row.notes,
    )


def portion_lines(count: KitchenCount, rows: Sequence[OrderRow]) -> list[str]:
    """合计 12 份（堂食 8，送餐 4）, then a line per diet (zeros included) and 普通, split eat-in / delivered."""
    lines = [
        _("Portions: {total} in all (eat-in {eat_in}, delivered {delivered})").format(
            total=count.total, eat_in=count.eat_in, delivered=count.delivered
        )
    ]
    for flag, total in count.by_diet:
        delivered = sum(1 for r in rows if r.delivery and flag in r.diet_flags)
        lines.append(_diet_part(flag.label, total, total - delivered, delivered))
    plain_delivered = sum(1 for r in rows if r.delivery and not r.diet_flags)
    lines.append(_diet_part(_("Ordinary"), count.plain, count.plain - plain_delivered, plain_delivered))
    if any(len(r.diet_flags) > 1 for r in rows):
        lines.append(_("A senior with several diets is counted under each of them."))
    return lines


def _diet_part(label: str, total: int, eat_in: int, delivered: int) -> str:
    return _("{diet} {n} (eat-in {a}, delivered {b})").format(diet=label, n=total, a=eat_in, b=delivered)


# ---- the attendance sheet ------------------------------------------------------------------------


def attendance_state(row: BoardRow) -> str:
    """在中心 / 已离开 / 未到 / 缺勤, then 计划外 and 暂停, as the board's note says them (a correction's reason stays on screen)."""
    parts = [row.state.label]
    if row.walk_in:
        parts.append(_("Walk-in (no plan today)"))
    if row.senior_status is Status.PAUSED:
        parts.append(_("Paused"))
    return SEPARATOR.join(parts)


def attendance_rows(board: DayCareBoard) -> tuple[tuple[Cell, ...], ...]:
    """The board's live lines in its order (voided check-ins are not on paper), with an empty 签名 cell."""
    live = [r for r in board.rows if r.state is not BoardState.VOIDED]
    return tuple(
        (
            n,
            r.name,
            clock_text(r.checked_in_at),
            clock_text(r.checked_out_at),
            r.picked_up_by,
            attendance_state(r),
            "",
        )
        for n, r in enumerate(live, 1)
    )


# ---- the week's visits ---------------------------------------------------------------------------


def visit_time(slot: VisitSlot) -> str:
    """09:00–10:30（1.5 小时） for a done visit, 09:00 for one planned at a time, '' for a slot of the day."""
    when = slot.time_text
    if slot.state is SlotState.DONE and slot.minutes is not None:
        length = hours_text(slot.minutes)
        return _("{time} ({length})").format(time=when, length=length) if when else length
    return when


def visit_state(slot: VisitSlot) -> str:
    """逾期 / 已完成 / 未完成：家中无人 … (计划外 stays on the screen: the carer goes either way)."""
    if slot.status_reason:
        return _("{state}: {reason}").format(state=slot.state.label, reason=slot.status_reason)
    return slot.state.label


def visit_row(slot: VisitSlot) -> tuple[Cell, ...]:
    return (
        short_day(slot.day),
        slot.senior_name,
        slot.address,
        slot.phone,
        slot.service_name,
        visit_time(slot),
        visit_state(slot),
        "",
    )


def staff_sections(week: WeekSchedule) -> tuple[Section, ...]:
    """A section per staff member with lines this week (by name, 未指派 last), their lines by day and time."""
    return tuple(
        Section(
            _("{name}: {n} visits this week").format(name=group.staff_name or _("Unassigned"), n=len(group.slots)),
            tuple(visit_row(s) for s in group.slots),
        )
        for group in week.by_staff()
    )


def monthly_owed(week: WeekSchedule) -> int:
    """The month's services planned N times that still have visits to be done (listed on the 上门服务 page)."""
    return sum(1 for m in week.monthly if m.done < m.times)


STATE_ORDER = (SlotState.DONE, SlotState.OVERDUE, SlotState.PLANNED, SlotState.MISSED, SlotState.CANCELLED)


def week_counts(week: WeekSchedule) -> str:
    """本周 9 次：已完成 2 · 逾期 5 · 计划 2 (the states that occur)."""
    parts = [
        _("{label} {n}").format(label=state.label, n=n)
        for state in STATE_ORDER
        if (n := sum(1 for s in week.slots if s.state is state))
    ]
    return _("{n} visits this week: {states}").format(n=len(week.slots), states=" · ".join(parts))


# ---- data quality --------------------------------------------------------------------------------

# What to correct for each kind of problem: the field of the senior's record, and how.
QUALITY_FIXES: dict[QualityKind, tuple[str, str]] = {
    QualityKind.DUPLICATE: (
        N_("ID number"),
        N_("Check whether both records are the same person; if so, keep one and withdraw the other"),
    ),
    QualityKind.UNDER_60: (
        N_("ID number"),
        N_("Check the ID number (it gives the birth date); register only seniors of 60 and over"),
    ),
    QualityKind.CATEGORY_EXPIRED: (
        N_("Categories"),
        N_("Enter the renewed period, or remove the category if it is no longer certified"),
    ),
    QualityKind.NO_CONSENT: (N_("Consent form"), N_("Have the senior or family sign the consent form and record it")),
    QualityKind.NO_PHONE: (N_("Phone"), N_("Ask for a phone number and add it")),
    QualityKind.NO_CONTACT: (N_("Emergency contact"), N_("Add an emergency contact with a phone number")),
}


def quality_row(number: int, issue: QualityIssue) -> tuple[Cell, ...]:
    """序号, 问题, 老人, 会员号, 字段, 如何更正 (what exactly is wrong, then what to do)."""
    field, fix = QUALITY_FIXES[issue.kind]
    todo = SEPARATOR.join(p for p in (issue.detail, _(fix)) if p)
    return (number, issue.kind.label, issue.name, issue.member_no, _(field), todo)


def quality_counts(issues: Sequence[QualityIssue]) -> str:
    """共 5 个问题：可能重复 2 · 无电话 3 (the kinds that occur)."""
    counted = count_by_kind(issues)
    parts = [_("{label} {n}").format(label=kind.label, n=n) for kind, n in counted.items() if n]
    return _("{n} problems: {kinds}").format(n=len(issues), kinds=" · ".join(parts))
