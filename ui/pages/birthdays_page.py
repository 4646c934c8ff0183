"""生日会: the month's birthday list and the center's monthly 集体生日会.

A month is chosen with ◀ ▶ (or PgUp/PgDn; 本月 goes back to the current month). While
the center has no party for that month, the page shows who celebrates in it (day,
name, age, 农历/公历, 整寿 in a warm colour, community) and a big 创建本月生日会
button; once the party exists, the page shows the party instead (:class:`PartyPanel`):
its guests, who came and what they were given. Below, the parties held so far;
choosing one goes to its month.

A party belongs to one center: with 全部站点 chosen in the main window, the page lists
every center's birthdays but asks to choose a center before any party work.
Administrators set here whether the center counts round birthdays by 虚岁.

Everything is read when the page comes into view, the month or the center changes, or
something was saved; each read is a few small queries on the UI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.birthdays.month_list import BirthdayRow
from carecenter.birthdays.parties_dto import PartySummary
from carecenter.clock import Clock
from carecenter.domain.months import first_day, month_label
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.dialogs.party_dialog import PartyDialog
from ui.pages.birthday_models import (
    COL_CENTER,
    COL_COMMUNITY,
    COL_PARTY_CENTER,
    COL_PARTY_PLACE,
    BirthdayListModel,
    PartiesModel,
    column_samples,
    party_samples,
)
from ui.pages.party_panel import PartyPanel, keys_hint
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold
from ui.widgets.month_page import MonthPage
from ui.widgets.record_table_model import setup_record_view

WARN_COLOR = "#a35200"


class BirthdaysPage(MonthPage):
    """The 生日会 page; ``set_center`` chooses the center (None: every center, list only)."""

    def __init__(
        self,
        cc: CareCenter,
        actor: Actor,
        center_id: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(cc, actor, center_id, clock, parent, month_scale=1.3)
        self._listed = 0
        self._parties: list[PartySummary] = []
        self.can_set_xusui = allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        self._build()

    # ---- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("Birthday parties"), self)
        bold(self.title, 1.4)
        self.chooser.month_changed.connect(lambda _month: self.refresh())
        self.chooser.bind_page_keys(self)
        self.xusui_check = QCheckBox(_("Count round birthdays by xusui"), self)
        self.xusui_check.setToolTip(
            _("By xusui a senior of 79 celebrates the 80th; otherwise round birthdays go by completed years")
        )
        self.xusui_check.toggled.connect(self.save_xusui)
        self.xusui_label = QLabel(self)
        self.xusui_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.center_notice = QLabel(
            _(
                "Choose a center at the top right to create or run a birthday party: a party belongs to one center. "
                "Below are the birthdays of every center."
            ),
            self,
        )
        self.center_notice.setObjectName("centerNotice")
        self.center_notice.setWordWrap(True)
        self.center_notice.setStyleSheet(f"color: {WARN_COLOR}; font-weight: bold;")
        self.notice = QLabel(self)
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)

        self.list_model = BirthdayListModel()
        self.list_table = QTableView(self)
        self.list_table.setModel(self.list_model)
        setup_record_view(self.list_table, column_samples(), 40)
        self.list_table.horizontalHeader().setSectionResizeMode(COL_COMMUNITY, QHeaderView.ResizeMode.Stretch)
        self.list_status = QLabel(self)
        self.list_status.setObjectName("listStatus")
        self.list_status.setWordWrap(True)
        bold(self.list_status, 1.1)
        self.create_button = QPushButton(self)
        self.create_button.setObjectName("createParty")
        self.create_button.setAutoDefault(False)
        bold(self.create_button, 1.15)
        self.create_button.clicked.connect(lambda: self.create_party())
        list_area = QWidget(self)
        list_layout = QVBoxLayout(list_area)
        list_layout.setContentsMargins(0, 0, 0, 0)
        status_row = QHBoxLayout()
        status_row.addWidget(self.list_status, 1)
        status_row.addWidget(self.create_button)
        list_layout.addLayout(status_row)
        list_layout.addWidget(self.list_table, 1)

        self.party_panel = PartyPanel(self._cc, self._actor, self)
        self.party_panel.changed.connect(lambda _party: self._read_parties())
        self.stack = QStackedWidget(self)
        self.stack.addWidget(list_area)
        self.stack.addWidget(self.party_panel)

        self.parties_model = PartiesModel()
        self.parties_table = QTableView(self)
        self.parties_table.setModel(self.parties_model)
        setup_record_view(self.parties_table, party_samples(), 40)
        self.parties_table.horizontalHeader().setSectionResizeMode(COL_PARTY_PLACE, QHeaderView.ResizeMode.Stretch)
        self.parties_table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._go_to(current.row()))
        self.parties_title = QLabel(_("Parties held"), self)
        bold(self.parties_title, 1.1)
        parties_area = QWidget(self)
        parties_layout = QVBoxLayout(parties_area)
        parties_layout.setContentsMargins(0, 6, 0, 0)
        parties_layout.addWidget(self.parties_title)
        parties_layout.addWidget(self.parties_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(parties_area)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        parties_area.setMinimumHeight(int(self.fontMetrics().height() * 6))

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(24)
        top.addWidget(self.chooser)
        top.addStretch(1)
        top.addWidget(self.xusui_check)
        top.addWidget(self.xusui_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.center_notice)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

    # ---- what is shown ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the month again: the center's party if there is one, else the month's birthday list."""
        month, center_id = self.month(), self._center_id
        try:
            party = self._cc.birthdays.for_month(center_id, month, self._actor) if center_id is not None else None
            rows = self._cc.birthdays.month_list(self._actor, month, center_id) if party is None else []
            center = next((c for c in self._cc.centers.list() if c.id == center_id), None)
        except CareCenterError as exc:  # busy or gone database: keep what is shown, say why
            self.say(str(exc), ok=False)
            return
        self.say("")
        self.center_notice.setVisible(center_id is None)
        self._show_xusui(None if center is None else center.count_xusui)
        if party is not None:
            if self.party_panel.party is None or self.party_panel.party.id != party.id:
                self.party_panel.say("")
            self.party_panel.show_party(party)
            self.stack.setCurrentWidget(self.party_panel)
            self.hint.setText(_("{keys} · PgUp/PgDn: change month").format(keys=keys_hint()))
        else:
            self.party_panel.party = None
            self._show_list(rows, month, center_name=center.name if center is not None else None)
            self.stack.setCurrentIndex(0)
            self.hint.setText(
                _(
                    "Each month the center celebrates the birthdays of the seniors aged 60 or more. PgUp/PgDn: change month."
                )
            )
        self._read_parties()

    def _show_list(self, rows: list[BirthdayRow], month: dt.date, center_name: str | None) -> None:
        self._listed = len(rows)
        self.list_model.set_records(rows)
        self.list_table.setColumnHidden(COL_CENTER, self._center_id is not None)
        label, n, m = month_label(month), len(rows), self.list_model.milestones()
        if center_name is None:  # every center: the list only
            count = (
                _("{n} seniors celebrate their birthday in {month}, {m} of them a round one.")
                if rows
                else _("Nobody on the list celebrates a birthday in {month}.")
            )
        else:
            count = (
                _("No party yet for {month}: {n} seniors celebrate their birthday, {m} of them a round one.")
                if rows
                else _("No party yet for {month}, and nobody on the list celebrates a birthday in it.")
            )
        self.list_status.setText(count.format(n=n, m=m, month=label))
        this_month = month == first_day(self._clock.today())
        self.create_button.setText(
            _("Create this month's party") if this_month else _("Create the party of {month}").format(month=label)
        )
        self.create_button.setVisible(center_name is not None)
        self.create_button.setMinimumHeight(self.create_button.sizeHint().height() + 12)

    def _read_parties(self) -> None:
        """The parties held (of the center, or of every center), the shown month's chosen."""
        try:
            self._parties = self._cc.birthdays.list(self._actor, self._center_id)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return
        with QSignalBlocker(self.parties_table.selectionModel()):
            self.parties_model.set_records(self._parties)
            self.parties_table.setColumnHidden(COL_PARTY_CENTER, self._center_id is not None)
            row = self.parties_model.row_of(self._center_id, self.month())
            if row is not None:
                self.parties_table.selectRow(row)
        self.parties_title.setText(_("Parties held ({n})").format(n=len(self._parties)))
        self.party_panel.places = self.places()

    def places(self) -> list[str]:
        """Places used before, most recent first (the party form suggests them)."""
        seen: dict[str, None] = {}
        for party in self._parties:
            if party.place and (self._center_id is None or party.center_id == self._center_id):
                seen.setdefault(party.place, None)
        return list(seen)

    def _go_to(self, row: int) -> None:
        party = self.parties_model.record(row)
        if party is not None:
            self.set_month(party.month)

    def listed_names(self) -> list[str]:
        """The names of the month's list, top to bottom (what the user reads)."""
        return [r.name for r in self.list_model.records()]

    def say(self, text: str, ok: bool = True) -> None:
        self.notice.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR};")
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # ---- the party -------------------------------------------------------------------------

    def create_party(self) -> bool:
        """创建本月生日会: the form; once saved the page shows the party with its guests."""
        if self._center_id is None:
            self.say(_("Choose a center first: a birthday party belongs to one center."), ok=False)
            return False
        center = next((c for c in self._cc.centers.list() if c.id == self._center_id), None)
        dialog = PartyDialog(
            self._cc,
            self._actor,
            self._center_id,
            self.month(),
            center_name=center.name if center is not None else "",
            listed=self._listed,
            places=self.places(),
            parent=self,
        )
        try:
            if dialog.exec() != PartyDialog.DialogCode.Accepted or dialog.saved is None:
                return False
            party = dialog.saved
        finally:
            dialog.deleteLater()
        self.refresh()
        self.party_panel.say(_("The party is created: {n} seniors invited.").format(n=party.invited))
        self.party_panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # ---- 虚岁 ------------------------------------------------------------------------------

    def _show_xusui(self, on: bool | None) -> None:
        """The center's custom: a tick box for administrators, a sentence for the others; nothing for all centers."""
        with QSignalBlocker(self.xusui_check):
            self.xusui_check.setChecked(bool(on))
        self.xusui_check.setVisible(on is not None and self.can_set_xusui)
        self.xusui_label.setVisible(on is not None and not self.can_set_xusui)
        self.xusui_label.setText(
            _("Round birthdays are counted by xusui here.") if on else _("Round birthdays are counted by full years.")
        )

    def save_xusui(self, on: bool) -> bool:
        """按虚岁计整寿: saved at once for the center; the list is read again (milestones move)."""
        if self._center_id is None or not self.can_set_xusui:
            return False
        try:
            self._cc.centers.set_count_xusui(self._center_id, on, self._actor)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return False
        self.refresh()
        self.say(
            _("Saved: this center counts round birthdays by xusui.")
            if on
            else _("Saved: this center counts round birthdays by full years.")
        )
        return True
