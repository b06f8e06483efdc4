"""Painting the timeline: the axis, eras, lanes, marks, labels and density cells of the last
layout (models.timeline.layout), moved to the current scale when the view has changed since.
Nothing here decides what to draw; it only paints."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence

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
from PySide6.QtWidgets import QWidget

from models.dates import OPEN_END
from models.domain import Era, LaneMode
from models.timeline.colors import lane_hue
from models.timeline.layout import FADE_PX, MORE_W, POINT_R
from models.timeline.specs import CellSpec, LaneSpec, MarkSpec
from models.timescale import (
    TickUnit,
    choose_unit,
    context_label,
    place_axis_labels,
    sample_label,
    ticks,
)

EMPTY_STORE = ("Nothing to show yet. Import a file (Ctrl+I), drop one on this window, "
               "or read a news article (Ctrl+Shift+I).")
EMPTY_VIEW = "No events in this stretch of time. Press Home to see them all."


def lane_color(kind: str, lane_id: int | None, dark: bool, own: str | None = None) -> QColor:
    """The colour of a party's or category's lane (its own colour first); grey for "Other"."""
    if own:
        color = QColor(own)
        if color.isValid():
            return color
    if lane_id is None:
        return QColor(140, 140, 140) if dark else QColor(120, 120, 120)
    return QColor.fromHslF(lane_hue(kind, lane_id) / 360, 0.62, 0.62 if dark else 0.45)


def short_count(n: int) -> str:
    """A count that fits a narrow cell: 950, 1.9k, 12k, 1.2M (the exact one is in its tooltip)."""
    if n < 1000:
        return str(n)
    for unit, size in (("M", 1_000_000), ("k", 1000)):
        if n >= size:
            value = n / size
            return f"{value:.1f}{unit}" if value < 10 else f"{value:.0f}{unit}"
    return str(n)


def text_color_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on `color`."""
    r, g, b = color.redF(), color.greenF(), color.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor(20, 20, 20) if luminance > 0.5 else QColor(255, 255, 255)


