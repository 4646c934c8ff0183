"""``cc.subsidies``: the subsidy policy (rules, versions, meal prices), eligibility, explanations, meal charges.

Figures change only forward: a new version starts on the first day of a month after the
rule's latest version and after every approved month (a roster once approved is what the
month was), and closes the version before it on the day before it starts. Past months
keep the figures that were in force. Every change is in the audit trail (the models are
audited by :mod:`carecenter.db.audit_hook`). Policy changes need ``SUBSIDY_POLICY``;
eligibility and explanations need ``LOOKUP_SENIORS`` and show ID numbers masked unless the
role may see them in full.

The shipped policy (``resources/subsidy_policy.json``) is written into empty tables the
first time a database is opened (:meth:`SubsidyService.ensure_default_policy`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from carecenter.actor import Actor, Role
from carecenter.bundled import resource
from carecenter.clock import Clock, stamp
from carecenter.db.models import MealPrice, SubsidyRoster, SubsidyRule, SubsidyRuleVersion
from carecenter.db.sessions import Sessions
from carecenter.domain.idnumber import mask
from carecenter.domain.months import first_day, last_day, month_label, shift
from carecenter.domain.text import normalize_line, text_reason
from carecenter.errors import FieldError, NotFoundError, ValidationError, labelled
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, allowed, require
from carecenter.subsidies import engine, meal
from carecenter.subsidies.engine import Grant, Verdict
from carecenter.subsidies.meal import MealCharge
from carecenter.subsidies.money import parse_yuan, yuan
from carecenter.subsidies.policy import Definition, MealType, check_definition, definition_text, parse_definition
from carecenter.subsidies.rosters import approved_grants

DEFAULT_POLICY_ACTOR = Actor(username="system:default-policy", role=Role.ADMIN)
POLICY_FILE = "subsidy_policy.json"

FIELD_LABELS: dict[str, str] = {
    "code": N_("Subsidy"),
    "starts_on": N_("Effective from"),
    "ends_on": N_("Effective until"),
    "note": N_("Note"),
    "meal_types": N_("Meals covered"),
    "meal_type": N_("Meal"),
    "price_fen": N_("Price"),
}


# The highest price of one meal: more is a typing slip (an extra zero), not a price.
MAX_MEAL_PRICE_FEN = 1_000_00


def _error(field: str, reason: str) -> FieldError:
    return labelled(FIELD_LABELS, field, reason)


@dataclass(frozen=True)
class VersionInfo:
    """One version of a rule's figures: in force from ``starts_on`` (a first) to ``ends_on`` (a last day) or on."""

    id: int
    starts_on: dt.date
    ends_on: dt.date | None
    definition: Definition
    note: str
    created_at: dt.datetime
    created_by: str


@dataclass(frozen=True)
class RuleInfo:
    """A subsidy and its versions, oldest first."""

    id: int
    code: str
    name: str
    per_meal: bool
    position: int
    versions: tuple[VersionInfo, ...]

    def in_force(self, month: dt.date) -> VersionInfo | None:
        """The version in force in ``month``'s month."""
        start = first_day(month)
        return next(
            (v for v in reversed(self.versions) if v.starts_on <= start and (v.ends_on is None or v.ends_on >= start)),
            None,
        )


@dataclass(frozen=True)
class MealPriceInfo:
    id: int
    meal_type: MealType
    starts_on: dt.date
    price_fen: int
    created_at: dt.datetime
    created_by: str


