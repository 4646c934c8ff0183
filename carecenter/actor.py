"""Who is acting: every core write is made by an actor and stamped with its name."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum

from carecenter.i18n import N_, _


class Role(StrEnum):
    FRONT_DESK = "front_desk"
    SOCIAL_WORKER = "social_worker"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The role as staff call it (前台, 社工, 管理员), in the current language."""
        return _(_ROLE_MSGIDS[self])


_ROLE_MSGIDS: dict[Role, str] = {
    Role.FRONT_DESK: N_("Front desk"),
    Role.SOCIAL_WORKER: N_("Social worker"),
    Role.ADMIN: N_("Administrator"),
}


@dataclass(frozen=True)
class Actor:
    """A logged-in account (``staff_id`` set) or the operating-system user of the CLI (``staff_id`` None)."""

    username: str
    role: Role
    staff_id: int | None = None

    @classmethod
    def system_user(cls) -> Actor:
        """The operating-system user, acting as admin (the CLI: who can open the file owns it)."""
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            name = "unknown"
        return cls(username=f"os:{name}", role=Role.ADMIN)
