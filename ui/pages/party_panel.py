"""One month's 集体生日会 on the 生日会 page: when and where, who is invited, who came, what they got.

The counts (邀请 N 人 · 到场 M 人) are in large type: they are what the director asks
for and what goes into the monthly report. The guest table is worked through at the
door: ↑/↓ to the guest, Space ticks 到场 (a click on the box does too), Enter or a
double-click types the 礼品 (suggesting the gifts given so far), Delete removes the
guest with a reason. Each change is saved at once, one core call; a refusal leaves
the row as it was and says why in red beside the buttons.

添加来宾, 移除, 恢复 open their dialogs or act on the chosen guest; 更新邀请名单 invites
whoever joined the month's list since the party was created (a new registration, a
corrected birth date) and says who; 导出Excel writes the list to print or hand to 民政;
打印邀请名单 and 打印签到表 open the printed lists in the print preview.
``changed`` carries the party after any change (the page updates the list of parties).
UI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import GuestInfo, PartyInfo
from carecenter.domain.months import month_text
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from ui.dialogs.guest_dialogs import AddGuestDialog, RemoveGuestDialog, saved_note
from ui.dialogs.import_wizard import documents_folder
from ui.dialogs.party_dialog import PartyDialog, weekday_name
from ui.pages.birthday_models import (
    COL_ATTENDED,
    COL_GIFT,
    COL_MEMBER_NO,
    COL_NOTE,
    GuestTableModel,
    guest_samples,
)
from ui.sections.profile_section import action_button
from ui.widgets.field_row import ERROR_COLOR, INFO_COLOR, MUTED_COLOR, bold
from ui.widgets.record_table_model import setup_record_view

if TYPE_CHECKING:
    from ui.printing import PrintJob

ModelIndex = QModelIndex | QPersistentModelIndex
COUNT_COLOR = "#1d5f99"


class GiftDelegate(QStyledItemDelegate):
    """The 礼品 cell's editor: a line that suggests the gifts already given at this party."""

    def __init__(self, model: GuestTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        completer = QCompleter(self._model.gifts(), editor)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        return editor


class GuestTable(QTableView):
    """The guests: Space ticks 到场, Enter types the 礼品, Delete asks to remove the guest."""

    toggle_requested = Signal()
    remove_requested = Signal()

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        setup_record_view(self, guest_samples(), 20)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        box = max(20, self.fontMetrics().height() - 4)
        self.setStyleSheet(f"QTableView::indicator {{ width: {box}px; height: {box}px; }}")
        header = self.horizontalHeader()
        header.resizeSection(COL_ATTENDED, max(header.sectionSize(COL_ATTENDED), box + 32))
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        # Room for 礼品 and 备注 at 1280 pixels: the name's tooltip and the export carry the member number.
        self.setColumnHidden(COL_MEMBER_NO, True)
        self.setWordWrap(True)  # a long reason for a removal reads in full on two lines (see fit_notes)

    def fit_notes(self) -> None:
        """Rows whose 备注 is longer than its column grow to show it whole; the others keep the standard height."""
        model = self.model()
        standard = self.verticalHeader().defaultSectionSize()
        width = self.columnWidth(COL_NOTE) - 12
        metrics = self.fontMetrics()
        for row in range(model.rowCount()):
            note = str(model.index(row, COL_NOTE).data() or "")
            if note and metrics.horizontalAdvance(note) > width:
                self.resizeRowToContents(row)
                self.setRowHeight(row, max(standard, self.rowHeight(row) + 8))
            elif self.rowHeight(row) != standard:
                self.setRowHeight(row, standard)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_notes()  # the 备注 column stretches with the window

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        index = self.currentIndex()
        if not editing and index.isValid():
            key = event.key()
            if key == Qt.Key.Key_Space:
                self.toggle_requested.emit()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                gift = index.siblingAtColumn(COL_GIFT)
                self.setCurrentIndex(gift)
                self.edit(gift)
                return
            if key == Qt.Key.Key_Delete:
                self.remove_requested.emit()
                return
        super().keyPressEvent(event)


def keys_hint() -> str:
    """How the guest table is worked with the keyboard (the page shows it above)."""
    return _("Space: attended · Enter or double-click: gift · Delete: remove the guest")


class PartyPanel(QWidget):
    """Shows one party (:meth:`show_party`) and does what its buttons say; ``places`` feeds the edit form."""

    changed = Signal(object)  # the PartyInfo after a change

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.party: PartyInfo | None = None
        self.places: list[str] = []
        self.print_job: PrintJob | None = None  # the last printout asked for (its preview, for tests)
        self.model = GuestTableModel(self._write_guest)
        self._build()

    def _build(self) -> None:
        self.details = QLabel(self)
        self.details.setObjectName("partyDetails")
        self.details.setWordWrap(True)
        bold(self.details, 1.1)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(f"color: {MUTED_COLOR};")
        self.edit_button = action_button(_("Edit…"), _("Change the date, place or notes"), self)
        self.edit_button.clicked.connect(lambda: self.edit_party())
        self.invited_label = QLabel(self)
        self.invited_label.setObjectName("invitedCount")
        self.attended_label = QLabel(self)
        self.attended_label.setObjectName("attendedCount")
        for label in (self.invited_label, self.attended_label):
            bold(label, 1.6)
            label.setStyleSheet(f"color: {COUNT_COLOR};")

        self.add_button = action_button(_("Add a guest…"), _("Invite a senior by hand"), self)
        self.add_button.clicked.connect(lambda: self.add_guest())
        bold(self.add_button)
        self.remove_button = action_button(_("Remove…"), _("Take the chosen guest off the list, with a reason"), self)
        self.remove_button.clicked.connect(lambda: self.remove_guest())
        self.restore_button = action_button(_("Restore"), _("Invite the chosen removed guest again"), self)
        self.restore_button.clicked.connect(lambda: self.restore_guest())
        self.refresh_button = action_button(
            _("Update the invitations"), _("Invite seniors who joined this month's birthday list since"), self
        )
        self.refresh_button.clicked.connect(lambda: self.refresh_invitations())
        self.export_button = action_button(_("Export to Excel…"), _("Save the guest list as an .xlsx file"), self)
        self.export_button.clicked.connect(lambda: self.export())
        self.print_invitations_button = action_button(
            _("Print invitations"), _("The invitation list on paper, previewed first"), self
        )
        self.print_invitations_button.clicked.connect(lambda: self.print_list(sign_in=False))
        self.print_sign_in_button = action_button(
            _("Print sign-in sheet"), _("A sheet the guests sign at the door, previewed first"), self
        )
        self.print_sign_in_button.clicked.connect(lambda: self.print_list(sign_in=True))
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = GuestTable(self.model, self)
        self.table.setItemDelegateForColumn(COL_GIFT, GiftDelegate(self.model, self.table))
        self.table.toggle_requested.connect(lambda: self.toggle_attended())
        self.table.remove_requested.connect(lambda: self.remove_guest())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())

        top = QHBoxLayout()
        about = QVBoxLayout()
        line = QHBoxLayout()
        line.addWidget(self.details, 1)
        line.addWidget(self.edit_button)
        about.addLayout(line)
        about.addWidget(self.notes)
        printing = QHBoxLayout()  # on paper: beside the party's details, not in the crowded row of list buttons
        printing.addWidget(self.print_invitations_button)
        printing.addWidget(self.print_sign_in_button)
        printing.addStretch(1)
        about.addLayout(printing)
        top.addLayout(about, 1)
        top.addSpacing(24)
        top.addWidget(self.invited_label)
        top.addSpacing(16)
        top.addWidget(self.attended_label)
        buttons = QHBoxLayout()
        for button in self.buttons():
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.notice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def buttons(self) -> list[QPushButton]:
        return [self.add_button, self.remove_button, self.restore_button, self.refresh_button, self.export_button]

    # ---- showing ---------------------------------------------------------------------------

    def show_party(self, party: PartyInfo, select_senior: int | None = None) -> None:
        """Show ``party``; keep the chosen guest (or ``select_senior``) chosen."""
        current = self.current_guest()
        keep = select_senior if select_senior is not None else (current.senior_id if current else None)
        row = self.table.currentIndex().row()
        self.party = party
        place = party.place or "—"
        self.details.setText(
            _("Date: {date} ({weekday})　Place: {place}").format(
                date=party.held_on.isoformat(), weekday=weekday_name(party.held_on), place=place
            )
        )
        self.notes.setText(_("Notes: {notes}").format(notes=" ".join(party.notes.split())) if party.notes else "")
        self.notes.setVisible(bool(party.notes))
        self.model.set_records(party.guests)
        self.table.fit_notes()
        self._show_counts()
        found = next((r for r, g in enumerate(party.guests) if g.senior_id == keep), None) if keep else None
        if party.guests:
            self._select(found if found is not None else min(max(row, 0), len(party.guests) - 1))
        self._update_buttons()

    def _show_counts(self) -> None:
        party = self.party
        if party is None:
            return
        self.invited_label.setText(_("Invited {n}").format(n=party.invited))
        self.attended_label.setText(_("Attended {n}").format(n=party.attended))

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def current_guest(self) -> GuestInfo | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def guest_row(self, name: str) -> int:
        """The row of the guest called ``name`` (for tests and the screenshots); -1 when not listed."""
        return next((row for row, g in enumerate(self.model.records()) if g.name == name), -1)

    def _update_buttons(self) -> None:
        guest = self.current_guest()
        self.remove_button.setEnabled(guest is not None and not guest.removed)
        self.restore_button.setEnabled(guest is not None and guest.removed)

    def say(self, text: str, ok: bool = True) -> None:
        """A line beside the buttons: what was done, or in red what went wrong."""
        self.notice.setStyleSheet(f"color: {INFO_COLOR if ok else ERROR_COLOR};")
        self.notice.setText(text)

    def _changed(self, party: PartyInfo, note: str, select_senior: int | None = None) -> None:
        self.show_party(party, select_senior)
        self.say(note)
        self.changed.emit(party)

    # ---- attendance and gifts ----------------------------------------------------------------

    def _write_guest(self, guest: GuestInfo, attended: bool, gift: str) -> PartyInfo | None:
        """The guest model's writer: one core call; a refusal is said and changes nothing."""
        try:
            party = self._cc.birthdays.set_attendance(guest.id, attended, gift, self._actor)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return None
        self.party = party
        self._show_counts()
        stored = party.guest(guest.senior_id)
        if stored is not None and stored.attended != guest.attended:
            note = _("{name} attended.") if stored.attended else _("{name}: no longer marked as attended.")
        else:
            note = _("{name}: gift saved.")
        self.say(note.format(name=guest.name))
        self.changed.emit(party)
        return party

    def toggle_attended(self, row: int | None = None) -> bool:
        """Space: tick or clear 到场 of the chosen guest (removed guests must be restored first)."""
        row = self.table.currentIndex().row() if row is None else row
        guest = self.model.record(row)
        if guest is None:
            return False
        if guest.removed:
            self.say(_("{name} was removed from this party; restore them first").format(name=guest.name), ok=False)
            return False
        return self.model.save(row, not guest.attended, guest.gift)

    # ---- the guest list ----------------------------------------------------------------------

    def edit_party(self) -> bool:
        party = self.party
        if party is None:
            return False
        dialog = PartyDialog(
            self._cc, self._actor, party.center_id, party.month, party, places=self.places, parent=self
        )
        try:
            if dialog.exec() != PartyDialog.DialogCode.Accepted or dialog.saved is None:
                return False
            self._changed(dialog.saved, _("Saved."))
            return True
        finally:
            dialog.deleteLater()

    def add_guest(self) -> bool:
        party = self.party
        if party is None:
            return False
        dialog = AddGuestDialog(self._cc, self._actor, party, parent=self)
        try:
            if dialog.exec() != AddGuestDialog.DialogCode.Accepted or dialog.saved is None:
                return False
            added = {g.senior_id for g in dialog.saved.guests} - {g.senior_id for g in party.guests}
            senior_id = next(iter(added), None)
            note = saved_note(dialog.saved, senior_id) if senior_id is not None else ""
            self._changed(dialog.saved, note, senior_id)
            return True
        finally:
            dialog.deleteLater()

    def remove_guest(self) -> bool:
        guest = self.current_guest()
        if guest is None or guest.removed:
            return False
        dialog = RemoveGuestDialog(self._cc, self._actor, guest, parent=self)
        try:
            if dialog.exec() != RemoveGuestDialog.DialogCode.Accepted or dialog.saved is None:
                return False
            self._changed(dialog.saved, saved_note(dialog.saved, guest.senior_id), guest.senior_id)
            return True
        finally:
            dialog.deleteLater()

    def restore_guest(self) -> bool:
        guest = self.current_guest()
        if guest is None or not guest.removed:
            return False
        try:
            party = self._cc.birthdays.restore_guest(guest.id, self._actor)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return False
        self._changed(party, _("{name} is invited again.").format(name=guest.name), guest.senior_id)
        return True

    def refresh_invitations(self) -> bool:
        """更新邀请名单: invite who joined the month's list since; say who (or that nobody did)."""
        if self.party is None:
            return False
        try:
            refreshed = self._cc.birthdays.refresh_invitations(self.party.id, self._actor)
        except CareCenterError as exc:
            self.say(str(exc), ok=False)
            return False
        if refreshed.added:
            names = _(", ").join(g.name for g in refreshed.added)
            note = _("Invited {n} more: {names}.").format(n=len(refreshed.added), names=names)
        else:
            note = _("Nobody new: everyone on this month's birthday list is already invited.")
        self._changed(refreshed.party, note)
        return bool(refreshed.added)

    # ---- export ------------------------------------------------------------------------------

    def default_export_path(self) -> Path:
        """生日会_2026-11.xlsx in the Documents folder."""
        month = month_text(self.party.month) if self.party is not None else ""
        return documents_folder() / _("Birthday party_{month}.xlsx").format(month=month)

    def ask_target(self, suggested: Path) -> Path | None:
        """The save dialog (tests replace this method)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the guest list as"), str(suggested), _("Excel workbooks (*.xlsx)")
        )
        return Path(name) if name else None

    def export(self) -> Path | None:
        """导出Excel: ask where, write the list, say where it went."""
        if self.party is None:
            return None
        target = self.ask_target(self.default_export_path())
        if target is None:
            return None
        target = target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")
        try:
            n = self._cc.birthdays.export_xlsx(self.party.id, target, self._actor)
        except (CareCenterError, OSError) as exc:
            self.say(_("Not exported: {error}").format(error=exc), ok=False)
            return None
        self.say(_("Exported {n} guests to {path}").format(n=n, path=target))
        return target

    # ---- print -------------------------------------------------------------------------------

    def print_list(self, sign_in: bool) -> PrintJob | None:
        """打印邀请名单 / 打印签到表: the party's list, rendered off the UI thread and previewed."""
        from ui.printing import preview_listing  # loaded on first use

        if self.party is None:
            return None
        lists, actor, party_id = self._cc.reports.lists, self._actor, self.party.id
        if sign_in:
            title = _("Birthday party sign-in sheet")
            self.print_job = preview_listing(
                self, self._cc.reports, actor, title, lambda: lists.birthday_sign_in(actor, party_id)
            )
        else:
            title = _("Birthday party invitations")
            self.print_job = preview_listing(
                self, self._cc.reports, actor, title, lambda: lists.birthday_invitations(actor, party_id)
            )
        return self.print_job
