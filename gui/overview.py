"""The overview strip under the timeline: the whole store's density, and where the view is."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from gui.timeline import TimelineSource, TimelineView
from models.errors import StoreError
from models.timescale import TimeScale, fit, place_axis_labels, ticks

BAR_PX = 6  # the width of one density bin (bars a pixel narrower): readable even for a few events


class OverviewStrip(QWidget):
    """A thin strip: event density over the store's whole extent, the timeline's window on it.

    Click or drag to move the timeline there; the wheel zooms the timeline.
    """

    HEIGHT = 48

    def __init__(self, source: TimelineSource, timeline: TimelineView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._timeline = timeline
        self._extent: tuple[int, int] | None = None
        self._extent_known = False
        self._counts: tuple[tuple[int, int, int], list[int]] | None = None
        # Counts are fetched on a zero-timer, never while painting (a paint draws those in hand).
        self._stopped = False
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_counts)
        self._dragging = False
        self.setAccessibleName("Overview")
        self.setAccessibleDescription("How many events there are along all of time; "
                                      "click or drag to move the timeline there.")
        self.setFixedHeight(self.HEIGHT)
        self.setMinimumWidth(120)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(self._small.pointSizeF() * 0.8, 6.0))
        self._fm = QFontMetricsF(self._small)
        timeline.scale_changed.connect(self.update)

    def set_source(self, source: TimelineSource) -> None:
        """Count from `source` from now on (the store seen through another filter)."""
        self._source = source
        self.reload()

    def reload(self) -> None:
        """The store changed: forget the extent and the counts."""
        self._extent_known = False
        self._counts = None
        self.update()

    def scale(self) -> TimeScale | None:
        """The strip's own time scale (the store's extent across the width), None when empty."""
        if not self._extent_known:
            try:
                self._extent = self._source.extent()
            except StoreError:  # damage the store's check will name: no strip
                self._extent = None
            self._extent_known = True
        if self._extent is None:
            return None
        return fit(self._extent[0], self._extent[1], max(self.width(), 1), 0.03)

    def _key(self, scale: TimeScale) -> tuple[int, int, int]:
        width = max(self.width(), 1)
        start, end = scale.span(width)
        return math.floor(start), math.ceil(end), width

    def _bins(self, scale: TimeScale) -> list[int]:
        """The counts in hand (scheduling a fetch when they are for another width or extent)."""
        if self._counts is None or self._counts[0] != self._key(scale):
            self._fetch_timer.start()
        return self._counts[1] if self._counts is not None else []

    def _fetch_counts(self) -> None:
        if self._stopped:
            return
        scale = self.scale()
        if scale is None:
            return
        key = self._key(scale)
        if self._counts is None or self._counts[0] != key:
            bins = max(key[2] // BAR_PX, 1)
            self._counts = (key, list(self._source.density(key[0], key[1], bins)))
            self.update()

    def stop(self) -> None:
        """No more fetches: the store is about to close."""
        self._fetch_timer.stop()
        self._stopped = True

    def flush_fetch(self) -> None:
        """Fetch now what a paint asked for (tests, screenshots)."""
        self._fetch_timer.stop()
        self._fetch_counts()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        width, height = max(self.width(), 1), self.height()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        p.fillRect(self.rect(), window.darker(104) if window.lightness() > 128
                   else window.lighter(115))
        line = QColor(text)
        line.setAlphaF(0.25)
        p.setPen(QPen(line, 1))
        p.drawLine(QPointF(0, 0.5), QPointF(width, 0.5))
        scale = self.scale()
        p.setFont(self._small)
        if scale is None:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, "No events yet")
            return
        label_h = self._fm.height() + 2
        bars_bottom = height - label_h
        counts = self._bins(scale)
        peak = max(counts, default=0)
        bar = QColor(pal.color(QPalette.ColorRole.Highlight))
        bar.setAlphaF(0.7)
        if peak:
            area = bars_bottom - 6
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bar)
            bar_w = width / len(counts)
            for i, count in enumerate(counts):
                if count:
                    h = max(area * math.sqrt(count / peak), 2.0)
                    p.drawRect(QRectF(i * bar_w, bars_bottom - h, max(bar_w - 1, 1), h))
        # sparse year labels
        start, end = scale.span(width)
        tick_list = ticks(start, end, width, 90.0)
        xs = [scale.x_of(t.t) for t in tick_list]
        widths = [self._fm.horizontalAdvance(t.label) for t in tick_list]
        shown = place_axis_labels(xs, widths, [t.major for t in tick_list], 12.0, 1.0, width - 1.0)
        faint = QColor(text)
        faint.setAlphaF(0.3)
        for tick, x, w, show in zip(tick_list, xs, widths, shown, strict=True):
            p.setPen(QPen(faint, 1))
            p.drawLine(QPointF(x, bars_bottom), QPointF(x, bars_bottom + 3))
            if show:
                p.setPen(text)
                p.drawText(QPointF(x - w / 2, height - 2 - self._fm.descent()), tick.label)
        # the timeline's window
        t0, t1 = self._timeline.visible_span()
        x0 = max(scale.x_of(t0), -2.0)
        x1 = min(scale.x_of(t1), width + 2.0)
        if x1 - x0 < 4:
            middle = (x0 + x1) / 2
            x0, x1 = middle - 2, middle + 2
        highlight = QColor(pal.color(QPalette.ColorRole.Highlight))
        fill = QColor(highlight)
        fill.setAlphaF(0.18)
        p.setBrush(fill)
        p.setPen(QPen(highlight, 1.5))
        p.drawRect(QRectF(x0, 2, x1 - x0, height - 4))

    # -- interaction ---------------------------------------------------------------------

    def _move_timeline(self, x: float) -> None:
        scale = self.scale()
        if scale is not None:
            self._timeline.center_on(round(scale.t_of(x)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._move_timeline(event.position().x())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.buttons() & Qt.MouseButton.LeftButton:
            self._move_timeline(event.position().x())
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        pixel, angle = event.pixelDelta(), event.angleDelta()
        dy = pixel.y() / 40 if not pixel.isNull() else angle.y() / 120
        if dy:
            self._timeline.zoom_by(1.25 ** -dy)
        event.accept()
