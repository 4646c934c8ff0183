"""What the subsidy rules read, loaded for many seniors at once: a few set-based queries, no per-senior query.

A district database holds 50,000 seniors and eligibility for all of them must stay well
under two seconds, so :func:`load_seniors` reads the seniors, their status histories,
their categories and their care levels in four queries and the rules are then applied in
Python. :func:`load_rules` reads every rule with its versions (a handful of rows).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from carecenter.care.assessments import care_levels
from carecenter.db.models import Senior, SeniorCategory, StatusChange, SubsidyRule, SubsidyRuleVersion
from carecenter.domain.vocab import CareLevel, Category, Residence
from carecenter.subsidies.months import MonthFrame, StatusHistory, category_counts, category_valid_on
from carecenter.subsidies.policy import Definition, parse_definition

Ts = TypeVarTuple("Ts")

# Above this many seniors the care levels of every senior are read (one query without a huge IN list).
_IN_LIST_LIMIT = 5000


class CategorySpan(NamedTuple):
    category: Category
    valid_from: dt.date | None
    valid_to: dt.date | None


class SeniorFacts(NamedTuple):
    """One senior as the rules see them; ``care_level`` is the one in force on the day it was loaded for.

    A named tuple, not a dataclass: a district builds 50,000 of them per roster.
    """

    id: int
    center_id: int
    member_no: str
    id_number: str
    name: str
    birth_date: dt.date
    residence: Residence
    registered_on: dt.date
    history: StatusHistory
    categories: tuple[CategorySpan, ...]
    care_level: CareLevel | None

    def categories_in_month(self, month: dt.date | MonthFrame) -> frozenset[Category]:
        """The categories that count for ``month`` (valid on at least one of its days)."""
        if not self.categories:
            return frozenset()
        frame = MonthFrame.of(month)
        return frozenset(
            c.category for c in self.categories if category_counts(c.valid_from, c.valid_to, self.registered_on, frame)
        )

    def categories_on(self, day: dt.date) -> frozenset[Category]:
        """The categories valid on ``day`` (the meal subsidy's rule)."""
        return frozenset(
            c.category for c in self.categories if category_valid_on(c.valid_from, c.valid_to, self.registered_on, day)
        )


@dataclass(frozen=True)
class VersionFigures:
    starts_on: dt.date
    ends_on: dt.date | None
    definition: Definition

    def covers(self, month: dt.date) -> bool:
        """Whether this version is in force in ``month`` (versions start on a first and end on a last day)."""
        return self.starts_on <= month and (self.ends_on is None or self.ends_on >= month)


@dataclass(frozen=True)
class RuleFigures:
    """A rule and every version of its figures, oldest first."""

    id: int
    code: str
    name: str
    per_meal: bool
    position: int
    versions: tuple[VersionFigures, ...]

    def in_force(self, month: dt.date) -> VersionFigures | None:
        """The version in force in ``month`` (its first day), if any."""
        return next((v for v in reversed(self.versions) if v.covers(month)), None)


def load_rules(session: Session) -> list[RuleFigures]:
    """Every rule with its parsed versions, in the rules' order."""
    rules = session.execute(
        select(SubsidyRule.id, SubsidyRule.code, SubsidyRule.name, SubsidyRule.per_meal, SubsidyRule.position).order_by(
            SubsidyRule.position, SubsidyRule.id
        )
    ).all()
    versions: dict[int, list[VersionFigures]] = defaultdict(list)
    rows = session.execute(
        select(
            SubsidyRuleVersion.rule_id,
            SubsidyRuleVersion.starts_on,
            SubsidyRuleVersion.ends_on,
            SubsidyRuleVersion.definition,
        ).order_by(SubsidyRuleVersion.rule_id, SubsidyRuleVersion.starts_on)
    )
    for rule_id, starts_on, ends_on, text in rows:
        versions[rule_id].append(VersionFigures(starts_on, ends_on, parse_definition(text)))
    return [RuleFigures(r.id, r.code, r.name, r.per_meal, r.position, tuple(versions[r.id])) for r in rules]


def _scoped(
    stmt: Select[*Ts],
    center_id: int | None,
    senior_ids: Collection[int] | None,
    registered_by: dt.date | None,
) -> Select[*Ts]:
    if center_id is not None:
        stmt = stmt.where(Senior.center_id == center_id)
    if senior_ids is not None:
        stmt = stmt.where(Senior.id.in_(list(senior_ids)))
    if registered_by is not None:
        stmt = stmt.where(Senior.registered_on <= registered_by)
    return stmt


def load_seniors(
    session: Session,
    care_day: dt.date,
    *,
    center_id: int | None = None,
    senior_ids: Collection[int] | None = None,
    registered_by: dt.date | None = None,
    history_until: dt.date | None = None,
) -> list[SeniorFacts]:
    """The seniors of a center (or all, or ``senior_ids``), registered by ``registered_by`` when given.

    Status changes after ``history_until`` are not read (they cannot matter for a month
    ending then); care levels are those in force on ``care_day``. Ordered by senior id.
    """
    # Core rows (the connection, not the ORM) and tuple unpacking: this is the hot path of a district roster.
    connection = session.connection()
    seniors = connection.execute(
        _scoped(
            select(
                Senior.id,
                Senior.center_id,
                Senior.member_no,
                Senior.id_number,
                Senior.name,
                Senior.birth_date,
                Senior.residence,
                Senior.registered_on,
            ),
            center_id,
            senior_ids,
            registered_by,
        ).order_by(Senior.id)
    ).all()
    if not seniors:
        return []
    changes_stmt = _scoped(
        select(StatusChange.senior_id, StatusChange.effective_on, StatusChange.status).join(
            Senior, Senior.id == StatusChange.senior_id
        ),
        center_id,
        senior_ids,
        registered_by,
    )
    if history_until is not None:
        changes_stmt = changes_stmt.where(StatusChange.effective_on <= history_until)
    changes: dict[int, list[tuple[dt.date, Any]]] = defaultdict(list)
    for senior_id, effective_on, status in connection.execute(
        changes_stmt.order_by(StatusChange.senior_id, StatusChange.effective_on, StatusChange.id)
    ):
        changes[senior_id].append((effective_on, status))
    categories: dict[int, list[CategorySpan]] = defaultdict(list)
    for senior_id, category, valid_from, valid_to in connection.execute(
        _scoped(
            select(
                SeniorCategory.senior_id, SeniorCategory.category, SeniorCategory.valid_from, SeniorCategory.valid_to
            )
            .join(Senior, Senior.id == SeniorCategory.senior_id)
            .order_by(SeniorCategory.senior_id, SeniorCategory.id),
            center_id,
            senior_ids,
            registered_by,
        )
    ):
        categories[senior_id].append(CategorySpan(category, valid_from, valid_to))
    ids = [s[0] for s in seniors]
    levels = care_levels(session, ids if len(ids) <= _IN_LIST_LIMIT else None, on=care_day)
    no_changes: tuple[tuple[dt.date, Any], ...] = ()
    return [
        SeniorFacts(
            sid,
            center,
            member_no,
            id_number,
            name,
            birth,
            residence,
            registered,
            StatusHistory(tuple(changes[sid]) if sid in changes else no_changes),
            tuple(categories[sid]) if sid in categories else (),
            levels.get(sid),
        )
        for sid, center, member_no, id_number, name, birth, residence, registered in seniors
    ]
