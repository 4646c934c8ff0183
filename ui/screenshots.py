"""Render every page and dialog with demo data to PNG files, offscreen (``make screenshots``).

``python -m ui.screenshots [OUTDIR]`` (default ``docs/screenshots``) builds a
throw-away database in a temporary folder, fills it with the seeded demo data,
and saves one image per view. Nothing touches the user's database or settings.
The date is fixed so the pictures only change when the UI does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

# A 1920x1080 offscreen screen: dialogs size themselves to the screen, and the default
# offscreen screen (800x800) would squeeze them. Set before Qt is imported.
_SCREEN = {
    "screens": [{"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpiX": 96, "logicalDpiY": 96}]
}
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _config = Path(tempfile.gettempdir()) / "carecenter-offscreen-screen.json"
    _config.write_text(json.dumps(_SCREEN), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"

import openpyxl  # noqa: E402
from PySide6.QtCore import QModelIndex  # noqa: E402 - the platform must be chosen first
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget  # noqa: E402

from carecenter import demo  # noqa: E402
from carecenter.actor import Actor, Role  # noqa: E402
from carecenter.birthdays.parties_dto import PartyInfo, PartyInput  # noqa: E402
from carecenter.care.assessments import AssessmentInput  # noqa: E402
from carecenter.clock import FixedClock  # noqa: E402
from carecenter.domain import idnumber  # noqa: E402
from carecenter.domain.idnumber import make as make_id_number  # noqa: E402
from carecenter.domain.months import shift  # noqa: E402
from carecenter.domain.vocab import StaffPosition, Status  # noqa: E402
from carecenter.errors import ValidationError  # noqa: E402
from carecenter.facade import CareCenter  # noqa: E402
from carecenter.i18n import _  # noqa: E402
from carecenter.seniors.dto import Contact, SeniorInput, SeniorRow  # noqa: E402
from carecenter.seniors.pinyin import search_keys  # noqa: E402
from ui import qt_i18n  # noqa: E402
from ui.dialogs.assessment_dialog import AssessmentDialog  # noqa: E402
from ui.dialogs.care_plan_dialog import CarePlanDialog  # noqa: E402
from ui.dialogs.consent_dialog import ConsentDialog  # noqa: E402
from ui.dialogs.first_admin_dialog import FirstAdminDialog  # noqa: E402
from ui.dialogs.first_center_dialog import FirstCenterDialog  # noqa: E402
from ui.dialogs.import_preview_model import RowFilter  # noqa: E402
from ui.dialogs.import_wizard import ImportWizard  # noqa: E402
from ui.dialogs.login_dialog import LoginDialog  # noqa: E402
from ui.dialogs.senior_dialog import SeniorDialog  # noqa: E402
from ui.dialogs.service_catalogue_dialog import ServiceCatalogueDialog  # noqa: E402
from ui.dialogs.status_dialog import StatusDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pages.seniors_page import SeniorsPage  # noqa: E402
from ui.sections.assessments_section import AssessmentsSection  # noqa: E402
from ui.sections.care_plan_section import CarePlanSection  # noqa: E402

DEFAULT_OUT = Path("docs/screenshots")
DEMO_DAY = dt.date(2026, 11, 22)
WINDOW_SIZE = (1280, 800)


class Shooter:
    """Saves numbered PNGs of widgets after letting Qt finish laying them out."""

    def __init__(self, app: QApplication, out: Path) -> None:
        self._app = app
        self.out = out
        self.saved: list[Path] = []

    def shoot(self, name: str, widget: QWidget) -> Path:
        widget.show()
        for _turn in range(3):  # layouts and deferred resizes settle over a few turns
            self._app.processEvents()
        path = self.out / f"{len(self.saved) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        return path


def pick_search(rows: list[SeniorRow]) -> str:
    """Full-name initials (as staff type them, e.g. wxy) shared by a few seniors."""
    counts: dict[str, int] = {}
    for row in rows:
        initials = search_keys(row.name)[1].split()
        if initials and len(initials[0]) == 3:
            counts[initials[0]] = counts.get(initials[0], 0) + 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def richest_senior(rows: list[SeniorRow]) -> SeniorRow:
    """An active senior with categories and a phone: the edit dialog shows most fields."""
    scored = sorted(rows, key=lambda r: (r.status == Status.ACTIVE, len(r.categories), bool(r.phone)), reverse=True)
    return scored[0]


def render_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt_i18n.apply_font(app)
    qt_i18n.apply_language("zh_CN")
    shooter = Shooter(app, out)
    clock = FixedClock.on(DEMO_DAY, hour=10)
    actor = Actor(username="admin", role=Role.ADMIN)
    # A fixed folder, so the path the pictures show (and so the PNG files) only change when the UI does.
    folder = Path(tempfile.gettempdir()) / "carecenter-screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    settings = folder / "settings.json"
    cc = CareCenter.open(str(folder / "demo.db"), clock)
    try:
        demo.fill(cc, n=300, seed=7, actor=actor)
        actor = _staff_and_their_work(cc, actor, clock)
        _main_views(shooter, cc, actor, clock, settings)
        _admin_pages(shooter, cc, actor, clock, settings)
        _first_start(shooter, folder, actor, clock)
        _login(shooter, cc)
        _english(shooter, cc, actor, clock, settings)
        _roster_import(shooter, cc, actor, folder)
        _quality(shooter, cc, actor, clock, settings)
        _assessments(shooter, cc, actor)
        _care_plans(shooter, cc, actor)
        _due(shooter, cc, actor, clock, settings)
        _senior_detail(shooter, cc, actor)
        _birthdays(shooter, cc, actor, clock, settings)
        _subsidies(shooter, cc, actor, clock, settings)
        _subsidy_policy(shooter, cc, actor, clock, settings)
        _daycare(shooter, cc, actor, clock, settings)
        _meals(shooter, cc, actor, clock, settings)
        _visits(shooter, cc, actor, clock, settings)
        _calls_and_activities(shooter, cc, actor, clock, settings)
    finally:
        cc.close()
        shutil.rmtree(folder, ignore_errors=True)
    qt_i18n.apply_language("zh_CN")
    return shooter.saved


def _main_views(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    page = window.seniors_page
    shooter.shoot("seniors", window)

    rows = cc.seniors.list(actor, statuses=None)
    page.search_box.setText(pick_search(rows))
    page.flush_search()
    shooter.shoot("search", window)

    page.search_box.clear()
    page.show_all.setChecked(True)
    page.flush_search()
    _scroll_to_mixed_statuses(page)
    shooter.shoot("all-statuses", window)
    page.show_all.setChecked(False)

    _dialogs(shooter, cc, actor, window, rows)

    window.show_area(window.area_titles()[-1])
    shooter.shoot("settings", window)
    window.close()


def _scroll_to_mixed_statuses(page: SeniorsPage, visible: int = 10) -> None:
    """Show the stretch of the full list with the most 暂停/退出/去世 rows, none selected."""
    model = page.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    inactive = [
        0 if (r := model.senior_row(i)) is None or r.status == Status.ACTIVE else 1 for i in range(model.rowCount())
    ]
    best = max(
        range(max(1, len(inactive) - visible)),
        key=lambda i: (len(set(_statuses(page, i, visible))), sum(inactive[i : i + visible])),
    )
    page.table.clearSelection()
    page.table.scrollTo(model.index(best, 0), QAbstractItemView.ScrollHint.PositionAtTop)


def _statuses(page: SeniorsPage, start: int, count: int) -> list[Status]:
    rows = (page.model.senior_row(i) for i in range(start, start + count))
    return [r.status for r in rows if r is not None and r.status != Status.ACTIVE]


def _dialogs(shooter: Shooter, cc: CareCenter, actor: Actor, window: MainWindow, rows: list[SeniorRow]) -> None:
    def closing(make: Callable[[], QWidget], name: str, prepare: Callable[[QWidget], None] | None = None) -> None:
        dialog = make()
        if prepare is not None:
            dialog.show()
            prepare(dialog)
        shooter.shoot(name, dialog)
        dialog.hide()
        dialog.deleteLater()

    closing(lambda: SeniorDialog(cc, actor, None, parent=window), "add-senior")

    def refuse(widget: QWidget) -> None:
        assert isinstance(widget, SeniorDialog)
        widget.form.id_edit.setText("41010519440304012")  # one digit short
        widget.form.name_edit.clear()
        widget.save()

    closing(lambda: SeniorDialog(cc, actor, None, parent=window), "add-senior-errors", refuse)
    senior = richest_senior(rows)
    closing(lambda: SeniorDialog(cc, actor, senior.id, parent=window), "edit-senior")
    closing(lambda: StatusDialog(cc, actor, senior.id, parent=window), "change-status")


# Demo accounts for the pictures only; the throw-away database is deleted afterwards.
_STAFF = (
    ("王站长", "wangzz", Role.ADMIN),
    ("刘芳", "liufang", Role.SOCIAL_WORKER),
    ("陈小丽", "chenxl", Role.FRONT_DESK),
)


def _staff_and_their_work(cc: CareCenter, system: Actor, clock: FixedClock) -> Actor:
    """Staff with logins, a cook and a volunteer, and a morning of edits by them: the audit page has a story.

    Returns the director's actor, as whom the pictures are taken.
    """
    password = "Shots-2026-only"
    for name, username, role in _STAFF:
        cc.accounts.add_user(name, username, password, role, system)
    cc.staff.create("赵师傅", StaffPosition.COOK, system, phone="13603712233")
    cc.staff.create("孙志愿", StaffPosition.VOLUNTEER, system)
    director, social, desk = (cc.accounts.login(username, password) for _name, username, _role in _STAFF)
    clock.current = clock.current.replace(hour=10, minute=20)
    rows = cc.seniors.list(desk)
    first, second = rows[0], rows[1]
    shown = cc.seniors.get(first.id, desk).as_input()
    cc.seniors.update(first.id, replace(shown, phones=("13838112345", *shown.phones[:1])), desk)
    clock.current = clock.current.replace(hour=10, minute=45)
    cc.seniors.change_status(second.id, Status.PAUSED, clock.today(), "住院（市一院）", social)
    worker = next(s for s in cc.staff.list() if s.username == "liufang")
    for row in rows[2:200]:
        cc.consent.record(row.id, row.registered_on, worker.id, social)
    clock.current = clock.current.replace(hour=10, minute=0)
    return director


def _admin_pages(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    for title, name in (
        (_("Staff and accounts"), "staff"),
        (_("Audit trail"), "audit"),
        (_("Backup and restore"), "backup"),
    ):
        window.show_area(title)
        shooter.shoot(name, window)
    signed = cc.seniors.list(actor)[2]  # _staff_and_their_work recorded consent from the third senior on
    dialog = ConsentDialog(cc, actor, signed.id, parent=window)
    shooter.shoot("consent", dialog)
    dialog.hide()
    dialog.deleteLater()
    window.close()


def _first_start(shooter: Shooter, folder: Path, actor: Actor, clock: FixedClock) -> None:
    fresh = CareCenter.open(str(folder / "first.db"), clock)
    try:
        admin_dialog = FirstAdminDialog(fresh)
        shooter.shoot("first-admin", admin_dialog)
        admin_dialog.hide()
        admin_dialog.deleteLater()
        dialog = FirstCenterDialog(fresh, actor)
        shooter.shoot("first-start", dialog)
        dialog.hide()
        dialog.deleteLater()
    finally:
        fresh.close()


def _login(shooter: Shooter, cc: CareCenter) -> None:
    dialog = LoginDialog(cc)
    username, wrong = _STAFF[2][1], "not-her-password"
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(wrong)
    dialog.log_in()  # a wrong password: the picture shows how the refusal reads
    shooter.shoot("login", dialog)
    dialog.hide()
    dialog.deleteLater()


def _english(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    qt_i18n.apply_language("en")
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    shooter.shoot("seniors-english", window)
    window.close()


def _messy_roster(cc: CareCenter, actor: Actor, path: Path) -> Path:
    """A roster as a 社区 sends it: a title row, decorated headers, an unknown column and every kind of row."""
    known = [cc.seniors.get(r.id, actor) for r in cc.seniors.list(actor)[:2]]
    born = [dt.date(1941, 3, 8), dt.date(1939, 10, 2), dt.date(1968, 5, 20), dt.date(1944, 1, 15)]
    new = [idnumber.make("410105", day, 100 + 2 * i) for i, day in enumerate(born)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["文化路社区 60 岁以上老人花名册（2026 年 11 月）"])
    sheet.append(["序号", "姓名", "身份证号码\n（18位）*", "性别", "联系电话", "家庭住址", "人员类别", "籍贯"])
    rows: list[list[object]] = [
        [known[0].name, known[0].id_number, "", "13838112345", "", "", ""],
        [known[1].name, known[1].id_number, "", "", "", "", ""],
        ["马玉珍", new[0], "女", "13903718866", "金水区文化路 12 号院 3 号楼", "低保", "河南郑州"],
        ["杜建军", new[1], "女", "", "金水区文化路 7 号院", "", "河南开封"],
        ["孙丽华", new[2], "女", "13598765432", "", "", ""],
        ["韩桂英", new[3], "女", "", "", "困难户", ""],
        ["赵秀兰", new[0][:-1] + ("1" if new[0][-1] != "1" else "2"), "女", "", "", "", ""],
        ["钱德明", 4.10105194203151e17, "男", "", "", "", ""],
        ["马玉珍", new[0], "女", "", "", "", ""],
        ["", idnumber.make("410105", dt.date(1950, 6, 1), 33), "", "", "", "", ""],
    ]
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    book.save(path)
    return path


def _roster_import(shooter: Shooter, cc: CareCenter, actor: Actor, folder: Path) -> None:
    """导入花名册: the preview of a messy roster (every verdict, warnings, refusals) and the result."""
    qt_i18n.apply_language("zh_CN")
    roster = _messy_roster(cc, actor, folder / "文化路社区花名册.xlsx")
    wizard = ImportWizard(cc, actor, cc.centers.list()[0].id, synchronous=True)
    wizard.choose_page.path_edit.setText(str(roster))
    wizard.preview()
    preview = wizard.preview_page
    preview.set_filter(RowFilter.ALL)
    preview.table.selectRow(
        next(i for i in range(preview.model.rowCount()) if preview.model.row_texts(i)[2] == "钱德明")
    )
    shooter.shoot("import-preview", wizard)
    wizard.start_import()
    shooter.shoot("import-result", wizard)
    wizard.hide()
    wizard.deleteLater()


def _quality(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """数据质量, with what a real roster has besides the demo's gaps: a senior registered twice, a 58-year-old."""
    qt_i18n.apply_language("zh_CN")
    first = cc.seniors.get(cc.seniors.list(actor)[5].id, actor)
    for sequence in range(997, 901, -2):  # the same person again, under a mistyped ID number
        twin = replace(first.as_input(), id_number=make_id_number(first.id_number[:6], first.birth_date, sequence))
        try:
            cc.seniors.create(replace(twin, registered_on=clock.today()), actor)
            break
        except ValidationError:
            continue
    young = SeniorInput(
        name="孙建华",
        id_number=make_id_number("410105", dt.date(1968, 5, 12), 311),
        center_id=first.center_id,
        phones=("13703719876",),
        contacts=(Contact("孙丽", "女儿", "13837165432"),),
        registered_on=clock.today(),
    )
    cc.seniors.create(young, actor)
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.show_area(_("Data quality"))
    shooter.shoot("quality", window)
    window.close()


