"""The 月度报表 screenshots (``make screenshots``, called by :func:`ui.screenshots.render_all`).

The page as the director opens it on DEMO_DAY: the month before (October 2026, the demo's
first month with desk records) of the first center, on its 概况 tab; the same month's
日间照料 day by day and 补贴花名册; then the current month, counted up to today and marked
截至 in red with its roster not approved yet (未审批（预览）). Nothing is recorded here:
the shots use the demo data as the other shots leave it.
"""

from __future__ import annotations

from pathlib import Path

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.months import shift
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui import qt_i18n
from ui.main_window import MainWindow
from ui.pages.report_page import ReportPage
from ui.screenshots import DEMO_DAY, WINDOW_SIZE, Shooter


def monthly(shooter: Shooter, cc: CareCenter, actor: Actor, clock: FixedClock, settings: Path) -> None:
    """月度报表: last month's overview, day care and roster; this month so far, with its red marks."""
    qt_i18n.apply_language("zh_CN")
    ReportPage.synchronous = True  # computed inline, so each picture shows the finished month
    try:
        window = MainWindow(cc, actor, clock, settings)
        window.resize(*WINDOW_SIZE)
        window.select_center(cc.centers.list()[0].id)
        window.show()
        window.show_area(_("Monthly reports"))
        page = window.report_page
        assert page is not None, "the pictures are taken as the director"
        page.set_month(shift(DEMO_DAY, -1))
        page.tabs.setCurrentWidget(page.overview)
        shooter.shoot("report-overview", window)
        page.tabs.setCurrentWidget(page.day_care)
        shooter.shoot("report-day-care", window)
        page.tabs.setCurrentWidget(page.roster)
        shooter.shoot("report-roster", window)
        page.set_month(DEMO_DAY)
        page.tabs.setCurrentWidget(page.meals)
        shooter.shoot("report-this-month", window)
        window.close()
    finally:
        ReportPage.synchronous = False
