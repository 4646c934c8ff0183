"""数据质量: the records staff should look at again, one list for the whole center.

Each kind of problem is one SQL query over the current seniors (在册/暂停: withdrawn
and deceased records are history, not work). Every query returns a few plain
columns per senior, never ORM objects, so the check stays one quick read even with
tens of thousands of seniors; ``check`` runs on any thread and holds no session
after it returns.

Problems are listed by kind, most consequential first (a senior registered twice
or too young affects subsidies; a missing phone affects the next call), then by
the name's pinyin, as every list in the app.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Row, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.clock import Clock
from carecenter.db.models import Center, Consent, EmergencyContact, Senior, SeniorCategory, SeniorPhone
from carecenter.db.sessions import Sessions
from carecenter.domain.idnumber import age_on
from carecenter.domain.vocab import CURRENT_STATUSES, Category, Vocab
from carecenter.i18n import N_, _
from carecenter.permissions import Permission, require

MIN_AGE = 60  # the centers serve people of 60 and over


class QualityKind(Vocab):
    """A kind of problem: the value is a stable code (CLI JSON, scripts), the label what staff read.

    Declared in the order the list shows them: most consequential first.
    """

    DUPLICATE = "duplicate", N_("Possible duplicate")
    UNDER_60 = "under_60", N_("Under 60")
    CATEGORY_EXPIRED = "category_expired", N_("Category expired")
    NO_CONSENT = "no_consent", N_("No consent form")
    NO_PHONE = "no_phone", N_("No phone number")
    NO_CONTACT = "no_contact", N_("No emergency contact")


@dataclass(frozen=True)
class QualityIssue:
    """One problem of one senior; ``detail`` says what exactly, in the current language (may be empty)."""

    senior_id: int
    member_no: str
    name: str
    kind: QualityKind
    detail: str

    def as_json(self) -> dict[str, object]:
        """The stable shape of ``carecenter-cli check --format json``."""
        return {
            "kind": self.kind.value,
            "member_no": self.member_no,
            "name": self.name,
            "senior_id": self.senior_id,
            "detail": self.detail,
        }


class QualityService:
    """``cc.quality``: what the 数据质量 page and ``carecenter-cli check`` list."""

    def __init__(self, sessions: Sessions, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def check(
        self, actor: Actor, center_id: int | None = None, kinds: Collection[QualityKind] | None = None
    ) -> list[QualityIssue]:
        """Every problem of the current seniors (of one center, if given), by kind, then by name.

        ``kinds`` None means every kind. A senior with two problems is listed twice, once per kind
        (and once per expired category).
        """
        require(actor, Permission.LOOKUP_SENIORS)
        wanted = set(QualityKind) if kinds is None else set(kinds)
        today = self._clock.today()
        checks: dict[QualityKind, Callable[[Session, int | None, dt.date], list[QualityIssue]]] = {
            QualityKind.DUPLICATE: _duplicates,
            QualityKind.UNDER_60: _under_60,
            QualityKind.CATEGORY_EXPIRED: _expired_categories,
            QualityKind.NO_CONSENT: _no_consent,
            QualityKind.NO_PHONE: _no_phone,
            QualityKind.NO_CONTACT: _no_contact,
        }
        issues: list[QualityIssue] = []
        with self._sessions() as session:
            for kind in QualityKind:
                if kind in wanted:
                    issues.extend(checks[kind](session, center_id, today))
        return issues

    def counts(
        self, actor: Actor, center_id: int | None = None, kinds: Collection[QualityKind] | None = None
    ) -> dict[QualityKind, int]:
        """How many problems of each kind (every kind asked for is present, 0 included)."""
        return count_by_kind(self.check(actor, center_id, kinds), kinds)


def count_by_kind(
    issues: Iterable[QualityIssue], kinds: Collection[QualityKind] | None = None
) -> dict[QualityKind, int]:
    """Problems per kind, in the list's order of kinds (for a list already fetched)."""
    counted = Counter(issue.kind for issue in issues)
    return {kind: counted.get(kind, 0) for kind in QualityKind if kinds is None or kind in kinds}


# ---- one query per kind -------------------------------------------------------------------------


def _current(center_id: int | None) -> ColumnElement[bool]:
    """The seniors the check covers: 在册/暂停, of one center if given."""
    condition: ColumnElement[bool] = Senior.status.in_(list(CURRENT_STATUSES))
    if center_id is not None:
        condition = and_(condition, Senior.center_id == center_id)
    return condition


def _plain(session: Session, stmt: Select[int, str, str], kind: QualityKind) -> list[QualityIssue]:
    """Issues without detail from a query of (id, member_no, name), listed by pinyin."""
    rows = session.execute(stmt.order_by(Senior.name_sort, Senior.id))
    return [QualityIssue(r[0], r[1], r[2], kind, "") for r in rows]


def _no_phone(session: Session, center_id: int | None, today: dt.date) -> list[QualityIssue]:
    has_phone = exists().where(SeniorPhone.senior_id == Senior.id)
    stmt = select(Senior.id, Senior.member_no, Senior.name).where(_current(center_id), ~has_phone)
    return _plain(session, stmt, QualityKind.NO_PHONE)


