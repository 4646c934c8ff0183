"""The libpq password file: where a PostgreSQL password lives instead of CareCenter's own files.

libpq (and so psycopg) reads this file by itself whenever a connection has no password,
so the database address CareCenter keeps in its settings never needs one. The file is
``$PGPASSFILE`` if set, else ``%APPDATA%\\postgresql\\pgpass.conf`` on Windows, else
``~/.pgpass``. Each line is ``hostname:port:database:username:password``; ``*`` in any of
the first four fields matches anything; a ``:`` or ``\\`` inside a field is written ``\\:``
or ``\\\\``; lines starting with ``#`` are comments. libpq uses the FIRST line that
matches, and on POSIX it ignores the file unless only its owner may read it (mode 0600).

:func:`store` adds or replaces one line and keeps every other line as it was (other
programs keep their passwords here too). The file is rewritten atomically with mode 0600.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "PGPASSFILE"
WILDCARD = "*"


@dataclass(frozen=True)
class Entry:
    """The four fields that choose a line (host, port, database, user), as libpq compares them."""

    host: str
    port: str
    database: str
    user: str

    def fields(self) -> tuple[str, str, str, str]:
        return (self.host, self.port, self.database, self.user)


def default_path(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """Where libpq looks for the password file on this PC (``environ``/``platform`` for tests)."""
    env = os.environ if environ is None else environ
    explicit = env.get(ENV_VAR, "")
    if explicit:
        return Path(explicit).expanduser()
    if (platform or sys.platform) == "win32":
        appdata = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def escape(value: str) -> str:
    """A field as the file writes it: backslash and colon escaped with a backslash."""
    return value.replace("\\", "\\\\").replace(":", "\\:")


def split_line(line: str) -> list[str]:
    """A line's fields, escapes undone (a line with fewer than five fields is not an entry)."""
    fields: list[str] = []
    current: list[str] = []
    chars = iter(line)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == ":" and len(fields) < 4:
            fields.append("".join(current))
            current = []
        elif ch == ":":
            break  # libpq ends the password at an unescaped colon
        else:
            current.append(ch)
    fields.append("".join(current))
    return fields


def line_for(entry: Entry, password: str) -> str:
    """One line of the file (without the line break)."""
    return ":".join(escape(f) for f in (*entry.fields(), password))


def _entry_of(line: str) -> tuple[str, ...] | None:
    text = line.rstrip("\r\n")
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    fields = split_line(text)
    return tuple(fields) if len(fields) == 5 else None


def _matches(fields: tuple[str, ...], entry: Entry) -> bool:
    return all(f in (WILDCARD, wanted) for f, wanted in zip(fields[:4], entry.fields(), strict=True))


def lookup(entry: Entry, path: Path | None = None) -> str | None:
    """The password libpq would use for ``entry`` (the first matching line), None if none matches."""
    target = path or default_path()
    try:
        lines = target.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:
        fields = _entry_of(line)
        if fields is not None and _matches(fields, entry):
            return fields[4]
    return None


def store(entry: Entry, password: str, path: Path | None = None) -> Path:
    """Make ``password`` the one libpq uses for ``entry``; every other line stays.

    A line for exactly these four fields is replaced. The new line goes where libpq will
    find it first: in place of the first line that would match this connection (an older
    line of its own, or a wildcard line such as ``*:*:*:postgres:…``), else at the end.
    Returns the file written.
    """
    if any(ch in password for ch in "\r\n") or any(ch in f for f in entry.fields() for ch in "\r\n"):
        raise ValueError("a pgpass field cannot contain a line break")
    target = (path or default_path()).expanduser()
    try:
        old = target.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        old = []
    new_line = line_for(entry, password)
    lines: list[str] = []
    placed = False
    for line in old:
        fields = _entry_of(line)
        if fields is not None and tuple(fields[:4]) == entry.fields():
            if not placed:
                lines.append(new_line)
                placed = True
            continue  # an older line of its own: replaced (only once)
        if fields is not None and not placed and _matches(fields, entry):
            lines.append(new_line)  # before a wildcard line that would otherwise win
            placed = True
        lines.append(line)
    if not placed:
        lines.append(new_line)
    _write(target, "".join(f"{line}\n" for line in lines))
    return target


def _write(target: Path, text: str) -> None:
    """Replace ``target`` atomically; the new file is readable by its owner only (libpq insists on POSIX)."""
    real = target.resolve() if target.is_symlink() else target
    real.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pgpass-", dir=real.parent)  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
