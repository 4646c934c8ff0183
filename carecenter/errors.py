"""Errors a user can act on. Messages are already translated when raised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from carecenter.i18n import _


class CareCenterError(Exception):
    """Base for every error the core raises on purpose; its str() is meant for the user."""


class FieldError(CareCenterError):
    """One field's value was refused: ``field`` is the attribute name, ``label`` what users see."""

    def __init__(self, field: str, label: str, reason: str) -> None:
        self.field = field
        self.label = label
        self.reason = reason
        super().__init__(f"{label}：{reason}")


def labelled(labels: Mapping[str, str], field: str, reason: str) -> FieldError:
    """A FieldError whose label is the translated msgid ``labels[field]`` (each form keeps its own labels)."""
    return FieldError(field, _(labels[field]), reason)


class ValidationError(CareCenterError):
    """A save was refused; nothing was written. Holds every field that needs fixing."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("；".join(str(e) for e in self.errors))

    def for_field(self, field: str) -> FieldError | None:
        return next((e for e in self.errors if e.field == field), None)


class NotFoundError(CareCenterError):
    """The record asked for does not exist (or is not visible in this center)."""


class DatabaseOpenError(CareCenterError):
    """The database cannot be used: not ours, newer than the app, locked, or a failed upgrade."""


class DatabaseBusyError(CareCenterError):
    """Another desk held the database longer than the busy timeout; the call changed nothing."""


class DatabaseUnavailableError(CareCenterError):
    """The database went away mid-call (server down, file gone); the call changed nothing."""


class AuthError(CareCenterError):
    """A log-in or account action was refused: wrong password, locked, disabled, or already set up."""


class OutputError(CareCenterError):
    """A file could not be written where asked (folder missing and not creatable, no permission, disk full)."""
