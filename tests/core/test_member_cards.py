"""Member cards: ten to an A4 sheet, codes a scanner reads, "new ones" remembered, the wrong seniors refused."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from carecenter.actor import Actor
from carecenter.audit import AuditFilter
from carecenter.domain.vocab import Status
from carecenter.errors import NotFoundError, ValidationError
from carecenter.facade import CareCenter
from carecenter.progress import WorkCancelled
from carecenter.reports.cards_pdf import BARCODE_BOX, PAGE_H, QR_BOX, barcode_width, card_rect
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id
from tests.pdf_helpers import assert_cjk_font_embedded, page_texts, render_page

SCALE = 3  # pixels per point: 216 dpi, a little under what an office printer gives
NAMES = ("张桂兰", "王秀英", "李秀英", "欧阳建国", "刘建国", "何淑英", "孙秀珍", "周志强", "赵德明", "吴敏", "郑春花")
RED = (200, 30, 30)


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 320), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _add(cc: CareCenter, actor: Actor, name: str, seq: int, photo: bytes | None = None) -> int:
    data = SeniorInput(
        name=name, id_number=an_id(dt.date(1945, 3, 1), seq), registered_on=dt.date(2026, 1, 5), photo=photo
    )
    return cc.seniors.create(data, actor).id


@pytest.fixture
def eleven(center: CareCenter, admin: Actor) -> list[int]:
    """Eleven seniors, M000001 … M000011 in the order of NAMES; 张桂兰 (the first) has a red photo."""
    return [_add(center, admin, name, 2 * i + 1, _png(RED) if i == 0 else None) for i, name in enumerate(NAMES)]


def _center_id(cc: CareCenter) -> int:
    return cc.centers.by_code("C001").id


def _crop(page: Image.Image, card: int, box: tuple[float, float, float, float]) -> Image.Image:
    """The part of the rendered page where ``box`` (x, y, w, h on the card, points) of card ``card`` lies."""
    cx, cy, _w, _h = card_rect(card)
    x, y, w, h = box
    left, top = (cx + x) * SCALE, (PAGE_H - (cy + y + h)) * SCALE
    return page.crop((int(left), int(top), int(left + w * SCALE), int(top + h * SCALE)))


def _decoded(image: Image.Image) -> list[tuple[str, str]]:
    return [(r.format.name, r.text) for r in zxingcpp.read_barcodes(image)]


def test_eleven_cards_make_two_sheets_with_names_and_readable_codes(
    center: CareCenter, front_desk: Actor, eleven: list[int], tmp_path: Path
) -> None:
    printed = center.reports.cards.print(front_desk, _center_id(center), tmp_path / "cards.pdf")
    assert printed.pages == 2
    texts = page_texts(printed.path)
    for name in NAMES[:10]:
        assert name in texts[0]
    assert NAMES[10] in texts[1] and NAMES[0] not in texts[1]
    assert texts[0].count("文化路日间照料中心") == 11  # on every card and in the page header
    assert "M000001" in texts[0] and "M000010" in texts[0] and "M000011" in texts[1]
    assert texts[0].count("会员号") == 10 and texts[0].count("服务电话 0371-63912345") == 10
    assert texts[0].count("照片") == 9  # a space to glue a photo on every card but 张桂兰's
    assert "第 1 页 / 共 2 页" in texts[0]
    assert_cjk_font_embedded(printed.path)

    first = render_page(printed.path, 0, scale=SCALE)
    for card, number in ((0, "M000001"), (1, "M000002"), (9, "M000010")):
        assert _decoded(_crop(first, card, QR_BOX)) == [("QRCode", number)]
        bars = (BARCODE_BOX[0], BARCODE_BOX[1], barcode_width(number), BARCODE_BOX[3])
        assert _decoded(_crop(first, card, bars)) == [("Code128", number)]
    second = render_page(printed.path, 1, scale=SCALE)
    assert _decoded(_crop(second, 0, QR_BOX)) == [("QRCode", "M000011")]

    # 张桂兰's photo fills her photo space; 王秀英's space is blank paper with its label.
    from carecenter.reports.cards_pdf import PHOTO_BOX

    x, y, w, h = PHOTO_BOX
    middle = (x + w / 2, y + h * 0.8, 1, 1)  # above the 照片 label
    assert _crop(first, 0, middle).getpixel((1, 1)) == RED
    assert _crop(first, 1, middle).getpixel((1, 1)) == (255, 255, 255)


def test_new_ones_are_those_never_printed(
    center: CareCenter, front_desk: Actor, admin: Actor, eleven: list[int], tmp_path: Path
) -> None:
    cid = _center_id(center)
    cards = center.reports.cards
    assert [h.member_no for h in cards.pending(front_desk, cid)] == [f"M{i:06d}" for i in range(1, 12)]
    center.seniors.change_status(eleven[1], Status.PAUSED, dt.date(2026, 11, 1), "住院", admin)  # 暂停 still gets one
    center.seniors.change_status(eleven[2], Status.WITHDRAWN, dt.date(2026, 11, 1), "搬走", admin)
    center.seniors.change_status(eleven[3], Status.DECEASED, dt.date(2026, 11, 2), "病故", admin)
    pending = cards.pending(front_desk, cid)
    assert [h.name for h in pending][:3] == ["张桂兰", "王秀英", "刘建国"] and len(pending) == 9
    assert pending[1].status is Status.PAUSED and pending[1].card_printed_on is None

    first = cards.print(front_desk, cid, tmp_path / "first.pdf")
    assert first.pages == 1 and "王秀英" in page_texts(first.path)[0]
    assert "李秀英" not in page_texts(first.path)[0] and "欧阳建国" not in page_texts(first.path)[0]
    assert cards.pending(front_desk, cid) == []
    marked = center.audit.lines(admin, AuditFilter(), newest_first=False)
    printed_on = {(line.senior_name, line.after, line.actor) for line in marked if line.field == "card_printed_on"}
    assert printed_on == {(h.name, "2026-11-22", "test-desk") for h in pending}

    newcomer = _add(center, admin, "钱淑珍", 99)
    assert [h.senior_id for h in cards.pending(front_desk, cid)] == [newcomer]
    second = cards.print(front_desk, cid, tmp_path / "second.pdf")
    text = page_texts(second.path)[0]
    assert "钱淑珍" in text and "张桂兰" not in text
    assert cards.pending(front_desk, cid) == []


def test_chosen_seniors_are_printed_again_in_the_order_given(
    center: CareCenter, front_desk: Actor, eleven: list[int], tmp_path: Path
) -> None:
    cid = _center_id(center)
    center.reports.cards.print(front_desk, cid, tmp_path / "all.pdf")
    again = center.reports.cards.print(front_desk, cid, tmp_path / "lost.pdf", [eleven[4], eleven[0], eleven[4]])
    assert again.pages == 1
    page = render_page(again.path, 0, scale=SCALE)
    assert _decoded(_crop(page, 0, QR_BOX)) == [("QRCode", "M000005")]
    assert _decoded(_crop(page, 1, QR_BOX)) == [("QRCode", "M000001")]
    assert _decoded(_crop(page, 2, QR_BOX)) == []  # each senior once


def test_refusals_write_nothing_and_mark_nobody(
    center: CareCenter, front_desk: Actor, admin: Actor, eleven: list[int], tmp_path: Path
) -> None:
    cid = _center_id(center)
    cards = center.reports.cards
    center.seniors.change_status(eleven[2], Status.WITHDRAWN, dt.date(2026, 11, 1), "搬走", admin)
    center.seniors.change_status(eleven[3], Status.DECEASED, dt.date(2026, 11, 2), "病故", admin)
    target = tmp_path / "cards.pdf"

    with pytest.raises(ValidationError) as gone:
        cards.print(front_desk, cid, target, [eleven[0], eleven[2], eleven[3]])
    assert str(gone.value) == "会员卡：李秀英（退出）、欧阳建国（去世）：已退出或去世的老人不能制卡"

    with pytest.raises(NotFoundError, match="找不到编号为 99999 的老人记录"):
        cards.print(front_desk, cid, target, [eleven[0], 99999])
    with pytest.raises(ValidationError, match="会员卡："):
        cards.print(front_desk, cid, target, [])

    other = center.centers.create("黄河路日间照料中心", admin, code="C002")
    with pytest.raises(ValidationError) as elsewhere:
        cards.print(front_desk, other.id, target, [eleven[0]])
    assert str(elsewhere.value) == "会员卡：张桂兰（M000001） 不属于黄河路日间照料中心"
    with pytest.raises(ValidationError) as nobody:
        cards.print(front_desk, other.id, target)
    assert str(nobody.value) == "会员卡：没有需要制卡的老人"
    with pytest.raises(NotFoundError):
        cards.pending(front_desk, 999)

    with pytest.raises(WorkCancelled):
        cards.print(front_desk, cid, target, cancelled=lambda: True)
    assert not target.exists()
    assert len(cards.pending(front_desk, cid)) == 9  # nobody was marked as having a card


def test_a_photo_that_cannot_be_read_leaves_the_photo_space(
    center: CareCenter, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from carecenter.reports import cards_pdf

    sid = _add(center, admin, "张桂兰", 1, _png(RED))
    monkeypatch.setattr(cards_pdf.Image, "open", _broken)
    printed = center.reports.cards.print(admin, _center_id(center), tmp_path / "c.pdf", [sid])
    assert "照片" in page_texts(printed.path)[0]


def _broken(*_args: object, **_kwargs: object) -> Image.Image:
    raise OSError("cannot identify image file")
