"""新增员工 / 编辑员工 / 创建登录账号: a staff member's details, and optionally their login.

A new staff member may get a login in the same step: the core saves the person and
the account in one transaction (``AccountService.add_user``), so a refused password
never leaves a half-made staff member behind. Staff who already work without a
login (a cook, a volunteer) get one later with ``CreateAccountDialog``.

Each refusal appears under its box (``FieldError.field`` → row); what belongs to no
box goes to the red line above the buttons; refusals that are not about typing
(permission, a record gone) come as a message box. Enter saves; Esc closes, asking
first if anything was typed.

Threading: one short core call on the UI thread; hashing a new password takes a
deliberate fraction of a second and shows a busy cursor.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from carecenter.accounts import AccountInfo
from carecenter.actor import Actor, Role
from carecenter.conflicts import EditConflictError
from carecenter.domain.vocab import StaffPosition
from carecenter.errors import CareCenterError, FieldError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.staff import StaffInfo
from ui.dialogs.account_form import (
    REPEAT,
    FormRows,
    busy,
    fit_height,
    heading,
    message_line,
    muted,
    password_rules,
    repeat_error,
    text_box,
)
from ui.dialogs.edit_conflict_dialog import settle
from ui.widgets.confirm import confirm, inform
from ui.widgets.dialog_buttons import save_cancel
from ui.widgets.field_row import FieldRow, ensure_readable_font, label_text

# The roles in the order an admin usually hands them out.
ROLES = (Role.FRONT_DESK, Role.SOCIAL_WORKER, Role.ADMIN)


def combo_row(rows: FormRows, field: str, text: str, combo: QComboBox) -> FieldRow:
    """A drop-down in the same column as the boxes, with its message line under it."""
    combo.setMinimumHeight(combo.sizeHint().height() + 8)
    combo.setAccessibleName(text)
    row = FieldRow(combo, combo.parentWidget())
    caption = QLabel(label_text(text, True), combo.parentWidget())
    caption.setBuddy(combo)
    combo.currentIndexChanged.connect(lambda _i: row.clear_error())
    rows.layout.addRow(caption, row)
    rows.rows[field] = row
    return row


def role_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for role in ROLES:
        combo.addItem(role.label, role)
    return combo


class LoginFields:
    """用户名, 角色, 初始密码, 再输一次: the boxes a new login needs, added to a form."""

    def __init__(self, rows: FormRows, owner: QWidget) -> None:
        self.username_edit = text_box(owner)
        self.role_combo = role_combo(owner)
        self.password_edit = text_box(owner, password=True)
        self.repeat_edit = text_box(owner, password=True)
        self.username_row = rows.add("username", _("Username"), self.username_edit)
        self.role_row = combo_row(rows, "role", _("Role"), self.role_combo)
        self.password_row = rows.add("password", _("Initial password"), self.password_edit)
        self.password_row.set_info(password_rules())
        self.repeat_row = rows.add(REPEAT, _("Password again"), self.repeat_edit)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.username_row, self.role_row, self.password_row, self.repeat_row)

    def role(self) -> Role:
        return Role(self.role_combo.currentData())  # Qt hands a StrEnum back as a plain str

    def repeat_problem(self) -> FieldError | None:
        return repeat_error(self.password_edit.text(), self.repeat_edit.text(), _("Password again"))

    def state(self) -> tuple[object, ...]:
        return (self.username_edit.text(), self.role(), self.password_edit.text(), self.repeat_edit.text())


class _FormDialog(QDialog):
    """What both dialogs share: a form, a red line, 保存/取消, and showing refusals."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        ensure_readable_font(self)
        self.setModal(True)
        self.setMinimumWidth(640)
        self.form = FormRows(self)
        self.message = message_line(self)
        self.buttons, self.save_button, _cancel = save_cancel(self, _("Save"), _("Cancel"), self.save, self.reject)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(24, 18, 24, 18)
        self.column.setSpacing(12)
        self._baseline: tuple[object, ...] = ()

    def finish_layout(self) -> None:
        self.column.addLayout(self.form.layout)
        self.column.addWidget(self.message)
        self.column.addWidget(self.buttons)
        self._baseline = self.state()

    def state(self) -> tuple[object, ...]:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    def error_for(self, field: str) -> str:
        """The message under ``field`` as the user sees it ('' when none)."""
        return self.form.error_for(field)

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def clear_messages(self) -> None:
        self.form.clear_errors()
        self.message.hide()

    def show_refusal(self, errors: list[FieldError]) -> None:
        elsewhere = self.form.show(errors)
        if elsewhere:
            self.message.setText("\n".join(elsewhere))
            self.message.show()
        fit_height(self)

    def refused(self, exc: CareCenterError) -> None:
        """A refusal the user cannot fix by typing: say so in a box and stay open."""
        inform(self, _("Not saved"), str(exc), _("OK"))

    def reject(self) -> None:
        """Esc / 取消: ask before throwing typing away."""
        if self.state() != self._baseline and not confirm(
            self,
            _("Discard changes?"),
            _("What you typed has not been saved. Close and discard it?"),
            _("Discard"),
            _("Keep editing"),
            warning=True,
        ):
            return
        super().reject()


