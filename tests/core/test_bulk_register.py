"""A roster import's plain INSERTs store exactly what the registration form's ORM objects store.

The same new seniors go into two fresh databases, once through ``session.add`` (the form's
way) and once through :func:`carecenter.seniors.bulk.insert_new` (the import's way). Every
table of the record, the search index and the audit trail must come out the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from carecenter.actor import Actor
from carecenter.clock import FixedClock, stamp
from carecenter.domain.lunar import LunarBirth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Residence, Status
from carecenter.facade import CareCenter
from carecenter.seniors import bulk
from carecenter.seniors.dto import CategoryPeriod, Contact, SeniorInput
from carecenter.seniors.records import NewSenior, new_record, senior_from, status_change, with_status
from carecenter.seniors.validate import clean
from tests.conftest import TODAY, scratch_database
from tests.core.helpers import an_id
from tests.core.test_seniors import PNG

# Every table a registration writes, with the order that makes two databases' rows comparable.
TABLES = {
    "seniors": "id",
    "senior_phones": "id",
    "senior_categories": "id",
    "senior_diet_flags": "senior_id, flag",
    "emergency_contacts": "id",
    "senior_status_changes": "id",
    "senior_photos": "senior_id",
    "senior_search_grams": "senior_id, gram",
}
INPUTS = [
    SeniorInput(name="张桂兰", id_number=an_id(dt.date(1940, 3, 2), 12)),  # the least a roster row has
    SeniorInput(
        name="李秀英",
        id_number=an_id(dt.date(1938, 12, 30), 21),
        phones=("13803710001", "037163912345"),
        address="金水区文化路 97 号 3 号楼",
        community="文化路社区",
        residence=Residence.NONLOCAL,
        registered_on=dt.date(2026, 10, 1),
        categories=(
            CategoryPeriod(Category.LOW_INCOME, valid_from=dt.date(2026, 1, 1)),
            CategoryPeriod(Category.EMPTY_NEST, valid_from=None, valid_to=dt.date(2026, 12, 31)),
        ),
        care_level=CareLevel.MODERATE,
        diet_flags=frozenset({DietFlag.LOW_SALT, DietFlag.DIABETIC}),
        diet_notes="不吃香菜",
        allergies="青霉素",
        lunar_birthday=True,
        lunar_birth=LunarBirth(11, 25, False),
        birthday_opt_out=True,
        contacts=(Contact("王强", "儿子", "13900000001"), Contact("王芳", "", "037163900002")),
        notes="每周二、四来\n下午接回",
        photo=PNG,
    ),
    SeniorInput(name="欧阳明", id_number=an_id(dt.date(1930, 7, 7), 35), phones=("15503710003",)),
]


def records(actor: Actor, clock: FixedClock, center_id: int) -> list[NewSenior]:
    """The inputs as the import builds them; the last one arrives 暂停 (a second status change)."""
    now = stamp(clock)
    built = []
    for number, data in enumerate(INPUTS, start=1):
        cleaned = clean(data, TODAY)
        registered = cleaned.data.registered_on or TODAY
        built.append(new_record(cleaned, center_id, f"M{number:06d}", registered, now, actor))
    paused = status_change(Status.PAUSED, TODAY, "名单导入", now, actor)
    built[-1] = with_status(built[-1], paused)
    return built


@pytest.fixture
def two_databases(tmp_path: Path, clock: FixedClock, admin: Actor) -> Iterator[tuple[CareCenter, CareCenter]]:
    opened = []
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with scratch_database(tmp_path / "a") as first, scratch_database(tmp_path / "b") as second:
        for url in (first, second):
            cc = CareCenter.open(url, clock)
            cc.centers.create("文化路日间照料中心", admin, code="C001")
            opened.append(cc)
        try:
            yield opened[0], opened[1]
        finally:
            for cc in opened:
                cc.close()


def written(cc: CareCenter, actor: Actor, write: Callable[[Any, list[NewSenior]], None]) -> None:
    center_id = cc.centers.list()[0].id
    with cc._sessions(actor) as session:
        write(session, records(actor, cc.clock, center_id))
        session.commit()


def contents(cc: CareCenter) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the record's tables, and the trail's lines without their own ids."""
    found = {}
    with cc.engine.connect() as conn:
        for table, order in TABLES.items():
            found[table] = [tuple(row) for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))]
        found["audit_log"] = sorted(
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT at, actor, staff_id, action, entity, entity_id, senior_id, field, before, after "
                    "FROM audit_log WHERE entity = 'senior'"
                )
            )
        )
    return found


def test_plain_inserts_store_what_the_form_stores(two_databases: tuple[CareCenter, CareCenter], admin: Actor) -> None:
    by_form, by_import = two_databases
    written(by_form, admin, lambda session, new: session.add_all([senior_from(r) for r in new]))
    written(by_import, admin, bulk.insert_new)

    expected, got = contents(by_form), contents(by_import)
    assert len(expected["seniors"]) == 3
    assert len(expected["senior_status_changes"]) == 4
    assert expected["senior_photos"] and expected["emergency_contacts"] and expected["senior_diet_flags"]
    assert len(expected["audit_log"]) > 20
    for table in expected:
        assert got[table] == expected[table], table


def test_the_trail_names_each_new_field_once(two_databases: tuple[CareCenter, CareCenter], admin: Actor) -> None:
    _, by_import = two_databases
    written(by_import, admin, bulk.insert_new)
    lines = contents(by_import)["audit_log"]
    second = {(field, after) for (_, _, _, _, _, entity_id, _, field, _, after) in lines if entity_id == 2}
    assert ("name", "李秀英") in second
    assert ("phones", "13803710001、037163912345") in second
    assert ("contacts", "王强（儿子） 13900000001、王芳 037163900002") in second
    assert ("dementia", "否") in second  # a default the row never named is on record as the form records it
    third = [(field, after) for (_, _, _, _, _, entity_id, _, field, _, after) in lines if entity_id == 3]
    assert ("status", Status.PAUSED.zh) in third
    assert sum(1 for field, _ in third if field == "status_changes") == 1
