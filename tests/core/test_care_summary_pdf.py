"""The care summary on paper: read back from the PDF what a family member would read.

The senior is the one of :mod:`tests.core.test_care_summary` (张桂兰, the clock at 22 November 2026).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from carecenter.actor import Actor
from carecenter.clock import FixedClock
from carecenter.domain.idnumber import mask
from carecenter.errors import OutputError
from carecenter.facade import CareCenter
from carecenter.progress import WorkCancelled
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.core.test_care_summary import ID_NUMBER, Family, zhang_guilan
from tests.pdf_helpers import assert_cjk_font_embedded, ink_ratio, page_texts, render_page

# Codes that live in the database and must never reach a family's paper.
CODES = (
    "day_care",
    "cleaning",
    "bathing",
    "meals",
    "gbt42195",  # (Barthel is the form's name, as the translation has it; its code is the same word)
    "dibao",
    "living_alone",
    "low_salt",
    "diabetic",
    "moderate",
    "mild",
    "active",
    "hospital",
    "fall",
    "local",
    "female",
    "elderly_allowance",
    "meal_subsidy",
)


@pytest.fixture
def family(center: CareCenter, admin: Actor, clock: FixedClock) -> Family:
    return zhang_guilan(center, admin, clock)


@pytest.fixture
def printed(center: CareCenter, social_worker: Actor, family: Family, tmp_path: Path) -> tuple[Path, int]:
    result = center.reports.care_summary.print(social_worker, family.senior_id, tmp_path / "张桂兰.pdf")
    assert result.path == tmp_path / "张桂兰.pdf"
    return result.path, result.pages


def test_what_the_family_reads(printed: tuple[Path, int]) -> None:
    path, pages = printed
    texts = page_texts(path)
    text = " ".join(texts)
    assert len(texts) == pages >= 2
    assert "张桂兰的照护小结" in texts[0] and "会员号 M000001 · 截至 2026年11月22日" in texts[0]
    for heading in (
        "一、基本情况",
        "二、紧急联系人",
        "三、过敏与饮食",
        "四、健康状况",
        "五、能力评估",
        "六、照护计划",
        "七、近三个月接受的服务",
        "八、近十二个月的意外事件",
        "九、本月补贴",
    ):
        assert text.count(heading) == 1, heading
    assert "过敏：青霉素、花生" in texts[0]  # on the first page, where nobody misses it
    assert "饮食要求：糖尿病餐、低盐" in text and "饮食备注：不吃辣" in text
    assert mask(ID_NUMBER) in text and ID_NUMBER not in text
    assert "李红 女儿 13903710002" in text
    assert "低保（2026年1月1日 至 2026年12月31日）；独居" in text


def test_assessment_plan_and_services_in_words(printed: tuple[Path, int]) -> None:
    text = " ".join(page_texts(printed[0]))
    assert "最近一次评估：2026年10月10日，老年人能力评估（GB/T 42195-2022），得分 58 / 90，结果：中度失能。" in text
    assert "与上次评估相比（2026年4月10日：轻度失能，得分 70 / 90）： 下降" in text
    assert "复核日期 2027年5月1日" in text and "刘社工（2026年11月22日签字）" in text
    assert "助洁 周二 李娜" in text and "助浴 每月 2 次 王芳" in text and "日间托老 周一、三、五 待安排" in text
    assert "统计期间：2026年9月1日至2026年11月22日。" in text
    assert "日间托老 1 天 1 天 2 天 4 天 14.5" in text
    assert "助洁 1 次 — 1 次 2 次 2.5" in text
    assert "助餐（送餐） — — 1 餐 1 餐 —" in text
    assert "统计期间：2025年11月23日至2026年11月22日。" in text and "下楼梯时摔倒，膝盖擦伤" in text
    assert "卫生间滑倒" not in text  # 22 November 2025: outside the twelve months
    assert "高龄津贴 每月 100.00 元" in text and "助餐补贴 每餐 5.00 元" in text
    assert "本月补贴名单尚未审批" in text


def test_pages_are_numbered_signed_and_no_code_shows(printed: tuple[Path, int]) -> None:
    path, pages = printed
    texts = page_texts(path)
    for number, page in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {pages} 页" in page
        assert "文化路日间照料中心" in page and "照护小结 张桂兰" in page
    assert "社工签字：" in texts[-1] and "日期：" in texts[-1]
    assert "如对本小结有疑问，请致电文化路日间照料中心： 0371-63912345 " in texts[-1]  # the number on its own line
    words = set(re.findall(r"[a-z_]+", " ".join(texts).lower()))
    assert not words & set(CODES), words & set(CODES)


def test_the_font_is_embedded_and_the_page_is_not_blank(printed: tuple[Path, int]) -> None:
    path, _pages = printed
    assert_cjk_font_embedded(path)
    assert ink_ratio(render_page(path, 0)) > 0.02


def test_an_empty_record_says_so_honestly(
    center: CareCenter, admin: Actor, social_worker: Actor, tmp_path: Path
) -> None:
    sid = center.seniors.create(
        SeniorInput("王秀英", an_id(dt.date(1950, 3, 2), 44), registered_on=dt.date(2026, 11, 1)), admin
    ).id
    path = center.reports.care_summary.print(social_worker, sid, tmp_path / "empty.pdf").path
    text = " ".join(page_texts(path))
    for honest in (
        "未登记紧急联系人。",
        "过敏：未登记过敏史",
        "暂无评估记录。",
        "目前没有生效的照护计划。",
        "2026年9月1日至2026年11月22日没有服务记录。",
        "2025年11月23日至2026年11月22日没有意外事件记录。",
    ):
        assert honest in text, honest


def test_cancelling_leaves_no_file_and_a_bad_target_is_refused(
    center: CareCenter,
    social_worker: Actor,
    family: Family,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "out"
    with pytest.raises(WorkCancelled, match="已停止打印"):
        center.reports.care_summary.print(social_worker, family.senior_id, folder / "x.pdf", cancelled=lambda: True)
    assert not folder.exists() or not list(folder.iterdir())
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError):
        center.reports.care_summary.print(social_worker, family.senior_id, blocker / "x.pdf")
    seen: list[tuple[int, int]] = []
    center.reports.care_summary.print(
        social_worker, family.senior_id, folder / "x.pdf", progress=lambda d, t: seen.append((d, t))
    )
    assert seen and seen[-1][0] == seen[-1][1]