class StaffDialog(_FormDialog):
    """Add a staff member (``staff_id`` None, optionally with a login) or edit one; ``saved`` holds the result."""

    def __init__(
        self, cc: CareCenter, actor: Actor, staff_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self._existing = cc.staff.get(staff_id) if staff_id is not None else None
        # The version the form was opened with: a save over another desk's change is stopped (carecenter.conflicts).
        self._expected_version = self._existing.version if self._existing is not None else None
        title = (
            _("Edit staff member: {name}").format(name=self._existing.name) if self._existing else _("New staff member")
        )
        self.setWindowTitle(title)
        self.saved: StaffInfo | None = None
        self._username_touched = False
        self.column.addWidget(heading(title, self))

        self.name_edit = text_box(self)
        self.position_combo = QComboBox(self)
        for position in StaffPosition:
            self.position_combo.addItem(position.label, position)
        self.phone_edit = text_box(self)
        self.phone_edit.setPlaceholderText(_("e.g. 13803711234"))
        self.center_combo = QComboBox(self)
        self.center_combo.addItem(_("All centers"), None)
        centers = cc.centers.list()
        for center in centers:
            self.center_combo.addItem(f"{center.name}（{center.code}）", center.id)
        self.form.add("name", _("Name"), self.name_edit)
        combo_row(self.form, "position", _("Position"), self.position_combo)
        self.form.add("phone", _("Phone"), self.phone_edit, required=False)
        combo_row(self.form, "center_id", _("Center"), self.center_combo)

        self.login_box: QCheckBox | None = None
        self.login: LoginFields | None = None
        if self._existing is None:
            self.login_box = QCheckBox(_("Create a login for this staff member"), self)
            self.form.layout.addRow("", self.login_box)
            self.login = LoginFields(self.form, self)
            self.login_box.toggled.connect(self._show_login)
            self.name_edit.textEdited.connect(self._suggest_username)
            self.login.username_edit.textEdited.connect(self._username_typed)
            self._show_login(False)
            if len(centers) == 1:
                self.center_combo.setCurrentIndex(1)
        else:
            self._load(self._existing)
        self.finish_layout()
        self.name_edit.setFocus()

    def _load(self, info: StaffInfo) -> None:
        self.name_edit.setText(info.name)
        self.position_combo.setCurrentIndex(max(0, self.position_combo.findData(info.position)))
        self.phone_edit.setText(info.phone)
        self.center_combo.setCurrentIndex(max(0, self.center_combo.findData(info.center_id)))
        if info.username and info.role:
            login = _("Login: {username} ({role})").format(username=info.username, role=info.role.label)
            self.column.addWidget(muted(login, self))

    def _show_login(self, on: bool) -> None:
        if self.login is None:
            return
        for widget in self.login.widgets():
            widget.setVisible(on)
            label = self.form.layout.labelForField(widget)
            if label is not None:
                label.setVisible(on)
        if on:
            self._suggest_username()
        fit_height(self)

    def _username_typed(self, _text: str) -> None:
        self._username_touched = True

    def _suggest_username(self, _text: str = "") -> None:
        """Fill the username from the name's pinyin until the admin types one of their own."""
        if self.login is None or self._username_touched or not self.wants_login():
            return
        self.login.username_edit.setText(self._cc.accounts.suggest_username(self.name_edit.text()))

    def wants_login(self) -> bool:
        return self.login_box is not None and self.login_box.isChecked()

    def position(self) -> StaffPosition:
        return StaffPosition.of(self.position_combo.currentData())

    def center_id(self) -> int | None:
        center_id: int | None = self.center_combo.currentData()
        return center_id

    def state(self) -> tuple[object, ...]:
        login = self.login.state() if self.login is not None and self.wants_login() else ()
        return (self.name_edit.text(), self.position(), self.phone_edit.text(), self.center_id(), login)

    def save(self) -> bool:
        """Send the form to the core; on refusal show why and stay open."""
        self.clear_messages()
        try:
            if self._existing is not None:
                self.saved = self._cc.staff.update(
                    self._existing.id,
                    self._actor,
                    name=self.name_edit.text(),
                    position=self.position(),
                    phone=self.phone_edit.text(),
                    center_id=self.center_id(),
                    expected_version=self._expected_version,
                    opened=self._existing,
                )
            elif self.login is not None and self.wants_login():
                problem = self.login.repeat_problem()
                if problem is not None:
                    self.show_refusal([problem])
                    return False
                with busy():
                    account = self._cc.accounts.add_user(
                        self.name_edit.text(),
                        self.login.username_edit.text(),
                        self.login.password_edit.text(),
                        self.login.role(),
                        self._actor,
                        position=self.position(),
                        center_id=self.center_id(),
                        phone=self.phone_edit.text(),
                    )
                self.saved = self._cc.staff.get(account.staff_id)
            else:
                self.saved = self._cc.staff.create(
                    self.name_edit.text(),
                    self.position(),
                    self._actor,
                    center_id=self.center_id(),
                    phone=self.phone_edit.text(),
                )
        except EditConflictError as exc:
            return settle(self, exc, self._save_over, self._take_theirs)
        except ValidationError as exc:
            self.show_refusal(exc.errors)
            return False
        except CareCenterError as exc:
            self.refused(exc)
            return False
        self._baseline = self.state()
        self.accept()
        return True

    def _save_over(self, version: int) -> bool:
        """保留我的修改: save again, over the other desk's change."""
        self._expected_version = version
        return self.save()

    def _take_theirs(self) -> None:
        """采用对方的版本: close on the staff member as stored now (the page shows them), the typing dropped."""
        if self._existing is None:
            return
        try:
            self.saved = self._cc.staff.get(self._existing.id)
        except CareCenterError as exc:
            self.refused(exc)
            return
        self._baseline = self.state()
        self.accept()


class CreateAccountDialog(_FormDialog):
    """创建登录账号 for a staff member who works without one; ``saved`` holds the new account."""

    def __init__(self, cc: CareCenter, actor: Actor, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cc = cc
        self._actor = actor
        self.staff = cc.staff.get(staff_id)
        title = _("Create a login for {name}").format(name=self.staff.name)
        self.setWindowTitle(title)
        self.saved: AccountInfo | None = None
        self.column.addWidget(heading(title, self))
        self.column.addWidget(muted(self.staff.position.label, self))
        self.login = LoginFields(self.form, self)
        self.login.username_edit.setText(cc.accounts.suggest_username(self.staff.name))
        self.finish_layout()
        self.login.username_edit.setFocus()
        self.login.username_edit.selectAll()

    @property
    def username_edit(self) -> QLineEdit:
        return self.login.username_edit

    def state(self) -> tuple[object, ...]:
        return self.login.state()[1:]  # the suggested username alone is not typing to lose

    def save(self) -> bool:
        self.clear_messages()
        problem = self.login.repeat_problem()
        if problem is not None:
            self.show_refusal([problem])
            return False
        try:
            with busy():
                self.saved = self._cc.accounts.create_account(
                    self.staff.id,
                    self.login.username_edit.text(),
                    self.login.password_edit.text(),
                    self.login.role(),
                    self._actor,
                )
        except ValidationError as exc:
            self.show_refusal(exc.errors)
            return False
        except CareCenterError as exc:
            self.refused(exc)
            return False
        self._baseline = self.state()
        self.accept()
        return True
