"""gui.display_check: why Qt could not open a window, said before Qt aborts (issue #12)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gui.display_check import (
    WAYLAND_LIBRARIES,
    XCB_LIBRARIES,
    display_problem,
    qt_platforms,
)

ROOT = Path(__file__).resolve().parents[2]
X11 = {"DISPLAY": ":0"}


def every_library(name: str) -> bool:
    return True


def answers(platform: str, display: str) -> bool:
    return True


def problem(env: dict[str, str], *, loads=every_library, connects=answers,
            system: str = "linux") -> str | None:
    return display_problem(env, system=system, loads=loads, connects=connects)


def test_a_missing_library_is_named_with_the_packages_to_install() -> None:
    found = problem(X11, loads=lambda name: name != "libxcb-cursor.so.0")
    assert found == ("cannot open a window: Qt's X11 plugin needs libxcb-cursor.so.0, but it is "
                     "not installed; on Debian or Ubuntu: sudo apt install libxcb-cursor0; on "
                     "Fedora: sudo dnf install xcb-util-cursor")
    assert "\n" not in found


def test_every_missing_library_is_named_and_each_package_once() -> None:
    missing = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-shm.so.0", "libxcb-sync.so.1"}
    found = problem(X11, loads=lambda name: name not in missing) or ""
    assert all(name in found for name in missing)
    assert "apt install libxcb-icccm4 libxcb-keysyms1 libxcb-shm0 libxcb-sync1;" in found
    assert found.endswith("dnf install xcb-util-wm xcb-util-keysyms libxcb")


@pytest.mark.parametrize(("env", "said"), [
    ({}, "neither DISPLAY nor WAYLAND_DISPLAY is set"),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ""}, "DISPLAY is not set, and QT_QPA_PLATFORM is 'xcb'"),
    ({"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": "/nonexistent"},
     "neither DISPLAY nor WAYLAND_DISPLAY is set"),
])
def test_no_display_is_said_in_one_line(env: dict[str, str], said: str) -> None:
    found = problem(env) or ""
    assert found.startswith(f"cannot open a window: no display ({said});") and "\n" not in found
    assert "screenshot" in found


def test_a_display_that_does_not_answer_is_named() -> None:
    found = problem({"DISPLAY": ":42"}, connects=lambda platform, display: False) or ""
    assert "the X display ':42' (DISPLAY) does not answer" in found


@pytest.mark.parametrize("env", [
    {"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "minimal"},
    {"QT_QPA_PLATFORM": "xcb;offscreen"},  # Qt falls back to offscreen
    {"DISPLAY": ":0"},
])
def test_nothing_to_say_where_qt_can_start(env: dict[str, str]) -> None:
    assert problem(env) is None


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_other_systems_are_not_checked(system: str) -> None:
    assert problem({}, system=system) is None


def test_wayland_is_tried_first_and_x11_is_its_fallback() -> None:
    no_x = {"WAYLAND_DISPLAY": "wayland-0"}
    assert qt_platforms(no_x) == ["wayland", "xcb"]
    assert qt_platforms({"XDG_SESSION_TYPE": "wayland"}) == ["wayland", "xcb"]
    assert qt_platforms({"QT_QPA_PLATFORM": "wayland:foo=1;xcb"}) == ["wayland", "xcb"]
    # A Wayland session works without the X11 libraries, and XWayland without the Wayland ones.
    assert problem(no_x, loads=lambda name: name not in XCB_LIBRARIES
                   or name in WAYLAND_LIBRARIES) is None
    both = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert problem(both, loads=lambda name: name != "libwayland-cursor.so.0") is None
    # Neither: the first one's reason.
    found = problem(both, loads=lambda name: name not in ("libwayland-cursor.so.0",
                                                          "libxcb-cursor.so.0")) or ""
    assert "Wayland plugin needs libwayland-cursor.so.0" in found


def _needed(path: Path) -> list[str]:
    dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return [line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")]


GLIBC_AND_CXX = ("ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so",
                 "libstdc++.so", "libgcc_s.so")


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("objdump") is None,
                    reason="reads the Linux plugins with objdump")
@pytest.mark.parametrize(("plugin", "listed"), [("libqxcb.so", XCB_LIBRARIES),
                                                ("libqwayland.so", WAYLAND_LIBRARIES)])
def test_the_lists_hold_every_system_library_the_plugins_need(plugin: str, listed) -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    to_read, seen, system = [qt / "plugins" / "platforms" / plugin], set(), set()
    while to_read:
        for name in _needed(to_read.pop()):
            own = qt / "lib" / name
            if own.exists():
                if own not in seen:
                    seen.add(own)
                    to_read.append(own)
            elif not name.startswith(GLIBC_AND_CXX):
                system.add(name)
    assert system <= set(listed), sorted(system - set(listed))


def test_the_check_loads_no_qt() -> None:
    code = ("import sys; from gui.display_check import display_problem; display_problem(); "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
