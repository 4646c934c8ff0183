"""The desk's one search: initials, ID tails, member numbers; cards carry status and diet; ended seniors are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.actor import Actor
from carecenter.desk.finder import served_senior
from carecenter.domain.vocab import DietFlag, Status
from carecenter.errors import FieldError
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from tests.core.helpers import an_id


def register(
    cc: CareCenter, actor: Actor, name: str, seq: int, flags: frozenset[DietFlag] = frozenset(), allergies: str = ""
) -> int:
    birth = dt.date(1942, 5, 9)
    data = SeniorInput(
        name=name,
        id_number=an_id(birth, seq),
        registered_on=dt.date(2025, 3, 1),
        diet_flags=flags,
        allergies=allergies,
    )
    return cc.seniors.create(data, actor).id


def test_initials_find_the_senior_with_diet_flags_and_allergies(center: CareCenter, admin: Actor) -> None:
    register(center, admin, "张桂兰", 11, frozenset({DietFlag.HALAL, DietFlag.SOFT}), "花生")
    register(center, admin, "李建国", 13)
    cards = center.desk.find("zgl", admin)
    assert [c.name for c in cards] == ["张桂兰"]
    card = cards[0]
    assert card.diet_flags == (DietFlag.HALAL, DietFlag.SOFT)  # in the vocabulary's order
    assert card.allergies == "花生"
    assert card.age == 84  # born 1942-05-09, on 2026-11-22
    assert card.status is Status.ACTIVE and not card.ended


def test_last_id_digits_and_a_scanned_member_number(center: CareCenter, admin: Actor) -> None:
    first = register(center, admin, "王秀英", 21)
    register(center, admin, "王秀珍", 23)
    tail = center.desk.card(first, admin).id_tail
    assert [c.id for c in center.desk.find(tail, admin)] == [first]
    member_no = center.desk.card(first, admin).member_no
    assert [c.id for c in center.desk.find(member_no.lower() + " ", admin)] == [first]  # a scanner's trailing space
    assert center.desk.find("   ", admin) == []


def test_withdrawn_seniors_are_found_but_cannot_be_served(center: CareCenter, admin: Actor) -> None:
    senior_id = register(center, admin, "赵玉兰", 31)
    center.seniors.change_status(senior_id, Status.WITHDRAWN, dt.date(2026, 11, 1), "随子女迁居外地", admin)
    cards = center.desk.find("zyl", admin)
    assert [c.status for c in cards] == [Status.WITHDRAWN] and cards[0].ended
    with center._sessions() as session:
        assert served_senior(session, senior_id, dt.date(2026, 10, 31)).id == senior_id  # still 在册 that day
        with pytest.raises(FieldError) as refused:
            served_senior(session, senior_id, dt.date(2026, 11, 1))
        assert "赵玉兰" in str(refused.value) and "退出" in str(refused.value)
        with pytest.raises(FieldError, match="尚未登记"):
            served_senior(session, senior_id, dt.date(2025, 2, 28))


def test_the_search_stays_short(center: CareCenter, admin: Actor) -> None:
    for seq in range(10):
        register(center, admin, f"张{'一二三四五六七八九十'[seq]}", 41 + 2 * seq)
    assert len(center.desk.find("z", admin)) == 8
