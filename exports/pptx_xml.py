"""Shapes and connectors written straight into a slide's shape tree with lxml.

python-pptx's shape API costs about 3 ms a bar (it searches the whole tree for
the next id and rebuilds property elements on every call), which makes a
1,000-item deck take 8 s. These are the same `p:sp` / `p:cxnSp` elements
PowerPoint writes, built directly; text goes in as element text, which lxml
escapes, so nothing typed is read as markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from pptx.oxml.ns import qn

from exports.slide_style import FONT, MIN_PT

EMU = 914400
ALIGN = {"left": "l", "centre": "ctr", "right": "r"}
# Characters XML 1.0 cannot hold (control codes, lone surrogates): nothing a slide could show.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def emu(inches: float) -> str:
    return str(round(inches * EMU))


_qn = lru_cache(maxsize=None)(qn)  # python-pptx's qn formats the name anew on every call


def _sub(parent, tag: str, **attrs: str):
    el = etree.SubElement(parent, _qn(tag))
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _colour(parent, hex_colour: str, alpha: float | None = None) -> None:
    fill = _sub(parent, "a:solidFill")
    clr = _sub(fill, "a:srgbClr", val=hex_colour.lstrip("#").upper())
    if alpha is not None:
        _sub(clr, "a:alpha", val=str(round(alpha * 100000)))


def _xfrm(sp_pr, x: float, y: float, w: float, h: float, flip_h: bool = False, flip_v: bool = False) -> None:
    xfrm = _sub(sp_pr, "a:xfrm")
    if flip_h:
        xfrm.set("flipH", "1")
    if flip_v:
        xfrm.set("flipV", "1")
    _sub(xfrm, "a:off", x=emu(x), y=emu(y))
    _sub(xfrm, "a:ext", cx=emu(max(w, 0.0)), cy=emu(max(h, 0.0)))


def _line(sp_pr, colour: str | None, pt: float, dashed: bool) -> None:
    ln = _sub(sp_pr, "a:ln", w=str(round(pt * 12700)))
    if colour is None:
        _sub(ln, "a:noFill")
        return
    _colour(ln, colour)
    if dashed:
        _sub(ln, "a:prstDash", val="dash")


class ShapeWriter:
    """Adds shapes to one slide, numbering them after what the slide already holds."""

    def __init__(self, slide):
        self.tree = slide.shapes._spTree
        self._next = max((int(e.get("id")) for e in self.tree.iter(qn("p:cNvPr"))), default=1) + 1

    def new_id(self) -> int:
        n = self._next
        self._next += 1
        return n

    def shape(self, geometry: str, x: float, y: float, w: float, h: float, *, name: str, fill: str | None = None,
              alpha: float | None = None, outline: str | None = None, outline_pt: float = 0.75, dashed: bool = False,
              text: str | None = None, pt: float = 10.0, bold: bool = False, colour: str = "#1d1f21",
              align: str = "left", anchor: str = "ctr", wrap: bool = False, inset_l: float = 0.0, inset_r: float = 0.0,
              indent_l: float = 0.0, indent_r: float = 0.0, text_box: bool = False, shape_id: int | None = None):
        """A preset shape ("rect", "roundRect", "diamond"), optionally holding one line or paragraph of text."""
        sp = etree.Element(qn("p:sp"))
        nv = _sub(sp, "p:nvSpPr")
        _sub(nv, "p:cNvPr", id=str(shape_id or self.new_id()), name=name)
        c_nv = _sub(nv, "p:cNvSpPr")
        if text_box:
            c_nv.set("txBox", "1")
        _sub(nv, "p:nvPr")
        sp_pr = _sub(sp, "p:spPr")
        _xfrm(sp_pr, x, y, max(w, 0.01), max(h, 0.01))
        _sub(_sub(sp_pr, "a:prstGeom", prst=geometry), "a:avLst")
        if fill is None:
            _sub(sp_pr, "a:noFill")
        else:
            _colour(sp_pr, fill, alpha)
        if not text_box:
            _line(sp_pr, outline, outline_pt, dashed)
        if text is not None or not text_box:
            body = _sub(sp, "p:txBody")
            _sub(body, "a:bodyPr", wrap="square" if wrap else "none", lIns=emu(inset_l), rIns=emu(inset_r),
                 tIns="0", bIns="0", anchor=anchor, rtlCol="0")
            body[0].append(etree.Element(qn("a:noAutofit")))
            _sub(body, "a:lstStyle")
            p = _sub(body, "a:p")
            p_pr = _sub(p, "a:pPr", algn=ALIGN[align])
            if indent_l:
                p_pr.set("marL", emu(indent_l))
            if indent_r:
                p_pr.set("marR", emu(indent_r))
            if text:
                add_run(p, text, pt, bold, colour)
        self.tree.append(sp)
        return sp

    def connector(self, geometry: str, x0: float, y0: float, x1: float, y1: float, *, name: str, colour: str,
                  pt: float, dashed: bool = False, start: tuple[int, int] | None = None,
                  end: tuple[int, int] | None = None):
        """A line or curved connector from (x0, y0) to (x1, y1), glued to (shape id, site) at either end."""
        cxn = etree.Element(qn("p:cxnSp"))
        nv = _sub(cxn, "p:nvCxnSpPr")
        _sub(nv, "p:cNvPr", id=str(self.new_id()), name=name)
        c_nv = _sub(nv, "p:cNvCxnSpPr")
        if start:
            _sub(c_nv, "a:stCxn", id=str(start[0]), idx=str(start[1]))
        if end:
            _sub(c_nv, "a:endCxn", id=str(end[0]), idx=str(end[1]))
        _sub(nv, "p:nvPr")
        sp_pr = _sub(cxn, "p:spPr")
        _xfrm(sp_pr, min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), x1 < x0, y1 < y0)
        _sub(_sub(sp_pr, "a:prstGeom", prst=geometry), "a:avLst")
        _line(sp_pr, colour, pt, dashed)
        self.tree.append(cxn)
        return cxn


def add_run(p, text: str, pt: float, bold: bool, colour: str) -> None:
    r = _sub(p, "a:r")
    r_pr = _sub(r, "a:rPr", lang="en-GB", sz=str(round(max(pt, MIN_PT) * 100)), b="1" if bold else "0", dirty="0")
    _colour(r_pr, colour)
    _sub(r_pr, "a:latin", typeface=FONT)
    _sub(r, "a:t").text = _NOT_XML.sub("", text)
