"""设置 › 打印字体: which Chinese font file this PC's printouts embed.

By default the core finds one (WenQuanYi Zen Hei on Linux, Microsoft YaHei on Windows …).
A PC without one, or a center that wants another, chooses a .ttf/.ttc file here. The
choice is kept in this PC's settings (``Settings.report_font``; font files sit in
different places on different PCs) and applied to ``cc.reports`` at once. A file that
cannot be used is refused with the core's reason and the previous choice stays. The box
says which file is in use, or in red why there is none and how to fix it.

Looking the font up reads the font file (a fraction of a second), so the box does it
when first shown, not when the settings page is built. UI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from carecenter.i18n import _
from carecenter.reports.fonts import FontMissingError
from ui import settings_store
from ui.printing import apply_saved_font, font_problem
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR

if TYPE_CHECKING:
    from carecenter.reports.service import Reports


class PrintFontBox(QGroupBox):
    """打印字体: the font in use, 选择字体文件…, 使用本机字体."""

    def __init__(self, reports: Reports, settings_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("Print font"), parent)
        self._reports = reports
        self._path = settings_path
        self._shown_once = False
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self.font_label = QLabel(self)
        self.font_label.setObjectName("printFont")
        self.font_label.setWordWrap(True)
        self.font_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(_("Choose a font file…"), self)
        self.choose_button.setToolTip(_("A Chinese TrueType font (.ttf or .ttc), e.g. C:\\Windows\\Fonts\\msyh.ttc"))
        self.choose_button.clicked.connect(lambda: self.choose())
        self.default_button = QPushButton(_("Use the font found on this PC"), self)
        self.default_button.clicked.connect(lambda: self.use_default())
        for button in (self.choose_button, self.default_button):
            button.setStyleSheet("font-weight: normal;")
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(button.sizeHint().width() + 24)
        note = QLabel(
            _(
                "Printouts embed this font, so they look the same on any PC and printer. "
                "The choice is kept on this PC only."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.font_label)
        layout.addLayout(buttons)
        layout.addWidget(note)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.show_font()

    def saved(self) -> str:
        return settings_store.load(self._path).report_font

    def show_font(self) -> None:
        """Say which font printouts use, or in red why there is none."""
        saved = self.saved()
        self.default_button.setEnabled(bool(saved))
        problem = font_problem(self._reports)
        if problem is not None:
            self._show(_("The chosen font cannot be used: {problem}").format(problem=problem), ok=False)
            return
        try:
            font = self._reports.font()
        except FontMissingError as exc:
            self._show(str(exc), ok=False)
            return
        how = _("chosen on this PC") if saved else _("found on this PC")
        self._show(_("In use: {path} ({how})").format(path=font.path, how=how), ok=True)

    def text(self) -> str:
        """What the box says about the font (for tests)."""
        return self.font_label.text()

    def _show(self, text: str, ok: bool) -> None:
        self.font_label.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR}; font-weight: normal;")
        self.font_label.setText(text)

    def ask_font_file(self, start: Path) -> Path | None:
        """The file dialog (tests replace this method)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the print font"), str(start), _("TrueType fonts (*.ttf *.ttc *.TTF *.TTC)")
        )
        return Path(name) if name else None

    def choose(self) -> bool:
        """选择字体文件…: use the chosen file if the core accepts it, else keep the previous choice and say why."""
        previous = self.saved()
        start = Path(previous).parent if previous else _font_folder()
        chosen = self.ask_font_file(start)
        if chosen is None:
            return False
        problem = apply_saved_font(self._reports, str(chosen))
        if problem is not None:
            apply_saved_font(self._reports, previous)  # the refusal changed nothing
            self.show_font()
            self._show(_("Not changed: {problem}").format(problem=problem), ok=False)
            return False
        self._save(str(chosen))
        return True

    def use_default(self) -> None:
        """使用本机字体: forget the chosen file."""
        apply_saved_font(self._reports, "")
        self._save("")

    def _save(self, path: str) -> None:
        settings_store.save(settings_store.load(self._path).with_report_font(path), self._path)
        self.show_font()


def _font_folder() -> Path:
    """Where the font dialog opens first: the system's font folder."""
    import os
    import sys

    if sys.platform == "win32":
        return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    if sys.platform == "darwin":
        return Path("/System/Library/Fonts")
    return Path("/usr/share/fonts")
