"""The one translation mechanism for the UI, the CLI and printed reports.

Source strings are English and wrapped in ``_()``; catalogs are gettext ``.po``
files in ``resources/i18n/<lang>.po`` (editable with Poedit or any PO tool).
Simplified Chinese is the default language. ``N_()`` marks a string for the
catalog where it is defined and translated later, e.g. vocabulary labels.
"""

from __future__ import annotations

from functools import cache

import polib

from carecenter.bundled import resource

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}

_process_language = DEFAULT_LANGUAGE


@cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> msgstr for one language; English is the source and has no catalog."""
    if language == "en":
        return {}
    text = resource("i18n", f"{language}.po").read_text(encoding="utf-8")
    po = polib.pofile(text)
    return {e.msgid: e.msgstr for e in po if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}


def set_language(language: str) -> None:
    """Switch the whole process (UI start-up, CLI); unknown codes fall back to Chinese."""
    global _process_language
    _process_language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _process_language


def translate(message: str, language: str) -> str:
    return catalog(language).get(message, message)


def _(message: str) -> str:
    return translate(message, current_language())


def N_(message: str) -> str:
    """Marks ``message`` for extraction without translating it now."""
    return message


def zh(message: str) -> str:
    """The Chinese form whatever the UI language: for data 民政 and scripts expect in Chinese."""
    return translate(message, "zh_CN")
