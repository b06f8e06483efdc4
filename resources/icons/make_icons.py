"""Render Chronolens' icons from its SVGs: the hicolor PNGs, the Windows .ico and the macOS .icns.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py

Run it after editing an SVG and commit what it writes. It uses only Qt (QtSvg ships in
PySide6-Essentials), so no imaging library becomes a dependency; the .ico and .icns containers are
a few bytes of header around PNGs, written here by hand.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
APP_ID = "io.github.chronolens.Chronolens"
SOURCE = HERE / "chronolens.svg"
# Redrawn on a 32-px grid: the full drawing turns to mush below 48 px.
SMALL_SOURCE = HERE / "chronolens-small.svg"
SMALL_MAX = 32
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entries that hold PNG data: OSType -> pixel size (the @2x types share sizes with others).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
              ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256),
              ("ic14", 512))


def hicolor_png(size: int) -> Path:
    return HERE / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render_png(size: int) -> bytes:
    """The icon at size x size pixels, as PNG bytes."""
    renderer = QSvgRenderer(str(SMALL_SOURCE if size <= SMALL_MAX else SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read the SVG for {size} px")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise SystemExit(f"make_icons: cannot encode the {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNGs (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose entries are PNGs (read by macOS 10.7 and later)."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])  # QPainter needs one; nothing is shown
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(size) for size in sizes}
    for size in HICOLOR_SIZES:
        target = hicolor_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = HERE / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    (HERE / "chronolens.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (HERE / "chronolens.icns").write_bytes(icns(pngs))
    del app
    print(f"make_icons: wrote {len(HICOLOR_SIZES)} PNGs, the scalable SVG, chronolens.ico and "
          f"chronolens.icns under {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
