"""Where CareCenter keeps its files on this PC (per platform conventions)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "CareCenter"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files CareCenter can always make again (the compiled translations, the benchmark's district)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "carecenter.db"


def backup_dir_for(database: Path) -> Path:
    """Backups sit next to the database so they travel with it (and with its disk)."""
    return database.parent / "backups"
