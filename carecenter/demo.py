"""Deterministic synthetic seniors: the roster directors see in demos and screenshots.

``fill`` writes through the same services as the front desk (``cc.seniors.create``
and ``cc.seniors.change_status``), so every validation rule applies to demo data.
``plan`` is the pure part: from a seed, today's date and the centers it builds the
whole roster in memory, and the same inputs always give the same roster. The
tables it draws from (names, places, rates) live in ``carecenter.demo_data``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from carecenter import demo_care, demo_desk, demo_occasions
from carecenter import demo_data as data
from carecenter.actor import Actor
from carecenter.centers import CenterInfo
from carecenter.domain import idnumber
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Residence, Status
from carecenter.errors import CareCenterError
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput

T = TypeVar("T")

# Share of seniors whose current status is not 在册, and of 在册 seniors with a past hospital stay.
PAUSED_SHARE = 0.03
WITHDRAWN_SHARE = 0.02
DECEASED_SHARE = 0.01
PAST_STAY_SHARE = 0.04
REGISTRATION_YEARS = 6
# Share widowed by age (up to age, share).
WIDOWED_WOMEN = ((79, 0.35), (89, 0.65), (200, 0.88))
WIDOWED_MEN = ((79, 0.2), (89, 0.4), (200, 0.65))


@dataclass(frozen=True)
class PlannedChange:
    status: Status
    effective_on: dt.date
    reason: str


@dataclass(frozen=True)
class PlannedSenior:
    """One senior to register, and the status changes that follow registration, in order."""

    data: SeniorInput
    changes: tuple[PlannedChange, ...] = ()

    @property
    def final_status(self) -> Status:
        return self.changes[-1].status if self.changes else Status.ACTIVE


@dataclass(frozen=True)
class DemoSummary:
    """What ``fill`` wrote: centers it had to create, seniors, seniors per current status, care records,
    the monthly occasions and the front desk's weeks."""

    centers_created: int
    seniors: int
    by_status: Mapping[Status, int]
    care: demo_care.CareSummary = field(default_factory=demo_care.CareSummary)
    occasions: demo_occasions.OccasionSummary = field(default_factory=demo_occasions.OccasionSummary)
    desk: demo_desk.DeskSummary = field(default_factory=demo_desk.DeskSummary)


