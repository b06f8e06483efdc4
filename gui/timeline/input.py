"""Input on the timeline: mouse, wheel, keys, tooltips and the lane menu (a mixin of
TimelineView: it changes the view's state through the view's own methods)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from gui.timeline.lane_menu import lane_menu
from models.timeline.specs import Hit, LaneSpec
from models.timescale import showing


class TimelineInput(QWidget):
    """The input handlers of TimelineView."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.hit_at(event.pos())
            event_id = hit.target if hit is not None and hit.kind == "event" else None
            mark = self._mark_of(event_id) if event_id is not None else None
            if hit is not None and hit.kind in ("cell", "more"):
                QToolTip.showText(event.globalPos(), self._count_tip(hit), self)
            elif mark is None:
                QToolTip.hideText()
                event.ignore()
            else:
                # One small query on hover gives the date exactly as written.
                found = self._source.event(mark.id)
                when = found.when.display() if found is not None else ""
                # Escaped, so user text shows as typed (QToolTip would guess at rich text).
                tip = (f'<p style="white-space:pre-wrap">{html.escape(mark.title)}<br>'
                       f"{html.escape(when)}</p>")
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._set_fonts()
            self.update()
        return super().event(event)

    def lane_at(self, y: float) -> LaneSpec | None:
        """The lane drawn at height y (None: the axis, eras or below)."""
        lanes_top = self.lanes_top()
        if y < lanes_top:
            return None
        content_y = y - lanes_top + self._scroll_y
        for lane in self.current_layout().lanes:
            if lane.top <= content_y < lane.top + lane.height:
                return lane
        return None

    def lane_menu(self, lane: LaneSpec) -> QMenu | None:
        """"Pin lane" / "Unpin lane" for a lane (None for the "Other" lane)."""
        return lane_menu(self, lane)

    def context_menu(self, pos: QPoint | None) -> QMenu | None:
        """The menu at `pos` (None: the menu key): the lane's menu (the selected event's lane,
        else the top one, for the menu key) and "Add event here…" at the time there (the
        view's middle for the menu key); None when there is nothing to offer."""
        if pos is not None:
            lane = self.lane_at(pos.y())
            x = float(pos.x())
        else:
            lanes = self.current_layout().lanes
            lane = next((ln for ln in lanes if self._selected in ln.event_ids), None)
            lane = lane or next(iter(lanes), None)
            x = self._width() / 2
        menu = (self.lane_menu(lane) if lane is not None else None) or QMenu(self)
        if self.can_add_events:
            t = self._scale.t_of(x)
            if menu.actions():
                menu.addSeparator()
            add = menu.addAction("Add event here…")
            add.setToolTip("A new event at the time under the mouse")
            add.triggered.connect(lambda: self.add_event_requested.emit(t))
        if not menu.actions():
            menu.deleteLater()
            return None
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        menu = self.context_menu(event.pos() if mouse else None)
        if menu is None:
            event.ignore()
            return
        menu.exec(event.globalPos())
        menu.deleteLater()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._requested is not None:
            self._apply(showing(*self._requested, self._width()))
        else:
            self.scale_changed.emit()
        self._schedule()

    def wheelEvent(self, event: QWheelEvent) -> None:
        pixel = event.pixelDelta()
        angle = event.angleDelta()
        x = event.position().x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Shift+wheel scrolls the lanes (keyboard: Up/Down)
            dy = pixel.y() if not pixel.isNull() else angle.y() / 120 * self._row_h * 2
            if dy == 0:  # some platforms turn Shift+wheel into a horizontal wheel
                dy = pixel.x() if not pixel.isNull() else angle.x() / 120 * self._row_h * 2
            self._scroll_by(-dy)
            event.accept()
            return
        if not pixel.isNull():  # trackpad: vertical zooms, horizontal pans
            dx, dy = pixel.x(), pixel.y()
            if abs(dx) > abs(dy):
                self._requested = None
                self._apply(self._scale.panned(-dx))
            elif dy:
                self.zoom_by(1.005 ** -dy, x)
        else:
            dx, dy = angle.x(), angle.y()
            if abs(dx) > abs(dy):
                self._requested = None
                self._apply(self._scale.panned(-dx / 120 * self._width() / 10))
            elif dy:
                self.zoom_by(1.25 ** (-dy / 120), x)
        event.accept()

    def _scroll_by(self, dy: float) -> None:
        view_h = self.height() - self.lanes_top()
        max_scroll = max(0.0, self._layout.content_height - view_h)
        new = min(max(self._scroll_y + dy, 0.0), max_scroll)
        if new != self._scroll_y:
            self._scroll_y = new
            self.update()

    def step_selection(self, step: int) -> None:
        """Select the next (1) or previous (-1) event in time among those fetched for the view,
        bring it into view and emit event_clicked (Ctrl+Right / Ctrl+Left)."""
        order = self._marks().all_marks()
        if not order:
            return
        ids = [m.id for m in order]
        if self._selected in ids:
            i = ids.index(self._selected) + step
        else:  # start from the middle of the view
            middle = self._scale.t_of(self._width() / 2)
            i = next((n for n, m in enumerate(order) if m.earliest >= middle), len(order) - 1)
            i = i if step > 0 else max(i - 1, 0)
        if not 0 <= i < len(order):
            return
        mark = order[i]
        start, end = self.visible_span()
        if not start <= mark.earliest <= end:
            self.center_on(mark.earliest)
        self.select_event(mark.id)
        self.event_clicked.emit(mark.id)

    def scroll_offset(self) -> float:
        return self._scroll_y

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position(), self._scale, self._scroll_y)
            self._dragged = False
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            origin, scale, scroll = self._press
            delta = event.position() - origin
            if not self._dragged and (abs(delta.x()) + abs(delta.y())
                                      >= QApplication.startDragDistance()):
                self._dragged = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragged:
                self._requested = None
                self._apply(scale.panned(-delta.x()))
                self._scroll_y = scroll
                self._scroll_by(-delta.y())
            event.accept()
            return
        hovering = self.hit_at(event.position(), wait=False) is not None  # (never a fetch)
        self.setCursor(Qt.CursorShape.PointingHandCursor if hovering
                       else Qt.CursorShape.OpenHandCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                self._click(self.hit_at(event.position()))
            self._press = None
            self._dragged = False
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        width = self._width()
        cursor = self.mapFromGlobal(self.cursor().pos())
        around = cursor.x() if self.rect().contains(cursor) and self.underMouse() else width / 2
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if control and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_selection(1 if key == Qt.Key.Key_Right else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.event_clicked.emit(self._selected)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(0.5, around)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(2.0, around)
        elif key == Qt.Key.Key_Left:
            self._requested = None
            self._apply(self._scale.panned(-width / 8))
        elif key == Qt.Key.Key_Right:
            self._requested = None
            self._apply(self._scale.panned(width / 8))
        elif key == Qt.Key.Key_Up:
            self._scroll_by(-self._row_h * 2)
        elif key == Qt.Key.Key_Down:
            self._scroll_by(self._row_h * 2)
        elif key == Qt.Key.Key_PageUp:
            self._scroll_by(-(self.height() - self._axis_h))
        elif key == Qt.Key.Key_PageDown:
            self._scroll_by(self.height() - self._axis_h)
        elif key == Qt.Key.Key_Home:
            self.zoom_to_fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _count_tip(self, hit: Hit) -> str:
        """What a density cell or a "+N more" marker stands for (plain text: no user text)."""
        lane = next((ln for ln in self.current_layout().lanes if ln.lane_id == hit.target), None)
        if hit.kind == "more":
            more = lane.more if lane is not None else 0
            return f"{more:,} more events in this lane: click to show them all"
        count = next((c.count for c in (lane.cells if lane else ())
                      if c.start == hit.start and c.end == hit.end), 0)
        return f"{count:,} events start here: click to zoom in to them"

    def _click(self, hit: Hit | None) -> None:
        """An event selects it; a density cell zooms to its stretch; "+N more" opens the lane."""
        if hit is None:
            if self.is_empty():
                self.import_requested.emit()
            return
        if hit.kind == "event" and hit.target is not None:
            self.select_event(hit.target)
            self.event_clicked.emit(hit.target)
        elif hit.kind == "cell":
            self.go_to(hit.start, hit.end)
        elif hit.kind == "more":
            self.expand_lane(hit.target)
