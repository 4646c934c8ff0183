"""The lunar (农历) birth date of a senior, and whether the birthday is kept by the lunar calendar.

By default the month and day are converted from the ID's birth date and follow the ID
while it is typed. Many seniors of this generation have the lunar date printed on the
ID already, so one button takes the ID's month and day as they are; once the user
types a month or day by hand, changes to the ID no longer overwrite it.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from carecenter.domain import lunar
from carecenter.domain.lunar import LunarBirth
from carecenter.i18n import _
from ui.widgets.field_row import MUTED_COLOR


class Source(Enum):
    DERIVED = "derived"  # converted from the ID's solar birth date; follows the ID
    AS_IS = "as_is"  # the ID's month/day taken as lunar; follows the ID
    MANUAL = "manual"  # typed by hand; the ID no longer changes it


class LunarBirthEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._birth: dt.date | None = None
        self._source = Source.DERIVED
        self._quiet = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)

        self.celebrate = QCheckBox(_("Celebrates the lunar birthday"), self)
        self.celebrate.toggled.connect(self.changed)
        outer.addWidget(self.celebrate)

        line = QHBoxLayout()
        self.leap = QCheckBox(_("Leap month"), self)
        self.month = QSpinBox(self)
        self.month.setRange(0, 12)
        self.month.setSpecialValueText("—")
        self.month.setSuffix(_(" (month)"))
        self.month.setAccessibleName(_("Lunar month"))
        self.day = QSpinBox(self)
        self.day.setRange(0, 30)
        self.day.setSpecialValueText("—")
        self.day.setSuffix(_(" (day)"))
        self.day.setAccessibleName(_("Lunar day"))
        line.addWidget(QLabel(_("Lunar"), self))
        line.addWidget(self.leap)
        line.addWidget(self.month)
        line.addWidget(self.day)
        line.addStretch(1)
        outer.addLayout(line)
        for spin in (self.month, self.day):
            spin.valueChanged.connect(self._typed)
        self.leap.toggled.connect(self._typed)

        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet(f"color: {MUTED_COLOR};")
        outer.addWidget(self.source_label)

        buttons = QHBoxLayout()
        self.as_is_button = QPushButton(_("ID date is the lunar date"), self)
        self.as_is_button.setToolTip(_("Use the month and day printed on the ID as the lunar birth date"))
        self.as_is_button.clicked.connect(self.use_id_date_as_is)
        self.derive_button = QPushButton(_("Convert from birth date"), self)
        self.derive_button.setToolTip(_("Convert the ID's (solar) birth date to the lunar calendar"))
        self.derive_button.clicked.connect(self.use_converted)
        for button in (self.as_is_button, self.derive_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.setFocusProxy(self.month)
        self._refresh()

    # ---- public --------------------------------------------------------------------------

    @property
    def source(self) -> Source:
        return self._source

    def load(self, celebrates: bool, value: LunarBirth | None, birth: dt.date | None) -> None:
        """Show a stored value, recognising whether it is the converted or the as-is date."""
        self._birth = birth
        self.celebrate.setChecked(celebrates)
        if value is None or (birth is not None and value == lunar.lunar_of(birth)):
            self._source = Source.DERIVED
        elif birth is not None and value == lunar.as_is(birth):
            self._source = Source.AS_IS
        else:
            self._source = Source.MANUAL
            self._show(value)
        self._refresh()

    def set_birth_date(self, birth: dt.date | None) -> None:
        """The ID changed: follow it unless the lunar date was typed by hand."""
        if birth == self._birth:
            return
        self._birth = birth
        self._refresh()

    def use_id_date_as_is(self) -> None:
        if self._birth is not None:
            self._source = Source.AS_IS
            self._refresh()
            self.changed.emit()

    def use_converted(self) -> None:
        self._source = Source.DERIVED
        self._refresh()
        self.changed.emit()

    def celebrates(self) -> bool:
        return self.celebrate.isChecked()

    def value(self) -> LunarBirth | None:
        """None lets the core convert the ID's date; otherwise the month/day on screen."""
        if self._source is Source.DERIVED:
            return None
        return LunarBirth(self.month.value(), self.day.value(), self.leap.isChecked())

    def state(self) -> tuple[object, ...]:
        return (self.celebrate.isChecked(), self._source, self.month.value(), self.day.value(), self.leap.isChecked())

    def focus_chain(self) -> list[QWidget]:
        return [self.celebrate, self.leap, self.month, self.day, self.as_is_button, self.derive_button]

    # ---- internals -----------------------------------------------------------------------

    def _typed(self) -> None:
        if self._quiet:
            return
        self._source = Source.MANUAL
        self._refresh_labels()
        self.changed.emit()

    def _show(self, value: LunarBirth | None) -> None:
        self._quiet = True
        try:
            self.month.setValue(value.month if value else 0)
            self.day.setValue(value.day if value else 0)
            self.leap.setChecked(value.leap if value else False)
        finally:
            self._quiet = False

    def _refresh(self) -> None:
        if self._source is Source.DERIVED:
            self._show(lunar.lunar_of(self._birth) if self._birth else None)
        elif self._source is Source.AS_IS:
            self._show(lunar.as_is(self._birth) if self._birth else None)
        self._refresh_labels()

    def _refresh_labels(self) -> None:
        birth = self._birth
        if self._source is Source.MANUAL:
            text = _("Entered by hand; changing the ID will not change it.")
        elif birth is None:
            text = _("Filled in from the ID number once it is complete.")
        elif self._source is Source.AS_IS:
            text = _("Same month and day as on the ID ({date}).").format(date=birth.isoformat())
        else:
            text = _("Converted from the birth date {date}.").format(date=birth.isoformat())
        self.source_label.setText(text)
        self.as_is_button.setEnabled(birth is not None and self._source is not Source.AS_IS)
        self.derive_button.setEnabled(birth is not None and self._source is not Source.DERIVED)
