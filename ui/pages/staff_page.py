"""员工与账号: the center's staff, their logins, and what an admin does with them.

One table lists every staff member with their login beside them (用户名, 角色, and
whether it can log in: 正常 / 已停用 / 锁定至 09:15). The buttons act on the
selected row and only those that make sense for it are enabled. Keyboard first:
typing filters, ↓ moves into the table, Enter edits, Ctrl+N adds, Esc clears the
filter.

Every change goes through the core with the page's actor; the core checks the
role again, and its refusals are shown in its own words (under a field in the
dialogs, in a message box here). After each change the whole list is read again,
so what is shown is what is stored. Only administrators may change anything; other
roles see the list read-only (the main window normally shows this page to admins only).

Threading: every call is a short read or a one-row write on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from carecenter.actor import Actor
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui.pages import staff_table_model as cols
from ui.pages.senior_list_widgets import SearchBox
from ui.pages.staff_table_model import StaffRow, StaffTableModel, build_rows
from ui.widgets.confirm import confirm, inform
from ui.widgets.field_row import bold, ensure_readable_font

NOTICE_COLOR = "#1d5f99"


class _Dialog(Protocol):
    def exec(self) -> int: ...

    def deleteLater(self) -> None: ...


class StaffTable(QTableView):
    """The list: Enter edits; ↑ on the first row or Esc go back to the filter box."""

    open_requested = Signal()
    back_to_filter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return
        if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and self.currentIndex().row() <= 0):
            self.back_to_filter.emit()
            return
        super().keyPressEvent(event)


class StaffPage(QWidget):
    """The 员工与账号 page for ``actor`` (an admin; other roles get a read-only list)."""

    def __init__(self, cc: CareCenter, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.can_change = allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        self._all_rows: list[StaffRow] = []
        self.model = StaffTableModel()
        ensure_readable_font(self)
        self._build()
        self.refresh()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("Staff and accounts"), self)
        bold(self.title, 1.4)

        self.filter_box = SearchBox(self)
        self.filter_box.setPlaceholderText(_("Filter by name, username, phone, position or role"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumHeight(self.filter_box.sizeHint().height() + 10)
        self.filter_box.textChanged.connect(lambda _text: self._show_rows(self.current_staff_id()))
        self.filter_box.returnPressed.connect(self._enter_table)
        self.filter_box.move_down.connect(self._enter_table)

        self.add_button = self._button(_("Add staff member"), _("Add a staff member, with or without a login (Ctrl+N)"))
        self.add_button.clicked.connect(self.open_add)
        # A page-wide shortcut, not the button's own: that one "presses" the button for 100 ms first.
        add_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        add_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_shortcut.activated.connect(self.open_add)
        self.edit_button = self._button(_("Edit"), _("Change name, position, phone or center (Enter)"))
        self.edit_button.clicked.connect(self.open_edit)
        self.create_login_button = self._button(_("Create login"), _("Give this staff member a username and password"))
        self.create_login_button.clicked.connect(self.open_create_login)
        self.reset_button = self._button(_("Reset password"), _("Set a new password; also unlocks a locked account"))
        self.reset_button.clicked.connect(self.open_reset_password)
        self.account_button = self._button(_("Disable login"), "")
        self.account_button.clicked.connect(self.toggle_account)
        self.staff_button = self._button(_("Deactivate staff member"), "")
        self.staff_button.clicked.connect(self.toggle_staff)
        self.role_button = self._button(_("Role"), _("Front desk, social worker or administrator"))
        self.role_button.clicked.connect(self.open_role)
        self.write_buttons = (
            self.add_button,
            self.edit_button,
            self.create_login_button,
            self.reset_button,
            self.account_button,
            self.staff_button,
            self.role_button,
        )

        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {NOTICE_COLOR};")
        self.notice.hide()  # shown with the outcome of the last change
        self.count_label = QLabel(self)
        hint = _("Type to filter, ↓ to choose, Enter edits · Ctrl+N adds")
        if not self.can_change:
            hint = _("Only administrators can change staff and accounts.")
        self.hint = QLabel(hint, self)
        self.hint.setStyleSheet("color: #555;")

        self.table = StaffTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(cols.COL_CENTER, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_edit())
        self.table.open_requested.connect(self.open_edit)
        self.table.back_to_filter.connect(self._back_to_filter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())

        buttons = QHBoxLayout()
        for button in self.write_buttons:
            buttons.addWidget(button)
            button.setVisible(self.can_change)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.filter_box)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        return button

    # ---- listing -----------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Read staff and logins again; keep ``select_id`` selected if it is still listed."""
        self._all_rows = build_rows(self._cc.staff.list(), self._cc.accounts.list_accounts(), self._cc.centers.list())
        self._show_rows(select_id)

    def _show_rows(self, select_id: int | None) -> None:
        """The loaded rows that match the filter box (no database read: a center has tens of staff)."""
        query = self.filter_box.text()
        shown = [r for r in self._all_rows if r.matches(query)]
        self.model.set_rows(shown)
        self.count_label.setText(_("{n} of {total} staff members").format(n=len(shown), total=len(self._all_rows)))
        row = self.model.row_of(select_id) if select_id is not None else None
        if shown:
            self._select_row(row if row is not None else 0)
        self._update_buttons()

    def rows(self) -> list[StaffRow]:
        """The rows shown, top to bottom."""
        return [r for i in range(self.model.rowCount()) if (r := self.model.row(i)) is not None]

    def row_texts(self, name: str) -> tuple[str, ...]:
        """The cells of the first row whose name is ``name`` (as the user reads them)."""
        return next(r.texts() for r in self.rows() if r.staff.name == name)

    def current(self) -> StaffRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def current_staff_id(self) -> int | None:
        row = self.current()
        return row.staff.id if row else None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        row = self.current()
        account = row.account if row else None
        active = row is not None and row.staff.active
        self.edit_button.setEnabled(row is not None)
        self.create_login_button.setEnabled(active and account is None)
        self.reset_button.setEnabled(account is not None)
        self.role_button.setEnabled(account is not None)
        self.account_button.setEnabled(account is not None and (active or not account.disabled))
        disabled = account is not None and account.disabled
        self.account_button.setText(_("Enable login") if disabled else _("Disable login"))
        self.account_button.setToolTip(
            _("Allow this login again") if disabled else _("Nobody can log in with it until it is enabled again")
        )
        self.staff_button.setEnabled(row is not None)
        self.staff_button.setText(
            _("Deactivate staff member") if row is None or active else _("Re-activate staff member")
        )
        self.staff_button.setToolTip(
            _("Left the center: their login is disabled too; past records keep their name")
            if row is None or active
            else _("Works here again; their login stays disabled until enabled")
        )

    def _enter_table(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self._select_row(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _back_to_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.filter_box.selectAll()

    # ---- actions -----------------------------------------------------------------------

    def open_add(self) -> None:
        """新增员工 (Ctrl+N)."""
        from ui.dialogs.staff_dialog import StaffDialog  # loaded on first use: faster start

        if self.can_change:
            dialog = StaffDialog(self._cc, self._actor, parent=self)
            if self._run(dialog) and dialog.saved is not None:
                self._done(dialog.saved.id, _("Saved: {name}").format(name=dialog.saved.name))

    def open_edit(self) -> None:
        """编辑 the selected staff member (Enter or double-click)."""
        from ui.dialogs.staff_dialog import StaffDialog

        row = self.current()
        if self.can_change and row is not None:
            dialog = StaffDialog(self._cc, self._actor, row.staff.id, parent=self)
            if self._run(dialog) and dialog.saved is not None:
                self._done(dialog.saved.id, _("Saved: {name}").format(name=dialog.saved.name))

    def open_create_login(self) -> None:
        """创建登录账号 for the selected staff member, who has none yet."""
        from ui.dialogs.staff_dialog import CreateAccountDialog

        row = self.current()
        if self.can_change and row is not None and row.account is None:
            dialog = CreateAccountDialog(self._cc, self._actor, row.staff.id, parent=self)
            if self._run(dialog) and dialog.saved is not None:
                saved = dialog.saved
                text = _("{name} can now log in as {username} ({role}).").format(
                    name=saved.staff_name, username=saved.username, role=saved.role.label
                )
                self._done(row.staff.id, text)

    def open_reset_password(self) -> None:
        """重置密码 of the selected staff member's login."""
        from ui.dialogs.reset_password_dialog import ResetPasswordDialog

        row = self.current()
        if self.can_change and row is not None and row.account is not None:
            dialog = ResetPasswordDialog(self._cc, self._actor, row.account, parent=self)
            if self._run(dialog) and dialog.done_for is not None:
                self._done(row.staff.id, _("New password set for {username}.").format(username=dialog.done_for))

    def open_role(self) -> None:
        """角色 of the selected staff member's login."""
        from ui.dialogs.role_dialog import RoleDialog

        row = self.current()
        if self.can_change and row is not None and row.account is not None:
            dialog = RoleDialog(self._cc, self._actor, row.account, parent=self)
            if self._run(dialog) and dialog.saved is not None:
                text = _("{username} is now: {role}").format(
                    username=dialog.saved.username, role=dialog.saved.role.label
                )
                self._done(row.staff.id, text)

    def toggle_account(self) -> None:
        """停用账号 (after asking) or 启用账号 for the selected login."""
        row = self.current()
        if not self.can_change or row is None or row.account is None:
            return
        account = row.account
        if account.disabled:
            self._act(
                row, lambda: self._cc.accounts.enable(self._actor, account.username), _("Login {username} enabled.")
            )
            return
        if confirm(
            self,
            _("Disable login"),
            _("Disable the login {username} of {name}? Nobody can log in with it until it is enabled again.").format(
                username=account.username, name=account.staff_name
            ),
            _("Disable login"),
            _("Cancel"),
            warning=True,
        ):
            self._act(
                row, lambda: self._cc.accounts.disable(self._actor, account.username), _("Login {username} disabled.")
            )

    def toggle_staff(self) -> None:
        """停用员工 or 启用员工 for the selected row, after asking."""
        row = self.current()
        if not self.can_change or row is None:
            return
        staff = row.staff
        if staff.active:
            question = _("Deactivate {name}? They no longer appear for new work; past records keep their name.")
            if row.account is not None and not row.account.disabled:
                question += "\n" + _("Their login {username} is disabled too.").format(username=row.account.username)
            title, yes, done = _("Deactivate staff member"), _("Deactivate"), _("{name} deactivated.")
        else:
            question = _("Re-activate {name}?")
            if row.account is not None:
                question += "\n" + _("Their login stays disabled until you enable it.")
            title, yes, done = _("Re-activate staff member"), _("Re-activate"), _("{name} re-activated.")
        if confirm(self, title, question.format(name=staff.name), yes, _("Cancel"), warning=staff.active):
            self._act(row, lambda: self._cc.staff.set_active(staff.id, not staff.active, self._actor), done)

    # ---- plumbing ----------------------------------------------------------------------

    def _act(self, row: StaffRow, call: Callable[[], object], done: str) -> None:
        """Run a one-step core write; show its refusal in a box, or the outcome in the notice line."""
        try:
            call()
        except CareCenterError as exc:
            inform(self, _("Not changed"), str(exc), _("OK"))
            self.refresh(row.staff.id)
            return
        username = row.account.username if row.account else ""
        self._done(row.staff.id, done.format(name=row.staff.name, username=username))

    def _run(self, dialog: _Dialog) -> bool:
        """Show ``dialog`` modally; True if it was accepted (it then saved something)."""
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            if isValid(dialog):
                dialog.deleteLater()
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _done(self, staff_id: int, text: str) -> None:
        """After a change: read everything again, keep the person selected (clearing a filter that hides them)."""
        self.refresh(staff_id)
        if self.current_staff_id() != staff_id and self.filter_box.text():
            self.filter_box.blockSignals(True)
            self.filter_box.clear()
            self.filter_box.blockSignals(False)
            self.refresh(staff_id)
        self.notice.setText(text)
        self.notice.show()

    def notice_text(self) -> str:
        return self.notice.text()
