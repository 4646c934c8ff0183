"""The audit trail's writer: every flush records what it changed, in the same transaction.

Services never write audit lines by hand for ordinary changes. ``Sessions`` hangs
:func:`record_flush` on every session; after each flush it compares the old and
new values of the audited models' columns (SQLAlchemy's attribute history) and
inserts one ``audit_log`` row per changed field, stamped with the session's actor
and clock. Rows that only exist as part of a senior's record (phones, categories,
contacts, status history, diet flags, the photo) are reported as one change of
the senior's field ("phones: 138… → 139…"), not as row churn.

Events that are not column changes (a login, an export with full ID numbers, a
restore) go through :func:`record_event`. A flush that would change audited data
without an actor is refused: a change nobody answers for cannot be stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Dialect, insert, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from carecenter.actor import Actor
from carecenter.clock import Clock, SystemClock, stamp
from carecenter.db.desk_models import (
    Activity,
    ActivityAttendee,
    Attendance,
    Call,
    MealBalanceEntry,
    MealMenu,
    MealOrder,
    MealServing,
    Visit,
)
from carecenter.db.models import (
    Account,
    Assessment,
    AssessmentScore,
    AuditEntry,
    BirthdayParty,
    CarePlan,
    Center,
    Consent,
    EmergencyContact,
    Incident,
    MealPrice,
    Medication,
    PartyGuest,
    PlannedService,
    Senior,
    SeniorCategory,
    SeniorCondition,
    SeniorDietFlag,
    SeniorPhone,
    SeniorPhoto,
    ServiceType,
    Staff,
    StatusChange,
    SubsidyRoster,
    SubsidyRule,
    SubsidyRuleVersion,
)

ACTOR_KEY = "carecenter.actor"
CLOCK_KEY = "carecenter.clock"
SECRET = "******"
_STAMPS = frozenset({"id", "created_at", "created_by", "updated_at", "updated_by"})


class UnattributedWriteError(RuntimeError):
    """A programming error: audited data was about to change in a session without an actor."""


@dataclass(frozen=True)
class Audited:
    """How one model appears in the trail."""

    entity: str
    senior_attr: str | None = None  # the attribute holding the senior the row is about
    skip: frozenset[str] = frozenset()  # derived or bookkeeping columns: no line of their own
    secret: frozenset[str] = frozenset()  # recorded as changed, value never written
    parts: tuple[str, ...] = ()  # relationships whose rows are part of this record


@dataclass(frozen=True)
class Part:
    """A row that is one item of its owner's collection (a senior's phone, category …)."""

    owner: type[Any]
    owner_key: str
    collection: str
    text: Callable[[Callable[[str], Any]], str]  # item text from a value getter


AUDITED: dict[type[Any], Audited] = {
    Senior: Audited(
        "senior",
        senior_attr="id",
        skip=frozenset({"name_pinyin", "name_initials", "name_sort", "status_since"}),
        parts=(
            "phones",
            "categories",
            "diet_flags",
            "contacts",
            "status_changes",
            "photo",
            "conditions",
            "medications",
        ),
    ),
    Center: Audited("center"),
    Staff: Audited("staff"),
    Account: Audited(
        "account",
        skip=frozenset({"username_key", "failed_attempts", "locked_until", "password_changed_at"}),
        secret=frozenset({"password_hash"}),
    ),
    Consent: Audited("consent", senior_attr="senior_id", skip=frozenset({"senior_id", "recorded_at", "recorded_by"})),
    Assessment: Audited("assessment", senior_attr="senior_id", skip=frozenset({"senior_id"}), parts=("scores",)),
    Incident: Audited("incident", senior_attr="senior_id", skip=frozenset({"senior_id"})),
    ServiceType: Audited("service_type", skip=frozenset({"code", "position"})),
    CarePlan: Audited(
        "care_plan", senior_attr="senior_id", skip=frozenset({"senior_id", "series_id"}), parts=("services",)
    ),
    BirthdayParty: Audited("birthday_party", parts=("guests",)),
    SubsidyRule: Audited("subsidy_rule", skip=frozenset({"position"}), parts=("versions",)),
    MealPrice: Audited("meal_price"),
    # The roster's grants are its snapshot: the approval line names the month, count and total.
    SubsidyRoster: Audited("subsidy_roster", skip=frozenset({"approved_at", "approved_by"})),
    # The front desk's records (issue 7): voiding writes ``voided`` and its reason; void_key is bookkeeping.
    Attendance: Audited("attendance", senior_attr="senior_id", skip=frozenset({"senior_id", "void_key"})),
    MealMenu: Audited("meal_menu"),
    MealOrder: Audited("meal_order", senior_attr="senior_id", skip=frozenset({"senior_id", "void_key"})),
    MealServing: Audited("meal_serving", senior_attr="senior_id", skip=frozenset({"senior_id", "void_key"})),
    MealBalanceEntry: Audited("meal_balance", senior_attr="senior_id", skip=frozenset({"senior_id", "void_key"})),
    Visit: Audited("visit", senior_attr="senior_id", skip=frozenset({"senior_id", "void_key"})),
    Call: Audited("call", senior_attr="senior_id", skip=frozenset({"void_key"})),
    Activity: Audited("activity", skip=frozenset({"void_key"}), parts=("attendees",)),
}


def _period(get: Callable[[str], Any]) -> str:
    start, end = text_of(get("valid_from")), text_of(get("valid_to"))
    return f"{text_of(get('category'))} {start}~{end}" if start or end else text_of(get("category"))


def _contact(get: Callable[[str], Any]) -> str:
    relation = f"（{get('relation')}）" if get("relation") else ""
    return f"{get('name')}{relation} {get('phone')}".strip()


def _status(get: Callable[[str], Any]) -> str:
    return " ".join(t for t in (text_of(get("effective_on")), text_of(get("status")), get("reason")) if t)


def _photo(get: Callable[[str], Any]) -> str:
    data = get("data") or b""
    return f"{get('mime')} {len(data)} B"


def _medication(get: Callable[[str], Any]) -> str:
    return " ".join(t for t in (get("name"), get("dose"), get("schedule")) if t)


def _planned(get: Callable[[str], Any]) -> str:
    days = f"周{get('weekdays')}" if get("weekdays") else ""
    monthly = f"每月{get('times_per_month')}次" if get("times_per_month") else ""
    span = f"{text_of(get('start_on'))}~{text_of(get('end_on'))}" if get("start_on") or get("end_on") else ""
    staff = f"staff#{get('staff_id')}" if get("staff_id") else ""
    return " ".join(t for t in (f"type#{get('service_type_id')}", days, monthly, staff, span, get("notes")) if t)


def _guest(get: Callable[[str], Any]) -> str:
    flags = [
        "补充邀请" if get("added") else "",
        f"移除：{get('removed_reason')}" if get("removed") else "",
        "已到场" if get("attended") else "",
        f"礼品：{get('gift')}" if get("gift") else "",
    ]
    return " ".join(t for t in (f"senior#{get('senior_id')}", *flags) if t)


def _version(get: Callable[[str], Any]) -> str:
    span = f"{text_of(get('starts_on'))}~{text_of(get('ends_on'))}"
    return " ".join(t for t in (span, get("definition"), get("note")) if t)


PARTS: dict[type[Any], Part] = {
    SeniorPhone: Part(Senior, "senior_id", "phones", lambda get: str(get("number"))),
    SeniorCategory: Part(Senior, "senior_id", "categories", _period),
    SeniorDietFlag: Part(Senior, "senior_id", "diet_flags", lambda get: text_of(get("flag"))),
    EmergencyContact: Part(Senior, "senior_id", "contacts", _contact),
    StatusChange: Part(Senior, "senior_id", "status_changes", _status),
    SeniorPhoto: Part(Senior, "senior_id", "photo", _photo),
    SeniorCondition: Part(Senior, "senior_id", "conditions", lambda get: str(get("name"))),
    Medication: Part(Senior, "senior_id", "medications", _medication),
    AssessmentScore: Part(Assessment, "assessment_id", "scores", lambda get: f"{get('item')}={get('score')}"),
    PlannedService: Part(CarePlan, "plan_id", "services", _planned),
    PartyGuest: Part(BirthdayParty, "party_id", "guests", _guest),
    SubsidyRuleVersion: Part(SubsidyRule, "rule_id", "versions", _version),
    ActivityAttendee: Part(Activity, "activity_id", "attendees", lambda get: f"senior#{get('senior_id')}"),
}

_OWNERS = frozenset(part.owner for part in PARTS.values())
_PART_OF = {(part.owner, part.collection): part for part in PARTS.values()}


def set_actor(session: Session, actor: Actor) -> None:
    """Who answers for what this session writes (set by ``Sessions``, or by login once the account is known)."""
    session.info[ACTOR_KEY] = actor


def set_clock(session: Session, clock: Clock) -> None:
    session.info[CLOCK_KEY] = clock


def text_of(value: Any) -> str:
    """A value as the trail stores it: the Chinese term of a vocabulary, ISO dates, 是/否."""
    if type(value) is str:  # most values: plain text (an enum or other subclass takes the checks below)
        return value
    if type(value) is int:  # not a bool, not an IntEnum
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    zh = getattr(value, "zh", None)
    if isinstance(value, Enum) and isinstance(zh, str):
        return zh
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"{len(value)} B"
    return str(value)


_LINE_COLUMNS = ("actor", "staff_id", "action", "entity", "entity_id", "senior_id", "field", "before", "after")
"""The columns of a trail line after ``at`` (which one flush shares), in the order ``_Lines.rows`` holds them."""

_Line = tuple[str, int | None, str, str, int | None, int | None, str, str, str]


@dataclass
class _Lines:
    session: Session
    actor: Actor | None
    at: dt.datetime
    rows: list[_Line] = field(default_factory=list)  # values of _LINE_COLUMNS
    username: str = field(init=False)
    staff_id: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.username = self.actor.username if self.actor else ""
        self.staff_id = self.actor.staff_id if self.actor else None

    def add(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        senior_id: int | None,
        field_name: str = "",
        before: str = "",
        after: str = "",
    ) -> None:
        self.rows.append(
            (self.username, self.staff_id, action, entity, entity_id, senior_id, field_name, before, after)
        )

    def write(self) -> None:
        """Insert the lines of a change, if any: audited data changed without an actor is refused."""
        if not self.rows:
            return
        if self.actor is None:
            raise UnattributedWriteError("audited data changed in a session without an actor")
        self.insert()

    def insert(self) -> None:
        """Write the lines in the session's transaction (one INSERT executed for all of them)."""
        conn = self.session.connection()
        fast = _sqlite_insert(conn.dialect)
        if fast is None:
            rows = [{"at": self.at, **dict(zip(_LINE_COLUMNS, row, strict=True))} for row in self.rows]
            conn.execute(insert(AuditEntry), rows)
            return
        sql, stamp_of = fast
        at = stamp_of(self.at)
        conn.exec_driver_sql(sql, [(at, *row) for row in self.rows])


