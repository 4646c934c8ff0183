"""Assessment instruments as data: items, the scores each allows, and the bands of the total.

Every rule about an instrument lives in its ``Instrument`` value below: the form shows
``items`` grouped by part, the core checks ``validate``, sums with ``total`` and names the
result with ``band``. No other module knows an item or a cut-off.

Two instruments ship (domain.md, "Capability assessment"):

- ``barthel``: Barthel ADL, 10 items, 0–100; its dependency band is shown beside the care
  level, never used as it.
- ``gbt42195``: GB/T 42195-2022 老年人能力评估规范, 26 items in 4 parts, 0–90; its band
  codes are :class:`CareLevel` values and it ``sets_care_level``: the level after
  :func:`adjusted_level` is the care level the rules use.

Adding a center's local form
----------------------------
Build an ``Instrument`` and put it in ``INSTRUMENTS`` under its code (at most 32 letters,
stored with every assessment, so never change it afterwards)::

    LOCAL = Instrument(
        code="zz_local",
        msgid=N_("Zhengzhou home-care form"),
        items=(Item("eating", N_("Eating"), N_("Daily living"), (2, 1, 0)), ...),
        bands=(Band(0, 5, "needs_help", N_("Needs help")), Band(6, 10, "independent", N_("Independent"))),
        max_total=10,
    )
    INSTRUMENTS[LOCAL.code] = LOCAL

Add the Chinese for each new msgid to ``resources/i18n/zh_CN.po``. ``Instrument`` checks
itself when built (unique item codes, ``max_total`` = the sum of the items' best scores,
bands covering 0…max_total without gaps or overlaps), so a mistake stops the app at start
instead of mis-scoring a senior. Leave ``sets_care_level`` False: the care level the
subsidy rules read is GB/T 42195's. Stored assessments keep their total and result, so
history still reads as decided then if an instrument later changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from carecenter.domain.vocab import CareLevel
from carecenter.i18n import N_, _


@dataclass(frozen=True)
class Item:
    """One question of a form: ``scores`` are the allowed values, best first (as the paper form lists them)."""

    code: str
    msgid: str
    part_msgid: str
    scores: tuple[int, ...]

    @property
    def label(self) -> str:
        return _(self.msgid)

    @property
    def part_label(self) -> str:
        return _(self.part_msgid)

    @property
    def max_score(self) -> int:
        return max(self.scores)

    def allowed_text(self) -> str:
        """The allowed scores in words: "0 或 5", "0、5 或 10", or "0 到 4 之间的整数" for a run."""
        values = sorted(self.scores)
        if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
            return _("a whole number from {low} to {high}").format(low=values[0], high=values[-1])
        if len(values) == 1:
            return str(values[0])
        first = _(", ").join(str(v) for v in values[:-1])
        return _("{first} or {last}").format(first=first, last=values[-1])


@dataclass(frozen=True)
class Band:
    """A named range of totals, both ends included."""

    low: int
    high: int
    code: str
    msgid: str

    @property
    def label(self) -> str:
        return _(self.msgid)

    def holds(self, total: int) -> bool:
        return self.low <= total <= self.high


@dataclass(frozen=True)
class Instrument:
    """A whole form: its items in the order the paper lists them, and the bands of its total."""

    code: str
    msgid: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    max_total: int
    sets_care_level: bool = False  # band codes are CareLevel values; the adjusted band is the care level
    short_msgid: str = ""  # a short name for legends and narrow columns (the full name when empty)

    def __post_init__(self) -> None:
        codes = [item.code for item in self.items]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.code}: item codes repeat")
        if sum(item.max_score for item in self.items) != self.max_total:
            raise ValueError(f"{self.code}: max_total is not the sum of the items' best scores")
        covered = sorted((band.low, band.high) for band in self.bands)
        expected_low = 0
        for low, high in covered:
            if low != expected_low or high < low:
                raise ValueError(f"{self.code}: bands must cover 0…{self.max_total} without gaps or overlaps")
            expected_low = high + 1
        if expected_low != self.max_total + 1:
            raise ValueError(f"{self.code}: bands must end at {self.max_total}")
        if self.sets_care_level:
            for band in self.bands:
                CareLevel.of(band.code)  # ValueError if a band names no care level

    @property
    def label(self) -> str:
        return _(self.msgid)

    @property
    def short_label(self) -> str:
        return _(self.short_msgid or self.msgid)

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items if item.code == code), None)

    def parts(self) -> list[tuple[str, list[Item]]]:
        """(part msgid, its items) in form order."""
        grouped: dict[str, list[Item]] = {}
        for item in self.items:
            grouped.setdefault(item.part_msgid, []).append(item)
        return list(grouped.items())

    def total(self, scores: Mapping[str, int]) -> int:
        """The sum of the scores of this form's items (items not given count 0; others are ignored)."""
        return sum(scores.get(item.code, 0) for item in self.items)

    def band(self, total: int) -> Band:
        band = next((b for b in self.bands if b.holds(total)), None)
        if band is None:
            raise ValueError(f"{self.code}: no band holds {total}")
        return band

    def band_of(self, code: str) -> Band | None:
        return next((b for b in self.bands if b.code == code), None)

    def level(self, total: int) -> CareLevel | None:
        """The care level of ``total`` before any adjustment (None for instruments that do not set it)."""
        return CareLevel.of(self.band(total).code) if self.sets_care_level else None

    def validate(self, scores: Mapping[str, int]) -> list[tuple[str, str]]:
        """(item code, reason) for each item not scored or scored with a value it does not allow, and
        for each score naming no item of this form (item code as given); empty when the form is complete."""
        problems: list[tuple[str, str]] = []
        for item in self.items:
            score = scores.get(item.code)
            if score is None:
                problems.append((item.code, _("please choose a score")))
            elif isinstance(score, bool) or score not in item.scores:
                problems.append((item.code, _("must be {allowed}").format(allowed=item.allowed_text())))
        for code in scores:
            if self.item(code) is None:
                problems.append((code, _("is not an item of this form")))
        return problems


