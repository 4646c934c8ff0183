"""Reading back the PDFs the app writes: their text, their fonts, and their pages as images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image
from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of whitespace collapsed to one space."""
    reader = PdfReader(str(path))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def all_text(path: Path) -> str:
    return " ".join(page_texts(path))


@dataclass(frozen=True)
class FontUse:
    name: str
    subtype: str  # /TrueType, /Type0, /Type3, /Type1
    embedded: bool


def fonts(path: Path) -> list[FontUse]:
    """Every font a page of the file refers to, and whether its program is inside the file."""
    reader = PdfReader(str(path))
    seen: dict[str, FontUse] = {}
    for page in reader.pages:
        resources: Any = page.get("/Resources") or {}
        font_dict: Any = resources.get("/Font") or {}
        for ref in font_dict.values():
            font = ref.get_object()
            descriptor = _descriptor(font)
            embedded = descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            name = str(font.get("/BaseFont", ""))
            seen[name] = FontUse(name=name, subtype=str(font.get("/Subtype")), embedded=embedded)
    return list(seen.values())


def _descriptor(font: Any) -> Any:
    if "/FontDescriptor" in font:
        return font["/FontDescriptor"].get_object()
    for child in font.get("/DescendantFonts", []):
        child = child.get_object()
        if "/FontDescriptor" in child:
            return child["/FontDescriptor"].get_object()
    return None


def assert_cjk_font_embedded(path: Path) -> None:
    """The text is set in an embedded TrueType font: not Type 3, not a CID font left to the viewer."""
    used = fonts(path)
    cjk = [f for f in used if f.subtype == "/TrueType" and f.embedded]
    assert cjk, f"no embedded TrueType font in {path}: {used}"
    assert not [f for f in used if f.subtype in ("/Type3", "/Type0") and not f.embedded], used


def render_page(path: Path, index: int = 0, scale: float = 1.0) -> Image.Image:
    """One page as an RGB image on white (as it would print)."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = pdf[index].render(scale=scale, fill_color=(255, 255, 255, 255))
        return bitmap.to_pil().convert("RGB")
    finally:
        pdf.close()


def ink_ratio(image: Image.Image) -> float:
    """The share of pixels that are not near-white: 0 for a blank page."""
    grey = image.convert("L")
    histogram = grey.histogram()
    dark = sum(histogram[:200])
    return dark / (grey.width * grey.height)
