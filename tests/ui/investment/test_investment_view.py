"""The investment mix dock: its figures are investment_mix's, and they follow edits."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.edits import UpdateItem
from planner.investment import investment_mix
from planner.model import ItemId
from planner.edits import UpdateRoadmapInfo
from planner.money import compact
from ui.investment.panel import ITEM_ID_ROLE, VALUE_ROLE, GoalInvestmentModel, InvestmentPanel

BLOCKCHAIN = ItemId(39)  # 450k on tech work tied to no goal
ONLINE = ItemId(1)  # 'Online sales 30% of revenue': the goal with the most tech budget


@pytest.fixture
def panel(qtbot, document, selection):
    widget = InvestmentPanel(selection)
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.resize(480, 600)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def goal_rows(panel):
    model = panel.goal_model
    return [(model.index(r, 0).data(ITEM_ID_ROLE), model.index(r, GoalInvestmentModel.AMOUNT).data(VALUE_ROLE))
            for r in range(model.rowCount())]


def lane_rows(panel):
    model = panel.lane_model
    return [tuple(model.index(r, c).data(VALUE_ROLE) for c in range(model.columnCount())) for r in range(model.rowCount())]


def expected(document):
    roadmap = document.roadmap
    return investment_mix(roadmap, roadmap.info.fiscal_year_start_month)


def test_models_keep_their_contract_through_edits(qtmodeltester, panel, document):
    qtmodeltester.check(panel.goal_model)
    qtmodeltester.check(panel.lane_model)
    item = document.roadmap.items[BLOCKCHAIN]
    document.push(UpdateItem(dataclasses.replace(item, budget=None)))
    document.push(UpdateItem(dataclasses.replace(document.roadmap.items[ItemId(21)], budget=9_000_000.0)))
    document.undo_stack.undo()
    document.undo_stack.undo()


def test_totals_equal_the_investment_mix(panel, document):
    mix = expected(document)
    assert goal_rows(panel) == [(g.goal_id, g.amount) for g in mix.by_goal] + [(None, mix.unlinked)]
    assert sum(amount for _, amount in goal_rows(panel)) == pytest.approx(mix.total)
    model = panel.lane_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == ["Tech lane", "FY27", "FY28", "Total"]
    lanes = lane_rows(panel)
    assert lanes[:-1] == [(lane.name, *lane.amounts, lane.total) for lane in mix.by_lane]
    assert lanes[-1] == ("Total", *mix.year_totals(), pytest.approx(mix.total))
    assert panel.share_label.text() == "98%"
    assert compact(mix.total, "GBP") in panel.headline.text() and "£" in panel.headline.text()
    # The chart stacks the same amounts.
    assert [list(bar.opts["height"]) for bar in panel.bars] == [list(lane.amounts) for lane in mix.by_lane]


def test_figures_follow_an_edit_and_its_undo(panel, document):
    item = document.roadmap.items[BLOCKCHAIN]
    document.push(UpdateItem(dataclasses.replace(item, budget=None)))
    mix = expected(document)
    assert mix.unlinked == 0
    assert goal_rows(panel) == [(g.goal_id, g.amount) for g in mix.by_goal]
    assert panel.share_label.text() == "100%"
    assert "“Blockchain supply-chain pilot”" in panel.headline.text()  # now an item with no budget
    document.undo_stack.undo()
    assert goal_rows(panel)[-1] == (None, 450_000.0)
    assert lane_rows(panel)[:-1] == [(lane.name, *lane.amounts, lane.total) for lane in expected(document).by_lane]


def test_clicking_a_goal_selects_and_reveals_it(qtbot, panel, selection):
    view = panel.goal_view
    index = panel.goal_model.index(0, 0)
    assert index.data(ITEM_ID_ROLE) == ONLINE
    with qtbot.waitSignal(panel.reveal_requested) as revealed:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert selection.ids == {ONLINE}
    assert revealed.args == [(ONLINE,)]


def test_amounts_are_in_the_roadmaps_currency_and_follow_a_change_of_it(panel, document):
    """Issue 10.7: amounts had no currency; the board pack's one currency setting is used everywhere."""
    model = panel.goal_model
    assert model.index(0, GoalInvestmentModel.AMOUNT).data().startswith("£")
    document.push(UpdateRoadmapInfo(dataclasses.replace(document.roadmap.info, currency="EUR")))
    assert model.index(0, GoalInvestmentModel.AMOUNT).data().startswith("€")
    assert "€" in panel.headline.text() and "£" not in panel.headline.text()
    document.undo_stack.undo()
    assert model.index(0, GoalInvestmentModel.AMOUNT).data().startswith("£")
@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_an_amount_is_never_drawn_over_its_own_bar(share):
    """Issue 10.7: the amount label sat on its bar; the bar now stops before the right-aligned text."""
    from PySide6.QtCore import QRectF

    from ui.investment.panel import BarDelegate

    cell, text_width = QRectF(0, 0, 160, 24), 44.0
    bar = BarDelegate.bar_rect(cell, text_width, share)
    assert bar.right() < cell.right() - text_width  # the text's left edge
    assert bar.left() >= cell.left() and bar.height() > 0
