"""The desk's search line: type initials, the last ID digits or a member number (or scan a card), press Enter.

Used by every front-desk task (check-in, meal serving, visits, calls). Results show
under the box as large one-line cards, best first; ↑/↓ move the highlight, Enter (or a
click) chooses it. A complete member number, as a card scanner types it, chooses that
senior at once: the scanner's own Enter then falls on an empty box and does nothing.

The search runs on the UI thread: ``cc.desk.find`` is one indexed query limited to a
handful of rows (the benchmark holds it at district scale), so it answers while typing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.desk.finder import DeskSenior
from carecenter.domain.vocab import Status
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.search import is_member_no
from ui.widgets.field_row import ERROR_COLOR, MUTED_COLOR, bold

FINDER_SCALE = 1.35  # the search line and its results: readable from arm's length


def card_line(card: DeskSenior) -> str:
    """One result as the desk reads it: name, member number, gender and age, ID tail, and anything unusual."""
    parts = [
        card.name,
        card.member_no,
        _("{gender} {age}").format(gender=card.gender.label, age=_("{n} years").format(n=card.age)),
        _("ID …{tail}").format(tail=card.id_tail),
    ]
    if card.community:
        parts.append(card.community)
    if card.status is not Status.ACTIVE:
        parts.append(f"【{card.status.label}】")
    if card.diet_flags:
        parts.append("、".join(flag.label for flag in card.diet_flags))
    return "   ".join(parts)


class FinderBox(QLineEdit):
    """The line itself: ↑/↓ and Enter go to the owner; Esc clears."""

    step = Signal(int)
    enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step.emit(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class SeniorFinder(QWidget):
    """Search box and result cards; ``chosen`` carries the :class:`DeskSenior` picked.

    After a choice the box empties and keeps the focus, ready for the next senior in the queue
    (``clear_on_choose=False`` keeps the text, for forms that pick one senior and go on).
    """

    chosen = Signal(object)  # DeskSenior

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        placeholder: str = "",
        clear_on_choose: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.cc = cc
        self.actor = actor
        self._center_id = center_id
        self._clear_on_choose = clear_on_choose
        self._cards: list[DeskSenior] = []

        self.box = FinderBox(self)
        self.box.setPlaceholderText(placeholder or _("Initials, last 4 ID digits or member no. — then Enter"))
        self.box.setClearButtonEnabled(True)
        bold(self.box, FINDER_SCALE)
        self.box.setMinimumHeight(self.box.sizeHint().height() + 12)
        self.box.textChanged.connect(self._search)
        self.box.step.connect(self._step)
        self.box.enter.connect(self.choose_current)
        self.setFocusProxy(self.box)

        self.results = QListWidget(self)
        font = self.results.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.results.setFont(font)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always stays in the box
        self.results.itemClicked.connect(lambda _item: self.choose_current())
        self.results.setVisible(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.results)
        layout.addWidget(self.message)

    # ---- the center ---------------------------------------------------------------------

    def set_center(self, center_id: int | None) -> None:
        self._center_id = center_id
        self._search(self.box.text())

    # ---- reading -------------------------------------------------------------------------

    def cards(self) -> list[DeskSenior]:
        """The results shown, best first."""
        return list(self._cards)

    def result_texts(self) -> list[str]:
        return [self.results.item(i).text() for i in range(self.results.count())]

    def _search(self, text: str) -> None:
        try:
            self._cards = self.cc.desk.find(text, self.actor, self._center_id)
        except CareCenterError as exc:
            self._cards = []
            self._say(str(exc), error=True)
        else:
            if text.strip() and not self._cards:
                self._say(_("Nobody found for “{q}”").format(q=text.strip()), error=True)
            else:
                self._say("")
        self.results.clear()
        for card in self._cards:
            item = QListWidgetItem(card_line(card))
            if card.ended:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.results.addItem(item)
        self.results.setVisible(bool(self._cards))
        if self._cards:
            self.results.setCurrentRow(0)
            rows = min(len(self._cards), 6)
            self.results.setFixedHeight(self.results.sizeHintForRow(0) * rows + 2 * self.results.frameWidth() + 4)
        if self._cards and is_member_no(text) and len(self._cards) == 1:
            self.choose_current()  # a scanned card: no Enter needed

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_COLOR if error else MUTED_COLOR};")
        self.message.setVisible(bool(text))

    # ---- choosing ------------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        if self._cards:
            row = max(0, min(len(self._cards) - 1, self.results.currentRow() + delta))
            self.results.setCurrentRow(row)

    def choose_current(self) -> None:
        """Choose the highlighted result (the best one unless ↑/↓ moved); nothing to choose does nothing."""
        row = self.results.currentRow()
        if not self._cards or row < 0:
            return
        card = self._cards[row]
        if self._clear_on_choose:
            self.box.blockSignals(True)
            self.box.clear()
            self.box.blockSignals(False)
            self._cards = []
            self.results.clear()
            self.results.setVisible(False)
        self.chosen.emit(card)
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Search again (a senior's status or diet may have changed)."""
        self._search(self.box.text())
