"""基本档案: the senior's record as the detail view shows it, with the doors to change it.

Read-only text (selectable, large) in groups: basic facts, phones and address,
emergency contacts, categories with their dates (expired periods marked), status with
its history, and the personal-data consent. Changing anything goes through the dialogs
staff already know (编辑档案, 变更状态, 同意书); after a save the section emits
``changed`` and the detail view reloads every section and its header.

:class:`InfoGroup` (a titled box of "label: value" lines) is shared with the other
read-only sections. UI thread only; each load is a few single-senior reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from carecenter.actor import Actor
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from carecenter.seniors.dto import CategoryPeriod, SeniorDetail
from ui.sections.base import Section
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold

WARN_COLOR = "#e65100"


class _SavingDialog(Protocol):
    """The edit and status dialogs: modal, ``saved`` set after a save."""

    saved: SeniorDetail | None

    def exec(self) -> int: ...

    def deleteLater(self) -> None: ...


class InfoGroup(QGroupBox):
    """A titled box of read-only "label: value" lines; ``values`` maps each key to its value label."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        bold(self)
        self._form = QFormLayout(self)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}

    def line(self, key: str, caption: str = "") -> QLabel:
        """Add a line (with ``caption``, or spanning the box without one); returns its value label."""
        value = QLabel(self)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = value.font()
        font.setBold(False)
        value.setFont(font)
        if caption:
            title = QLabel(caption, self)
            title.setFont(font)
            title.setStyleSheet(f"color: {MUTED_COLOR};")
            self._form.addRow(title, value)
        else:
            self._form.addRow(value)
        self.values[key] = value
        return value

    def set(self, key: str, text: str, color: str = "") -> None:
        """Show ``text`` on line ``key`` (a dash when empty), in ``color`` if given."""
        label = self.values[key]
        label.setText(text or "—")
        label.setStyleSheet(f"color: {color};" if color else "")


def action_button(text: str, tooltip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tooltip)
    button.setAutoDefault(False)
    button.setMinimumHeight(button.sizeHint().height() + 8)
    button.setMinimumWidth(button.sizeHint().width() + 24)
    return button


