"""One translation mechanism: every user-visible string has Chinese, and Qt text goes through it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from carecenter import i18n
from carecenter.domain.vocab import Category, Status
from carecenter.i18n_check import ROOT, extract, untranslated

# Qt calls and constructors whose string argument is shown to the user.
TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setPlaceholderText",
    "setToolTip",
    "setStatusTip",
    "addItem",
    "addTab",
    "setTitle",
    "showMessage",
    "setHorizontalHeaderLabels",
    "setLabelText",
    "addRow",
    "setInformativeText",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "addAction",
    "QMenu",
    "addMenu",
    "information",
    "warning",
    "critical",
    "question",
    "setWhatsThis",
}


def test_every_message_has_a_chinese_translation() -> None:
    missing = untranslated("zh_CN")
    assert missing == [], "untranslated: " + "; ".join(f"{m!r} at {p[0]}" for m, p in missing)


def test_no_message_is_built_before_translation() -> None:
    assert extract().problems == []


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(c.isalpha() for c in node.value):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        text = "".join(parts)
        return text if any(c.isalpha() for c in text) else None
    return None


def test_ui_passes_no_untranslated_literal_to_qt() -> None:
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in TEXT_CALLS:
                continue
            for arg in node.args:
                text = _literal_text(arg)
                if text is not None:
                    offenders.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}: {text!r}")
    assert offenders == []


def test_labels_follow_the_language_but_zh_terms_do_not() -> None:
    i18n.set_language("en")
    assert Status.PAUSED.label == "Paused"
    assert Category.TEKUN.label == "Extreme poverty support"
    assert Status.PAUSED.zh == "暂停" and Category.TEKUN.zh == "特困"
    i18n.set_language("zh_CN")
    assert Status.PAUSED.label == "暂停"
    assert Category.TEKUN.label == "特困"


def test_the_catalog_is_parsed_once_then_read_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    i18n.catalog.cache_clear()
    try:
        parsed = i18n.catalog("zh_CN")
        assert parsed["Save"] == "保存"
        (compiled,) = (tmp_path / "CareCenter" / "i18n").glob("zh_CN-*.json")
        assert json.loads(compiled.read_text(encoding="utf-8")) == parsed

        compiled.write_text('{"Save": "broken', encoding="utf-8")  # a half-written file from a crash
        i18n.catalog.cache_clear()
        assert i18n.catalog("zh_CN") == parsed  # parsed again, and the cache put right
        assert json.loads(compiled.read_text(encoding="utf-8")) == parsed

        blocked = tmp_path / "not-a-folder"
        blocked.write_text("", encoding="utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a cache folder that cannot be made
        i18n.catalog.cache_clear()
        assert i18n.catalog("zh_CN") == parsed
    finally:
        i18n.catalog.cache_clear()
