"""Keeps the catalogs complete: finds every ``_()``/``N_()`` string in the sources.

``python -m carecenter.i18n_check`` lists msgids without a Chinese translation
(exit 1 if any); ``--update`` adds them to the .po file with an empty msgstr for
a translator to fill, and marks msgids no longer used as obsolete. It reads
source files as text; it imports nothing from ``ui``.
"""

from __future__ import annotations

import argparse
import ast
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("carecenter", "ui")
MARKERS = {"_", "N_"}


@dataclass
class Extraction:
    messages: dict[str, list[str]] = field(default_factory=dict)  # msgid -> "file:line" places
    problems: list[str] = field(default_factory=list)  # calls whose argument is not a plain literal


def extract(root: Path = ROOT) -> Extraction:
    result = Extraction()
    for folder in SOURCE_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            rel = path.relative_to(root)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                    continue
                place = f"{rel}:{node.lineno}"
                arg = node.args[0] if node.args else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    result.messages.setdefault(arg.value, []).append(place)
                elif isinstance(arg, ast.JoinedStr | ast.BinOp) or (
                    isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format"
                ):
                    # Text built before translation can never match a catalog entry.
                    result.problems.append(f"{place}: {node.func.id}() of built text; format after translating")
    return result


def po_path(language: str, root: Path = ROOT) -> Path:
    return root / "resources" / "i18n" / f"{language}.po"


def untranslated(language: str = "zh_CN", root: Path = ROOT) -> list[tuple[str, list[str]]]:
    po = polib.pofile(str(po_path(language, root)))
    done = {e.msgid for e in po if e.msgstr.strip() and not e.obsolete and "fuzzy" not in e.flags}
    found = extract(root).messages
    return [(m, places) for m, places in sorted(found.items()) if m not in done]


def update(language: str = "zh_CN", root: Path = ROOT) -> int:
    """Add new msgids (empty msgstr) and obsolete the unused; returns how many were added."""
    path = po_path(language, root)
    po = polib.pofile(str(path), wrapwidth=0)
    found = extract(root).messages
    known = {e.msgid: e for e in po}
    added = 0
    for msgid, places in sorted(found.items()):
        entry = known.get(msgid)
        occurrences = [(p.rsplit(":", 1)[0], p.rsplit(":", 1)[1]) for p in places]
        if entry is None:
            po.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=occurrences))
            added += 1
        else:
            entry.occurrences = occurrences
            entry.obsolete = False
    for entry in po:
        if entry.msgid not in found:
            entry.obsolete = True
    po.save(str(path))
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check (and update) the translation catalogs.")
    parser.add_argument("--update", action="store_true", help="add new msgids to the .po file")
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args(argv)
    if args.update:
        print(f"added {update(args.language)} new msgid(s) to {po_path(args.language)}")
    problems = extract().problems
    missing = untranslated(args.language)
    for line in problems:
        print(line)
    for msgid, places in missing:
        print(f"untranslated: {msgid!r} ({places[0]})")
    print(f"{len(missing)} untranslated, {len(problems)} problem(s)")
    return 1 if missing or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
