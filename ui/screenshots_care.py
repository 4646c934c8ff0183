"""The care shots (``make screenshots``, called by :func:`ui.screenshots.render_all`).

能力评估 (the section and the form), 照护计划 (the form, the section, the 服务项目 editor), 待办 with the
incidents behind a reassessment, and 老人详情 with 健康与饮食. Where the demo lacks what a picture needs (a
year of one senior's assessments, a signed-then-revised plan, a recent fall), it is recorded here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.clock import FixedClock
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui import qt_i18n
from ui.dialogs.assessment_dialog import AssessmentDialog
from ui.dialogs.care_plan_dialog import CarePlanDialog
from ui.dialogs.service_catalogue_dialog import ServiceCatalogueDialog
from ui.main_window import MainWindow
from ui.screenshots import WINDOW_SIZE, Shooter
from ui.sections.assessments_section import AssessmentsSection
from ui.sections.care_plan_section import CarePlanSection


def assessments(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
    """能力评估: a year of one senior's assessments in the section, and the form filled in (not saved)."""
    qt_i18n.apply_language("zh_CN")
    senior = cc.seniors.list(actor)[3]
    staff = {s.name: s.id for s in cc.staff.list(active_only=True)}
    first, second = staff["刘芳"], staff["王站长"]
    gbt = {"feeding": 4, "grooming": 3, "bathing": 2, "dress_upper": 4, "dress_lower": 3, "bladder": 3}
    gbt |= {"bowels": 4, "toilet": 3, "bed_position": 4, "transfer": 3, "walking": 3, "stairs": 2}
    gbt |= {"orient_time": 3, "orient_place": 4, "orient_person": 4, "memory": 2, "understanding": 3}
    gbt |= {"expression": 4, "aggression": 1, "depression": 1, "consciousness": 2, "vision": 2, "hearing": 1}
    gbt |= {"daily_affairs": 3, "transport": 2, "social": 3}  # 26 + 12 + 24 + 11 = 73: 轻度失能
    # 73 − 7 = 66, then 66 − 5 = 61: 中度失能
    worse = gbt | {"bathing": 0, "stairs": 1, "memory": 1, "transport": 1, "daily_affairs": 2, "walking": 2}
    worst = worse | {"grooming": 2, "toilet": 2, "transfer": 2, "orient_time": 2, "social": 2}
    barthel = {"feeding": 10, "bathing": 0, "grooming": 5, "dressing": 10, "bowels": 10, "bladder": 10}
    barthel |= {"toilet": 10, "transfer": 15, "walking": 10, "stairs": 5}  # 85
    if not cc.assessments.history(senior.id, actor):
        for day, scores in ((dt.date(2025, 11, 20), gbt), (dt.date(2026, 5, 18), worse)):
            cc.assessments.record(senior.id, AssessmentInput("gbt42195", day, first, second, scores), actor)
        day = dt.date(2026, 5, 18)
        cc.assessments.record(senior.id, AssessmentInput("barthel", day, first, second, barthel), actor)
        day = dt.date(2026, 11, 16)
        notes = "近两月记忆力下降，女儿陪同评估"
        data = AssessmentInput("gbt42195", day, first, second, worst, dementia=True, notes=notes)
        cc.assessments.record(senior.id, data, actor)
        later = barthel | {"walking": 5, "stairs": 0}  # 75
        cc.assessments.record(senior.id, AssessmentInput("barthel", day, first, second, later), actor)
    section = AssessmentsSection(cc, actor)
    section.resize(1100, 640)
    section.load(senior.id)
    shooter.shoot("assessments-section", section)
    section.hide()
    section.deleteLater()

    dialog = AssessmentDialog(cc, actor, senior.id)
    dialog.assessor1_combo.setCurrentIndex(dialog.assessor1_combo.findData(first))
    dialog.assessor2_combo.setCurrentIndex(dialog.assessor2_combo.findData(second))
    for code, score in worst.items():
        dialog.items().set_score(code, score)
    dialog.dementia_check.setChecked(True)
    dialog.notes_edit.setPlainText("入户评估，女儿在场")
    shooter.shoot("assessment-form", dialog)
    dialog.done(0)
    dialog.deleteLater()


