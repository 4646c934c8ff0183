"""The search index finds exactly what reading every senior would, and follows every change of the text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select
from sqlalchemy.engine import URL

from carecenter.actor import Actor
from carecenter.bench.core_figures import roster_file
from carecenter.clock import FixedClock
from carecenter.db import engine as engines
from carecenter.db import migrate
from carecenter.db.models import Senior, SeniorPhone, SeniorSearchGram
from carecenter.facade import CareCenter
from carecenter.seniors import search
from carecenter.seniors.search_grams import grams_of
from tests.core.helpers import an_id
from tests.core.test_search import PEOPLE, register_people


@pytest.fixture
def registry(center: CareCenter, admin: Actor) -> CareCenter:
    return register_people(center, admin)


def stored_grams(cc: CareCenter) -> dict[int, set[str]]:
    """The index as stored, senior by senior."""
    found: dict[int, set[str]] = {}
    with cc.engine.connect() as conn:
        for gram, senior_id in conn.execute(select(SeniorSearchGram.gram, SeniorSearchGram.senior_id)):
            found.setdefault(senior_id, set()).add(gram)
    return found


def expected_grams(cc: CareCenter) -> dict[int, set[str]]:
    """The index cut afresh from the seniors as they are now."""
    with cc.engine.connect() as conn:
        phones: dict[int, list[str]] = {}
        for sid, number in conn.execute(select(SeniorPhone.senior_id, SeniorPhone.number)):
            phones.setdefault(sid, []).append(number)
        rows = conn.execute(
            select(Senior.id, Senior.name, Senior.name_pinyin, Senior.name_initials, Senior.id_number, Senior.member_no)
        ).all()
    return {sid: grams_of(n, p, i, idn, m, phones.get(sid, ())) for sid, n, p, i, idn, m in rows}


def typed_fragments(cc: CareCenter) -> list[str]:
    """What a desk could type for these seniors: every 1-4 character piece of every searchable text."""
    texts: set[str] = set()
    with cc.engine.connect() as conn:
        for row in conn.execute(select(Senior.name, Senior.name_pinyin, Senior.name_initials, Senior.id_number)):
            texts.update(str(part) for part in row)
        texts.update(conn.scalars(select(SeniorPhone.number)))
        texts.update(conn.scalars(select(Senior.member_no)))
    fragments: set[str] = set()
    for text in texts:
        for word in text.split():
            for size in (1, 2, 3, 4, 6):
                fragments.update(word[i : i + size] for i in range(len(word) - size + 1))
            fragments.add(word)
    return sorted(f for f in fragments if "-" not in f)  # a dash is not typed in search (test_phone_fragments)


def test_the_index_finds_exactly_what_a_full_read_finds(registry: CareCenter, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = typed_fragments(registry)
    narrowed = [q for q in queries if search.candidate_grams(q)]
    assert len(narrowed) > 0.8 * len(queries)  # the index serves nearly every query, not just a few
    with_index = {q: registry.seniors.search_ids(q, statuses=None) for q in queries}
    monkeypatch.setattr(search, "candidate_grams", lambda _query: [])
    reading_all = {q: registry.seniors.search_ids(q, statuses=None) for q in queries}
    assert with_index == reading_all
    assert [q for q in narrowed if not with_index[q]] == []  # every fragment finds its senior


def test_the_index_follows_edits_of_name_phones_and_id(registry: CareCenter, admin: Actor) -> None:
    sid = registry.seniors.search_ids("张桂兰")[0]
    shown = registry.seniors.get(sid, admin).as_input()
    new_id = an_id(dt.date(1945, 3, 2), 77)
    registry.seniors.update(sid, replace(shown, name="张淑芬", phones=("13512345678",), id_number=new_id), admin)
    assert registry.seniors.search_ids("淑芬") == [sid]
    assert registry.seniors.search_ids("zsf") == [sid]
    assert registry.seniors.search_ids("2345678") == [sid]
    assert registry.seniors.search_ids(new_id[-4:])[:1] == [sid]
    assert registry.seniors.search_ids("桂兰") == []
    assert registry.seniors.search_ids("1380371") == []
    assert stored_grams(registry) == expected_grams(registry)


def test_a_roster_import_indexes_the_seniors_it_adds(center: CareCenter, admin: Actor, tmp_path: Path) -> None:
    first = center.centers.by_code("C001")
    source = roster_file(tmp_path / "roster.xlsx", 30, 3, [first])
    report = center.rosters.import_seniors(source, admin, center_id=first.id, write_errors=False)
    assert report.added == 30
    assert len(stored_grams(center)) == 30
    assert stored_grams(center) == expected_grams(center)


def test_upgrading_an_older_database_indexes_its_seniors(db_url: URL, clock: FixedClock, admin: Actor) -> None:
    cc = CareCenter.open(db_url, clock)
    cc.centers.create("文化路日间照料中心", admin, code="C001")
    register_people(cc, admin, PEOPLE[:5]).close()
    engine = engines.create(db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0010")
    finally:
        engine.dispose()
    cc = CareCenter.open(db_url, clock)
    try:
        assert len(stored_grams(cc)) == 5
        assert stored_grams(cc) == expected_grams(cc)
        assert [r.name for r in cc.seniors.list(admin, "国梁")] == ["曾国梁", "张国梁"]
    finally:
        cc.close()
