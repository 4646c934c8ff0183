"""Shared fixtures: a fresh database per test on SQLite, or on PostgreSQL when
CARECENTER_TEST_DB points at a server (each test then gets its own schema)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from carecenter import i18n
from carecenter.actor import Actor, Role
from carecenter.clock import FixedClock
from carecenter.facade import CareCenter

TODAY = dt.date(2026, 11, 22)
SERVER_URL = os.environ.get("CARECENTER_TEST_DB", "")
LOCAL_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _local_server_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return False
    return True


# Tests of talking to a PostgreSQL server (设置 › 数据库's connection test) need one: CI machines run
# one on 127.0.0.1:5432 and these tests run in both backends' runs there; a bare PC without it skips them.
needs_local_server = pytest.mark.skipif(
    not (SERVER_URL or _local_server_answers()), reason="no PostgreSQL server answers on 127.0.0.1:5432"
)
# What `seniors list --format json` promises in every object (the contract).
SENIOR_JSON_KEYS = frozenset(
    {
        "id_number",
        "member_no",
        "name",
        "gender",
        "birth_date",
        "community",
        "center",
        "status",
        "registered_on",
        "categories",
    }
)


@pytest.fixture(autouse=True)
def _chinese_by_default() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("CARECENTER_DB", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(home / "pgpass.conf"))  # 设置 › 数据库 saves passwords there


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(TODAY)


@pytest.fixture
def admin() -> Actor:
    return Actor(username="test-admin", role=Role.ADMIN)


@pytest.fixture
def front_desk() -> Actor:
    return Actor(username="test-desk", role=Role.FRONT_DESK)


@pytest.fixture
def social_worker() -> Actor:
    return Actor(username="test-social", role=Role.SOCIAL_WORKER)


@contextmanager
def scratch_database(directory: Path) -> Iterator[URL]:
    """An empty database on the suite's backend: a new SQLite file, or a new schema on the test server."""
    if not SERVER_URL:
        yield URL.create("sqlite+pysqlite", database=str(directory / f"carecenter-{uuid.uuid4().hex[:8]}.db"))
        return
    base = make_url(SERVER_URL)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}", "application_name": schema})
    finally:
        with admin_engine.connect() as conn:
            # A connection the test leaked (idle in a transaction) would block DROP forever.
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :s"),
                {"s": schema},
            )
            conn.execute(text("SET lock_timeout = '20s'"))
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin_engine.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[URL]:
    with scratch_database(tmp_path) as url:
        yield url


@pytest.fixture
def center(db_url: URL, clock: FixedClock, admin: Actor) -> Iterator[CareCenter]:
    """An opened, migrated database with one center (C001).

    When the test is done, every record it wrote must be in the audit trail with the
    actor that the record itself names (see ``assert_trail_complete``).
    """
    cc = CareCenter.open(db_url, clock, busy_timeout_s=0.2)
    cc.centers.create("文化路日间照料中心", admin, code="C001", address="金水区文化路 97 号", phone="0371-63912345")
    yield cc
    try:
        assert_trail_complete(cc)
    finally:
        cc.close()


# (table, entity, who created it, who changed it last) for every audited table with stamps.
_STAMPED = (
    ("seniors", "senior", "created_by", "updated_by"),
    ("staff", "staff", "created_by", "updated_by"),
    ("accounts", "account", "created_by", "updated_by"),
    ("consents", "consent", "recorded_by", None),
    ("assessments", "assessment", "created_by", "updated_by"),
    ("incidents", "incident", "created_by", "updated_by"),
    ("care_plans", "care_plan", "created_by", "updated_by"),
    ("birthday_parties", "birthday_party", "created_by", "updated_by"),
    ("subsidy_rules", "subsidy_rule", "created_by", "updated_by"),
    ("meal_prices", "meal_price", "created_by", None),
    ("subsidy_rosters", "subsidy_roster", "approved_by", None),
    ("attendance", "attendance", "created_by", "updated_by"),
    ("meal_menus", "meal_menu", "created_by", "updated_by"),
    ("meal_orders", "meal_order", "created_by", "updated_by"),
    ("meal_servings", "meal_serving", "created_by", "updated_by"),
    ("meal_balance_entries", "meal_balance", "created_by", "updated_by"),
    ("visits", "visit", "created_by", "updated_by"),
    ("calls", "call", "created_by", "updated_by"),
    ("activities", "activity", "created_by", "updated_by"),
)


def assert_trail_complete(cc: CareCenter) -> None:
    """Each record's creation is in the trail by its creator, and its last change by its last editor."""
    with cc.engine.connect() as conn:
        for table, entity, created_by, updated_by in _STAMPED:
            lines = conn.execute(
                text("SELECT entity_id, action, actor, at FROM audit_log WHERE entity = :e"), {"e": entity}
            ).all()
            created = {(r.entity_id, r.actor) for r in lines if r.action == "create"}
            changed = {(r.entity_id, r.actor, r.at) for r in lines}
            columns = f"id, {created_by}" + (f", {updated_by}, created_at, updated_at" if updated_by else "")
            for row in conn.execute(text(f"SELECT {columns} FROM {table}")):
                assert (row[0], row[1]) in created, f"{table} {row[0]}: no 'create' line by {row[1]}"
                if updated_by and row[4] != row[3]:
                    assert (row[0], row[2], row[4]) in changed, (
                        f"{table} {row[0]}: last change by {row[2]} not on record"
                    )


@pytest.fixture
def empty_center(db_url: URL, clock: FixedClock) -> Iterator[CareCenter]:
    """An opened, migrated database with no center yet (the very first start)."""
    cc = CareCenter.open(db_url, clock, busy_timeout_s=0.2)
    yield cc
    cc.close()
