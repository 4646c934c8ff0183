"""The instruments as data: hand-worked totals at every band edge, refusals, the one-level-worse rule.

Every expected number here is worked out by hand from domain.md, never taken from the code.
"""

from __future__ import annotations

import pytest

from carecenter.care.instruments import (
    BARTHEL,
    GBT42195,
    INSTRUMENTS,
    Band,
    Instrument,
    Item,
    adjusted_level,
    adjustment_reasons,
)
from carecenter.domain.vocab import CareLevel

# Barthel at its best, as domain.md lists the items: 10+5+5+10+10+10+10+15+15+10 = 100.
BARTHEL_BEST = {
    "feeding": 10,
    "bathing": 5,
    "grooming": 5,
    "dressing": 10,
    "bowels": 10,
    "bladder": 10,
    "toilet": 10,
    "transfer": 15,
    "walking": 15,
    "stairs": 10,
}

# GB/T 42195 at its best: self-care 8×4 = 32; mobility 4+4+4+3 = 15;
# mental 6×4 + 1 + 1 + 2 = 28; perception 2+2+4+3+4 = 15; 32+15+28+15 = 90.
GBT_BEST = {
    "feeding": 4,
    "grooming": 4,
    "bathing": 4,
    "dress_upper": 4,
    "dress_lower": 4,
    "bladder": 4,
    "bowels": 4,
    "toilet": 4,
    "bed_position": 4,
    "transfer": 4,
    "walking": 4,
    "stairs": 3,
    "orient_time": 4,
    "orient_place": 4,
    "orient_person": 4,
    "memory": 4,
    "understanding": 4,
    "expression": 4,
    "aggression": 1,
    "depression": 1,
    "consciousness": 2,
    "vision": 2,
    "hearing": 2,
    "daily_affairs": 4,
    "transport": 3,
    "social": 4,
}

SELF_CARE_ZERO = dict.fromkeys(
    ("feeding", "grooming", "bathing", "dress_upper", "dress_lower", "bladder", "bowels", "toilet"), 0
)  # −32
MOBILITY_ZERO = dict.fromkeys(("bed_position", "transfer", "walking", "stairs"), 0)  # −15


def barthel(**changes: int) -> dict[str, int]:
    return {**BARTHEL_BEST, **changes}


def gbt(*parts: dict[str, int], **changes: int) -> dict[str, int]:
    scores = dict(GBT_BEST)
    for part in parts:
        scores.update(part)
    scores.update(changes)
    return scores


# (scores, hand-computed total, band code)
BARTHEL_CASES = [
    (barthel(), 100, "none"),
    (barthel(bathing=0), 95, "mild"),  # −5
    # −5 feeding, −5 bathing, −5 grooming, −5 dressing, −5 transfer, −5 walking, −5 stairs = −35
    (barthel(feeding=5, bathing=0, grooming=0, dressing=5, transfer=10, walking=10, stairs=5), 65, "mild"),
    # the same with stairs 0 (−10 instead of −5): −40
    (barthel(feeding=5, bathing=0, grooming=0, dressing=5, transfer=10, walking=10, stairs=0), 60, "moderate"),
    # −10 feeding −5 bathing −5 grooming −10 dressing −10 transfer −5 walking −10 stairs = −55
    (barthel(feeding=0, bathing=0, grooming=0, dressing=0, transfer=5, walking=10, stairs=0), 45, "moderate"),
    # as above with walking 5 (−10): −60
    (barthel(feeding=0, bathing=0, grooming=0, dressing=0, transfer=5, walking=5, stairs=0), 40, "severe"),
    (dict.fromkeys(BARTHEL_BEST, 0), 0, "severe"),
]

GBT_CASES = [
    (gbt(), 90, CareLevel.INTACT),
    (gbt(social=3), 89, CareLevel.MILD),  # −1
    # six self-care items at 0: −24
    (gbt(feeding=0, grooming=0, bathing=0, dress_upper=0, dress_lower=0, bladder=0), 66, CareLevel.MILD),
    (gbt(feeding=0, grooming=0, bathing=0, dress_upper=0, dress_lower=0, bladder=0, bowels=3), 65, CareLevel.MODERATE),
    # all self-care (−32) and bed position, transfer, walking (−12): −44
    (gbt(SELF_CARE_ZERO, bed_position=0, transfer=0, walking=0), 46, CareLevel.MODERATE),
    (gbt(SELF_CARE_ZERO, bed_position=0, transfer=0, walking=0, stairs=2), 45, CareLevel.SEVERE),  # −45
    # self-care −32, mobility −15, three orientations −12, aggression −1: −60
    (
        gbt(SELF_CARE_ZERO, MOBILITY_ZERO, orient_time=0, orient_place=0, orient_person=0, aggression=0),
        30,
        CareLevel.SEVERE,
    ),
    (
        gbt(SELF_CARE_ZERO, MOBILITY_ZERO, orient_time=0, orient_place=0, orient_person=0, aggression=0, depression=0),
        29,
        CareLevel.TOTAL,
    ),  # −61
    (dict.fromkeys(GBT_BEST, 0), 0, CareLevel.TOTAL),
]


@pytest.mark.parametrize(("scores", "total", "band"), BARTHEL_CASES)
def test_barthel_totals_and_bands_on_hand_worked_forms(scores: dict[str, int], total: int, band: str) -> None:
    assert BARTHEL.validate(scores) == []
    assert BARTHEL.total(scores) == total
    assert BARTHEL.band(total).code == band
    assert BARTHEL.level(total) is None  # Barthel never gives the care level


