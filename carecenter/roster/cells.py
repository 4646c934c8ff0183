"""Reading one cell as people really type it: dates six ways, 是/否, lists with any separator.

Every parser returns the value or raises ``CellError`` with the reason (translated);
the importer adds the column's name. Nothing here guesses silently: a value that
cannot be read is refused, never replaced.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from carecenter.domain.lunar import LunarBirth
from carecenter.domain.text import to_halfwidth
from carecenter.domain.vocab import CareLevel, Category, DietFlag, Gender, Residence, Status, parse_category
from carecenter.i18n import _

Cell = str | int | float | bool | dt.date | dt.datetime | None
"""A value as a spreadsheet reader hands it over (a CSV gives only str and None)."""

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 in Excel's 1900 system (its 1900-02-29 bug included)


class CellError(ValueError):
    """Why a cell cannot be read (translated, without the column name)."""


def text_of(value: Cell) -> str:
    """The cell as the user saw it: numbers without a spurious ``.0``, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):  # a number too large for a double (1.8E+308 in the file) reads as inf
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e15:  # as Excel shows a long number: 4.10105E+17
            mantissa, exponent = f"{value:.5E}".split("E")
            return f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"
        return repr(value)
    return str(value).strip()


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---- dates ---------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_YEAR_MONTH = (
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)


def parse_date(value: Cell) -> dt.date:
    """A full date from an Excel date, 1945-03-02, 1945.3.2, 1945/3/2, 1945年3月2日 or 19450302."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 10_000_000 <= number <= 99_991_231:
            return _parse_text(str(int(number)))
        if 1 <= number < 2_958_466:  # an Excel serial day that lost its date format
            return EXCEL_EPOCH + dt.timedelta(days=int(number))
        raise CellError(_("“{v}” is not a date").format(v=text_of(value)))
    return _parse_text(to_halfwidth(str(value)).strip())


def _parse_text(text: str) -> dt.date:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise CellError(_("“{v}” is not a real date").format(v=text)) from None
    raise CellError(_("“{v}” is not a date; write it as 1945-03-02").format(v=text))


def parse_year_month(value: Cell) -> tuple[int, int] | dt.date:
    """A birth date as rosters give it: a full date, or only the year and month (出生年月 1945.03)."""
    if isinstance(value, str):
        text = to_halfwidth(value).strip()
        for pattern in _YEAR_MONTH:
            match = pattern.match(text)
            if match and 1 <= int(match.group(2)) <= 12:
                return (int(match.group(1)), int(match.group(2)))
    if isinstance(value, float) and not value.is_integer():  # 1945.03 typed into a number cell
        year, month = f"{value:.2f}".split(".")
        if 1 <= int(month) <= 12:
            return (int(year), int(month))
    if isinstance(value, int) and 100_000 <= value <= 999_912:
        return parse_year_month(str(value))
    return parse_date(value)


# ---- words ---------------------------------------------------------------------------------

_YES = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "农历", "阴历"})
_NO = frozenset({"否", "n", "no", "false", "0", "×", "✗", "无", "不是", "阳历", "公历", "新历"})


def parse_yes_no(value: Cell) -> bool:
    if isinstance(value, bool):
        return value
    text = to_halfwidth(text_of(value)).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(_("“{v}” is neither 是 nor 否").format(v=text_of(value)))


_GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE, "m": Gender.MALE, "f": Gender.FEMALE}


def parse_gender(value: Cell) -> Gender | None:
    """The gender a cell states, or None when it states none that is known (the ID decides anyway)."""
    text = to_halfwidth(text_of(value)).strip().lower()
    for gender in Gender:
        if text in (gender.value, gender.zh):
            return gender
    return _GENDERS.get(text[:1]) if text[:1] in ("男", "女") else _GENDERS.get(text)


_STATUS_WORDS = {
    "正常": Status.ACTIVE,
    "在档": Status.ACTIVE,
    "服务中": Status.ACTIVE,
    "迁出": Status.WITHDRAWN,
    "注销": Status.WITHDRAWN,
    "死亡": Status.DECEASED,
    "已故": Status.DECEASED,
    "亡故": Status.DECEASED,
    "已去世": Status.DECEASED,
}


def parse_status(value: Cell) -> Status:
    text = text_of(value).strip()
    for status in Status:
        if text in (status.zh, status.value):
            return status
    if text in _STATUS_WORDS:
        return _STATUS_WORDS[text]
    names = "、".join(s.zh for s in Status)
    raise CellError(_("“{v}” is not a status ({names})").format(v=text, names=names))


_CARE_LEVEL_WORDS = {"完好": CareLevel.INTACT, "轻度": CareLevel.MILD, "中度": CareLevel.MODERATE}
_CARE_LEVEL_WORDS |= {"重度": CareLevel.SEVERE, "完全": CareLevel.TOTAL, "完全失能（失智）": CareLevel.TOTAL}


def parse_care_level(value: Cell) -> CareLevel:
    text = text_of(value).strip()
    for level in CareLevel:
        if text in (level.zh, level.value):
            return level
    if text in _CARE_LEVEL_WORDS:
        return _CARE_LEVEL_WORDS[text]
    names = "、".join(c.zh for c in CareLevel)
    raise CellError(_("“{v}” is not a care level ({names})").format(v=text, names=names))


_LOCAL_WORDS = frozenset({"本地", "本市", "郑州", "郑州市", "本区", "本地户籍", "户籍在本市"})
_NONLOCAL_WORDS = frozenset({"外地", "外省", "外市", "非本地", "外地户籍", "非本市"})


def parse_residence(value: Cell) -> Residence:
    text = text_of(value).strip()
    if text in _LOCAL_WORDS or text == Residence.LOCAL.value:
        return Residence.LOCAL
    if text in _NONLOCAL_WORDS or text == Residence.NONLOCAL.value:
        return Residence.NONLOCAL
    raise CellError(_("“{v}” is neither 本地 nor 外地").format(v=text))


# ---- lists ---------------------------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"[/、,，;；\s]+")
_NAME_SEPARATORS = re.compile(r"[/、,，;；]+")


def split_phones(value: Cell) -> list[str]:
    """Several numbers in one cell, separated by / 、 , ， ; ； or spaces."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [text_of(value)]
    return [p for p in _LIST_SEPARATORS.split(to_halfwidth(text_of(value))) if p]


