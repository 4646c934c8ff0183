"""Applying the rules: who gets which monthly subsidy in a month, how much a meal is subsidized, and why.

One evaluation, :func:`evaluate`, checks a rule version's gate and picks the highest tier
for one senior against what counts in a month (or on a meal's day). :func:`evaluate_month`
and :func:`evaluate_meal` prepare those facts by the month rules of
:mod:`carecenter.subsidies.months`. On facts loaded in a few queries
(:mod:`carecenter.subsidies.facts`), :func:`compute_grants` runs the monthly rules for a
whole center and :func:`explain_many` gives every rule's :class:`Verdict` for seniors in a
month (the 补贴 tab, the roster's 停发 reasons): granted or not, amount, tier and why, in
Chinese (外地户籍不享受高龄津贴, 2026-10-15去世，自2026年11月起停发, 无低保、特困或低收入类别 …).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from carecenter.domain.months import first_day, last_day
from carecenter.domain.vocab import CareLevel, Category
from carecenter.errors import NotFoundError
from carecenter.i18n import _
from carecenter.subsidies import reasons
from carecenter.subsidies.facts import RuleFigures, SeniorFacts, load_rules, load_seniors
from carecenter.subsidies.months import (
    STOPPING,
    MonthFrame,
    age_for_month,
    care_level_day,
    counts_in_month,
    first_month_at,
    reached_on,
)
from carecenter.subsidies.policy import Definition, MealType, Tier

# Seniors per round of queries in explain_many (keeps IN lists well inside every backend's parameter limit).
_CHUNK = 2000


@dataclass(frozen=True)
class Grant:
    """One line of a month's roster: a senior, a monthly subsidy, its tier and amount, and why."""

    senior_id: int
    member_no: str
    id_number: str
    name: str
    rule_code: str
    rule_name: str
    tier: str
    amount_fen: int
    reason: str


@dataclass(frozen=True)
class Verdict:
    """One rule for one senior in one month. ``per_meal``: the amount is per lunch, not per month."""

    rule_code: str
    rule_name: str
    per_meal: bool
    granted: bool
    amount_fen: int
    tier: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    """One rule for one senior in one month (or one meal): granted or not, the tier and amount, and why."""

    granted: bool
    amount_fen: int
    tier: str
    reason: str

    @classmethod
    def refused(cls, reason: str) -> Outcome:
        return cls(False, 0, "", reason)


@dataclass(frozen=True)
class Circumstances:
    """What a rule is checked against: the senior's age by the month rule, the categories that
    count (for the month or on the meal's day), the care level on the month's first day."""

    frame: MonthFrame
    age: int
    categories: frozenset[Category]
    care_level: CareLevel | None
    category_day: dt.date | None = None  # the meal's day, when categories are those valid on it


_REFUSED = Outcome.refused("")


def _no(why: bool, reason: Callable[[], str]) -> Outcome:
    """A refusal; its reason is only worded when someone will read it (not for a whole roster)."""
    return Outcome.refused(reason() if why else "")


def evaluate(
    rule_name: str, definition: Definition, senior: SeniorFacts, facts: Circumstances, why: bool = True
) -> Outcome:
    """Residence, age, categories and care level of the gate, then the highest tier whose conditions hold.

    The status and registration (which differ for months and meals) are checked by the caller.
    ``why`` False leaves refusals without a reason (computing a roster only keeps the grants).
    """
    birth, month = senior.birth_date, facts.frame.first
    if definition.residence and senior.residence not in definition.residence:
        return _no(why, lambda: reasons.residence(senior.residence, rule_name))
    low = definition.min_age
    if low is not None and facts.age < low:
        return _no(why, lambda: reasons.not_yet(low, reached_on(birth, low), first_month_at(birth, low)))
    high = definition.max_age
    if high is not None and facts.age > high:
        return _no(why, lambda: reasons.over_age(high, month))
    if definition.categories and facts.categories.isdisjoint(definition.categories):
        return _no(why, lambda: reasons.no_category(definition.categories, facts.category_day))
    if definition.care_levels and facts.care_level not in definition.care_levels:
        return _no(why, lambda: reasons.care_level(facts.care_level, month, rule_name, definition.care_levels))
    best: Tier | None = None
    for tier in definition.tiers:
        if _holds(tier, facts) and (best is None or tier.amount_fen > best.amount_fen):
            best = tier
    if best is None:
        labels = [t.label for t in definition.tiers]
        return _no(why, lambda: reasons.no_tier(labels, facts.age, month, facts.care_level))
    if best.amount_fen <= 0:
        label = best.label
        return _no(why, lambda: reasons.nothing_paid(label))
    return Outcome(True, best.amount_fen, best.label, _granted_reason(rule_name, definition, best, senior, facts))


