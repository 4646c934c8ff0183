"""Demo care records: health, assessments with a trend, incidents and care plans for the demo seniors.

``fill_care`` runs after :func:`carecenter.demo.fill` has registered the roster. It writes
through the same services as the social workers (``cc.health.update``,
``cc.assessments.record``, ``cc.incidents.record``, ``cc.care_plans.create/revise/sign``),
so every rule applies. Past events are written with the clock set to their day (a second
``CareCenter`` on the same engine with a :class:`FixedClock`): a plan signed last spring
shows that date, and the GB/T 42195 adjustment counts the incidents before each assessment.

What a 300-senior demo holds (current seniors only; withdrawn and deceased keep none):
health records for most (高血压, 糖尿病 … with medications and a family doctor); about
most assessed every ~6 months over the past two years, abilities declining slowly, with a
Barthel form beside some; hospital stays matching the 住院 pauses of the status history,
falls (two within 30 days before an assessment for a few: the level one worse), a choking
and a wandering incident; care plans for most assessed seniors (日间托老 Mon/Wed/Fri, 助餐
weekdays, 助浴 2×/month …) assigned to demo staff, some revised (the old version superseded),
a few drafts. Deterministic: one ``random.Random`` from the seed, seniors in id order.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from carecenter.actor import Actor
from carecenter.care.assessments import AssessmentInput
from carecenter.care.health import HealthInput, MedicationEntry
from carecenter.care.incidents import IncidentInput
from carecenter.care.instruments import BARTHEL, GBT42195
from carecenter.care.plan_info import PlanInput, PlannedServiceInput
from carecenter.clock import CENTER_TZ, FixedClock
from carecenter.domain.dates import add_months
from carecenter.domain.vocab import CURRENT_STATUSES, CareLevel, Category, DietFlag, IncidentKind, StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorDetail

ASSESSED_SHARE = 0.88
UNASSESSED_HEALTH_SHARE = 0.25  # health records of seniors not (yet) assessed: what the family told the desk
PLAN_SHARE = 0.9  # of the assessed
REVISED_SHARE = 0.35  # of the plans of seniors assessed three times or more
BARTHEL_SHARE = 0.25
HISTORY_DAYS = 730
MAX_ASSESSMENTS = 3  # the latest ones of the window: enough for a trend, and the demo stays fast

TEAM = (
    ("赵静", StaffPosition.SOCIAL_WORKER),
    ("孙丽娟", StaffPosition.SOCIAL_WORKER),
    ("李秀梅", StaffPosition.CAREGIVER),
    ("王红霞", StaffPosition.CAREGIVER),
    ("张建军", StaffPosition.CAREGIVER),
)

# condition, share of seniors, medications (name, dose, schedule)
CONDITIONS: tuple[tuple[str, float, tuple[tuple[str, str, str], ...]], ...] = (
    ("高血压", 0.5, (("硝苯地平缓释片", "10mg", "每日两次"), ("苯磺酸氨氯地平片", "5mg", "每日一次"))),
    ("2型糖尿病", 0.15, (("二甲双胍片", "0.5g", "三餐后"), ("阿卡波糖片", "50mg", "随餐嚼服"))),
    ("冠心病", 0.14, (("阿司匹林肠溶片", "100mg", "每日一次"), ("单硝酸异山梨酯片", "20mg", "每日两次"))),
    ("高脂血症", 0.18, (("阿托伐他汀钙片", "20mg", "睡前"),)),
    ("骨质疏松", 0.15, (("碳酸钙D3片", "1片", "每日一次"),)),
    ("膝骨关节炎", 0.15, ()),
    ("慢性阻塞性肺病", 0.05, (("噻托溴铵吸入剂", "1吸", "每日早晨"),)),
    ("脑梗死后遗症", 0.07, (("氯吡格雷片", "75mg", "每日一次"),)),
    ("白内障", 0.1, ()),
)
DOCTORS = ("李红梅", "王建华", "张志刚", "刘晓燕", "陈国庆")
FALLS = (
    ("在家中卫生间滑倒，右髋部疼痛", "家属陪同到医院拍片，无骨折；建议卫生间加装扶手、铺防滑垫"),
    ("下楼时踩空摔倒，左手腕擦伤", "社工上门查看，伤口已消毒包扎；提醒上下楼扶扶手"),
    ("夜间起床如厕时跌倒", "联系女儿陪护，床边加装夜灯"),
    ("在中心活动室起身时头晕摔倒", "当班护理员扶起测血压 160/95，通知家属带去复诊"),
)
HOSPITAL = ("{reason}，暂停到中心活动", "社工电话慰问家属，出院后上门回访")
NEEDS = {
    "intact": "生活能够自理，{home}；{cond}，希望多参加中心活动、按时吃午饭。",
    "mild": "基本能自理，洗澡、外出需要帮助；{home}；{cond}。",
    "moderate": "行走需扶拐，洗澡、穿裤袜需要协助，{home}；{cond}，需按时服药。",
    "severe": "大部分日常活动需要帮助，卧床时间长，{home}；{cond}。",
    "total": "完全依赖照护，{home}；{cond}，家属照护压力大。",
}
GOALS = "保持现有活动能力，防止跌倒；按时服药，定期复诊；{services}。"


@dataclass(frozen=True)
class CareSummary:
    """What ``fill_care`` wrote."""

    staff: int = 0
    health_records: int = 0
    assessments: int = 0
    incidents: int = 0
    plan_versions: int = 0


@dataclass
class _Counts:
    health: int = 0
    assessments: int = 0
    incidents: int = 0
    plans: int = 0


@dataclass
class _Senior:
    """One senior's plan of events, run in date order."""

    detail: SeniorDetail
    events: list[tuple[dt.date, int, Callable[[], None]]] = field(default_factory=list)

    def at(self, day: dt.date, order: int, run: Callable[[], None]) -> None:
        self.events.append((day, order, run))


