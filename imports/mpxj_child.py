"""Run by `imports.mpxj` in a child process: read a project file with MPXJ, print plain JSON.

A JVM cannot be restarted inside a process, and must never run inside the GUI
process, so this is its own program: `python -m imports.mpxj_child FILE`.
Output: one JSON object on stdout, the fields of `msproject.RawProject`, or
{"error": "..."} with exit status 2.
"""

from __future__ import annotations

import json
import sys

ELAPSED_TO_MINUTES = {
    "ELAPSED_MINUTES": 1,
    "ELAPSED_HOURS": 60,
    "ELAPSED_DAYS": 1440,
    "ELAPSED_WEEKS": 10080,
    "ELAPSED_MONTHS": 43200,
    "ELAPSED_YEARS": 525600,
}


def _text(value) -> str | None:
    return None if value is None else str(value)


def read(path: str) -> dict:
    import jpype
    import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

    # Class-data sharing and the quick JIT tier cut the JVM's start; the work is short.
    jpype.startJVM("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", convertStrings=False)
    from org.mpxj import TimeUnit  # type: ignore[import-not-found]
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    project = UniversalProjectReader().read(path)
    if project is None:
        raise ValueError("MPXJ does not recognise this file")
    props = project.getProjectProperties()
    tasks, links, has_costs = [], [], False
    for t in project.getTasks():
        parent = t.getParentTask()
        cost = t.getCost()
        has_costs = has_costs or (cost is not None and float(cost.doubleValue()) > 0)
        level = t.getOutlineLevel()
        done = t.getPercentageComplete()
        tasks.append(
            {
                "uid": int(t.getUniqueID()),
                "id": None if t.getID() is None else int(t.getID()),
                "name": _text(t.getName()),
                "outline_level": 0 if level is None else int(level),
                "parent_uid": None if parent is None else int(parent.getUniqueID()),
                "null": bool(t.getNull()),
                "summary": bool(t.getSummary()),
                "milestone": bool(t.getMilestone()),
                "start": _text(t.getStart()),
                "finish": _text(t.getFinish()),
                "percent_complete": 0.0 if done is None else float(done.doubleValue()),
                "notes": _text(t.getNotes()) or "",
            }
        )
        for r in t.getPredecessors():
            lag = r.getLag()
            units = str(lag.getUnits()) if lag is not None else "DAYS"
            amount = float(lag.getDuration()) if lag is not None else 0.0
            elapsed = units in ELAPSED_TO_MINUTES
            percent = "PERCENT" in units
            if elapsed:
                minutes = amount * ELAPSED_TO_MINUTES[units]
            elif percent or amount == 0:
                minutes = 0.0
            else:
                minutes = float(lag.convertUnits(TimeUnit.MINUTES, props).getDuration())
            links.append(
                {
                    "predecessor_uid": int(r.getPredecessorTask().getUniqueID()),
                    "successor_uid": int(t.getUniqueID()),
                    "dep_type": str(r.getType()),
                    "lag_minutes": minutes,
                    "elapsed": elapsed,
                    "percent": percent,
                }
            )
    resources = sum(1 for r in project.getResources() if r.getUniqueID() is not None and int(r.getUniqueID()) != 0 and not r.getNull())
    title = _text(props.getProjectTitle()) or _text(props.getName()) or ""
    return {
        "title": title,
        "minutes_per_day": float(props.getMinutesPerDay().doubleValue()),
        "tasks": tasks,
        "links": links,
        "resources": resources,
        "calendars": int(project.getCalendars().size()),
        "has_costs": has_costs,
        "extra": {"file_type": _text(props.getFileType()) or "", "application": _text(props.getFileApplication()) or ""},
    }


def main(argv: list[str]) -> int:
    try:
        data = read(argv[0])
    except Exception as e:  # anything the JVM throws: one line for the parent to show
        message = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        json.dump({"error": message[:300]}, sys.stdout)
        return 2
    json.dump(data, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
