"""A rule version's conditions and tiers: the policy as data, parsed, checked and written back as JSON.

A version's ``definition`` (stored as JSON in ``subsidy_rule_versions.definition``) has
gate conditions that must all hold and tiers; a senior who passes the gate gets the
highest amount among the tiers whose own conditions all hold (the highest, never a sum)::

    {"residence": ["local"],                 # 户籍 codes; absent = any
     "statuses": ["active", "paused"],       # the default
     "categories": ["dibao", "tekun"],       # any of them; absent = no condition
     "care_levels": ["moderate", "severe"],  # any of them; absent = no condition
     "min_age": 80, "max_age": null,         # by the month rule (carecenter.subsidies.months)
     "meal_types": ["lunch"],                # per-meal rules only; absent = lunch
     "tiers": [{"label": "80–89周岁", "min_age": 80, "max_age": 89, "amount_fen": 10000}, …]}

A tier may also be written with ``"amount": "100.00"`` (元, as in the shipped policy file);
it is stored as ``amount_fen``. Tiers whose only conditions are ages form the age bands:
sorted, each band starts where the one before ends plus one year, none overlaps.

:func:`parse_definition` turns JSON into a :class:`Definition` (unknown keys and codes
refused), :func:`check_definition` lists what is wrong with one, :func:`definition_json`
writes it back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any, TypeVar

from carecenter.domain.text import normalize_line, text_reason
from carecenter.domain.vocab import CURRENT_STATUSES, CareLevel, Category, Residence, Status, Vocab
from carecenter.errors import FieldError, ValidationError
from carecenter.i18n import N_, _
from carecenter.subsidies.money import parse_yuan, yuan

MAX_AGE = 150
MAX_AMOUNT_FEN = 10_000_00  # the most one tier grants a senior (a month, or a meal): 10,000 元

FIELD_LABELS: dict[str, str] = {
    "residence": N_("Household registration"),
    "statuses": N_("Statuses"),
    "categories": N_("Categories"),
    "care_levels": N_("Care levels"),
    "min_age": N_("Lowest age"),
    "max_age": N_("Highest age"),
    "meal_types": N_("Meals covered"),
    "tiers": N_("Tiers"),
    "label": N_("Tier name"),
    "amount_fen": N_("Amount"),
    "definition": N_("Rule definition"),
}
_GATE_KEYS = frozenset(
    {"residence", "statuses", "categories", "care_levels", "min_age", "max_age", "meal_types", "tiers"}
)
_TIER_KEYS = frozenset({"label", "min_age", "max_age", "categories", "care_levels", "amount_fen", "amount"})


class MealType(Vocab):
    """The meals a center serves; prices and the meal subsidy are per meal type."""

    BREAKFAST = "breakfast", N_("Breakfast")
    LUNCH = "lunch", N_("Lunch")
    DINNER = "dinner", N_("Dinner")


@dataclass(frozen=True)
class Tier:
    """One amount and the conditions (all must hold) under which a senior gets it."""

    label: str
    amount_fen: int
    min_age: int | None = None
    max_age: int | None = None
    categories: tuple[Category, ...] = ()
    care_levels: tuple[CareLevel, ...] = ()

    @property
    def is_age_band(self) -> bool:
        """A tier whose only conditions are ages: one of the rule's age bands."""
        has_age = self.min_age is not None or self.max_age is not None
        return has_age and not self.categories and not self.care_levels


