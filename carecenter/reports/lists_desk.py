"""The lists of the desk's day: the kitchen count, the day-care attendance sheet, the week's visits, data quality.

Each is computed by the service whose screen shows it and only laid out here, so the
paper says what the screen says: the kitchen count and the order list from
:mod:`carecenter.meals.orders` (订餐 page), the day's board from ``cc.attendance`` (日间照料),
the week from ``cc.visits`` (:mod:`carecenter.desk.visit_schedule`, 上门服务), the problems
from ``cc.quality`` (数据质量). Reading them needs what the screens need
(``LOOKUP_SENIORS``). Print one with ``cc.reports.print_listing``, export it with
``cc.reports.export_listing``.

None of these lists shows an ID number, so none is recorded as a disclosure.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.db.models import Center, SeniorPhone
from carecenter.desk.attendance import AttendanceService
from carecenter.desk.visit_schedule import monday_of
from carecenter.desk.visits import VisitService
from carecenter.errors import NotFoundError, ValidationError
from carecenter.i18n import _
from carecenter.meals import menus, orders
from carecenter.meals.dto import field_error
from carecenter.permissions import Permission, require
from carecenter.quality import QualityService
from carecenter.reports.listing import Column, Listing, Section
from carecenter.reports.lists_desk_rows import (
    attendance_rows,
    day_label,
    kitchen_row,
    monthly_owed,
    portion_lines,
    quality_counts,
    quality_row,
    staff_sections,
    week_counts,
    week_label,
)
from carecenter.reports.printing import PrintingService
from carecenter.staff import get_staff
from carecenter.subsidies.policy import MealType

SIGNATURE_ROW_MM = 12  # room for a shaky signature or a thumbprint


class DeskLists(PrintingService):
    """The desk's daily and weekly sheets, as listings."""

    # ---- 厨房备餐 ------------------------------------------------------------------------------

    def kitchen_count(self, actor: Actor, center_id: int, day: dt.date, meal: str = "lunch") -> Listing:
        """The portions to cook for one meal (per diet, eat-in and delivered), who has allergies, where meals go.

        The counts are the 订餐 page's kitchen count; the two tables are its order list's
        seniors with allergies and its deliveries (with the senior's first phone). Signed by
        the cook and whoever checks the count.
        """
        require(actor, Permission.LOOKUP_SENIORS)
        meal_type = _meal(meal)
        with self._sessions() as session:
            center = menus.check_center(session, center_id)
            center_name = center.name
            count = orders.kitchen_count(session, center_id, day, meal_type)
            lines = orders.rows(session, center_id, day, meal_type)
            menu = next(m for m in menus.menu_infos(session, center_id, day) if m.meal_type is meal_type)
            phones = _first_phones(session, [r.senior_id for r in lines if r.delivery])
        allergic = [r for r in lines if r.allergies]
        delivered = [r for r in lines if r.delivery]
        notes = []
        if not menu.offered:
            notes.append(_("{meal} is not offered on this day.").format(meal=meal_type.label))
        if menu.dishes:
            notes.append(_("Dishes: {dishes}").format(dishes=menu.dishes))
        notes += portion_lines(count, lines)
        if count.total and not allergic:
            notes.append(_("No allergies to watch."))
        if count.total and not delivered:
            notes.append(_("No meals to deliver."))
        sections = (
            Section(
                _("Allergies to watch ({n})").format(n=len(allergic)),
                tuple(kitchen_row(n, r, phones.get(r.senior_id, "")) for n, r in enumerate(allergic, 1)),
            ),
            Section(
                _("Deliveries ({n})").format(n=len(delivered)),
                tuple(kitchen_row(n, r, phones.get(r.senior_id, "")) for n, r in enumerate(delivered, 1)),
            ),
        )
        return Listing(
            title=_("Kitchen count"),
            center=center_name,
            period=_("{day} {meal}").format(day=day_label(day), meal=meal_type.label),
            columns=(  # widths in mm of landscape A4's 267
                Column(_("No."), 13, numeric=True),
                Column(_("Name"), 19),
                Column(_("Diet"), 30, wrap=True),
                Column(_("Allergies"), 30, wrap=True),
                Column(_("Meal taken"), 13),
                Column(_("Delivery address"), 62, wrap=True),
                Column(_("Phone"), 31),
                Column(_("Delivered by"), 20, wrap=True),
                Column(_("Notes"), 35, wrap=True),
            ),
            sections=sections,
            notes=tuple(notes),
            signatures=(_("Cook"), _("Count checked by")),
            wide=True,
            empty_text=_("No orders for this meal.")
            if count.total == 0
            else _("No allergies to watch and no meals to deliver."),
        )

    # ---- 日间照料签到表 -----------------------------------------------------------------------

    def attendance_sheet(self, actor: Actor, center_id: int, day: dt.date) -> Listing:
        """The day's board on paper: who is expected, here, gone home, not come (未到/缺勤) and walk-ins.

        A tall row each with an empty 签名 box, in the board's order; voided check-ins are left
        off. The counts line is the 日间照料 page's. Signed by 经办人.
        """
        board = AttendanceService(self._sessions, self._clock).board(actor, center_id, day)  # checks the actor
        center_name = self._center_name(center_id)
        columns = (  # widths in mm of portrait A4's 180
            Column(_("No."), 13, numeric=True),
            Column(_("Name"), 24),
            Column(_("Check-in"), 15),
            Column(_("Check-out"), 15),
            Column(_("Picked up by"), 27, wrap=True),
            Column(_("Status"), 40, wrap=True),
            Column(_("Sign-in signature"), 46),
        )
        rows = attendance_rows(board)
        return Listing(
            title=_("Day-care attendance sheet"),
            center=center_name,
            period=day_label(day),
            columns=columns,
            sections=(Section("", rows),),
            notes=(board.counts_text,),
            signatures=(_("Handled by"),),
            row_height_mm=SIGNATURE_ROW_MM,
            empty_text=_("Nobody is expected and nobody checked in on this day."),
        )

    # ---- 上门服务安排表 -----------------------------------------------------------------------

    def visit_schedule(self, actor: Actor, center_id: int, week_start: dt.date, staff_id: int | None = None) -> Listing:
        """The week's home visits per staff member (a section each, 未指派 last), for the carers' rounds.

        ``week_start`` may be any day of the week. Each section lists the week's lines as the
        上门服务 page shows them (done / overdue / still to do, by day and time), with an empty
        老人签字 box; services planned N times a month appear once the desk gives them a day (a
        note says how many still wait for one). Signed by the carer and the center manager.
        ``staff_id`` keeps one staff member's round.
        """
        schedule = VisitService(self._sessions, self._clock).week(actor, center_id, week_start, staff_id)
        notes = [week_counts(schedule)]
        if owed := monthly_owed(schedule):
            notes.append(
                _("{n} services planned by the month still have visits to do: see the Home visits page").format(n=owed)
            )
        with self._sessions() as session:
            center_name = _center(session, center_id).name
            if staff_id is not None:
                notes.insert(0, _("Only the round of {name}").format(name=get_staff(session, staff_id).name))
        columns = (  # widths in mm of landscape A4's 267
            Column(_("Day"), 22),
            Column(_("Senior"), 20),
            Column(_("Address"), 58, wrap=True),
            Column(_("Phone"), 33),
            Column(_("Service"), 20, wrap=True),
            Column(_("Time"), 30, wrap=True),
            Column(_("Status"), 44, wrap=True),
            Column(_("Senior's signature"), 40),
        )
        sections = staff_sections(schedule)
        return Listing(
            title=_("Home visit schedule"),
            center=center_name,
            period=week_label(monday_of(week_start)),
            columns=columns,
            sections=sections,
            notes=tuple(notes),
            signatures=(_("Caregiver"), _("Center manager")),
            wide=True,
            row_height_mm=SIGNATURE_ROW_MM,
            empty_text=_("No home visits this week."),
        )

    # ---- 数据质量 -----------------------------------------------------------------------------

    def quality_list(self, actor: Actor, center_id: int | None) -> Listing:
        """The 数据质量 page's problems (of one center, or all): what is wrong, whose record, which field, what to do."""
        issues = QualityService(self._sessions, self._clock).check(actor, center_id)
        center_name = self._center_name(center_id) if center_id is not None else _("All centers")
        return Listing(
            title=_("Data quality list"),
            center=center_name,
            period=day_label(self._clock.today()),
            columns=(  # widths in mm of portrait A4's 180
                Column(_("No."), 13, numeric=True),
                Column(_("Problem"), 24, wrap=True),
                Column(_("Senior"), 20),
                Column(_("Member no."), 19),
                Column(_("Field"), 20, wrap=True),
                Column(_("What to correct"), 86, wrap=True),
            ),
            sections=(Section("", tuple(quality_row(n, i) for n, i in enumerate(issues, 1))),),
            notes=(quality_counts(issues),) if issues else (),
            empty_text=_("No problems found: every active or paused senior's record is complete."),
        )

    def _center_name(self, center_id: int) -> str:
        with self._sessions() as session:
            return _center(session, center_id).name


def _center(session: Session, center_id: int) -> Center:
    center = session.get(Center, center_id)
    if center is None:
        raise NotFoundError(_("No center with id {id}.").format(id=center_id))
    return center


def _meal(meal: str) -> MealType:
    try:
        return MealType.of(str(meal).strip().lower())
    except ValueError:
        choices = "、".join(m.label for m in MealType)
        reason = _("“{value}” is not a meal: choose {choices}").format(value=meal, choices=choices)
        raise ValidationError([field_error("meal_type", reason)]) from None


def _first_phones(session: Session, senior_ids: list[int]) -> dict[int, str]:
    """Each senior's first phone number (the one the desk calls)."""
    if not senior_ids:
        return {}
    phones: dict[int, str] = {}
    for senior_id, number in session.execute(
        select(SeniorPhone.senior_id, SeniorPhone.number)
        .where(SeniorPhone.senior_id.in_(sorted(set(senior_ids))))
        .order_by(SeniorPhone.senior_id, SeniorPhone.position)
    ):
        phones.setdefault(senior_id, number)
    return phones
