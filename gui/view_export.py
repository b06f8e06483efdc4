"""The timeline view as it is now, to PNG, SVG or PDF, or to a printer.

Every output is drawn by the view's own paint code through QWidget.render (no second renderer):
a QImage at device pixel ratio 2, a QSvgGenerator (vectors and text), or a page of a QPdfWriter
or QPrinter, where the view is scaled to fit under a header line (title and visible span).

Files are built in memory and written beside the real name, then put in its place
(models.files.write_atomically), so a failed or killed export never leaves a half-written file
under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPoint,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QPicture,
    QRegion,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QDialog, QWidget

from gui.timeline import TimelineView
from models.dates import (
    MAX_SHORT_YEAR,
    MAX_YEAR,
    MIN_SHORT_YEAR,
    MIN_YEAR,
    FuzzyDate,
    Precision,
    civil_from_seconds,
)
from models.files import write_atomically
from models.formats import PICTURE_FORMATS

VIEW_FORMATS = PICTURE_FORMATS
PNG_PIXEL_RATIO = 2.0  # crisp on high-density screens and when zoomed in on
PDF_DPI = 300
PAGE_MARGIN_MM = 10.0
HEADER_PT = 10.0  # the header line's font size on paper
CREATOR = "Chronolens"


def export_view(view: TimelineView, path: Path, format: str | None = None, *,
                title: str = "") -> None:
    """Write what the timeline view shows now to `path` as PNG, SVG or PDF.

    The format comes from the suffix unless given. Raises ValueError for an unknown format and
    OSError (naming the path) when the file cannot be written."""
    fmt = _format_of(path, format)
    view.current_layout()  # never a half-loaded view: lay out here whatever is on its way
    encode = {"png": _png_bytes, "svg": _svg_bytes, "pdf": _pdf_bytes}[fmt]
    try:
        data = encode(view, title)
    except OSError as error:
        raise OSError(f"Could not write {path}: {error}") from error
    write_atomically(path, data)


def print_view(view: TimelineView, parent: QWidget, *, title: str = "") -> bool:
    """Ask for a printer and print the view on one page, as in the PDF. False when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or CREATOR)
    printer.setCreator(CREATOR)
    printer.setPageOrientation(_orientation(view))
    printer.setPageMargins(_margins(), QPageLayout.Unit.Millimeter)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print timeline")
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        view.flush_fetch()
        _paint_pages(view, printer, title, printer.outputFileName() or "the printer")
        return True
    finally:
        dialog.deleteLater()


def span_text(start: int, end: int) -> str:
    """The visible span in plain words, only as precise as its length calls for."""
    length = end - start
    precision = (Precision.YEAR if length >= 10 * 365 * 86400
                 else Precision.DAY if length >= 2 * 86400 else Precision.MINUTE)
    return f"{_date_text(start, precision)} – {_date_text(end, precision)}"


# -- formats ------------------------------------------------------------------------------------

def _format_of(path: Path, format: str | None) -> str:
    fmt = (format if format is not None else path.suffix.removeprefix(".")).lower()
    if fmt not in VIEW_FORMATS:
        what = f"format {format!r}" if format is not None else (
            f"suffix {path.suffix!r}" if path.suffix else "no suffix")
        raise ValueError(f"{path}: cannot export the view with {what}; "
                         f"use one of {', '.join(VIEW_FORMATS)}")
    return fmt


def _png_bytes(view: TimelineView, title: str) -> bytes:
    size = view.size()
    image = QImage(size * PNG_PIXEL_RATIO, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(PNG_PIXEL_RATIO)
    image.fill(Qt.GlobalColor.transparent)  # the view fills its whole rect with its base colour
    image.setText("Title", title or CREATOR)
    image.setText("Software", CREATOR)
    painter = QPainter(image)
    try:
        _render(view, painter)
    finally:
        painter.end()
    return encoded(lambda buffer: QImageWriter(buffer, QByteArray(b"png")).write(image))


def _svg_bytes(view: TimelineView, title: str) -> bytes:
    start, end = view.visible_span()
    size = view.size()

    def write(buffer: QBuffer) -> bool:
        generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)  # 1.1: clip paths
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setResolution(view.logicalDpiX())  # (sizes in mm match the screen's)
        generator.setTitle(title or CREATOR)
        generator.setDescription(f"Timeline, {span_text(start, end)}")
        painter = QPainter()
        if not painter.begin(generator):
            return False
        try:
            _render(view, painter)
        finally:
            painter.end()
        return True

    return _with_generic_family(encoded(write))


def _pdf_bytes(view: TimelineView, title: str) -> bytes:
    def write(buffer: QBuffer) -> bool:
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setTitle(title or CREATOR)
        writer.setCreator(CREATOR)
        writer.setPageLayout(QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), _orientation(view),
            _margins(), QPageLayout.Unit.Millimeter))
        _paint_pages(view, writer, title, "the PDF")
        return True

    return encoded(write)


def _margins() -> QMarginsF:
    return QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)


