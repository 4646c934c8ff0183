"""System check that runs before any Qt GUI module is imported.

PySide6's wheels bring Qt itself but not the Linux system libraries Qt links
(xcb, xkbcommon, EGL, fontconfig, ...) nor a font that has Chinese glyphs. When
one is missing, Qt either aborts with "could not load the Qt platform plugin
'xcb'" — naming the wrong library (design.md) — or, for fonts, silently draws
every Chinese label as boxes. This module finds what is missing with ``ldd`` and
``fc-list``, maps each missing file to the Debian/Ubuntu package that provides
it, and then either installs those packages (when running as root and asked to)
or prints the exact ``sudo apt-get install`` line in Chinese and English and
exits with status 3.

Callers: ``make run/demo/test/screenshots`` run ``python -m ui.preflight
--install``; :func:`ui.app.main` calls :func:`check_or_explain` first thing.

Rules: this module must never import ``PySide6.QtGui``/``QtWidgets`` (that is
exactly the import that crashes); it only locates the PySide6 folder with
:func:`importlib.util.find_spec`, which does not load the package. It is a no-op
on Windows and macOS, whose PySide6 wheels are self-contained.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from carecenter.i18n import N_, _, current_language, set_language, translate
from ui import settings_store

EXIT_MISSING = 3
"""Exit status when the machine lacks something Qt needs (distinct from 1/2 of the CLI)."""

CJK_FONT_PACKAGE = "fonts-wqy-zenhei"
"""TrueType CJK font with Latin and digits: Qt draws with it and ReportLab can embed it."""

# Library file -> Debian/Ubuntu package (same names on Debian 12 and Ubuntu 22.04+).
LIBRARY_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpng16.so.16": "libpng16-16",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

WHY_GUI_LIBRARY = N_("Qt needs this system library to draw anything.")
WHY_PLATFORM_LIBRARY = N_("Qt needs this system library to open windows on this screen.")
WHY_CJK_FONT = N_(
    "No Chinese font is installed: every Chinese label would show as empty boxes,"
    " and printed reports need a TrueType Chinese font."
)
WHY_NO_SCREEN = N_(
    "No screen was found (DISPLAY is not set). Start CareCenter from a desktop session;"
    " tests and screenshots run with QT_QPA_PLATFORM=offscreen."
)
WHY_NO_PYSIDE = N_("PySide6 is not installed in this Python environment: run 'make run'.")

_CJK_FILE_HINTS = re.compile(r"wqy|cjk|sourcehan|droidsansfallback|uming|ukai|msyh|simsun|simhei|sarasa", re.IGNORECASE)
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


@dataclass(frozen=True)
class Problem:
    """One thing missing on this machine.

    ``what`` is a library file name (``libxcb-cursor.so.0``) or a plain label;
    ``package`` is the Debian/Ubuntu package that fixes it, or None when no
    package does (no screen) or the package could not be determined; ``why`` is
    an English msgid, translated when the problem is shown; ``hint`` is a command
    that finds the package when ``package`` is unknown.
    """

    what: str
    package: str | None
    why: str
    hint: str = ""


class Runner(Protocol):
    """Runs a command; returns (exit status, stdout). Injected by tests."""

    def __call__(self, argv: Sequence[str], *, capture: bool = True) -> tuple[int, str]: ...


def run_command(argv: Sequence[str], *, capture: bool = True) -> tuple[int, str]:
    """The real runner: a missing program is exit status 127, like a shell."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            list(argv),
            capture_output=capture,
            text=True,
            env=env,
            check=False,
            timeout=60 if capture else None,
        )
    except FileNotFoundError:
        return 127, ""
    except subprocess.TimeoutExpired:
        return 124, ""
    return done.returncode, done.stdout if capture else ""


# ---------------------------------------------------------------- detection


