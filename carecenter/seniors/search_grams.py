"""The search index: short pieces (grams) of every senior's searchable text, so a query finds its rows by seeks.

Search as you type matches anywhere inside a name, a pinyin reading, an ID number, a phone
or a member number ("秀兰", "gl", the last four digits). No ordinary index serves "contains",
so at district scale every keystroke read all 50,000 seniors. Here each senior's text is cut
into grams of 1-3 characters, one row per distinct gram; a query's own grams must all be
among a senior's, which narrows 50,000 seniors to a few candidates by index seeks on the
(gram, senior) key. The rank expression of :mod:`carecenter.seniors.search` then checks the
candidates exactly: the grams only ever over-select.

A gram starts with the kind of text it comes from, so a name character never meets a pinyin
letter or an ID digit: ``n`` name (1-3 characters), ``p`` pinyin readings and initials
(2-3 letters), ``d`` ID number, phones and member number (3 characters).

The rows follow the seniors by themselves: :func:`refresh_after_flush` rewrites the grams of
every senior whose searchable text a flush changed, in the same transaction. Seniors
written without the ORM (a roster import's new ones) get theirs from :func:`add_new`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, inspect, select
from sqlalchemy.orm import Session

from carecenter.db.models import Senior, SeniorPhone, SeniorSearchGram

NAME, PINYIN, DIGITS = "n", "p", "d"
SHORTEST = {NAME: 1, PINYIN: 2, DIGITS: 3}  # the shortest query of each kind the grams serve
_SEARCHED = ("name", "name_pinyin", "name_initials", "id_number", "member_no", "phones")
_CHUNK = 500  # seniors per statement when rewriting grams: keeps IN lists and parameter counts small


def _pieces(text: str, sizes: Iterable[int]) -> Iterator[str]:
    for size in sizes:
        for start in range(len(text) - size + 1):
            yield text[start : start + size]


def grams_of(name: str, pinyin: str, initials: str, id_number: str, member_no: str, phones: Iterable[str]) -> set[str]:
    """Every gram a query could need to find this senior (pinyin and initials are space-separated readings)."""
    grams = {NAME + g for g in _pieces(name, (1, 2, 3))}
    for reading in (pinyin + " " + initials).split():
        grams.update(PINYIN + g for g in _pieces(reading, (2, 3)))
    for number in (id_number, member_no, *phones):
        grams.update(DIGITS + g for g in _pieces(number, (3,)))
    return grams


def query_grams(kind: str, text: str) -> list[str]:
    """Grams every senior whose ``kind`` of text contains ``text`` has (empty: too short to narrow by).

    ``text`` is the normalized query: a name fragment (``NAME``), lowercase letters (``PINYIN``)
    or digits (``DIGITS``). A single letter or fewer than three digits match too many seniors
    to be worth a seek. Up to three grams (first, middle, last) narrow enough and stay cheap.
    """
    if len(text) < SHORTEST[kind]:
        return []
    if len(text) <= 3:
        return [kind + text]
    pieces = [kind + g for g in _pieces(text, (3,))]
    return list(dict.fromkeys([pieces[0], pieces[len(pieces) // 2], pieces[-1]]))


def refresh_after_flush(session: Session, _context: Any) -> None:
    """``after_flush`` listener: rewrite the grams of the seniors whose searchable text this flush changed."""
    touched: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Senior) and _text_changed(session, obj):
            touched.add(obj.id)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, SeniorPhone) and obj.senior_id is not None:
            touched.add(obj.senior_id)
    if not touched:
        return
    rewrite(session.connection(), sorted(touched))


def _text_changed(session: Session, senior: Senior) -> bool:
    if senior in session.new:
        return True
    attrs = inspect(senior).attrs  # the history of an unloaded collection is empty: nothing is loaded here
    return any(attrs[key].history.has_changes() for key in _SEARCHED)


def rewrite(conn: Connection, senior_ids: Sequence[int]) -> None:
    """Replace the grams of ``senior_ids`` with ones cut from what the database holds now."""
    rows: list[tuple[str, int]] = []
    for start in range(0, len(senior_ids), _CHUNK):
        ids = list(senior_ids[start : start + _CHUNK])
        conn.execute(delete(SeniorSearchGram).where(SeniorSearchGram.senior_id.in_(ids)))
        rows += ((g, sid) for sid, grams in _grams_by_senior(conn, ids) for g in grams)
    _insert(conn, rows)


def add_new(conn: Connection, seniors: Iterable[tuple[int, Mapping[str, Any], Iterable[str]]]) -> None:
    """The grams of seniors just inserted, from their values as written: (id, ``seniors`` row, phones).

    A roster import knows what it wrote; reading it back and deleting grams a new senior
    cannot have yet was a tenth of the import.
    """
    rows = [
        (g, sid)
        for sid, v, phones in seniors
        for g in grams_of(v["name"], v["name_pinyin"], v["name_initials"], v["id_number"], v["member_no"], phones)
    ]
    _insert(conn, rows)


def _insert(conn: Connection, rows: list[tuple[str, int]]) -> None:
    if not rows:
        return
    rows.sort()  # in key order: each row lands next to the one before, in a table of millions
    if conn.dialect.name == "sqlite":
        # Plain tuples straight to the driver: an import of 10,000 seniors writes 600,000 grams,
        # and SQLAlchemy's per-row parameter handling doubled the time for values it passes as they are.
        conn.exec_driver_sql("INSERT INTO senior_search_grams (gram, senior_id) VALUES (?, ?)", rows)
    else:
        conn.execute(insert(SeniorSearchGram), [{"gram": g, "senior_id": sid} for g, sid in rows])


def _grams_by_senior(conn: Connection, ids: list[int]) -> Iterator[tuple[int, set[str]]]:
    phones: dict[int, list[str]] = {}
    for senior_id, number in conn.execute(
        select(SeniorPhone.senior_id, SeniorPhone.number).where(SeniorPhone.senior_id.in_(ids))
    ):
        phones.setdefault(senior_id, []).append(number)
    texts = conn.execute(
        select(
            Senior.id, Senior.name, Senior.name_pinyin, Senior.name_initials, Senior.id_number, Senior.member_no
        ).where(Senior.id.in_(ids))
    )
    for sid, name, pinyin, initials, id_number, member_no in texts:
        yield sid, grams_of(name, pinyin, initials, id_number, member_no, phones.get(sid, ()))


def rebuild_all(conn: Connection) -> int:
    """Cut the grams of every senior afresh (the migration that adds the index, a repair); returns how many."""
    conn.execute(delete(SeniorSearchGram))
    ids = list(conn.scalars(select(Senior.id).order_by(Senior.id)))
    rewrite(conn, ids)
    return len(ids)
