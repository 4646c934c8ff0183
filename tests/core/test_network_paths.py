"""An SQLite file on a network share is refused before anything is written: several desks would corrupt it."""

from __future__ import annotations

from pathlib import Path

import pytest

from carecenter.db import network_paths
from carecenter.errors import DatabaseOpenError
from carecenter.facade import CareCenter


def fake_mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "tmpfs /tmp tmpfs rw 0 0\n"
        f"//nas/office {str(share).replace(' ', chr(92) + '040')} cifs rw,vers=3.0 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(network_paths, "MOUNTS", mounts)


def test_a_file_on_a_mounted_windows_share_is_refused_and_nothing_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "office share"
    share.mkdir()
    fake_mounts(tmp_path, monkeypatch, share)
    target = share / "carecenter" / "carecenter.db"
    assert network_paths.network_share(target) == "cifs"
    with pytest.raises(DatabaseOpenError) as refused:
        CareCenter.open(str(target))
    message = str(refused.value)
    assert str(target) in message and "网络共享（cifs）" in message and "PostgreSQL" in message
    assert not (share / "carecenter").exists()


def test_a_local_file_next_to_a_share_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    share.mkdir()
    fake_mounts(tmp_path, monkeypatch, share)
    local = tmp_path / "shared-not" / "carecenter.db"  # a name that starts like the share's, but is not inside it
    assert network_paths.network_share(local) is None
    CareCenter.open(str(local)).close()
    assert local.is_file()


def test_a_unc_path_is_a_share_whatever_the_platform_says() -> None:
    assert network_paths.network_share("\\\\nas\\office\\carecenter.db") == "\\\\nas\\office"