def adjusted_level(level: CareLevel, dementia: bool, risk_incidents: int) -> CareLevel:
    """GB/T 42195's level one step worse for diagnosed dementia (or other mental disorder) or for two or
    more care-risk incidents in the 30 days before; both together still make one step; 完全失能 stays."""
    if not (dementia or risk_incidents >= 2):
        return level
    order = list(CareLevel)
    return order[min(order.index(level) + 1, len(order) - 1)]


def adjustment_reasons(dementia: bool, risk_incidents: int) -> list[str]:
    """Why a level was made worse, in words for the form and the history (empty: not adjusted)."""
    reasons = []
    if dementia:
        reasons.append(_("diagnosed dementia or other mental disorder"))
    if risk_incidents >= 2:
        reasons.append(_("{n} care-risk incidents in the 30 days before").format(n=risk_incidents))
    return reasons


def _run(high: int) -> tuple[int, ...]:
    """Every whole number from ``high`` down to 0 (GB/T 42195's items)."""
    return tuple(range(high, -1, -1))


_ADL = N_("Activities of daily living")

BARTHEL = Instrument(
    code="barthel",
    msgid=N_("Barthel index (ADL)"),
    items=(
        Item("feeding", N_("Feeding"), _ADL, (10, 5, 0)),
        Item("bathing", N_("Bathing"), _ADL, (5, 0)),
        Item("grooming", N_("Grooming"), _ADL, (5, 0)),
        Item("dressing", N_("Dressing"), _ADL, (10, 5, 0)),
        Item("bowels", N_("Bowel control"), _ADL, (10, 5, 0)),
        Item("bladder", N_("Bladder control"), _ADL, (10, 5, 0)),
        Item("toilet", N_("Toilet use"), _ADL, (10, 5, 0)),
        Item("transfer", N_("Bed-chair transfer"), _ADL, (15, 10, 5, 0)),
        Item("walking", N_("Walking on level ground"), _ADL, (15, 10, 5, 0)),
        Item("stairs", N_("Going up and down stairs"), _ADL, (10, 5, 0)),
    ),
    bands=(
        Band(100, 100, "none", N_("No dependence")),
        Band(61, 99, "mild", N_("Mild dependence")),
        Band(41, 60, "moderate", N_("Moderate dependence")),
        Band(0, 40, "severe", N_("Severe dependence")),
    ),
    max_total=100,
    short_msgid=N_("Barthel"),
)

