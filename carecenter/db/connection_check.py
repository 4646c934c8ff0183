"""测试连接: can CareCenter use this database, and if not, why not — in words the user can act on.

:func:`check` connects once (a PostgreSQL server with a short timeout, an SQLite file
read-only), looks at what the database holds and changes nothing: not the schema, not
the file (a missing SQLite file is not created). Slow when a server does not answer
(up to the timeout): the desktop app calls it off the UI thread.

Server errors come back as text, in the server's language; the common ones are
recognised in English and in the Chinese of a server installed in Chinese. Anything
else is shown as the server said it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.db.network_paths import network_share
from carecenter.errors import DatabaseOpenError
from carecenter.i18n import _

DEFAULT_TIMEOUT_S = 5


class Outcome(Enum):
    READY = "ready"  # a CareCenter database of this version
    UPGRADE = "upgrade"  # a CareCenter database of an older version: upgraded (after a backup) at first start
    NEW = "new"  # empty (or no file yet): set up at first start
    NEWER = "newer"  # written by a newer CareCenter
    FOREIGN = "foreign"  # holds something else
    WRONG_PASSWORD = "wrong password"
    NO_PASSWORD = "no password"
    UNKNOWN_USER = "unknown user"
    NO_DATABASE = "no database"
    UNREACHABLE = "unreachable"
    NOT_ALLOWED = "not allowed"  # pg_hba.conf has no line for this PC
    NETWORK_SHARE = "network share"
    FAILED = "failed"


USABLE = frozenset({Outcome.READY, Outcome.UPGRADE, Outcome.NEW})


@dataclass(frozen=True)
class CheckResult:
    outcome: Outcome
    message: str  # what to tell the user, translated

    @property
    def usable(self) -> bool:
        return self.outcome in USABLE


def check(url: URL, password: str = "", timeout_s: int = DEFAULT_TIMEOUT_S) -> CheckResult:
    """Connect to ``url`` (with ``password`` if given, else as libpq finds it) and say what is there."""
    path = engines.sqlite_path(url)
    if path is not None:
        share = network_share(path)
        if share is not None:
            try:
                engines.refuse_network_share(path)
            except DatabaseOpenError as exc:
                return CheckResult(Outcome.NETWORK_SHARE, str(exc))
        if not path.exists():
            return CheckResult(
                Outcome.NEW, _("{path} does not exist yet: CareCenter creates it at its next start.").format(path=path)
            )
        uri = f"{path.absolute().as_uri()}?mode=ro"  # read-only: checking never writes to the file

        def read_only() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True)

        engine = create_engine(url, creator=read_only, poolclass=NullPool)
    else:
        connect_args = {"connect_timeout": timeout_s} if url.get_backend_name() == "postgresql" else {}
        engine = create_engine(url.set(password=password or None), poolclass=NullPool, connect_args=connect_args)
    try:
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            return explain_failure(str(exc.orig), url)
        return _schema_state(engine, url)
    finally:
        engine.dispose()


def _schema_state(engine: Engine, url: URL) -> CheckResult:
    shown = migrate.describe(url)
    try:
        revision = migrate.current_revision(engine)
    except DatabaseOpenError as exc:
        return CheckResult(Outcome.FOREIGN, str(exc))
    if revision is None:
        return CheckResult(
            Outcome.NEW,
            _("Connected. {db} is empty: CareCenter sets it up at its next start.").format(db=shown),
        )
    head = migrate.head_revision()
    if revision == head:
        return CheckResult(Outcome.READY, _("Connected. {db} is a CareCenter database.").format(db=shown))
    if revision not in migrate.known_revisions():
        return CheckResult(
            Outcome.NEWER,
            _(
                "Connected, but {db} was written by a newer version of CareCenter (schema {rev}). "
                "Install the newer version on this PC first."
            ).format(db=shown, rev=revision),
        )
    return CheckResult(
        Outcome.UPGRADE,
        _(
            "Connected. {db} is a CareCenter database of an older version: it is upgraded at the next start, "
            "after a backup."
        ).format(db=shown),
    )


# What servers and libpq say, in English and in the Chinese of a server installed in Chinese.
_WRONG_PASSWORD = ("password authentication failed", "密码认证失败", "口令认证失败")
_NO_PASSWORD = ("no password supplied", "没有提供口令", "没有提供密码", "未提供密码")
_MISSING = ("does not exist", "不存在")
_UNREACHABLE = (
    "connection refused",
    "could not translate host name",
    "failed to resolve host",
    "name or service not known",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
    "could not connect",
    "server closed the connection unexpectedly",
    "拒绝连接",
    "无法连接",
)


def classify(text: str) -> Outcome:
    """The kind of failure a connection error's text describes."""
    lower = text.lower()
    missing = any(s in lower for s in _MISSING)
    if any(s in lower for s in _WRONG_PASSWORD):
        return Outcome.WRONG_PASSWORD
    if any(s in lower for s in _NO_PASSWORD):
        return Outcome.NO_PASSWORD
    if missing and ("role" in lower or "角色" in lower or "用户" in lower):
        return Outcome.UNKNOWN_USER
    if missing and ("database" in lower or "数据库" in lower):
        return Outcome.NO_DATABASE
    if "pg_hba.conf" in lower:
        return Outcome.NOT_ALLOWED
    if any(s in lower for s in _UNREACHABLE):
        return Outcome.UNREACHABLE
    return Outcome.FAILED


def explain_failure(text: str, url: URL) -> CheckResult:
    """A connection error as a sentence that says what to do."""
    outcome = classify(text)
    host, port = url.host or "localhost", url.port or 5432
    user, database = url.username or "", url.database or ""
    if outcome is Outcome.WRONG_PASSWORD:
        message = _("The server refused the password of user {user}. Check the password (letter case counts).")
    elif outcome is Outcome.NO_PASSWORD:
        message = _("The server asks for a password for user {user}: enter it in the Password field.")
    elif outcome is Outcome.UNKNOWN_USER:
        message = _("The server has no user {user}. Check the user name, or create the user on the server.")
    elif outcome is Outcome.NO_DATABASE:
        message = _(
            "The server has no database {database}. Check its name, or create it on the server "
            "(an empty database is fine: CareCenter sets it up at its first start)."
        )
    elif outcome is Outcome.NOT_ALLOWED:
        message = _(
            "The server does not accept connections from this PC for user {user} and database {database} "
            "(pg_hba.conf on the server)."
        )
    elif outcome is Outcome.UNREACHABLE:
        message = _(
            "The server {host}:{port} cannot be reached. Check the host and port, that the server is running, "
            "and that this PC can reach it (firewall)."
        )
    else:
        message = _("Cannot connect: {error}")
    return CheckResult(
        outcome,
        message.format(user=user, database=database, host=host, port=port, error=text.strip()),
    )
