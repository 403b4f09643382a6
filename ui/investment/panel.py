"""The investment mix dock: where the technology budget goes, and how much of it strategy justifies.

`InvestmentPanel` shows `planner.investment.investment_mix` for the open
roadmap: the share of the tech budget tied to a business goal as a headline
number, the budget by business goal as a table with in-cell bars (the
unlinked remainder last, in a warning colour), and the budget by tech lane
per (fiscal) year as stacked bars over a table. Everything follows the
document's change notices.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import pyqtgraph as pg  # after PySide6, so pyqtgraph binds to it

from planner.alignment import threshold
from planner.dates import fiscal_year_start, year_label
from planner.money import DEFAULT_CURRENCY, compact, exact
from planner.investment import InvestmentMix, investment_mix
from planner.model import ItemId, Roadmap
from ui.document.document import ChangeNotice, RoadmapDocument
from ui.common.models import RowTableModel, sync_rows
from ui.common.tables import list_table
from ui.common.widgets import disconnect_quietly
from ui.document.selection import SelectionModel

ItemIndex = QModelIndex | QPersistentModelIndex

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the business goal of a row (None for the unlinked row)
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the exact amount (or share) behind a cell
BAR_ROLE = Qt.ItemDataRole.UserRole + 3  # 0-1: how long the cell's bar is
BAR_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 4

TIED_COLOUR = "#3d7cc9"
UNLINKED_COLOUR = "#e0a000"
UNLINKED_KEY = "unlinked"
TOTAL_KEY = "total"


# --- models ------------------------------------------------------------------------------------


class GoalInvestmentModel(RowTableModel):
    """Tech budget per supported business goal, largest first, then the budget tied to no goal."""

    HEADERS = ("Business goal", "Tech budget", "Share")
    GOAL, AMOUNT, SHARE = range(3)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[tuple[object, str, float, ItemId | None]] = []  # key, title, amount, goal id
        self.total = 0.0
        self.largest = 0.0  # the longest bar's amount
        self.currency = DEFAULT_CURRENCY  # the roadmap's, set with each mix

    def set_mix(self, mix: InvestmentMix | None, currency: str = DEFAULT_CURRENCY) -> None:
        rows: list[tuple[object, str, float, ItemId | None]] = []
        if currency != self.currency and self._rows:
            self.currency = currency
            self.dataChanged.emit(self.index(0, self.AMOUNT), self.index(len(self._rows) - 1, self.AMOUNT))
        self.currency = currency
        if mix is not None:
            rows = [(g.goal_id, g.title, g.amount, g.goal_id) for g in mix.by_goal]
            if mix.unlinked > 0:
                rows.append((UNLINKED_KEY, "Not tied to any business goal", mix.unlinked, None))
        total = mix.total if mix is not None else 0.0
        largest = max((r[2] for r in rows), default=0.0)
        scale_changed = (total, largest) != (self.total, self.largest)
        self.total, self.largest = total, largest
        sync_rows(self, self._rows, rows, key=lambda r: r[0])
        if scale_changed and self._rows:  # every bar and share is relative to the total
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.SHARE))

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, title, amount, goal_id = self._rows[index.row()]
        column = index.column()
        share = amount / self.total if self.total > 0 else 0.0
        largest = self.largest
        if role == ITEM_ID_ROLE:
            return goal_id
        if role == Qt.ItemDataRole.DisplayRole:
            return (title, compact(amount, self.currency), f"{share:.0%}" if share >= 0.005 or share == 0 else "<1%")[column]
        if role == VALUE_ROLE:
            return (title, amount, share)[column]
        if role == BAR_ROLE and column == self.AMOUNT:
            return amount / largest if largest > 0 else 0.0
        if role == BAR_COLOUR_ROLE:
            return QColor(UNLINKED_COLOUR if key == UNLINKED_KEY else TIED_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.GOAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key == UNLINKED_KEY and column == self.GOAL:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == UNLINKED_KEY:
                return f"{exact(amount, self.currency)} on technology work that supports no business goal"
            return (f"{exact(amount, self.currency)} of technology budget enables “{title}” "
                    "(work supporting several goals is split equally between them)")
        return None


class LaneYearModel(QAbstractTableModel):
    """Tech budget per tech lane (rows) and (fiscal) year (columns), with totals."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.years: tuple[int, ...] = ()
        self.start_month = 1
        self.currency = DEFAULT_CURRENCY
        self._rows: list[tuple[object, str, tuple[float, ...], str]] = []  # key, name, amounts per year, colour

    def set_mix(self, mix: InvestmentMix | None, roadmap: Roadmap | None) -> None:
        years = mix.years if mix is not None else ()
        start_month = roadmap.info.fiscal_year_start_month if roadmap is not None else 1
        rows: list[tuple[object, str, tuple[float, ...], str]] = []
        if mix is not None and years:
            for lane in mix.by_lane:
                colour = roadmap.lanes[lane.lane_id].colour if lane.lane_id in roadmap.lanes else "#999999"
                rows.append((lane.lane_id, lane.name, lane.amounts, colour))
            rows.append((TOTAL_KEY, "Total", mix.year_totals(), ""))
        if years != self.years or start_month != self.start_month:
            # The columns themselves change: the one case for a reset.
            self.beginResetModel()
            self.years, self.start_month, self._rows = years, start_month, rows
            self.endResetModel()
        else:
            sync_rows(self, self._rows, rows, key=lambda r: r[0])

    def lane_rows(self) -> list[tuple[object, str, tuple[float, ...], str]]:
        return [r for r in self._rows if r[0] != TOTAL_KEY]

    def rowCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ItemIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.years) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Tech lane"
            if section == len(self.years) + 1:
                return "Total"
            return year_label(self.years[section - 1], self.start_month)
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(self.years):
            year = self.years[section - 1]
            start = fiscal_year_start(year, self.start_month)
            end = fiscal_year_start(year + 1, self.start_month) - timedelta(days=1)
            return f"{start:%b %Y} – {end:%b %Y}"
        return None

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, name, amounts, colour = self._rows[index.row()]
        column = index.column()
        n = len(self.years)
        amount = sum(amounts) if column == n + 1 else amounts[column - 1] if column > 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return name if column == 0 else compact(amount, self.currency) if amount else "–"
        if role == VALUE_ROLE:
            return name if column == 0 else amount
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and colour:
            return QColor(colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (key == TOTAL_KEY or column == n + 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return exact(amount, self.currency)
        return None


class BarDelegate(QStyledItemDelegate):
    """Draws a horizontal bar (BAR_ROLE long, BAR_COLOUR_ROLE coloured) behind the cell's text."""

    @staticmethod
    def bar_rect(cell: QRectF, text_width: float, share: float) -> QRectF:
        """The bar takes what the right-aligned amount leaves, so the text is never drawn over it."""
        r = cell.adjusted(4, 4, -4 - text_width - 10, -4)
        return QRectF(r.x(), r.y(), max(r.width() * min(max(share, 0.0), 1.0), 1.0), r.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        share = index.data(BAR_ROLE)
        if share is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        colour = QColor(index.data(BAR_COLOUR_ROLE) or TIED_COLOUR)
        colour.setAlphaF(0.45)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(self.bar_rect(QRectF(option.rect), opt.fontMetrics.horizontalAdvance(opt.text), share), 2, 2)
        painter.restore()
        opt.backgroundBrush = Qt.BrushStyle.NoBrush
        opt.state &= ~QStyle.StateFlag.State_Selected  # the panel already drew the selection
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


class _MoneyAxis(pg.AxisItem):
    """Amounts as 2m, 500k rather than pyqtgraph's scientific notation."""

    currency = DEFAULT_CURRENCY

    def tickStrings(self, values, scale, spacing):  # noqa: N802  (pyqtgraph API)
        return [compact(v * scale, self.currency) for v in values]


# --- the panel -----------------------------------------------------------------------------------


class InvestmentPanel(QWidget):
    """The tech budget by business goal and by tech lane per year, and the share tied to strategy.

    `reveal_requested(item_ids)` follows a click on a business goal's row,
    after the goal was selected.
    """

    reveal_requested = Signal(object)  # tuple[ItemId, ...]

    def __init__(self, selection: SelectionModel | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("InvestmentPanel")
        self.selection = selection
        self.document: RoadmapDocument | None = None
        self.mix: InvestmentMix | None = None

        self.share_label = QLabel("–")
        self.share_label.setObjectName("TiedShare")
        font = self.share_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.share_label.setFont(font)
        self.headline = QLabel()
        self.headline.setObjectName("InvestmentHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.share_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(6)
        top.addWidget(self.headline, 1)

        self.goal_model = GoalInvestmentModel(self)
        self.goal_view = list_table(self.goal_model)
        self.goal_view.setObjectName("GoalInvestmentView")
        self.goal_view.setItemDelegateForColumn(GoalInvestmentModel.AMOUNT, BarDelegate(self.goal_view))
        header = self.goal_view.horizontalHeader()
        header.setSectionResizeMode(GoalInvestmentModel.GOAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GoalInvestmentModel.AMOUNT, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(GoalInvestmentModel.AMOUNT, 150)
        header.setSectionResizeMode(GoalInvestmentModel.SHARE, QHeaderView.ResizeMode.ResizeToContents)
        self.goal_view.clicked.connect(self._on_goal_clicked)

        self.lane_model = LaneYearModel(self)
        self.lane_view = list_table(self.lane_model)
        self.lane_view.setObjectName("LaneYearView")
        self.lane_model.modelReset.connect(self._fit_lane_columns)
        self.chart = pg.PlotWidget(axisItems={"left": _MoneyAxis("left")})
        self.chart.setObjectName("LaneYearChart")
        self.chart.setMinimumHeight(150)
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        self.chart.showGrid(x=False, y=True, alpha=0.12)
        self.chart.getAxis("left").enableAutoSIPrefix(False)
        self.bars: list[pg.BarGraphItem] = []
        self.bar_labels: list[pg.TextItem] = []  # each year's total above its stack
        lanes_tab = QWidget()
        lanes_layout = QVBoxLayout(lanes_tab)
        lanes_layout.setContentsMargins(0, 4, 0, 0)
        lanes_layout.addWidget(self.chart, 3)
        lanes_layout.addWidget(self.lane_view, 2)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.goal_view, "By business goal")
        self.tabs.addTab(lanes_tab, "By lane and year")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._apply_colours()
        self._refresh()

    # --- the document -----------------------------------------------------------------------

    def set_document(self, document: RoadmapDocument | None) -> None:
        if self.document is not None:
            disconnect_quietly(self.document.changed, self._on_document_changed)
        self.document = document
        if document is not None:
            document.changed.connect(self._on_document_changed)
        self._refresh()

    def _on_document_changed(self, notice: ChangeNotice) -> None:
        self._refresh()

    def _refresh(self) -> None:
        roadmap = self.document.roadmap if self.document is not None else None
        self.mix = investment_mix(roadmap, roadmap.info.fiscal_year_start_month) if roadmap is not None else None
        currency = roadmap.info.currency if roadmap is not None else DEFAULT_CURRENCY
        self.goal_model.set_mix(self.mix, currency)
        self.lane_model.currency = currency
        self.chart.getAxis("left").currency = currency
        self.lane_model.set_mix(self.mix, roadmap)
        self._show_headline(roadmap, self.mix)
        self._draw_chart()

    def _show_headline(self, roadmap: Roadmap | None, mix: InvestmentMix | None) -> None:
        if roadmap is None or mix is None:
            self.share_label.setText("–")
            self.share_label.setStyleSheet("")
            self.headline.setText("No roadmap is open.")
            return
        if mix.total <= 0:
            self.share_label.setText("–")
            self.share_label.setStyleSheet("")
            self.headline.setText("No technology work has a budget yet, so there is no investment mix to show.")
            return
        share = mix.share_tied
        allowed = threshold(roadmap, "budget_outside_strategy_max_share")
        colour = "#2e7d32" if 1 - share <= allowed else "#c77700" if 1 - share <= 2 * allowed else "#c62828"
        self.share_label.setText(f"{_percent(share)}")
        self.share_label.setStyleSheet(f"color: {colour}")
        lines = [f"of the technology budget (<b>{compact(mix.total, roadmap.info.currency)}</b>) is tied to a business goal."]
        if mix.unlinked > 0:
            lines.append(f"<span style='color:{UNLINKED_COLOUR if 1 - share <= allowed else colour}'>"
                         f"{compact(mix.unlinked, roadmap.info.currency)}</span> is on work no business goal justifies.")
        # Milestones mark a date and need no budget of their own (as in the alignment rules).
        unbudgeted = [roadmap.items[i] for i in mix.unbudgeted if i in roadmap.items and not roadmap.items[i].is_milestone]
        if unbudgeted:
            titles = [i.title for i in unbudgeted[:3]]
            more = len(unbudgeted) - len(titles)
            named = ", ".join(f"“{html.escape(t)}”" for t in titles) + (f" and {more} more" if more > 0 else "")
            n = len(unbudgeted)
            lines.append(f"{n} tech item{'s have' if n != 1 else ' has'} no budget: {named}.")
        self.headline.setText(" ".join(lines))
        self.headline.setToolTip(f"{exact(mix.tied, roadmap.info.currency)} of {exact(mix.total, roadmap.info.currency)} tied to strategy")

    def _draw_chart(self) -> None:
        for item in (*self.bars, *self.bar_labels):
            self.chart.removeItem(item)
        self.bars, self.bar_labels = [], []
        model = self.lane_model
        n = len(model.years)
        axis = self.chart.getAxis("bottom")
        axis.setTicks([[(i, year_label(y, model.start_month)) for i, y in enumerate(model.years)], []])
        if n == 0:
            return
        bottoms = [0.0] * n
        for _, name, amounts, colour in model.lane_rows():
            if not any(amounts):
                continue
            bar = pg.BarGraphItem(x=list(range(n)), height=list(amounts), y0=list(bottoms), width=0.6,
                                  brush=pg.mkBrush(colour), pen=pg.mkPen(self.palette().color(QPalette.ColorRole.Base), width=1))
            bar.setToolTip(name)
            bar.lane_name = name
            self.chart.addItem(bar)
            self.bars.append(bar)
            bottoms = [b + a for b, a in zip(bottoms, amounts)]
        text = self.palette().color(QPalette.ColorRole.Text)
        for i, total in enumerate(bottoms):
            label = pg.TextItem(compact(total, model.currency), color=text, anchor=(0.5, 1))
            label.setPos(i, total)
            self.chart.addItem(label)
            self.bar_labels.append(label)
        self.chart.setXRange(-0.6, n - 0.4, padding=0)
        self.chart.setYRange(0, max(bottoms) * 1.15 if max(bottoms) > 0 else 1, padding=0)

    def _fit_lane_columns(self) -> None:
        header = self.lane_view.horizontalHeader()
        for column in range(self.lane_model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == 0 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)

    def _on_goal_clicked(self, index: QModelIndex) -> None:
        goal_id = index.data(ITEM_ID_ROLE)
        roadmap = self.document.roadmap if self.document is not None else None
        if goal_id is None or roadmap is None or goal_id not in roadmap.items or self.selection is None:
            return
        self.selection.set({goal_id})
        self.reveal_requested.emit((goal_id,))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()

    def _apply_colours(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        self.chart.setBackground(palette.color(QPalette.ColorRole.Base))
        muted = QColor(text)
        muted.setAlphaF(0.45)
        for name in ("left", "bottom"):
            axis = self.chart.getAxis(name)
            axis.setTextPen(text)
            axis.setPen(muted)


def _percent(share: float) -> str:
    """Whole percent, never rounding an imperfect share up to 100% or a non-zero one down to 0%."""
    if 0 < share < 1:
        return f"{min(99, max(1, round(share * 100)))}%"
    return f"{share:.0%}"
