"""The inspector panel on the sample, shown with one business goal selected."""

from __future__ import annotations

import pytest

from ui.inspector.panel import InspectorPanel
from tests.ui.inspector.inspector_input import LOYALTY


@pytest.fixture
def panel(qtbot, document, selection):
    widget = InspectorPanel(document, selection)
    qtbot.addWidget(widget)
    widget.resize(380, 640)
    widget.show()
    qtbot.waitExposed(widget)
    selection.set({LOYALTY})
    return widget