def scrolling(inner: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(inner)
    return area


def lay_out_groups(section: QWidget, buttons: QHBoxLayout, left: Sequence[QWidget], right: Sequence[QWidget]) -> None:
    """A section's usual page: its buttons on top, then two columns of groups that scroll together."""
    inner = QWidget(section)
    columns = QHBoxLayout(inner)
    for column_groups, stretch_after in ((left, True), (right, False)):
        column = QVBoxLayout()
        for group in column_groups:
            column.addWidget(group)
        column.addStretch(1)
        columns.addLayout(column, 1)
        if stretch_after:
            columns.addSpacing(12)
    layout = QVBoxLayout(section)
    layout.addLayout(buttons)
    layout.addWidget(scrolling(inner, section), 1)


def period_text(period: CategoryPeriod) -> str:
    if period.valid_from is None and period.valid_to is None:
        return period.category.label
    start = period.valid_from.isoformat() if period.valid_from else "…"
    end = period.valid_to.isoformat() if period.valid_to else "…"
    return f"{period.category.label}　{start} ~ {end}"


def birthday_text(detail: SeniorDetail) -> str:
    lunar: LunarBirth = detail.lunar_birth
    text = (
        _("Lunar calendar: month {m}, day {d}").format(m=lunar.month, d=lunar.day)
        if detail.lunar_birthday
        else _("Solar calendar: {date}").format(date=detail.birth_date.strftime("%m-%d"))
    )
    if detail.birthday_opt_out:
        text += _(" (not listed for birthday parties)")
    return text


class ProfileSection(Section):
    """Profile, contacts, categories with dates, status and consent; buttons open the usual dialogs."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(cc, actor, parent)
        self.detail: SeniorDetail | None = None
        self.edit_button = action_button(_("Edit record…"), _("Change the senior's details in the edit form"), self)
        self.status_button = action_button(
            _("Change status…"), _("Pause, withdraw or record a death, with the date"), self
        )
        self.consent_button = action_button(_("Consent form…"), _("See or record the personal-data consent"), self)
        self.edit_button.clicked.connect(self.open_edit)
        self.status_button.clicked.connect(self.open_status)
        self.consent_button.clicked.connect(self.open_consent)
        self.edit_button.setVisible(allowed(actor, Permission.EDIT_SENIOR_BASICS))
        self.status_button.setVisible(allowed(actor, Permission.EDIT_CATEGORIES_STATUS))
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.status_button, self.consent_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.basics = InfoGroup(_("Basic information"))
        for key, caption in (
            ("gender", _("Gender")),
            ("age", _("Age")),
            ("id_number", _("ID number")),
            ("residence", _("Household registration")),
            ("birthday", _("Birthday")),
            ("center", _("Center")),
            ("registered_on", _("Registration date")),
            ("notes", _("Notes")),
        ):
            self.basics.line(key, caption)
        self.reach = InfoGroup(_("Phone and address"))
        for key, caption in (("phones", _("Phones")), ("community", _("Community")), ("address", _("Address"))):
            self.reach.line(key, caption)
        self.contacts = InfoGroup(_("Emergency contacts"))
        self.contacts.line("contacts")
        self.categories = InfoGroup(_("Categories"))
        self.categories.line("categories")
        self.status = InfoGroup(_("Status"))
        self.status.line("status", _("Now"))
        self.status.line("history", _("History"))
        self.consent = InfoGroup(_("Personal-data consent"))
        self.consent.line("consent")

        lay_out_groups(
            self, buttons, (self.basics, self.reach), (self.contacts, self.categories, self.status, self.consent)
        )

    def title(self) -> str:
        return _("Profile")

    def text_of(self, group: str, key: str) -> str:
        """What line ``key`` of the group named ``group`` (basics, reach, …) shows (for tests)."""
        box = getattr(self, group)
        assert isinstance(box, InfoGroup)
        return box.values[key].text()

    def load(self, senior_id: int) -> None:
        from ui.dialogs.consent_dialog import state_text  # the consent dialog's own wording

        self.senior_id = senior_id
        detail = self.cc.seniors.get(senior_id, self.actor)
        self.detail = detail
        today = self.cc.clock.today()
        self.basics.set("gender", detail.gender.label)
        self.basics.set(
            "age", _("{age} years old (born {date})").format(age=detail.age, date=detail.birth_date.isoformat())
        )
        self.basics.set("id_number", detail.id_number)
        self.basics.set("residence", detail.residence.label)
        self.basics.set("birthday", birthday_text(detail))
        self.basics.set("center", detail.center_name)
        self.basics.set("registered_on", detail.registered_on.isoformat())
        self.basics.set("notes", detail.notes)
        self.reach.set("phones", "、".join(detail.phones))
        self.reach.set("community", detail.community)
        self.reach.set("address", detail.address)
        self.contacts.set(
            "contacts",
            "\n".join(
                f"{c.name}{f'（{c.relation}）' if c.relation else ''}　{c.phone}".strip() for c in detail.contacts
            ),
        )
        self.categories.set("categories", self._categories_text(detail.categories, today))
        color = "" if detail.status is Status.ACTIVE else WARN_COLOR
        self.status.set(
            "status",
            _("{status} (since {since})").format(status=detail.status.label, since=detail.status_since.isoformat()),
            color,
        )
        self.status.set(
            "history",
            "\n".join(
                " ".join(t for t in (h.effective_on.isoformat(), h.status.label, h.reason) if t)
                for h in reversed(detail.history)
            ),
        )
        current = self.cc.consent.current(senior_id, self.actor)
        consent_color = ERROR_COLOR if current is None else (INFO_COLOR if current.valid else WARN_COLOR)
        self.consent.set("consent", state_text(current), consent_color)
        self.status_button.setEnabled(detail.status is not Status.DECEASED)

    @staticmethod
    def _categories_text(periods: Sequence[CategoryPeriod], today: dt.date) -> str:
        """One line per period; a period that does not cover today says so (history, not a current category)."""
        return "\n".join(period_text(p) + ("" if p.valid_on(today) else _(" (not valid today)")) for p in periods)

    # ---- the usual dialogs -------------------------------------------------------------

    def open_edit(self) -> bool:
        """编辑档案: the senior form; True (and ``changed``) when it saved."""
        from ui.dialogs.senior_dialog import SeniorDialog  # loaded on first use, as on the seniors page

        target = self.senior_id
        return target is not None and self._run(lambda: SeniorDialog(self.cc, self.actor, target, parent=self))

    def open_status(self) -> bool:
        from ui.dialogs.status_dialog import StatusDialog

        target = self.senior_id
        if target is None or not allowed(self.actor, Permission.EDIT_CATEGORIES_STATUS):
            return False
        return self._run(lambda: StatusDialog(self.cc, self.actor, target, parent=self))

    def open_consent(self) -> bool:
        from ui.dialogs.consent_dialog import ConsentDialog

        if self.senior_id is None:
            return False
        dialog = ConsentDialog(self.cc, self.actor, self.senior_id, parent=self)
        try:
            dialog.exec()
            changed = dialog.changed
        finally:
            dialog.deleteLater()
        if changed:
            self.changed.emit()
        return changed

    def _run(self, make: Callable[[], _SavingDialog]) -> bool:
        """Show the dialog ``make`` builds; emit ``changed`` when it saved."""
        dialog = make()
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
        finally:
            if isValid(dialog):
                dialog.deleteLater()
        if accepted:
            self.changed.emit()
        return bool(accepted)
