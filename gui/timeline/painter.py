"""Painting the timeline: the axis, eras, lanes, marks and density of the view in hand."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)

from gui.timeline.fetcher import FADE_PX, LABEL_BUDGET, MARK_BUDGET, OVERFLOW_H, _Window
from models.dates import OPEN_END
from models.domain import Era, EventMark
from models.timescale import (
    TickUnit,
    choose_unit,
    context_label,
    pack_labels,
    place_axis_labels,
    sample_label,
    ticks,
)

# Hues for lanes, spread so neighbours differ; lightness is chosen per palette (light/dark).
LANE_HUES = (212, 24, 145, 275, 48, 352, 185, 95, 320, 240, 5, 160)


def lane_color(index: int, dark: bool) -> QColor:
    hue = LANE_HUES[index % len(LANE_HUES)]
    return QColor.fromHslF(hue / 360, 0.62, 0.62 if dark else 0.45)


def text_color_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on `color`."""
    r, g, b = color.redF(), color.greenF(), color.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor(20, 20, 20) if luminance > 0.5 else QColor(255, 255, 255)


@dataclass(slots=True)
class _LaneLayout:
    lane_id: int | None
    name: str
    color: QColor
    top: float  # content coordinates (before scrolling), from the top of the lane area
    height: float
    rows: int  # label rows in use; marks that found no room go to a thin strip below them
    # (mark, row, label shown, x0, x1, label x)
    items: list[tuple[EventMark, int, bool, float, float, float]] = field(default_factory=list)