def _holds(tier: Tier, facts: Circumstances) -> bool:
    return (
        (tier.min_age is None or facts.age >= tier.min_age)
        and (tier.max_age is None or facts.age <= tier.max_age)
        and (not tier.categories or not facts.categories.isdisjoint(tier.categories))
        and (not tier.care_levels or facts.care_level in tier.care_levels)
    )


def _granted_reason(
    rule_name: str, definition: Definition, tier: Tier, senior: SeniorFacts, facts: Circumstances
) -> str:
    """The facts that earned the tier: its categories, its care level, the age it was reached at."""
    wanted = tier.categories or definition.categories
    categories = [c for c in wanted if c in facts.categories]
    level_day = care_level_day(facts.frame.first)
    care = (facts.care_level, level_day) if tier.care_levels or definition.care_levels else None
    age_limit = tier.min_age
    if age_limit is None and not categories and care is None:
        age_limit = definition.min_age
    age = (age_limit, reached_on(senior.birth_date, age_limit)) if age_limit is not None else None
    return reasons.granted(rule_name, tier.label, categories, care, age)


def evaluate_month(rule: RuleFigures, senior: SeniorFacts, month: dt.date | MonthFrame, why: bool = True) -> Outcome:
    """A monthly rule for one senior in ``month`` (its first day, or its frame), by the month rules."""
    frame = MonthFrame.of(month)
    version = rule.in_force(frame.first)
    if version is None:
        return _no(why, lambda: reasons.no_version(rule.name, frame.first))
    return _month_outcome(rule.name, version.definition, senior, frame, why)


def _month_outcome(name: str, definition: Definition, senior: SeniorFacts, frame: MonthFrame, why: bool) -> Outcome:
    if not why and not _may_qualify(definition, senior, frame):
        return _REFUSED  # a whole roster: the cheap tests first, since most seniors fail on age or residence
    if senior.registered_on > frame.last:
        return _no(why, lambda: reasons.registered_after(senior.registered_on))
    if not counts_in_month(senior.registered_on, senior.history, frame, definition.statuses):
        return _no(why, lambda: _not_counted(senior, frame))
    facts = Circumstances(
        frame, age_for_month(senior.birth_date, frame), senior.categories_in_month(frame), senior.care_level
    )
    outcome = evaluate(name, definition, senior, facts, why)
    if not outcome.granted:
        return outcome
    last = senior.history.last_change(frame.last)
    if last is not None and last[1] in STOPPING and last[1] not in definition.statuses:
        # Died or withdrew during the month: paid for it, and the roster says when it stops.
        stop = reasons.stops_after_this_month(last[1], last[0])
        return Outcome(True, outcome.amount_fen, outcome.tier, reasons.SENTENCE.join((outcome.reason, stop)))
    return outcome


def _may_qualify(definition: Definition, senior: SeniorFacts, frame: MonthFrame) -> bool:
    """The residence and age tests of the gate alone (the same tests ``evaluate`` makes, in another order)."""
    if definition.residence and senior.residence not in definition.residence:
        return False
    if definition.min_age is None and definition.max_age is None:
        return True
    age = age_for_month(senior.birth_date, frame)
    return (definition.min_age is None or age >= definition.min_age) and (
        definition.max_age is None or age <= definition.max_age
    )


def _not_counted(senior: SeniorFacts, frame: MonthFrame) -> str:
    last = senior.history.last_change(frame.last)
    if last is not None and last[1] in STOPPING:
        return reasons.stopped(last[1], last[0])
    return reasons.status_all_month(last[1] if last else None, frame.first)


def evaluate_meal(rule: RuleFigures, senior: SeniorFacts, meal_type: MealType, day: dt.date) -> Outcome:
    """The per-meal rule for one meal: the month rule for the age, categories valid on ``day``, status on ``day``."""
    frame = MonthFrame.of(day)
    version = rule.in_force(frame.first)
    if version is None:
        return Outcome.refused(reasons.no_version(rule.name, frame.first))
    definition = version.definition
    if meal_type not in definition.covered_meals():
        return Outcome.refused(reasons.meal_not_covered(rule.name, meal_type))
    if senior.registered_on > day:
        return Outcome.refused(reasons.registered_after_day(senior.registered_on))
    last = senior.history.last_change(day)
    if last is None or last[1] not in definition.statuses:
        return Outcome.refused(reasons.status_on_day(last[1] if last else None, last[0] if last else day))
    facts = Circumstances(
        frame, age_for_month(senior.birth_date, frame), senior.categories_on(day), senior.care_level, day
    )
    return evaluate(rule.name, definition, senior, facts)