def current_platform(env: Mapping[str, str] | None = None) -> str:
    """The Qt platform plugin the app will load: QT_QPA_PLATFORM's first entry if set,
    Wayland on a Wayland-only session, otherwise xcb (Qt's default on Linux)."""
    env = os.environ if env is None else env
    explicit = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if explicit:
        return explicit
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return "wayland"
    return "xcb"


def qt_dir() -> Path | None:
    """PySide6's bundled Qt folder, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def missing_libraries(ldd_output: str) -> list[str]:
    """Names that ``ldd`` reports as ``name => not found``, in order, without repeats."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        name, sep, rest = line.strip().partition("=>")
        name = name.strip()
        if sep and rest.strip() == "not found" and name not in found:
            found.append(name)
    return found


def guess_package(library: str) -> str:
    """Debian's library package naming (policy 8.1): libfoo-bar.so.2 -> libfoo-bar2,
    libfoo-x11.so.0 -> libfoo-x11-0 (a hyphen when the name already ends in a digit)."""
    stem, _sep, soversion = library.partition(".so.")
    stem = stem.lower()
    soversion = soversion.split(".")[0]
    joiner = "-" if stem[-1:].isdigit() else ""
    return f"{stem}{joiner}{soversion}"


def package_for(library: str, runner: Runner = run_command) -> str | None:
    """The package that provides ``library``: the table, then apt-file, then the
    naming rule if apt knows such a package; None if nothing fits."""
    if library in LIBRARY_PACKAGES:
        return LIBRARY_PACKAGES[library]
    status, out = runner(["apt-file", "search", "--package-only", "--regexp", f"/{re.escape(library)}$"])
    if status == 0 and out.strip():
        return out.split()[0].split(":")[0]
    guess = guess_package(library)
    status, out = runner(["apt-cache", "show", "--no-all-versions", guess])
    if status == 0 and out.strip():
        return guess
    return None


def _library_problems(platform: str, runner: Runner) -> list[Problem]:
    qt = qt_dir()
    if qt is None:
        return [Problem("PySide6", None, WHY_NO_PYSIDE)]
    targets = [
        (qt / "lib" / "libQt6Gui.so.6", WHY_GUI_LIBRARY),
        (qt / "lib" / "libQt6Widgets.so.6", WHY_GUI_LIBRARY),
        (qt / "plugins" / "platforms" / f"libq{platform}.so", WHY_PLATFORM_LIBRARY),
    ]
    problems: list[Problem] = []
    seen: set[str] = set()
    for path, why in targets:
        if not path.exists():
            continue
        status, out = runner(["ldd", str(path)])
        if status == 127:  # no ldd (not glibc): nothing we can tell
            return []
        for library in missing_libraries(out):
            if library not in seen:
                seen.add(library)
                package = package_for(library, runner)
                hint = "" if package else f"apt-file search {library}"
                problems.append(Problem(library, package, why, hint))
    return problems


def _has_cjk_font(runner: Runner) -> bool:
    status, out = runner(["fc-list", ":lang=zh", "family"])
    if status != 127:
        return bool(out.strip())
    # No fontconfig tools: look for well-known CJK font files instead.
    for folder in _FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir() and any(
            _CJK_FILE_HINTS.search(p.name)
            for p in root.rglob("*")
            if p.suffix.lower() in {".ttc", ".ttf", ".otf", ".otc"}
        ):
            return True
    return False


def check(
    platform: str,
    *,
    runner: Runner = run_command,
    env: Mapping[str, str] | None = None,
    system: str = sys.platform,
) -> list[Problem]:
    """Everything missing for Qt widgets on ``platform`` (xcb, wayland, offscreen, ...)."""
    if not system.startswith("linux"):
        return []
    env = os.environ if env is None else env
    problems = _library_problems(platform, runner)
    if not _has_cjk_font(runner):
        problems.append(Problem(N_("Chinese font"), CJK_FONT_PACKAGE, WHY_CJK_FONT))
    if platform == "xcb" and not env.get("DISPLAY"):
        problems.append(Problem("DISPLAY", None, WHY_NO_SCREEN))
    return problems


