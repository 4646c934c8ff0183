"""Why a subsidy is or is not granted, in the words that go on rosters and into the explain view.

Reasons are always Chinese, whatever the UI language: they are stored on approved rosters
and sent to 民政 (like the ``zh`` terms of the vocabularies). Each sentence is an English
msgid translated with :func:`carecenter.i18n.zh`, so the catalog still holds them all.
Dates are ISO (2026-10-15), months as 2026年11月.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from carecenter.domain.vocab import CareLevel, Category, Residence, Status, Vocab
from carecenter.i18n import N_, zh
from carecenter.subsidies.months import stops_from

_MONTH = N_("{year}-{month:02d}")
_OR = N_("{items} or {last}")
_NO_VERSION = N_("{rule} has no figures in force in {month}")
_REGISTERED_AFTER = N_("Registered on {date}, after this month")
_REGISTERED_AFTER_DAY = N_("Registered on {date}, after the day of the meal")
_STOPPED = N_("{status} on {date}; stopped from {month}")
_STOPPED_LATER = N_("{status} on {date}: paid for this month, stopped from {month}")
_STATUS_ALL_MONTH = N_("{status} all of {month}: not paid")
_STATUS_ON_DAY = N_("{status} since {date}")
_RESIDENCE = N_("{residence} household registration does not qualify for {rule}")
_NOT_YET = N_("Reaches {age} on {date}; eligible from the month after ({month})")
_OVER_AGE = N_("Over {age} in {month}")
_NO_CATEGORY = N_("No {categories} category")
_NO_CATEGORY_ON_DAY = N_("No {categories} category valid on {date}")
_CARE_LEVEL = N_("Care level on {date}: {level}; {rule} requires {levels}")
_NOT_ASSESSED = N_("not assessed")
_NO_TIER = N_("Meets no tier ({tiers}): counts as {age} in {month}, care level {level}")
_NOTHING_PAID = N_("The tier {tier} pays nothing")
_MEAL_NOT_COVERED = N_("{rule} does not cover {meal}")
_FACT_CATEGORY = N_("is {categories}")
_FACT_CARE = N_("care level on {date}: {level}")
_FACT_AGE = N_("reached {age} on {date}")
_RECEIVES_FROM_NEXT = N_("receives {rule} ({tier}) from the month after")
_RECEIVES = N_("receives {rule} ({tier})")
_PERIOD = N_("{start} to {end}: {reason}")

CLAUSE = "，"
SENTENCE = "；"


def month_zh(month: dt.date) -> str:
    """2026年11月."""
    return zh(_MONTH).format(year=month.year, month=month.month)


def or_list(items: Sequence[Vocab]) -> str:
    """低保、特困或低收入."""
    names = [i.zh for i in items]
    if len(names) <= 1:
        return "".join(names)
    return zh(_OR).format(items="、".join(names[:-1]), last=names[-1])


def level_zh(level: CareLevel | None) -> str:
    return level.zh if level is not None else zh(_NOT_ASSESSED)


def no_version(rule: str, month: dt.date) -> str:
    return zh(_NO_VERSION).format(rule=rule, month=month_zh(month))


def registered_after(registered_on: dt.date) -> str:
    return zh(_REGISTERED_AFTER).format(date=registered_on.isoformat())


def registered_after_day(registered_on: dt.date) -> str:
    return zh(_REGISTERED_AFTER_DAY).format(date=registered_on.isoformat())


def stopped(status: Status, effective_on: dt.date) -> str:
    """2026-10-15去世，自2026年11月起停发."""
    return zh(_STOPPED).format(
        status=status.zh, date=effective_on.isoformat(), month=month_zh(stops_from(effective_on))
    )


def stops_after_this_month(status: Status, effective_on: dt.date) -> str:
    """For the month of a death or withdrawal: paid for it, and the month it stops from."""
    text = zh(_STOPPED_LATER)
    return text.format(status=status.zh, date=effective_on.isoformat(), month=month_zh(stops_from(effective_on)))


def status_all_month(status: Status | None, month: dt.date) -> str:
    return zh(_STATUS_ALL_MONTH).format(status=status.zh if status else "", month=month_zh(month))


def status_on_day(status: Status | None, since: dt.date) -> str:
    return zh(_STATUS_ON_DAY).format(status=status.zh if status else "", date=since.isoformat())


def residence(value: Residence, rule: str) -> str:
    """外地户籍不享受高龄津贴."""
    return zh(_RESIDENCE).format(residence=value.zh, rule=rule)


def not_yet(age: int, reached: dt.date, first_month: dt.date) -> str:
    """2026-10-01年满80周岁，次月（2026年11月）起享受."""
    return zh(_NOT_YET).format(age=age, date=reached.isoformat(), month=month_zh(first_month))


def over_age(age: int, month: dt.date) -> str:
    return zh(_OVER_AGE).format(age=age, month=month_zh(month))


def no_category(categories: Sequence[Category], on: dt.date | None = None) -> str:
    """无低保、特困或低收入类别 (for a month), or none valid on a meal's day."""
    if on is None:
        return zh(_NO_CATEGORY).format(categories=or_list(categories))
    return zh(_NO_CATEGORY_ON_DAY).format(categories=or_list(categories), date=on.isoformat())


def care_level(level: CareLevel | None, on: dt.date, rule: str, levels: Sequence[CareLevel]) -> str:
    return zh(_CARE_LEVEL).format(date=on.isoformat(), level=level_zh(level), rule=rule, levels=or_list(levels))


def no_tier(tiers: Sequence[str], age: int, month: dt.date, level: CareLevel | None) -> str:
    return zh(_NO_TIER).format(tiers="、".join(tiers), age=age, month=month_zh(month), level=level_zh(level))


def nothing_paid(tier: str) -> str:
    return zh(_NOTHING_PAID).format(tier=tier)


def meal_not_covered(rule: str, meal: Vocab) -> str:
    """助餐补贴不适用于早餐."""
    return zh(_MEAL_NOT_COVERED).format(rule=rule, meal=meal.zh)


def granted(
    rule: str,
    tier: str,
    categories: Sequence[Category] = (),
    care: tuple[CareLevel | None, dt.date] | None = None,
    age: tuple[int, dt.date] | None = None,
) -> str:
    """属低保，2026-11-01照护等级为重度失能，享受重度/完全失能居家养老服务补贴;
    于2025-12-01年满80周岁，自次月起享受80–89周岁高龄津贴."""
    clauses = []
    if categories:
        clauses.append(zh(_FACT_CATEGORY).format(categories="、".join(c.zh for c in categories)))
    if care is not None:
        clauses.append(zh(_FACT_CARE).format(date=care[1].isoformat(), level=level_zh(care[0])))
    if age is not None:
        clauses.append(zh(_FACT_AGE).format(age=age[0], date=age[1].isoformat()))
    clauses.append(zh(_RECEIVES_FROM_NEXT if age is not None else _RECEIVES).format(rule=rule, tier=tier))
    return CLAUSE.join(clauses)


def periods(parts: Sequence[tuple[dt.date, dt.date, str]]) -> str:
    """One reason per run of days: 2026-11-01至2026-11-15：…；2026-11-16至2026-11-30：…"""
    if len(parts) == 1:
        return parts[0][2]
    text = zh(_PERIOD)
    return SENTENCE.join(text.format(start=s.isoformat(), end=e.isoformat(), reason=r) for s, e, r in parts)