_FAST_INSERTS: WeakKeyDictionary[Dialect, tuple[str, Callable[[dt.datetime], Any]] | None] = WeakKeyDictionary()


def _sqlite_insert(dialect: Dialect) -> tuple[str, Callable[[dt.datetime], Any]] | None:
    """The INSERT of a trail line as SQLite's driver takes it, and ``at`` as that INSERT stores it; None elsewhere.

    The same statement SQLAlchemy would send, executed with plain tuples: a roster import writes
    some 200,000 lines, and converting each line's parameters one by one (the same timestamp
    every time) cost about a second. Only where every parameter but ``at`` goes to the driver
    unconverted, as on SQLite; other databases take the ordinary path.
    """
    if dialect in _FAST_INSERTS:
        return _FAST_INSERTS[dialect]
    found: tuple[str, Callable[[dt.datetime], Any]] | None = None
    keys = ("at", *_LINE_COLUMNS)
    if dialect.name == "sqlite" and dialect.paramstyle == "qmark":
        compiled = insert(AuditEntry).compile(dialect=dialect, column_keys=list(keys))
        table = AuditEntry.__table__
        processors = {key: table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys}
        at_processor = processors.pop("at")
        if tuple(compiled.positiontup or ()) == keys and not any(processors.values()):
            found = (compiled.string, at_processor or _as_is)
    _FAST_INSERTS[dialect] = found
    return found


