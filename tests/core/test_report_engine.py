"""The printing engine every printout shares: pages, numbering, the embedded font, safe writing, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.facade import CareCenter
from carecenter.progress import WorkCancelled
from carecenter.reports import fonts
from carecenter.reports.document import OutputError
from carecenter.reports.fonts import FontMissingError, find_font, load_font
from carecenter.reports.listing import Column, Listing, Section, render_listing, write_listing_xlsx
from tests.pdf_helpers import assert_cjk_font_embedded, ink_ratio, page_texts, render_page

PRINTED_AT = dt.datetime(2026, 11, 22, 9, 30)


def roster(rows: int, **extra: object) -> Listing:
    values = tuple((i, f"张秀兰{i}", "410105********0420", 100 if i % 2 else 200) for i in range(1, rows + 1))
    fields: dict[str, object] = {
        "title": "高龄津贴发放花名册",
        "center": "金水区文化路日间照料中心",
        "period": "2026年11月",
        "columns": (
            Column("序号", 0.6, numeric=True),
            Column("姓名", 1.4),
            Column("身份证号", 2.2),
            Column("金额", 1, True),
        ),
        "sections": (Section("", values, total=("合计", "", "", sum(v[3] for v in values))),),
        "signatures": ("制表人", "审核人", "负责人签字"),
    }
    fields.update(extra)
    return Listing(**fields)  # type: ignore[arg-type]


def test_pages_are_numbered_and_the_table_header_repeats(tmp_path: Path) -> None:
    printed = render_listing(roster(120), tmp_path / "r.pdf", find_font(), PRINTED_AT, "王芳")
    texts = page_texts(printed.path)
    assert printed.pages == len(texts) == 4
    for n, page in enumerate(texts, start=1):
        assert f"第 {n} 页 / 共 4 页" in page
        assert "金水区文化路日间照料中心" in page and "高龄津贴发放花名册 2026年11月" in page
        assert "序号 姓名 身份证号 金额" in page  # the header row, on every page the table reaches
        assert "打印：2026-11-22 09:30 王芳" in page
    assert "张秀兰1 " in texts[0] and "张秀兰120 " in texts[3]
    assert "合计" in texts[3] and "18,000" in texts[3]  # 60 × 100 + 60 × 200
    assert "制表人" in texts[3] and "负责人签字" in texts[3]


def test_the_chinese_font_is_embedded_and_the_page_is_not_blank(tmp_path: Path) -> None:
    printed = render_listing(roster(3), tmp_path / "r.pdf", find_font(), PRINTED_AT, "王芳")
    assert_cjk_font_embedded(printed.path)
    assert ink_ratio(render_page(printed.path)) > 0.01


def test_a_mark_is_printed_on_every_page(tmp_path: Path) -> None:
    printed = render_listing(roster(80, mark="未审批（预览）"), tmp_path / "r.pdf", find_font(), PRINTED_AT, "王芳")
    assert printed.pages == 3
    assert all("未审批（预览）" in page for page in page_texts(printed.path))


def test_an_empty_listing_says_so(tmp_path: Path) -> None:
    empty = roster(0, sections=(Section("", ()),))
    printed = render_listing(empty, tmp_path / "r.pdf", find_font(), PRINTED_AT, "王芳")
    assert printed.pages == 1
    assert "本月无服务记录" in page_texts(printed.path)[0]


def test_cancelling_leaves_no_file_behind(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"the old file")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(WorkCancelled, match="已停止打印"):
        render_listing(roster(200), target, find_font(), PRINTED_AT, "王芳", cancelled=cancelled)
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_progress_counts_up_to_the_whole(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    render_listing(
        roster(40), tmp_path / "r.pdf", find_font(), PRINTED_AT, "王芳", progress=lambda d, t: seen.append((d, t))
    )
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_an_unwritable_target_is_refused_with_its_path(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError, match=r"无法写入 .*not-a-folder"):
        render_listing(roster(2), blocker / "r.pdf", find_font(), PRINTED_AT, "王芳")


def test_a_chosen_font_that_does_not_exist_is_named(tmp_path: Path) -> None:
    with pytest.raises(FontMissingError, match=r"打印字体：文件 .*nope\.ttf 不存在"):
        load_font(tmp_path / "nope.ttf")


def test_a_font_without_chinese_is_refused() -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        pytest.skip("DejaVu Sans is not installed on this machine")
    with pytest.raises(FontMissingError, match="缺少“张王李"):
        load_font(latin)


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "font.ttf"
    bogus.write_bytes(b"not a font at all")
    with pytest.raises(FontMissingError, match="无法嵌入"):
        load_font(bogus)


def test_no_font_on_the_machine_says_how_to_fix_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    monkeypatch.setattr(fonts, "candidates", lambda: [tmp_path / "wqy-zenhei.ttc"])
    with pytest.raises(FontMissingError) as refused:
        find_font()
    message = str(refused.value)
    assert "找不到可用于打印的中文字体" in message and "wqy-zenhei.ttc" in message
    assert "sudo apt-get install fonts-wqy-zenhei" in message and "设置 › 打印" in message


def test_the_font_named_in_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    zenhei = find_font().path
    monkeypatch.setenv(fonts.ENV_FONT, str(zenhei))
    monkeypatch.setattr(fonts, "candidates", lambda: [])
    assert find_font().path == zenhei


def test_a_bad_font_choice_keeps_the_old_one(center: CareCenter, tmp_path: Path) -> None:
    before = center.reports.font()
    with pytest.raises(FontMissingError):
        center.reports.use_font(tmp_path / "missing.ttc")
    assert center.reports.font() == before


def test_the_xlsx_holds_the_same_rows(tmp_path: Path) -> None:
    path = write_listing_xlsx(roster(3), tmp_path / "r.xlsx", PRINTED_AT)
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "高龄津贴发放花名册"
    header = rows.index(("序号", "姓名", "身份证号", "金额"))
    assert rows[header + 1] == (1, "张秀兰1", "410105********0420", 100)
    assert rows[header + 4] == ("合计", None, None, 400)


def test_a_listing_with_full_ids_is_recorded_when_printed(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    center.reports.print_listing(admin, roster(2), tmp_path / "masked.pdf")
    assert not [line for line in center.audit.lines(admin, AuditFilter()) if line.action == "print"]
    center.reports.print_listing(admin, roster(2, full_ids=True), tmp_path / "full.pdf")
    center.reports.export_listing(admin, roster(2, full_ids=True), tmp_path / "full.xlsx")
    lines = [line for line in center.audit.lines(admin, AuditFilter()) if line.action in ("print", "export")]
    assert len(lines) == 2
    assert all("高龄津贴发放花名册 2026年11月：2 行" in (line.after or "") for line in lines)
