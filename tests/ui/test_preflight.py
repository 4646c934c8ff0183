"""The system check that replaces Qt's cryptic plugin error with an apt-get line.

Missing libraries are simulated by a fake command runner that answers ``ldd``,
``fc-list``, ``apt-file`` and ``apt-cache`` as a real machine would; nothing here
calls apt for real.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from carecenter import i18n
from ui import preflight
from ui.preflight import CJK_FONT_PACKAGE, LIBRARY_PACKAGES, Problem

REPO = Path(__file__).resolve().parents[2]

LDD_XCB_PLUGIN = """\
\tlinux-vdso.so.1 (0x00007ffd4b7f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0c1c000000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f0c1bff0000)
\tlibxcb-cursor.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0c1be00000)
"""
LDD_GUI = "\tlibEGL.so.1 => not found\n\tlibxcb-icccm.so.4 => not found\n"
FONT_LINE = "WenQuanYi Zen Hei,文泉驿正黑\n"


class FakeRunner:
    """Answers commands from a table keyed by program name; records every call."""

    def __init__(self, answers: dict[str, Callable[[Sequence[str]], tuple[int, str]]]) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    def __call__(self, argv: Sequence[str], *, capture: bool = True) -> tuple[int, str]:
        self.calls.append(list(argv))
        answer = self.answers.get(argv[0])
        return answer(argv) if answer else (127, "")


def ldd_by_file(outputs: dict[str, str]) -> Callable[[Sequence[str]], tuple[int, str]]:
    def ldd(argv: Sequence[str]) -> tuple[int, str]:
        return 0, outputs.get(Path(argv[1]).name, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")

    return ldd


def fc_list(output: str) -> Callable[[Sequence[str]], tuple[int, str]]:
    return lambda argv: (0, output)


# ---------------------------------------------------------------- parsing and mapping


def test_ldd_output_yields_each_missing_library_once() -> None:
    assert preflight.missing_libraries(LDD_XCB_PLUGIN) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    assert preflight.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_libraries_that_qt_error_messages_hide_map_to_their_packages() -> None:
    runner = FakeRunner({})
    assert preflight.package_for("libxcb-cursor.so.0", runner) == "libxcb-cursor0"
    assert preflight.package_for("libxcb-icccm.so.4", runner) == "libxcb-icccm4"
    assert preflight.package_for("libxcb-keysyms.so.1", runner) == "libxcb-keysyms1"
    assert preflight.package_for("libxkbcommon-x11.so.0", runner) == "libxkbcommon-x11-0"
    assert preflight.package_for("libEGL.so.1", runner) == "libegl1"
    assert preflight.package_for("libglib-2.0.so.0", runner) == "libglib2.0-0"
    assert runner.calls == [], "known libraries need no lookup"


@pytest.mark.parametrize(
    ("library", "package"),
    [
        ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libfoo.so.3.1.4", "libfoo3"),
    ],
)
def test_debian_naming_rule(library: str, package: str) -> None:
    assert preflight.guess_package(library) == package


def test_table_agrees_with_debian_naming_rule_or_is_a_known_exception() -> None:
    exceptions = {"libglib-2.0.so.0", "libgthread-2.0.so.0", "libGLdispatch.so.0"}
    for library, package in LIBRARY_PACKAGES.items():
        if library not in exceptions:
            assert preflight.guess_package(library) == package, library


def test_unknown_library_is_looked_up_with_apt_file_first() -> None:
    runner = FakeRunner({"apt-file": lambda argv: (0, "libweird7\n")})
    assert preflight.package_for("libweird.so.7", runner) == "libweird7"


def test_unknown_library_falls_back_to_the_naming_rule_when_apt_knows_the_package() -> None:
    runner = FakeRunner({"apt-cache": lambda argv: (0, f"Package: {argv[-1]}\n")})
    assert preflight.package_for("libxcb-xinput.so.9", runner) == "libxcb-xinput9"
    assert ["apt-cache", "show", "--no-all-versions", "libxcb-xinput9"] in runner.calls


def test_unknown_library_without_a_package_gets_a_search_hint() -> None:
    runner = FakeRunner(
        {
            "ldd": ldd_by_file({"libqxcb.so": "\tlibmystery.so.2 => not found\n"}),
            "fc-list": fc_list(FONT_LINE),
            "apt-cache": lambda argv: (100, ""),
        }
    )
    (problem,) = preflight.check("xcb", runner=runner, env={"DISPLAY": ":0"})
    assert problem == Problem(
        "libmystery.so.2", None, preflight.WHY_PLATFORM_LIBRARY, "apt-file search libmystery.so.2"
    )
    assert "apt-file search libmystery.so.2" in preflight.explain([problem], "en")


# ---------------------------------------------------------------- check()


def test_missing_window_libraries_and_font_are_all_found() -> None:
    runner = FakeRunner(
        {
            "ldd": ldd_by_file({"libqxcb.so": LDD_XCB_PLUGIN, "libQt6Gui.so.6": LDD_GUI}),
            "fc-list": fc_list(""),
        }
    )
    problems = preflight.check("xcb", runner=runner, env={"DISPLAY": ":0"})

    assert [(p.what, p.package) for p in problems] == [
        ("libEGL.so.1", "libegl1"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("Chinese font", CJK_FONT_PACKAGE),
    ]
    assert preflight.install_command(problems) == (
        "sudo apt-get install -y libegl1 libxcb-icccm4 libxcb-cursor0 fonts-wqy-zenhei"
    )


def test_offscreen_checks_the_offscreen_plugin_not_xcb() -> None:
    runner = FakeRunner({"ldd": ldd_by_file({"libqxcb.so": LDD_XCB_PLUGIN}), "fc-list": fc_list(FONT_LINE)})
    assert preflight.check("offscreen", runner=runner, env={}) == []
    checked = [Path(call[1]).name for call in runner.calls if call[0] == "ldd"]
    assert checked == ["libQt6Gui.so.6", "libQt6Widgets.so.6", "libqoffscreen.so"]


def test_a_real_window_without_a_screen_is_explained() -> None:
    runner = FakeRunner({"ldd": ldd_by_file({}), "fc-list": fc_list(FONT_LINE)})
    (problem,) = preflight.check("xcb", runner=runner, env={})
    assert problem.package is None
    assert "DISPLAY" in preflight.explain([problem], "en")
    assert preflight.install_command([problem]) == ""


def test_without_fontconfig_tools_font_files_are_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = FakeRunner({"ldd": ldd_by_file({})})  # fc-list: not installed
    monkeypatch.setattr(preflight, "_FONT_DIRS", (str(tmp_path),))
    (problem,) = preflight.check("offscreen", runner=runner, env={})
    assert problem.package == CJK_FONT_PACKAGE

    (tmp_path / "truetype" / "wqy").mkdir(parents=True)
    (tmp_path / "truetype" / "wqy" / "wqy-zenhei.ttc").write_bytes(b"")
    assert preflight.check("offscreen", runner=runner, env={}) == []


def test_other_systems_need_nothing() -> None:
    runner = FakeRunner({})
    assert preflight.check("windows", runner=runner, system="win32") == []
    assert preflight.check("cocoa", runner=runner, system="darwin") == []
    assert runner.calls == []


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({}, "xcb"),
        ({"DISPLAY": ":0"}, "xcb"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "vnc"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "xcb"),
    ],
)
def test_platform_is_chosen_like_qt(env: dict[str, str], platform: str) -> None:
    assert preflight.current_platform(env) == platform


# ---------------------------------------------------------------- the message


PROBLEMS = [
    Problem("libxcb-cursor.so.0", "libxcb-cursor0", preflight.WHY_PLATFORM_LIBRARY),
    Problem("Chinese font", CJK_FONT_PACKAGE, preflight.WHY_CJK_FONT),
]


def test_message_is_chinese_then_english_then_the_command() -> None:
    text = preflight.explain(PROBLEMS, "zh_CN")
    chinese, english, command = text.strip().split("\n\n")

    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
    assert english.startswith("CareCenter cannot start")
    assert "libxcb-cursor0" in chinese and "libxcb-cursor0" in english
    assert "empty boxes" in english and "TrueType" in english
    assert command.strip() == "sudo apt-get install -y libxcb-cursor0 fonts-wqy-zenhei"


def test_message_follows_the_ui_language() -> None:
    i18n.set_language("en")
    text = preflight.explain(PROBLEMS)
    assert text.count("CareCenter cannot start") == 1
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ---------------------------------------------------------------- check_or_explain()


@pytest.fixture
def recorded_installs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    installs: list[list[str]] = []

    def fake_install(packages: Sequence[str], runner: object = None) -> bool:
        installs.append(list(packages))
        return True

    monkeypatch.setattr(preflight, "install", fake_install)
    return installs


def test_user_is_told_the_command_and_the_start_stops_with_status_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], recorded_installs: list[list[str]]
) -> None:
    monkeypatch.setattr(preflight, "check", lambda platform: PROBLEMS)
    monkeypatch.setattr(preflight, "can_install", lambda: False)

    with pytest.raises(SystemExit) as stop:
        preflight.check_or_explain(install_if_root=True)

    assert stop.value.code == 3
    err = capsys.readouterr().err
    assert "sudo apt-get install -y libxcb-cursor0 fonts-wqy-zenhei" in err
    assert "could not load the Qt platform plugin" not in err
    assert recorded_installs == []


def test_root_installs_what_is_missing_and_goes_on(
    monkeypatch: pytest.MonkeyPatch, recorded_installs: list[list[str]]
) -> None:
    answers = [PROBLEMS, []]
    monkeypatch.setattr(preflight, "check", lambda platform: answers.pop(0))
    monkeypatch.setattr(preflight, "can_install", lambda: True)

    preflight.check_or_explain(install_if_root=True)

    assert recorded_installs == [["libxcb-cursor0", CJK_FONT_PACKAGE]]


def test_root_is_not_installed_for_unless_asked(
    monkeypatch: pytest.MonkeyPatch, recorded_installs: list[list[str]]
) -> None:
    monkeypatch.setattr(preflight, "check", lambda platform: PROBLEMS)
    monkeypatch.setattr(preflight, "can_install", lambda: True)
    with pytest.raises(SystemExit):
        preflight.check_or_explain()
    assert recorded_installs == []


def test_install_refreshes_package_lists_when_the_first_attempt_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preflight, "_apt_lists_present", lambda: True)
    attempts = iter([100, 0])
    runner = FakeRunner({"apt-get": lambda argv: (next(attempts), "") if argv[1] == "install" else (0, "")})

    assert preflight.install(["libxcb-cursor0"], runner)
    assert [call[:2] for call in runner.calls] == [
        ["apt-get", "install"],
        ["apt-get", "update"],
        ["apt-get", "install"],
    ]
    assert runner.calls[0] == ["apt-get", "install", "-y", "--no-install-recommends", "libxcb-cursor0"]


def test_install_on_a_machine_without_package_lists_updates_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preflight, "_apt_lists_present", lambda: False)
    runner = FakeRunner({"apt-get": lambda argv: (0, "")})
    assert preflight.install([CJK_FONT_PACKAGE], runner)
    assert [call[1] for call in runner.calls] == ["update", "install"]


# ---------------------------------------------------------------- this machine


def test_this_machine_has_what_the_tests_need() -> None:
    platform = preflight.current_platform()
    assert preflight.check(platform) == [], preflight.explain(preflight.check(platform), "en")


def test_preflight_itself_loads_no_qt_gui_module() -> None:
    probe = (
        "import sys, ui.preflight as p\n"
        "p.main([])\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "offscreen" in done.stdout
