"""The front desk's vocabularies: how a meal is paid, a visit's life, who called, activity kinds.

Stored as the stable English codes; users see the translated label (``label``) and
reports for 民政 the Chinese term (``zh``), as for :mod:`carecenter.domain.vocab`.
"""

from __future__ import annotations

from carecenter.domain.vocab import Vocab
from carecenter.i18n import N_


class Payment(Vocab):
    """How the senior's share of a meal was paid: recorded at the desk, never processed by the app."""

    CASH = "cash", N_("Cash")
    WECHAT = "wechat", N_("WeChat Pay")
    ALIPAY = "alipay", N_("Alipay")
    BALANCE = "balance", N_("Prepaid meal balance")
    NONE = "none", N_("Nothing to pay")


class BalanceEntryKind(Vocab):
    """A line of a senior's prepaid meal account: money in (top-up) or a meal paid from it."""

    TOP_UP = "top_up", N_("Top-up")
    MEAL = "meal", N_("Meal")


class VisitStatus(Vocab):
    """A 九助 visit's life: planned, then done, missed (with a reason) or cancelled (with a reason)."""

    PLANNED = "planned", N_("Planned")
    DONE = "done", N_("Done")
    MISSED = "missed", N_("Missed")
    CANCELLED = "cancelled", N_("Cancelled")


class VisitPlace(Vocab):
    HOME = "home", N_("At home")
    CENTER = "center", N_("At the center")


class Confirmation(Vocab):
    """Who confirmed that the visit took place (signature or word on the spot)."""

    SENIOR = "senior", N_("Senior confirmed")
    FAMILY = "family", N_("Family confirmed")
    NONE = "none", N_("Not confirmed")


class CallerKind(Vocab):
    SENIOR = "senior", N_("The senior")
    FAMILY = "family", N_("Family")
    NEIGHBOUR = "neighbour", N_("Neighbour")
    OTHER = "other", N_("Other caller")


class Urgency(Vocab):
    NORMAL = "normal", N_("Normal")
    URGENT = "urgent", N_("Urgent")


class ActivityKind(Vocab):
    """Kinds of group activity; a 生日会 activity is the month's birthday party (linked to it)."""

    RECREATION = "recreation", N_("Recreation")
    HEALTH_TALK = "health_talk", N_("Health talk")
    REHAB = "rehab", N_("Rehabilitation")
    BIRTHDAY = "birthday", N_("Birthday party")
    LEARNING = "learning", N_("Learning and hobbies")
    VOLUNTEER = "volunteer", N_("Volunteer service")
    OTHER = "other", N_("Other activity")
