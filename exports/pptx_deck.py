"""Drawing the planned slides into one python-pptx presentation and saving it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.opc.packuri import PackURI

from exports.pptx_draw import draw_chart, draw_table, emu, set_notes, text_box
from exports.pptx_timeline import draw_timeline
from exports.slide_blocks import ChartBlock, Slide, TableBlock, TextBlock, header
from exports.slide_style import SLIDE_H, SLIDE_W
from planner.model import Roadmap

BLANK_LAYOUT = 6  # the default template's "Blank": no placeholders to fill or leave empty


def draw_deck(slides: list[Slide], roadmap: Roadmap, path: Path,
              progress: Callable[[int, int], None] | None = None) -> None:
    deck = Presentation()
    _count_partnames(deck.part.package)
    deck.slide_width, deck.slide_height = emu(SLIDE_W), emu(SLIDE_H)
    props = deck.core_properties
    props.title = roadmap.info.title
    props.author = roadmap.info.organisation
    props.subject = "Strategy roadmap board slides"
    layout = deck.slide_layouts[BLANK_LAYOUT]
    report = progress or (lambda done, total: None)
    for n, content in enumerate(slides):
        report(n, len(slides))
        slide = deck.slides.add_slide(layout)
        for block in header(content):
            text_box(slide, block, name="title")
        if content.timeline is not None:
            draw_timeline(slide, content.timeline)
        for block in content.blocks:
            if isinstance(block, TableBlock):
                draw_table(slide, block)
            elif isinstance(block, ChartBlock):
                draw_chart(slide, block)
            elif isinstance(block, TextBlock):
                text_box(slide, block)
        set_notes(slide, content.notes)
    deck.save(str(path))
    report(len(slides), len(slides))


def _count_partnames(package) -> None:
    """WORKAROUND: python-pptx names each new part (notes, charts) by walking every part in the
    package, quadratic over a deck of many slides; a deck being built is only added to, so after
    the first name of a kind counting on gives the very same names."""
    find = package.next_partname
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        if template in last:
            last[template] += 1
            return PackURI(template % last[template])
        name = find(template)
        last[template] = int(re.findall(r"\d+", name.rsplit("/", 1)[-1])[-1])
        return name

    package.next_partname = next_partname
