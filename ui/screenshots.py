"""Render every page and dialog with demo data to PNG files, offscreen (``make screenshots``).

``python -m ui.screenshots [OUTDIR]`` (default ``docs/screenshots``) builds a
throw-away database in a temporary folder, fills it with the seeded demo data,
and saves one image per view. Nothing touches the user's database or settings.
The date is fixed so the pictures only change when the UI does.
"""

from __future__ import annotations

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
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget  # noqa: E402

from carecenter import demo  # noqa: E402
from carecenter.actor import Actor, Role  # noqa: E402
from carecenter.birthdays.parties_dto import PartyInfo, PartyInput  # noqa: E402
from carecenter.clock import FixedClock  # noqa: E402
from carecenter.db.choice import Source  # noqa: E402
from carecenter.domain import idnumber  # noqa: E402
from carecenter.domain.idnumber import make as make_id_number  # noqa: E402
from carecenter.domain.months import shift  # noqa: E402
from carecenter.domain.vocab import StaffPosition, Status  # noqa: E402
from carecenter.errors import ValidationError  # noqa: E402
from carecenter.facade import CareCenter  # noqa: E402
from carecenter.i18n import _  # noqa: E402
from carecenter.seniors.dto import Contact, SeniorInput, SeniorRow  # noqa: E402
from carecenter.seniors.pinyin import search_keys  # noqa: E402
from ui import qt_i18n, ui_thread_gc  # noqa: E402
from ui.dialogs.consent_dialog import ConsentDialog  # noqa: E402
from ui.dialogs.first_admin_dialog import FirstAdminDialog  # noqa: E402
from ui.dialogs.first_center_dialog import FirstCenterDialog  # noqa: E402
from ui.dialogs.import_preview_model import RowFilter  # noqa: E402
from ui.dialogs.import_wizard import ImportWizard  # noqa: E402
from ui.dialogs.login_dialog import LoginDialog  # noqa: E402
from ui.dialogs.senior_dialog import SeniorDialog  # noqa: E402
from ui.dialogs.status_dialog import StatusDialog  # noqa: E402
from ui.latest_read import LatestRead  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pages.seniors_page import SeniorsPage  # noqa: E402
from ui.pages.today_page import TodayPage  # noqa: E402

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

    def save_image(self, name: str, image: QImage) -> Path:
        """Save a picture that is not a widget (a printed page), numbered like the shots."""
        path = self.out / f"{len(self.saved) + 1:02d}-{name}.png"
        if not image.save(str(path)):
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
    from ui import screenshots_care as care  # here, not on top: they import Shooter, DEMO_DAY … from this module
    from ui import screenshots_desk as desk
    from ui import screenshots_desks as several_desks
    from ui import screenshots_paper as paper
    from ui import screenshots_print as printing_shots
    from ui import screenshots_reports as reports

    out.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    ui_thread_gc.install(app)
    qt_i18n.apply_font(app)
    qt_i18n.apply_language("zh_CN")
    TodayPage.synchronous = True  # every window opens on 今天: its numbers counted inline, so pictures show them
    LatestRead.synchronous = True  # the sidebar's 待办 badge too
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
        care.assessments(shooter, cc, actor)
        care.care_plans(shooter, cc, actor)
        care.due(shooter, cc, actor, clock, settings)
        care.senior_detail(shooter, cc, actor)
        _birthdays(shooter, cc, actor, clock, settings)
        _subsidies(shooter, cc, actor, clock, settings)
        _subsidy_policy(shooter, cc, actor, clock, settings)
        desk.daycare(shooter, cc, actor, clock, settings)
        desk.meals(shooter, cc, actor, clock, settings)
        desk.visits(shooter, cc, actor, clock, settings)
        desk.calls_and_activities(shooter, cc, actor, clock, settings)
        desk.today(shooter, cc, actor, clock, settings)
        printing_shots.print_preview(shooter, cc, actor, clock, settings)
        reports.monthly(shooter, cc, actor, clock, settings)
        paper.paper(shooter, cc, actor)
        several_desks.desks(shooter, cc, actor, clock, settings)
    finally:
        cc.close()
        shutil.rmtree(folder, ignore_errors=True)
    qt_i18n.apply_language("zh_CN")
    return shooter.saved


def _main_views(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
    window.resize(*WINDOW_SIZE)
    page = window.seniors_page
    window.show_area(_("Seniors"))  # the window opens on 今天
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
    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
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
    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
    window.resize(*WINDOW_SIZE)
    window.show_area(_("Seniors"))
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
    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
    window.resize(*WINDOW_SIZE)
    window.show_area(_("Data quality"))
    shooter.shoot("quality", window)
    window.close()


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
        window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
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
    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
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

    window = MainWindow(cc, actor, clock, settings, database_source=Source.DEFAULT)
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    for path in render_all(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
