"""Who is acting: every core write is made by an actor and stamped with its name."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    FRONT_DESK = "front_desk"
    SOCIAL_WORKER = "social_worker"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role

    @classmethod
    def system_user(cls) -> Actor:
        """The operating-system user, acting as admin (the CLI: who can open the file owns it)."""
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            name = "unknown"
        return cls(username=f"os:{name}", role=Role.ADMIN)