def blend(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of a over b, opaque (translucent fills and lines are slow in software)."""
    return QColor.fromRgbF(*(share * x + (1 - share) * y for x, y in zip(
        (a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF()), strict=True)))


class TimelinePainting(QWidget):
    """The paint methods of TimelineView (a mixin: it paints the view's state)."""

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
        lanes_top = self.lanes_top()
        view_h = height - lanes_top
        layout = self._layout
        # Since the last layout the view may have moved: place what it holds at the new scale.
        laid = self._laid_for.frame.scale if self._laid_for is not None else self._scale
        ratio = laid.seconds_per_px / self._scale.seconds_per_px
        shift = (laid.start - self._scale.start) / self._scale.seconds_per_px
        max_scroll = max(0.0, layout.content_height - view_h)
        self._scroll_y = min(max(self._scroll_y, 0.0), max_scroll)
        top = lanes_top - self._scroll_y

        alt = pal.color(QPalette.ColorRole.AlternateBase)
        if alt == base or abs(alt.lightness() - base.lightness()) > 40:  # not a palette pair
            alt = base.darker(104) if not dark else base.lighter(115)
        self._paint_background(p, eras, top, base, alt, dark)
        self._paint_eras(p, eras, dark)
        self._paint_axis(p, lanes_top, height, pal)

        p.save()
        p.setClipRect(QRectF(0, lanes_top, width, view_h))
        drawn = [0, 0]
        kind = "party" if self._mode is LaneMode.PARTY else "category"
        colors = [lane_color(kind, lane.lane_id, dark, self.lane_color_name(lane.lane_id))
                  for lane in layout.lanes]
        for lane, color in zip(layout.lanes, colors, strict=True):
            y = top + lane.top
            if y > height or y + lane.height < lanes_top:
                continue
            self._paint_lane(p, lane, y, color, text, base, ratio, shift, drawn)
        self.marks_drawn, self.labels_drawn = drawn
        self._paint_today(p, lanes_top, height)
        self._paint_lane_heads(p, layout.lanes, colors, top, base, text, dark)
        p.restore()

        if max_scroll > 0:  # a scroll indicator when the lanes overflow
            track = view_h - 4
            bar = max(track * view_h / layout.content_height, 16)
            pos = (track - bar) * self._scroll_y / max_scroll
            handle = QColor(text)
            handle.setAlphaF(0.35)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(handle)
            p.drawRoundedRect(QRectF(width - 6, lanes_top + 2 + pos, 4, bar), 2, 2)
        if not layout.lanes and not self.exporting and self._laid_for is not None:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.setFont(self._font)
            message = EMPTY_STORE if self.store_empty else EMPTY_VIEW
            p.drawText(QRectF(20, lanes_top, width - 40, view_h),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
        if self.hasFocus() and not self.exporting:  # no focus frame on paper or in files
            focus = QColor(pal.color(QPalette.ColorRole.Highlight))
            p.setPen(QPen(focus, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(1, 1, width - 2, height - 2))

    def _paint_lane(self, p: QPainter, lane: LaneSpec, y: float, color: QColor, text: QColor,
                    base: QColor, ratio: float, shift: float, drawn: list[int]) -> None:
        """A lane's density cells, marks and labels, at x * ratio + shift."""
        width = self._width()
        row_h = self._row_h
        rows_top = y + self._lane_head
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        if lane.cells:
            # opaque shades by order of magnitude (translucent fills are slow in software)
            shades = [blend(color, base, 0.22 + 0.09 * k) for k in range(8)]
            inks = [text_color_on(shade) for shade in shades]
            p.setFont(self._small_bold)
            for cell in lane.cells:
                if cell.x1 * ratio + shift >= 0 and cell.x0 * ratio + shift <= width:
                    self._paint_cell(p, cell, rows_top, shades, inks, ratio, shift)
        ink = text_color_on(color)
        faint = blend(color, base, 0.45)
        baseline_shift = (self._fm.ascent() - self._fm.descent()) / 2
        for mark in lane.marks:
            x0, x1 = mark.x0 * ratio + shift, mark.x1 * ratio + shift
            if x1 < -30 or (x0 > width + 30 and not mark.label):
                continue
            drawn[0] += 1
            top = rows_top + mark.row * row_h + 3
            mid = top + (row_h - 6) / 2
            if mark.bar:
                rect = QRectF(x0, top, max(x1 - x0, 2.0), row_h - 6)
                self._paint_bar(p, mark, rect, blend(color, base, 0.4) if mark.coarse else color,
                                width)
                if mark.selected:
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.setPen(QPen(highlight, 2))
                    p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 5, 5)
            else:
                x = (x0 + x1) / 2
                extent = mark.extent_x * ratio + shift
                if extent - x > 6:  # a coarse date: the span it may fall in, faintly
                    p.fillRect(QRectF(x, top + row_h - 8.5, min(extent, width + 10) - x, 2.5),
                               faint)
                r = POINT_R + 0.5 if mark.selected else POINT_R - 0.5
                diamond = QPolygonF([QPointF(x, mid - r), QPointF(x + r, mid),
                                     QPointF(x, mid + r), QPointF(x - r, mid)])
                if mark.fuzzy_start:
                    p.setBrush(base)
                    p.setPen(QPen(color, 1.6))
                else:
                    p.setBrush(color)
                    p.setPen(QPen(color.darker(130), 1))
                if mark.selected:
                    p.setPen(QPen(highlight, 2))
                p.drawPolygon(diamond)
            if not mark.label:
                continue
            drawn[1] += 1
            if ratio == 1 and shift == 0:
                label_x = mark.label_x
            elif mark.label_inside:
                label_x = max(x0, 0.0) + 6
            elif mark.label_x >= mark.x1:
                label_x = x1 + (mark.label_x - mark.x1)
            else:
                label_x = x0 + (mark.label_x - mark.x0)
            p.setPen(ink if mark.label_inside and not mark.coarse else text)
            p.setFont(self._bold if mark.selected else self._font)
            p.drawText(QPointF(label_x, mid + baseline_shift), mark.label)

    def _paint_cell(self, p: QPainter, cell: CellSpec, rows_top: float, shades: list[QColor],
                    inks: list[QColor], ratio: float, shift: float) -> None:
        """A crowded stretch: a block in the lane's colour, stronger the more it holds, and
        its count where it fits."""
        x0, x1 = cell.x0 * ratio + shift, cell.x1 * ratio + shift
        top = rows_top + cell.row * self._row_h + 3
        shade = min(int(math.log10(max(cell.count, 1)) * 2), len(shades) - 1)
        p.fillRect(QRectF(x0, top, max(x1 - x0 - 1, 2.0), self._row_h - 6), shades[shade])
        label = short_count(cell.count)
        lx = max(x0, 0.0) + 3
        if lx + self._axis_width(label, True) > x1 - 3:  # the count is in the cell's tooltip
            return
        p.setPen(inks[shade])
        p.drawText(QPointF(lx, top + (self._row_h - 6) / 2
                           + (self._fm_small.ascent() - self._fm_small.descent()) / 2), label)

    def _paint_lane_heads(self, p: QPainter, lanes: Sequence[LaneSpec], colors: list[QColor],
                          top: float, base: QColor, text: QColor, dark: bool) -> None:
        """Lane names at the left of each band, and "+N more" at the right, over everything."""
        width = self._width()
        fm = self._fm_small_bold
        p.setFont(self._small_bold)
        back = QColor(base)
        back.setAlphaF(0.85)
        for lane, color in zip(lanes, colors, strict=True):
            y = top + lane.top
            if y > self.height() or y + lane.height < self.lanes_top():
                continue
            name = fm.elidedText(lane.name, Qt.TextElideMode.ElideRight, width * 0.4)
            w = fm.horizontalAdvance(name)
            p.fillRect(QRectF(2, y + 1, w + 8, self._lane_head), back)
            p.setPen(color.lighter(130) if dark else color.darker(115))
            p.drawText(QPointF(6, y + 1 + fm.ascent()), name)
            if lane.more:
                label = f"+{lane.more:,} more"
                mw = fm.horizontalAdvance(label) + 12
                rect = QRectF(width - MORE_W + (MORE_W - mw) - 4, y + 1, mw, self._lane_head)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(blend(color, base, 0.2))
                p.drawRoundedRect(rect, 4, 4)
                p.setPen(text)
                p.drawText(QPointF(rect.left() + 6, y + 1 + fm.ascent()), label)

    def _axis_width(self, text: str, bold: bool = False) -> float:
        key = ("b" if bold else "r") + text
        width = self._axis_widths.get(key)
        if width is None:
            if len(self._axis_widths) > 2000:
                self._axis_widths.clear()
            fm = self._fm_small_bold if bold else self._fm_small
            width = self._axis_widths[key] = fm.horizontalAdvance(text)
        return width

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
        # opaque, pre-blended: translucent full-height lines cost 6-10 times as much to draw
        base = pal.color(QPalette.ColorRole.Base)
        grid = blend(text, base, 0.07)
        grid_major = blend(text, base, 0.16)
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

    def _era_spans(self, eras: Sequence[Era]) -> list[tuple[Era, float, float, QColor]]:
        """The eras in view: (era, x0, x1, colour)."""
        width = self._width()
        scale = self._scale
        start, end = scale.span(width)
        out = []
        for era in sorted(eras, key=lambda e: (e.when.earliest, e.id)):
            latest = end if era.when.latest >= OPEN_END else era.when.latest
            if latest < start or era.when.earliest > end:
                continue
            x0 = max(scale.x_of(era.when.earliest), -2.0)
            x1 = max(min(scale.x_of(latest), width + 2.0), x0 + 2)
            color = QColor(era.color) if era.color else QColor()
            if not color.isValid():
                color = self.palette().color(QPalette.ColorRole.Highlight)
            out.append((era, x0, x1, color))
        return out

    def _paint_background(self, p: QPainter, eras: Sequence[Era], top: float, base: QColor,
                          alt: QColor, dark: bool) -> None:
        """Lane bands (every other one shaded) and eras behind them, as opaque rectangles of
        pre-blended colour: translucent full-height fills cost several times as much."""
        width, height = self._width(), self.height()
        spans = self._era_spans(eras)
        edges = sorted({0.0, float(width), *(min(max(x, 0.0), width) for _, x0, x1, _ in spans
                                              for x in (x0, x1))})
        share = 0.13 if dark else 0.10
        bands = [(float(self._axis_h), float(height), base)]  # under everything: the era band
        for n, lane in enumerate(self._layout.lanes):
            y = top + lane.top
            if n % 2 and y < height and y + lane.height > self.lanes_top():
                bands.append((max(y, float(self.lanes_top())), min(y + lane.height, height), alt))
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for y0, y1, band in bands:
            for a, b in itertools.pairwise(edges):
                color = band
                for _, x0, x1, tint in spans:
                    if x0 <= a and b <= x1:
                        color = blend(tint, color, share)
                if color is not band or band is not base:
                    p.fillRect(QRectF(a, y0, b - a, y1 - y0), color)
        p.restore()

    def _paint_eras(self, p: QPainter, eras: Sequence[Era], dark: bool) -> None:
        """Each era named in the era band; where eras overlap, a name moves right past the one
        before it while it stays within its own era."""
        width = self._width()
        fm = self._fm_small
        p.setFont(self._small)
        placed_to = -math.inf
        for era, x0, x1, color in self._era_spans(eras):
            label_x = max(x0, 0.0, placed_to + 10) + 4
            name = fm.elidedText(era.name, Qt.TextElideMode.ElideRight,
                                 max(min(x1, width) - label_x - 4, 0.0))
            if not name or name == "…":
                continue
            p.setPen(color.lighter(150) if dark else color.darker(160))
            p.drawText(QPointF(label_x, self._axis_h + 3 + fm.ascent()), name)
            placed_to = label_x + fm.horizontalAdvance(name)

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

    def _paint_bar(self, p: QPainter, mark: MarkSpec, rect: QRectF, color: QColor,
                   width: int) -> None:
        open_end = mark.open_end
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
                gradient.setColorAt(min(max(begin, 0.0), 1.0), color)
                end_color = QColor(color)
                end_color.setAlphaF(0.15)
                gradient.setColorAt(min(max((right - rect.left()) / rect.width(), 0.0), 1.0),
                                    end_color)
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
