"""The front desk's screenshots (``make screenshots``, called by :func:`ui.screenshots.render_all`).

日间照料, 助餐, 上门服务, 呼叫助急, 活动 and the 今天 page, on DEMO_DAY (a Sunday) at 10:00 as the demo
generator leaves it (:mod:`carecenter.demo_desk`): the morning's check-ins and nobody gone home yet, lunch
ordered and not served, tomorrow's orders and menu, the weeks of visits, calls and activities, one urgent
call still open. The shots use that data; they only set their scene: one meal served at lunchtime, a
line selected, a form filled in and left unsaved.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.desk.visit_dto import SlotState
from carecenter.domain.desk_vocab import ActivityKind, CallerKind, Confirmation, Payment
from carecenter.domain.vocab import DietFlag, IncidentKind, StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.meals.dto import TopUpInput
from carecenter.subsidies.policy import MealType
from ui import qt_i18n
from ui.dialogs.activity_dialog import ActivityDialog
from ui.dialogs.call_dialog import CallDialog
from ui.dialogs.visit_dialog import VisitDialog
from ui.main_window import MainWindow
from ui.pages.meal_totals_panel import TotalsPanel
from ui.screenshots import DEMO_DAY, WINDOW_SIZE, Shooter


def _window(cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path, area: str | None = None) -> MainWindow:
    """The main window at WINDOW_SIZE on the first center, in Chinese, showing ``area`` (None: as it opens)."""
    qt_i18n.apply_language("zh_CN")
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.select_center(cc.centers.list()[0].id)
    window.show()
    if area is not None:
        window.show_area(area)
    return window


def daycare(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """日间照料 at 10:00 on DEMO_DAY, a Sunday (some plans are every day): the board with the morning's
    check-ins, the newest arrival selected and named in the status line, who is expected and not here yet;
    then the month per senior."""
    window = _window(cc, actor, clock, settings, _("Day care"))
    page = window.daycare_page
    here = (
        [r.attendance for r in page.board.rows if r.attendance and not r.attendance.voided and not r.checked_out_at]
        if page.board
        else []
    )
    if here:
        newest = max(here, key=lambda info: info.checked_in_at)
        page.select_senior(newest.senior_id)
        page.say(_("✔ {name} checked in at {time}").format(name=newest.name, time=f"{newest.checked_in_at:%H:%M}"))
    shooter.shoot("daycare-today", window)
    page.tabs.setCurrentIndex(1)
    page.wait()
    shooter.shoot("daycare-month", window)
    window.close()


def meals(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """助餐 at 11:52 on DEMO_DAY: a 清真 senior who ordered lunch is served from her prepaid balance as her card
    is scanned (the one meal these shots record; her balance is topped up first if it would not cover it);
    tomorrow's orders with the kitchen count; her meal account; the totals. The meal is voided afterwards."""
    center = cc.centers.list()[0]
    cards = [
        cc.desk.card(r.id, actor) for r in cc.seniors.list(actor, center_id=center.id) if r.status is Status.ACTIVE
    ]
    served = {r.senior_id for r in cc.meals.servings(actor, center.id, DEMO_DAY)}
    ordered = {o.senior_id for o in cc.meals.orders(actor, center.id, DEMO_DAY) if o.senior_id not in served}
    waiting = [c for c in cards if c.id in ordered]
    shown = ([c for c in waiting if DietFlag.HALAL in c.diet_flags] or waiting)[0]
    saved = clock.current
    clock.current = saved.replace(hour=11, minute=52)
    try:
        charge = cc.meals.preview(shown.id, MealType.LUNCH, actor).charge
        if charge is not None and cc.meals.balance(shown.id, actor) < charge.pays_fen:
            cc.meals.top_up(TopUpInput(shown.id, 300_00, "SJ261188", Payment.CASH), actor)
        window = _window(cc, actor, clock, settings, _("Meals"))
        page = window.meals_page
        page.serving.finder.box.setText(shown.member_no)  # as the card scanner types it: served at once
        shooter.shoot("meals-serving", window)
        page.show_tab(page.orders)
        page.orders.table.selectRow(0)
        shooter.shoot("meals-orders", window)
        page.show_tab(page.accounts)
        page.accounts.show_senior(shown)
        shooter.shoot("meals-accounts", window)
        TotalsPanel.synchronous = True
        try:
            page.show_tab(page.totals)
            shooter.shoot("meals-totals", window)
        finally:
            TotalsPanel.synchronous = False
        window.close()
        # Take the scene's meal back: the shots after this one show the morning, lunch not served yet.
        scene = next(r for r in cc.meals.servings(actor, center.id, DEMO_DAY) if r.senior_id == shown.id)
        cc.meals.void_serving(scene.serving_id, "刷错卡", actor)
    finally:
        clock.current = saved


