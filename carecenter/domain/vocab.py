"""The fixed vocabularies: statuses, categories (with their old names), care levels, genders, diets.

Values are stable English codes stored in the database; what users see comes from
the translation catalog (``label()``), and ``zh()`` gives the Chinese term that
民政 rosters and the CLI's JSON use whatever the UI language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from carecenter.i18n import N_, _, zh


class Vocab(StrEnum):
    """A StrEnum whose members carry an English msgid for their label."""

    _msgid: str

    def __new__(cls, value: str, msgid: str) -> Vocab:
        member = str.__new__(cls, value)
        member._value_ = value
        member._msgid = msgid
        return member

    @classmethod
    def of(cls, code: str) -> Self:
        """The member stored as ``code`` (ValueError if unknown)."""
        return cls(code)  # type: ignore[call-arg]

    @property
    def label(self) -> str:
        return _(self._msgid)

    @property
    def zh(self) -> str:
        return zh(self._msgid)


class Gender(Vocab):
    MALE = "male", N_("Male")
    FEMALE = "female", N_("Female")


class Status(Vocab):
    ACTIVE = "active", N_("Active")
    PAUSED = "paused", N_("Paused")
    WITHDRAWN = "withdrawn", N_("Withdrawn")
    DECEASED = "deceased", N_("Deceased")


# Seniors counted as "current" by lists, subsidies and birthdays.
CURRENT_STATUSES = (Status.ACTIVE, Status.PAUSED)

# Which status may follow which; 去世 is final.
STATUS_TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.ACTIVE: (Status.PAUSED, Status.WITHDRAWN, Status.DECEASED),
    Status.PAUSED: (Status.ACTIVE, Status.WITHDRAWN, Status.DECEASED),
    Status.WITHDRAWN: (Status.ACTIVE, Status.DECEASED),
    Status.DECEASED: (),
}


class Category(Vocab):
    DIBAO = "dibao", N_("Minimum living allowance")
    TEKUN = "tekun", N_("Extreme poverty support")
    LOW_INCOME = "low_income", N_("Low income")
    EMPTY_NEST = "empty_nest", N_("Empty nest")
    LIVING_ALONE = "living_alone", N_("Living alone")
    GUGUA = "gugua", N_("Childless and alone")
    SHIDU = "shidu", N_("Lost only child")
    YOUFU = "youfu", N_("Entitled group (veterans, martyrs' families)")
    DISABLED = "disabled", N_("Disabled")


# Old or colloquial names found on rosters (domain.md), mapped to the category.
CATEGORY_ALIASES: dict[str, Category] = {
    "五保": Category.TEKUN,
    "五保户": Category.TEKUN,
    "特困户": Category.TEKUN,
    "特困供养": Category.TEKUN,
    "低保户": Category.DIBAO,
    "低保对象": Category.DIBAO,
    "低收入户": Category.LOW_INCOME,
    "军属": Category.YOUFU,
    "烈属": Category.YOUFU,
    "优抚对象": Category.YOUFU,
    "失独家庭": Category.SHIDU,
    "计生特殊家庭": Category.SHIDU,
    "残疾人": Category.DISABLED,
    "空巢老人": Category.EMPTY_NEST,
    "独居老人": Category.LIVING_ALONE,
    "孤寡老人": Category.GUGUA,
}


def parse_category(text: str) -> Category | None:
    """A category from its Chinese name, an alias, its English label or its code."""
    key = text.strip()
    for cat in Category:
        if key in (cat.zh, cat.value) or key.lower() == cat.label.lower():
            return cat
    return CATEGORY_ALIASES.get(key)


class CareLevel(Vocab):
    """GB/T 42195-2022 levels, best first."""

    INTACT = "intact", N_("Fully capable")
    MILD = "mild", N_("Mildly disabled")
    MODERATE = "moderate", N_("Moderately disabled")
    SEVERE = "severe", N_("Severely disabled")
    TOTAL = "total", N_("Totally disabled")


class Residence(Vocab):
    """户籍: the 高龄津贴 requires a local household registration."""

    LOCAL = "local", N_("Local")
    NONLOCAL = "nonlocal", N_("Non-local")


class DietFlag(Vocab):
    HALAL = "halal", N_("Halal")
    DIABETIC = "diabetic", N_("Diabetic meal")
    LOW_SALT = "low_salt", N_("Low salt")
    SOFT = "soft", N_("Soft food")


class StaffPosition(Vocab):
    """岗位: what a staff member does at the center (visits and meals are assigned by it later)."""

    CAREGIVER = "caregiver", N_("Caregiver")
    SOCIAL_WORKER = "social_worker", N_("Social worker")
    COOK = "cook", N_("Cook")
    VOLUNTEER = "volunteer", N_("Volunteer")
    MANAGER = "manager", N_("Center manager")
    OTHER = "other", N_("Other")


class IncidentKind(Vocab):
    """Events that matter for care; the first four are GB/T 42195's care-risk incidents."""

    FALL = "fall", N_("Fall")
    CHOKING = "choking", N_("Choking")
    WANDERING = "wandering", N_("Wandering or lost")
    SELF_HARM = "self_harm", N_("Self-harm")
    HOSPITAL = "hospital", N_("Hospital stay")
    OTHER = "other", N_("Other")


# The incidents that count towards GB/T 42195's one-level-worse adjustment.
CARE_RISK_INCIDENTS = frozenset(
    {IncidentKind.FALL, IncidentKind.CHOKING, IncidentKind.WANDERING, IncidentKind.SELF_HARM}
)


class PlanStatus(Vocab):
    """A care plan's life: drafted, signed into force, closed; a signed plan edited becomes superseded."""

    DRAFT = "draft", N_("Draft")
    ACTIVE = "active", N_("Active plan")
    CLOSED = "closed", N_("Closed")
    SUPERSEDED = "superseded", N_("Superseded")
