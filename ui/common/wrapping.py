"""A tree or list whose rows wrap their text to the view's width.

WORKAROUND: QTreeView sizes rows as if text never wraps (its size hints get no
width), so a long finding is cut to one line however narrow the dock is. This
delegate measures each row at the width the view gives its column and asks for
a new layout when that width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the column's width."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if isinstance(view, QTreeView):
            view.setUniformRowHeights(False)
        view.viewport().installEventFilter(self)
        self._width = -1
        self._sizes: dict[tuple, QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._text_width(opt, index)
        # Laying out wrapped text is the dear part; the view asks again for the same rows after every
        # insert or remove near them, so sizes are kept per (text, width, font, decoration).
        key = (opt.text, width, opt.font.key(), bool(opt.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration))
        found = self._sizes.get(key)
        if found is None:
            style = self.view.style()
            text = style.itemTextRect(opt.fontMetrics, QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), True, opt.text)
            base = super().sizeHint(option, index)
            found = QSize(base.width(), max(base.height(), text.height() + 2 * style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) + 4))
            if len(self._sizes) > 50_000:
                self._sizes.clear()
            self._sizes[key] = found
        return QSize(found)

    def _text_width(self, opt: QStyleOptionViewItem, index: QModelIndex) -> int:
        width = self.view.viewport().width()
        if isinstance(self.view, QTreeView):
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width = self.view.columnWidth(index.column()) - self.view.indentation() * (depth + 1)
        if opt.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            width -= opt.decorationSize.width() + 8
        return max(width - 8, 40)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self._width = self.view.viewport().width()
            self.view.scheduleDelayedItemsLayout()  # row heights follow the new width
        return False
