"""计划服务: the care-plan form's list of planned services, one card per service.

Each card holds one ``PlannedServiceInput``: the service type (active catalogue types;
a retired type already on the plan stays shown, marked, so saving says why it is
refused), when it happens (weekday boxes 周一 … 周日 *or* a number of times per month,
chosen by two radio buttons that follow whatever the user touches last), the assigned
staff member, its own dates (blank = the plan's) and a note. Every input sits in a
``FieldRow``, so the core's ``services.<i>.<field>`` refusals show under the input.
Cards are added with 添加服务 and removed with their own 删除 button; the numbers
("服务 1", "服务 2" …) follow the order, as the core's messages do.
UI thread only; the editor never writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from carecenter.care.catalogue import ServiceTypeInfo
from carecenter.care.plan_info import DAY_NAMES, WEEKDAYS, PlannedServiceInfo, PlannedServiceInput
from carecenter.care.plan_rules import MAX_TIMES_PER_MONTH, SERVICE_LABELS, service_error
from carecenter.errors import FieldError, ValidationError
from carecenter.i18n import _
from carecenter.staff import StaffInfo
from ui.widgets.date_edit import DateEdit, DateTextError
from ui.widgets.field_row import MUTED_COLOR, FieldRow, bold

NO_TYPE = 0  # no service chosen: the core refuses it with the other problems


class ServiceCard(QFrame):
    """One planned service; ``entry()`` reads it, ``rows`` maps field names to their FieldRow."""

    remove_requested = Signal(object)  # this card

    def __init__(
        self,
        today: dt.date,
        types: Sequence[ServiceTypeInfo],
        staff: Sequence[StaffInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("serviceCard")
        self.rows: dict[str, FieldRow] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)

        self.number_label = QLabel(self)
        bold(self.number_label, 1.1)
        grid.addWidget(self.number_label, 0, 0)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(_("Take this service out of the plan"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        grid.addWidget(self.remove_button, 0, 5)

        self.type_combo = QComboBox(self)
        self.type_combo.setPlaceholderText(_("Please choose a service"))
        for kind in types:
            self.type_combo.addItem(kind.display_name, kind.id)
        self.type_combo.setCurrentIndex(-1)
        self.type_combo.currentIndexChanged.connect(self._type_chosen)
        self._types = {t.id: t for t in types}
        self._place(grid, "service_type_id", self.type_combo, 1, 0)

        self.staff_combo = QComboBox(self)
        self.staff_combo.addItem(_("(not assigned)"), None)
        for member in staff:
            self.staff_combo.addItem(f"{member.name}（{member.position.label}）", member.id)
        self._place(grid, "staff_id", self.staff_combo, 1, 2, span=3)

        self._schedule(grid)

        self.start_edit = DateEdit(today, optional=True, parent=self)
        self.end_edit = DateEdit(today, optional=True, parent=self)
        for edit in (self.start_edit, self.end_edit):
            edit.line.setPlaceholderText(_("blank = as the plan"))
        self._place(grid, "start_on", self.start_edit, 3, 0)
        self._place(grid, "end_on", self.end_edit, 3, 2)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setPlaceholderText(_("optional, e.g. bathing at the center in winter"))
        self._place(grid, "notes", self.notes_edit, 4, 0, span=5)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        # touching an input takes its old message away
        self.staff_combo.currentIndexChanged.connect(self.rows["staff_id"].clear_error)
        self.start_edit.edited.connect(self.rows["start_on"].clear_error)
        self.end_edit.edited.connect(self.rows["end_on"].clear_error)
        self.notes_edit.textChanged.connect(self.rows["notes"].clear_error)
        for check in self.day_boxes.values():
            check.toggled.connect(self.rows["weekdays"].clear_error)
        self.times_spin.valueChanged.connect(self.rows["weekdays"].clear_error)

    def _place(self, grid: QGridLayout, field: str, widget: QWidget, row: int, column: int, span: int = 1) -> FieldRow:
        caption = QLabel(_(SERVICE_LABELS[field]), self)
        caption.setStyleSheet(f"color: {MUTED_COLOR};")
        caption.setBuddy(widget)
        widget.setAccessibleName(_(SERVICE_LABELS[field]))
        holder = FieldRow(widget, self)
        grid.addWidget(caption, row, column)
        grid.addWidget(holder, row, column + 1, 1, span)
        self.rows[field] = holder
        return holder

    def _schedule(self, grid: QGridLayout) -> None:
        """服务日: weekly on the ticked days, or N times a month (the radio follows what was touched)."""
        box = QWidget(self)
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        self.weekly_radio = QRadioButton(_("Weekly on"), box)
        self.monthly_radio = QRadioButton(_("Times per month"), box)
        group = QButtonGroup(box)
        group.addButton(self.weekly_radio)
        group.addButton(self.monthly_radio)
        self.weekly_radio.setChecked(True)
        line.addWidget(self.weekly_radio)
        self.day_boxes: dict[int, QCheckBox] = {}
        for day in WEEKDAYS:
            check = QCheckBox(_(DAY_NAMES[day]), box)
            check.toggled.connect(lambda _on: self.weekly_radio.setChecked(True))
            self.day_boxes[day] = check
            line.addWidget(check)
        line.addSpacing(18)
        line.addWidget(self.monthly_radio)
        self.times_spin = QSpinBox(box)
        self.times_spin.setRange(1, MAX_TIMES_PER_MONTH)
        self.times_spin.setValue(4)
        self.times_spin.setAccessibleName(_(SERVICE_LABELS["times_per_month"]))
        self.times_spin.valueChanged.connect(lambda _v: self.monthly_radio.setChecked(True))
        line.addWidget(self.times_spin)
        line.addStretch(1)
        caption = QLabel(_(SERVICE_LABELS["weekdays"]), self)
        caption.setStyleSheet(f"color: {MUTED_COLOR};")
        holder = FieldRow(box, self)
        grid.addWidget(caption, 2, 0)
        grid.addWidget(holder, 2, 1, 1, 5)
        self.rows["weekdays"] = holder
        self.rows["times_per_month"] = holder  # one line holds both ways of saying when

    def _type_chosen(self, _index: int) -> None:
        self.rows["service_type_id"].clear_error()
        kind = self._types.get(self.type_combo.currentData() or NO_TYPE)
        if kind is not None and kind.day_care:
            self.weekly_radio.setChecked(True)  # day care is expected on weekdays at the front desk

    # ---- values ------------------------------------------------------------------------

    def set_number(self, number: int) -> None:
        self.number_label.setText(_("Service {n}").format(n=number))

    def show_service(self, service: PlannedServiceInfo) -> None:
        """Fill the card from a stored service; a retired type or a departed staff member stays visible."""
        if self.type_combo.findData(service.service_type_id) < 0:
            self.type_combo.addItem(service.service_label, service.service_type_id)
        self.type_combo.setCurrentIndex(self.type_combo.findData(service.service_type_id))
        if service.staff_id is not None and self.staff_combo.findData(service.staff_id) < 0:
            self.staff_combo.addItem(
                _("{name} (no longer working here)").format(name=service.staff_name), service.staff_id
            )
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(service.staff_id)))
        for day, check in self.day_boxes.items():
            check.setChecked(day in service.weekdays)
        if service.times_per_month is not None:
            self.times_spin.setValue(service.times_per_month)
        (self.weekly_radio if service.weekdays or service.times_per_month is None else self.monthly_radio).setChecked(
            True
        )
        self.start_edit.set_date(service.start_on)
        self.end_edit.set_date(service.end_on)
        self.notes_edit.setText(service.notes)

    def choose(self, type_id: int, weekdays: Sequence[int] = (), times_per_month: int | None = None) -> None:
        """Pick a service and its days as a user would (the screenshots and tests use it)."""
        self.type_combo.setCurrentIndex(self.type_combo.findData(type_id))
        for day in weekdays:
            self.day_boxes[day].setChecked(True)
        if times_per_month is not None:
            self.times_spin.setValue(times_per_month)
            self.monthly_radio.setChecked(True)

    def entry(self, index: int) -> PlannedServiceInput:
        """The card as typed; ValidationError (``services.<index>.…``) when a date cannot be read."""
        problems: list[FieldError] = []
        dates: dict[str, dt.date | None] = {}
        for field, edit in (("start_on", self.start_edit), ("end_on", self.end_edit)):
            try:
                dates[field] = edit.date()
            except DateTextError as exc:
                problems.append(service_error(index, field, str(exc)))
        if problems:
            raise ValidationError(problems)
        weekly = self.weekly_radio.isChecked()
        type_id = self.type_combo.currentData() if self.type_combo.currentIndex() >= 0 else None
        return PlannedServiceInput(
            service_type_id=int(type_id) if type_id is not None else NO_TYPE,
            weekdays=frozenset(d for d, c in self.day_boxes.items() if c.isChecked()) if weekly else frozenset(),
            times_per_month=None if weekly else self.times_spin.value(),
            staff_id=self.staff_combo.currentData(),
            start_on=dates["start_on"],
            end_on=dates["end_on"],
            notes=self.notes_edit.text(),
        )

    def state(self) -> tuple[object, ...]:
        return (
            self.type_combo.currentIndex(),
            self.staff_combo.currentIndex(),
            tuple(c.isChecked() for c in self.day_boxes.values()),
            self.weekly_radio.isChecked(),
            self.times_spin.value(),
            self.start_edit.text(),
            self.end_edit.text(),
            self.notes_edit.text(),
        )


class PlannedServicesEditor(QWidget):
    """The cards and the 添加服务 button; ``services()`` → the plan's services in order."""

    def __init__(
        self,
        today: dt.date,
        types: Sequence[ServiceTypeInfo],
        staff: Sequence[StaffInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today, self._types, self._staff = today, list(types), list(staff)
        self.cards: list[ServiceCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout = QVBoxLayout()
        layout.addLayout(self._cards_layout)
        self.empty_label = QLabel(_("No services planned yet: add the first one."), self)
        self.empty_label.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.empty_label)
        # The form places the button (beside its 计划服务 heading); it adds a card and brings it into view.
        self.add_button = QPushButton(_("Add a service"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.setMinimumHeight(self.add_button.sizeHint().height() + 8)
        self.add_button.clicked.connect(self._add_and_show)

    def add_card(self) -> ServiceCard:
        card = ServiceCard(self._today, self._types, self._staff, self)
        card.remove_requested.connect(self.remove_card)
        self.cards.append(card)
        self._cards_layout.addWidget(card)
        self._renumber()
        return card

    def _add_and_show(self) -> None:
        """添加服务: a new card, scrolled into view, its service type focused for the keyboard."""
        card = self.add_card()
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            # Show the card and let the layouts make room for it now, not on the next turn of the event loop.
            card.show()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            parent.ensureWidgetVisible(card, 0, 20)
        card.type_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_card(self, card: ServiceCard) -> None:
        if card in self.cards:
            self.cards.remove(card)
            self._cards_layout.removeWidget(card)
            card.deleteLater()
            self._renumber()

    def set_services(self, services: Sequence[PlannedServiceInfo]) -> None:
        for card in list(self.cards):
            self.remove_card(card)
        for service in services:
            self.add_card().show_service(service)

    def _renumber(self) -> None:
        for number, card in enumerate(self.cards, start=1):
            card.set_number(number)
        self.empty_label.setVisible(not self.cards)

    def services(self) -> tuple[PlannedServiceInput, ...]:
        """Every card's service; ValidationError listing the dates that cannot be read."""
        found: list[PlannedServiceInput] = []
        problems: list[FieldError] = []
        for index, card in enumerate(self.cards):
            try:
                found.append(card.entry(index))
            except ValidationError as exc:
                problems.extend(exc.errors)
        if problems:
            raise ValidationError(problems)
        return tuple(found)

    def row_for(self, index: int, field: str) -> FieldRow | None:
        if 0 <= index < len(self.cards):
            return self.cards[index].rows.get(field)
        return None

    def clear_errors(self) -> None:
        for card in self.cards:
            for row in card.rows.values():
                row.clear_error()

    def state(self) -> tuple[object, ...]:
        return tuple(card.state() for card in self.cards)