def _no_contact(session: Session, center_id: int | None, today: dt.date) -> list[QualityIssue]:
    has_contact = exists().where(EmergencyContact.senior_id == Senior.id)
    stmt = select(Senior.id, Senior.member_no, Senior.name).where(_current(center_id), ~has_contact)
    return _plain(session, stmt, QualityKind.NO_CONTACT)


def _expired_categories(session: Session, center_id: int | None, today: dt.date) -> list[QualityIssue]:
    """A category whose every period has ended before today: its latest period is over and none replaced it.

    A period with an open end, or one that ends today or later (a renewal that starts next
    month included), means the category is still being looked after.
    """
    ended = func.max(SeniorCategory.valid_to)
    periods = (
        select(SeniorCategory.senior_id, SeniorCategory.category, ended.label("ended"))
        .group_by(SeniorCategory.senior_id, SeniorCategory.category)
        .having(func.count(SeniorCategory.valid_to) == func.count(), ended < today)
        .subquery()
    )
    stmt = (
        select(Senior.id, Senior.member_no, Senior.name, periods.c.category, periods.c.ended)
        .join(periods, periods.c.senior_id == Senior.id)
        .where(_current(center_id))
        .order_by(Senior.name_sort, Senior.id, periods.c.ended)
    )
    issues = []
    for senior_id, member_no, name, category, end in session.execute(stmt):
        detail = _("{category}: valid until {date}").format(category=Category.of(category).label, date=end)
        issues.append(QualityIssue(senior_id, member_no, name, QualityKind.CATEGORY_EXPIRED, detail))
    return issues


def _duplicates(session: Session, center_id: int | None, today: dt.date) -> list[QualityIssue]:
    """Two current seniors with the same name and birth date: likely one person under two ID numbers.

    The center filter applies to the senior listed; the other record may be at any center
    (someone registered at two centers is exactly what this should catch). A window count
    finds the groups in one pass; a self-join on name would compare every pair of seniors.
    """
    group = func.count().over(partition_by=(Senior.name, Senior.birth_date))
    candidates = (
        select(
            Senior.id,
            Senior.member_no,
            Senior.name,
            Senior.name_sort,
            Senior.birth_date,
            Senior.center_id,
            Center.code,
            group.label("group_size"),
        )
        .join(Center, Center.id == Senior.center_id)
        .where(_current(None))
        .subquery()
    )
    stmt = (
        select(
            candidates.c.id,
            candidates.c.member_no,
            candidates.c.name,
            candidates.c.birth_date,
            candidates.c.center_id,
            candidates.c.code,
        )
        .where(candidates.c.group_size > 1)
        .order_by(candidates.c.name_sort, candidates.c.id)
    )
    rows = session.execute(stmt).all()
    groups: dict[tuple[str, dt.date], list[Row[int, str, str, dt.date, int, str]]] = {}
    for row in rows:
        groups.setdefault((row.name, row.birth_date), []).append(row)
    issues = []
    for row in rows:
        if center_id is not None and row.center_id != center_id:
            continue
        others = [
            o.member_no
            if o.center_id == row.center_id
            else _("{member_no} at {center}").format(member_no=o.member_no, center=o.code)
            for o in sorted(groups[(row.name, row.birth_date)], key=lambda o: o.member_no)
            if o.id != row.id
        ]
        detail = _("same name and birth date as {others}").format(others=_(", ").join(others))
        issues.append(QualityIssue(row.id, row.member_no, row.name, QualityKind.DUPLICATE, detail))
    return issues


def _under_60(session: Session, center_id: int | None, today: dt.date) -> list[QualityIssue]:
    """Age on today below 60. SQL narrows to those born less than 61 years ago; ``age_on`` decides."""
    born_after = _years_before(today, MIN_AGE + 1)
    stmt = (
        select(Senior.id, Senior.member_no, Senior.name, Senior.birth_date)
        .where(_current(center_id), Senior.birth_date > born_after)
        .order_by(Senior.name_sort, Senior.id)
    )
    issues = []
    for senior_id, member_no, name, birth in session.execute(stmt):
        age = age_on(birth, today)
        if age < MIN_AGE:
            detail = _("{age} years old (born {date})").format(age=age, date=birth)
            issues.append(QualityIssue(senior_id, member_no, name, QualityKind.UNDER_60, detail))
    return issues


def _no_consent(session: Session, center_id: int | None, today: dt.date) -> list[QualityIssue]:
    """No consent on record, or the newest one withdrawn: the same rule as ``ConsentService.missing``."""
    latest = select(Consent.senior_id, func.max(Consent.id).label("consent_id")).group_by(Consent.senior_id).subquery()
    stmt = (
        select(Senior.id, Senior.member_no, Senior.name, Consent.withdrawn_on)
        .outerjoin(latest, latest.c.senior_id == Senior.id)
        .outerjoin(Consent, Consent.id == latest.c.consent_id)
        .where(_current(center_id), or_(Consent.id.is_(None), Consent.withdrawn_on.is_not(None)))
        .order_by(Senior.name_sort, Senior.id)
    )
    issues = []
    for senior_id, member_no, name, withdrawn_on in session.execute(stmt):
        detail = _("none on record") if withdrawn_on is None else _("withdrawn on {date}").format(date=withdrawn_on)
        issues.append(QualityIssue(senior_id, member_no, name, QualityKind.NO_CONSENT, detail))
    return issues


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
