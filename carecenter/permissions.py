"""What each role may do, enforced in the core.

The UI hides what a role cannot do, but every service checks again here, so a
front-desk account is refused by the core whatever screen or script it uses.
The table below is the issue's role table as data; change rights here and
nowhere else.
"""

from __future__ import annotations

from enum import Enum

from carecenter.actor import Actor, Role
from carecenter.errors import CareCenterError
from carecenter.i18n import N_, _


class Permission(Enum):
    """One row of the role table; the value is the action as users name it (a msgid)."""

    LOOKUP_SENIORS = N_("look up seniors")
    SEE_FULL_ID = N_("see full ID numbers")
    EDIT_SENIOR_BASICS = N_("register seniors and edit their details")
    EDIT_CATEGORIES_STATUS = N_("change categories, care level or status")
    ASSESSMENTS = N_("assessments and care plans")
    DAILY_OPERATIONS = N_("check-in, meals, visits and calls")
    IMPORT_EXPORT_DAILY_LISTS = N_("import and export daily lists")
    IMPORT_EXPORT_ALL = N_("import and export rosters and reports")
    SUBSIDY_POLICY = N_("subsidy policy and roster approval")
    ACCOUNTS_STAFF_SETTINGS_RESTORE = N_("accounts, staff, settings and restore")

    @property
    def label(self) -> str:
        return _(self.value)


_EVERYONE = frozenset(
    {
        Permission.LOOKUP_SENIORS,
        Permission.EDIT_SENIOR_BASICS,
        Permission.DAILY_OPERATIONS,
        Permission.IMPORT_EXPORT_DAILY_LISTS,
    }
)
_SOCIAL_WORK = _EVERYONE | {
    Permission.SEE_FULL_ID,
    Permission.EDIT_CATEGORIES_STATUS,
    Permission.ASSESSMENTS,
    Permission.IMPORT_EXPORT_ALL,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.FRONT_DESK: _EVERYONE,
    Role.SOCIAL_WORKER: _SOCIAL_WORK,
    Role.ADMIN: frozenset(Permission),
}


class PermissionDeniedError(CareCenterError):
    """The acting account's role does not allow this; nothing was read or changed."""

    def __init__(self, actor: Actor, permission: Permission) -> None:
        self.actor = actor
        self.permission = permission
        super().__init__(
            _("{role} may not: {action}").format(role=actor.role.label, action=permission.label),
        )


def allowed(actor: Actor, permission: Permission) -> bool:
    """Whether ``actor``'s role grants ``permission`` (the UI asks this to hide what is refused)."""
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDeniedError unless ``actor`` may do ``permission``."""
    if not allowed(actor, permission):
        raise PermissionDeniedError(actor, permission)
