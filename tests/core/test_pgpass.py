"""The libpq password file: where it is, how a line is written, what saving a password changes and keeps."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from carecenter.db import pgpass
from carecenter.db.pgpass import Entry

SERVER = Entry("192.168.1.10", "5432", "carecenter", "desk")


def test_the_file_is_pgpassfile_else_appdata_on_windows_else_home(tmp_path: Path) -> None:
    explicit = tmp_path / "my.pgpass"
    assert pgpass.default_path({"PGPASSFILE": str(explicit)}, "linux") == explicit
    assert pgpass.default_path({"PGPASSFILE": str(explicit)}, "win32") == explicit
    appdata = tmp_path / "Roaming"
    assert pgpass.default_path({"APPDATA": str(appdata)}, "win32") == appdata / "postgresql" / "pgpass.conf"
    assert pgpass.default_path({}, "linux") == Path.home() / ".pgpass"
    assert pgpass.default_path({"PGPASSFILE": ""}, "darwin") == Path.home() / ".pgpass"


def test_the_real_default_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "env.pgpass"))
    assert pgpass.default_path() == tmp_path / "env.pgpass"
    written = pgpass.store(SERVER, "s3cret")
    assert written == tmp_path / "env.pgpass"
    assert written.read_text(encoding="utf-8") == "192.168.1.10:5432:carecenter:desk:s3cret\n"


def test_colons_and_backslashes_are_escaped_as_libpq_documents(tmp_path: Path) -> None:
    target = tmp_path / "pgpass"
    entry = Entry("fe80::1", "5432", "care\\center", "desk")
    pgpass.store(entry, "a:b\\c", target)
    assert target.read_text(encoding="utf-8") == "fe80\\:\\:1:5432:care\\\\center:desk:a\\:b\\\\c\n"
    assert pgpass.split_line("fe80\\:\\:1:5432:care\\\\center:desk:a\\:b\\\\c") == [
        "fe80::1",
        "5432",
        "care\\center",
        "desk",
        "a:b\\c",
    ]
    assert pgpass.lookup(entry, target) == "a:b\\c"


def test_saving_again_replaces_the_line_and_keeps_every_other_line(tmp_path: Path) -> None:
    target = tmp_path / "pgpass"
    target.write_text(
        "# other programs keep their passwords here too\n"
        "db.example:5432:accounting:clerk:ledger\n"
        "192.168.1.10:5432:carecenter:desk:old\n"
        "192.168.1.10:5432:carecenter:report:viewer\n",
        encoding="utf-8",
    )
    pgpass.store(SERVER, "new", target)
    assert target.read_text(encoding="utf-8") == (
        "# other programs keep their passwords here too\n"
        "db.example:5432:accounting:clerk:ledger\n"
        "192.168.1.10:5432:carecenter:desk:new\n"
        "192.168.1.10:5432:carecenter:report:viewer\n"
    )
    assert pgpass.lookup(SERVER, target) == "new"


def test_a_new_line_goes_before_a_wildcard_line_that_would_win(tmp_path: Path) -> None:
    target = tmp_path / "pgpass"
    target.write_text("*:*:*:desk:everywhere\nlocalhost:5432:*:postgres:local\n", encoding="utf-8")
    pgpass.store(SERVER, "mine", target)
    assert target.read_text(encoding="utf-8").splitlines() == [
        "192.168.1.10:5432:carecenter:desk:mine",
        "*:*:*:desk:everywhere",
        "localhost:5432:*:postgres:local",
    ]
    assert pgpass.lookup(SERVER, target) == "mine"
    other = Entry("192.168.1.11", "5432", "x", "desk")
    assert pgpass.lookup(other, target) == "everywhere"


def test_a_new_file_and_its_folder_are_created_for_the_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "Roaming" / "postgresql" / "pgpass.conf"
    pgpass.store(SERVER, "s3cret", target)
    assert target.read_text(encoding="utf-8") == "192.168.1.10:5432:carecenter:desk:s3cret\n"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_readable_file_becomes_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "pgpass"
    target.write_text("db.example:5432:a:b:c\n", encoding="utf-8")
    target.chmod(0o644)  # libpq would ignore the file like this
    pgpass.store(SERVER, "s3cret", target)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").splitlines()[0] == "db.example:5432:a:b:c"


def test_a_line_break_in_a_field_is_refused_and_the_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "pgpass"
    target.write_text("db.example:5432:a:b:c\n", encoding="utf-8")
    with pytest.raises(ValueError):
        pgpass.store(SERVER, "two\nlines", target)
    assert target.read_text(encoding="utf-8") == "db.example:5432:a:b:c\n"