class SubsidyService:
    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- the policy ----------------------------------------------------------------------------

    def rules(self) -> list[RuleInfo]:
        """Every subsidy with its versions, in display order."""
        with self._sessions() as session:
            rules = session.scalars(
                select(SubsidyRule)
                .options(selectinload(SubsidyRule.versions))
                .order_by(SubsidyRule.position, SubsidyRule.id)
            ).all()
            return [_rule_info(r) for r in rules]

    def rule(self, code: str) -> RuleInfo:
        with self._sessions() as session:
            return _rule_info(_load_rule(session, code))

    def approved_through(self) -> dt.date | None:
        """The latest month approved for any center: versions must start after it."""
        with self._sessions() as session:
            return session.scalar(select(func.max(SubsidyRoster.month)))

    def add_version(
        self,
        code: str,
        starts_on: dt.date,
        definition: Definition | Mapping[str, Any] | str,
        actor: Actor,
        ends_on: dt.date | None = None,
        note: str = "",
    ) -> RuleInfo:
        """New figures of a rule from ``starts_on`` (a month's first day) on, or until ``ends_on`` (a last day).

        ``definition`` is a :class:`Definition` or its JSON form. Refused, naming every bad
        field, when the figures do not hold together (see :func:`check_definition`), when the
        version would not start after the latest version, or would reach an approved month.
        The version before it, if still running then, is closed on the day before ``starts_on``.
        """
        require(actor, Permission.SUBSIDY_POLICY)
        note = normalize_line(note)
        with self._sessions(actor) as session:
            rule = _load_rule(session, code)
            errors: list[FieldError] = []
            parsed = _definition(definition, errors)
            if parsed is not None and parsed.meal_types and not rule.per_meal:
                errors.append(_error("meal_types", _("only a per-meal subsidy covers meals")))
            errors.extend(self._period_errors(session, rule, starts_on, ends_on))
            if bad := text_reason(note, "reason"):
                errors.append(_error("note", bad))
            if errors or parsed is None:
                raise ValidationError(errors)
            for version in rule.versions:
                if version.ends_on is None or version.ends_on >= starts_on:
                    version.ends_on = starts_on - dt.timedelta(days=1)
            now = stamp(self._clock)
            rule.versions.append(
                SubsidyRuleVersion(
                    starts_on=starts_on,
                    ends_on=ends_on,
                    definition=definition_text(parsed),
                    note=note,
                    created_at=now,
                    created_by=actor.username,
                )
            )
            rule.updated_at = now
            rule.updated_by = actor.username
            session.commit()
            return _rule_info(rule)

    def _period_errors(
        self, session: Session, rule: SubsidyRule, starts_on: dt.date, ends_on: dt.date | None
    ) -> list[FieldError]:
        errors = []
        latest = max((v.starts_on for v in rule.versions), default=None)
        approved = session.scalar(select(func.max(SubsidyRoster.month)))
        if starts_on.day != 1:
            errors.append(_error("starts_on", _("must be the first day of a month")))
        elif latest is not None and starts_on <= latest:
            errors.append(
                _error(
                    "starts_on",
                    _("must be after the start of the latest version ({date}); add one from {month}").format(
                        date=latest.isoformat(), month=month_label(shift(latest, 1))
                    ),
                )
            )
        elif approved is not None and starts_on <= approved:
            errors.append(
                _error(
                    "starts_on",
                    _("Approved months cannot be changed; add a version from {month}").format(
                        month=month_label(shift(approved, 1))
                    ),
                )
            )
        if ends_on is not None:
            if ends_on < starts_on:
                errors.append(
                    _error("ends_on", _("cannot be before the start ({date})").format(date=starts_on.isoformat()))
                )
            elif ends_on != last_day(ends_on):
                errors.append(_error("ends_on", _("must be the last day of a month")))
        return errors

    def meal_prices(self) -> list[MealPriceInfo]:
        """Every price of every meal type, by meal type then start."""
        order = {m.value: i for i, m in enumerate(MealType)}
        with self._sessions() as session:
            prices = session.scalars(select(MealPrice)).all()
            infos = [_price_info(p) for p in prices]
        return sorted(infos, key=lambda p: (order[p.meal_type.value], p.starts_on))

    def set_meal_price(
        self, meal_type: MealType | str, starts_on: dt.date, price_fen: int | str, actor: Actor
    ) -> MealPriceInfo:
        """The price of a meal type from ``starts_on`` on (an int of fen, or 元 as typed: "12.5").

        A price starts after the current one; a price not yet in force may be corrected by
        setting it again for the same day.
        """
        require(actor, Permission.SUBSIDY_POLICY)
        errors: list[FieldError] = []
        kind = _meal_type(meal_type, errors)
        fen = _price(price_fen, errors)
        with self._sessions(actor) as session:
            existing = None
            if kind is not None:
                latest = session.scalars(
                    select(MealPrice).where(MealPrice.meal_type == kind.value).order_by(MealPrice.starts_on.desc())
                ).first()
                if latest is not None and starts_on == latest.starts_on and starts_on > self._clock.today():
                    existing = latest
                elif latest is not None and starts_on <= latest.starts_on:
                    errors.append(
                        _error(
                            "starts_on",
                            _("must be after the start of the current price ({date})").format(
                                date=latest.starts_on.isoformat()
                            ),
                        )
                    )
            if errors or kind is None:
                raise ValidationError(errors)
            if existing is not None:
                existing.price_fen = fen
                price = existing
            else:
                price = MealPrice(
                    meal_type=kind.value,
                    starts_on=starts_on,
                    price_fen=fen,
                    created_at=stamp(self._clock),
                    created_by=actor.username,
                )
                session.add(price)
            session.commit()
            return _price_info(price)

    # ---- reading ----------------------------------------------------------------------------------

    def eligibility(self, actor: Actor, month: dt.date, center_id: int | None = None) -> list[Grant]:
        """The monthly subsidies of ``month`` computed from today's records (any month: past, or a future preview).

        Sorted by rule code, then ID number; ID numbers masked unless ``actor`` may see them.
        """
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            grants = engine.compute_grants(session, month, center_id)
        return _masked(actor, grants)

    def approved(self, actor: Actor, month: dt.date, center_id: int | None = None) -> list[Grant] | None:
        """The approved roster of ``month`` (of every center when ``center_id`` is None), None unless approved.

        Sorted and masked like :meth:`eligibility`; the snapshot, not today's records.
        """
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            grants = approved_grants(session, center_id, first_day(month))
        return None if grants is None else _masked(actor, grants)

    def explain(self, actor: Actor, senior_id: int, month: dt.date) -> list[Verdict]:
        """Every rule (monthly and the meal subsidy for the month's lunches) for one senior: granted or not, and why."""
        require(actor, Permission.LOOKUP_SENIORS)
        with self._sessions() as session:
            return engine.explain_senior(session, senior_id, month)

    def meal_charge(self, senior_id: int, meal_type: MealType, day: dt.date) -> MealCharge:
        """What one meal costs the senior: price, subsidy (highest tier, not a sum), and max(0, price − subsidy)."""
        with self._sessions() as session:
            return meal.meal_charge(session, senior_id, meal_type, day)

    def meal_charges(self, senior_ids: Collection[int], meal_type: MealType, day: dt.date) -> dict[int, MealCharge]:
        """:meth:`meal_charge` for many seniors at once (a serving), in a few queries."""
        with self._sessions() as session:
            return meal.meal_charges(session, senior_ids, meal_type, day)

    # ---- first start ------------------------------------------------------------------------------

    def ensure_default_policy(self) -> bool:
        """Write the shipped rules and meal prices into empty tables; True if anything was written.

        One query when the policy is already there. Idempotent, also when two desks open a
        new database at once (the second one's insert is refused by the unique codes).
        """
        with self._sessions() as session:
            has_rules, has_prices = session.execute(select(exists(SubsidyRule.id), exists(MealPrice.id))).one()
        if has_rules and has_prices:
            return False
        data = json.loads(resource(POLICY_FILE).read_text(encoding="utf-8"))
        with self._sessions(DEFAULT_POLICY_ACTOR) as session:
            now = stamp(self._clock)
            actor = DEFAULT_POLICY_ACTOR.username
            if not has_rules:
                for position, rule in enumerate(data["rules"]):
                    session.add(_default_rule(rule, position, now, actor))
            if not has_prices:
                for row in data["meal_prices"]:
                    session.add(
                        MealPrice(
                            meal_type=MealType.of(row["meal_type"]).value,
                            starts_on=dt.date.fromisoformat(row["starts_on"]),
                            price_fen=parse_yuan(row["price"]),
                            created_at=now,
                            created_by=actor,
                        )
                    )
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                return False
        return True


