"""数据质量: exactly which current seniors each check lists, at the edges of every rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import event

from carecenter.actor import Actor
from carecenter.domain.vocab import Category, StaffPosition, Status
from carecenter.facade import CareCenter
from carecenter.i18n import _
from carecenter.quality import QualityIssue, QualityKind
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorDetail, SeniorInput
from tests.conftest import TODAY
from tests.core.helpers import an_id

YESTERDAY = TODAY - dt.timedelta(days=1)
SON = Contact("李明", "儿子", "13912345678")

Register = Callable[..., SeniorDetail]


@pytest.fixture
def register(center: CareCenter, admin: Actor) -> Register:
    """A senior whose record is complete (phone, contact, consent) unless told otherwise."""
    worker = center.staff.create("刘社工", StaffPosition.SOCIAL_WORKER, admin)
    sequence = iter(range(11, 999, 2))

    def make(
        name: str,
        birth: dt.date = dt.date(1945, 3, 2),
        *,
        phones: tuple[str, ...] = ("13803712345",),
        contacts: tuple[Contact, ...] = (SON,),
        categories: tuple[CategoryPeriod, ...] = (),
        consent: bool = True,
        center_id: int | None = None,
    ) -> SeniorDetail:
        data = SeniorInput(
            name=name,
            id_number=an_id(birth, next(sequence)),
            center_id=center_id or center.centers.by_code("C001").id,
            phones=phones,
            contacts=contacts,
            categories=categories,
            registered_on=max(birth, dt.date(2025, 1, 1)),
        )
        senior = center.seniors.create(data, admin)
        if consent:
            center.consent.record(senior.id, TODAY, worker.id, admin)
        return senior

    return make


def issue(senior: SeniorDetail, kind: QualityKind, detail: str = "") -> QualityIssue:
    return QualityIssue(senior.id, senior.member_no, senior.name, kind, detail)


def test_a_complete_record_has_no_problem(center: CareCenter, register: Register, front_desk: Actor) -> None:
    register("张桂兰", categories=(CategoryPeriod(Category.EMPTY_NEST, dt.date(2025, 1, 1)),))
    assert center.quality.check(front_desk) == []
    assert center.quality.counts(front_desk) == dict.fromkeys(QualityKind, 0)


def test_no_phone_and_no_contact(center: CareCenter, register: Register, admin: Actor) -> None:
    no_phone = register("王秀英", phones=())
    no_contact = register("李建国", contacts=())
    register("张桂兰")
    assert center.quality.check(admin, kinds=[QualityKind.NO_PHONE, QualityKind.NO_CONTACT]) == [
        issue(no_phone, QualityKind.NO_PHONE),
        issue(no_contact, QualityKind.NO_CONTACT),
    ]


def test_age_exactly_60_today_is_not_under_60(center: CareCenter, register: Register, admin: Actor) -> None:
    register("刘淑珍", dt.date(1966, 11, 22))  # 60 today
    young = register("陈志强", dt.date(1966, 11, 23))  # 60 tomorrow
    leap = register("赵玉梅", dt.date(1968, 2, 29))
    assert center.quality.check(admin, kinds=[QualityKind.UNDER_60]) == [
        issue(young, QualityKind.UNDER_60, _("{age} years old (born {date})").format(age=59, date="1966-11-23")),
        issue(leap, QualityKind.UNDER_60, _("{age} years old (born {date})").format(age=58, date="1968-02-29")),
    ]


def test_a_category_ending_yesterday_has_expired_one_ending_today_has_not(
    center: CareCenter, register: Register, admin: Actor
) -> None:
    expired = register("王秀英", categories=(CategoryPeriod(Category.DIBAO, dt.date(2026, 1, 1), YESTERDAY),))
    register("李建国", categories=(CategoryPeriod(Category.DIBAO, dt.date(2026, 1, 1), TODAY),))
    register("张桂兰", categories=(CategoryPeriod(Category.DISABLED, None, None),))
    assert center.quality.check(admin, kinds=[QualityKind.CATEGORY_EXPIRED]) == [
        issue(
            expired,
            QualityKind.CATEGORY_EXPIRED,
            _("{category}: valid until {date}").format(category="低保", date="2026-11-21"),
        )
    ]


def test_a_renewed_period_hides_the_expired_one(center: CareCenter, register: Register, admin: Actor) -> None:
    last_year = CategoryPeriod(Category.DIBAO, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    register(
        "李建国", categories=(last_year, CategoryPeriod(Category.DIBAO, dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    )
    register(
        "张桂兰", categories=(last_year, CategoryPeriod(Category.DIBAO, dt.date(2027, 1, 1), None))
    )  # from January
    both = register(
        "王秀英",
        categories=(
            CategoryPeriod(Category.LIVING_ALONE, dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
            last_year,
            CategoryPeriod(Category.DIBAO, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ),
    )
    detail = _("{category}: valid until {date}")
    assert center.quality.check(admin, kinds=[QualityKind.CATEGORY_EXPIRED]) == [
        issue(both, QualityKind.CATEGORY_EXPIRED, detail.format(category="独居", date="2025-06-30")),
        issue(both, QualityKind.CATEGORY_EXPIRED, detail.format(category="低保", date="2025-12-31")),
    ]


def test_both_of_a_suspected_duplicate_are_listed(center: CareCenter, register: Register, admin: Actor) -> None:
    first = register("张桂兰")
    second = register("张桂兰")  # same name and birth date, another ID number
    register("张桂兰", dt.date(1945, 3, 3))  # another birth date
    register("张桂芝")  # another name
    same = _("same name and birth date as {others}")
    assert center.quality.check(admin, kinds=[QualityKind.DUPLICATE]) == [
        issue(first, QualityKind.DUPLICATE, same.format(others=second.member_no)),
        issue(second, QualityKind.DUPLICATE, same.format(others=first.member_no)),
    ]


def test_three_records_of_one_person_each_name_the_other_two(
    center: CareCenter, register: Register, admin: Actor
) -> None:
    seniors = [register("王秀英") for _i in range(3)]
    found = center.quality.check(admin, kinds=[QualityKind.DUPLICATE])
    assert [i.senior_id for i in found] == [s.id for s in seniors]
    same = _("same name and birth date as {others}")
    others = _(", ").join((seniors[0].member_no, seniors[2].member_no))
    assert (
        found[1].detail
        == same.format(others=others)
        == f"与 {seniors[0].member_no}、{seniors[2].member_no} 姓名和出生日期相同"
    )


def test_withdrawn_and_deceased_seniors_are_not_checked(center: CareCenter, register: Register, admin: Actor) -> None:
    first = register("张桂兰")
    left = register("张桂兰", phones=(), contacts=(), consent=False)
    gone = register("李建国", dt.date(1970, 1, 1), categories=(CategoryPeriod(Category.DIBAO, None, YESTERDAY),))
    center.seniors.change_status(left.id, Status.WITHDRAWN, TODAY, "搬走", admin)
    center.seniors.change_status(gone.id, Status.DECEASED, TODAY, "病故", admin)
    paused = register("王秀英", phones=())
    center.seniors.change_status(paused.id, Status.PAUSED, TODAY, "住院", admin)
    assert first.id not in [i.senior_id for i in center.quality.check(admin)]
    assert center.quality.check(admin) == [issue(paused, QualityKind.NO_PHONE)]


def test_no_consent_follows_the_consent_rule(center: CareCenter, register: Register, admin: Actor) -> None:
    never = register("王秀英", consent=False)
    withdrawn = register("李建国")
    register("张桂兰")
    center.consent.withdraw(withdrawn.id, TODAY, admin)
    assert center.quality.check(admin, kinds=[QualityKind.NO_CONSENT]) == [
        issue(withdrawn, QualityKind.NO_CONSENT, _("withdrawn on {date}").format(date="2026-11-22")),
        issue(never, QualityKind.NO_CONSENT, _("none on record")),
    ]
    assert [i.senior_id for i in center.quality.check(admin, kinds=[QualityKind.NO_CONSENT])] == (
        center.consent.missing(admin)
    )


def test_center_filter(center: CareCenter, register: Register, admin: Actor) -> None:
    other = center.centers.create("燕庄居家养老服务站", admin, code="C002")
    here = register("张桂兰", phones=())
    there = register("张桂兰", center_id=other.id)
    register("李建国", phones=(), center_id=other.id)
    c001 = center.centers.by_code("C001").id
    assert center.quality.check(admin, c001) == [
        issue(
            here,
            QualityKind.DUPLICATE,
            _("same name and birth date as {others}").format(
                others=_("{member_no} at {center}").format(member_no=there.member_no, center="C002")
            ),
        ),
        issue(here, QualityKind.NO_PHONE),
    ]
    assert [(i.name, i.kind) for i in center.quality.check(admin, other.id)] == [
        ("张桂兰", QualityKind.DUPLICATE),
        ("李建国", QualityKind.NO_PHONE),
    ]


def test_sorted_by_kind_then_pinyin_and_counted(center: CareCenter, register: Register, admin: Actor) -> None:
    zhang = register("张桂兰", dt.date(1970, 5, 1), phones=(), contacts=(), consent=False)
    an = register("安玉珍", phones=(), consent=False)
    found = center.quality.check(admin)
    assert [(i.kind, i.name) for i in found] == [
        (QualityKind.UNDER_60, "张桂兰"),
        (QualityKind.NO_CONSENT, "安玉珍"),
        (QualityKind.NO_CONSENT, "张桂兰"),
        (QualityKind.NO_PHONE, "安玉珍"),
        (QualityKind.NO_PHONE, "张桂兰"),
        (QualityKind.NO_CONTACT, "张桂兰"),
    ]
    assert found[0].senior_id == zhang.id and found[1].senior_id == an.id
    counts = center.quality.counts(admin)
    assert list(counts) == list(QualityKind)
    assert counts[QualityKind.NO_PHONE] == 2 and counts[QualityKind.DUPLICATE] == 0
    assert found[0].as_json() == {
        "kind": "under_60",
        "member_no": zhang.member_no,
        "name": "张桂兰",
        "senior_id": zhang.id,
        "detail": found[0].detail,
    }


def test_labels_are_translated_and_codes_are_stable() -> None:
    assert [k.value for k in QualityKind] == [
        "duplicate",
        "under_60",
        "category_expired",
        "no_consent",
        "no_phone",
        "no_contact",
    ]
    assert QualityKind.NO_PHONE.label == _("No phone number")
    assert QualityKind.of("no_contact") is QualityKind.NO_CONTACT


def test_one_query_per_kind_whatever_the_number_of_seniors(
    center: CareCenter, register: Register, admin: Actor
) -> None:
    for name in ("张桂兰", "李建国", "王秀英", "赵玉梅"):
        register(name, phones=(), contacts=(), consent=False)
    selects: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(center.engine, "before_cursor_execute", count)
    try:
        found = center.quality.check(admin)
    finally:
        event.remove(center.engine, "before_cursor_execute", count)
    assert len(found) == 12
    assert len(selects) == len(QualityKind)