def visits(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """上门服务: the week of DEMO_DAY (Monday 16 to Sunday 22 November) with visits done, missed, cancelled and
    still open, the last one done selected; the form of an active senior's open visit today filled in (not saved);
    the month's counts."""
    window = _window(cc, actor, clock, settings, _("Home visits"))
    page = window.visits_page
    slots = page.model.records()
    done = [s for s in slots if s.state is SlotState.DONE]
    if done:
        last = done[-1]
        page.select_line(last.senior_name, last.day, last.service_name)
        page.say(
            _("✔ {name}: {service} recorded ({time})").format(
                name=last.senior_name, service=last.service_name, time=last.time_text
            )
        )
    shooter.shoot("visits-week", window)

    active = {r.id for r in cc.seniors.list(actor, center_id=cc.centers.list()[0].id) if r.status is Status.ACTIVE}
    waiting = sorted(
        (s for s in slots if s.state.open),
        key=lambda s: (s.senior_id not in active, s.day != DEMO_DAY, not s.from_plan, s.day),
    )
    slot = waiting[0]
    dialog = VisitDialog(
        cc,
        actor,
        slot.senior_id,
        slot.day,
        service_type_id=slot.service_type_id,
        staff_id=slot.staff_id,
        planned_service_id=slot.planned_service_id if slot.from_plan else None,
        visit=cc.visits.get(slot.visit_id, actor) if slot.visit_id is not None else None,
        parent=window,
    )
    start, end, daughter = "08:30", "09:40", "女儿 李红"  # demo data typed into the form, not labels
    dialog.start_edit.setText(start)
    dialog.end_edit.setText(end)
    dialog.work_edit.setPlainText("陪聊、读报；提醒按时服药，血压 135/85")
    dialog.confirm_combo.setCurrentIndex(dialog.confirm_combo.findData(Confirmation.FAMILY.value))
    dialog.confirmed_by_edit.setText(daughter)
    shooter.shoot("visit-dialog", dialog)
    dialog.done(0)
    dialog.deleteLater()
    page.tabs.setCurrentIndex(1)
    shooter.shoot("visits-month", window)
    window.close()


def calls_and_activities(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """呼叫助急: the open calls (last night's urgent call on top, selected) and the month's calls; the call form
    with a senior chosen, marked urgent, a fall recorded with it (not saved).
    活动: November's activities with the birthday party among them and a health talk's attendees; the
    activity form filled in (not saved)."""
    center = cc.centers.list()[0]
    month = DEMO_DAY.replace(day=1)
    seniors = [r for r in cc.seniors.list(actor, center_id=center.id) if r.status is Status.ACTIVE]
    staff = [s for s in cc.staff.list(active_only=True) if s.center_id in (None, center.id)]
    worker = next((s.id for s in staff if s.position is StaffPosition.SOCIAL_WORKER), None)
    window = _window(cc, actor, clock, settings, _("Calls"))
    window.calls_page.open_table.selectRow(0)
    shooter.shoot("calls", window)

    dialog = CallDialog(cc, actor, center.id, clock, parent=window)
    dialog.choose_senior(cc.desk.card(seniors[2].id, actor))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CallerKind.FAMILY.value))
    caller, phone, title, place = "儿子 张伟", "139 3716 8801", "重阳敬老茶话会", "二楼多功能活动室"  # demo data
    dialog.name_edit.setText(caller)
    dialog.phone_edit.setText(phone)
    dialog.reason_edit.setPlainText("儿子来电：老人早上在楼梯摔倒，左手腕肿痛")
    dialog.urgent_button.setChecked(True)
    dialog.action_edit.setPlainText("已通知社区医生上门；建议去医院拍片")
    dialog.follow_up_edit.set_date(DEMO_DAY + dt.timedelta(days=1))
    dialog.incident_box.setChecked(True)
    dialog.incident_kind.setCurrentIndex(dialog.incident_kind.findData(IncidentKind.FALL.value))
    dialog.incident_text.setPlainText("下楼时踩空，左手腕着地")
    shooter.shoot("call-dialog", dialog)
    dialog.done(0)
    dialog.deleteLater()

    window.show_area(_("Activities"))
    activities = window.activities_page
    activities.set_month(month)
    talks = [a for a in activities.model.records() if a.kind is ActivityKind.HEALTH_TALK and a.held_on <= DEMO_DAY]
    if talks:
        talk = talks[-1]
        activities.select(talk.id)
        info = cc.activities.get(talk.id, actor)
        if info.attendees:
            last = info.attendees[-1]
            activities.say_below(_("{name} added ({n} attended).").format(name=last.name, n=info.count))
    shooter.shoot("activities", window)

    form = ActivityDialog(cc, actor, center.id, day=DEMO_DAY + dt.timedelta(days=3), places=["一楼大厅", "阅览室"])
    form.title_edit.setText(title)
    form.kind_combo.setCurrentIndex(form.kind_combo.findData(ActivityKind.RECREATION.value))
    form.time_edit.setText("14:30")
    form.place_edit.setText(place)
    if worker is not None:
        form.staff_combo.setCurrentIndex(form.staff_combo.findData(worker))
    form.notes_edit.setPlainText("志愿者表演节目；请家属陪同行动不便的老人")
    shooter.shoot("activity-dialog", form)
    form.done(0)
    form.deleteLater()
    window.close()


def today(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """今天, the page the main window opens on: the first center's day at a glance on DEMO_DAY at 10:00."""
    window = _window(cc, actor, clock, settings)
    shooter.shoot("today", window)
    window.close()
