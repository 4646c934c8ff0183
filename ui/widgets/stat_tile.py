"""A big number with its title: one tile of the today page, a button that opens the list behind it.

Tiles are buttons so the keyboard reaches them (Tab, then Space/Enter) as well as the mouse.
The number is large enough to read from across the desk; ``alert`` turns the tile red for
what needs someone now (an urgent call, a backup at risk).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.field_row import bold

_NORMAL = "QPushButton#tile { background: #f4f7fa; border: 1px solid #c9d3dd; border-radius: 8px; text-align: left; }"
_NORMAL += "QPushButton#tile:focus { border: 2px solid #1d5f99; }"
_ALERT = "QPushButton#tile { background: #fdecea; border: 2px solid #b71c1c; border-radius: 8px; }"
_ALERT += "QPushButton#tile:focus { border: 3px solid #7f0000; }"


class StatTile(QPushButton):
    """Title on top, the value big in the middle, a line of detail under it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title_label = QLabel(title)
        bold(self.title_label, 1.2)
        self.value_label = QLabel("–")
        bold(self.value_label, 2.6)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        for label in (self.title_label, self.value_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setStyleSheet("background: transparent; border: none;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        self.setMinimumHeight(layout.sizeHint().height() + 12)
        self.set_alert(False)

    def set_value(self, value: str, detail: str = "", alert: bool = False) -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setAccessibleName(f"{self.title_label.text()} {value} {detail}".strip())
        self.set_alert(alert)

    def set_alert(self, alert: bool) -> None:
        self.setStyleSheet(_ALERT if alert else _NORMAL)
        self.value_label.setStyleSheet(
            f"background: transparent; border: none; color: {'#b71c1c' if alert else '#1d2b36'};"
        )

    def value(self) -> str:
        return self.value_label.text()

    def detail(self) -> str:
        return self.detail_label.text()