class TimelinePainting:
    """The paint methods of TimelineView (a mixin: it paints the view's state)."""

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        started = time.perf_counter()
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()
            self.paint_ms.append((time.perf_counter() - started) * 1000)

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        width, height = self._width(), self.height()
        base = pal.color(QPalette.ColorRole.Base)
        dark = base.lightness() < 128
        text = pal.color(QPalette.ColorRole.Text)
        p.fillRect(self.rect(), base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        eras = self._era_list()
        era_h = self._era_h if eras else 0
        lanes_top = self._axis_h + era_h
        window = self._in_hand()
        # The same view again (a scroll, focus, an expose): the layout of the last paint will do.
        paint_key = self._paint_key()
        key = (*paint_key[:3], *paint_key[4:], dark)  # the layout ignores the scroll offset
        if self._layout_key == key:
            layout = self._layout_lanes
        else:
            layout = [] if window.dense else self._layout(window.marks, dark)
            if window.dense:
                self._content_height = 0.0
            self._layout_key = key
        self._layout_lanes = layout
        start, end = self.visible_span()
        pending = not self._covers(self._window, start, end)
        # Near the budget, density fades in behind the marks (and the marks fade a little), so
        # the switch to density alone does not jump.
        blend = 1.0 if window.dense else self._blend(self._in_view)
        if blend > 0 and not self._bins_cover(start, end):
            self._fetch_timer.start()  # (zoomed out within the window in hand)
        view_h = height - lanes_top
        max_scroll = max(0.0, self._content_height - view_h)
        self._scroll_y = min(max(self._scroll_y, 0.0), max_scroll)
        hits: list[tuple[float, float, float, float, int]] = []

        # lane bands
        alt = pal.color(QPalette.ColorRole.AlternateBase)
        if alt == base or abs(alt.lightness() - base.lightness()) > 40:  # not a palette pair
            alt = base.darker(104) if not dark else base.lighter(115)
        p.save()
        p.setClipRect(QRectF(0, lanes_top, width, view_h))
        for n, lane in enumerate(layout):
            y = lanes_top + lane.top - self._scroll_y
            if y > height or y + lane.height < lanes_top:
                continue
            if n % 2:
                p.fillRect(QRectF(0, y, width, lane.height), alt)
        p.restore()

        self._paint_eras(p, eras, lanes_top, height, dark)
        unit = self._paint_axis(p, lanes_top, height, pal)

        p.save()
        p.setClipRect(QRectF(0, lanes_top, width, view_h))
        if blend > 0:
            self._paint_density(p, lanes_top, height, pal, window, blend)
        if layout and blend > 0:
            p.setOpacity(1.0 - 0.6 * blend)
        drawn = [0, 0]  # marks, labels
        for lane in layout:
            y = lanes_top + lane.top - self._scroll_y
            if y > height or y + lane.height < lanes_top:
                continue
            self._paint_lane(p, lane, y, text, base, hits, drawn)
        p.setOpacity(1.0)
        self.marks_drawn, self.labels_drawn = drawn
        self._paint_today(p, lanes_top, height)
        p.restore()

        # lane names: on top of everything, at the left edge of each band
        p.save()
        p.setClipRect(QRectF(0, lanes_top, width, view_h))
        p.setFont(self._small_bold)
        for lane in layout:
            y = lanes_top + lane.top - self._scroll_y
            if y > height or y + lane.height < lanes_top:
                continue
            name = self._fm_small_bold.elidedText(lane.name, Qt.TextElideMode.ElideRight,
                                                  width * 0.4)
            w = self._fm_small_bold.horizontalAdvance(name)
            back = QColor(base)
            back.setAlphaF(0.8)
            p.fillRect(QRectF(2, y + 1, w + 8, self._lane_head), back)
            color = QColor(lane.color)
            color = color.lighter(130) if dark else color.darker(115)
            p.setPen(color)
            p.drawText(QPointF(6, y + 1 + self._fm_small_bold.ascent()), name)
        p.restore()

        # a scroll indicator when the lanes overflow
        if max_scroll > 0:
            track = view_h - 4
            bar = max(track * view_h / self._content_height, 16)
            pos = (track - bar) * self._scroll_y / max_scroll
            handle = QColor(text)
            handle.setAlphaF(0.35)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(handle)
            p.drawRoundedRect(QRectF(width - 6, lanes_top + 2 + pos, 4, bar), 2, 2)
        if not layout and not window.dense and not pending:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.setFont(self._font)
            p.drawText(QRectF(0, lanes_top, width, view_h), Qt.AlignmentFlag.AlignCenter,
                       "No events here. Press Home to see them all.")
        if self.hasFocus() and not self.exporting:  # no focus frame on paper or in files
            focus = QColor(pal.color(QPalette.ColorRole.Highlight))
            p.setPen(QPen(focus, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(1, 1, width - 2, height - 2))
        self._hits = hits
        self._hits_key = self._paint_key()
        self._unit = unit

    def _paint_axis(self, p: QPainter, lanes_top: float, height: int,
                    pal: QPalette) -> TickUnit:
        width = self._width()
        scale = self._scale
        start, end = scale.span(width)
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        p.fillRect(QRectF(0, 0, width, self._axis_h), window)
        unit = choose_unit(scale.seconds_per_px, 40.0,
                           lambda u: self._axis_width(sample_label(u, start), True) + 14)
        tick_list = ticks(start, end, width, 40.0, unit)
        xs = [scale.x_of(t.t) for t in tick_list]
        widths = [self._axis_width(t.label, t.major) for t in tick_list]
        shown = place_axis_labels(xs, widths, [t.major for t in tick_list], 10.0, 2.0, width - 2.0)
        grid = QColor(text)
        grid_major = QColor(text)
        grid.setAlphaF(0.07)
        grid_major.setAlphaF(0.16)
        label_y = self._axis_h - 6 - self._fm_small.descent()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for tick, x in zip(tick_list, xs, strict=True):
            p.setPen(QPen(grid_major if tick.major else grid, 1))
            p.drawLine(QPointF(x, lanes_top), QPointF(x, height))
            p.setPen(QPen(text, 1))
            p.drawLine(QPointF(x, self._axis_h - 4), QPointF(x, self._axis_h))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(text)
        for tick, x, w, show in zip(tick_list, xs, widths, shown, strict=True):
            if show:
                p.setFont(self._small_bold if tick.major else self._small)
                p.drawText(QPointF(x - w / 2, label_y), tick.label)
        context = context_label(start, unit)
        if unit.kind == "month" and any(t.major for t, s in zip(tick_list, shown, strict=True)
                                        if s):
            context = ""  # the January labels say the year
        if context:
            p.setFont(self._small_bold)
            p.drawText(QPointF(6, 3 + self._fm_small.ascent()), context)
        line = QColor(text)
        line.setAlphaF(0.3)
        p.setPen(QPen(line, 1))
        p.drawLine(QPointF(0, self._axis_h - 0.5), QPointF(width, self._axis_h - 0.5))
        return unit

    def _paint_eras(self, p: QPainter, eras: Sequence[Era], lanes_top: float, height: int,
                    dark: bool) -> None:
        if not eras:
            return
        width = self._width()
        scale = self._scale
        start, end = scale.span(width)
        visible = []
        for era in eras:
            latest = end if era.when.latest >= OPEN_END else era.when.latest
            if latest < start or era.when.earliest > end:
                continue
            x0 = max(scale.x_of(era.when.earliest), -2.0)
            x1 = min(scale.x_of(latest), width + 2.0)
            visible.append((era, x0, max(x1, x0 + 2)))
        p.setFont(self._small)
        items = []
        for era, x0, x1 in visible:
            color = QColor(era.color) if era.color else self.palette().color(
                QPalette.ColorRole.Highlight)
            if not color.isValid():
                color = self.palette().color(QPalette.ColorRole.Highlight)
            fill = QColor(color)
            fill.setAlphaF(0.13 if dark else 0.10)
            p.fillRect(QRectF(x0, self._axis_h, x1 - x0, height - self._axis_h), fill)
            name = self._fm_small.elidedText(era.name, Qt.TextElideMode.ElideRight,
                                             max(x1 - max(x0, 0.0) - 8, 0.0))
            items.append((max(x0, 0.0) + 4, self._fm_small.horizontalAdvance(name), name, color))
        rows = pack_labels([(x, w) for x, w, _, _ in items], 1, 6.0)
        for (x, _, name, color), row in zip(items, rows, strict=True):
            if row < 0 or not name:
                continue
            ink = QColor(color).lighter(150) if dark else QColor(color).darker(160)
            p.setPen(ink)
            p.drawText(QPointF(x, self._axis_h + 3 + self._fm_small.ascent()), name)

    def _paint_today(self, p: QPainter, lanes_top: float, height: int) -> None:
        """A line at the current time through the lanes, labelled in the axis' top row."""
        x = self._scale.x_of(time.time())
        if not -1 <= x <= self._width() + 1:
            return
        red = QColor(214, 48, 49)
        p.save()
        p.setClipping(False)
        p.setPen(QPen(red, 1.5))
        p.drawLine(QPointF(x, self._axis_h - 6), QPointF(x, height))
        p.setFont(self._small_bold)
        label = "Today"
        w = self._fm_small_bold.horizontalAdvance(label)
        lx = x + 4 if x + 4 + w < self._width() else x - 4 - w
        p.setPen(red)
        p.drawText(QPointF(lx, 3 + self._fm_small.ascent()), label)
        p.restore()

    def _paint_density(self, p: QPainter, top: float, height: int, pal: QPalette,
                       window: _Window, strength: float = 1.0) -> None:
        """Density bars from the bins in hand, placed by their times (so they pan and zoom
        before a refetch), and when the view is dense, how many events it holds."""
        width = self._width()
        scale = self._scale
        bins = self._bins
        counts: list[tuple[float, float, int]] = []
        if bins is not None:
            start, end = scale.span(width)
            first = max(math.floor((start - bins.t0) / bins.step), 0)
            last = min(math.ceil((end - bins.t0) / bins.step), len(bins.counts))
            bw = bins.step / scale.seconds_per_px
            for i in range(first, last):
                if bins.counts[i]:
                    counts.append((scale.x_of(bins.t0 + i * bins.step), bw, bins.counts[i]))
        peak = max((c for _, _, c in counts), default=0)
        # opaque (pre-blended) and unantialiased: big translucent fills are slow in software
        highlight = pal.color(QPalette.ColorRole.Highlight)
        base = pal.color(QPalette.ColorRole.Base)
        mix = 0.55 * strength  # (painter opacity would be slow too)
        color = QColor.fromRgbF(*(mix * a + (1 - mix) * b for a, b in zip(
            (highlight.redF(), highlight.greenF(), highlight.blueF()),
            (base.redF(), base.greenF(), base.blueF()), strict=True)))
        area = height - top - 30
        if peak > 0:
            p.save()
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            for x, bw, c in counts:
                h = max(area * math.sqrt(c / peak), 1.0)
                p.fillRect(QRectF(x, height - h, max(bw - 1, 1), h), color)
            p.restore()
        if window.dense:
            count = f"{window.count:,}" if window.count is not None else f"{MARK_BUDGET:,}+"
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.setFont(self._font)
            p.drawText(QRectF(0, top + 6, width, self._row_h), Qt.AlignmentFlag.AlignHCenter,
                       f"{count} events in view: zoom in to see them one by one")

    def _paint_lane(self, p: QPainter, lane: _LaneLayout, y: float, text: QColor, base: QColor,
                    hits: list[tuple[float, float, float, float, int]],
                    drawn: list[int]) -> None:
        """Draws a lane's marks and labels; `drawn` counts marks and labels (LABEL_BUDGET)."""
        width = self._width()
        row_h = self._row_h
        color = lane.color
        ink = text_color_on(color)
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        faint = QColor(color)
        faint.setAlphaF(0.45)
        for mark, row, shown, x0, x1, label_x in lane.items:
            selected = mark.id == self._selected
            drawn[0] += 1
            if row < 0:
                self._paint_compact(p, mark, x0, x1, y + self._lane_head + lane.rows * row_h + 2,
                                    color, highlight if selected else None, hits)
                continue
            top = y + self._lane_head + row * row_h + 3
            mid = top + (row_h - 6) / 2
            if mark.is_range:
                rect = QRectF(x0, top, x1 - x0, row_h - 6)
                self._paint_bar(p, mark, rect, color, width)
                if selected:
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.setPen(QPen(highlight, 2))
                    p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 5, 5)
                hits.append((x0, top, x1, top + row_h - 6, mark.id))
                inside = label_x < x1
            else:
                x = (x0 + x1) / 2
                extent = self._scale.x_of(mark.latest) - x
                if extent > 6:  # a coarse date: show the span it may fall in, faintly
                    p.fillRect(QRectF(x, top + row_h - 5.5, min(extent, width + 10 - x), 2.5),
                               faint)
                r = 5.5 if selected else 4.5
                diamond = QPolygonF([QPointF(x, mid - r), QPointF(x + r, mid),
                                     QPointF(x, mid + r), QPointF(x - r, mid)])
                if mark.fuzzy_start:
                    p.setBrush(base)
                    p.setPen(QPen(color, 1.6, Qt.PenStyle.SolidLine))
                else:
                    p.setBrush(color)
                    p.setPen(QPen(color.darker(130), 1))
                if selected:
                    p.setPen(QPen(highlight, 2))
                p.drawPolygon(diamond)
                hits.append((x - r - 1, mid - r - 1, x + r + 1, mid + r + 1, mark.id))
                inside = False
            if not shown and not inside:  # (a label inside its own bar is always room)
                continue
            if drawn[1] >= LABEL_BUDGET and not selected:
                continue
            drawn[1] += 1
            label, label_w = self._label(mark.title, selected)
            if inside:
                room = min(x1, width) - label_x - 4
                if room < 12:
                    continue
                if label_w > room:
                    fm = self._fm_bold if selected else self._fm
                    label = fm.elidedText(label, Qt.TextElideMode.ElideRight, room)
                    label_w = fm.horizontalAdvance(label)
                p.setPen(ink)
            else:
                p.setPen(text)
            p.setFont(self._bold if selected else self._font)
            baseline = mid + (self._fm.ascent() - self._fm.descent()) / 2
            p.drawText(QPointF(label_x, baseline), label)
            hits.append((label_x, top, label_x + label_w, top + row_h - 6, mark.id))

    def _paint_compact(self, p: QPainter, mark: EventMark, x0: float, x1: float, top: float,
                       color: QColor, outline: QColor | None,
                       hits: list[tuple[float, float, float, float, int]]) -> None:
        """A mark without a row of its own: a thin bar or a small tick in the overflow strip."""
        h = OVERFLOW_H - 3
        if not mark.is_range:
            x0, x1 = (x0 + x1) / 2 - 1.5, (x0 + x1) / 2 + 1.5
        rect = QRectF(x0, top, x1 - x0, h)
        p.setPen(QPen(outline, 1.5) if outline is not None else Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRoundedRect(rect, 1.5, 1.5)
        hits.append((x0 - 1, top - 1, x1 + 1, top + h + 1, mark.id))

    def _paint_bar(self, p: QPainter, mark: EventMark, rect: QRectF, color: QColor,
                   width: int) -> None:
        open_end = mark.open_end or mark.latest >= OPEN_END
        fade = min(FADE_PX, rect.width() * 0.3)
        if mark.fuzzy_start or mark.fuzzy_end or open_end:
            gradient = QLinearGradient(rect.left(), 0, rect.right(), 0)
            clear = QColor(color)
            clear.setAlphaF(0.0)
            stop = fade / rect.width()
            gradient.setColorAt(0.0, clear if mark.fuzzy_start else color)
            if mark.fuzzy_start:
                gradient.setColorAt(stop, color)
            if open_end:
                # fade out over the last 48 px on screen, towards the right edge
                right = min(rect.right(), width)
                begin = max((right - 48 - rect.left()) / rect.width(), stop)
                gradient.setColorAt(begin, color)
                end_color = QColor(color)
                end_color.setAlphaF(0.15)
                gradient.setColorAt(min((right - rect.left()) / rect.width(), 1.0), end_color)
                gradient.setColorAt(1.0, end_color)
            elif mark.fuzzy_end:
                gradient.setColorAt(1.0 - stop, color)
                gradient.setColorAt(1.0, clear)
            else:
                gradient.setColorAt(1.0, color)
            p.setBrush(QBrush(gradient))
        else:
            p.setBrush(color)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(rect, 4, 4)
        if open_end and rect.right() >= width:
            # an open arrow at the right edge: "continues"
            cx, cy = width - 9.0, rect.center().y()
            h = rect.height() / 2 - 1
            path = QPainterPath(QPointF(cx - h / 1.5, cy - h))
            path.lineTo(QPointF(cx, cy))
            path.lineTo(QPointF(cx - h / 1.5, cy + h))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(color.darker(120), 2))
            p.drawPath(path)

