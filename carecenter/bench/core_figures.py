"""The core's figures on the district: search as you type, eligibility, the monthly packs, a roster import.

Each runs the app's own call on a working copy of the district (imports write) and, where
the bare stack can do the same work, the same work in plain ``sqlite3``: one SQL statement
that returns the same rows. The bare answer is checked against the app's, so a figure can
never be fast by answering something else.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from carecenter import demo
from carecenter.actor import Actor, Role
from carecenter.bench.figures import Figure, Target, median, percentile
from carecenter.bench.scale import BENCH_TODAY, Scale
from carecenter.centers import CenterInfo
from carecenter.facade import CareCenter
from carecenter.seniors.search import normalize_query

DIRECTOR = Actor(username="director", role=Role.ADMIN)
PAGE = 40  # rows a list shows at once: what it reads right after the ids
CURRENT = ("active", "paused")  # the statuses a search lists by default (vocab.CURRENT_STATUSES)

Say = Callable[[str], None]


# ---- search as you type ------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    kind: str  # name, initials, id_tail, phone, member_no, member_digits
    text: str


def queries(db: Path, n: int, seed: int) -> list[Query]:
    """What front desks type: two characters of a name, initials, the last digits of an ID or a phone, a member no."""
    rng = random.Random(seed)
    with sqlite3.connect(db) as conn:
        people = conn.execute(
            "SELECT s.name, s.name_initials, s.id_number, s.member_no, "
            "(SELECT number FROM senior_phones p WHERE p.senior_id = s.id ORDER BY position LIMIT 1) "
            "FROM seniors s WHERE s.status IN ('active', 'paused')"
        ).fetchall()
    found = []
    kinds = ("name", "name", "initials", "id_tail", "phone", "member_no", "member_digits")
    for i in range(n):
        name, initials, id_number, member_no, phone = rng.choice(people)
        kind = kinds[i % len(kinds)]
        if kind == "phone" and not phone:
            kind = "id_tail"
        if kind == "name":
            text = name[:2]
        elif kind == "initials":
            text = initials.split()[0] if initials.strip() else name[:2]
        elif kind == "id_tail":
            text = id_number[-4:]
        elif kind == "phone":
            text = phone[-4:] if i % 2 else phone
        elif kind == "member_no":
            text = member_no
        else:
            text = member_no[-4:].lstrip("0") or member_no[-1]
        found.append(Query(kind, text))
    return found


def bare_search(conn: sqlite3.Connection, query: Query) -> list[tuple[object, ...]]:
    """The same matches as the app's search, in one plain SQL statement (rows with what a list shows)."""
    q = normalize_query(query.text)
    head = "SELECT id, member_no, name, id_number, community FROM seniors WHERE status IN ('active', 'paused') AND "
    if query.kind == "member_no":
        return conn.execute(head + "member_no = ?", (q.upper(),)).fetchall()
    if q.isdigit() or (q[:-1].isdigit() and q[-1:] in "xX"):
        like = f"%{q.upper()}%"
        return conn.execute(
            head + "(id_number LIKE ? OR member_no LIKE ? OR EXISTS (SELECT 1 FROM senior_phones p "
            "WHERE p.senior_id = seniors.id AND p.number LIKE ?))",
            (like, like, like),
        ).fetchall()
    if q.isascii() and q.isalpha():
        like = f"%{q.lower()}%"
        return conn.execute(head + "(name_pinyin LIKE ? OR name_initials LIKE ?)", (like, like)).fetchall()
    return conn.execute(head + "name LIKE ?", (f"%{q}%",)).fetchall()


