"""Exporting the timeline view to PNG, SVG and PDF, and printing it (to a PDF printer)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPaintEvent, QPalette
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from shown_windows import shown_window

from gui.main_window import MainWindow
from gui.timeline import TimelineView
from gui.view_export import VIEW_FORMATS, export_view, print_view, span_text
from models.dates import seconds_from_civil
from models.store import Store

SVG = "{http://www.w3.org/2000/svg}"
KNOWN_TITLE = "US sanctions on Huawei"  # a sample-story event in view when zoomed to fit


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = shown_window(qtbot, store)
    w.timeline.zoom_to_fit()
    return w


@pytest.fixture
def view(window: MainWindow) -> TimelineView:
    return window.timeline


def colours(image: QImage) -> int:
    """Distinct colours on a coarse grid of the image (a blank one has one or two)."""
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_png_is_the_view_at_twice_its_size(view: TimelineView, tmp_path: Path) -> None:
    out = tmp_path / "view.png"
    export_view(view, out, title="Sample")
    image = QImage(str(out))
    assert not image.isNull()
    assert image.size() == QSize(view.width() * 2, view.height() * 2)
    assert colours(image) > 40
    # Opaque everywhere: the view paints its own background (no text on transparency).
    corner = image.pixelColor(image.width() // 2, image.height() - 3)
    assert corner.alpha() == 255
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.png"]  # nothing left beside it


def test_svg_is_vectors_and_text(view: TimelineView, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "view.svg"
    export_view(view, out, title="Sample story")
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {view.width()} {view.height()}"
    assert root.findtext(f"{SVG}title") == "Sample story"
    description = root.findtext(f"{SVG}desc") or ""
    assert span_text(*view.visible_span()) in description
    texts = [element.text or "" for element in root.iter(f"{SVG}text")]
    assert KNOWN_TITLE in texts
    start, end = view.visible_span()
    titles = {mark.title for mark in store.events_in(start, end)}
    assert len(titles & set(texts)) >= 5  # the event labels are real text
    assert {"Huawei", "Ericsson"} <= set(texts)  # lane names
    assert any(re.fullmatch(r"Jan \d{4}", text) for text in texts)  # the axis
    shapes = sum(1 for tag in ("path", "rect", "polygon", "polyline")
                 for _ in root.iter(f"{SVG}{tag}"))
    assert shapes > 50
    assert next(root.iter(f"{SVG}image"), None) is None  # not a bitmap in a wrapper
    assert "sans-serif" in out.read_text(encoding="utf-8")


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def assert_vector_pdf(data: bytes) -> None:
    """Drawn, not pasted: no bitmap (QWidget.render onto a printer paints one at 1200 dpi)."""
    assert b"/Subtype /Image" not in data
    assert 20_000 < len(data) < 1_000_000  # embedded fonts and the drawing, not an empty page


def test_pdf_has_one_page_with_the_title(view: TimelineView, tmp_path: Path) -> None:
    out = tmp_path / "view.pdf"
    export_view(view, out, title="Sample story")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) == 1
    # The document title, in the info dictionary (UTF-16) and the XMP metadata.
    assert b"\xfe\xff" + "Sample story".encode("utf-16-be") in data
    assert b"<dc:title>" in data
    # Landscape A4 (the view is wider than tall), in points.
    assert re.search(rb"/MediaBox \[0 0 84[12](\.\d+)? 595(\.\d+)?\]", data)
    assert_vector_pdf(data)


def test_format_argument_beats_the_suffix(view: TimelineView, tmp_path: Path) -> None:
    out = tmp_path / "view.image"
    export_view(view, out, "PNG")
    image = QImage(str(out))
    assert not image.isNull() and image.text("Title") == "Chronolens"


@pytest.mark.parametrize(("name", "fmt"), [("view.jpg", None), ("view", None),
                                           ("view.png", "tiff")])
def test_unknown_format_is_refused(view: TimelineView, tmp_path: Path, name: str,
                                   fmt: str | None) -> None:
    out = tmp_path / name
    with pytest.raises(ValueError) as raised:
        export_view(view, out, fmt)
    message = str(raised.value)
    assert str(out) in message and all(f in message for f in VIEW_FORMATS)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("folder", ["missing", "a-file"])
def test_unwritable_folder_names_the_path(view: TimelineView, tmp_path: Path,
                                          folder: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")  # (root writes anywhere; this it cannot)
    out = tmp_path / folder / "view.pdf"
    with pytest.raises(OSError, match=re.escape(str(out))):
        export_view(view, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_failed_write_keeps_the_old_file_and_no_partial(view: TimelineView, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "view.svg"
    out.write_text("the previous export")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        export_view(view, out)
    assert out.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.svg"]


def test_a_planted_link_is_never_written_through(view: TimelineView, tmp_path: Path) -> None:
    # Links where an export might write: at the name of the old temporary file, and at the
    # target itself. Neither file they point to changes; the target becomes a file of its own.
    victim, other = tmp_path / "victim", tmp_path / "other"
    victim.write_text("keep me")
    other.write_text("keep me too")
    (tmp_path / "view.png.partial").symlink_to(victim)
    out = tmp_path / "view.png"
    out.symlink_to(other)
    export_view(view, out)
    assert victim.read_text() == "keep me" and other.read_text() == "keep me too"
    assert not out.is_symlink() and out.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "victim", "view.png",
                                                          "view.png.partial"]


def test_pending_fetch_is_flushed_before_export(view: TimelineView, tmp_path: Path) -> None:
    view.zoom_by(0.25)  # schedules a fetch of the new window
    assert view.fetch_pending()
    export_view(view, tmp_path / "view.svg")
    assert not view.fetch_pending()
    texts = [e.text for e in ET.parse(tmp_path / "view.svg").getroot().iter(f"{SVG}text")]
    assert len(texts) > 10


def test_print_to_a_pdf_printer(view: TimelineView, window: MainWindow, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:  # the user picks "Print to file (PDF)"
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert print_view(view, window, title="Printed story") is True
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and pdf_pages(data) == 1
    assert b"\xfe\xff" + "Printed story".encode("utf-16-be") in data
    assert_vector_pdf(data)


def test_print_cancelled(view: TimelineView, window: MainWindow, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    assert print_view(view, window) is False


def test_span_text_is_as_precise_as_the_span() -> None:
    day = 86400
    start = seconds_from_civil(2015, 9, 6)
    assert span_text(start, seconds_from_civil(2024, 4, 26)) == "6 Sep 2015 – 26 Apr 2024"
    assert span_text(start, start + 20 * 365 * day) == "2015 – 2035"
    assert span_text(start + 3600, start + 7200) == "6 Sep 2015 01:00 – 6 Sep 2015 02:00"
    assert "BCE – " in span_text(-10**15, 10**15)  # long years: year precision only


def test_paper_is_printed_light_and_the_screen_keeps_its_theme(qtbot: QtBot, tmp_path: Path,
                                                              window: MainWindow) -> None:
    view = window.timeline
    dark = QPalette(view.palette())
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        dark.setColor(role, QColor(20, 20, 20))
    view.setPalette(dark)
    seen: list[QColor] = []
    original = view.paintEvent

    def spy(event: QPaintEvent) -> None:
        seen.append(view.palette().color(QPalette.ColorRole.Base))
        original(event)

    view.paintEvent = spy  # type: ignore[method-assign]
    export_view(view, tmp_path / "page.pdf")
    assert seen and seen[-1].lightness() > 128  # drawn light for the page
    assert view.palette().color(QPalette.ColorRole.Base) == QColor(20, 20, 20)  # and back


# --- the screenshot command's files (gui.app.render_screenshot): written beside, then renamed ---


def test_a_failed_screenshot_keeps_the_old_png_and_layout(qtbot: QtBot, store: Store,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.app import render_screenshot

    shot, layout = tmp_path / "shot.png", tmp_path / "shot.json"
    shot.write_bytes(b"the previous screenshot")
    layout.write_text("the previous layout")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        render_screenshot(store, shot, size=(800, 600), layout=layout)
    assert shot.read_bytes() == b"the previous screenshot"
    assert layout.read_text() == "the previous layout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.json", "shot.png"]


def test_a_screenshot_replaces_a_link_instead_of_writing_through_it(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    from gui.app import render_screenshot

    victim = tmp_path / "victim"
    victim.write_text("keep me")
    shot = tmp_path / "shot.png"
    shot.symlink_to(victim)
    (tmp_path / "shot.json").symlink_to(victim)
    render_screenshot(store, shot, size=(800, 600), layout=tmp_path / "shot.json")
    assert victim.read_text() == "keep me"
    assert not shot.is_symlink() and shot.read_bytes().startswith(b"\x89PNG")
    assert not (tmp_path / "shot.json").is_symlink()
    assert "lanes" in (tmp_path / "shot.json").read_text(encoding="utf-8")