def split_names(value: Cell) -> list[str]:
    """Several contact names in one cell (spaces stay: they may sit inside a name)."""
    return [p.strip() for p in _NAME_SEPARATORS.split(text_of(value)) if p.strip()]


def parse_categories(value: Cell) -> tuple[list[Category], list[str]]:
    """The categories a cell lists (aliases such as 五保 → 特困 included) and the words that are none."""
    found: list[Category] = []
    unknown: list[str] = []
    for word in _LIST_SEPARATORS.split(text_of(value)):
        if not word:
            continue
        category = parse_category(word)
        if category is None:
            unknown.append(word)
        elif category not in found:
            found.append(category)
    return found, unknown


_DIET_WORDS: dict[str, DietFlag] = {
    "回民餐": DietFlag.HALAL,
    "清真餐": DietFlag.HALAL,
    "糖尿病": DietFlag.DIABETIC,
    "控糖": DietFlag.DIABETIC,
    "无糖": DietFlag.DIABETIC,
    "少盐": DietFlag.LOW_SALT,
    "低盐饮食": DietFlag.LOW_SALT,
    "软饭": DietFlag.SOFT,
}
_DIET_SPLIT = re.compile(r"([/、,，;；\s]+)")


def parse_diet(value: Cell) -> tuple[frozenset[DietFlag], str]:
    """The diet flags a cell names and the rest of it, kept as typed (清真、不吃辣 → 清真 + “不吃辣”)."""
    parts = _DIET_SPLIT.split(text_of(value))
    flags: set[DietFlag] = set()
    rest: list[str] = []
    for i in range(0, len(parts), 2):
        word, separator = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        flag = _diet_flag(word)
        if flag is not None:
            flags.add(flag)
        elif word:
            rest.extend((word, separator))
    return frozenset(flags), "".join(rest).strip(" /、,，;；")


def _diet_flag(word: str) -> DietFlag | None:
    for flag in DietFlag:
        if word in (flag.zh, flag.value):
            return flag
    return _DIET_WORDS.get(word)


_RELATION = re.compile(r"^(.+?)\s*[（(]\s*(.*?)\s*[)）]$")


def split_contact(text: str) -> tuple[str, str]:
    """``张三（儿子）`` → (张三, 儿子); a name alone has no relation."""
    match = _RELATION.match(text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")


# ---- lunar month and day -------------------------------------------------------------------

_CN_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MONTHS |= {"十": 10, "十一": 11, "冬": 11, "十二": 12, "腊": 12}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LUNAR_NUMERIC = re.compile(r"^(闰)?\s*(\d{1,2})\s*(?:[-./]|月)\s*(\d{1,2})\s*[日号]?$")
_LUNAR_WORDS = re.compile(r"^(闰)?(正|一|二|三|四|五|六|七|八|九|十|十一|十二|冬|腊)月(.+)$")


def parse_lunar(value: Cell) -> LunarBirth:
    """A lunar month and day: 09-19, 闰04-15, 9月19日, 九月十九, 闰四月十五, 腊月初八."""
    text = to_halfwidth(text_of(value)).replace(" ", "")
    text = text.removeprefix("农历")
    match = _LUNAR_NUMERIC.match(text)
    if match:
        birth = LunarBirth(int(match.group(2)), int(match.group(3)), bool(match.group(1)))
    else:
        words = _LUNAR_WORDS.match(text)
        day = _cn_day(words.group(3)) if words else None
        if words is None or day is None:
            raise CellError(_("“{v}” is not a lunar month and day; write it as 09-19 or 闰04-15").format(v=text))
        birth = LunarBirth(_CN_MONTHS[words.group(2)], day, bool(words.group(1)))
    reason = birth.validate()
    if reason:
        raise CellError(reason)
    return birth


def _cn_day(text: str) -> int | None:
    text = text.removesuffix("日")
    if text.startswith("初") and len(text) == 2:
        return 10 if text[1] == "十" else _CN_DIGITS.get(text[1])
    tens = {"十": 10, "廿": 20, "二十": 20, "三十": 30, "卅": 30}
    if text in tens:
        return tens[text]
    for prefix, base in (("二十", 20), ("十", 10), ("廿", 20)):
        rest = text.removeprefix(prefix)
        if rest != text and rest in _CN_DIGITS:
            return base + _CN_DIGITS[rest]
    return None