def fill_care(cc: CareCenter, seed: int, actor: Actor, seniors: Sequence[SeniorDetail] | None = None) -> CareSummary:
    """Write the care records of every current senior (deterministic for ``seed`` and today's date).

    ``seniors`` are the records as registered (``demo.fill`` has them from its writes);
    None reads every senior from the database.
    """
    rng = random.Random(f"care:{seed}")
    today = cc.clock.today()
    clock = FixedClock.on(today)
    past = CareCenter(cc.engine, clock)  # the same database, written "on the day"
    center_id = cc.centers.list()[0].id
    team = [cc.staff.create(name, position, actor, center_id=center_id) for name, position in TEAM]
    workers = [s.id for s in team if s.position is StaffPosition.SOCIAL_WORKER]
    carers = [s.id for s in team if s.position is StaffPosition.CAREGIVER]
    types = {t.code: t.id for t in cc.catalogue.types()}
    counts = _Counts()
    maker = _Maker(rng, today, past, actor, workers, carers, types, counts)
    if seniors is None:
        seniors = [cc.seniors.get(i, actor) for i in cc.seniors.search_ids(statuses=None)]
    for detail in sorted(seniors, key=lambda d: d.id):
        if detail.status not in CURRENT_STATUSES:
            continue
        assessed = rng.random() < ASSESSED_SHARE  # assessed seniors get the whole record: the interview asks
        health = maker.health(detail)
        if health is not None and (assessed or rng.random() < UNASSESSED_HEALTH_SHARE):
            cc.health.update(detail.id, health, actor)
            counts.health += 1
        else:
            health = None
        plan = _Senior(detail)
        maker.plan_events(plan, health or HealthInput(), assessed)
        for day, _order, run in sorted(plan.events, key=lambda e: (e[0], e[1])):
            clock.current = dt.datetime(day.year, day.month, day.day, 10, rng.randrange(60), tzinfo=CENTER_TZ)
            run()
    return CareSummary(len(team), counts.health, counts.assessments, counts.incidents, counts.plans)