def _as_is(value: dt.datetime) -> Any:
    return value


def _now(session: Session) -> dt.datetime:
    clock: Clock = session.info.get(CLOCK_KEY) or SystemClock()
    return stamp(clock)


def record_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    senior_id: int | None = None,
    field: str = "",
    before: str = "",
    after: str = "",
) -> None:
    """Write one trail line for something that is not a column change (login, export, print, restore).

    It is inserted now, inside the session's transaction: it is kept only if the caller commits.
    """
    actor = session.info.get(ACTOR_KEY)
    if actor is None:
        raise UnattributedWriteError(f"audit event {action} on {entity} without an actor")
    lines = _Lines(session, actor, _now(session))
    lines.add(action, entity, entity_id, senior_id, field, before, after)
    lines.insert()


def record_flush(session: Session, _context: Any) -> None:
    """``after_flush`` listener: the old values are still in the attribute history here, the new ids are set."""
    lines = _Lines(session, session.info.get(ACTOR_KEY), _now(session))
    touched: dict[tuple[type[Any], int], set[str]] = {}
    new = list(session.new)  # the property builds a new set on every call: read it once
    for obj in new:
        _created(lines, obj, touched, "create")
    for obj in session.deleted:
        _created(lines, obj, touched, "delete")
    for obj in session.dirty:
        spec = AUDITED.get(type(obj))
        if spec is not None:
            _updated(lines, obj, spec, touched)
        elif (part := PARTS.get(type(obj))) is not None and _changed_columns(obj):
            touched.setdefault((part.owner, getattr(obj, part.owner_key)), set()).add(part.collection)
    created = {(type(o), o.id) for o in new if type(o) in _OWNERS}  # their create lines list their items
    for (owner_cls, owner_id), collections in touched.items():
        if (owner_cls, owner_id) not in created:
            _collections_changed(lines, session, owner_cls, owner_id, collections)
    lines.write()


