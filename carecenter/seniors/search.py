"""Search the way the front desk types: name fragments, pinyin, initials, ID tails, phones, member numbers.

A query is classified once, then turned into a rank expression: lower is better,
NULL means no match. Sorting happens in SQL (rank, then pinyin) so the UI can
page through ids lazily.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Select, and_, case, exists, intersect, literal, or_, select

from carecenter.db.models import Senior, SeniorPhone, SeniorSearchGram
from carecenter.domain import idnumber
from carecenter.domain.text import normalize_name, to_halfwidth
from carecenter.domain.vocab import Status
from carecenter.seniors import search_grams

MEMBER_NO_RE = re.compile(r"^M\d{6}$")
_MEMBER_PART = re.compile(r"^M\d{1,6}$")
_LETTERS = re.compile(r"^[a-z]+$")
_DIGITS = re.compile(r"^\d+X?$")


def normalize_query(text: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(text))


def is_member_no(text: str) -> bool:
    """A complete member number (typed or scanned) selects that senior at once."""
    return bool(MEMBER_NO_RE.match(normalize_query(text).upper()))


def candidate_grams(query: str) -> list[str]:
    """The search-index grams every match of ``query`` has (empty: the query is too short to narrow by)."""
    q = normalize_query(query)
    upper = q.upper()
    if not q:
        return []
    if _MEMBER_PART.match(upper):
        return search_grams.query_grams(search_grams.DIGITS, upper[1:])
    if _DIGITS.match(upper):
        # An old 15-digit ID is matched in its 18-digit form, whose grams differ: that one query scans.
        return [] if len(upper) == 15 else search_grams.query_grams(search_grams.DIGITS, upper)
    lower = q.lower()
    if _LETTERS.match(lower):
        return search_grams.query_grams(search_grams.PINYIN, lower)
    return search_grams.query_grams(search_grams.NAME, normalize_name(q))


def rank_expression(query: str) -> ColumnElement[int] | None:
    """How well each senior matches ``query`` (None: the query matches nobody by construction)."""
    q = normalize_query(query)
    if not q:
        return None
    upper = q.upper()
    if _MEMBER_PART.match(upper):
        return case(
            (Senior.member_no == upper, literal(0)),
            (Senior.member_no.contains(upper[1:], autoescape=True), literal(3)),
        )
    if _DIGITS.match(upper):
        return _digits_rank(upper)
    lower = q.lower()
    if _LETTERS.match(lower):
        return _letters_rank(lower)
    name = normalize_name(q)
    return case(
        (Senior.name == name, literal(0)),
        (Senior.name.startswith(name, autoescape=True), literal(1)),
        (Senior.name.contains(name, autoescape=True), literal(2)),
    )


def _digits_rank(q: str) -> ColumnElement[int]:
    phone_hit = exists().where(SeniorPhone.senior_id == Senior.id, SeniorPhone.number.contains(q, autoescape=True))
    whens: list[tuple[ColumnElement[bool], ColumnElement[int]]] = []
    if len(q) in (15, 18):
        full = q
        if len(q) == 15 and q.isdigit():
            body = q[:6] + "19" + q[6:]
            full = body + idnumber.check_char(body)
        whens.append((Senior.id_number == full, literal(0)))
    whens += [
        (Senior.id_number.endswith(q, autoescape=True), literal(1)),
        (phone_hit, literal(2)),
        (Senior.member_no.contains(q, autoescape=True), literal(3)),
        (Senior.id_number.contains(q, autoescape=True), literal(4)),
    ]
    return case(*whens)


def _letters_rank(q: str) -> ColumnElement[int]:
    return case(
        (or_(Senior.name_initials.contains(f" {q} "), Senior.name_initials.endswith(f" {q}")), literal(0)),
        (or_(Senior.name_pinyin.contains(f" {q} "), Senior.name_pinyin.endswith(f" {q}")), literal(0)),
        (Senior.name_initials.contains(f" {q}"), literal(1)),
        (Senior.name_pinyin.contains(f" {q}"), literal(1)),
        (Senior.name_pinyin.contains(q), literal(3)),
        (Senior.name_initials.contains(q), literal(4)),
    )


class SortKey(StrEnum):
    """Columns a list can be sorted by (a header click); ties fall back to the name's pinyin."""

    MEMBER_NO = "member_no"
    NAME = "name"
    GENDER = "gender"
    AGE = "age"
    ID_NUMBER = "id_number"
    COMMUNITY = "community"
    STATUS = "status"
    REGISTERED_ON = "registered_on"


@dataclass(frozen=True)
class Sort:
    key: SortKey
    descending: bool = False


_STATUS_ORDER = case({status: i for i, status in enumerate(Status)}, value=Senior.status)


def _sort_column(sort: Sort) -> ColumnElement[Any]:
    columns: dict[SortKey, ColumnElement[Any]] = {
        SortKey.MEMBER_NO: Senior.member_no.expression,
        SortKey.NAME: Senior.name_sort.expression,
        SortKey.GENDER: Senior.gender.expression,
        SortKey.AGE: Senior.birth_date.expression,
        SortKey.ID_NUMBER: Senior.id_number.expression,
        SortKey.COMMUNITY: Senior.community.expression,
        SortKey.STATUS: _STATUS_ORDER,  # 在册, 暂停, 退出, 去世: the order of the life of a record
        SortKey.REGISTERED_ON: Senior.registered_on.expression,
    }
    # Older means an earlier birth date: ascending age is descending birth date.
    descending = sort.descending != (sort.key is SortKey.AGE)
    column = columns[sort.key]
    return column.desc() if descending else column.asc()


def ids_query(
    query: str, center_id: int | None, statuses: Sequence[Status] | None, sort: Sort | None = None
) -> Select[int]:
    """Ids of matching seniors: by ``sort`` if given, else best matches first, then by pinyin."""
    conditions: list[ColumnElement[bool]] = []
    if center_id is not None:
        conditions.append(Senior.center_id == center_id)
    if statuses is not None:
        conditions.append(Senior.status.in_(list(statuses)))
    stmt = select(Senior.id)
    if sort is not None:
        stmt = stmt.order_by(_sort_column(sort))
    if query.strip():
        rank = rank_expression(query)
        if rank is None:
            return stmt.where(literal(False))
        conditions.append(rank.is_not(None))
        grams = candidate_grams(query)
        if grams:
            conditions.append(Senior.id.in_(_candidates(grams)))
        stmt = stmt.order_by(rank)
    return stmt.where(and_(True, *conditions)).order_by(Senior.name_sort, Senior.id)


def _candidates(grams: Sequence[str]) -> Select[int] | CompoundSelect[tuple[int]]:
    """Ids of the seniors holding every one of ``grams``: index seeks, a superset the rank then checks."""
    selects = [select(SeniorSearchGram.senior_id).where(SeniorSearchGram.gram == g) for g in grams]
    return selects[0] if len(selects) == 1 else intersect(*selects)
