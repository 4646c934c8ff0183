"""The scored items of one instrument, grouped by part: one row of radio buttons per item.

Built entirely from the instrument's data (:mod:`carecenter.care.instruments`), so a
center's local form appears here without any code. Each item's scores are an exclusive
group of radio buttons, best score first as on the paper form; nothing is chosen at the
start, because an unscored item must be a decision, not a default.

Keyboard: Tab moves from item to item; ← → move along an item's scores and Space chooses
(once an item has a score, the arrows change it directly); a digit key
on an item chooses that score (when the item allows it) and moves on to the next item,
so a social worker reading from the paper form types "4 4 3 …" straight through.

UI thread only; ``changed`` fires whenever a score is chosen.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carecenter.care.assessments import score_field
from carecenter.care.instruments import Instrument, Item
from carecenter.errors import FieldError
from carecenter.i18n import _
from ui.widgets.field_row import FieldRow, bold


class ItemsForm(QWidget):
    """Every item of ``instrument`` with its allowed scores; ``scores()`` is what is chosen so far."""

    changed = Signal()

    def __init__(self, instrument: Instrument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.rows: dict[str, FieldRow] = {}  # item code -> its row (message under the buttons)
        self.groups: dict[str, QButtonGroup] = {}
        self._buttons: dict[str, list[QRadioButton]] = {}
        self._order: list[str] = [item.code for item in instrument.items]
        # one caption width for every part, so the score buttons line up down the whole form
        self._caption_width = max(self.fontMetrics().horizontalAdvance(item.label) for item in instrument.items) + 12
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part_msgid, items in instrument.parts():
            layout.addWidget(self._part(_(part_msgid), items))
        layout.addStretch(1)

    def _part(self, title: str, items: list[Item]) -> QGroupBox:
        most = sum(item.max_score for item in items)
        box = QGroupBox(_("{part} (at most {n} points)").format(part=title, n=most), self)
        bold(box)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        for row, item in enumerate(items):
            caption = QLabel(item.label, box)
            caption.setFont(self.font())
            caption.setMinimumWidth(self._caption_width)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            field_row = FieldRow(self._buttons_for(item, box), box)
            field_row.setFont(self.font())
            grid.addWidget(field_row, row, 1)
            caption.setBuddy(self._buttons[item.code][0])
            self.rows[item.code] = field_row
        return box

    def _buttons_for(self, item: Item, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(18)
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons = []
        for score in item.scores:
            button = QRadioButton(str(score), holder)
            button.setFont(self.font())
            button.setAccessibleName(_("{item}: {score} points").format(item=item.label, score=score))
            button.installEventFilter(self)
            group.addButton(button, score)
            line.addWidget(button)
            buttons.append(button)
        line.addStretch(1)
        group.idToggled.connect(lambda _score, on, code=item.code: self._toggled(code, on))
        self.groups[item.code] = group
        self._buttons[item.code] = buttons
        return holder

    # ---- values --------------------------------------------------------------------------

    def scores(self) -> dict[str, int]:
        """Item code -> chosen score, for the items scored so far."""
        return {code: group.checkedId() for code, group in self.groups.items() if group.checkedId() >= 0}

    def missing(self) -> list[str]:
        """Codes of the items not scored yet, in form order."""
        return [code for code in self._order if self.groups[code].checkedId() < 0]

    def button(self, code: str, score: int) -> QRadioButton:
        """The radio button that gives ``score`` to item ``code`` (tests click it)."""
        button = self.groups[code].button(score)
        if not isinstance(button, QRadioButton):
            raise KeyError(f"{code} has no score {score}")
        return button

    def set_score(self, code: str, score: int) -> None:
        self.button(code, score).setChecked(True)

    def first_button(self) -> QRadioButton:
        """Where Tab enters the items (the first item's checked or first button)."""
        return self._focus_target(self._order[0])

    def last_button(self) -> QRadioButton:
        return self._buttons[self._order[-1]][-1]

    def _focus_target(self, code: str) -> QRadioButton:
        checked = self.groups[code].checkedButton()
        return checked if isinstance(checked, QRadioButton) else self._buttons[code][0]

    # ---- behaviour -----------------------------------------------------------------------

    def _toggled(self, code: str, on: bool) -> None:
        if on:
            self.rows[code].clear_error()
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A digit key on an item's button chooses that score and moves to the next item; Tab into
        an item that has a score lands on the chosen button."""
        if not isinstance(watched, QAbstractButton):
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            code = self._code_of(watched)
            if code is not None and text.isdigit() and len(text) == 1:
                button = self.groups[code].button(int(text))
                if button is not None:
                    button.setChecked(True)
                    self._advance(code)
                    return True
        elif event.type() == QEvent.Type.FocusIn:
            assert isinstance(event, QFocusEvent)
            code = self._code_of(watched)
            checked = self.groups[code].checkedButton() if code is not None else None
            tabbing = event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
            if tabbing and checked is not None and checked is not watched:
                checked.setFocus(event.reason())
        return super().eventFilter(watched, event)

    def _code_of(self, button: QAbstractButton) -> str | None:
        return next((code for code, buttons in self._buttons.items() if button in buttons), None)

    def _advance(self, code: str) -> None:
        index = self._order.index(code)
        if index + 1 < len(self._order):
            target = self._focus_target(self._order[index + 1])
            target.setFocus(Qt.FocusReason.TabFocusReason)
            _scroll_to(target)
        else:
            self.focusNextChild()

    # ---- errors --------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.clear_error()

    def show_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Put each item's reason under its buttons; returns the errors that are not about an item."""
        rest = []
        for error in errors:
            code = error.field.removeprefix("scores.")
            row = self.rows.get(code) if error.field == score_field(code) else None
            if row is None:
                rest.append(error)
            else:
                row.add_error(error.reason)
        return rest

    def first_error_row(self) -> FieldRow | None:
        return next((self.rows[code] for code in self._order if self.rows[code].error_text()), None)

    def error_for(self, code: str) -> str:
        row = self.rows.get(code)
        return row.error_text() if row is not None else ""


def _scroll_to(widget: QWidget) -> None:
    """Scroll the enclosing scroll area (if any) so ``widget`` shows, without moving the focus."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget, 40, 80)
