"""Hostile values for the property tests: what a tired desk, a pasted spreadsheet or a curious user types.

Every strategy mixes ordinary values (so some writes succeed and their normal form can be
checked) with the nasty ones: control characters, zero-width and bidi marks, full-width
digits and spaces, SQL-looking text, LIKE wildcards, quotes and backslashes, rare CJK
characters, 10,000-character strings, dates at the edges and amounts that are not amounts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carecenter.domain import idnumber

TODAY = dt.date(2026, 11, 22)  # the `clock` fixture's day

SQLISH = ("'; DROP TABLE seniors; --", "' OR '1'='1", '"; DELETE FROM audit_log; --', "1; SELECT pg_sleep(5)")
WILDCARDS = ("%", "_", "%_%", "\\", "\\\\", "\\%", "'", '"', "`", "''", "\\'", "[", "]", "*", "?")
CONTROLS = tuple(chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85))
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\ufeff", "\u00ad", "\u2060")
BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")
SPACES = (" ", "  ", "\u3000", "\t", "\u00a0", "\u2003")
FULL_WIDTH = ("１２３", "０３７１", "ＡＢＣ", "ｘ", "＋８６", "－", "．")
CHINESE = ("张", "王秀英", "李", "欧阳", "司马", "阿依古丽·买买提", "𠀀", "𪚥", "䶮", "㐂", "𡈼", "喆", "堃", "彧")
NAME_DOTS = ("·", "•", "‧", "・", "．", ".")
LONG = ("张" * 10_000, "a" * 10_000, " " * 10_000, "%" * 10_000, "𠀀" * 10_000)

# Any unicode scalar value except surrogates (which no Python str from a real source carries).
UNICODE = st.characters(blacklist_categories=("Cs",))

_PIECES = st.one_of(
    st.sampled_from(SQLISH + WILDCARDS + CONTROLS + INVISIBLE + BIDI + SPACES + FULL_WIDTH + CHINESE + NAME_DOTS),
    st.text(UNICODE, min_size=1, max_size=6),
    st.text(st.sampled_from("张王李赵刘陈杨黄文化路社区"), min_size=1, max_size=4),
)


@st.composite
def hostile_text(draw: st.DrawFn, max_pieces: int = 6) -> str:
    """A string built from hostile pieces, sometimes empty, blank, or 10,000 characters long."""
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return draw(st.sampled_from(LONG))
    if kind == 1:
        return draw(st.sampled_from(("", " ", "\u3000", " \t ", "\n", "\r\n")))
    return "".join(draw(st.lists(_PIECES, min_size=1, max_size=max_pieces)))


def plain_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Ordinary text a user types (so that some writes succeed): Chinese, ASCII, spaces at the ends."""
    return st.text(st.sampled_from("张王李文化路社区老人 abcXYZ0123456789，。-·"), max_size=max_size)


def text_values(max_size: int = 12) -> st.SearchStrategy[str]:
    """Half ordinary, half hostile: the input of every free-text field."""
    return st.one_of(plain_text(max_size), hostile_text())


@st.composite
def person_names(draw: st.DrawFn) -> str:
    """Chinese names (rare characters, ethnic names with ·), padded, spaced, or hostile."""
    kind = draw(st.integers(0, 5))
    if kind <= 2:
        given = draw(st.lists(st.sampled_from((*CHINESE[:-1], "秀", "兰", "桂", "英", "明")), min_size=1, max_size=4))
        sep = draw(st.sampled_from(("", " ", "\u3000", "  ")))
        pad = draw(st.sampled_from(("", " ", "\u3000", "\t")))
        return pad + sep.join(given) + pad
    if kind == 3:
        first, second = draw(st.sampled_from(("阿依古丽", "Anna", "买买提"))), draw(st.sampled_from(("买买提", "Li")))
        return first + draw(st.sampled_from(NAME_DOTS)) + second
    return draw(hostile_text())


# ---- ID numbers ---------------------------------------------------------------------------------

REGIONS = ("410105", "410102", "410181", "110101")


@st.composite
def births(draw: st.DrawFn) -> dt.date:
    """Birth dates of seniors mostly, with the edges: 29 February, 1906 (age 120), last year."""
    edge = draw(st.sampled_from((None, dt.date(1940, 2, 29), dt.date(1906, 11, 22), dt.date(1906, 11, 23))))
    return edge or draw(st.dates(dt.date(1910, 1, 1), dt.date(1966, 12, 31)))


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """Valid 18-digit IDs (some with a lower-case x, full-width, spaced), 15-digit old IDs, and broken ones."""
    region = draw(st.sampled_from(REGIONS))
    birth = draw(births())
    seq = draw(st.integers(0, 999))
    valid = idnumber.make(region, birth, seq)
    kind = draw(st.integers(0, 11))
    if kind <= 2:
        return valid
    if kind == 3:  # lower-case x (or the same ID when its check is a digit)
        return valid.lower()
    if kind == 4:  # full-width digits, spaced as printed on some forms
        wide = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in valid)
        return draw(st.sampled_from((wide, f"{valid[:6]} {valid[6:14]} {valid[14:]}", f" {valid}\u3000")))
    if kind == 5:  # the old 15-digit form (19YY only)
        return f"{region}{birth:%y%m%d}{seq:03d}" if birth.year < 2000 else valid
    if kind == 6:  # wrong check character
        return valid[:17] + draw(st.sampled_from([c for c in "0123456789X" if c != valid[17]]))
    if kind == 7:  # Excel ate it
        return draw(
            st.sampled_from(("4.10105E+17", "4.10105194002290E+17", f"{valid[:15]}000", "410105194002290000.0"))
        )
    if kind == 8:  # impossible or future birth date, lengths that are not 15 or 18
        body = draw(
            st.sampled_from((f"{region}19401301{seq:03d}", f"{region}20991231{seq:03d}", f"{region}18800101001"))
        )
        return body + idnumber.check_char(body) if len(body) == 17 else body
    if kind == 9:
        return valid[: draw(st.integers(0, 17))]
    return draw(st.one_of(hostile_text(), st.text(st.sampled_from("0123456789Xx "), max_size=20)))