def compute_grants(session: Session, month: dt.date, center_id: int | None) -> list[Grant]:
    """Every monthly subsidy granted in ``month`` to the seniors of a center (None: every center).

    Sorted by rule code, then ID number; ID numbers are in full (callers mask them).
    Per-meal rules are not listed: they are granted meal by meal.
    """
    frame = MonthFrame.of(month)
    in_force = [(r, v) for r in load_rules(session) if not r.per_meal and (v := r.in_force(frame.first)) is not None]
    if not in_force:
        return []
    seniors = load_seniors(
        session,
        care_level_day(frame.first),
        center_id=center_id,
        registered_by=frame.last,
        history_until=frame.last,
    )
    grants = []
    for rule, version in in_force:
        for senior in seniors:
            outcome = _month_outcome(rule.name, version.definition, senior, frame, why=False)
            if outcome.granted:
                grants.append(
                    Grant(
                        senior.id,
                        senior.member_no,
                        senior.id_number,
                        senior.name,
                        rule.code,
                        rule.name,
                        outcome.tier,
                        outcome.amount_fen,
                        outcome.reason,
                    )
                )
    grants.sort(key=lambda g: (g.rule_code, g.id_number))
    return grants


# ---- the meal subsidy over a day and a month ------------------------------------------------------


def best_meal_outcome(rules: Sequence[RuleFigures], senior: SeniorFacts, meal_type: MealType, day: dt.date) -> Outcome:
    """The highest per-meal subsidy among the per-meal rules (normally the one 助餐补贴)."""
    outcomes = [evaluate_meal(rule, senior, meal_type, day) for rule in rules if rule.per_meal]
    granted = [o for o in outcomes if o.granted]
    if granted:
        return max(granted, key=lambda o: o.amount_fen)
    return outcomes[0] if outcomes else Outcome.refused("")


def month_meal_outcome(
    rules: Sequence[RuleFigures], senior: SeniorFacts, month: dt.date, meal_type: MealType = MealType.LUNCH
) -> Outcome:
    """The meal subsidy over a month's ``meal_type`` meals, for the explain view.

    When the subsidy changes within the month (a category ends, the senior dies), the reason
    names each run of days; the amount and tier are the highest of the month.
    """
    runs: list[tuple[dt.date, dt.date, Outcome]] = []
    day, end = first_day(month), last_day(month)
    while day <= end:
        outcome = best_meal_outcome(rules, senior, meal_type, day)
        if runs and runs[-1][2] == outcome:
            runs[-1] = (runs[-1][0], day, outcome)
        else:
            runs.append((day, day, outcome))
        day += dt.timedelta(days=1)
    granted = [run[2] for run in runs if run[2].granted]
    best = max(granted, key=lambda o: o.amount_fen) if granted else runs[0][2]
    text = reasons.periods([(start, stop, o.reason) for start, stop, o in runs])
    return Outcome(best.granted, best.amount_fen, best.tier, text)


# ---- explaining ------------------------------------------------------------------------------------


def _verdict(rule: RuleFigures, outcome: Outcome) -> Verdict:
    return Verdict(
        rule.code, rule.name, rule.per_meal, outcome.granted, outcome.amount_fen, outcome.tier, outcome.reason
    )


def verdicts(rules: Sequence[RuleFigures], senior: SeniorFacts, month: dt.date) -> list[Verdict]:
    """Every rule, in the rules' order, for one senior whose facts were loaded for ``month``."""
    return [
        _verdict(
            rule, month_meal_outcome([rule], senior, month) if rule.per_meal else evaluate_month(rule, senior, month)
        )
        for rule in rules
    ]


def explain_many(session: Session, senior_ids: Collection[int], month: dt.date) -> dict[int, list[Verdict]]:
    """Verdicts of every rule (monthly and per meal) for each of ``senior_ids`` in ``month``; unknown ids left out.

    Reads in rounds of a few queries per 2,000 seniors, never per senior.
    """
    month = first_day(month)
    rules = load_rules(session)
    ids = sorted(set(senior_ids))
    found: dict[int, list[Verdict]] = {}
    for i in range(0, len(ids), _CHUNK):
        for senior in load_seniors(session, care_level_day(month), senior_ids=ids[i : i + _CHUNK]):
            found[senior.id] = verdicts(rules, senior, month)
    return found


def explain_senior(session: Session, senior_id: int, month: dt.date) -> list[Verdict]:
    """Verdicts of every rule for one senior in ``month``; NotFoundError for an unknown senior."""
    found = explain_many(session, [senior_id], month).get(senior_id)
    if found is None:
        raise NotFoundError(_("No senior with id {id}.").format(id=senior_id))
    return found
