"""This PC's own preferences (UI language, last center shown, second backup place, print font, database), kept in a small JSON file.

Pure Python, no Qt: the file lives in the platform's user config folder
(``carecenter.paths.config_dir()``). Reading never fails: a missing, unreadable
or corrupt file gives the defaults, because a broken preferences file must not
stop the front desk from opening the app. Writing replaces the file atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from carecenter import paths
from carecenter.db.choice import strip_saved
from carecenter.i18n import DEFAULT_LANGUAGE, LANGUAGES

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    """What this PC remembers between starts."""

    language: str = DEFAULT_LANGUAGE
    last_center_code: str = ""
    # A folder on a USB drive or network share where the daily backup is mirrored ("" = none).
    # Per PC: the drive letter or mount point of the same USB stick differs from PC to PC.
    backup_second_destination: str = ""
    # The font file printouts embed ("" = the Chinese font found on this PC). Per PC: font files live
    # in different places on different PCs.
    report_font: str = ""
    # The database this PC works on ("" = the SQLite file in the user data folder): an SQLite path or a
    # server address WITHOUT password (the password is in the libpq password file). --db and
    # CARECENTER_DB still win over it (carecenter.db.choice).
    database: str = ""

    def with_language(self, language: str) -> Settings:
        return replace(self, language=language if language in LANGUAGES else DEFAULT_LANGUAGE)

    def with_center(self, code: str) -> Settings:
        return replace(self, last_center_code=code)

    def with_second_destination(self, folder: str) -> Settings:
        return replace(self, backup_second_destination=folder.strip())

    def with_report_font(self, path: str) -> Settings:
        return replace(self, report_font=path.strip())

    def with_database(self, value: str) -> Settings:
        """Keep ``value`` without any password it may carry."""
        return replace(self, database=strip_saved(value))


def default_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults for anything missing or unreadable."""
    target = path or default_path()
    try:
        raw: Any = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    language = raw.get("language")
    code = raw.get("last_center_code")
    second = raw.get("backup_second_destination")  # absent in files written before it existed
    font = raw.get("report_font")  # likewise
    database = raw.get("database")  # likewise
    return Settings(
        language=language if isinstance(language, str) and language in LANGUAGES else DEFAULT_LANGUAGE,
        last_center_code=code if isinstance(code, str) else "",
        backup_second_destination=second.strip() if isinstance(second, str) else "",
        report_font=font.strip() if isinstance(font, str) else "",
        database=strip_saved(database) if isinstance(database, str) else "",
    )


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings``; a crash mid-write leaves the previous file intact."""
    target = path or default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    clean = settings.with_database(settings.database)  # a password never reaches the file
    text = json.dumps(asdict(clean), ensure_ascii=False, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