class _Maker:
    """Draws one senior's records at a time from the shared random stream."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        cc: CareCenter,
        actor: Actor,
        workers: list[int],
        carers: list[int],
        types: Mapping[str, int],
        counts: _Counts,
    ) -> None:
        self.rng, self.today, self.cc, self.actor = rng, today, cc, actor
        self.workers, self.carers, self.types, self.counts = workers, carers, types, counts

    # ---- health ----------------------------------------------------------------------

    def health(self, d: SeniorDetail) -> HealthInput | None:
        rng = self.rng
        old = d.age >= 80
        conditions: list[str] = []
        medications: list[MedicationEntry] = []
        for name, share, meds in CONDITIONS:
            diabetic = name == "2型糖尿病" and DietFlag.DIABETIC in d.diet_flags
            if diabetic or rng.random() < share * (1.3 if old else 1.0):
                conditions.append(name)
                if meds and rng.random() < 0.85:
                    medications.append(MedicationEntry(*rng.choice(meds)))
        frail = d.care_level in (CareLevel.MODERATE, CareLevel.SEVERE, CareLevel.TOTAL)
        dementia = d.age >= 78 and rng.random() < (0.18 if frail else 0.04)
        if dementia:
            conditions.append("阿尔茨海默病")
            medications.append(MedicationEntry("盐酸多奈哌齐片", "5mg", "睡前"))
        doctor, phone = "", ""
        if rng.random() < 0.7:
            doctor = f"{rng.choice(DOCTORS)}（{d.community.removesuffix('社区')}社区卫生服务站）"
            phone = f"0371-6{rng.randrange(10**7):07d}"
        fall = (frail or d.age >= 88) and rng.random() < 0.7
        wandering = dementia and rng.random() < 0.6
        if not (conditions or doctor or fall):
            return None
        return HealthInput(
            conditions=tuple(conditions),
            medications=tuple(medications),
            allergies=d.allergies,
            diet_flags=d.diet_flags,
            diet_notes=d.diet_notes,
            family_doctor=doctor,
            family_doctor_phone=phone,
            dementia=dementia,
            fall_risk=fall,
            wandering_risk=wandering,
        )

    # ---- one senior's events ---------------------------------------------------------

    def plan_events(self, s: _Senior, health: HealthInput, assessed: bool) -> None:
        rng, d = self.rng, s.detail
        start = max(d.registered_on, self.today - dt.timedelta(days=HISTORY_DAYS))
        self._hospital_stays(s)
        if not assessed:
            return
        days = self._assessment_days(start, d.registered_on)
        if not days:
            return
        totals = self._totals(d, len(days))
        scores = DecliningScores(rng, health.dementia)
        barthel = rng.random() < BARTHEL_SHARE
        for i, (day, total) in enumerate(zip(days, totals, strict=True)):
            gbt = scores.down_to(total)
            s.at(day, 2, self._assessment(d.id, GBT42195.code, day, gbt, health.dementia))
            if barthel and (i == 0 or i == len(days) - 1):
                s.at(day, 3, self._assessment(d.id, BARTHEL.code, day, barthel_of(gbt), health.dementia))
        self._falls(s, days, health)
        if rng.random() < PLAN_SHARE:
            self._plans(s, days, totals, health)
        elif rng.random() < 0.08:
            created = max(days[-1], self.today - dt.timedelta(days=rng.randint(0, 10)))
            s.at(created, 4, lambda: self._write_draft(d, created, totals[-1], health))

    def _assessment_days(self, start: dt.date, registered: dt.date) -> list[dt.date]:
        """Intake soon after registration (or somewhere early in the window), then every ~6 months."""
        rng = self.rng
        first = start + dt.timedelta(days=rng.randint(2, 20) if start == registered else rng.randint(0, 150))
        days: list[dt.date] = []
        day = first
        stop_early = rng.random() < 0.06  # a reassessment missed: overdue on the due list
        while day <= self.today:
            days.append(day)
            day = add_months(day, 6) + dt.timedelta(days=rng.randint(-10, 12))
            if stop_early and len(days) >= 1 and rng.random() < 0.5:
                break
        return days[-rng.choice((1, 2, 2, 3)) :][-MAX_ASSESSMENTS:]

    def _totals(self, d: SeniorDetail, n: int) -> list[int]:
        """GB/T totals oldest first, declining slowly to a latest total in the entered level's band."""
        rng = self.rng
        level = d.care_level or rng.choice((CareLevel.INTACT, CareLevel.MILD, CareLevel.MILD, CareLevel.MODERATE))
        band = next(b for b in GBT42195.bands if b.code == level.value)
        latest = band.high if level is CareLevel.INTACT else rng.randint(max(band.low, 5), band.high)
        totals = [latest]
        for _i in range(n - 1):
            totals.append(min(90, totals[-1] + rng.choice((0, 1, 2, 3, 4, 6))))
        return totals[::-1]

    def _assessment(
        self, senior_id: int, instrument: str, day: dt.date, scores: dict[str, int], dementia: bool
    ) -> Callable[[], None]:
        first, second = self.rng.choice(self.workers), self.rng.choice(self.carers)

        def run() -> None:
            data = AssessmentInput(instrument, day, first, second, scores, dementia=dementia)
            self.cc.assessments.record(senior_id, data, self.actor)
            self.counts.assessments += 1

        return run

    def _incident(self, senior_id: int, data: IncidentInput) -> Callable[[], None]:
        def run() -> None:
            self.cc.incidents.record(senior_id, data, self.actor)
            self.counts.incidents += 1

        return run

    def _hospital_stays(self, s: _Senior) -> None:
        """A 住院 pause of the status history is also a hospital-stay incident, ended when the senior came back."""
        history = s.detail.history
        for i, entry in enumerate(history):
            if entry.status is not Status.PAUSED or "院" not in entry.reason:
                continue
            back = history[i + 1].effective_on if i + 1 < len(history) else None
            text, action = HOSPITAL
            data = IncidentInput(
                IncidentKind.HOSPITAL, entry.effective_on, text.format(reason=entry.reason), action, ended_on=back
            )
            s.at(back or entry.effective_on, 1, self._incident(s.detail.id, data))  # written once the stay ended

    def _falls(self, s: _Senior, days: list[dt.date], health: HealthInput) -> None:
        rng, sid = self.rng, s.detail.id
        if health.fall_risk and len(days) >= 2 and rng.random() < 0.3:
            before = days[-1]  # two falls within 30 days before the latest assessment: one level worse
            for back in sorted(rng.sample(range(3, 29), 2), reverse=True):
                text, action = rng.choice(FALLS)
                s.at(
                    before - dt.timedelta(days=back),
                    1,
                    self._incident(
                        sid, IncidentInput(IncidentKind.FALL, before - dt.timedelta(days=back), text, action)
                    ),
                )
        elif (health.fall_risk or s.detail.age >= 85) and rng.random() < 0.12:
            day = self.today - dt.timedelta(days=rng.randint(0, 120))  # recent: reassessment due at once
            text, action = rng.choice(FALLS)
            s.at(day, 1, self._incident(sid, IncidentInput(IncidentKind.FALL, day, text, action)))
        if health.wandering_risk and rng.random() < 0.5:
            day = self.today - dt.timedelta(days=rng.randint(5, 300))
            text = "独自外出后找不到回家的路，在公园被社区网格员发现"
            s.at(
                day,
                1,
                self._incident(sid, IncidentInput(IncidentKind.WANDERING, day, text, "联系家属接回；建议佩戴定位手环")),
            )
        if DietFlag.SOFT in s.detail.diet_flags and rng.random() < 0.1:
            day = self.today - dt.timedelta(days=rng.randint(10, 400))
            text = "午餐时吃馒头噎住，咳嗽不止"
            s.at(
                day,
                1,
                self._incident(
                    sid, IncidentInput(IncidentKind.CHOKING, day, text, "护理员拍背后缓解；以后改为软食、小口慢食")
                ),
            )

    # ---- care plans --------------------------------------------------------------------

    def _plans(self, s: _Senior, days: list[dt.date], totals: list[int], health: HealthInput) -> None:
        rng, d = self.rng, s.detail
        signed = min(self.today, days[0] + dt.timedelta(days=rng.randint(3, 14)))
        revise_after = days[-2] if len(days) >= 3 and rng.random() < REVISED_SHARE else None
        # reviewed at each reassessment: the version in force is due for review 6 months after the latest one
        first = self._plan_input(d, signed, totals[0], health, review_from=days[-1] if revise_after is None else None)
        ids: list[int] = []

        def write_first() -> None:
            plan = self.cc.care_plans.create(d.id, first, self.actor)
            self.cc.care_plans.sign(plan.id, rng.choice(self.workers), self.actor)
            self.counts.plans += 1
            ids.append(plan.id)

        s.at(signed, 5, write_first)
        if revise_after is not None:
            day = min(self.today, revise_after + dt.timedelta(days=rng.randint(3, 10)))
            second = self._plan_input(d, day, totals[-2], health, review_from=days[-1])

            def write_second() -> None:
                draft = self.cc.care_plans.revise(ids[0], second, self.actor)
                self.cc.care_plans.sign(draft.id, rng.choice(self.workers), self.actor)
                self.counts.plans += 1
                ids.append(draft.id)

            s.at(day, 5, write_second)
        if rng.random() < 0.06:  # a new version being written, not yet signed
            day = max(days[-1], signed, self.today - dt.timedelta(days=rng.randint(0, 7)))
            third = self._plan_input(d, day, totals[-1], health)

            def write_draft() -> None:
                self.cc.care_plans.revise(ids[-1], third, self.actor)
                self.counts.plans += 1

            s.at(day, 6, write_draft)

    def _write_draft(self, d: SeniorDetail, day: dt.date, total: int, health: HealthInput) -> None:
        self.cc.care_plans.create(d.id, self._plan_input(d, day, total, health), self.actor)
        self.counts.plans += 1

    def _plan_input(
        self, d: SeniorDetail, start: dt.date, total: int, health: HealthInput, review_from: dt.date | None = None
    ) -> PlanInput:
        rng, t = self.rng, self.types
        level = GBT42195.band(total).code
        alone = any(p.category is Category.LIVING_ALONE and p.valid_on(start) for p in d.categories)
        services: list[PlannedServiceInput] = []
        names: list[str] = []
        if level in ("intact", "mild", "moderate") and rng.random() < 0.65:
            days = rng.choice((frozenset({1, 3, 5}), frozenset({1, 3, 5}), frozenset({2, 4}), frozenset(range(1, 8))))
            services.append(PlannedServiceInput(t["day_care"], weekdays=days, notes="上午到中心，午饭后回家"))
            names.append("到中心参加日间照料")
        if rng.random() < 0.6 or not services:
            delivered = level in ("severe", "total")
            services.append(
                PlannedServiceInput(
                    t["meals"], weekdays=frozenset(range(1, 6)), notes="送餐上门" if delivered else "堂食"
                )
            )
            names.append("工作日午餐有保障")
        if level in ("moderate", "severe", "total") or d.age >= 88:
            services.append(PlannedServiceInput(t["bathing"], times_per_month=2, staff_id=rng.choice(self.carers)))
            names.append("每月两次助浴")
        if alone and rng.random() < 0.6:
            services.append(PlannedServiceInput(t["cleaning"], times_per_month=4, staff_id=rng.choice(self.carers)))
            names.append("每周一次助洁")
        if health.conditions and rng.random() < 0.3:
            services.append(
                PlannedServiceInput(
                    t["medical"], times_per_month=1, staff_id=rng.choice(self.carers), notes="陪同复诊、取药"
                )
            )
            names.append("每月陪同复诊")
        home = "独自居住" if alone else "与家人同住"
        cond = "患" + "、".join(health.conditions[:3]) if health.conditions else "无慢性病记录"
        return PlanInput(
            needs=NEEDS[level].format(home=home, cond=cond),
            goals=GOALS.format(services="，".join(names)),
            start_on=start,
            review_on=add_months(max(start, review_from or start), 6),
            services=tuple(services),
        )