def _senior_of(obj: Any, spec: Audited) -> int | None:
    return getattr(obj, spec.senior_attr) if spec.senior_attr else None


def _columns(obj: Any) -> Iterable[str]:
    return _column_keys(type(obj))


_COLUMN_KEYS: dict[type[Any], tuple[str, ...]] = {}
_LOGGED_KEYS: dict[type[Any], tuple[str, ...]] = {}


def _column_keys(cls: type[Any]) -> tuple[str, ...]:
    """The keys of ``cls``'s mapped columns, worked out once per class (a mapping never changes once configured).

    A flush of a 10,000-row roster import asks this for every new row; matching the version
    column with ``in`` built a SQL expression for each comparison and cost seconds.
    """
    keys = _COLUMN_KEYS.get(cls)
    if keys is None:
        mapper = inspect(cls)
        # The edit version (optimistic locking, carecenter.conflicts) is bookkeeping: no line of its own.
        lock = mapper.version_id_col
        keys = tuple(
            attr.key
            for attr in mapper.column_attrs
            if lock is None or all(column is not lock for column in attr.columns)
        )
        _COLUMN_KEYS[cls] = keys
    return keys


def _logged_keys(cls: type[Any]) -> tuple[str, ...]:
    """The columns of an audited class that get a line of their own (not the stamps, not the skipped ones)."""
    keys = _LOGGED_KEYS.get(cls)
    if keys is None:
        skip = AUDITED[cls].skip
        keys = tuple(key for key in _column_keys(cls) if key not in _STAMPS and key not in skip)
        _LOGGED_KEYS[cls] = keys
    return keys


def _changed_columns(obj: Any) -> bool:
    state = inspect(obj)
    return any(state.attrs[key].history.has_changes() for key in _columns(obj))


def _created(lines: _Lines, obj: Any, touched: dict[tuple[type[Any], int], set[str]], action: str) -> None:
    """A new (or deleted) audited row: a line per non-empty field; a new part marks its owner's collection."""
    spec = AUDITED.get(type(obj))
    if spec is None:
        part = PARTS.get(type(obj))
        if part is not None:
            touched.setdefault((part.owner, getattr(obj, part.owner_key)), set()).add(part.collection)
        return
    senior_id = _senior_of(obj, spec)
    if action == "create":
        loaded = inspect(obj).dict  # a loaded column's value is what getattr gives, without its overhead
        _creation_lines(
            lines,
            type(obj),
            obj.id,
            senior_id,
            lambda key: loaded[key] if key in loaded else getattr(obj, key),
            lambda name: [_part_text(item, old=False) for item in _items(getattr(obj, name))],
        )
        return
    for key in _logged_keys(type(obj)):
        value = SECRET if key in spec.secret else text_of(_old(obj, key))
        if value:
            lines.add(action, spec.entity, obj.id, senior_id, key, value, "")