@dataclass(frozen=True)
class Definition:
    """A rule version's gate conditions (all must hold) and its tiers (the highest that applies is paid)."""

    tiers: tuple[Tier, ...]
    residence: tuple[Residence, ...] = ()
    statuses: tuple[Status, ...] = CURRENT_STATUSES
    categories: tuple[Category, ...] = ()
    care_levels: tuple[CareLevel, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    meal_types: tuple[MealType, ...] = ()

    def covered_meals(self) -> tuple[MealType, ...]:
        """The meals a per-meal rule pays for (lunch when the definition names none)."""
        return self.meal_types or (MealType.LUNCH,)


def _label(key: str) -> str:
    return _(FIELD_LABELS[key])


def _gate_error(key: str, reason: str) -> FieldError:
    return FieldError(key, _label(key), reason)


def _tier_label(index: int, key: str) -> str:
    return _("Tier {n}: {field}").format(n=index + 1, field=_label(key))


def _tier_error(index: int, key: str, reason: str) -> FieldError:
    return FieldError(f"tiers.{index}.{key}", _tier_label(index, key), reason)


# ---- JSON in -------------------------------------------------------------------------------------

V = TypeVar("V", bound=Vocab)


def _codes(value: Any, vocab: type[V], error: Callable[[str], FieldError], errors: list[FieldError]) -> tuple[V, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(error(_("must be a list of codes")))
        return ()
    found: list[V] = []
    for code in value:
        try:
            member = vocab.of(code.strip())
        except ValueError:
            allowed = ", ".join(m.value for m in vocab)
            errors.append(error(_("unknown code “{code}”; allowed: {codes}").format(code=code, codes=allowed)))
            continue
        if member not in found:
            found.append(member)
    return tuple(found)


def _age(value: Any, error: Callable[[str], FieldError], errors: list[FieldError]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AGE:
        errors.append(error(_("must be a whole number of years between 0 and {max}").format(max=MAX_AGE)))
        return None
    return value


def _unknown_keys(
    data: Mapping[str, Any], allowed: frozenset[str], error: Callable[[str], FieldError]
) -> list[FieldError]:
    return [error(_("unknown setting “{key}”").format(key=key)) for key in sorted(set(data) - allowed)]


def _parse_tier(index: int, data: Any, errors: list[FieldError]) -> Tier | None:
    def error_for(key: str) -> Callable[[str], FieldError]:
        return lambda reason: _tier_error(index, key, reason)

    if not isinstance(data, Mapping):
        errors.append(_tier_error(index, "tiers", _("must be an object with a label and an amount")))
        return None
    errors.extend(_unknown_keys(data, _TIER_KEYS, error_for("tiers")))
    label = data.get("label", "")
    if not isinstance(label, str):
        errors.append(_tier_error(index, "label", _("must be text")))
        label = ""
    amount = _amount(index, data, errors)
    return Tier(
        label=normalize_line(label),
        amount_fen=amount,
        min_age=_age(data.get("min_age"), error_for("min_age"), errors),
        max_age=_age(data.get("max_age"), error_for("max_age"), errors),
        categories=_codes(data.get("categories"), Category, error_for("categories"), errors),
        care_levels=_codes(data.get("care_levels"), CareLevel, error_for("care_levels"), errors),
    )


def _amount(index: int, data: Mapping[str, Any], errors: list[FieldError]) -> int:
    if "amount_fen" in data and "amount" in data:
        errors.append(_tier_error(index, "amount_fen", _("give either amount (yuan) or amount_fen, not both")))
        return 0
    if "amount_fen" in data:
        fen = data["amount_fen"]
        if isinstance(fen, bool) or not isinstance(fen, int):
            errors.append(_tier_error(index, "amount_fen", _("must be a whole number of fen")))
            return 0
        return fen  # a negative amount is refused by check_definition, naming the tier
    if "amount" in data:
        try:
            return parse_yuan(data["amount"], f"tiers.{index}.amount_fen", _tier_label(index, "amount_fen"))
        except FieldError as exc:
            errors.append(exc)
            return 0
    errors.append(_tier_error(index, "amount_fen", _("is required")))
    return 0


def parse_definition(data: Any) -> Definition:
    """A definition from its JSON form (a mapping, or JSON text); ValidationError listing every problem.

    The result is also checked (:func:`check_definition`): what this returns can be stored.
    """
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise ValidationError(
                [_gate_error("definition", _("is not valid JSON: {error}").format(error=exc))]
            ) from exc
    if not isinstance(data, Mapping):
        raise ValidationError([_gate_error("definition", _("must be a JSON object"))])
    errors = _unknown_keys(data, _GATE_KEYS, lambda reason: _gate_error("definition", reason))

    def error_for(key: str) -> Callable[[str], FieldError]:
        return lambda reason: _gate_error(key, reason)

    raw_tiers = data.get("tiers")
    tiers: list[Tier] = []
    if not isinstance(raw_tiers, list) or not raw_tiers:
        errors.append(_gate_error("tiers", _("at least one tier is needed")))
    else:
        tiers = [t for i, raw in enumerate(raw_tiers) if (t := _parse_tier(i, raw, errors)) is not None]
    statuses = _codes(data.get("statuses"), Status, error_for("statuses"), errors)
    if data.get("statuses") == []:
        errors.append(_gate_error("statuses", _("at least one status is needed")))
    definition = Definition(
        tiers=tuple(tiers),
        residence=_codes(data.get("residence"), Residence, error_for("residence"), errors),
        statuses=statuses or CURRENT_STATUSES,
        categories=_codes(data.get("categories"), Category, error_for("categories"), errors),
        care_levels=_codes(data.get("care_levels"), CareLevel, error_for("care_levels"), errors),
        min_age=_age(data.get("min_age"), error_for("min_age"), errors),
        max_age=_age(data.get("max_age"), error_for("max_age"), errors),
        meal_types=_codes(data.get("meal_types"), MealType, error_for("meal_types"), errors),
    )
    if not errors:
        errors = check_definition(definition)
    if errors:
        raise ValidationError(errors)
    return definition


# ---- checks --------------------------------------------------------------------------------------


def check_definition(definition: Definition) -> list[FieldError]:
    """Everything wrong with a definition (built from JSON or by a form): ages, amounts, labels, bands."""
    errors: list[FieldError] = []
    if not definition.tiers:
        errors.append(_gate_error("tiers", _("at least one tier is needed")))
    if not definition.statuses:
        errors.append(_gate_error("statuses", _("at least one status is needed")))
    errors.extend(_age_range(definition.min_age, definition.max_age, _gate_error))
    seen: dict[str, int] = {}
    for i, tier in enumerate(definition.tiers):
        if bad := text_reason(tier.label, "rule_name", required=True):
            errors.append(_tier_error(i, "label", bad))
        elif tier.label in seen:
            errors.append(
                _tier_error(
                    i,
                    "label",
                    _("“{label}” is already the name of tier {n}").format(label=tier.label, n=seen[tier.label] + 1),
                )
            )
        else:
            seen[tier.label] = i
        if tier.amount_fen < 0:
            errors.append(_tier_error(i, "amount_fen", _("cannot be negative")))
        elif tier.amount_fen > MAX_AMOUNT_FEN:  # a typing slip; far more would not fit the roster's columns
            errors.append(_tier_error(i, "amount_fen", _("at most {max} 元").format(max=yuan(MAX_AMOUNT_FEN))))
        errors.extend(_age_range(tier.min_age, tier.max_age, partial(_tier_error, i)))
    if not errors:
        errors.extend(_band_errors(definition.tiers))
    return errors


def _age_range(low: int | None, high: int | None, error: Callable[[str, str], FieldError]) -> list[FieldError]:
    found = []
    for key, value in (("min_age", low), ("max_age", high)):
        if value is not None and not 0 <= value <= MAX_AGE:
            found.append(error(key, _("must be a whole number of years between 0 and {max}").format(max=MAX_AGE)))
    if not found and low is not None and high is not None and low > high:
        found.append(error("max_age", _("{high} is below the lowest age {low}").format(high=high, low=low)))
    return found


def _ages(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _band_errors(tiers: Sequence[Tier]) -> list[FieldError]:
    """The age bands (tiers with only age conditions), sorted, must follow one another without overlap or gap."""
    bands = sorted((t for t in tiers if t.is_age_band), key=lambda t: (t.min_age or 0, t.max_age or MAX_AGE))
    errors: list[FieldError] = []
    for before, after in pairwise(bands):
        end = before.max_age if before.max_age is not None else MAX_AGE
        start = after.min_age or 0
        if start <= end:
            errors.append(
                _gate_error("tiers", _("the age bands “{a}” and “{b}” overlap").format(a=before.label, b=after.label))
            )
        elif start > end + 1:
            errors.append(
                _gate_error(
                    "tiers",
                    _("between the age bands “{a}” and “{b}” the ages {ages} belong to no band").format(
                        a=before.label, b=after.label, ages=_ages(end + 1, start - 1)
                    ),
                )
            )
    return errors


# ---- JSON out ------------------------------------------------------------------------------------


def definition_json(definition: Definition) -> dict[str, Any]:
    """The JSON form stored in the database (amounts in fen; empty conditions left out, statuses always written)."""
    out: dict[str, Any] = {}
    if definition.residence:
        out["residence"] = [r.value for r in definition.residence]
    out["statuses"] = [s.value for s in definition.statuses]
    if definition.categories:
        out["categories"] = [c.value for c in definition.categories]
    if definition.care_levels:
        out["care_levels"] = [c.value for c in definition.care_levels]
    if definition.min_age is not None:
        out["min_age"] = definition.min_age
    if definition.max_age is not None:
        out["max_age"] = definition.max_age
    if definition.meal_types:
        out["meal_types"] = [m.value for m in definition.meal_types]
    out["tiers"] = [_tier_json(t) for t in definition.tiers]
    return out


def _tier_json(tier: Tier) -> dict[str, Any]:
    out: dict[str, Any] = {"label": tier.label}
    if tier.min_age is not None:
        out["min_age"] = tier.min_age
    if tier.max_age is not None:
        out["max_age"] = tier.max_age
    if tier.categories:
        out["categories"] = [c.value for c in tier.categories]
    if tier.care_levels:
        out["care_levels"] = [c.value for c in tier.care_levels]
    out["amount_fen"] = tier.amount_fen
    return out


def definition_text(definition: Definition) -> str:
    """The stored text of a definition: compact JSON, Chinese kept readable for the audit trail."""
    return json.dumps(definition_json(definition), ensure_ascii=False, separators=(",", ":"))