@pytest.mark.parametrize(
    ("total", "code", "label"),
    [
        (100, "none", "无需依赖"),
        (99, "mild", "轻度依赖"),
        (61, "mild", "轻度依赖"),
        (60, "moderate", "中度依赖"),
        (41, "moderate", "中度依赖"),
        (40, "severe", "重度依赖"),
        (0, "severe", "重度依赖"),
    ],
)
def test_barthel_band_edges_of_domain_md(total: int, code: str, label: str) -> None:
    assert (BARTHEL.band(total).code, BARTHEL.band(total).label) == (code, label)


@pytest.mark.parametrize(("scores", "total", "level"), GBT_CASES)
def test_gbt42195_totals_and_levels_on_hand_worked_forms(scores: dict[str, int], total: int, level: CareLevel) -> None:
    assert GBT42195.validate(scores) == []
    assert GBT42195.total(scores) == total
    assert GBT42195.level(total) is level
    assert GBT42195.band(total).code == level.value


def test_gbt42195_level_labels_are_the_five_names() -> None:
    assert [GBT42195.band(t).label for t in (90, 89, 65, 45, 29)] == [
        "能力完好",
        "轻度失能",
        "中度失能",
        "重度失能",
        "完全失能",
    ]


def test_the_forms_have_the_items_of_domain_md() -> None:
    assert len(BARTHEL.items) == 10 and BARTHEL.max_total == 100
    assert len(GBT42195.items) == 26 and GBT42195.max_total == 90
    assert {code: item.scores for code, item in ((i.code, i) for i in BARTHEL.items)} == {
        "feeding": (10, 5, 0),
        "bathing": (5, 0),
        "grooming": (5, 0),
        "dressing": (10, 5, 0),
        "bowels": (10, 5, 0),
        "bladder": (10, 5, 0),
        "toilet": (10, 5, 0),
        "transfer": (15, 10, 5, 0),
        "walking": (15, 10, 5, 0),
        "stairs": (10, 5, 0),
    }
    assert {i.code: max(i.scores) for i in GBT42195.items} == GBT_BEST
    assert all(i.scores == tuple(range(max(i.scores), -1, -1)) for i in GBT42195.items)  # every integer allowed
    parts = [(part, len(items), sum(i.max_score for i in items)) for part, items in GBT42195.parts()]
    assert parts == [
        ("Self-care", 8, 32),
        ("Basic mobility", 4, 15),
        ("Mental state", 9, 28),
        ("Perception and social participation", 5, 15),
    ]
    assert [i.label for i in GBT42195.items[:5]] == ["进食", "修饰", "洗澡", "穿/脱上衣", "穿/脱裤子和鞋袜"]
    assert list(INSTRUMENTS) == ["gbt42195", "barthel"]


def test_validate_names_each_item_not_scored_or_scored_out_of_its_choices() -> None:
    scores = barthel(bathing=10, feeding=3, stairs=True)
    del scores["walking"]
    scores["smile"] = 5
    assert BARTHEL.validate(scores) == [
        ("feeding", "只能是 0、5 或 10"),
        ("bathing", "只能是 0 或 5"),
        ("walking", "请选择得分"),
        ("stairs", "只能是 0、5 或 10"),  # True is not a score
        ("smile", "不是本表的项目"),
    ]
    assert GBT42195.validate(gbt(stairs=4, aggression=-1)) == [
        ("stairs", "只能是 0 到 3 之间的整数"),
        ("aggression", "只能是 0 或 1"),
    ]


@pytest.mark.parametrize(
    ("level", "dementia", "incidents", "expected"),
    [
        (CareLevel.MILD, False, 0, CareLevel.MILD),
        (CareLevel.MILD, True, 0, CareLevel.MODERATE),  # dementia
        (CareLevel.MILD, False, 2, CareLevel.MODERATE),  # two incidents in 30 days
        (CareLevel.MILD, False, 1, CareLevel.MILD),  # one incident only: no change
        (CareLevel.MILD, True, 3, CareLevel.MODERATE),  # both together: still one level
        (CareLevel.INTACT, True, 2, CareLevel.MILD),
        (CareLevel.SEVERE, False, 2, CareLevel.TOTAL),
        (CareLevel.TOTAL, True, 4, CareLevel.TOTAL),  # 完全失能 stays
    ],
)
def test_one_level_worse_at_most(level: CareLevel, dementia: bool, incidents: int, expected: CareLevel) -> None:
    assert adjusted_level(level, dementia, incidents) is expected


def test_adjustment_reasons_in_words() -> None:
    assert adjustment_reasons(False, 1) == []
    assert adjustment_reasons(True, 2) == ["确诊痴呆或其他精神障碍", "评估前 30 天内发生 2 次照护风险事件"]


def test_a_local_form_is_checked_when_it_is_built() -> None:
    items = (Item("eating", "Eating", "Daily living", (2, 1, 0)), Item("walking", "Walking", "Daily living", (2, 0)))
    good = Instrument("local", "Local", items, (Band(0, 1, "help", "Help"), Band(2, 4, "ok", "OK")), max_total=4)
    assert good.band(good.total({"eating": 2, "walking": 0})).code == "ok"
    with pytest.raises(ValueError, match="max_total"):
        Instrument("local", "Local", items, (Band(0, 5, "all", "All"),), max_total=5)
    with pytest.raises(ValueError, match="gaps"):
        Instrument("local", "Local", items, (Band(0, 1, "help", "Help"), Band(3, 4, "ok", "OK")), max_total=4)
    with pytest.raises(ValueError, match="repeat"):
        Instrument("local", "Local", (items[0], items[0]), (Band(0, 4, "all", "All"),), max_total=4)
    with pytest.raises(ValueError):  # a care-level form's bands must be care levels
        Instrument("local", "Local", items, (Band(0, 4, "fine", "Fine"),), max_total=4, sets_care_level=True)
