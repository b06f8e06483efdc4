"""Linux desktop integration: the .desktop entry, the AppStream metainfo and the hicolor icons.

The validators run when installed (desktop-file-utils, appstream); the rest is always checked.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
APP_ID = "io.github.chronolens.Chronolens"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICONS = RESOURCES / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, after checking the signature."""
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    assert data[12:16] == b"IHDR", f"{path}: no IHDR chunk first"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", SIZES)
def test_hicolor_icon_is_a_png_of_its_size(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert path.is_file(), f"missing {path.relative_to(ROOT)} (run resources/icons/make_icons.py)"
    assert png_size(path) == (size, size)


def test_scalable_icon_is_the_source_svg() -> None:
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ICONS / "chronolens.svg").read_bytes(), (
        "the scalable icon is stale: run resources/icons/make_icons.py")
    ET.fromstring(scalable.read_bytes())  # well-formed XML


def test_windows_and_macos_icons_exist() -> None:
    ico = (ICONS / "chronolens.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 5
    assert (ICONS / "chronolens.icns").read_bytes()[:4] == b"icns"


def test_desktop_entry_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Chronolens"
    # The command on PATH; resources/install-linux.sh rewrites it to the installed executable.
    assert entry["Exec"] == "chronolens"
    assert entry["TryExec"] == "chronolens"
    # An icon name (looked up in hicolor), not a path, and the same name as the desktop file.
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "Chronolens"  # Qt's WM_CLASS: the application name


def test_metainfo_matches_the_desktop_file() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID == DESKTOP.name.removesuffix(".desktop")
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    provides = root.find("provides")
    assert provides is not None and provides.findtext("binary") == desktop_entry()["Exec"]
    assert root.findtext("metadata_license") and root.findtext("project_license") == "MIT"


def test_metainfo_release_is_the_app_version() -> None:
    from models import __version__

    release = ET.parse(METAINFO).getroot().find("releases/release")
    assert release is not None and release.get("version") == __version__, (
        "add a <release> for the new version to the metainfo")


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_desktop_file_validate() -> None:
    result = run_tool("desktop-file-validate", str(DESKTOP))
    # It prints hints too; only errors and warnings fail it.
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if "error:" in line or "warning:" in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def test_appstreamcli_validate() -> None:
    result = run_tool("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr
