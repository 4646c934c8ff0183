"""Group activities: the form's checks, who came and how many (人次, different seniors), voiding,
and the month's birthday party as the 生日会 activity (made with the party, its attendees the guests who came)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from carecenter.actor import Actor
from carecenter.birthdays.parties_dto import PartyInfo, PartyInput
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.db.models import BirthdayParty, Center
from carecenter.desk.activity_dto import ActivityInput
from carecenter.desk.voiding import AlreadyVoidedError
from carecenter.domain.desk_vocab import ActivityKind
from carecenter.domain.vocab import StaffPosition, Status
from carecenter.errors import FieldError, ValidationError
from carecenter.facade import CareCenter
from tests.conftest import TODAY
from tests.core.test_birthday_list import NOVEMBER, senior

BIRTHS = {
    "张桂兰": dt.date(1946, 11, 30),
    "王秀英": dt.date(1950, 11, 15),
    "李秀英": dt.date(1950, 11, 15),
    "刘建国": dt.date(1950, 5, 1),
}


@pytest.fixture
def seniors(center: CareCenter, admin: Actor) -> dict[str, int]:
    return {name: senior(center, admin, name, born, 2 * n + 1).id for n, (name, born) in enumerate(BIRTHS.items())}


@pytest.fixture
def center_id(center: CareCenter) -> int:
    return center.centers.by_code("C001").id


@pytest.fixture
def staff_id(center: CareCenter, admin: Actor, center_id: int) -> int:
    return center.staff.create("赵社工", StaffPosition.SOCIAL_WORKER, admin, center_id).id


def talk(center_id: int, **changes: object) -> ActivityInput:
    data = ActivityInput(
        center_id, " 冬季防跌倒健康讲座 ", ActivityKind.HEALTH_TALK, dt.date(2026, 11, 20), dt.time(9, 30), "一楼大厅"
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def fields(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.reason for e in exc.value.errors}


def party(cc: CareCenter, actor: Actor, center_id: int) -> PartyInfo:
    return cc.birthdays.create(center_id, NOVEMBER, PartyInput(dt.date(2026, 11, 28), "二楼活动室", ""), actor)


def test_create_and_record_who_came(
    center: CareCenter, front_desk: Actor, seniors: dict[str, int], center_id: int, staff_id: int
) -> None:
    made = center.activities.create(talk(center_id, staff_id=staff_id), front_desk)
    assert (made.title, made.kind, made.held_on, made.starts_at, made.place) == (
        "冬季防跌倒健康讲座",
        ActivityKind.HEALTH_TALK,
        dt.date(2026, 11, 20),
        dt.time(9, 30),
        "一楼大厅",
    )
    assert (made.staff_name, made.count, made.linked, made.created_by) == ("赵社工", 0, False, "test-desk")
    center.activities.add_attendee(made.id, seniors["王秀英"], front_desk)
    info = center.activities.add_attendee(made.id, seniors["张桂兰"], front_desk)
    assert [a.name for a in info.attendees] == ["王秀英", "张桂兰"]  # by pinyin
    with pytest.raises(ValidationError) as twice:
        center.activities.add_attendee(made.id, seniors["张桂兰"], front_desk)
    assert fields(twice) == {"senior_id": "张桂兰已在名单上"}
    info = center.activities.set_attendance(
        made.id, [seniors["李秀英"], seniors["张桂兰"], seniors["李秀英"]], front_desk
    )
    assert [a.name for a in info.attendees] == ["李秀英", "张桂兰"]
    info = center.activities.remove_attendee(made.id, seniors["李秀英"], front_desk)
    assert [a.name for a in info.attendees] == ["张桂兰"]
    with pytest.raises(ValidationError) as absent:
        center.activities.remove_attendee(made.id, seniors["李秀英"], front_desk)
    assert fields(absent) == {"senior_id": "这位老人不在名单上"}
    [summary] = center.activities.list(front_desk, center_id, NOVEMBER)
    assert (summary.id, summary.title, summary.staff_name, summary.attendees) == (
        made.id,
        "冬季防跌倒健康讲座",
        "赵社工",
        1,
    )


def test_month_counts_per_kind(center: CareCenter, front_desk: Actor, seniors: dict[str, int], center_id: int) -> None:
    first = center.activities.create(talk(center_id), front_desk)
    second = center.activities.create(talk(center_id, held_on=dt.date(2026, 11, 21)), front_desk)
    songs = center.activities.create(
        talk(center_id, title="合唱排练", kind=ActivityKind.RECREATION, held_on=dt.date(2026, 11, 1)), front_desk
    )
    center.activities.create(talk(center_id, held_on=dt.date(2026, 12, 1)), front_desk)  # next month
    ids = list(seniors.values())
    center.activities.set_attendance(first.id, ids[:3], front_desk)
    center.activities.set_attendance(second.id, ids[1:], front_desk)
    center.activities.set_attendance(songs.id, ids[:1], front_desk)
    counts = center.activities.month_counts(front_desk, center_id, dt.date(2026, 11, 17))
    talks = counts.of(ActivityKind.HEALTH_TALK)
    assert (talks.activities, talks.person_times, talks.seniors) == (2, 6, 4)
    fun = counts.of(ActivityKind.RECREATION)
    assert (fun.activities, fun.person_times, fun.seniors) == (1, 1, 1)
    assert counts.of(ActivityKind.REHAB) == replace(
        fun, kind=ActivityKind.REHAB, activities=0, person_times=0, seniors=0
    )
    assert (counts.total.activities, counts.total.person_times, counts.total.seniors) == (3, 7, 4)
    listed = center.activities.list(front_desk, None, NOVEMBER)
    assert [(a.title, a.held_on.day, a.attendees) for a in listed] == [
        ("合唱排练", 1, 1),
        ("冬季防跌倒健康讲座", 20, 3),
        ("冬季防跌倒健康讲座", 21, 3),
    ]


def test_bad_activities_are_refused_with_every_field_named(
    center: CareCenter, admin: Actor, front_desk: Actor, center_id: int, staff_id: int
) -> None:
    center.staff.set_active(staff_id, False, admin)
    with pytest.raises(ValidationError) as refused:
        center.activities.create(
            talk(center_id, title=" ", kind=ActivityKind.BIRTHDAY, staff_id=staff_id, place="室" * 61), front_desk
        )
    assert fields(refused) == {
        "title": "必须填写",
        "kind": "每月集体生日会在“生日会”页面创建",
        "place": "最多 60 个字（现在 61 个）",
        "staff_id": "赵社工已停用",
    }
    assert center.activities.list(front_desk, center_id, NOVEMBER) == []


def test_who_came_must_have_been_able_to_come_that_day(
    center: CareCenter, admin: Actor, front_desk: Actor, seniors: dict[str, int], center_id: int
) -> None:
    center.seniors.change_status(seniors["刘建国"], Status.WITHDRAWN, dt.date(2026, 11, 10), "搬去外地", admin)
    center.seniors.change_status(seniors["王秀英"], Status.PAUSED, dt.date(2026, 11, 1), "住院", admin)
    made = center.activities.create(talk(center_id), front_desk)
    with pytest.raises(ValidationError) as gone:
        center.activities.set_attendance(made.id, [seniors["刘建国"], seniors["王秀英"]], front_desk)
    assert fields(gone) == {"senior_id": "刘建国在2026-11-20为“退出”状态，不能记录服务"}
    assert center.activities.get(made.id, front_desk).attendees == ()
    early = center.activities.create(talk(center_id, held_on=dt.date(2026, 11, 5)), front_desk)
    came = center.activities.add_attendee(early.id, seniors["刘建国"], front_desk)  # still registered then
    assert [a.name for a in came.attendees] == ["刘建国"]
    with pytest.raises(ValidationError) as moved:  # moving the day after he left is refused
        center.activities.update(early.id, talk(center_id, held_on=dt.date(2026, 11, 12)), front_desk)
    assert fields(moved) == {"senior_id": "刘建国在2026-11-12为“退出”状态，不能记录服务"}
    coming = center.activities.create(talk(center_id, held_on=TODAY + dt.timedelta(days=3)), front_desk)
    with pytest.raises(ValidationError) as future:
        center.activities.add_attendee(coming.id, seniors["张桂兰"], front_desk)
    assert fields(future) == {"senior_id": "活动尚未举行（2026-11-25）；请在当天或之后登记参加者"}


def test_void_hides_the_activity_from_lists_and_counts(
    center: CareCenter, front_desk: Actor, seniors: dict[str, int], center_id: int
) -> None:
    made = center.activities.create(talk(center_id), front_desk)
    center.activities.add_attendee(made.id, seniors["张桂兰"], front_desk)
    with pytest.raises(FieldError):
        center.activities.void(made.id, "  ", front_desk)
    voided = center.activities.void(made.id, "录入重复", front_desk)
    assert (voided.voided, voided.void_reason, voided.count) == (True, "录入重复", 1)
    assert center.activities.list(front_desk, center_id, NOVEMBER) == []
    assert center.activities.month_counts(front_desk, center_id, NOVEMBER).total.activities == 0
    with pytest.raises(AlreadyVoidedError):
        center.activities.add_attendee(made.id, seniors["王秀英"], front_desk)


def test_the_birthday_party_is_the_months_birthday_activity(
    center: CareCenter, front_desk: Actor, seniors: dict[str, int], center_id: int, staff_id: int
) -> None:
    made = party(center, front_desk, center_id)
    guests = {g.name: g for g in made.guests}
    center.birthdays.set_attendance(guests["张桂兰"].id, True, "蛋糕", front_desk)
    center.birthdays.set_attendance(guests["李秀英"].id, True, "", front_desk)
    [listed] = center.activities.list(front_desk, center_id, NOVEMBER)
    assert (listed.title, listed.kind, listed.held_on, listed.place, listed.attendees, listed.linked) == (
        "11月集体生日会",
        ActivityKind.BIRTHDAY,
        dt.date(2026, 11, 28),
        "二楼活动室",
        2,
        True,
    )
    activity = center.activities.get(listed.id, front_desk)
    assert (activity.birthday_party_id, [a.name for a in activity.attendees]) == (made.id, ["李秀英", "张桂兰"])
    counts = center.activities.month_counts(front_desk, center_id, NOVEMBER).of(ActivityKind.BIRTHDAY)
    assert (counts.activities, counts.person_times, counts.seniors) == (1, 2, 2)

    # The party's date and place are the activity's; its title, time, staff and notes are the activity's own.
    center.birthdays.update(made.id, PartyInput(dt.date(2026, 11, 27), "三楼会议室", "请家属陪同"), front_desk)
    moved = center.activities.get(listed.id, front_desk)
    assert (moved.held_on, moved.place, moved.updated_by) == (dt.date(2026, 11, 27), "三楼会议室", "test-desk")
    own = ActivityInput(
        center_id,
        "11月集体生日会（志愿者演出）",
        ActivityKind.BIRTHDAY,
        moved.held_on,
        dt.time(14),
        moved.place,
        staff_id,
    )
    edited = center.activities.update(listed.id, own, front_desk)
    assert (edited.title, edited.starts_at, edited.staff_name) == (
        "11月集体生日会（志愿者演出）",
        dt.time(14),
        "赵社工",
    )
    with pytest.raises(ValidationError) as fixed:
        center.activities.update(
            listed.id, replace(own, held_on=dt.date(2026, 11, 26), kind=ActivityKind.OTHER), front_desk
        )
    assert fields(fixed) == {
        "kind": "生日会的日期和地点在“生日会”页面修改",
        "held_on": "生日会的日期和地点在“生日会”页面修改",
    }
    with pytest.raises(ValidationError) as elsewhere:
        center.activities.add_attendee(listed.id, seniors["刘建国"], front_desk)
    assert fields(elsewhere) == {"senior_id": "生日会的到场名单在“生日会”页面登记"}
    with pytest.raises(ValidationError):
        center.activities.void(listed.id, "不需要", front_desk)
    assert center.activities.get(listed.id, front_desk).attendee_ids() == activity.attendee_ids()


def test_upgrading_makes_each_earlier_party_its_months_activity(db_url: URL, clock: FixedClock, admin: Actor) -> None:
    engine = engines.create(db_url)
    with engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), "0006")
    with Session(engine) as session:  # as a copy made with revision 0006 holds it: a party, no activity
        at = dt.datetime(2026, 10, 2, 9)
        center = Center(code="C001", name="文化路日间照料中心", created_at=at)
        session.add(center)
        session.flush()
        # A plain INSERT of 0006's columns (the model has columns of later revisions, e.g. 0009's version).
        session.execute(
            BirthdayParty.__table__.insert().values(
                center_id=center.id,
                month=dt.date(2026, 10, 1),
                held_on=dt.date(2026, 10, 25),
                place="二楼活动室",
                notes="",
                created_at=at,
                created_by="test-admin",
                updated_at=at,
                updated_by="test-admin",
            )
        )
        session.commit()
    engine.dispose()
    cc = CareCenter.open(db_url, clock)
    try:
        [activity] = cc.activities.list(admin, None, dt.date(2026, 10, 1))
        assert (activity.title, activity.kind, activity.held_on, activity.place, activity.attendees) == (
            "10月集体生日会",
            ActivityKind.BIRTHDAY,
            dt.date(2026, 10, 25),
            "二楼活动室",
            0,
        )
        with cc.engine.connect() as conn:
            line = conn.execute(text("SELECT actor, action, entity_id FROM audit_log WHERE entity = 'activity'")).one()
        assert tuple(line) == ("system:migration", "create", activity.id)
        assert cc.activities.get(activity.id, admin).created_by == "system:migration"
    finally:
        cc.close()
