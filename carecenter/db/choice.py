"""Which database this PC works on, and where that choice came from.

The order, first that is set wins: ``--db`` on the command line, then the environment
variable ``CARECENTER_DB``, then the database saved in this PC's settings (设置 ›
数据库), then the SQLite file in the user data folder. The settings keep an address
WITHOUT a password (or an SQLite path): a PostgreSQL password belongs in the libpq
password file (:mod:`carecenter.db.pgpass`), which psycopg reads by itself.

Plain values and checks only: the settings file itself is the desktop app's business.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from carecenter import paths
from carecenter.db import engine as engines
from carecenter.db.pgpass import Entry
from carecenter.errors import DatabaseOpenError, FieldError, ValidationError
from carecenter.i18n import _

DEFAULT_PORT = 5432
SERVER_DRIVER = "postgresql+psycopg"


class Source(Enum):
    """Where the database in use was chosen."""

    COMMAND_LINE = "command line"
    ENVIRONMENT = "environment"
    SETTINGS = "settings"
    DEFAULT = "default"

    @property
    def label(self) -> str:
        """命令行 --db / 环境变量 CARECENTER_DB / 本机设置 / 默认."""
        if self is Source.COMMAND_LINE:
            return _("command line --db")
        if self is Source.ENVIRONMENT:
            return _("environment variable {env}").format(env=engines.ENV_VAR)
        if self is Source.SETTINGS:
            return _("this PC's settings")
        return _("default")


@dataclass(frozen=True)
class ChosenDatabase:
    """The database to open and why this one."""

    url: URL
    source: Source


def source_of(command_line: str | None, saved: str, environ: Mapping[str, str] | None = None) -> Source:
    """Which of the four places decides: the first that is set of --db, $CARECENTER_DB, the settings."""
    env = os.environ if environ is None else environ
    if command_line:
        return Source.COMMAND_LINE
    if env.get(engines.ENV_VAR):
        return Source.ENVIRONMENT
    if saved.strip():
        return Source.SETTINGS
    return Source.DEFAULT


def choose(command_line: str | None, saved: str, environ: Mapping[str, str] | None = None) -> ChosenDatabase:
    """``--db``, else $CARECENTER_DB, else the settings' database, else the default SQLite file.

    Raises DatabaseOpenError when the value that wins is not a usable address.
    """
    env = os.environ if environ is None else environ
    source = source_of(command_line, saved, env)
    if source is Source.COMMAND_LINE:
        return ChosenDatabase(engines.resolve_url(command_line), source)
    if source is Source.ENVIRONMENT:
        return ChosenDatabase(engines.resolve_url(env[engines.ENV_VAR]), source)
    if source is Source.SETTINGS:
        return ChosenDatabase(engines.resolve_url(saved.strip()), source)
    return ChosenDatabase(engines.sqlite_url(paths.default_database_path()), source)


# ---- server addresses ------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL database: 主机, 端口, 数据库, 用户名 (the password is never part of it)."""

    host: str
    port: int
    database: str
    user: str

    def url(self) -> URL:
        return URL.create(SERVER_DRIVER, username=self.user, host=self.host, port=self.port, database=self.database)

    def pgpass_entry(self) -> Entry:
        return Entry(self.host, str(self.port), self.database, self.user)


_LABELS = {
    "host": "Host",
    "port": "Port",
    "database": "Database",
    "user": "User name",
    "path": "Database file",
}


def _error(field: str, reason: str) -> FieldError:
    return FieldError(field, _(_LABELS[field]), reason)


def server_address(host: str, port: int | str, database: str, user: str) -> ServerAddress:
    """The form's fields checked; ValidationError names every field to fix."""
    errors: list[FieldError] = []
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        errors.append(_error("host", _("enter the server's name or IP address")))
    elif any(ch.isspace() for ch in host) or "/" in host:
        errors.append(_error("host", _("a server name or IP address has no spaces or slashes")))
    try:
        number = int(str(port).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        errors.append(_error("port", _("a port is a number from 1 to 65535")))
    if not database:
        errors.append(_error("database", _("enter the database's name")))
    if not user:
        errors.append(_error("user", _("enter the user name CareCenter logs in to the server with")))
    if errors:
        raise ValidationError(errors)
    return ServerAddress(host, number, database, user)


def parse_server_url(text: str) -> tuple[ServerAddress, str]:
    """A typed or pasted ``postgresql://user:password@host:port/database`` as an address and its password.

    The password (possibly empty) is returned apart: it goes to the password file, never the settings.
    """
    raw = text.strip()
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise ValidationError([_error("host", _("“{url}” is not a database address").format(url=raw))]) from None
    if url.get_backend_name() != "postgresql":
        raise ValidationError(
            [
                _error(
                    "host", _("only PostgreSQL addresses (postgresql://…) can be typed here; choose a file for SQLite")
                )
            ]
        )
    address = server_address(url.host or "", url.port or DEFAULT_PORT, url.database or "", url.username or "")
    return address, url.password if isinstance(url.password, str) else ""


def without_password(url: URL) -> URL:
    """``url`` with its password dropped (what may be kept in a file or shown)."""
    return url._replace(password=None)  # URL.set() treats None as "leave as it is"


def settings_value(url: URL) -> str:
    """What the settings keep for ``url``: the SQLite file's path (\"\" for the default file) or the address
    without a password."""
    path = engines.sqlite_path(url)
    if path is not None:
        return "" if path == paths.default_database_path().absolute() else str(path)
    return without_password(url).render_as_string(hide_password=False)


def strip_saved(value: str) -> str:
    """A saved value with any password removed (a hand-edited settings file may hold one)."""
    text = value.strip()
    if "://" not in text:
        return text
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        return text
    return without_password(url).render_as_string(hide_password=False) if url.password is not None else text


def server_of(url: URL) -> ServerAddress | None:
    """The address form's fields for a server URL (None for SQLite)."""
    if url.get_backend_name() != "postgresql":
        return None
    return ServerAddress(url.host or "", url.port or DEFAULT_PORT, url.database or "", url.username or "")


# ---- SQLite files ------------------------------------------------------------------------------


def sqlite_file(text: str) -> URL:
    """The SQLite file typed or chosen, refused with the reason when it cannot hold the database."""
    raw = text.strip()
    if not raw:
        raise ValidationError([_error("path", _("choose a file"))])
    path = Path(raw).expanduser()
    try:
        engines.refuse_network_share(path)  # first: a UNC path is not "absolute" off Windows
    except DatabaseOpenError as exc:
        raise ValidationError([_error("path", str(exc))]) from None
    if not path.is_absolute():
        raise ValidationError([_error("path", _("give the whole path, starting with the drive or /"))])
    if path.is_dir():
        raise ValidationError([_error("path", _("{path} is a folder; choose a file in it").format(path=path))])
    return engines.sqlite_url(path)