# ---- dates, times, amounts, phones --------------------------------------------------------------

DATE_EDGES = (
    dt.date(1900, 1, 1),
    dt.date(1900, 2, 28),
    dt.date(2000, 2, 29),
    dt.date(2024, 2, 29),
    dt.date(2026, 2, 28),
    TODAY - dt.timedelta(days=1),
    TODAY,
    TODAY + dt.timedelta(days=1),
    dt.date(2026, 11, 1),
    dt.date(2026, 12, 1),
    dt.date(2099, 12, 31),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
)


def dates() -> st.SearchStrategy[dt.date]:
    """Dates at the edges (1900, 29 February, yesterday/today/tomorrow, year 1 and 9999) and around today."""
    return st.one_of(
        st.sampled_from(DATE_EDGES),
        st.dates(TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=60)),
        st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    )


def recent_dates() -> st.SearchStrategy[dt.date]:
    """Mostly the last weeks (where desk records live), with the edges mixed in."""
    return st.one_of(st.dates(TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=3)), st.sampled_from(DATE_EDGES))


def times() -> st.SearchStrategy[dt.time]:
    return st.one_of(st.sampled_from((dt.time(0, 0), dt.time(8, 30), dt.time(23, 59, 59))), st.times())


def moments(day: st.SearchStrategy[dt.date] | None = None) -> st.SearchStrategy[dt.datetime]:
    """Naive center-time moments on recent days (and the edges)."""
    return st.builds(dt.datetime.combine, day or recent_dates(), times())


AMOUNT_TEXTS = (
    "12",
    "12.5",
    "12.50",
    "0",
    "0.00",
    "-0",
    "-1",
    "-0.01",
    "１２",
    "¥12.00",
    "￥3",
    "5元",
    "1,000",
    "12.345",
    "0.001",
    "999999999",
    "999999999.99",
    "21474836.48",
    "1e3",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "",
    " ",
    "12.5.3",
    "十二",
    "0x10",
    "1_000",
)


def amounts() -> st.SearchStrategy[str | int]:
    """Typed amounts of 元 (as text) and fen (as int): negative, huge, NaN-ish, many decimals."""
    return st.one_of(
        st.sampled_from(AMOUNT_TEXTS),
        st.decimals(min_value=-1000, max_value=10**10, places=3, allow_nan=False).map(str),
        st.integers(-(2**40), 2**40),
        st.sampled_from((0, -1, 1, 2**31 - 1, 2**31, 2**63, -(2**63), 10**30)),
        hostile_text(),
    )


PHONES = (
    "0371-63912345",
    "037163912345",
    "13800000000",
    "138-0000-0000",
    "138 0000 0000",
    "+86 138 0000 0000",
    "+8613800000000",
    "１３８００００００００",
    "０３７１－６３９１２３４５",
    "0371-63912345转123",
    "0371-63912345转123456",
    "0371-63912345-12345678",
    "12345678901234567890",
    "123456789012345678901",
    "abc",
    "138abcd0000",
    "ext",
    "0371—63912345",
    "+",
    "-",
)


def phones() -> st.SearchStrategy[str]:
    """Phone numbers with dashes, spaces, +86, full-width digits, extensions, letters, or hostile text."""
    return st.one_of(
        st.sampled_from(PHONES), st.text(st.sampled_from("0123456789+- 转x#"), max_size=24), hostile_text()
    )


# ---- mostly ordinary input with a few hostile fields -----------------------------------------------


def plain_names() -> st.SearchStrategy[str]:
    return st.lists(
        st.sampled_from(("张", "王", "李", "秀", "兰", "桂", "英", "明", "𠀀", "喆")), min_size=2, max_size=3
    ).map("".join)


def plain_ids() -> st.SearchStrategy[str]:
    return st.builds(
        idnumber.make, st.sampled_from(REGIONS), st.dates(dt.date(1920, 1, 1), dt.date(1966, 1, 1)), st.integers(0, 999)
    )


def plain_phones() -> st.SearchStrategy[str]:
    return st.sampled_from(PHONES[:10])


Pair = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]


@st.composite
def mixed(draw: st.DrawFn, fields: dict[str, Pair], max_hostile: int = 2) -> dict[str, Any]:
    """Keyword arguments where at most ``max_hostile`` fields take their hostile strategy, the rest plain.

    Each entry of ``fields`` is (plain, hostile). Mostly-plain input lets many writes succeed,
    so their stored normal form is checked, while every field still meets hostile values.
    """
    names = list(fields)
    hostile = set(draw(st.lists(st.sampled_from(names), max_size=max_hostile, unique=True)))
    return {name: draw(fields[name][1] if name in hostile else fields[name][0]) for name in names}


def texts() -> Pair:
    return plain_text(), hostile_text()
