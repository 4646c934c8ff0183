"""Password hashing (argon2id) and the rules a new password must meet.

No password is ever stored or logged in clear; the hash string carries its own
salt and cost parameters, so stronger defaults in a later argon2-cffi version
are applied at the next successful login (``needs_rehash``).
"""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from carecenter.domain.text import LIMITS, control_char_reason
from carecenter.errors import FieldError, ValidationError, labelled
from carecenter.i18n import N_, _

MIN_LENGTH = 8

# Field name -> label msgid: the login, first-start and password dialogs show messages by these names.
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "username": N_("Username"),
    "password": N_("Password"),
    "old_password": N_("Current password"),
    "role": N_("Role"),
    "position": N_("Position"),
    "phone": N_("Phone"),
    "center_id": N_("Center"),
    "staff_id": N_("Staff member"),
}

# Letters (Chinese too), digits and . _ - : what fits a login box and a command line.
_USERNAME_RE = re.compile(r"^[\w.-]+$")


def field_error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


class Hasher:
    """argon2id with the library's recommended parameters; a test may pass cheaper ones."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._decoy: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        return self._hasher.check_needs_rehash(stored)

    def burn(self, password: str) -> None:
        """Spend the time of one verification, so an unknown username answers as slowly as a known one."""
        if self._decoy is None:
            self._decoy = self._hasher.hash("carecenter-decoy")
        self.verify(self._decoy, password)


def normalize_username(raw: str) -> str:
    return raw.strip()


def username_key(username: str) -> str:
    """The case-insensitive identity of a username (what the unique index holds)."""
    return username.strip().casefold()


def username_errors(username: str) -> list[FieldError]:
    if not username:
        return [field_error("username", _("is required"))]
    if len(username) > LIMITS["username"]:
        return [field_error("username", _("at most {n} characters").format(n=LIMITS["username"]))]
    if not _USERNAME_RE.match(username):
        return [field_error("username", _("letters, digits, dot, - and _ only (no spaces)"))]
    return []


def password_errors(password: str, username: str) -> list[FieldError]:
    """Why ``password`` may not be used by ``username`` (empty: it may)."""
    reason: str | None = None
    if len(password) < MIN_LENGTH:
        reason = _("at least {n} characters").format(n=MIN_LENGTH)
    elif len(password) > LIMITS["password"]:
        reason = _("at most {n} characters").format(n=LIMITS["password"])
    elif password.isdigit():
        reason = _("cannot be digits only; add a letter or a sign")
    elif username and username_key(password) == username_key(username):
        reason = _("cannot be the same as the username")
    else:
        reason = control_char_reason(password)
    return [field_error("password", reason)] if reason else []


def check_password(password: str, username: str) -> None:
    """Raise ValidationError naming the password field if the rules refuse ``password``."""
    errors = password_errors(password, username)
    if errors:
        raise ValidationError(errors)