def care_plans(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
    """照护计划: the plan form with day care Mon/Wed/Fri and home services, and the 服务项目 editor."""
    qt_i18n.apply_language("zh_CN")
    staff = {s.name: s.id for s in cc.staff.list(active_only=True)}
    if "王秀英" not in staff:
        staff["王秀英"] = cc.staff.create("王秀英", StaffPosition.CAREGIVER, actor, phone="13937112468").id
    types = {t.name: t.id for t in cc.catalogue.types()}
    senior = cc.seniors.list(actor)[4]
    dialog = CarePlanDialog(cc, actor, senior.id)
    dialog.needs_edit.setPlainText("独居，子女在外地；右膝关节炎，上下楼需扶助；午餐常凑合。")
    dialog.goals_edit.setPlainText("每周一、三、五到中心参加活动并用午餐；周二、四送餐到家；每月洗浴四次，防跌倒。")
    for name, days, monthly, who, note in (
        ("日间托老", (1, 3, 5), None, "", "上午 9 点接送"),
        ("助餐", (2, 4), None, "赵师傅", "低盐软食，送餐到家"),
        ("助浴", (), 4, "王秀英", "冬季在中心浴室"),
    ):
        card = dialog.services.add_card()
        card.choose(types[name], weekdays=days, times_per_month=monthly)
        if who:
            card.staff_combo.setCurrentIndex(card.staff_combo.findData(staff[who]))
        card.notes_edit.setText(note)
    dialog.signer_combo.setCurrentIndex(dialog.signer_combo.findData(staff["刘芳"]))
    dialog.resize(1100, 1040)
    shooter.shoot("care-plan-form", dialog)
    if not cc.care_plans.history(senior.id, actor):  # signed, then changed: the section shows both versions
        first = cc.care_plans.create(senior.id, replace(dialog.entry(), start_on=dt.date(2026, 6, 1)), actor)
        first = cc.care_plans.sign(first.id, staff["刘芳"], actor)
        changed = replace(first.as_input(), goals=first.goals + "每季度电话随访子女。")
        cc.care_plans.sign(cc.care_plans.revise(first.id, changed, actor).id, staff["刘芳"], actor)
    dialog.done(0)
    dialog.deleteLater()
    section = CarePlanSection(cc, actor)
    section.resize(1100, 760)
    section.load(senior.id)
    shooter.shoot("care-plan-section", section)
    section.hide()
    section.deleteLater()

    if "助康" not in types:
        cc.catalogue.add("助康", actor)
    learning = types["助学"]
    cc.catalogue.retire(learning, actor)  # shown greyed as 已停用, then put back for the pictures after
    editor = ServiceCatalogueDialog(cc, actor)
    editor.select("助康")
    shooter.shoot("service-catalogue", editor)
    editor.done(0)
    editor.deleteLater()
    cc.catalogue.restore(learning, actor)


def due(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """待办 with its sidebar badge (every kind), the reassessments alone (one after a fall), and 记录事件."""
    from carecenter.care.due import DueKind
    from carecenter.care.incidents import IncidentInput
    from carecenter.domain.vocab import IncidentKind
    from ui.dialogs.incident_dialog import IncidentDialog
    from ui.sections.incidents_section import IncidentsSection

    qt_i18n.apply_language("zh_CN")
    listed = {item.senior_id for item in cc.due.items(actor)}
    assessed = [r for r in cc.seniors.list(actor) if cc.assessments.history(r.id, actor) and r.id not in listed]
    fallen = assessed[0]  # assessed lately and not due: the fall puts her on the list
    if not cc.incidents.for_senior(fallen.id, actor):
        fall = IncidentInput(
            IncidentKind.FALL,
            clock.today() - dt.timedelta(days=4),
            "晨练回家途中在小区台阶上滑倒，左手腕肿痛",
            "陪同到社区医院拍片，无骨折；已通知女儿",
        )
        cc.incidents.record(fallen.id, fall, actor)
        low = IncidentInput(
            IncidentKind.OTHER,
            clock.today() - dt.timedelta(days=40),
            "老伴去世后情绪低落，两天没来中心",
            "社工家访，联系女儿多陪伴",
        )
        cc.incidents.record(fallen.id, low, actor)
        stay = IncidentInput(
            IncidentKind.HOSPITAL,
            clock.today() - dt.timedelta(days=9),
            "肺部感染，市一院住院",
            "出院后每周电话随访",
            clock.today() - dt.timedelta(days=2),
        )
        cc.incidents.record(assessed[1].id, stay, actor)
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_area(_("To do"))
    page = window.due_page
    assert page is not None
    shooter.shoot("due", window)
    page.choose_kind(DueKind.REASSESSMENT)
    row = next(i for i, item in enumerate(page.shown_items()) if item.senior_id == fallen.id)
    page.table.selectRow(row)
    page.table.scrollTo(page.table.model().index(max(0, row - 4), 0), QAbstractItemView.ScrollHint.PositionAtTop)
    shooter.shoot("due-reassessments", window)
    window.close()

    section = IncidentsSection(cc, actor)
    section.resize(1100, 420)
    section.load(fallen.id)
    shooter.shoot("incidents-section", section)
    section.hide()
    section.deleteLater()

    dialog = IncidentDialog(cc, actor, fallen.id)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText(IncidentKind.CHOKING.label))
    dialog.description_edit.setPlainText("午餐时吃馒头噎住，咳嗽后缓解")
    dialog.action_edit.setPlainText("拍背，改为软食，已告知厨房")
    shooter.shoot("incident-form", dialog)
    dialog.done(0)
    dialog.deleteLater()


def senior_detail(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
    """老人详情 of a senior with diet flags, an allergy, a trend of assessments and a plan; then 健康与饮食."""
    from ui.dialogs.health_dialog import HealthDialog
    from ui.pages.senior_detail import SeniorDetailDialog

    qt_i18n.apply_language("zh_CN")
    ids = [r.id for r in cc.seniors.list(actor)]
    alerts = cc.health.alerts(ids, actor)

    def richness(senior_id: int) -> tuple[int, ...]:
        alert = alerts.get(senior_id)
        gbt = [a for a in cc.assessments.history(senior_id, actor) if a.instrument == "gbt42195"]
        health = cc.health.get(senior_id, actor)
        plan = cc.care_plans.current(senior_id, actor)
        detail = cc.seniors.get(senior_id, actor)
        allergic = bool(alert and alert.allergies)
        active = detail.status is Status.ACTIVE
        trend = len({a.total for a in gbt}) > 1
        rich = (plan is not None, bool(health.conditions), allergic, bool(detail.contacts))
        return (active, len(gbt) >= 2, trend, *rich)

    candidates = [i for i in ids if (alert := alerts.get(i)) is not None and alert.flags]
    senior_id = max(candidates or ids, key=lambda i: (richness(i), -i))
    health = cc.health.get(senior_id, actor)
    if not health.allergies:  # the alert strip shows an allergy as well as the diet
        cc.health.update(senior_id, replace(health.as_input(), allergies="青霉素"), actor)
    view = SeniorDetailDialog(cc, actor, senior_id)
    shooter.shoot("senior-detail", view)
    view.show_section(AssessmentsSection)
    shooter.shoot("senior-detail-assessments", view)
    view.done(0)
    view.deleteLater()
    dialog = HealthDialog(cc, actor, senior_id)
    shooter.shoot("health-dialog", dialog)
    dialog.done(0)
    dialog.deleteLater()
