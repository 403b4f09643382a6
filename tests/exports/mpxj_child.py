"""Read a project file with MPXJ and print its tasks as JSON: run as a child process.

    python mpxj_child.py FILE

A JVM cannot be restarted inside a process once shut down, and starting one
inside pytest would stay for the whole session, so tests run this instead.
Dates are printed as MPXJ gives them (ISO date-times); durations and lags
with their units, as MPXJ read them, so the test sees the client's reading,
not ours.
"""

from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    import jpype
    import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

    jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader

    project = UniversalProjectReader().read(path)
    custom = {str(f.getFieldType().name()): str(f.getAlias()) for f in project.getCustomFields() if f.getAlias() is not None}
    tasks = []
    for t in project.getTasks():
        parent = t.getParentTask()
        tasks.append({
            "uid": int(t.getUniqueID()),
            "id": int(t.getID()),
            "name": str(t.getName()),
            "outline_level": int(t.getOutlineLevel()),
            "outline_number": str(t.getOutlineNumber()),
            "wbs": str(t.getWBS()),
            "parent_uid": None if parent is None else int(parent.getUniqueID()),
            "start": str(t.getStart()),
            "finish": str(t.getFinish()),
            "duration": [float(t.getDuration().getDuration()), str(t.getDuration().getUnits())],
            "milestone": bool(t.getMilestone()),
            "summary": bool(t.getSummary()),
            "contact": None if t.getContact() is None else str(t.getContact()),
            "notes": None if t.getNotes() is None else str(t.getNotes()),
            "text1": None if t.getText(1) is None else str(t.getText(1)),
            "percent_complete": None if t.getPercentageComplete() is None else float(t.getPercentageComplete()),
            "predecessors": [
                {
                    "uid": int(r.getPredecessorTask().getUniqueID()),
                    "type": str(r.getType().name()),
                    "lag": [float(r.getLag().getDuration()), str(r.getLag().getUnits())],
                }
                for r in t.getPredecessors()
            ],
        })
    calendar = project.getDefaultCalendar()
    print(json.dumps({
        "name": str(project.getProjectProperties().getName()),
        "minutes_per_day": int(project.getProjectProperties().getMinutesPerDay()),
        "calendar": None if calendar is None else str(calendar.getName()),
        "custom_fields": custom,
        "tasks": tasks,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
