"""设置 › 数据库: the database in use and where that choice came from; for administrators, choosing another.

Everyone sees the database in use and its source (命令行 --db, 环境变量 CARECENTER_DB,
本机设置 or 默认). An administrator may switch this PC to a PostgreSQL server (主机, 端口,
数据库, 用户名, 密码; a pasted ``postgresql://user:password@host:port/db`` fills the fields)
or back to an SQLite file on this PC (a file on a network share is refused with the reason).

测试连接 connects off the UI thread (:mod:`carecenter.db.connection_check`; a server that
does not answer takes up to its timeout) and says what it found. 保存 keeps the address
WITHOUT the password in this PC's settings and the password in the libpq password file
(:mod:`carecenter.db.pgpass`), which psycopg reads by itself. The switch takes effect at the
next start: 立即重启 asks for it (``restart_requested``). When --db or CARECENTER_DB decide,
the box says the saved choice waits behind them. UI thread only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from carecenter import paths
from carecenter.actor import Actor
from carecenter.db import choice, connection_check, pgpass
from carecenter.db import engine as engines
from carecenter.db.choice import Source
from carecenter.db.migrate import describe
from carecenter.errors import DatabaseOpenError, ValidationError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.permissions import Permission, allowed
from ui import settings_store
from ui.widgets.field_row import MUTED_COLOR, FieldRow, FieldRows
from ui.widgets.status_line import StatusLine
from ui.workers import Task


def infer_source(cc: CareCenter, saved: str) -> Source:
    """Where the database in use came from, when the app did not say (a page built on its own)."""
    in_use = cc.url.render_as_string(hide_password=False)

    def same(value: str) -> bool:
        try:
            return engines.resolve_url(value).render_as_string(hide_password=False) == in_use
        except DatabaseOpenError:
            return False

    env = os.environ.get(engines.ENV_VAR, "")
    if env and same(env):
        return Source.ENVIRONMENT
    if saved and same(saved):
        return Source.SETTINGS
    if engines.sqlite_path(cc.url) == paths.default_database_path().absolute():
        return Source.DEFAULT
    return Source.COMMAND_LINE


class DatabaseBox(QGroupBox):
    """数据库: in use, chosen by, and (administrators) the form to choose another."""

    restart_requested = Signal()
    synchronous: ClassVar[bool] = False  # tests: 测试连接 runs inline (ui.workers.Task)

    def __init__(
        self,
        cc: CareCenter,
        settings_path: Path | None = None,
        actor: Actor | None = None,
        source: Source | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Database"), parent)
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self._cc = cc
        self._path = settings_path
        saved = settings_store.load(settings_path).database
        self.source = source if source is not None else infer_source(cc, saved)
        self.task: Task | None = None
        self.last_check: connection_check.CheckResult | None = None

        self.database_label = _selectable(cc.describe())
        self.database_label.setObjectName("databaseLabel")
        self.source_label = _selectable(self.source.label)
        self.source_label.setObjectName("databaseSource")
        self.override_label = _quiet("")
        self.override_label.setObjectName("databaseOverride")
        form = QFormLayout()
        form.addRow(_("In use"), self.database_label)
        form.addRow(_("Chosen by"), self.source_label)
        form.addRow("", self.override_label)
        backup = cc.migration.backup if cc.migration is not None else None
        if backup is not None:
            form.addRow(_("Backup before the last upgrade"), _selectable(str(backup)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self._show_override(saved)

        self.admin = actor is not None and allowed(actor, Permission.ACCOUNTS_STAFF_SETTINGS_RESTORE)
        if not self.admin:
            layout.addWidget(
                _quiet(
                    _(
                        "An administrator can choose another database here. For one start only: "
                        "start CareCenter with --db FILE_OR_URL or set {env}."
                    ).format(env=engines.ENV_VAR)
                )
            )
            return
        self._build_form(layout)
        self._fill_from(cc.url)

    # ---- building ------------------------------------------------------------------------------

    def _build_form(self, layout: QVBoxLayout) -> None:
        heading = QLabel(_("Work on another database"))
        heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        layout.addWidget(heading)
        self.server_radio = QRadioButton(_("PostgreSQL server (several desks)"))
        self.file_radio = QRadioButton(_("SQLite file on this PC (one desk)"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.server_radio)
        kinds.addButton(self.file_radio)
        radios = QHBoxLayout()
        radios.addWidget(self.server_radio)
        radios.addWidget(self.file_radio)
        radios.addStretch(1)
        layout.addLayout(radios)

        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(_("e.g. 192.168.1.10, or paste postgresql://user@host:5432/db"))
        self.host_edit.editingFinished.connect(self.take_pasted_url)
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(choice.DEFAULT_PORT)
        self.port_spin.setMaximumWidth(140)
        self.database_edit = QLineEdit()
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(_("leave empty to keep the saved password"))
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(_("Choose…"))
        self.browse_button.clicked.connect(lambda: self.browse())
        self.default_file_button = QPushButton(_("This PC's default file"))
        self.default_file_button.clicked.connect(
            lambda: self.path_edit.setText(str(paths.default_database_path().absolute()))
        )
        self.rows = FieldRows(
            host=FieldRow(self.host_edit),
            port=FieldRow(self.port_spin),
            database=FieldRow(self.database_edit),
            user=FieldRow(self.user_edit),
            path=FieldRow(self.path_edit),
        )
        server_page = QWidget()
        server_form = QFormLayout(server_page)
        server_form.setContentsMargins(0, 0, 0, 0)
        server_form.addRow(_("Host"), self.rows["host"])
        server_form.addRow(_("Port"), self.rows["port"])
        server_form.addRow(_("Database"), self.rows["database"])
        server_form.addRow(_("User name"), self.rows["user"])
        server_form.addRow(_("Password"), self.password_edit)
        server_form.addRow(
            "",
            _quiet(
                _(
                    "The password is kept in this PC's PostgreSQL password file ({path}), never in CareCenter's settings."
                ).format(path=pgpass.default_path())
            ),
        )
        file_page = QWidget()
        file_form = QFormLayout(file_page)
        file_form.setContentsMargins(0, 0, 0, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.rows["path"], 1)
        file_row.addWidget(self.browse_button, 0, Qt.AlignmentFlag.AlignTop)
        file_row.addWidget(self.default_file_button, 0, Qt.AlignmentFlag.AlignTop)
        file_form.addRow(_("Database file"), file_row)
        file_form.addRow(
            "", _quiet(_("Only for one PC: a file on a network share is refused, because several desks damage it."))
        )
        self.kind_stack = QStackedWidget()
        self.kind_stack.addWidget(server_page)
        self.kind_stack.addWidget(file_page)
        self.server_radio.toggled.connect(lambda on: self.kind_stack.setCurrentIndex(0 if on else 1))
        layout.addWidget(self.kind_stack)

        self.test_button = QPushButton(_("Test connection"))
        self.test_button.clicked.connect(lambda: self.test_connection())
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(lambda: self.save())
        self.restart_button = QPushButton(_("Restart now"))
        self.restart_button.clicked.connect(self.restart_requested)
        self.restart_button.hide()
        buttons = QHBoxLayout()
        for button in (self.test_button, self.save_button, self.restart_button):
            button.setStyleSheet("font-weight: normal;")
            button.setMinimumWidth(button.sizeHint().width() + 24)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = StatusLine(self, name="databaseMessage", hide_when_empty=True)
        layout.addWidget(self.message)
        layout.addWidget(_quiet(_("A new choice takes effect when CareCenter starts again.")))
        for widget in (self.server_radio, self.file_radio):
            widget.setStyleSheet("font-weight: normal;")

    def _fill_from(self, url: URL) -> None:
        """The form starts on the database in use."""
        server = choice.server_of(url)
        if server is not None:
            self.server_radio.setChecked(True)
            self.host_edit.setText(server.host)
            self.port_spin.setValue(server.port)
            self.database_edit.setText(server.database)
            self.user_edit.setText(server.user)
        else:
            self.file_radio.setChecked(True)
            self.kind_stack.setCurrentIndex(1)
        file = engines.sqlite_path(url)
        self.path_edit.setText(str(file if file is not None else paths.default_database_path().absolute()))

    def _show_override(self, saved: str) -> None:
        """Say when --db or CARECENTER_DB decide over this PC's saved choice."""
        overridden = self.source in (Source.COMMAND_LINE, Source.ENVIRONMENT)
        text = ""
        if overridden and saved and not self._is_in_use(saved):
            text = _(
                "This PC's settings choose {saved}, but {source} decides over them: CareCenter uses the settings "
                "when started without it."
            ).format(saved=_shown(saved), source=self.source.label)
        elif overridden:
            text = _("{source} decides which database CareCenter uses; a choice saved here applies without it.").format(
                source=self.source.label
            )
        self.override_label.setText(text)
        self.override_label.setVisible(bool(text))

    def _is_in_use(self, value: str) -> bool:
        try:
            url = engines.resolve_url(value) if value else engines.sqlite_url(paths.default_database_path())
        except DatabaseOpenError:
            return False
        return url.render_as_string(hide_password=False) == self._cc.url.render_as_string(hide_password=False)

    # ---- the form ------------------------------------------------------------------------------

    def take_pasted_url(self) -> None:
        """A full address typed or pasted into 主机 fills every field (its password goes to 密码)."""
        text = self.host_edit.text().strip()
        if "://" not in text:
            return
        try:
            address, password = choice.parse_server_url(text)
        except ValidationError as exc:
            self.rows.clear_errors()
            self.rows.show(exc.errors)
            return
        self.host_edit.setText(address.host)
        self.port_spin.setValue(address.port)
        self.database_edit.setText(address.database)
        self.user_edit.setText(address.user)
        if password:
            self.password_edit.setText(password)

    def ask_database_file(self, start: Path) -> Path | None:
        """The file dialog (tests replace this method)."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Choose the database file"),
            str(start),
            _("CareCenter database (*.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return Path(name) if name else None

    def browse(self) -> None:
        """选择…: a file on this PC (an existing CareCenter file, or a new name); a share is refused at once."""
        current = Path(self.path_edit.text().strip() or str(paths.default_database_path()))
        chosen = self.ask_database_file(current.parent)
        if chosen is None:
            return
        self.path_edit.setText(str(chosen))
        self._target()  # says at once when the file cannot be used

    def _target(self) -> tuple[URL, str, choice.ServerAddress | None] | None:
        """The database the form describes, its password and server address; None (reasons shown) if refused."""
        self.rows.clear_errors()
        try:
            if self.server_radio.isChecked():
                self.take_pasted_url()
                address = choice.server_address(
                    self.host_edit.text(), self.port_spin.value(), self.database_edit.text(), self.user_edit.text()
                )
                return address.url(), self.password_edit.text(), address
            return choice.sqlite_file(self.path_edit.text()), "", None
        except ValidationError as exc:
            self.rows.show(exc.errors)
            self.message.say(str(exc), ok=False)
            first = self.rows.first_error()
            if first is not None:
                first.bring_into_view()
            return None

    def test_connection(self) -> None:
        """测试连接: connect off the UI thread and say what is there (nothing is changed)."""
        target = self._target()
        if target is None or (self.task is not None and self.task.is_running()):
            return
        url, password, _address = target
        self.last_check = None
        self.message.say_in(_("Connecting to {db}…").format(db=describe(url)), MUTED_COLOR)
        self.test_button.setEnabled(False)

        def work(_progress: object, _cancelled: object) -> connection_check.CheckResult:
            return connection_check.check(url, password)

        task = Task(
            work, self, title=_("Test connection"), cancellable=False, show_progress=False, synchronous=self.synchronous
        )
        task.succeeded.connect(self._show_check)
        task.failed.connect(lambda error: self.message.say(_("Cannot connect: {error}").format(error=error), ok=False))
        task.finished.connect(lambda: self.test_button.setEnabled(True))
        self.task = task
        task.start()

    def _show_check(self, result: object) -> None:
        assert isinstance(result, connection_check.CheckResult)
        self.last_check = result
        self.message.say(result.message, ok=result.usable)

    def wait(self) -> None:
        """A connection test still running is finished first (the window is closing)."""
        if self.task is not None and self.task.is_running():
            self.task.wait()

    def save(self) -> bool:
        """保存: the address (no password) in this PC's settings, the password in the password file."""
        target = self._target()
        if target is None:
            return False
        url, password, address = target
        try:
            if address is not None and password:
                pgpass.store(address.pgpass_entry(), password)
            settings_store.save(settings_store.load(self._path).with_database(choice.settings_value(url)), self._path)
        except (OSError, ValueError) as exc:
            self.message.say(_("Not saved: {error}").format(error=exc), ok=False)
            return False
        self.password_edit.clear()
        saved = settings_store.load(self._path).database
        self._show_override(saved)
        if self.source in (Source.COMMAND_LINE, Source.ENVIRONMENT):
            self.message.warn(
                _("Saved: {db}. {source} still decides while CareCenter is started with it.").format(
                    db=describe(url), source=self.source.label
                )
            )
            self.restart_button.hide()
        elif self._is_in_use(saved):
            self.message.say(_("Saved: {db} is the database in use.").format(db=describe(url)))
            self.restart_button.hide()
        else:
            self.message.say(_("Saved. CareCenter works on {db} from its next start.").format(db=describe(url)))
            self.restart_button.show()
        return True


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: normal;")
    return label


def _quiet(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR}; font-weight: normal;")
    return label


def _shown(value: str) -> str:
    """A saved value as the user reads it (a path, or the address without password)."""
    try:
        return describe(engines.resolve_url(value))
    except DatabaseOpenError:
        return value
