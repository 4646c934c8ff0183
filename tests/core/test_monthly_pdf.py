"""The monthly report on paper, read back: title, figures, numbering, the font, marks, empty months, districts.

The data is October 2026 of :mod:`tests.core.test_monthly_report` (today is 2026-11-22).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.facade import CareCenter
from carecenter.progress import WorkCancelled
from carecenter.reports.document import OutputError
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.core.test_monthly_report import NOVEMBER, OCTOBER, REGISTERED, October, at, october
from tests.pdf_helpers import assert_cjk_font_embedded, ink_ratio, page_texts, render_page

__all__ = ["october"]  # the fixture, shared with the figures' tests

HEADINGS = (
    "一、服务对象概况",
    "二、日间照料",
    "三、助餐服务",
    "四、居家上门服务（九助）",
    "五、呼叫助急与意外事件",
    "六、文体活动与集体生日会",
    "七、能力评估",
    "八、近12个月服务趋势",
    "九、补贴花名册",
)


def printed_pages(cc: CareCenter, actor: Actor, center_id: int | None, month: dt.date, target: Path) -> list[str]:
    printed = cc.reports.monthly.print(actor, center_id, month, target)
    pages = page_texts(printed.path)
    assert len(pages) == printed.pages
    return pages


def test_the_october_report_reads_as_computed(
    center: CareCenter, admin: Actor, october: October, tmp_path: Path
) -> None:
    target = tmp_path / "monthly.pdf"
    pages = printed_pages(center, admin, october.center_id, OCTOBER, target)
    text = " ".join(pages)
    assert "月度服务报表" in pages[0] and "文化路日间照料中心 · 2026年10月" in pages[0]
    positions = [text.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页 / 共 {len(pages)} 页" in page
        assert "未审批（预览）" in page  # the roster of October is not approved
    assert "7 在册老人" in text and "1 其中暂停" in text
    assert "80–89岁 2" in text and "60岁以下 1" in text
    assert "周新" in text and "钱德明" in text and "病故" in text
    assert "4 服务人次" in text and "3 开放天数" in text and "1.3 日均人次" in text and "12.0 在中心时长" in text
    assert "4 供餐人次" in text and "3 堂食" in text and "1 送餐" in text and "14.00 助餐补贴" in text
    assert "助洁 2 3.0 2" in text and "助浴 1 1.0 1" in text
    assert "2 呼叫总数" in text and "在卫生间滑倒" in text
    assert "邀请 1 人，到场 1 人（其中整寿 1 人）" in text
    assert "2 首次评估" in text and "1 重新评估" in text
    assert "高龄津贴 3 500.00 600.00 0 1 0" in text and "郑淑英" in text
    assert "制表人" in text and "审核人" in text and "负责人签字" in text
    assert re.search(r"410105\*{8}\d{3}[\dX]", text)  # masked IDs
    assert_cjk_font_embedded(target)
    assert ink_ratio(render_page(target, 0)) > 0.02


def test_the_current_month_is_marked_as_of_today(
    center: CareCenter, admin: Actor, october: October, tmp_path: Path
) -> None:
    pages = printed_pages(center, admin, october.center_id, NOVEMBER, tmp_path / "november.pdf")
    assert all("截至 2026-11-22" in page for page in pages)
    assert "2026年11月（截至 2026-11-22）" in pages[0]


def test_an_approved_month_carries_no_mark(center: CareCenter, admin: Actor, october: October, tmp_path: Path) -> None:
    center.subsidy_rosters.approve(admin, october.center_id, OCTOBER)
    pages = printed_pages(center, admin, october.center_id, OCTOBER, tmp_path / "approved.pdf")
    assert not any("未审批" in page for page in pages)
    assert "已审批" in " ".join(pages)


def test_a_month_without_services_says_so(center: CareCenter, admin: Actor, october: October, tmp_path: Path) -> None:
    text = " ".join(printed_pages(center, admin, october.center_id, dt.date(2025, 1, 1), tmp_path / "empty.pdf"))
    assert text.count("本月无服务记录") == 6  # day care, meals, visits, calls, activities, assessments
    assert "8 在册老人" in text


def test_the_district_pack_has_totals_then_each_center_on_a_new_page(
    center: CareCenter, admin: Actor, october: October, tmp_path: Path
) -> None:
    other = center.centers.create("黄河路日间照料中心", admin, code="C002").id
    data = SeniorInput(
        name="黄大爷", id_number=an_id(dt.date(1944, 8, 8), 33), registered_on=REGISTERED, center_id=other
    )
    center.attendance.check_in(center.seniors.create(data, admin).id, admin, at(8, 9))
    pages = printed_pages(center, admin, None, OCTOBER, tmp_path / "district.pdf")
    assert "全部站点（2个） · 2026年10月" in pages[0] and "全部站点合计" in pages[0]
    assert "各站点对比" in " ".join(pages[:2])
    starts = [i for i, page in enumerate(pages) if "一、服务对象概况" in page]
    assert len(starts) == 2
    assert "文化路日间照料中心 · 2026年10月" in pages[starts[0]]
    assert "黄河路日间照料中心 · 2026年10月" in pages[starts[1]]
    assert "黄大爷" in " ".join(pages[starts[1] :])


def test_a_printout_with_full_ids_is_recorded(
    center: CareCenter, admin: Actor, october: October, tmp_path: Path
) -> None:
    center.reports.monthly.print(admin, october.center_id, OCTOBER, tmp_path / "masked.pdf")
    assert not [line for line in center.audit.lines(admin, AuditFilter()) if line.entity == "monthly_report"]
    center.centers.set_print_full_ids(october.center_id, True, admin)
    pages = printed_pages(center, admin, october.center_id, OCTOBER, tmp_path / "full.pdf")
    assert an_id(dt.date(1950, 6, 6), 19) in " ".join(pages)
    (line,) = [line for line in center.audit.lines(admin, AuditFilter()) if line.entity == "monthly_report"]
    assert line.action == "print" and "2026年10月" in (line.after or "") and "full.pdf" in (line.after or "")


def asks_until(limit: int) -> Callable[[], bool]:
    """A cancel token that says "stop" from its ``limit`` + 1st question on."""
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > limit

    return cancelled


def test_cancelling_leaves_no_file_and_progress_counts_up(
    center: CareCenter, admin: Actor, october: October, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    target = folder / "monthly.pdf"
    for stop_after in (0, 5):  # while counting, while typesetting
        with pytest.raises(WorkCancelled, match="已停止打印"):
            center.reports.monthly.print(admin, october.center_id, OCTOBER, target, cancelled=asks_until(stop_after))
        assert not folder.exists() or not list(folder.iterdir())
    seen: list[tuple[int, int]] = []
    center.reports.monthly.print(admin, october.center_id, OCTOBER, target, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_an_unwritable_target_is_refused(center: CareCenter, admin: Actor, october: October, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError):
        center.reports.monthly.print(admin, october.center_id, OCTOBER, blocker / "monthly.pdf")
