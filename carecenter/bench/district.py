"""A synthetic district database: many centers, their seniors, assessments, two years of desk work, approved rosters.

Built once per scale and generator version and kept in the user cache folder
(:func:`cached`): the district takes minutes to build, and every run of the benchmark
measures the same database. The build is deterministic for a scale and seed.

Centers, staff, accounts and the approved subsidy rosters go through the app's own
services. Seniors are the demo's roster (:func:`carecenter.demo.plan`: realistic names,
ID numbers, households, categories, statuses), validated by the same ``clean`` and
written by the same ``new_senior`` as the registration form, a few thousand per
transaction, audited. The millions of desk rows (:mod:`carecenter.bench.district_desk`)
and the assessments are written as plain inserts: a district's history is imported, not
typed in again, and going through the services one record at a time would take hours.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine, insert

from carecenter import demo, paths
from carecenter import demo_data as names
from carecenter.actor import Actor, Role
from carecenter.bench import district_desk
from carecenter.bench.scale import BENCH_TODAY, Scale
from carecenter.care.instruments import GBT42195
from carecenter.centers import CenterInfo
from carecenter.clock import FixedClock, stamp
from carecenter.db import engine as engines
from carecenter.db.models import Assessment, AssessmentScore, StatusChange
from carecenter.db.sessions import Sessions
from carecenter.demo_care import DecliningScores
from carecenter.domain.dates import add_months
from carecenter.domain.vocab import CareLevel, StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.seniors.records import member_no_of, new_senior
from carecenter.seniors.validate import clean

GENERATOR_VERSION = 1  # count up whenever the data drawn changes: older cached databases are then rebuilt
ACTOR = Actor(username="bench", role=Role.ADMIN)
SENIORS_PER_TRANSACTION = 2_000
DESK_USER, DESK_PASSWORD = "desk01", "Bench-desk-2026"
ADMIN_USER, ADMIN_PASSWORD = "director", "Bench-admin-2026"

Say = Callable[[str], None]


@dataclass(frozen=True)
class CenterStaff:
    """The staff of one center the desk records name: caregivers (visits, assessments), social workers, couriers."""

    center_id: int
    caregivers: tuple[int, ...]
    social_workers: tuple[int, ...]
    couriers: tuple[int, ...]


@dataclass(frozen=True)
class Member:
    """A senior as the desk generator needs them: where, since when, and the days they were 在册."""

    id: int
    center_id: int
    address: str
    active: tuple[tuple[dt.date, dt.date | None], ...]  # [from, to) spans of 在册; None: still

    def active_on(self, day: dt.date) -> bool:
        return any(start <= day and (end is None or day < end) for start, end in self.active)


def cache_dir() -> Path:
    return paths.cache_dir() / "bench"


def database_path(scale: Scale, folder: Path | None = None) -> Path:
    """Where the district of ``scale`` is kept: the name changes with the generator (the data drawn)."""
    return (folder or cache_dir()) / f"district-{scale.name}-seed{scale.seed}-g{GENERATOR_VERSION}.db"


def cached(scale: Scale, folder: Path | None = None, say: Say = print) -> Path:
    """The district database of ``scale``: built first if it is not in the cache yet, upgraded to this
    app's schema as any user's database is (the copy the upgrade makes first is not kept)."""
    path = database_path(scale, folder)
    if not path.exists():
        say(f"building the {scale.name} district ({scale.seniors:,} seniors, {scale.months} months): {path}")
        build(path, scale, say)
        return path
    cc = CareCenter.open(engines.sqlite_url(path), FixedClock.on(BENCH_TODAY, hour=7))
    report = cc.migration
    cc.close()
    if report is not None and report.from_revision != report.to_revision:
        say(f"upgraded the cached district from schema {report.from_revision} to {report.to_revision}")
        if report.backup is not None:
            report.backup.unlink(missing_ok=True)
    return path


def build(path: Path, scale: Scale, say: Say = print) -> None:
    """Write the district to ``path`` (a half-built file is never left under that name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    rng = random.Random(scale.seed)
    cc = CareCenter.open(engines.sqlite_url(partial), FixedClock.on(BENCH_TODAY, hour=7))
    try:
        centers = _centers(cc, scale)
        staff = _staff(cc, centers, rng)
        _accounts(cc, staff)
        members = _seniors(cc, scale, centers, say)
        say(f"  {len(members):,} seniors")
        count = _assessments(cc.engine, cc, staff, rng)
        say(f"  {count:,} assessments")
        desk = district_desk.fill(cc, members, staff, scale, rng, say)
        say(f"  desk: {desk}")
        rosters = _rosters(cc, centers, scale)
        say(f"  {rosters} approved subsidy rosters")
    finally:
        cc.close()
    partial.replace(path)


# ---- centers, staff, accounts ------------------------------------------------------------------


def _centers(cc: CareCenter, scale: Scale) -> list[CenterInfo]:
    profiles = names.CENTER_PROFILES
    for i in range(scale.centers):
        profile = profiles[i % len(profiles)]
        suffix = "" if i < len(profiles) else f"（{i // len(profiles) + 1}分站）"
        cc.centers.create(
            profile.name + suffix, ACTOR, code=f"C{i + 1:03d}", address=profile.address, phone=profile.phone
        )
    return cc.centers.list()


def _person(rng: random.Random) -> str:
    surname = rng.choices([s for s, _w in names.SURNAMES], [w for _s, w in names.SURNAMES])[0]
    return surname + rng.choice(("丽", "娜", "敏", "静", "强", "军", "洁", "勇", "霞", "涛", "燕", "明"))


def _staff(cc: CareCenter, centers: Sequence[CenterInfo], rng: random.Random) -> dict[int, CenterStaff]:
    found: dict[int, CenterStaff] = {}
    for center in centers:

        def hire(position: StaffPosition, n: int, center_id: int = center.id) -> tuple[int, ...]:
            return tuple(cc.staff.create(_person(rng), position, ACTOR, center_id=center_id).id for _i in range(n))

        found[center.id] = CenterStaff(
            center.id,
            caregivers=hire(StaffPosition.CAREGIVER, 6),
            social_workers=hire(StaffPosition.SOCIAL_WORKER, 2),
            couriers=hire(StaffPosition.VOLUNTEER, 2),
        )
    return found


def _accounts(cc: CareCenter, staff: dict[int, CenterStaff]) -> None:
    """The logins the benchmark uses: a front desk of the first center, and the director (all centers)."""
    first = staff[min(staff)]
    cc.accounts.create_account(first.social_workers[0], DESK_USER, DESK_PASSWORD, Role.FRONT_DESK, ACTOR)
    director = cc.staff.create("赵主任", StaffPosition.MANAGER, ACTOR).id
    cc.accounts.create_account(director, ADMIN_USER, ADMIN_PASSWORD, Role.ADMIN, ACTOR)


# ---- seniors -----------------------------------------------------------------------------------


def _seniors(cc: CareCenter, scale: Scale, centers: Sequence[CenterInfo], say: Say) -> list[Member]:
    roster = _grow_first_center(demo.plan(scale.seniors, scale.seed, BENCH_TODAY, centers), centers, scale)
    sessions = Sessions(cc.engine, cc.clock)
    now = stamp(cc.clock)
    members: list[Member] = []
    for start in range(0, len(roster), SENIORS_PER_TRANSACTION):
        with sessions(ACTOR) as session:
            written = []
            for number, planned in enumerate(roster[start : start + SENIORS_PER_TRANSACTION], start + 1):
                cleaned = clean(planned.data, BENCH_TODAY)
                registered = cleaned.data.registered_on or BENCH_TODAY
                center_id = cleaned.data.center_id
                assert center_id is not None  # the plan spreads seniors over the centers
                senior = new_senior(cleaned, center_id, member_no_of(number), registered, now, ACTOR)
                for change in planned.changes:
                    senior.status_changes.append(
                        StatusChange(
                            status=change.status,
                            effective_on=change.effective_on,
                            reason=change.reason,
                            recorded_at=now,
                            recorded_by=ACTOR.username,
                        )
                    )
                    senior.status, senior.status_since = change.status, change.effective_on
                session.add(senior)
                written.append((senior, planned))
            session.commit()
            members += [Member(s.id, s.center_id, s.address, _spans(p)) for s, p in written]
        if start and start % 10_000 == 0:
            say(f"  … {start:,} seniors")
    return members


def _grow_first_center(
    roster: list[demo.PlannedSenior], centers: Sequence[CenterInfo], scale: Scale
) -> list[demo.PlannedSenior]:
    """Move seniors of the other centers to C001 until it has ``scale.big_center`` (the demo spreads them evenly)."""
    first = min(centers, key=lambda c: c.code).id
    have = sum(1 for p in roster if p.data.center_id == first)
    rng = random.Random(scale.seed + 1)
    others = [i for i, p in enumerate(roster) if p.data.center_id != first]
    moved = set(rng.sample(others, max(0, min(len(others), scale.big_center - have))))
    return [replace(p, data=replace(p.data, center_id=first)) if i in moved else p for i, p in enumerate(roster)]


def _spans(planned: demo.PlannedSenior) -> tuple[tuple[dt.date, dt.date | None], ...]:
    """The spans of 在册 of a planned senior: from registration, cut by each pause, withdrawal or death."""
    spans: list[tuple[dt.date, dt.date | None]] = []
    since: dt.date | None = planned.data.registered_on or BENCH_TODAY
    for change in planned.changes:
        if change.status is Status.ACTIVE:
            since = since or change.effective_on
        elif since is not None:
            spans.append((since, change.effective_on))
            since = None
    if since is not None:
        spans.append((since, None))
    return tuple(spans)


# ---- assessments -------------------------------------------------------------------------------


def _assessments(engine: Engine, cc: CareCenter, staff: dict[int, CenterStaff], rng: random.Random) -> int:
    """GB/T 42195 assessments every six months, the latest in the band of the senior's care level."""
    rows: list[dict[str, object]] = []
    scores: list[dict[str, object]] = []
    with engine.connect() as conn:
        seniors = conn.exec_driver_sql(
            "SELECT id, center_id, registered_on, care_level FROM seniors WHERE care_level IS NOT NULL"
        ).all()
    next_id = 1
    now = stamp(cc.clock)
    for senior_id, center_id, registered, level_code in seniors:
        crew = staff[center_id]
        day = dt.date.fromisoformat(str(registered)) + dt.timedelta(days=10)
        days = []
        while day < BENCH_TODAY:
            days.append(day)
            day = add_months(day, 6)
        if not days:
            continue
        days = days[-4:]
        band = next(b for b in GBT42195.bands if b.code == CareLevel.of(level_code).value)
        latest = band.high if band.code == CareLevel.INTACT.value else rng.randint(max(band.low, 5), band.high)
        totals = [min(90, latest + 3 * (len(days) - 1 - i)) for i in range(len(days))]
        declining = DecliningScores(rng, dementia=False)
        for day, total in zip(days, totals, strict=True):
            items = declining.down_to(total)
            result = GBT42195.band(sum(items.values())).code
            rows.append(
                {
                    "id": next_id,
                    "senior_id": senior_id,
                    "instrument": GBT42195.code,
                    "assessed_on": day,
                    "assessor1_id": rng.choice(crew.social_workers),
                    "assessor2_id": rng.choice(crew.caregivers),
                    "total": sum(items.values()),
                    "result": result,
                    "adjusted_result": result,
                    "dementia": False,
                    "risk_incidents": 0,
                    "notes": "",
                    "created_at": now,
                    "created_by": ACTOR.username,
                    "updated_at": now,
                    "updated_by": ACTOR.username,
                }
            )
            scores += [{"assessment_id": next_id, "item": code, "score": v} for code, v in items.items()]
            next_id += 1
    with engine.begin() as conn:
        for start in range(0, len(rows), 20_000):
            conn.execute(insert(Assessment), rows[start : start + 20_000])
        for start in range(0, len(scores), 100_000):
            conn.execute(insert(AssessmentScore), scores[start : start + 100_000])
    return len(rows)


# ---- approved rosters --------------------------------------------------------------------------


def _rosters(cc: CareCenter, centers: Sequence[CenterInfo], scale: Scale) -> int:
    """Every past month of the desk records approved, center by center, by the app's own approval."""
    count = 0
    month = scale.first_day
    current = BENCH_TODAY.replace(day=1)
    while month < current:
        for center in centers:
            cc.subsidy_rosters.approve(ACTOR, center.id, month)
            count += 1
        month = add_months(month, 1)
    return count