# ---------------------------------------------------------------- fixing


def packages_of(problems: Iterable[Problem]) -> list[str]:
    """Distinct packages to install, in the order the problems were found."""
    return list(dict.fromkeys(p.package for p in problems if p.package))


def install_command(problems: Iterable[Problem]) -> str:
    """The line to paste into a terminal, or "" if no package would help."""
    packages = packages_of(problems)
    return f"sudo apt-get install -y {' '.join(packages)}" if packages else ""


def _apt_lists_present(lists_dir: Path = Path("/var/lib/apt/lists")) -> bool:
    return lists_dir.is_dir() and any(lists_dir.glob("*_Packages*"))


def install(packages: Sequence[str], runner: Runner = run_command) -> bool:
    """apt-get install as root; refreshes the package lists when they are missing or
    when the first attempt fails (a fresh machine or container has none)."""
    if not packages:
        return True
    argv = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if not _apt_lists_present():
        runner(["apt-get", "update"], capture=False)
    status, _out = runner(argv, capture=False)
    if status == 0:
        return True
    runner(["apt-get", "update"], capture=False)
    status, _out = runner(argv, capture=False)
    return status == 0


def can_install() -> bool:
    """Root with apt-get: the case where installing is ours to do."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0 and shutil.which("apt-get") is not None


def explain(problems: Sequence[Problem], language: str | None = None) -> str:
    """The message shown instead of Qt's plugin error: in the UI language, then in
    English if that was not English, then the literal command to run."""
    language = current_language() if language is None else language
    blocks = [_explain_in(problems, language)]
    if language != "en":
        blocks.append(_explain_in(problems, "en"))
    command = install_command(problems)
    if command:
        blocks.append("    " + command)
    return "\n\n".join(blocks) + "\n"


def _explain_in(problems: Sequence[Problem], language: str) -> str:
    def t(message: str) -> str:
        return translate(message, language)

    lines = [t(N_("CareCenter cannot start: this computer is missing something Qt needs."))]
    for problem in problems:
        what = t(problem.what)
        if problem.package:
            lines.append(
                "  - "
                + t(N_("{what} (package {package}): {why}")).format(
                    what=what, package=problem.package, why=t(problem.why)
                )
            )
        elif problem.hint:
            lines.append(
                "  - "
                + t(N_("{what}: {why} Find the package that provides it with: {hint}")).format(
                    what=what, why=t(problem.why), hint=problem.hint
                )
            )
        else:
            lines.append("  - " + t(N_("{what}: {why}")).format(what=what, why=t(problem.why)))
    if packages_of(problems):
        lines.append(t(N_("Install the missing packages as administrator, then start again:")))
    return "\n".join(lines)


def check_or_explain(install_if_root: bool = False) -> None:
    """Return quietly when Qt can start; otherwise fix it (root + ``install_if_root``)
    or print what to install and exit with status 3. Call before importing QtGui."""
    platform = current_platform()
    problems = check(platform)
    packages = packages_of(problems)
    if packages and install_if_root and can_install():
        print(_("Installing what Qt needs: {packages}").format(packages=" ".join(packages)))
        install(packages)
        problems = check(platform)
    if problems:
        sys.stderr.write(explain(problems))
        raise SystemExit(EXIT_MISSING)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ui.preflight [--install]``: what the Makefile runs before Qt starts."""
    parser = argparse.ArgumentParser(
        prog="python -m ui.preflight",
        description="Check (and as root, install) the system libraries and fonts Qt needs.",
    )
    parser.add_argument("--install", action="store_true", help="install missing packages when running as root")
    args = parser.parse_args(argv)
    set_language(settings_store.load().language)  # speak as the app will
    check_or_explain(install_if_root=args.install)
    print(_("System check for Qt ({platform}): ok").format(platform=current_platform()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