def search_figures(cc: CareCenter, db: Path, scale: Scale, say: Say) -> list[Figure]:
    """p50 and p95 of typing a query to the first page of rows shown, app against bare SQL."""
    asked = queries(db, scale.searches, scale.seed)
    app: list[float] = []
    bare: list[float] = []
    wrong: list[str] = []
    conn = sqlite3.connect(db)
    try:
        for query in asked:
            started = time.perf_counter()
            got = _app_search(cc, query.text)
            app.append(time.perf_counter() - started)
            started = time.perf_counter()
            rows = bare_search(conn, query)
            bare.append(time.perf_counter() - started)
            if sorted(got) != sorted(int(str(r[0])) for r in rows):
                wrong.append(f"{query.kind} {query.text!r}")
    finally:
        conn.close()
    note = f"{len(asked)} queries" + (f"; bare answered differently for {', '.join(wrong[:5])}" if wrong else "")
    say(f"  search: {note}")
    return [
        Figure("search as you type p50", Target(seconds=0.03), percentile(app, 50), percentile(bare, 50), note=note),
        Figure("search as you type p95", Target(seconds=0.03), percentile(app, 95), percentile(bare, 95)),
    ]


def _app_search(cc: CareCenter, text: str) -> list[int]:
    """What the seniors list does on a keystroke: every matching id, then the rows of the first page."""
    ids = cc.seniors.search_ids(text)
    cc.seniors.rows(ids[:PAGE], DIRECTOR)
    return ids


# ---- eligibility, monthly packs ------------------------------------------------------------------


def eligibility_figure(cc: CareCenter, runs: int = 3) -> Figure:
    """The current month's subsidies for every senior of the district."""
    month = BENCH_TODAY.replace(day=1)
    times, grants = [], 0
    for _i in range(runs):
        started = time.perf_counter()
        grants = len(cc.subsidies.eligibility(DIRECTOR, month))
        times.append(time.perf_counter() - started)
    seniors = cc.seniors.count()
    return Figure(
        "eligibility, one month, all seniors",
        Target(seconds=2.0),
        median(times),
        note=f"{seniors:,} seniors, {grants:,} grants",
    )


def monthly_figures(cc: CareCenter, work: Path, centers: list[CenterInfo], say: Say) -> list[Figure]:
    """Last month's report pack as a PDF: the first (largest) center, then the district."""
    month = (BENCH_TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    first = min(centers, key=lambda c: c.code)
    seniors = len(cc.seniors.search_ids(center_id=first.id, statuses=None))
    found = []
    for name, center_id, target, runs in (
        (f"monthly pack, one center ({seniors:,} seniors)", first.id, 5.0, 3),
        (f"monthly pack, district ({len(centers)} centers)", None, 30.0, 1),
    ):
        times, pages = [], 0
        for run in range(runs):
            out = work / f"monthly-{center_id or 'district'}-{run}.pdf"
            started = time.perf_counter()
            pages = cc.reports.monthly.print(DIRECTOR, center_id, month, out).pages
            times.append(time.perf_counter() - started)
        say(f"  {name}: {pages} pages")
        found.append(Figure(name, Target(seconds=target), median(times), note=f"{month:%Y-%m}, {pages} pages"))
    return found


# ---- roster import ---------------------------------------------------------------------------------


def roster_file(path: Path, rows: int, seed: int, centers: list[CenterInfo]) -> Path:
    """A 民政-style roster of ``rows`` new seniors: name, ID number, phone, address, community."""
    planned = demo.plan(rows, seed + 1000, BENCH_TODAY, centers)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号", "联系电话", "住址", "所属社区"])
    for p in planned:
        d = p.data
        sheet.append([d.name, d.id_number, "、".join(d.phones), d.address, d.community])
    book.save(path)
    return path


def import_figure(cc: CareCenter, work: Path, scale: Scale, centers: list[CenterInfo], say: Say) -> Figure:
    """Reading, validating and committing the roster (the district database is a working copy)."""
    first = min(centers, key=lambda c: c.code)
    source = roster_file(work / "roster.xlsx", scale.import_rows, scale.seed, [first])
    started = time.perf_counter()
    report = cc.rosters.import_seniors(source, DIRECTOR, center_id=first.id, write_errors=False)
    spent = time.perf_counter() - started
    summary = (
        f"{len(report.rows):,} rows: {report.added:,} added, {report.updated:,} updated, "
        f"{len(report.rejected):,} refused"
    )
    say(f"  import: {summary}")
    return Figure(f"import a {scale.import_rows:,}-row roster", Target(seconds=10.0), spent, note=summary)
