"""Normal forms of names and phones, and the refusal of control characters."""

from __future__ import annotations

from carecenter.domain.text import control_char_reason, normalize_name, normalize_phone


def test_names_lose_spaces_and_unify_the_middle_dot() -> None:
    assert normalize_name(" 张  桂 兰 ") == "张桂兰"
    assert normalize_name("阿依古丽.买买提") == "阿依古丽·买买提"
    assert normalize_name("阿依古丽•买买提") == "阿依古丽·买买提"
    assert normalize_name("阿依古丽　・买买提") == "阿依古丽·买买提"


def test_phones_become_half_width() -> None:
    assert normalize_phone("１３８ ０３７１ １２３４") == "13803711234"
    assert normalize_phone("0371－63912345") == "0371-63912345"


def test_control_characters_are_refused() -> None:
    assert control_char_reason("张\x00三") == "含有空字符（NUL）"
    assert control_char_reason("张\x07三") == "含有不可见的控制字符"
    assert control_char_reason("第一行\n第二行", multiline=True) is None
    assert control_char_reason("第一行\n第二行") == "含有不可见的控制字符"


def test_marks_that_reorder_text_on_screen_are_refused() -> None:
    # U+202E would show "金水区文化路" as if typed backwards; isolates and embeddings likewise reorder.
    for mark in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"):
        assert control_char_reason(f"金水区{mark}文化路 97 号") == "含有不可见的控制字符", repr(mark)
    assert control_char_reason("金水区文化路 97 号（3 号楼）") is None
