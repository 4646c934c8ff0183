"""Changing who is invited to a birthday party: 添加来宾 (pick a senior) and 移除来宾 (with a reason).

**添加来宾** searches the party's center the way the seniors page does (name, pinyin
initials, ID tail, phone, member number; the same search box and table): type, ↓ into
the list, Enter invites the chosen senior; a complete member number typed or scanned,
then Enter, invites that senior at once. Only 在册/暂停 seniors are listed. Someone
already invited (or removed, to be restored instead) is said under the search before
the core would refuse it.

**移除来宾** asks why (住院, 外出探亲 … or anything typed): a guest is never dropped
silently. The row stays at the end of the list, greyed, with the reason, and can be
restored. Without a reason the core refuses and the reason is shown under the field.

Both dialogs make their one core call themselves; ``saved`` holds the party as it now
is after success. UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import FIELD_LABELS, GuestInfo, PartyInfo
from carecenter.domain.months import month_label
from carecenter.errors import CareCenterError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import N_, _
from carecenter.seniors.search import is_member_no
from ui.pages import senior_table_model as cols
from ui.pages.senior_list_widgets import RowsFor, SearchBox, SeniorTable
from ui.pages.senior_table_model import SeniorTableModel
from ui.widgets.confirm import inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import (
    ERROR_COLOR,
    MUTED_COLOR,
    FieldRow,
    FieldRows,
    bold,
    ensure_readable_font,
    label_text,
    show_refusal,
)

# What the reason box offers; anything else can be typed.
COMMON_REASONS = (
    N_("In hospital"),
    N_("Away visiting family"),
    N_("Does not wish to attend"),
    N_("Unwell"),
)
# Seniors' columns the picker leaves out: the choice is by name, number, age and community.
_HIDDEN_COLUMNS = (cols.COL_PHONE, cols.COL_CATEGORIES, cols.COL_STATUS)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    bold(label, 1.3)
    return label


def _muted(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class AddGuestDialog(QDialog):
    """Invite one more senior of the party's center by hand (补充邀请); ``saved`` is the party afterwards."""

    def __init__(self, cc: CareCenter, actor: Actor, party: PartyInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._party = party
        self.saved: PartyInfo | None = None
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Add a guest"))

        heading = _heading(_("Invite a senior to the party of {month}").format(month=month_label(party.month)), self)
        hint = _muted(
            _(
                "Type a name, pinyin initials, the last digits of the ID number or the member number, "
                "then ↓ to choose and Enter to invite. Seniors with a birthday in another month can be invited too."
            ),
            self,
        )
        self.search_box = SearchBox(self)
        self.search_box.setPlaceholderText(_("Name, pinyin initials, last ID digits, phone or member no."))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(_(FIELD_LABELS["senior_id"]))
        self.search_box.setMinimumHeight(self.search_box.sizeHint().height() + 10)
        self.search_box.textChanged.connect(lambda _text: self.search())
        self.search_box.returnPressed.connect(self._on_return)
        self.search_box.move_down.connect(self._enter_table)
        self.search_row = FieldRow(self.search_box, self)

        self.model = SeniorTableModel(RowsFor(cc, actor))
        self.table = SeniorTable(self)
        self.table.configure(self.model, int(self.fontMetrics().height() * 1.9))
        for column in _HIDDEN_COLUMNS:
            self.table.setColumnHidden(column, True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.open_requested.connect(lambda: self.invite())
        self.table.doubleClicked.connect(lambda index: self.invite(self.model.senior_id(index.row())))
        self.table.back_to_search.connect(self._back_to_search)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_choice())

        box, self.invite_button, self.cancel_button = save_cancel(
            self, _("Invite"), _("Cancel"), lambda: self.invite(), self.reject, bold_save=True
        )
        self.invite_button.setDefault(False)  # Enter in the search box chooses, it does not invite the first row
        self.invite_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        self.search()
        self.resize(860, 560)
        self.search_box.setFocus()

    # ---- searching ------------------------------------------------------------------------

    def search(self) -> None:
        """The party center's 在册/暂停 seniors matching what is typed (nobody while nothing is)."""
        self.search_row.clear_error()
        text = self.search_box.text()
        ids = self._cc.seniors.search_ids(text, self._party.center_id) if text.strip() else []
        self.model.set_ids(ids)
        if ids:
            self.table.selectRow(0)
        self._show_choice()

    def chosen_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.senior_id(index.row()) if index.isValid() else None

    def _show_choice(self) -> None:
        """Under the search: whether the chosen senior is already on the list."""
        senior_id = self.chosen_id()
        guest = self._party.guest(senior_id) if senior_id is not None else None
        if guest is None:
            self.search_row.set_info("")
        elif guest.removed:
            self.search_row.set_info(
                _("{name} was removed from this party; restore them on the page").format(name=guest.name)
            )
        else:
            self.search_row.set_info(_("{name} is already invited").format(name=guest.name))
        self.invite_button.setEnabled(senior_id is not None)

    def _on_return(self) -> None:
        text = self.search_box.text()
        if is_member_no(text):
            senior_id = self._cc.seniors.id_by_member_no(text)
            if senior_id is None:
                self.search_row.set_error(_("No senior has member number {no}.").format(no=text.strip().upper()))
                return
            self.invite(senior_id)
            return
        if self.model.total() == 1:
            self.invite(self.model.senior_id(0))
        elif self.model.total() > 1:
            self._enter_table()

    def _enter_table(self) -> None:
        if self.model.total():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _back_to_search(self, text: str) -> None:
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        if text:
            self.search_box.insert(text)

    # ---- inviting -------------------------------------------------------------------------

    def invite(self, senior_id: int | None = None) -> bool:
        """邀请: add the senior (default: the chosen row) to the party; a refusal is shown under the search."""
        senior_id = senior_id if senior_id is not None else self.chosen_id()
        if senior_id is None:
            self.search_row.set_error(_("Choose a senior first."))
            return False
        try:
            self.saved = self._cc.birthdays.add_guest(self._party.id, senior_id, self._actor)
        except ValidationError as exc:
            self.search_row.set_error("\n".join(error.reason for error in exc.errors))
            self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except CareCenterError as exc:
            inform(self, _("Not invited"), str(exc), _("OK"))
            return False
        self.accept()
        return True


class RemoveGuestDialog(QDialog):
    """Take ``guest`` off the party, with the reason asked for; ``saved`` is the party afterwards."""

    def __init__(self, cc: CareCenter, actor: Actor, guest: GuestInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._guest = guest
        self.saved: PartyInfo | None = None
        self.rows = FieldRows()
        ensure_readable_font(self)
        self.setModal(True)
        self.setWindowTitle(_("Remove a guest"))

        heading = _heading(
            _("Remove {name} ({member_no}) from the party").format(name=guest.name, member_no=guest.member_no), self
        )
        hint = _muted(
            _("The guest stays at the end of the list, greyed, with the reason, and can be restored at any time."),
            self,
        )
        self.reason_combo = QComboBox(self)
        self.reason_combo.setEditable(True)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.addItems([_(reason) for reason in COMMON_REASONS])
        self.reason_combo.setCurrentIndex(-1)
        self.reason_combo.setMinimumContentsLength(20)
        line = self.reason_combo.lineEdit()
        assert line is not None
        self.reason_edit = line
        self.reason_edit.setPlaceholderText(_("Choose or type the reason"))
        self.reason_edit.textChanged.connect(lambda _text: self.rows["reason"].clear_error())
        row = FieldRow(self.reason_combo, self)
        self.rows["reason"] = row
        caption = QLabel(label_text(_(FIELD_LABELS["reason"]), required=True), self)
        caption.setBuddy(self.reason_combo)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.reason_combo.setAccessibleName(_(FIELD_LABELS["reason"]))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(caption, row)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.banner.hide()
        box, self.remove_button, self.cancel_button = save_cancel(
            self, _("Remove the guest"), _("Cancel"), self.remove, self.reject, bold_save=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(box)
        self.resize(620, 300)
        self.reason_combo.setFocus()

    def reason(self) -> str:
        return self.reason_combo.currentText()

    def error_for(self, field: str) -> str:
        return self.rows.error_for(field)

    def remove(self) -> bool:
        """移除: refused (no reason, or the guest is marked as attended), nothing changes and the dialog says why."""
        self.rows.clear_errors()
        self.banner.hide()
        try:
            self.saved = self._cc.birthdays.remove_guest(self._guest.id, self.reason(), self._actor)
        except ValidationError as exc:
            show_refusal(self.rows, self.banner, exc.errors, fallback=self.rows["reason"])
            return False
        except CareCenterError as exc:
            inform(self, _("Not removed"), str(exc), _("OK"))
            return False
        self.accept()
        return True


def saved_note(party: PartyInfo, senior_id: int) -> str:
    """What the page says after an add or a removal: the guest's name and how they stand now."""
    guest = party.guest(senior_id)
    if guest is None:
        return ""
    if guest.removed:
        return _("Removed {name} ({reason}).").format(name=guest.name, reason=guest.removed_reason)
    return _("Invited {name}.").format(name=guest.name)
