"""The line a desk page answers on: what was just done, in green; a warning in orange; a refusal in red.

Every front-desk page says the outcome of the last action in one bold line (✔ 张桂兰 08:31
签到, 已作废 …) so the person at the desk reads it without looking away from the search
line. Pages differ only in how the line sits: large under the search line, small beside
the buttons showing the page's keys while there is nothing to say, or hidden (taking no
room) until there is. UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, WARN_COLOR, bold


class StatusLine(QLabel):
    """A word-wrapped line for the page's last outcome.

    ``scale`` sizes the text (bold unless ``plain``); ``hint`` is shown in quiet grey while
    there is nothing to say (e.g. the page's keys); ``hide_when_empty`` hides the line while
    there is nothing to say (for a line without a hint); ``min_lines`` keeps room for a line
    of text so the page does not jump when the first message appears.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        name: str = "statusLine",
        scale: float = 1.0,
        plain: bool = False,
        hint: str = "",
        hide_when_empty: bool = False,
        min_lines: float = 0.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        if not plain:
            bold(self, scale)
        if min_lines:
            self.setMinimumHeight(int(self.fontMetrics().height() * min_lines))
        self._hint = hint
        self._hide_when_empty = hide_when_empty
        if hint:
            self.say("")
        elif hide_when_empty:
            self.hide()

    def say(self, text: str, ok: bool = True) -> None:
        """What was done (green), or with ``ok=False`` what was refused (red); '' says nothing."""
        self.say_in(text, INFO_COLOR if ok else ERROR_COLOR)

    def warn(self, text: str) -> None:
        """Done, but someone should know (orange)."""
        self.say_in(text, WARN_COLOR)

    def say_in(self, text: str, color: str) -> None:
        """``text`` in ``color``; '' shows the hint (or hides the line, or leaves it blank)."""
        if not text and self._hint:
            self.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
            self.setText(self._hint)
            return
        self.setStyleSheet(f"color: {color};")
        self.setText(text)
        if self._hide_when_empty:
            self.setVisible(bool(text))
