"""Whether Qt can open a window here, found out before it tries: when its platform plugin cannot
load (a system library missing) or finds no display, Qt prints a few lines that name the wrong
library and aborts the whole process (exit 134). `display_problem()` says instead, in one line,
what is missing and which packages bring it, on Debian or Ubuntu (apt) and on Fedora (dnf).

Qt-free on purpose (it runs before Qt is imported, and needs nothing of it): it lives in gui/
because it is about starting the window, and the import-linter contract "display check is
Qt-free" keeps PySide6 out of it. Only Linux is checked (Windows and macOS have one platform
plugin, always there); platforms other than xcb (X11) and wayland, such as offscreen, are Qt's
own business.

How Qt picks a platform (Qt 6.11, QGuiApplicationPrivate::createPlatformIntegration): the
names in QT_QPA_PLATFORM, separated by ";", tried in turn; without it, wayland first when
WAYLAND_DISPLAY is set or XDG_SESSION_TYPE is "wayland", then xcb. Each is checked as Qt would
find it: its display named in the environment, the system libraries its plugin needs loadable
(by the dynamic loader, as Qt loads them: a PyInstaller bundle's own copies are found too), and
the display answering a connection. Only when none of them can work is there a problem.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# The system libraries each platform plugin needs, with the packages that install them:
# (Debian/Ubuntu, Fedora). From `objdump -p` of PySide6's plugins/platforms/libqxcb.so and
# libqwayland.so and of the Qt libraries they need, less glibc and the C++ runtime (which every
# system has); tests/gui/test_display_check.py checks the list against the installed plugins.
_QT_ITSELF = {  # what QtGui needs whatever the platform (missing, not even offscreen works)
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
}
XCB_LIBRARIES = {
    **_QT_ITSELF,
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
}
WAYLAND_LIBRARIES = {
    **_QT_ITSELF,
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
}
_PLUGINS = {"xcb": ("Qt's X11 plugin", XCB_LIBRARIES),
            "wayland": ("Qt's Wayland plugin", WAYLAND_LIBRARIES)}
_NO_DISPLAY_HELP = ("run it in a desktop session (the screenshot and export commands need no "
                    "display)")

Loads = Callable[[str], bool]  # whether a library (by soname) can be loaded
Connects = Callable[[str, str], bool]  # (platform, display name) -> whether it answers


@dataclass(frozen=True, slots=True)
class _Verdict:
    kind: str  # "ok", "display" (none named), "libraries", "connect"
    text: str = ""


def display_problem(environ: Mapping[str, str] | None = None, *, system: str | None = None,
                    loads: Loads | None = None, connects: Connects | None = None) -> str | None:
    """One line saying why Qt could not open a window here, or None when it can (or when this
    is none of our business: not Linux, or a platform other than xcb and wayland)."""
    env = os.environ if environ is None else environ
    if not (system or sys.platform).startswith("linux"):
        return None
    loads = loads or _loads
    connects = connects or _connects
    verdicts = []
    for platform in qt_platforms(env):
        if platform not in _PLUGINS:
            return None  # offscreen, minimal, eglfs, vnc, …: Qt knows
        verdict = _check(platform, env, loads, connects)
        if verdict.kind == "ok":
            return None
        verdicts.append(verdict)
    if not verdicts:
        return None
    reasons = [v for v in verdicts if v.kind != "display"]
    if reasons:  # a display is there: what keeps Qt from it
        return f"cannot open a window: {reasons[0].text}"
    if not env.get("QT_QPA_PLATFORM", "").strip():
        unset = "neither DISPLAY nor WAYLAND_DISPLAY is set"
    else:
        names = [v.text for v in verdicts]
        unset = (f"{' and '.join(names)} {'is' if len(names) == 1 else 'are'} not set, and "
                 f"QT_QPA_PLATFORM is {env['QT_QPA_PLATFORM']!r}")
    return f"cannot open a window: no display ({unset}); {_NO_DISPLAY_HELP}"


def qt_platforms(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order (an option after ":" left off)."""
    given = env.get("QT_QPA_PLATFORM", "")
    if given.strip():
        return [name.split(":")[0].strip() for name in given.split(";") if name.strip()]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    return ["wayland", "xcb"] if wayland else ["xcb"]


def _check(platform: str, env: Mapping[str, str], loads: Loads, connects: Connects) -> _Verdict:
    if platform == "xcb":
        display = env.get("DISPLAY", "")
        if not display:
            return _Verdict("display", "DISPLAY")
        where = f"the X display {display!r} (DISPLAY)"
    else:
        display = env.get("WAYLAND_DISPLAY", "")
        socket = Path(env.get("XDG_RUNTIME_DIR", "/nonexistent")) / "wayland-0"
        if not display and not socket.exists():  # (wayland-0 is what Wayland itself assumes)
            return _Verdict("display", "WAYLAND_DISPLAY")
        where = f"the Wayland display {display or 'wayland-0'!r} (WAYLAND_DISPLAY)"
    plugin, libraries = _PLUGINS[platform]
    missing = [name for name in libraries if not loads(name)]
    if missing:
        return _Verdict("libraries", _install_text(plugin, missing, libraries))
    if not connects(platform, display):
        return _Verdict("connect", f"{where} does not answer (is that desktop session still "
                                   "running, and is it yours?)")
    return _Verdict("ok")


def _install_text(plugin: str, missing: list[str], libraries: dict[str, tuple[str, str]]) -> str:
    apt = " ".join(dict.fromkeys(libraries[name][0] for name in missing))
    dnf = " ".join(dict.fromkeys(libraries[name][1] for name in missing))
    these = "it is" if len(missing) == 1 else "they are"
    return (f"{plugin} needs {', '.join(missing)}, but {these} not installed; on Debian or "
            f"Ubuntu: sudo apt install {apt}; on Fedora: sudo dnf install {dnf}")


# -- the real checks ----------------------------------------------------------------------------

@functools.cache
def _qt_library_folder() -> Path | None:
    """PySide6's own Qt libraries (found without importing PySide6): the plugins find what is
    there through their RUNPATH, so a library shipped there is not missing."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt" / "lib"


def _loads(soname: str) -> bool:
    folder = _qt_library_folder()
    for name in (soname, *([str(folder / soname)] if folder is not None else [])):
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def _connects(platform: str, display: str) -> bool:
    """Whether the display answers: a connection opened and closed again, through the same
    library Qt would use (loaded already: the library check came first)."""
    try:
        if platform == "xcb":
            xcb = ctypes.CDLL("libxcb.so.1")
            xcb.xcb_connect.restype = ctypes.c_void_p
            xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
            xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
            connection = xcb.xcb_connect(os.fsencode(display), None)
            try:  # (xcb_connect returns a connection even when it failed: it says so)
                return connection is not None and xcb.xcb_connection_has_error(connection) == 0
            finally:
                if connection is not None:
                    xcb.xcb_disconnect(connection)
        wayland = ctypes.CDLL("libwayland-client.so.0")
        wayland.wl_display_connect.restype = ctypes.c_void_p
        wayland.wl_display_connect.argtypes = [ctypes.c_char_p]
        wayland.wl_display_disconnect.argtypes = [ctypes.c_void_p]
        connection = wayland.wl_display_connect(os.fsencode(display) if display else None)
        if connection is None:
            return False
        wayland.wl_display_disconnect(connection)
        return True
    except (OSError, AttributeError):  # no such library or function: let Qt find out
        return True


__all__ = ["WAYLAND_LIBRARIES", "XCB_LIBRARIES", "display_problem", "qt_platforms"]