def _orientation(view: TimelineView) -> QPageLayout.Orientation:
    if view.width() >= view.height():
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


# -- painting -----------------------------------------------------------------------------------

def _render(view: TimelineView, painter: QPainter) -> None:
    """The view's own paint code onto the painter, with its transform (QWidget.render keeps the
    widget's fonts, so labels are measured and drawn at the same size whatever the device)."""
    view.exporting = True
    try:
        view.render(painter, QPoint(0, 0), QRegion(view.rect()),
                    QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren)
    finally:
        view.exporting = False


def _recorded(view: TimelineView) -> QPicture:
    """The view's drawing as a recording of painter commands. QWidget.render onto a printer
    draws a bitmap at the printer's resolution (1200 dpi: megabytes, blurred text); onto a
    picture it records vectors and text, which are then replayed onto the page."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        _render(view, painter)
    finally:
        painter.end()
    return picture


def _on_paper(view: TimelineView, record: Callable[[TimelineView], QPicture]) -> QPicture:
    """`record(view)` in the style's light palette: a page is printed on white paper whatever
    the screen's theme (a dark theme would print a page of black ink)."""
    own = view.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
    screen = view.palette()
    view.setPalette(view.style().standardPalette())
    try:
        return record(view)
    finally:
        view.setPalette(screen if own else QPalette())
        view.setAttribute(Qt.WidgetAttribute.WA_SetPalette, own)  # inherit the theme again


def _paint_pages(view: TimelineView, device: QPagedPaintDevice, title: str, what: str) -> None:
    """One page: the header line, then the view scaled to fit the rest (the PDF and the print)."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(f"Qt could not start drawing on {what}")
    try:
        paint_page(view, painter, device, title)
    finally:
        painter.end()


def paint_page(view: TimelineView, painter: QPainter, device: QPagedPaintDevice,
               title: str = "") -> None:
    """Draw the page of `view` on an active painter of a paged device (inside its margins)."""
    # The painter's origin is the top left inside the margins.
    area = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    area.moveTopLeft(QPointF(0, 0))
    start, end = view.visible_span()
    header = QFont(view.font())
    header.setPointSizeF(HEADER_PT)
    # Points on paper: the font is measured for the device, not the screen.
    metrics = QFontMetricsF(header, device)
    painter.setFont(header)
    painter.setPen(QColor(20, 20, 20))
    line = " · ".join(part for part in (title, span_text(start, end)) if part)
    text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, area.width())
    painter.drawText(QPointF(area.left(), area.top() + metrics.ascent()), text)
    gap = metrics.height() * 0.8
    room = area.adjusted(0, metrics.height() + gap, 0, 0)
    size = view.size()
    scale = min(room.width() / max(size.width(), 1), room.height() / max(size.height(), 1))
    frame = QRectF(room.left() + (room.width() - size.width() * scale) / 2, room.top(),
                   size.width() * scale, size.height() * scale)
    picture = _on_paper(view, _recorded)
    painter.save()
    painter.translate(frame.topLeft())
    # Replaying scales a picture by the device's dpi over the picture's: undo that.
    painter.scale(scale * picture.logicalDpiX() / device.logicalDpiX(),
                  scale * picture.logicalDpiY() / device.logicalDpiY())
    painter.drawPicture(0, 0, picture)
    painter.restore()
    # A thin frame (0.2 mm): the view's edge on white paper.
    painter.setPen(QPen(QColor(160, 160, 160), device.logicalDpiX() * 0.2 / 25.4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)


# -- text ---------------------------------------------------------------------------------------

def _date_text(t: int, precision: Precision) -> str:
    year, month, day, hour, minute = civil_from_seconds(t)
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    if not MIN_SHORT_YEAR <= year <= MAX_SHORT_YEAR:
        precision = Precision.YEAR
    if precision is Precision.YEAR:
        return FuzzyDate(year, precision=Precision.YEAR).display()
    if precision is Precision.DAY:
        return FuzzyDate(year, month, day, precision=Precision.DAY).display()
    return FuzzyDate(year, month, day, hour, minute, precision=Precision.MINUTE).display()


def _with_generic_family(svg: bytes) -> bytes:
    """Every font-family of the SVG with "sans-serif" after it: Qt writes its own family names
    ("Sans Serif" on a bare X11 or offscreen), which browsers do not know and show in a serif."""
    def fallback(match: re.Match[bytes]) -> bytes:
        family = match.group(1).replace(b"'", b"")
        return b"font-family=\"'" + family + b"', sans-serif\""

    return re.sub(rb'font-family="([^"]*)"', fallback, svg)


# -- writing ------------------------------------------------------------------------------------

def encoded(write: Callable[[QBuffer], bool]) -> bytes:
    """What `write` puts into an in-memory buffer (it returns False when Qt could not): a
    picture is encoded whole before any file is touched."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        if not write(buffer):
            raise OSError("Qt could not encode the picture")
    finally:
        buffer.close()
    return bytes(data.data())
