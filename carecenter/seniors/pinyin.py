"""Pinyin search keys for names, with surnames read the way surnames are read (曾 zeng, 单 shan).

Names are short and often use characters with several readings (长 chang/zhang,
乐 le/yue), and staff type whichever reading they know. So each name gets a few
variants: the surname's surname reading (and its everyday one), times the
readings of the given-name characters, capped so keys stay small.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from itertools import islice, product
from typing import NamedTuple

from carecenter.bundled import resource

MAX_VARIANTS = 8


@cache
def _surnames() -> dict[str, list[str]]:
    """Surname -> its surname reading, syllable by syllable; compound surnames included."""
    data: dict[str, list[str]] = json.loads(resource("pinyin", "surnames.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=8192)
def _readings_of(ch: str) -> tuple[str, ...]:
    """Cached: an import of 10,000 names asks for the same few thousand characters again and again."""
    return tuple(_lookup(ch))


def _char_readings(ch: str) -> list[str]:
    return list(_readings_of(ch))


def _lookup(ch: str) -> list[str]:
    # pypinyin's dictionaries take a tenth of a second to load: only a name being written needs them.
    from pypinyin import Style, pinyin

    # v for ü (吕 lv), as front-desk keyboards type it; the most common reading comes first.
    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="default", v_to_u=False)[0]
    out: list[str] = []
    for r in readings:
        r = r.lower().strip()
        if r and r not in out:
            out.append(r)
    return out or [ch.lower()]


def readings(name: str) -> list[list[str]]:
    """Syllable lists for ``name``, the most likely reading first."""
    surnames = _surnames()
    surname_len = next((n for n in (2, 1) if len(name) > n and name[:n] in surnames), 0)
    heads: list[list[str]] = []
    if surname_len:
        heads.append(surnames[name[:surname_len]])
        plain_head = [_char_readings(ch)[0] for ch in name[:surname_len]]
        if plain_head != heads[0]:
            heads.append(plain_head)
    else:
        heads.append([])
    rest = name[surname_len:]
    per_char = [_char_readings(ch) for ch in rest if ch != "·"]
    variants: list[list[str]] = []
    for head in heads:
        for tail in islice(product(*per_char), MAX_VARIANTS):
            variant = head + list(tail)
            if variant not in variants:
                variants.append(variant)
    return variants[:MAX_VARIANTS]


class NameKeys(NamedTuple):
    pinyin: str  # " zengguoliang cengguoliang": each variant behind a space, for prefix tests
    initials: str  # " zgl cgl"
    sort: str  # "zeng guo liang": syllables apart, so 陈 chen sorts before 程 cheng


@lru_cache(maxsize=16384)
def search_keys(name: str) -> NameKeys:
    """Cached: a roster of 10,000 seniors repeats many names (王秀兰, 李桂英 …), and the keys depend on the name alone."""
    variants = readings(name)
    full = "".join(f" {''.join(v)}" for v in variants)
    initials: list[str] = []
    for v in variants:
        key = "".join(s[0] for s in v if s)
        if key not in initials:
            initials.append(key)
    return NameKeys(full[:200], "".join(f" {k}" for k in initials)[:80], " ".join(variants[0])[:120])