_SELF_CARE = N_("Self-care")
_MOBILITY = N_("Basic mobility")
_MENTAL = N_("Mental state")
_SENSES = N_("Perception and social participation")

GBT42195 = Instrument(
    code="gbt42195",
    msgid=N_("GB/T 42195-2022 capability assessment"),
    items=(
        Item("feeding", N_("Feeding"), _SELF_CARE, _run(4)),
        Item("grooming", N_("Grooming"), _SELF_CARE, _run(4)),
        Item("bathing", N_("Bathing"), _SELF_CARE, _run(4)),
        Item("dress_upper", N_("Putting on and taking off tops"), _SELF_CARE, _run(4)),
        Item("dress_lower", N_("Putting on and taking off trousers, shoes and socks"), _SELF_CARE, _run(4)),
        Item("bladder", N_("Bladder control"), _SELF_CARE, _run(4)),
        Item("bowels", N_("Bowel control"), _SELF_CARE, _run(4)),
        Item("toilet", N_("Toilet use"), _SELF_CARE, _run(4)),
        Item("bed_position", N_("Changing position in bed"), _MOBILITY, _run(4)),
        Item("transfer", N_("Bed-chair transfer"), _MOBILITY, _run(4)),
        Item("walking", N_("Walking on level ground"), _MOBILITY, _run(4)),
        Item("stairs", N_("Going up and down stairs"), _MOBILITY, _run(3)),
        Item("orient_time", N_("Orientation to time"), _MENTAL, _run(4)),
        Item("orient_place", N_("Orientation to place"), _MENTAL, _run(4)),
        Item("orient_person", N_("Orientation to people"), _MENTAL, _run(4)),
        Item("memory", N_("Memory"), _MENTAL, _run(4)),
        Item("understanding", N_("Understanding"), _MENTAL, _run(4)),
        Item("expression", N_("Expression"), _MENTAL, _run(4)),
        Item("aggression", N_("Aggressive behaviour"), _MENTAL, _run(1)),
        Item("depression", N_("Depressive symptoms"), _MENTAL, _run(1)),
        Item("consciousness", N_("Level of consciousness"), _MENTAL, _run(2)),
        Item("vision", N_("Vision"), _SENSES, _run(2)),
        Item("hearing", N_("Hearing"), _SENSES, _run(2)),
        Item("daily_affairs", N_("Carrying out daily affairs"), _SENSES, _run(4)),
        Item("transport", N_("Going out by public transport"), _SENSES, _run(3)),
        Item("social", N_("Social interaction"), _SENSES, _run(4)),
    ),
    bands=(
        Band(90, 90, CareLevel.INTACT.value, N_("Fully capable")),
        Band(66, 89, CareLevel.MILD.value, N_("Mildly disabled")),
        Band(46, 65, CareLevel.MODERATE.value, N_("Moderately disabled")),
        Band(30, 45, CareLevel.SEVERE.value, N_("Severely disabled")),
        Band(0, 29, CareLevel.TOTAL.value, N_("Totally disabled")),
    ),
    max_total=90,
    sets_care_level=True,
    short_msgid=N_("GB/T 42195"),
)

# Every instrument the app offers, by code, in the order the form's chooser lists them.
INSTRUMENTS: dict[str, Instrument] = {GBT42195.code: GBT42195, BARTHEL.code: BARTHEL}
