"""The one translation mechanism for the UI, the CLI and printed reports.

Source strings are English and wrapped in ``_()``; catalogs are gettext ``.po``
files in ``resources/i18n/<lang>.po`` (editable with Poedit or any PO tool).
Simplified Chinese is the default language. ``N_()`` marks a string for the
catalog where it is defined and translated later, e.g. vocabulary labels.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from carecenter.bundled import resource

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}

_process_language = DEFAULT_LANGUAGE


@cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> msgstr for one language; English is the source and has no catalog.

    Parsing the .po file takes a fifth of a second, at every start, before the first window
    can show. So the parsed catalog is kept in the cache folder as JSON, under a name made
    from the .po file's content: a changed catalog is parsed again, an unchanged one loads in
    a few milliseconds. A cache that cannot be read or written only costs the parse.
    """
    if language == "en":
        return {}
    data = resource("i18n", f"{language}.po").read_bytes()
    compiled = _compiled_path(language, data)
    try:
        found: dict[str, str] = json.loads(compiled.read_text(encoding="utf-8"))
        return found
    except (OSError, ValueError):
        pass
    parsed = _parse(data.decode("utf-8"))
    _write_quietly(compiled, json.dumps(parsed, ensure_ascii=False))
    return parsed


def _parse(text: str) -> dict[str, str]:
    import polib

    po = polib.pofile(text)
    return {e.msgid: e.msgstr for e in po if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}


def _compiled_path(language: str, data: bytes) -> Path:
    from carecenter import paths

    return paths.cache_dir() / "i18n" / f"{language}-{hashlib.blake2b(data, digest_size=12).hexdigest()}.json"


def _write_quietly(path: Path, text: str) -> None:
    """Write atomically (a second process starting at the same moment never reads half a file), or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        pass


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
