"""Is an SQLite file on a network share? Several PCs sharing one such file corrupt it.

SQLite's locking does not work reliably over SMB/CIFS or NFS: two desks opening
``\\\\server\\share\\carecenter.db`` (or the same file through a mapped drive or a mounted share)
will sooner or later damage it. The app refuses such a path and points to a PostgreSQL
server instead. Recognised: Windows UNC paths and mapped network drives, and, on Linux, files
on an NFS, SMB/CIFS, SSHFS, WebDAV or other network mount (read from ``/proc/mounts``). Where
the platform cannot tell (macOS), nothing is refused.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

# Linux filesystem types that live on another machine.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "fuse.sshfs",
        "davfs",
    }
)
MOUNTS = Path("/proc/mounts")


def network_share(path: Path | str) -> str | None:
    """What kind of network share ``path`` is on (e.g. "\\\\nas\\office", "cifs"), or None when it is local or unknown."""
    text = str(path)
    if text.startswith(("\\\\", "//")) and (sys.platform == "win32" or text.startswith("\\\\")):
        parts = PureWindowsPath(text).drive or text
        return parts
    if sys.platform == "win32":
        return _windows_remote_drive(text)
    if MOUNTS.is_file():
        return _mounted_share(Path(text))
    return None


def _windows_remote_drive(text: str) -> str | None:
    import ctypes

    drive = PureWindowsPath(os.path.abspath(text)).drive
    if not drive:
        return None
    drive_remote = 4  # GetDriveTypeW: DRIVE_REMOTE
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return drive if kernel32.GetDriveTypeW(drive + "\\") == drive_remote else None


def _mounted_share(path: Path) -> str | None:
    """The network filesystem type of the mount holding ``path`` (its nearest existing folder)."""
    try:
        lines = MOUNTS.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    where = path.absolute()
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        where = where.resolve()
    except OSError:
        return None
    best, kind = "", ""
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = fields[1].replace("\\040", " ")
        inside = where == Path(mount) or Path(mount) in where.parents
        if inside and len(mount) >= len(best):
            best, kind = mount, fields[2]
    return kind if kind in NETWORK_FILESYSTEMS else None