def _creation_lines(
    lines: _Lines,
    cls: type[Any],
    entity_id: int,
    senior_id: int | None,
    value_of: Callable[[str], Any],
    part_texts: Callable[[str], list[str]],
) -> None:
    """The lines of a new row: one per non-empty field, then one per part collection listing its items."""
    spec = AUDITED[cls]
    for key in _logged_keys(cls):
        value = SECRET if key in spec.secret else text_of(value_of(key))
        if value:
            lines.add("create", spec.entity, entity_id, senior_id, key, "", value)
    for name in spec.parts:
        text = "、".join(part_texts(name))
        if text:
            lines.add("create", spec.entity, entity_id, senior_id, name, "", text)


def record_created(
    session: Session,
    cls: type[Any],
    rows: Iterable[tuple[int, Mapping[str, Any], Mapping[str, Sequence[Mapping[str, Any]]]]],
) -> None:
    """The lines for new rows of ``cls`` written without the ORM: (id, column values, part rows by collection).

    The same lines a flush of the same new objects writes (a roster import's new seniors go in
    with plain INSERTs, :mod:`carecenter.seniors.bulk`). Column values must include the defaults.
    """
    spec = AUDITED[cls]
    lines = _Lines(session, session.info.get(ACTOR_KEY), _now(session))
    for entity_id, values, parts in rows:
        senior_id = entity_id if spec.senior_attr == "id" else values.get(spec.senior_attr or "")
        _creation_lines(
            lines,
            cls,
            entity_id,
            senior_id,
            values.get,  # a column left out and without a default is NULL
            partial(_plain_part_texts, cls, parts),
        )
    lines.write()


def _plain_part_texts(cls: type[Any], parts: Mapping[str, Sequence[Mapping[str, Any]]], name: str) -> list[str]:
    return [_PART_OF[cls, name].text(item.get) for item in parts.get(name, ())]


def _updated(lines: _Lines, obj: Any, spec: Audited, touched: dict[tuple[type[Any], int], set[str]]) -> None:
    state = inspect(obj)
    senior_id = _senior_of(obj, spec)
    for key in _logged_keys(type(obj)):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        before = text_of(history.deleted[0]) if history.deleted else ""
        after = text_of(history.added[0]) if history.added else ""
        if before != after:
            if key in spec.secret:
                before, after = SECRET, SECRET
            lines.add("update", spec.entity, obj.id, senior_id, key, before, after)
    for name in spec.parts:
        if state.attrs[name].history.has_changes():
            touched.setdefault((type(obj), obj.id), set()).add(name)


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _old(obj: Any, key: str) -> Any:
    history = inspect(obj).attrs[key].history
    return history.deleted[0] if history.deleted else getattr(obj, key)


def _part_text(item: Any, old: bool) -> str:
    part = PARTS[type(item)]
    return part.text(lambda key: _old(item, key) if old else getattr(item, key))


def _collections_changed(
    lines: _Lines, session: Session, owner_cls: type[Any], owner_id: int, collections: set[str]
) -> None:
    """One line per owner field whose items changed, old items against new ones (the owner is not new)."""
    owner = session.identity_map.get(identity_key(owner_cls, (owner_id,)))
    spec = AUDITED[owner_cls]
    for name in sorted(collections):
        if owner is None:  # a part written without loading its owner: report the parts themselves
            _loose_parts(lines, session, owner_cls, owner_id, name)
            continue
        history = inspect(owner).attrs[name].history
        if history.has_changes():
            old_items = list(history.unchanged) + list(history.deleted)
            new_items = list(history.unchanged) + list(history.added)
        else:
            old_items = new_items = _items(getattr(owner, name))
        before = "、".join(_part_text(i, old=True) for i in old_items if i is not None)
        after = "、".join(_part_text(i, old=False) for i in new_items if i is not None)
        if before != after:
            lines.add("update", spec.entity, owner_id, _senior_of(owner, spec), name, before, after)


def _loose_parts(lines: _Lines, session: Session, owner_cls: type[Any], owner_id: int, name: str) -> None:
    spec = AUDITED[owner_cls]
    senior_id = owner_id if spec.senior_attr == "id" else None
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        part = PARTS.get(type(obj))
        if part is None or part.collection != name or getattr(obj, part.owner_key) != owner_id:
            continue
        before = "" if obj in session.new else _part_text(obj, old=True)
        after = "" if obj in session.deleted else _part_text(obj, old=False)
        if before != after:
            lines.add("update", spec.entity, owner_id, senior_id, name, before, after)
