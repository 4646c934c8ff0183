"""Search as the front desk types it, best matches first."""

from __future__ import annotations

import datetime as dt

import pytest

from carecenter.actor import Actor
from carecenter.domain.vocab import Status
from carecenter.facade import CareCenter
from carecenter.seniors.dto import SeniorInput
from carecenter.seniors.search import Sort, SortKey, is_member_no
from tests.core.helpers import an_id

PEOPLE = [
    # name, birth, sequence, phone
    ("张桂兰", dt.date(1945, 3, 2), 42, "13803711234"),
    ("张国梁", dt.date(1941, 5, 6), 13, "13903712222"),
    ("曾国梁", dt.date(1938, 7, 9), 15, "0371-63915678"),
    ("吕秀英", dt.date(1950, 1, 20), 24, ""),
    ("单玉珍", dt.date(1939, 4, 4), 26, ""),
    ("解建国", dt.date(1944, 9, 9), 17, ""),
    ("仇德福", dt.date(1947, 2, 2), 19, ""),
    ("区凤英", dt.date(1949, 3, 3), 28, ""),
    ("朴志刚", dt.date(1948, 6, 6), 31, ""),
    ("查明德", dt.date(1942, 8, 8), 33, ""),
    ("盖长海", dt.date(1943, 10, 10), 35, ""),
    ("尉迟敬华", dt.date(1946, 11, 11), 37, ""),
    ("王兰", dt.date(1952, 12, 12), 40, "13700001111"),
]


def register_people(cc: CareCenter, admin: Actor, people: list[tuple[str, dt.date, int, str]] = PEOPLE) -> CareCenter:
    for name, birth, seq, phone in people:
        cc.seniors.create(SeniorInput(name=name, id_number=an_id(birth, seq), phones=(phone,) if phone else ()), admin)
    return cc


@pytest.fixture
def registry(center: CareCenter, admin: Actor) -> CareCenter:
    return register_people(center, admin)


def names(cc: CareCenter, query: str) -> list[str]:
    return [r.name for r in cc.seniors.list(Actor.system_user(), query)]


def test_any_fragment_of_the_name(registry: CareCenter) -> None:
    assert names(registry, "桂兰") == ["张桂兰"]
    assert names(registry, "兰") == ["王兰", "张桂兰"]  # prefix-less matches sorted by pinyin
    assert names(registry, "王兰") == ["王兰"]
    assert names(registry, "国梁") == ["曾国梁", "张国梁"]


def test_exact_and_prefix_names_come_first(registry: CareCenter) -> None:
    assert names(registry, "张")[:2] == ["张桂兰", "张国梁"]


def test_full_pinyin_and_v_for_u(registry: CareCenter) -> None:
    assert names(registry, "zhangguilan") == ["张桂兰"]
    assert names(registry, "lvxiuying") == ["吕秀英"]
    assert names(registry, "lv") == ["吕秀英"]
    assert names(registry, "guilan") == ["张桂兰"]  # inside the full pinyin


def test_initials(registry: CareCenter) -> None:
    assert names(registry, "zgl") == ["曾国梁", "张桂兰", "张国梁"]
    assert names(registry, "ZGL") == ["曾国梁", "张桂兰", "张国梁"]
    assert names(registry, "lxy") == ["吕秀英"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("zengguoliang", "曾国梁"),
        ("shanyuzhen", "单玉珍"),
        ("syz", "单玉珍"),
        ("xiejianguo", "解建国"),
        ("qiudefu", "仇德福"),
        ("oufengying", "区凤英"),
        ("piaozhigang", "朴志刚"),
        ("zhamingde", "查明德"),
        ("gechanghai", "盖长海"),
        ("yuchijinghua", "尉迟敬华"),
        ("ycjh", "尉迟敬华"),
    ],
)
def test_surnames_read_as_surnames(registry: CareCenter, query: str, name: str) -> None:
    assert names(registry, query)[0] == name


def test_last_digits_of_the_id_number(registry: CareCenter) -> None:
    target = an_id(dt.date(1945, 3, 2), 42)
    assert names(registry, target[-4:])[0] == "张桂兰"
    assert names(registry, target) == ["张桂兰"]
    assert names(registry, target[:-1] + target[-1].lower()) == ["张桂兰"]


def test_phone_fragments(registry: CareCenter) -> None:
    assert names(registry, "0371-6391") == []  # a dash is not typed in search; digits are
    assert names(registry, "6391567") == ["曾国梁"]
    assert names(registry, "1380371") == ["张桂兰"]


def test_member_number_selects_one_senior(registry: CareCenter) -> None:
    assert is_member_no("M000003") and is_member_no("m000003") and is_member_no(" Ｍ000003 ")
    assert not is_member_no("M00003")
    assert names(registry, "m000003") == ["曾国梁"]
    assert registry.seniors.id_by_member_no("m000003") == registry.seniors.search_ids("M000003")[0]


def test_nothing_found_is_an_empty_list(registry: CareCenter) -> None:
    assert names(registry, "不存在") == []
    assert names(registry, "qqqq") == []
    assert names(registry, "%") == []


def test_status_and_center_filters(registry: CareCenter, admin: Actor) -> None:
    sid = registry.seniors.search_ids("张桂兰")[0]
    registry.seniors.change_status(sid, Status.WITHDRAWN, registry.clock.today(), "搬离", admin)
    assert names(registry, "zgl") == ["曾国梁", "张国梁"]
    assert [r.name for r in registry.seniors.list(admin, "zgl", statuses=None)] == ["曾国梁", "张桂兰", "张国梁"]
    other = registry.centers.create("二七区建中街站", admin)
    assert registry.seniors.list(admin, "zgl", center_id=other.id) == []


def test_lists_sort_by_pinyin_syllable_by_syllable(center: CareCenter, admin: Actor) -> None:
    for i, name in enumerate(["程菊", "陈桂香", "陈林", "曹英"]):
        center.seniors.create(SeniorInput(name=name, id_number=an_id(dt.date(1940, 1, 1 + i), 20 + i)), admin)
    assert names(center, "") == ["曹英", "陈桂香", "陈林", "程菊"]


def test_sorting_covers_every_match(registry: CareCenter, admin: Actor) -> None:
    def ordered(sort: Sort, query: str = "") -> list[str]:
        return [
            r.name for r in registry.seniors.rows(registry.seniors.search_ids(query, sort=sort, statuses=None), admin)
        ]

    by_age = ordered(Sort(SortKey.AGE))
    assert by_age[0] == "王兰" and by_age[-1] == "曾国梁"  # youngest (1952) first, oldest (1938) last
    assert ordered(Sort(SortKey.AGE, descending=True))[0] == "曾国梁"
    assert ordered(Sort(SortKey.MEMBER_NO, descending=True))[0] == "王兰"
    sid = registry.seniors.search_ids("吕秀英")[0]
    registry.seniors.change_status(sid, Status.DECEASED, registry.clock.today(), "", admin)
    pid = registry.seniors.search_ids("单玉珍")[0]
    registry.seniors.change_status(pid, Status.PAUSED, registry.clock.today(), "", admin)
    by_status = ordered(Sort(SortKey.STATUS))
    assert by_status[-2:] == ["单玉珍", "吕秀英"]  # 在册, then 暂停, then 去世
    assert ordered(Sort(SortKey.NAME), "zgl") == ["曾国梁", "张桂兰", "张国梁"]
