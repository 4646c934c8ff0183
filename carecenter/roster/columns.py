"""The roster's columns: the canonical layout the export writes, and the names people give them.

Rosters kept by hand name the same column a dozen ways (身份证号码, 公民身份号码,
身份证 …) and decorate headers with stars, line breaks and hints in brackets
("身份证号（18位）*"). ``match_header`` undoes the decoration and maps a header cell
to a column key; the canonical names are the export's headers, so an exported
roster is always read back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from carecenter.domain.text import to_halfwidth
from carecenter.i18n import N_, _


@dataclass(frozen=True)
class Column:
    """One canonical column: ``header`` is the file format (Chinese whatever the UI language), ``msgid`` its UI name."""

    key: str
    header: str
    msgid: str
    variants: tuple[str, ...] = ()
    width: int = 12  # the export's column width, in characters

    @property
    def label(self) -> str:
        return _(self.msgid)


# The canonical roster, in the export's order.
CANONICAL: tuple[Column, ...] = (
    Column("member_no", "会员号", N_("Member no."), ("会员编号", "会员卡号", "卡号"), 10),
    Column("name", "姓名", N_("Name"), ("老人姓名", "姓名", "服务对象姓名", "服务对象", "名字"), 10),
    Column(
        "id_number",
        "身份证号",
        N_("ID number"),
        ("身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码"),
        21,
    ),
    Column("gender", "性别", N_("Gender"), ("性别",), 6),
    Column("birth_date", "出生日期", N_("Birth date"), ("出生年月", "生日", "出生年月日", "出生时间"), 12),
    Column(
        "phones",
        "联系电话",
        N_("Phone"),
        ("电话", "手机", "联系方式", "手机号", "手机号码", "电话号码", "本人电话"),
        26,
    ),
    Column("address", "住址", N_("Address"), ("家庭住址", "现住址", "地址", "居住地址", "家庭地址", "现居住地址"), 30),
    Column("community", "所属社区", N_("Community"), ("社区", "社区名称", "所在社区", "居委会"), 14),
    Column("residence", "户籍", N_("Household registration"), ("户籍类型", "户口", "户籍性质", "户籍所在地"), 8),
    Column(
        "categories",
        "人员类别",
        N_("Categories"),
        ("类别", "人员属性", "老人类别", "对象类别", "特殊群体", "人员类型"),
        18,
    ),
    Column("care_level", "照护等级", N_("Care level"), ("护理等级", "失能等级", "能力等级", "评估等级"), 10),
    Column("lunar_birthday", "农历生日", N_("Lunar birthday"), ("过农历生日",), 10),
    Column("lunar_birth", "农历生日日期", N_("Lunar birth date"), ("农历生日月日", "农历出生日期"), 14),
    Column("diet", "饮食禁忌", N_("Dietary restrictions"), ("饮食要求", "忌口", "饮食"), 18),
    Column("contact_name", "紧急联系人", N_("Emergency contact"), ("监护人", "紧急联系人姓名", "联系人"), 16),
    Column(
        "contact_phone",
        "紧急联系电话",
        N_("Emergency phone"),
        ("紧急联系人电话", "监护人电话", "联系人电话", "紧急电话"),
        16,
    ),
    Column("status", "状态", N_("Status"), ("人员状态", "在册状态"), 8),
    Column("status_date", "状态日期", N_("Status date"), ("状态变更日期",), 12),
    Column(
        "registered_on",
        "登记日期",
        N_("Registration date"),
        ("入册日期", "建档日期", "登记时间", "入册时间", "建档时间"),
        12,
    ),
    Column("notes", "备注", N_("Notes"), ("说明",), 30),
)

BY_KEY: dict[str, Column] = {c.key: c for c in CANONICAL}

# The first columns of a ``.errors.xlsx`` file (row number, code, reason), before the roster's own.
ERRORS_FILE_COLUMNS = ("行号", "代码", "原因")

# Columns rosters often carry that the app derives or does not need: recognised, read, not reported.
IGNORED: frozenset[str] = frozenset({"序号", "编号", "年龄", "周岁", "实际年龄", *ERRORS_FILE_COLUMNS})

# Headers that are not exact names but say plainly what they hold; the first matching rule wins.
_CONTAINS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("紧急", "电话"), "contact_phone"),
    (("监护人", "电话"), "contact_phone"),
    (("联系人", "电话"), "contact_phone"),
    (("身份证",), "id_number"),
    (("紧急联系人",), "contact_name"),
    (("监护人",), "contact_name"),
    (("姓名",), "name"),
    (("电话",), "phones"),
    (("手机",), "phones"),
    (("住址",), "address"),
    (("社区",), "community"),
    (("出生",), "birth_date"),
    (("类别",), "categories"),
    (("农历", "日期"), "lunar_birth"),
    (("登记", "日期"), "registered_on"),
)

_BRACKETS = re.compile(r"\([^)]*\)|（[^）]*）|\[[^\]]*\]|【[^】]*】")
_DECORATION = re.compile(r"[\s*＊:：※★]")


def normalize_header(text: str) -> str:
    """A header cell without stars, colons, spaces, line breaks or bracketed hints."""
    text = to_halfwidth(text)
    text = _BRACKETS.sub("", text)
    return _DECORATION.sub("", text)


def _exact_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for column in CANONICAL:
        for name in (column.header, *column.variants):
            names.setdefault(normalize_header(name), column.key)
    return names


def match_header(text: str) -> str | None:
    """The column key a header cell names, ``""`` for a known column the import skips, None if unknown."""
    name = normalize_header(text)
    if not name:
        return None
    if name in IGNORED:
        return ""
    exact = _exact_names().get(name)
    if exact is not None:
        return exact
    for needles, key in _CONTAINS:
        if all(n in name for n in needles):
            return key
    return None
