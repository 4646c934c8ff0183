"""The Chinese font every printout embeds: found on this PC, or the one chosen in settings.

ReportLab embeds TrueType outlines only (design.md): WenQuanYi Zen Hei on Linux, Microsoft
YaHei / SimHei / SimSun on Windows, the system's Hei or Songti on macOS all work and carry
Latin letters and digits too. Noto CJK (CFF outlines) is refused by ReportLab, and Droid Sans
Fallback has no digits, so every candidate is checked for Chinese, Latin and digits before it
is used. The built-in ``STSong-Light`` is never used: it is not embedded and prints blank in
some viewers. When nothing usable is found, :class:`FontMissingError` says what to install or
where to choose a font.

Registration with ReportLab is process-wide and happens once per font file, under a lock
because reports render on worker threads.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from carecenter.errors import CareCenterError
from carecenter.i18n import _

ENV_FONT = "CARECENTER_REPORT_FONT"
"""An environment variable naming a font file; beats the search, loses to an explicit choice."""

# Characters a report cannot do without: Chinese, Latin letters, digits, the signs in figures.
_REQUIRED = "张王李老人月日年元第页共ABCXabc0123456789%:-"

_LINUX = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
_WINDOWS_NAMES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simkai.ttf", "Deng.ttf")
_MAC = (
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
)

_lock = threading.Lock()
_registered: dict[tuple[str, int], str] = {}


class FontMissingError(CareCenterError):
    """No usable Chinese TrueType font: the message says what was tried and how to fix it."""


@dataclass(frozen=True)
class ReportFont:
    """A checked font file (``subfont`` picks the face inside a .ttc collection) and its ReportLab name."""

    path: Path
    subfont: int
    name: str


def candidates() -> list[Path]:
    """Where this platform usually keeps a Chinese TrueType font, most readable first."""
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [folder / name for folder in (windir, local) for name in _WINDOWS_NAMES]
    if sys.platform == "darwin":
        return [Path(p) for p in _MAC]
    return [Path(p) for p in _LINUX]


def find_font(chosen: Path | None = None) -> ReportFont:
    """The font to embed: ``chosen`` (settings or ``--font``), else $CARECENTER_REPORT_FONT, else the first usable candidate.

    A chosen font that cannot be used is an error, not a silent fallback: the user asked for it.
    """
    if chosen is not None:
        return load_font(chosen)
    from_env = os.environ.get(ENV_FONT, "").strip()
    if from_env:
        return load_font(Path(from_env))
    for path in candidates():
        if path.is_file():
            try:
                return load_font(path)
            except FontMissingError:
                continue
    raise FontMissingError(_no_font_message())


def load_font(path: Path) -> ReportFont:
    """Check and register one font file; FontMissingError names the file and what is wrong with it."""
    from reportlab.pdfbase import pdfmetrics  # ReportLab loads when the first printout is made, not at start-up
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    path = path.expanduser()
    if not path.is_file():
        raise FontMissingError(_("Print font: the file {path} does not exist.").format(path=path))
    key = (str(path.resolve()), 0)
    with _lock:
        name = _registered.get(key)
        if name is None:
            name = "CJK-" + hashlib.sha1(key[0].encode()).hexdigest()[:10]
            try:
                font = TTFont(name, str(path), subfontIndex=0)
            except (TTFError, OSError, ValueError, KeyError, IndexError) as e:
                raise FontMissingError(
                    _(
                        "Print font: {path} cannot be embedded ({reason}). Choose a TrueType font (.ttf or .ttc)."
                    ).format(path=path, reason=e)
                ) from e
            missing = [ch for ch in _REQUIRED if ord(ch) not in font.face.charToGlyph]
            if missing:
                raise FontMissingError(
                    _("Print font: {path} has no glyphs for {chars}; it would print blanks.").format(
                        path=path, chars="".join(missing[:8])
                    )
                )
            pdfmetrics.registerFont(font)
            _registered[key] = name
    return ReportFont(path=path, subfont=0, name=name)


def _no_font_message() -> str:
    if sys.platform == "win32":
        fix = _("Windows normally has Microsoft YaHei (msyh.ttc); choose a font in Settings › Printing.")
    elif sys.platform == "darwin":
        fix = _("Choose a Chinese TrueType font in Settings › Printing.")
    else:
        fix = _(
            "Install WenQuanYi Zen Hei (Debian/Ubuntu: sudo apt-get install fonts-wqy-zenhei) "
            "or choose a Chinese TrueType font in Settings › Printing."
        )
    tried = "、".join(str(p) for p in candidates())
    return _("No Chinese font to print with (looked for {tried}). {fix}").format(tried=tried, fix=fix)