# ---- helpers --------------------------------------------------------------------------------------


def _masked(actor: Actor, grants: list[Grant]) -> list[Grant]:
    if allowed(actor, Permission.SEE_FULL_ID):
        return grants
    return [replace(g, id_number=mask(g.id_number)) for g in grants]


def _load_rule(session: Session, code: str) -> SubsidyRule:
    rule = session.scalar(
        select(SubsidyRule).where(SubsidyRule.code == code.strip()).options(selectinload(SubsidyRule.versions))
    )
    if rule is None:
        raise NotFoundError(_("No subsidy with code {code}.").format(code=code))
    return rule


def _rule_info(rule: SubsidyRule) -> RuleInfo:
    versions = tuple(
        VersionInfo(v.id, v.starts_on, v.ends_on, parse_definition(v.definition), v.note, v.created_at, v.created_by)
        for v in sorted(rule.versions, key=lambda v: v.starts_on)
    )
    return RuleInfo(rule.id, rule.code, rule.name, rule.per_meal, rule.position, versions)


def _price_info(price: MealPrice) -> MealPriceInfo:
    return MealPriceInfo(
        price.id, MealType.of(price.meal_type), price.starts_on, price.price_fen, price.created_at, price.created_by
    )


def _definition(definition: Definition | Mapping[str, Any] | str, errors: list[FieldError]) -> Definition | None:
    if isinstance(definition, Definition):
        found = check_definition(definition)
        errors.extend(found)
        return None if found else definition
    try:
        return parse_definition(definition)
    except ValidationError as exc:
        errors.extend(exc.errors)
        return None


