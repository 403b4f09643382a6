"""The board pack's item tables show the outline: children under their parent, titles indented, rows grouped."""

from __future__ import annotations

from openpyxl import load_workbook

from board_pack_helpers import TODAY, find_row
from exports.excel import export_board_pack


def test_children_follow_their_parent_indented_and_grouped(tmp_path, outlined):
    out = tmp_path / "pack.xlsx"
    export_board_pack(outlined, out, today=TODAY)
    ws = load_workbook(out)["Technology"]
    crm, live = find_row(ws, "CRM rebuild"), find_row(ws, "CRM go-live")
    checkout, payments, marketplace = (find_row(ws, t) for t in ("Checkout rebuild", "Multi-currency payments", "Marketplace platform"))
    assert live == crm + 1 and (payments, marketplace) == (checkout + 1, checkout + 2)
    levels = {r: ws.row_dimensions[r].outlineLevel for r in (crm, live, checkout, payments, marketplace)}
    assert levels == {crm: 0, live: 1, checkout: 0, payments: 1, marketplace: 2}
    indents = [(ws.cell(r, 1).alignment.indent, ws.cell(r, 1).alignment.horizontal) for r in (crm, live, payments, marketplace)]
    assert indents == [(0, None), (2, "left"), (2, "left"), (4, "left")]  # LibreOffice indents only left-aligned text
    assert ws.sheet_properties.outlinePr.summaryBelow is False  # the parent row carries the group's button


def test_a_flat_band_has_no_outline(tmp_path, outlined):
    out = tmp_path / "pack.xlsx"
    export_board_pack(outlined, out, today=TODAY)
    ws = load_workbook(out)["Business"]
    assert {d.outlineLevel for d in ws.row_dimensions.values()} <= {0}
    assert ws.sheet_properties.outlinePr is None or ws.sheet_properties.outlinePr.summaryBelow is not False
