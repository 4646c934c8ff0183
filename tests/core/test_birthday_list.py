"""The month's birthday list: who is listed, on which day, at which age, in which order.

Dates checkable by hand: 十月初一 (寒衣节) 2026 = 9 November 2026; the ordinary 六月初十 2025 =
4 July 2025 (闰六月 follows from 25 July); the twelfth month of lunar 2024 has 29 days
(除夕 = 28 January 2025), that of lunar 2023 has 30 (除夕 = 9 February 2024). See
tests/core/test_celebration.py for the almanac points.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from carecenter.actor import Actor
from carecenter.birthdays.month_list import BirthdayRow
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.permissions import PermissionDeniedError
from carecenter.seniors.dto import SeniorDetail, SeniorInput
from carecenter.subsidies.months import StatusHistory
from tests.core.helpers import an_id

LONG_AGO = dt.date(2020, 1, 1)
NOVEMBER = dt.date(2026, 11, 1)
LUNAR_ID_DATE = dt.date(1944, 8, 15)  # an ID whose own date is not the lunar birthday kept


def senior(
    cc: CareCenter,
    actor: Actor,
    name: str,
    born: dt.date,
    seq: int = 42,
    *,
    registered: dt.date = LONG_AGO,
    center_id: int | None = None,
    lunar: LunarBirth | None = None,
    opt_out: bool = False,
    community: str = "",
) -> SeniorDetail:
    data = SeniorInput(
        name=name,
        id_number=an_id(born, seq),
        registered_on=registered,
        center_id=center_id,
        lunar_birthday=lunar is not None,
        lunar_birth=lunar,
        birthday_opt_out=opt_out,
        community=community,
    )
    return cc.seniors.create(data, actor)


def seen(rows: list[BirthdayRow]) -> list[tuple[str, str, int, bool, bool]]:
    """What the list shows: day, name, age, lunar, milestone."""
    return [(r.date.isoformat(), r.name, r.age, r.lunar, r.milestone) for r in rows]


def test_who_is_on_the_november_list(center: CareCenter, admin: Actor) -> None:
    senior(center, admin, "张桂兰", dt.date(1946, 11, 30))
    senior(center, admin, "刘淑珍", dt.date(1966, 11, 10))  # exactly 60 on the day
    senior(center, admin, "赵建国", dt.date(1967, 11, 10))  # 59 on the day: not yet
    senior(center, admin, "孙玉梅", dt.date(1940, 11, 5), opt_out=True)
    died_before = senior(center, admin, "周文华", dt.date(1941, 11, 5))
    died_after = senior(center, admin, "吴德明", dt.date(1941, 11, 6))
    paused = senior(center, admin, "郑秀兰", dt.date(1942, 11, 12))
    withdrawn = senior(center, admin, "冯志强", dt.date(1943, 11, 12))
    senior(center, admin, "陈桂芳", dt.date(1944, 11, 2), registered=dt.date(2026, 11, 10))  # registered after the day
    senior(center, admin, "黄丽华", dt.date(1944, 11, 20), registered=dt.date(2026, 11, 20))  # registered on the day
    senior(center, admin, "王秀英", dt.date(1950, 11, 15), 1)
    senior(center, admin, "李秀英", dt.date(1950, 11, 15), 3)
    senior(center, admin, "何淑英", dt.date(1946, 10, 1), lunar=LunarBirth(10, 1))  # 十月初一 = 9 November 2026
    senior(center, admin, "马国华", dt.date(1946, 11, 18), lunar=LunarBirth(12, 5))  # solar November, lunar not
    senior(center, admin, "罗建华", dt.date(1946, 12, 1))
    center.seniors.change_status(died_before.id, Status.DECEASED, dt.date(2026, 11, 1), "病故", admin)
    center.seniors.change_status(died_after.id, Status.DECEASED, dt.date(2026, 11, 20), "病故", admin)
    center.seniors.change_status(paused.id, Status.PAUSED, dt.date(2026, 10, 1), "住院", admin)
    center.seniors.change_status(withdrawn.id, Status.WITHDRAWN, dt.date(2026, 10, 1), "搬走", admin)

    rows = center.birthdays.month_list(admin, NOVEMBER)

    assert seen(rows) == [
        ("2026-11-06", "吴德明", 85, False, False),  # died on the 20th: was active on the 6th
        ("2026-11-09", "何淑英", 80, True, True),
        ("2026-11-10", "刘淑珍", 60, False, True),
        ("2026-11-12", "郑秀兰", 84, False, False),  # 暂停 is listed
        ("2026-11-15", "李秀英", 76, False, False),  # same day: 李 (li) before 王 (wang)
        ("2026-11-15", "王秀英", 76, False, False),
        ("2026-11-20", "黄丽华", 82, False, False),
        ("2026-11-30", "张桂兰", 80, False, True),
    ]
    assert rows[0].id_number == an_id(dt.date(1941, 11, 6))
    assert (rows[0].member_no, rows[0].center_code) == ("M000006", "C001")
    # Any day of the month names the month.
    assert center.birthdays.month_list(admin, dt.date(2026, 11, 17)) == rows


def test_29_february_celebrates_on_28_february_in_common_years(center: CareCenter, admin: Actor) -> None:
    senior(center, admin, "林秀珍", dt.date(1944, 2, 29))
    assert seen(center.birthdays.month_list(admin, dt.date(2026, 2, 1))) == [("2026-02-28", "林秀珍", 82, False, False)]
    assert seen(center.birthdays.month_list(admin, dt.date(2028, 2, 1))) == [("2028-02-29", "林秀珍", 84, False, False)]
    assert center.birthdays.month_list(admin, dt.date(2026, 3, 1)) == []


def test_lunar_birthdays_leap_month_and_day_30(center: CareCenter, admin: Actor) -> None:
    senior(center, admin, "钱玉兰", LUNAR_ID_DATE, 1, lunar=LunarBirth(6, 10, leap=True))
    senior(center, admin, "孙秀云", LUNAR_ID_DATE, 3, lunar=LunarBirth(12, 30))
    # Born in 闰六月: celebrates on the ordinary 六月初十 (4 July 2025), not 闰六月初十 (3 August).
    assert seen(center.birthdays.month_list(admin, dt.date(2025, 7, 1))) == [("2025-07-04", "钱玉兰", 81, True, False)]
    # Neither is listed in August by the ID's solar date.
    assert center.birthdays.month_list(admin, dt.date(2025, 8, 1)) == []
    # 腊月三十 in a 29-day 腊月: 腊月廿九 = 28 January 2025; lunar 2024 − 1944 = 80.
    assert seen(center.birthdays.month_list(admin, dt.date(2025, 1, 1))) == [("2025-01-28", "孙秀云", 80, True, True)]
    # A 30-day 腊月: 腊月三十 = 9 February 2024, lunar 2023 − 1944 = 79.
    assert seen(center.birthdays.month_list(admin, dt.date(2024, 2, 1))) == [("2024-02-09", "孙秀云", 79, True, False)]


def test_center_filter(center: CareCenter, admin: Actor) -> None:
    here = center.centers.by_code("C001")
    other = center.centers.create("纬五路社区站", admin, code="C002")
    senior(center, admin, "张桂兰", dt.date(1946, 11, 30), center_id=here.id, community="文化路社区")
    senior(center, admin, "王秀英", dt.date(1950, 11, 15), center_id=other.id, community="纬五路社区")
    everyone = center.birthdays.month_list(admin, NOVEMBER)
    assert [(r.name, r.center_code, r.community) for r in everyone] == [
        ("王秀英", "C002", "纬五路社区"),
        ("张桂兰", "C001", "文化路社区"),
    ]
    assert [r.name for r in center.birthdays.month_list(admin, NOVEMBER, other.id)] == ["王秀英"]
    assert [r.name for r in center.birthdays.month_list(admin, NOVEMBER, here.id)] == ["张桂兰"]


def test_xusui_setting_moves_the_milestones(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    here = center.centers.by_code("C001")
    assert here.count_xusui is False
    senior(center, admin, "张桂兰", dt.date(1947, 11, 3), 1)  # 79
    senior(center, admin, "王秀英", dt.date(1946, 11, 4), 3)  # 80
    assert seen(center.birthdays.month_list(admin, NOVEMBER)) == [
        ("2026-11-03", "张桂兰", 79, False, False),
        ("2026-11-04", "王秀英", 80, False, True),
    ]
    with pytest.raises(PermissionDeniedError):
        center.centers.set_count_xusui(here.id, True, front_desk)
    info = center.centers.set_count_xusui(here.id, True, admin)
    assert (info.count_xusui, info.seniors) == (True, 2)
    assert center.centers.by_code("C001").count_xusui is True
    # By 虚岁, the 79-year-old celebrates her 80th; the age shown stays 周岁.
    assert seen(center.birthdays.month_list(admin, NOVEMBER)) == [
        ("2026-11-03", "张桂兰", 79, False, True),
        ("2026-11-04", "王秀英", 80, False, False),
    ]
    lines = [line for line in center.audit.lines(admin) if line.action == "update" and line.field == "count_xusui"]
    assert [(line.before, line.after, line.actor) for line in lines] == [("否", "是", "test-admin")]


def test_id_numbers_masked_for_the_front_desk(center: CareCenter, admin: Actor, front_desk: Actor) -> None:
    senior(center, admin, "张桂兰", dt.date(1946, 11, 30), 42)
    full = an_id(dt.date(1946, 11, 30), 42)
    assert [r.id_number for r in center.birthdays.month_list(front_desk, NOVEMBER)] == ["410105********" + full[-4:]]
    assert [r.id_number for r in center.birthdays.month_list(admin, NOVEMBER)] == [full]


def test_the_list_takes_the_same_few_queries_for_any_number_of_seniors(center: CareCenter, admin: Actor) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    def queries() -> int:
        statements.clear()
        event.listen(center.engine, "before_cursor_execute", count)
        try:
            center.birthdays.month_list(admin, NOVEMBER)
        finally:
            event.remove(center.engine, "before_cursor_execute", count)
        return len(statements)

    senior(center, admin, "张桂兰", dt.date(1946, 11, 30), 1)
    few = queries()
    for n in range(12):
        senior(center, admin, f"王秀{'英兰珍芳梅华云玉凤霞琴红'[n]}", dt.date(1940 + n, 11, 1 + n), 3)
    assert len(center.birthdays.month_list(admin, NOVEMBER)) == 13
    assert queries() == few


def test_status_on_a_day() -> None:
    history = StatusHistory.of(
        [
            (dt.date(2020, 1, 1), Status.ACTIVE),
            (dt.date(2026, 3, 1), Status.PAUSED),
            (dt.date(2026, 3, 1), Status.ACTIVE),  # paused and back on one day: the later entry counts
            (dt.date(2026, 9, 1), Status.DECEASED),
        ]
    )
    assert history.on(dt.date(2019, 12, 31)) is None
    assert history.on(dt.date(2020, 1, 1)) is Status.ACTIVE
    assert history.on(dt.date(2026, 3, 1)) is Status.ACTIVE
    assert history.on(dt.date(2026, 8, 31)) is Status.ACTIVE
    assert history.on(dt.date(2026, 9, 1)) is Status.DECEASED


def test_one_day_of_the_list_is_those_celebrating_that_day_and_no_one_else(center: CareCenter, admin: Actor) -> None:
    """The day at a glance asks for one day: a solar and a lunar birthday on 9 November, one on the 8th,
    and a senior who withdrew before the 9th (listed on no day after leaving)."""
    senior(center, admin, "张秀英", dt.date(1946, 11, 9), 1)
    senior(center, admin, "李桂兰", dt.date(1944, 11, 15), 2, lunar=LunarBirth(10, 1))  # 十月初一 = 9 November
    senior(center, admin, "王建国", dt.date(1950, 11, 8), 3)
    left = senior(center, admin, "赵淑珍", dt.date(1952, 11, 9), 4)
    center.seniors.change_status(left.id, Status.WITHDRAWN, dt.date(2026, 11, 1), "搬去外地", admin)

    ninth = center.birthdays.month_list(admin, NOVEMBER, on_day=dt.date(2026, 11, 9))

    assert seen(ninth) == [("2026-11-09", "李桂兰", 82, True, False), ("2026-11-09", "张秀英", 80, False, True)]
    whole = center.birthdays.month_list(admin, NOVEMBER)
    assert ninth == [r for r in whole if r.date == dt.date(2026, 11, 9)]
    assert center.birthdays.month_list(admin, NOVEMBER, on_day=dt.date(2026, 11, 10)) == []