def fill(cc: CareCenter, n: int, seed: int, actor: Actor, desk_weeks: int = demo_desk.WEEKS) -> DemoSummary:
    """Register ``n`` synthetic seniors in an opened database that holds no seniors yet.

    Without a center, a realistic one (C001) is created first; otherwise the seniors
    are spread over the existing centers. Refuses (CareCenterError, nothing written)
    when the database already holds seniors: demo data must never mix with real records.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    existing = cc.seniors.count()
    if existing:
        raise CareCenterError(
            _(
                "This database already holds {n} seniors; demo data can only be added to a database without seniors."
            ).format(n=existing)
        )
    centers = cc.centers.list()
    created = 0
    if not centers:
        profile = random.Random(seed).choice(data.CENTER_PROFILES)
        cc.centers.create(profile.name, actor, code="C001", address=profile.address, phone=profile.phone)
        centers = cc.centers.list()
        created = 1
    roster = plan(n, seed, cc.clock.today(), centers)
    registered = []
    for senior in roster:
        detail = cc.seniors.create(senior.data, actor)
        for change in senior.changes:
            detail = cc.seniors.change_status(detail.id, change.status, change.effective_on, change.reason, actor)
        registered.append(detail)
    care = demo_care.fill_care(cc, seed, actor, registered)  # health, assessments, incidents, plans
    occasions = demo_occasions.fill_occasions(cc, seed, actor)  # birthday parties, approved subsidy rosters
    # Weeks of day care, meals, visits, calls and activities (0: none, for tests about the rest).
    desk = demo_desk.fill_desk(cc, seed, actor, desk_weeks) if desk_weeks else demo_desk.DeskSummary()
    counts = Counter(s.final_status for s in roster)
    return DemoSummary(
        centers_created=created,
        seniors=len(roster),
        by_status={status: counts.get(status, 0) for status in Status},
        care=care,
        occasions=occasions,
        desk=desk,
    )


def plan(n: int, seed: int, today: dt.date, centers: Sequence[CenterInfo]) -> list[PlannedSenior]:
    """The whole roster, in registration order, without touching a database.

    Deterministic: the same ``n``, ``seed``, ``today`` and centers give the same roster.
    """
    if not centers:
        raise ValueError("plan needs at least one center")
    rng = random.Random(seed)
    ordered = sorted(centers, key=lambda c: c.code)
    profiles = profiles_for(ordered)
    ages = [_draw_age(rng) for _i in range(n)]
    if n >= 200 and max(ages) < 100:  # a center this size has its centenarian guest
        ages[rng.randrange(n)] = rng.randint(100, 102)
    maker = _SeniorMaker(rng, today)
    inputs = []
    for age in ages:
        center = ordered[rng.randrange(len(ordered))]
        inputs.append(maker.senior(age, center.id, profiles[center.id]))
    roster = _with_statuses(rng, today, inputs, ages)
    # Member numbers are handed out in creation order: make them follow the registration dates.
    roster.sort(key=lambda p: p.data.registered_on or today)
    return roster


def profiles_for(centers: Sequence[CenterInfo]) -> dict[int, data.CenterProfile]:
    """The place each center serves: matched by its 街道 or district in name and address."""
    result: dict[int, data.CenterProfile] = {}
    unused = list(data.CENTER_PROFILES)
    for center in centers:
        text = center.name + center.address
        match = next((p for p in data.CENTER_PROFILES if p.street.removesuffix("街道") in text), None)
        match = match or next((p for p in unused if p.district in text), None)
        match = match or (unused[0] if unused else data.CENTER_PROFILES[center.id % len(data.CENTER_PROFILES)])
        result[center.id] = match
        if match in unused:
            unused.remove(match)
    return result


# ---- one senior ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Household:
    kind: str  # gugua (孤寡), shidu (失独), alone (独居), couple (空巢 couple), family
    spouse: bool
    children: int

    @property
    def lives_alone(self) -> bool:
        return self.kind in ("gugua", "alone") or (self.kind == "shidu" and not self.spouse)


class _SeniorMaker:
    """Draws one senior at a time; remembers the ID numbers already given out."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.used_ids: set[str] = set()

    def senior(self, age: int, center_id: int, profile: data.CenterProfile) -> SeniorInput:
        rng = self.rng
        female = rng.random() < _step(data.FEMALE_SHARE, age)
        birth = self._birth(age)
        hui = rng.random() < profile.hui_share
        surname = _weighted(rng, data.HUI_SURNAMES if hui and rng.random() < 0.6 else data.SURNAMES)
        name = surname + self._given(female, birth.year)
        region = self._region(profile)
        id_number = self._id_number(region, birth, female)
        registered = self._registered(birth)
        household = self._household(age, female, birth.year)
        care = _weighted_level(rng, age)
        categories, disabled = self._categories(household, registered, female, birth, care)
        community = rng.choice(profile.communities)
        return SeniorInput(
            name=name,
            id_number=id_number,
            center_id=center_id,
            phones=self._phones(age),
            address=self._address(profile, community),
            community=community.name,
            residence=self._residence(region),
            registered_on=registered,
            categories=categories,
            care_level=care,
            diet_flags=self._diet(hui, age, care),
            diet_notes=rng.choice(data.DIET_NOTES) if rng.random() < 0.05 else "",
            allergies="、".join(rng.sample(data.ALLERGIES, rng.choice((1, 1, 1, 2)))) if rng.random() < 0.06 else "",
            lunar_birthday=rng.random() < (0.55 if birth.year < 1945 else 0.35),
            birthday_opt_out=rng.random() < 0.03,
            contacts=self._contacts(surname, female, hui, birth.year, household),
            notes=self._notes(household, disabled),
        )

    def _birth(self, age: int) -> dt.date:
        latest = _years_before(self.today, age)
        earliest = _years_before(self.today, age + 1) + dt.timedelta(days=1)
        return _date_between(self.rng, earliest, latest)

    def _given(self, female: bool, year: int) -> str:
        one = self.rng.random() < data.ONE_CHAR_SHARE
        table = (data.WOMEN_1 if one else data.WOMEN_2) if female else (data.MEN_1 if one else data.MEN_2)
        return _given_from(self.rng, table, year)

    def _region(self, profile: data.CenterProfile) -> str:
        where = _weighted(self.rng, data.REGION_SHARES)
        if where == "henan":
            return _weighted(self.rng, data.HENAN_REGIONS)
        if where == "other":
            return _weighted(self.rng, data.OTHER_REGIONS)
        # Most seniors were born in the district their center is in.
        boosted = tuple((r, w * 2.5 if r == profile.region else w) for r, w in data.ZHENGZHOU_REGIONS)
        return _weighted(self.rng, boosted)

    def _id_number(self, region: str, birth: dt.date, female: bool) -> str:
        while True:
            sequence = self.rng.randrange(1, 500) * 2 - (0 if female else 1)  # odd: male, even: female
            number = idnumber.make(region, birth, sequence)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _registered(self, birth: dt.date) -> dt.date:
        opened = _years_before(self.today, REGISTRATION_YEARS)
        earliest = max(opened, _years_after(birth, 60))
        if self.rng.random() < 0.2 and earliest <= opened:  # the drive when the center opened
            return _date_between(self.rng, opened, opened + dt.timedelta(days=90))
        return _date_between(self.rng, earliest, self.today)

    def _household(self, age: int, female: bool, year: int) -> _Household:
        rng = self.rng
        kind = _weighted(rng, (("gugua", 2), ("shidu", 1), ("alone", 9), ("couple", 26), ("family", 62)))
        if kind in ("gugua", "alone"):
            spouse = False
        elif kind == "couple":
            spouse = True
        else:  # women are widowed earlier and more often
            widowed = _step(WIDOWED_WOMEN if female else WIDOWED_MEN, age)
            spouse = rng.random() >= widowed
        if kind in ("gugua", "shidu"):
            children = 0
        else:
            low, high = (3, 6) if year < 1945 else (2, 4) if year < 1955 else (1, 3)
            children = rng.randint(low, high)
        return _Household(kind, spouse, children)

    def _categories(
        self, home: _Household, since: dt.date, female: bool, birth: dt.date, care: CareLevel | None
    ) -> tuple[tuple[CategoryPeriod, ...], bool]:
        """Categories consistent with the household; returns them and whether 残疾 is among them."""
        rng, today = self.rng, self.today
        periods: list[CategoryPeriod] = []

        def add(category: Category, start: dt.date | None = since, end: dt.date | None = None) -> None:
            periods.append(CategoryPeriod(category, start, end))

        if home.kind == "gugua":
            add(Category.GUGUA)
        if home.kind == "shidu":
            add(Category.SHIDU)
        if home.lives_alone:
            add(Category.LIVING_ALONE)
        if home.kind == "couple" or (home.kind in ("alone", "shidu") and rng.random() < 0.85):
            add(Category.EMPTY_NEST)
        if home.kind == "family" and rng.random() < 0.015 and (today - since).days > 60:
            # lived alone until moving in with a child
            add(Category.LIVING_ALONE, since, _date_between(rng, since + dt.timedelta(days=30), today))
        needy = home.lives_alone or home.kind == "shidu"
        if (home.kind == "gugua" and rng.random() < 0.65) or (not needy and rng.random() < 0.004):
            add(Category.TEKUN)
        elif rng.random() < (0.12 if needy else 0.05):
            for year in range(max(since.year, today.year - 2), today.year + 1):  # re-certified yearly
                add(Category.DIBAO, dt.date(year, 1, 1), dt.date(year, 12, 31))
        elif rng.random() < (0.06 if needy else 0.037):
            add(Category.LOW_INCOME, dt.date(rng.randint(since.year, today.year), 1, 1))
        elif rng.random() < 0.015 and since.year < today.year:  # 低保 not renewed this year
            add(Category.DIBAO, dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
        if rng.random() < (0.06 if not female and birth.year <= 1962 else 0.015):
            add(Category.YOUFU)
        severe = care in (CareLevel.MODERATE, CareLevel.SEVERE, CareLevel.TOTAL)
        disabled = rng.random() < (0.15 if severe else 0.04)
        if disabled:
            certified = _date_between(rng, max(_years_after(birth, 40), since - dt.timedelta(days=3650)), since)
            add(Category.DISABLED, certified)
        order = list(Category)
        periods.sort(key=lambda p: (order.index(p.category), p.valid_from or dt.date.min))
        return tuple(periods), disabled

    def _diet(self, hui: bool, age: int, care: CareLevel | None) -> frozenset[DietFlag]:
        rng = self.rng
        flags = {DietFlag.HALAL} if hui else set()
        if rng.random() < 0.12:
            flags.add(DietFlag.DIABETIC)
        if rng.random() < 0.20:
            flags.add(DietFlag.LOW_SALT)
        frail = age >= 95 or care in (CareLevel.SEVERE, CareLevel.TOTAL)
        if rng.random() < (0.2 if frail else 0.045):
            flags.add(DietFlag.SOFT)
        return frozenset(flags)

    def _phones(self, age: int) -> tuple[str, ...]:
        rng = self.rng
        phones = []
        if rng.random() < _step(((79, 0.93), (89, 0.8), (200, 0.6)), age):
            phones.append(_mobile(rng))
        if rng.random() < 0.38:
            landline = f"0371-6{rng.choice('35678')}{rng.randrange(10**6):06d}"
            phones.insert(0 if rng.random() < 0.2 else len(phones), landline)
        return tuple(phones)

    def _address(self, profile: data.CenterProfile, community: data.Community) -> str:
        rng = self.rng
        road = rng.choice(community.roads)
        floor = _weighted(rng, ((1, 3), (2, 3), (3, 3), (4, 3), (5, 2), (6, 2), (7, 1)))
        room = f"{floor}0{rng.randint(1, 3)}"
        building, unit = rng.randint(1, 16), rng.randint(1, 4)
        if community.compounds and rng.random() < 0.3:
            compound = rng.choice(community.compounds)
            return f"{profile.district}{road} {compound} {building} 号楼 {unit} 单元 {room}"
        if rng.random() < 0.1:
            return f"{profile.district}{road} {rng.randint(1, 200)} 号 {unit} 单元 {room}"
        return f"{profile.district}{road} {rng.randint(1, 200)} 号院 {building} 号楼 {unit} 单元 {room}"

    def _residence(self, region: str) -> Residence:
        nonlocal_share = 0.06 if region.startswith("41") else 0.35
        return Residence.NONLOCAL if self.rng.random() < nonlocal_share else Residence.LOCAL

    def _contacts(self, surname: str, female: bool, hui: bool, year: int, home: _Household) -> tuple[Contact, ...]:
        """Spouse and children (children carry the father's surname), or a relative or neighbour."""
        rng = self.rng
        surnames = data.HUI_SURNAMES if hui else data.SURNAMES
        other = _other_surname(rng, surnames, surname)
        family = other if female else surname  # the children's surname
        pool: list[Contact] = []
        taken: set[str] = set()
        for _child in range(home.children):
            son = rng.random() < 0.5
            for _try in range(5):
                given = rng.choice(data.SONS if son else data.DAUGHTERS)
                if given not in taken:
                    taken.add(given)
                    pool.append(Contact(family + given, "儿子" if son else "女儿", _mobile(rng)))
                    break
        if home.spouse:
            # Husbands are usually a few years older than their wives.
            gap = rng.randint(-2, 5)
            partner_year = year - gap if female else year + gap
            spouse = Contact(other + self._given(not female, partner_year), "配偶", _mobile(rng))
            pool.insert(0 if rng.random() < 0.4 else len(pool), spouse)
        if not pool:
            if rng.random() < (0.7 if home.kind == "gugua" else 0.8):
                relation = rng.choice(data.FAR_RELATIONS)
                kin = surname if relation in ("侄子", "侄女") else _weighted(rng, data.SURNAMES)
                given = rng.choice(data.DAUGHTERS if relation == "侄女" else data.SONS + data.DAUGHTERS)
                return (Contact(kin + given, relation, _mobile(rng)),)
            return ()
        wanted = _weighted(rng, ((0, 5), (1, 35), (2, 45), (3, 15)))
        return tuple(pool[: min(wanted, len(pool))])

    def _notes(self, home: _Household, disabled: bool) -> str:
        rng = self.rng
        allowed = {""}
        if home.spouse:
            allowed.add("spouse")
        if home.children and home.kind != "family":
            allowed.add("children")
        if home.lives_alone:
            allowed.add("alone")
        notes = []
        if rng.random() < 0.15:
            notes.append(rng.choice([text for tag, text in data.NOTES if tag in allowed]))
        if disabled and rng.random() < 0.5:
            kind = rng.choice(("肢体", "肢体", "视力", "听力", "言语"))
            notes.append(f"持残疾证（{kind}{rng.choice('一二三四')}级）")
        return "；".join(notes)


# ---- statuses ------------------------------------------------------------------------------------


def _with_statuses(
    rng: random.Random, today: dt.date, inputs: list[SeniorInput], ages: list[int]
) -> list[PlannedSenior]:
    """Quotas of 去世 (more among the oldest), 暂停 (住院) and 退出, plus past hospital stays."""
    n = len(inputs)

    def quota(share: float) -> int:
        return max(1 if n >= 30 else 0, round(n * share))

    free = list(range(n))
    deceased = _pick(rng, free, quota(DECEASED_SHARE), lambda i: float((ages[i] - 55) ** 2))
    paused = _pick(rng, free, quota(PAUSED_SHARE), lambda i: float(ages[i] - 50))
    withdrawn = _pick(rng, free, quota(WITHDRAWN_SHARE), lambda i: 1.0)
    stayed = _pick(rng, free, round(n * PAST_STAY_SHARE), lambda i: float(ages[i] - 50))
    result = []
    for i, senior in enumerate(inputs):
        since = senior.registered_on or today
        changes: list[PlannedChange] = []
        if i in deceased:
            died = _date_between(rng, min(since + dt.timedelta(days=30), today), today)
            if rng.random() < 0.3:
                changes.append(PlannedChange(Status.PAUSED, _date_between(rng, since, died), "住院治疗"))
            changes.append(PlannedChange(Status.DECEASED, died, rng.choice(data.DEATH_REASONS)))
        elif i in paused:
            began = _date_between(rng, max(since, today - dt.timedelta(days=75)), today)
            reasons = data.PAUSE_REASONS if senior.contacts else data.PAUSE_REASONS[:4]
            changes.append(PlannedChange(Status.PAUSED, began, rng.choice(reasons)))
        elif i in withdrawn:
            left = _date_between(rng, min(since + dt.timedelta(days=30), today), today)
            changes.append(PlannedChange(Status.WITHDRAWN, left, rng.choice(data.WITHDRAW_REASONS)))
        elif i in stayed and (today - since).days > 20:
            began = _date_between(rng, since, today - dt.timedelta(days=15))
            back = min(today, began + dt.timedelta(days=rng.randint(5, 40)))
            changes.append(PlannedChange(Status.PAUSED, began, rng.choice(data.PAUSE_REASONS[:4])))
            changes.append(PlannedChange(Status.ACTIVE, back, rng.choice(data.RESUME_REASONS)))
        result.append(PlannedSenior(senior, tuple(changes)))
    return result


def _pick(rng: random.Random, free: list[int], k: int, weight: Callable[[int], float]) -> set[int]:
    """``k`` indices drawn from ``free`` by weight and removed from it (Efraimidis-Spirakis)."""
    keyed = sorted(free, key=lambda i: rng.random() ** (1.0 / max(float(weight(i)), 1e-6)), reverse=True)
    chosen = set(keyed[:k])
    free[:] = [i for i in free if i not in chosen]
    return chosen


# ---- small helpers ---------------------------------------------------------------------------


def _weighted(rng: random.Random, table: Sequence[tuple[T, float]]) -> T:
    return rng.choices([v for v, _w in table], weights=[w for _v, w in table])[0]


def _given_from(rng: random.Random, table: Sequence[data.GivenName], year: int) -> str:
    fitting = [g for g in table if g.born[0] <= year <= g.born[1]] or list(table)
    return rng.choices([g.name for g in fitting], weights=[g.weight for g in fitting])[0]


def _other_surname(rng: random.Random, table: Sequence[tuple[str, float]], avoid: str) -> str:
    for _try in range(10):
        surname = _weighted(rng, table)
        if surname != avoid:
            return surname
    return _weighted(rng, data.SURNAMES)


def _weighted_level(rng: random.Random, age: int) -> CareLevel | None:
    weights = next(w for limit, w in data.CARE_LEVEL_WEIGHTS if age <= limit)
    levels: list[CareLevel | None] = [None, *CareLevel]
    return rng.choices(levels, weights=weights)[0]


def _draw_age(rng: random.Random) -> int:
    first, last = _weighted(rng, [((lo, hi), w) for lo, hi, w in data.AGE_BANDS])
    return rng.randint(first, last)


def _step(table: Sequence[tuple[int, float]], age: int) -> float:
    """The value of the first row whose upper age bound is not below ``age``."""
    return next(value for limit, value in table if age <= limit)


def _mobile(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(data.HENAN_MOBILE_PREFIXES) + f"{rng.randrange(10**6):06d}"
    return rng.choice(data.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _years_after(day: dt.date, years: int) -> dt.date:
    return _years_before(day, -years)