def _assessments(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
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


def _care_plans(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
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


def _due(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
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


def _senior_detail(shooter: Shooter, cc: CareCenter, actor: Actor) -> None:
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


def _subsidies(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """补贴发放: October 2026 approved (through the core unless the demo did), November's 变动名单, and the
    补贴 tab of a senior who receives the 高龄津贴 (and the home-care subsidy, when someone has both)."""
    from ui.pages.senior_detail import SeniorDetailDialog
    from ui.pages.subsidies_page import SubsidiesPage
    from ui.sections.subsidies_section import SubsidiesSection

    qt_i18n.apply_language("zh_CN")
    center = cc.centers.list()[0]
    october, november = dt.date(2026, 10, 1), dt.date(2026, 11, 1)
    if october not in {m.month for m in cc.subsidy_rosters.approved_months(actor, center.id)}:
        cc.subsidy_rosters.approve(actor, center.id, october)
    SubsidiesPage.synchronous = True  # computed inline, so each picture shows the finished month
    try:
        window = MainWindow(cc, actor, clock, settings)
        window.resize(*WINDOW_SIZE)
        window.select_center(center.id)
        window.show()
        window.show_area(_("Subsidies"))
        page = window.subsidies_page
        assert page is not None
        page.set_month(october)
        shooter.shoot("subsidies-approved", window)
        page.set_month(november)
        page.tabs.setCurrentWidget(page.tabs.changes)
        shooter.shoot("subsidies-changes", window)
        window.close()
    finally:
        SubsidiesPage.synchronous = False
    grants = cc.subsidies.eligibility(actor, november, center.id)
    both = {g.senior_id for g in grants if g.rule_code == "home_care_subsidy"}
    allowance = [g.senior_id for g in grants if g.rule_code == "elderly_allowance"]
    senior_id = next((i for i in allowance if i in both), allowance[0])
    view = SeniorDetailDialog(cc, actor, senior_id)
    view.show_section(SubsidiesSection)
    shooter.shoot("senior-detail-subsidies", view)
    view.done(0)
    view.deleteLater()


def _birthdays(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """生日会: the first month without a party (its birthday list, the form to create it), then the
    latest party held with guests attended, gifts given and one removed with a reason."""
    from ui.dialogs.party_dialog import PartyDialog

    qt_i18n.apply_language("zh_CN")
    center = cc.centers.list()[0]
    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.select_center(center.id)
    window.show()
    window.show_area(_("Birthday parties"))
    page = window.birthdays_page
    month = DEMO_DAY.replace(day=1)
    while cc.birthdays.for_month(center.id, month, actor) is not None:
        month = shift(month, 1)
    page.set_month(month)
    shooter.shoot("birthdays-list", window)

    dialog = PartyDialog(
        cc, actor, center.id, month, center_name=center.name, listed=len(page.listed_names()), places=page.places()
    )
    dialog.notes_edit.setPlainText("社工主持，志愿者表演节目；欢迎家属陪同")
    shooter.shoot("party-form", dialog)
    dialog.done(0)
    dialog.deleteLater()

    party = _held_party(cc, actor, center.id)
    page.set_month(party.month)
    panel = page.party_panel
    came = [g for g in party.guests if g.attended and g.gift]
    panel.table.selectRow(panel.guest_row(came[-1].name))  # the end of the list, where the removed guest is
    panel.table.scrollToBottom()
    panel.say(_("{name} attended.").format(name=came[-1].name))
    shooter.shoot("birthdays-party", window)
    window.close()


def _held_party(cc: CareCenter, actor: Actor, center_id: int) -> PartyInfo:
    """The latest party held with someone removed (the demo's, else last month's, made here)."""
    held = [cc.birthdays.get(p.id, actor) for p in cc.birthdays.list(actor, center_id) if p.attended]
    party = next((p for p in held if any(g.removed for g in p.guests)), held[0] if held else None)
    if party is None:
        last_month = shift(DEMO_DAY.replace(day=1), -1)
        data = PartyInput(last_month.replace(day=25), "二楼多功能活动室", "社工主持，志愿者表演节目")
        party = cc.birthdays.create(center_id, last_month, data, actor)
        for n, guest in enumerate(party.guests[:-1]):
            cc.birthdays.set_attendance(guest.id, n % 4 != 3, "生日蛋糕" if n % 4 != 3 else "", actor)
    if not any(g.removed for g in party.guests):  # one guest could not come
        absent = next(g for g in reversed(party.guests) if not g.attended)
        party = cc.birthdays.remove_guest(absent.id, "住院治疗，家属代领礼品", actor)
    return party


def _subsidy_policy(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """补贴政策: the 新增版本 form raising the 80–89 band (then saved), the settings box with both versions
    in the history, and 餐费价格 with a lunch price from next month."""
    from PySide6.QtWidgets import QScrollArea

    from carecenter.subsidies.policy import MealType
    from ui.dialogs.meal_price_dialog import MealPriceDialog
    from ui.dialogs.rule_version_dialog import RuleVersionDialog
    from ui.dialogs.tier_table import COL_AMOUNT

    qt_i18n.apply_language("zh_CN")
    if len(cc.subsidies.rule("elderly_allowance").versions) == 1:
        form = RuleVersionDialog(cc, actor, "elderly_allowance")
        form.start_edit.set_month(dt.date(2027, 1, 1))
        amount = form.tier_table.table.item(0, COL_AMOUNT)
        if amount is not None:
            amount.setText("150.00")
        document = "依据郑民〔2026〕12号文件"  # demo data, as an administrator types it
        form.note_edit.setText(document)
        shooter.shoot("subsidy-version-form", form)
        form.save()
        form.deleteLater()
    lunch = [p for p in cc.subsidies.meal_prices() if p.meal_type is MealType.LUNCH]
    if len(lunch) == 1:
        cc.subsidies.set_meal_price(MealType.LUNCH, dt.date(2026, 12, 1), "13.00", actor)

    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_area(_("Settings"))
    box = window.settings_page.policy_box
    scroll = window.settings_page.findChild(QScrollArea)
    if box is not None and scroll is not None:
        for _turn in range(3):
            QApplication.processEvents()
        scroll.verticalScrollBar().setValue(box.y() - 8)
    shooter.shoot("settings-subsidy-policy", window)
    window.close()
    prices = MealPriceDialog(cc, actor)
    shooter.shoot("meal-prices", prices)
    prices.done(0)
    prices.deleteLater()


def _daycare(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """日间照料 at 10:00 on the last weekday up to DEMO_DAY (a Sunday: nobody's plan is on Sundays): the board
    with arrivals, one picked up early, a walk-in and who has not come; then the month per senior.

    The day and the days before it in the month get check-ins through the services when the demo has none.
    """
    import random

    from carecenter.domain.months import first_day

    qt_i18n.apply_language("zh_CN")
    center = cc.centers.list()[0]
    day = DEMO_DAY
    while day.isoweekday() > 5:
        day -= dt.timedelta(days=1)
    rng = random.Random(7)

    def at(on: dt.date, minutes: int) -> dt.datetime:
        return dt.datetime.combine(on, dt.time()) + dt.timedelta(minutes=minutes)

    if not cc.attendance.month(actor, center.id, day):
        on = first_day(day)
        while on < day:
            for e in cc.attendance.expected(actor, center.id, on)[:14] if on.isoweekday() <= 5 else []:
                came = cc.attendance.check_in(e.senior_id, actor, at=at(on, rng.randint(460, 560)))
                if rng.random() < 0.95:  # now and then the desk forgets the check-out
                    cc.attendance.check_out(came.id, actor, at=at(on, rng.randint(780, 990)))
            on += dt.timedelta(days=1)
    if not cc.attendance.board(actor, center.id, day).came:
        expected = cc.attendance.expected(actor, center.id, day)
        for n, e in enumerate(expected[: max(1, len(expected) * 3 // 4)]):
            came = cc.attendance.check_in(e.senior_id, actor, at=at(day, rng.randint(465, 590)))
            if n == 2:
                cc.attendance.check_out(came.id, actor, "女儿（复诊）", at=at(day, 575))
        planned = {e.senior_id for e in expected}
        walk_in = next(
            r for r in cc.seniors.list(actor, center_id=center.id) if r.status is Status.ACTIVE and r.id not in planned
        )
        cc.attendance.check_in(walk_in.id, actor, at=at(day, 548))

    saved = clock.current
    clock.current = dt.datetime.combine(day, dt.time(10), tzinfo=saved.tzinfo)
    try:
        window = MainWindow(cc, actor, clock, settings)
        window.resize(*WINDOW_SIZE)
        window.select_center(center.id)
        window.show()
        window.show_area(_("Day care"))
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
    finally:
        clock.current = saved


def _meals(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """助餐 at lunchtime on DEMO_DAY: a 清真 senior just served from her prepaid balance, tomorrow's orders with
    the kitchen count, her meal account, and the totals. Orders, top-ups and servings of the day (and tomorrow's
    orders and menu) are made through the services when the demo has none."""
    import random

    from carecenter.domain.desk_vocab import Payment
    from carecenter.domain.vocab import DietFlag
    from carecenter.meals.dto import OrderInput, ServeInput, TopUpInput
    from carecenter.subsidies.policy import MealType
    from ui.pages.meal_totals_panel import TotalsPanel

    qt_i18n.apply_language("zh_CN")
    center = cc.centers.list()[0]
    tomorrow = DEMO_DAY + dt.timedelta(days=1)
    rng = random.Random(11)
    rows = [r for r in cc.seniors.list(actor, center_id=center.id) if r.status is Status.ACTIVE]
    cards = [cc.desk.card(r.id, actor) for r in rows]
    flagged = [c for c in cards if c.diet_flags]
    couriers = [s.id for s in cc.staff.list(active_only=True) if s.position is StaffPosition.CAREGIVER]
    saved = clock.current

    def at(hour: int, minute: int) -> None:
        clock.current = saved.replace(hour=hour, minute=minute)

    def order(senior_id: int, day: dt.date, n: int) -> None:
        delivery = n % 6 == 5 and bool(couriers)
        courier = couriers[n % len(couriers)] if delivery else None
        cc.meals.order(OrderInput(senior_id, day, delivery=delivery, courier_staff_id=courier), actor)

    try:
        at(8, 30)
        if not cc.meals.orders(actor, center.id, DEMO_DAY):
            diners = list(dict.fromkeys([*(c.id for c in flagged[:8]), *(c.id for c in rng.sample(cards, 30))]))
            for n, senior_id in enumerate(diners):
                order(senior_id, DEMO_DAY, n)
            for n, senior_id in enumerate(diners[::3]):
                cc.meals.top_up(TopUpInput(senior_id, 200_00, f"SJ2611{n + 1:02d}", Payment.WECHAT), actor)
            minute = 20
            for senior_id in diners[1:24]:
                at(11, min(minute, 50))
                minute += 1
                pays = cc.meals.preview(senior_id, MealType.LUNCH, actor).charge
                funds = cc.meals.balance(senior_id, actor)
                cash = rng.choice((Payment.CASH, Payment.CASH, Payment.WECHAT, Payment.ALIPAY))
                covered = pays is not None and funds >= pays.pays_fen
                cc.meals.serve(ServeInput(senior_id, payment=Payment.BALANCE if covered else cash), actor)
        if not cc.meals.orders(actor, center.id, tomorrow):
            for n, card in enumerate(list(dict.fromkeys([*flagged[8:16], *rng.sample(cards, 24)]))):
                order(card.id, tomorrow, n)
            dishes = "红烧冬瓜、西红柿炒蛋、清蒸鲈鱼、米饭、紫菜蛋花汤"
            cc.meals.set_menu(center.id, tomorrow, MealType.LUNCH, dishes, True, actor)
        served = {r.senior_id for r in cc.meals.servings(actor, center.id, DEMO_DAY)}
        ordered = [o.senior_id for o in cc.meals.orders(actor, center.id, DEMO_DAY) if o.senior_id not in served]
        halal = [c for c in cards if DietFlag.HALAL in c.diet_flags and c.id in ordered]
        shown = (halal or [c for c in cards if c.id in ordered])[0]
        if cc.meals.balance(shown.id, actor) < 50_00:
            cc.meals.top_up(TopUpInput(shown.id, 300_00, "SJ261188", Payment.CASH), actor)

        at(11, 52)
        window = MainWindow(cc, actor, clock, settings)
        window.resize(*WINDOW_SIZE)
        window.select_center(center.id)
        window.show()
        window.show_area(_("Meals"))
        page = window.meals_page
        page.serving.finder.box.setText(shown.member_no)  # as the card scanner types it
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
    finally:
        clock.current = saved


def _visits(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """上门服务: the week of DEMO_DAY (Monday 16 to Sunday 22 November) with visits done, one not made, one
    cancelled and what is still open; the visit form of today's slot being filled in; the month's counts.

    When the demo has no weekday home visits, a few plans are revised to add them (signed today, through the
    services) and the week's past slots recorded.
    """
    from carecenter.care.plan_info import PlannedServiceInput
    from carecenter.desk.visit_dto import SlotState, VisitInput, VisitPlanInput
    from carecenter.domain.desk_vocab import Confirmation
    from ui.dialogs.visit_dialog import VisitDialog

    qt_i18n.apply_language("zh_CN")
    center = cc.centers.list()[0]
    types = {t.code: t.id for t in cc.catalogue.types()}
    staff = [s for s in cc.staff.list(active_only=True) if s.center_id in (None, center.id)]
    carers = [s.id for s in staff if s.position is StaffPosition.CAREGIVER]
    signer = next(s.id for s in staff if s.position is StaffPosition.SOCIAL_WORKER)
    week = cc.visits.week(actor, center.id, DEMO_DAY)
    if not any(s.from_plan for s in week.slots):
        rounds = (
            ("cleaning", {1, 4}),
            ("mobility", {2, 5}),
            ("medical", {3}),
            ("recreation", {1, 3, 7}),
            ("shopping", {6}),
        )
        chosen = 0
        for row in cc.seniors.list(actor, center_id=center.id):
            if chosen == 9 or row.status is not Status.ACTIVE or cc.care_plans.draft(row.id, actor) is not None:
                continue
            plan = cc.care_plans.current(row.id, actor)
            if plan is None:
                continue
            code, days = rounds[chosen % len(rounds)]
            carer = None if chosen == 4 else carers[chosen % len(carers)]
            extra = PlannedServiceInput(types[code], weekdays=frozenset(days), staff_id=carer, notes="")
            data = plan.as_input()
            revised = cc.care_plans.revise(plan.id, replace(data, services=(*data.services, extra)), actor)
            cc.care_plans.sign(revised.id, signer, actor)
            chosen += 1
        week = cc.visits.week(actor, center.id, DEMO_DAY)
        work = {
            "cleaning": "擦窗、拖地，清理厨房油污",
            "mobility": "陪同到社区卫生站量血压",
            "medical": "陪同复诊、取药",
            "recreation": "陪聊、读报，下象棋",
            "shopping": "代买米、油和蔬菜",
        }
        codes = {v: k for k, v in types.items()}
        for n, slot in enumerate(s for s in week.slots if s.day < DEMO_DAY and s.visit_id is None):
            if n == 3:
                cc.visits.miss(slot.target, "敲门无人应答，电话未接", actor, staff_id=slot.staff_id or carers[0])
                continue
            if n == 7:
                cc.visits.cancel(slot.target, "住院治疗", actor, staff_id=slot.staff_id or carers[0])
                continue
            if n % 5 == 4:
                continue  # left open: overdue
            start = dt.datetime.combine(slot.day, dt.time(8 + n % 4 * 2, 30 if n % 2 else 0))
            cc.visits.record(
                VisitInput(
                    senior_id=slot.senior_id,
                    service_type_id=slot.service_type_id,
                    staff_id=slot.staff_id or carers[1 % len(carers)],
                    day=slot.day,
                    started_at=start,
                    minutes=60 + n % 3 * 30,
                    work_done=work.get(codes.get(slot.service_type_id, ""), "上门服务"),
                    confirmation=Confirmation.SENIOR if n % 3 else Confirmation.FAMILY,
                    confirmed_by_name="" if n % 3 else "女儿",
                    planned_service_id=slot.planned_service_id,
                ),
                actor,
            )
        someone = week.slots[0].senior_id if week.slots else cc.seniors.list(actor, center_id=center.id)[0].id
        cc.visits.plan(VisitPlanInput(someone, types["shopping"], carers[0], DEMO_DAY, dt.time(15, 0)), actor)

    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.select_center(center.id)
    window.show()
    window.show_area(_("Home visits"))
    page = window.visits_page
    done = [s for s in page.model.records() if s.state is SlotState.DONE]
    if done:
        last = done[-1]
        page.select_line(last.senior_name, last.day, last.service_name)
        page.say(
            _("✔ {name}: {service} recorded ({time})").format(
                name=last.senior_name, service=last.service_name, time=last.time_text
            )
        )
    shooter.shoot("visits-week", window)

    today = next((s for s in page.model.records() if s.day == DEMO_DAY and s.state.open and s.from_plan), None)
    if today is not None:
        dialog = VisitDialog(
            cc,
            actor,
            today.senior_id,
            today.day,
            service_type_id=today.service_type_id,
            staff_id=today.staff_id,
            planned_service_id=today.planned_service_id,
            parent=window,
        )
        dialog.start_edit.setText("08:30")
        dialog.end_edit.setText("09:40")
        dialog.work_edit.setPlainText("陪聊、读报；提醒按时服药，血压 135/85")
        dialog.confirm_combo.setCurrentIndex(dialog.confirm_combo.findData(Confirmation.FAMILY.value))
        daughter = "女儿 李红"  # demo data typed into the form, not a label
        dialog.confirmed_by_edit.setText(daughter)
        shooter.shoot("visit-dialog", dialog)
        dialog.done(0)
        dialog.deleteLater()
    page.tabs.setCurrentIndex(1)
    shooter.shoot("visits-month", window)
    window.close()


def _calls_and_activities(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """呼叫助急: the open calls (an urgent fall reported two days ago and still open, today's urgent call on top)
    and the month's calls; the call form with a senior chosen, marked urgent, a fall recorded with it.
    活动: November's activities with the birthday party among them and one talk's attendees; the activity form.

    Until the demo generator makes calls and activities, a month of them is made here through the services.
    """
    from carecenter.care.incidents import IncidentInput
    from carecenter.desk.activity_dto import ActivityInput
    from carecenter.desk.call_dto import CallInput
    from carecenter.domain.desk_vocab import ActivityKind, CallerKind, Urgency
    from carecenter.domain.vocab import IncidentKind
    from carecenter.errors import CareCenterError
    from ui.dialogs.activity_dialog import ActivityDialog
    from ui.dialogs.call_dialog import CallDialog

    qt_i18n.apply_language("zh_CN")
    center = cc.centers.list()[0]
    month = DEMO_DAY.replace(day=1)
    seniors = [r for r in cc.seniors.list(actor, center_id=center.id) if r.status is Status.ACTIVE]
    staff = [s for s in cc.staff.list(active_only=True) if s.center_id in (None, center.id)]
    worker = next((s.id for s in staff if s.position is StaffPosition.SOCIAL_WORKER), None)

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(DEMO_DAY.year, DEMO_DAY.month, day, hour, minute)

    if not cc.calls.list(actor, center.id, month, DEMO_DAY):
        routine = (
            (3, CallerKind.SENIOR, "", "询问本月助餐价格和补贴", "已告知午餐 12 元，补贴后自付 9 元", None),
            (6, CallerKind.FAMILY, "儿子", "预约下周二助浴服务", "已登记，周二上午上门", at(10, 9).date()),
            (9, CallerKind.NEIGHBOUR, "王阿姨", "老人家中水管漏水", "已联系物业维修", at(11, 9).date()),
            (14, CallerKind.SENIOR, "", "想参加合唱队", "已告知每周一下午排练", None),
            (18, CallerKind.FAMILY, "女儿", "老人出院回家，申请送餐上门", "已安排下周起送餐", at(23, 9).date()),
        )
        for n, (day, kind, name, reason, action, follow_up) in enumerate(routine):
            who = seniors[n + 3]
            call = cc.calls.log(
                CallInput(
                    kind, reason, who.id, None, at(day, 9 + n, 10 * n), name, "", Urgency.NORMAL, action, follow_up
                ),
                actor,
            )
            if follow_up is not None and follow_up < DEMO_DAY:
                cc.calls.close(call.id, "已回访，老人满意", actor)
        fall = cc.calls.log(
            CallInput(
                CallerKind.FAMILY,
                "女儿来电：老人在卫生间滑倒，右膝疼痛",
                seniors[0].id,
                received_at=at(20, 16, 40),
                caller_name="李红",
                caller_phone="13803712233",
                urgency=Urgency.URGENT,
                action_taken="社区医生已上门处理，建议拍片",
                follow_up_on=at(23, 9).date(),
            ),
            actor,
            IncidentInput(IncidentKind.FALL, at(20, 0).date(), "在卫生间滑倒，右膝擦伤肿痛", "社区医生已上门处理"),
        )
        assert fall.incident_id is not None
        cc.calls.log(
            CallInput(
                CallerKind.NEIGHBOUR,
                "楼下独居老人两天未出门，敲门无人应答",
                center_id=center.id,
                received_at=at(21, 18, 5),
                caller_name="赵先生",
                caller_phone="13937165520",
                action_taken="已联系社区网格员上门查看",
                follow_up_on=DEMO_DAY,
            ),
            actor,
        )
        cc.calls.log(
            CallInput(
                CallerKind.SENIOR,
                "老人来电：胸闷气短，独自在家",
                seniors[1].id,
                received_at=at(22, 9, 12),
                caller_phone=seniors[1].phone,
                urgency=Urgency.URGENT,
                action_taken="已拨打 120，通知儿子赶回",
            ),
            actor,
        )

    if cc.birthdays.for_month(center.id, month, actor) is None:
        party = cc.birthdays.create(center.id, month, PartyInput(at(20, 0).date(), "二楼多功能活动室"), actor)
        for n, guest in enumerate(party.guests):
            if n % 4 != 3:
                cc.birthdays.set_attendance(guest.id, True, "生日蛋糕", actor)
    if not any(not a.linked for a in cc.activities.list(actor, center.id, month)):
        plans = (
            ("合唱排练", ActivityKind.RECREATION, 2, dt.time(14, 30), "二楼多功能活动室", None, 14),
            ("冬季防跌倒健康讲座", ActivityKind.HEALTH_TALK, 10, dt.time(9, 30), "一楼大厅", worker, 22),
            ("康复保健操", ActivityKind.REHAB, 17, dt.time(10, 0), "康复训练室", None, 9),
            ("书法班", ActivityKind.LEARNING, 19, dt.time(15, 0), "阅览室", worker, 7),
            ("志愿者义务理发", ActivityKind.VOLUNTEER, 22, dt.time(9, 0), "一楼大厅", None, 11),
        )
        for n, (title, sort, day, starts, place, staff_id, came) in enumerate(plans):
            data = ActivityInput(center.id, title, sort, at(day, 0).date(), starts, place, staff_id)
            made = cc.activities.create(data, actor)
            for who in seniors[n * 5 : n * 5 + came]:
                with contextlib.suppress(CareCenterError):  # registered after the day: not counted
                    cc.activities.add_attendee(made.id, who.id, actor)

    window = MainWindow(cc, actor, clock, settings)
    window.resize(*WINDOW_SIZE)
    window.select_center(center.id)
    window.show()
    window.show_area(_("Calls"))
    calls = window.calls_page
    calls.open_table.selectRow(0)
    calls.say(_("Urgent call logged: {who}. It stays open until closed with a note.").format(who=seniors[1].name))
    shooter.shoot("calls", window)

    dialog = CallDialog(cc, actor, center.id, clock, parent=window)
    dialog.choose_senior(cc.desk.card(seniors[2].id, actor))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CallerKind.FAMILY.value))
    caller, title, place = "儿子 张伟", "重阳敬老茶话会", "二楼多功能活动室"  # demo data, as the desk types it
    dialog.name_edit.setText(caller)
    dialog.phone_edit.setText("139 3716 8801")
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
    talk = next((a for a in activities.model.records() if a.kind is ActivityKind.HEALTH_TALK), None)
    if talk is not None:
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    for path in render_all(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
