"""Static resources shipped with the app: the sample roadmap, icons, style."""

from pathlib import Path

RESOURCES = Path(__file__).parent
SAMPLE_ROADMAP = RESOURCES / "sample_roadmap.json"