def _meal_type(value: MealType | str, errors: list[FieldError]) -> MealType | None:
    if isinstance(value, MealType):
        return value
    try:
        return MealType.of(str(value).strip())
    except ValueError:
        codes = ", ".join(m.value for m in MealType)
        errors.append(_error("meal_type", _("unknown code “{code}”; allowed: {codes}").format(code=value, codes=codes)))
        return None


def _price(value: int | str, errors: list[FieldError]) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        fen = value
        if fen < 0:
            errors.append(_error("price_fen", _("cannot be negative")))
            return fen
    else:
        try:
            fen = parse_yuan(value, "price_fen", _(FIELD_LABELS["price_fen"]))
        except FieldError as exc:
            errors.append(exc)
            return 0
    if fen > MAX_MEAL_PRICE_FEN:  # a typing slip; far more would not even fit the database column
        errors.append(_error("price_fen", _("at most {max} 元 per meal").format(max=yuan(MAX_MEAL_PRICE_FEN))))
    return fen


def _default_rule(data: Mapping[str, Any], position: int, now: dt.datetime, actor: str) -> SubsidyRule:
    """One rule of the shipped policy file, its versions parsed (and so checked) like an admin's."""
    versions = [
        SubsidyRuleVersion(
            starts_on=dt.date.fromisoformat(v["starts_on"]),
            ends_on=dt.date.fromisoformat(v["ends_on"]) if v.get("ends_on") else None,
            definition=definition_text(parse_definition(v["definition"])),
            note=v.get("note", ""),
            created_at=now,
            created_by=actor,
        )
        for v in data["versions"]
    ]
    return SubsidyRule(
        code=data["code"],
        name=data["name"],
        per_meal=bool(data.get("per_meal", False)),
        position=position,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
        versions=versions,
    )