class DecliningScores:
    """One senior's GB/T 42195 item scores, losing points item by item as the totals decline."""

    # How readily each item is lost as abilities decline (mobility and bathing first, consciousness last).
    WEIGHTS: ClassVar[dict[str, float]] = {
        "bathing": 5, "stairs": 5, "transport": 5, "walking": 4, "daily_affairs": 4, "dress_lower": 3, "social": 3,
        "hearing": 2, "vision": 2, "transfer": 2, "toilet": 2, "memory": 2, "dress_upper": 2, "grooming": 1.5,
        "bladder": 1.5, "orient_time": 1.5, "bed_position": 1, "bowels": 1, "understanding": 1, "expression": 1,
        "orient_place": 1, "depression": 0.8, "feeding": 0.7, "orient_person": 0.5, "aggression": 0.2,
        "consciousness": 0.2,
    }  # fmt: skip
    DEMENTIA: ClassVar[dict[str, float]] = {"memory": 6, "orient_time": 5, "orient_place": 4, "orient_person": 3, "understanding": 3,
                "expression": 3, "aggression": 1}  # fmt: skip

    def __init__(self, rng: random.Random, dementia: bool) -> None:
        self.rng = rng
        self.scores = {item.code: item.max_score for item in GBT42195.items}
        self.weights = {code: w + (self.DEMENTIA.get(code, 0) if dementia else 0) for code, w in self.WEIGHTS.items()}

    def down_to(self, total: int) -> dict[str, int]:
        while sum(self.scores.values()) > total:
            codes = [c for c, v in self.scores.items() if v > 0]
            code = self.rng.choices(codes, weights=[self.weights[c] for c in codes])[0]
            self.scores[code] -= 1
        return dict(self.scores)


def barthel_of(gbt: Mapping[str, int]) -> dict[str, int]:
    """A Barthel form consistent with GB/T 42195 item scores of the same day."""

    def three(score: int, full: int = 10) -> int:  # 4 → full, 2–3 → half, else 0
        return full if score >= 4 else full // 2 if score >= 2 else 0

    def four(score: int) -> int:  # 4 → 15, 3 → 10, 1–2 → 5, 0 → 0
        return {4: 15, 3: 10, 2: 5, 1: 5}.get(score, 0)

    return {
        "feeding": three(gbt["feeding"]),
        "bathing": 5 if gbt["bathing"] >= 3 else 0,
        "grooming": 5 if gbt["grooming"] >= 3 else 0,
        "dressing": three(min(gbt["dress_upper"], gbt["dress_lower"])),
        "bowels": three(gbt["bowels"]),
        "bladder": three(gbt["bladder"]),
        "toilet": three(gbt["toilet"]),
        "transfer": four(gbt["transfer"]),
        "walking": four(gbt["walking"]),
        "stairs": 10 if gbt["stairs"] >= 3 else 5 if gbt["stairs"] >= 1 else 0,
    }
