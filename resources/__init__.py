"""Static resources shipped with the app: the sample roadmap, icons, style."""

from pathlib import Path

RESOURCES = Path(__file__).parent
SAMPLE_ROADMAP = RESOURCES / "sample_roadmap.json"
ICONS = RESOURCES / "icons"
ICON_SVG = ICONS / "roadmap-planner.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # rendered from the SVG by packaging/render_icons.py


def icon_png(size: int) -> Path:
    """The app icon rendered at `size` pixels (one of ICON_SIZES)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes are {ICON_SIZES}")
    return ICONS / f"roadmap-planner-{size}.png"
