"""The JSON interchange format (docs/json-format.md): a whole roadmap as one object.

Writing is here; reading, which checks every field and every rule and names the
JSON path of the first bad one (`$.items[3].end: ...`), so a hand-edited file can
be fixed quickly, is in planner/interchange_read.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.atomic import write_text
from planner.interchange_read import FORMAT, VERSION, InterchangeError, roadmap_from_json
from planner.model import LinkKind, Roadmap

__all__ = [  # the reader's names are part of this module's API
    "FORMAT", "VERSION", "InterchangeError", "export_json", "json_text", "load_sample", "read_json", "roadmap_from_json", "roadmap_to_json",
]


# --- writing ----------------------------------------------------------------


def roadmap_to_json(roadmap: Roadmap) -> dict[str, Any]:
    i = roadmap.info
    return {
        "format": FORMAT,
        "version": VERSION,
        "roadmap": {
            "title": i.title, "organisation": i.organisation, "vision": i.vision, "mission": i.mission,
            "horizon_start": i.horizon_start.isoformat(), "business_years": i.business_years,
            "tech_start": i.tech_start.isoformat() if i.tech_start else None,
            "tech_months": i.tech_months, "fiscal_year_start_month": i.fiscal_year_start_month,
            "currency": i.currency,
        },
        "lanes": [
            {"id": l.id, "band": str(l.band), "name": l.name, "colour": l.colour, "position": l.position}
            for l in roadmap.lanes.values()
        ],
        "items": [
            {
                "id": it.id, "band": str(it.band), "lane": it.lane_id, "title": it.title,
                "description": it.description, "start": it.start.isoformat(), "end": it.end.isoformat(),
                "owner": it.owner, "status": str(it.status), "budget": it.budget,
                "metric_notes": it.metric_notes, "row": it.row, "parent": it.parent_id,
            }
            for it in roadmap.items.values()
        ],
        "links": [
            {
                "id": l.id, "kind": str(l.kind), "source": l.source_id, "target": l.target_id, "rationale": l.rationale,
                **({"type": str(l.dep_type), "lag_days": l.lag_days} if l.kind == LinkKind.DEPENDS else {}),
            }
            for l in roadmap.links.values()
        ],
        "metrics": [
            {
                "id": m.id, "name": m.name, "unit": m.unit, "baseline": m.baseline, "target": m.target,
                "target_date": m.target_date.isoformat() if m.target_date else None,
                "business_item": m.business_item_id, "tech_items": list(m.tech_item_ids), "notes": m.notes,
            }
            for m in roadmap.metrics.values()
        ],
        "measurements": [
            {"id": m.id, "metric": m.metric_id, "date": m.measured_on.isoformat(), "value": m.value, "note": m.note}
            for m in roadmap.measurements.values()
        ],
        "risks": [
            {
                "id": r.id, "item": r.item_id, "category": str(r.category), "likelihood": r.likelihood,
                "impact": r.impact, "description": r.description, "mitigation": r.mitigation,
            }
            for r in roadmap.risks.values()
        ],
        "reviews": [
            {
                "id": r.id, "date": r.held_on.isoformat(), "notes": r.notes,
                "decisions": [{"item": d.item_id, "title": d.item_title, "decision": str(d.decision), "note": d.note} for d in r.decisions],
                "baseline": [{"item": b.item_id, "title": b.title, "start": b.start.isoformat(), "end": b.end.isoformat()} for b in r.baseline],
                **({} if r.links is None else {"links": [
                    {"kind": str(l.kind), "source": l.source_id, "target": l.target_id, "source_title": l.source_title, "target_title": l.target_title}
                    for l in r.links
                ]}),
            }
            for r in roadmap.reviews.values()
        ],
        "settings": {s.id: s.value for s in roadmap.settings.values()},
    }


def json_text(roadmap: Roadmap) -> str:
    return json.dumps(roadmap_to_json(roadmap), indent=2, ensure_ascii=False) + "\n"


def export_json(roadmap: Roadmap, path: Path | str) -> None:
    """Write the roadmap as JSON, atomically: an existing file is replaced only when complete.

    Raises planner.atomic.WriteError (an OSError) naming `path`.
    """
    write_text(path, json_text(roadmap))


# --- reading ----------------------------------------------------------------


def read_json(path: Path | str) -> Roadmap:
    """Read and check a JSON roadmap file; errors name the JSON path (callers add the file)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InterchangeError("$", "is not UTF-8 text") from e
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InterchangeError("$", f"is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from e
    return roadmap_from_json(data)


def load_sample() -> Roadmap:
    from resources import SAMPLE_ROADMAP

    return read_json(SAMPLE_ROADMAP)
