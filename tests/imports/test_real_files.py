"""Every real third-party file the importers cover, imported with exact counts and first/last dates.

The fixtures are byte copies of ../shared/realfiles (SOURCES.md, licences in
LICENSES/). Each expectation was worked out from the file itself, as the
comment above it says; "undated" tasks are placed from UNDATED (the fixed date
passed in) or, when the plan has some dates, from its earliest date, as 7-day
bars after their predecessors (imports/plan.py).

Tuple: (items, milestones, parents, depth, links {(type, lag days): n},
        first task (title, start, end), last task (title, start, end), skipped).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from imports.reading import ReadOptions, read_plan

FIXTURES = Path(__file__).parent / "fixtures"
UNDATED = date(2026, 1, 5)

EXPECTED = {
    # --- MS Project XML. Counted <Task> elements of <Tasks>: the UID 0 / OutlineLevel 0 task is the project
    # summary (skipped), IsNull=1 rows are blank (skipped). Parents = tasks with Summary=1 below level 0; depth =
    # the largest OutlineLevel. Links = <PredecessorLink>s: Type 0 FF, 1 FS, 2 SF, 3 SS; LinkLag is tenths of a
    # minute, so 4800 = 480 min = 1 day at MinutesPerDay 480 (LagFormat 7 d, 9 w: 24000 = 5 d, 48000 = 10 d).
    # Dates: the date part of <Start>/<Finish>.
    # 11 tasks, UID 0 skipped; Task 1 starts/finishes 2009-03-25 (1 minute), Task 10 finishes 2009-04-24T08:00.
    "mspdi/mpxj_mspdiduration.xml": (10, 0, 0, 1, {}, ("Task 1", "2009-03-25", "2009-03-25"), ("Task 10", "2009-03-25", "2009-04-24"), 1),
    # 9 tasks: UID 0 'Project1' skipped, IDs 2, 5, 7 are IsNull; 'Task 1' and 'Task 4' are summaries (level 1).
    "mspdi/mpxj_mspdinulltasks.xml": (5, 0, 2, 2, {}, ("Task 1", "2008-11-03", "2008-11-14"), ("Task 5", "2008-11-03", "2008-11-14"), 4),
    # 24 tasks, UID 0 'sample' skipped; summaries First Task, Recurring Task, Task Relationships, Resource
    # Assignments; OutlineLevel up to 3; one Milestone=1 ('Third task'); 6 links: 1b<-1a FS 0, 2b<-2a FS 4800,
    # 3b<-3a FS -4800, 4b<-4a Type 3, 5b<-5a Type 0, 6b<-6a Type 2. Listed in ID order (UID 19 is ID 7).
    "mspdi/mpxj_sample1.xml": (
        22, 1, 4, 3, {("FF", 0): 1, ("FS", -1): 1, ("FS", 0): 1, ("FS", 1): 1, ("SF", 0): 1, ("SS", 0): 1},
        ("First Task", "2003-01-07", "2003-03-18"), ("Assigned Task 2", "2003-01-07", "2003-01-14"), 1,
    ),
    # 8 pairs 'Task 1'/'Task 2'; lags 0, 4800, 9600, 24000 (weeks), 48000 (weeks) FS, then 9600 as SF, SS, FF.
    "mspdi/mpxj_task-links-project2003-mspdi.xml": (
        16, 0, 0, 1, {("FF", 2): 1, ("FS", 0): 1, ("FS", 1): 1, ("FS", 2): 1, ("FS", 5): 1, ("FS", 10): 1, ("SF", 2): 1, ("SS", 2): 1},
        ("Task 1", "2014-10-17", "2014-10-17"), ("Task 2", "2014-10-21", "2014-10-21"), 1,
    ),
    "mspdi/mpxj_task-links-project2019-mspdi.xml": (
        16, 0, 0, 1, {("FF", 2): 1, ("FS", 0): 1, ("FS", 1): 1, ("FS", 2): 1, ("FS", 5): 1, ("FS", 10): 1, ("SF", 2): 1, ("SS", 2): 1},
        ("Task 1", "2018-10-18", "2018-10-18"), ("Task 2", "2018-10-22", "2018-10-22"), 1,
    ),
    # --- GanttProject. Counted <task> elements (nested = children), meeting="true" = milestones, <depend> =
    # links with type 1 SS, 2 FS, 3 FF, 4 SF and difference = lag. End = start + duration working days, skipping
    # the default-week's weekend days and the <date type="HOLIDAY"> days (year="" = every year).
    "gan/blyoa_empty-project.gan": (0, 0, 0, 0, {}, None, None, 0),
    "gan/blyoa_milestone-task.gan": (1, 1, 0, 1, {}, ("milestone", "2024-01-02", "2024-01-02"), ("milestone", "2024-01-02", "2024-01-02"), 0),
    # Tue 2024-01-02, 2 days, Wed 01-03 a one-off holiday -> Thu 01-04.
    "gan/blyoa_task-crossing-one-off-holiday.gan": (1, 0, 0, 1, {}, ("task", "2024-01-02", "2024-01-04"), ("task", "2024-01-02", "2024-01-04"), 0),
    # the same with <date year="" month="1" date="3">: a holiday every 3 January.
    "gan/blyoa_task-crossing-recurring-holiday.gan": (1, 0, 0, 1, {}, ("task", "2024-01-02", "2024-01-04"), ("task", "2024-01-02", "2024-01-04"), 0),
    # Fri 2023-12-29, 2 days, weekend off -> Mon 2024-01-01 (no holidays in this file).
    "gan/blyoa_task-crossing-weekends-and-no-tasks-can-run-on-weekends.gan": (1, 0, 0, 1, {}, ("task", "2023-12-29", "2024-01-01"), ("task", "2023-12-29", "2024-01-01"), 0),
    # only-show-weekends value="true": tasks run on weekends -> Sat 2023-12-30.
    "gan/blyoa_task-crossing-weekends-and-tasks-can-run-on-weekends.gan": (1, 0, 0, 1, {}, ("task", "2023-12-29", "2023-12-30"), ("task", "2023-12-29", "2023-12-30"), 0),
    # A->B type 1, B->C type 2 (Rubber), C->D type 3 difference -1, D->E type 4. 'task A': Thu 01-04 + 2 -> Fri 01-05.
    "gan/blyoa_task-with-dependencies.gan": (
        5, 0, 0, 1, {("FF", -1): 1, ("FS", 0): 1, ("SF", 0): 1, ("SS", 0): 1},
        ("task A", "2024-01-04", "2024-01-05"), ("task E", "2024-01-02", "2024-01-02"), 0,
    ),
    # task A > (Aa, Ab > Ab1), task B > Bb: 6 tasks, 3 with children, 3 levels.
    "gan/blyoa_task-with-expanded-subtasks.gan": (6, 0, 3, 3, {}, ("task A", "2023-12-28", "2023-12-29"), ("task Bb", "2024-01-01", "2024-01-01"), 0),
    # grep: 20 <task, 4 meeting="true", 17 <depend all type="2" difference="0"; 4 tasks with child tasks, 2 levels.
    # 'Architectural design' Mon 2024-05-27 + 25 working days -> Fri 06-28; last <task> 'GanttProject 3.3' milestone.
    "gan/ganttproject_HouseBuildingSample.gan": (
        20, 4, 4, 2, {("FS", 0): 17}, ("Architectural design", "2024-05-27", "2024-06-28"), ("GanttProject 3.3", "2024-05-27", "2024-05-27"), 0,
    ),
    # grep: 30 <task, 1 meeting="true", 20 <depend all type 2 difference 0; 10 tasks with children, 3 levels.
    # 'Q1 Release' Mon 2022-01-31 + 43 working days (Feb 20, Mar 22; no holiday falls inside) -> Wed 2022-03-30.
    "gan/openharvest_GanttChart.gan": (
        30, 1, 10, 3, {("FS", 0): 20}, ("Q1 Release", "2022-01-31", "2022-03-30"), ("Q1 Release Milestone", "2022-04-01", "2022-04-01"), 0,
    ),
    # --- iCalendar. VEVENT/VTODO components; an all-day DTEND is exclusive; RELATED-TO RELTYPE=STARTTOSTART GAP=P1W
    # is an SS link with 7 days' lag; components without dates are undated.
    # DTSTART;VALUE=DATE 20231207, DTEND 20231208 -> the single day 12-07, a milestone; the SUMMARY has a leading space.
    "ical/ganttproject_test.ics": (1, 1, 0, 1, {}, (" Chanukah: 1 Candle", "2023-12-07", "2023-12-07"), (" Chanukah: 1 Candle", "2023-12-07", "2023-12-07"), 0),
    # 2 one-hour events (one-day milestones), 1 VTODO without dates (placed from the earliest date, 2025-01-15), VJOURNAL skipped.
    "ical/icalendar_issue_1050_calendar_with_events_and_todos.ics": (
        3, 2, 0, 1, {}, ("Test Event 1", "2025-01-15", "2025-01-15"), ("Test Todo 1", "2025-01-15", "2025-01-21"), 1,
    ),
    # 4 components: event 1 (2014-08-29), the RECURRENCE-ID override and the empty RDATE-only event skipped, the VTODO
    # with only DUE 2014-08-29 (no SUMMARY: named 'Untitled to-do').
    "ical/icalendar_issue_722_missing_timezones.ics": (
        2, 2, 0, 1, {}, ("an event with a custom tz name", "2014-08-29", "2014-08-29"), ("Untitled to-do", "2014-08-29", "2014-08-29"), 2,
    ),
    # no dates at all: Event 1 placed at UNDATED, event 2 starts 7 days after Event 1 starts (SS + P1W).
    "ical/icalendar_rfc_9253_gap.ics": (
        2, 0, 0, 1, {("SS", 7): 1}, ("Event 1", "2026-01-05", "2026-01-11"), ("This starts one week after Event 1", "2026-01-12", "2026-01-18"), 0,
    ),
    # one event; its 3 RELATED-TO point outside the file: 2 parents (the first kept, then dropped as not in the file;
    # the second reported) and a URI.
    "ical/icalendar_rfc_9253_related_to.ics": (
        1, 0, 0, 1, {}, ("Examples from RFC 9253", "2026-01-05", "2026-01-11"), ("Examples from RFC 9253", "2026-01-05", "2026-01-11"), 3,
    ),
    # a bare VTODO, DUE;VALUE=DATE 20070501 only.
    "ical/icalendar_todos_example.ics": (
        1, 1, 0, 1, {}, ("Submit Quebec Income Tax Return for 2006",) + ("2007-05-01",) * 2, ("Submit Quebec Income Tax Return for 2006",) + ("2007-05-01",) * 2, 0,
    ),
    # --- Spreadsheets. Rows below the header row; parents by indentation (leading spaces) or a row with only a title.
    # 30 DEP rows, no dates anywhere (all undated); 41 filled Dependency 1-5 cells (2 on rows DEP-011..020 and
    # 022..030, 3 on DEP-021); dependency layers 0, 1, 2 -> 2026-01-05, 01-12, 01-19.
    "spreadsheet/dependency-roadmap-viewer_Roadmap.xlsx": (
        30, 0, 0, 1, {("FS", 0): 41}, ("Inventory application interfaces", "2026-01-05", "2026-01-11"), ("Publish benefits realization report", "2026-01-19", "2026-01-25"), 0,
    ),
    # Portuguese headers (Nome, Data de início, Duração, Outline number all top level); ID 9 starts 2024-08-05
    # with Duração 2 -> 08-06 (calendar days, the file has no calendar); last row ID 16: 2024-08-06 + 4 -> 08-09.
    "spreadsheet/ganttproject_issue2519.xls": (
        8, 0, 0, 1, {}, ("Working 1-Original Task Exported", "2024-08-05", "2024-08-06"), ("Not Working 4 - With explain notes", "2024-08-06", "2024-08-09"), 0,
    ),
    # The active sheet 'Dark' (workbook.xml activeTab=2); header on row 9; 11 task rows, one Category 'Milestone';
    # 'Q1 Release' has a Start but no Days (one day); last: 2022-03-14 + 18 days -> 03-31; the trailing
    # 'To add more data…' row skipped.
    "spreadsheet/openharvest_Gantt_Chart.xlsx": (
        11, 1, 0, 1, {}, ("Q1 Release", "2022-01-31", "2022-01-31"), ("Unit & End to End Testing", "2022-03-14", "2022-03-31"), 1,
    ),
    # 39 ID rows; 9 unindented rows with indented rows under them; 'Setup Relay Servers' (3 spaces) parents 2
    # 6-space rows: depth 3; 13 'Nfs' predecessors; 'Create P2P Network' has no dates: spans its children
    # 2023-01-02 .. 2023-04-19; last row 'Danielle On-call' 2023-03-27 .. 03-31.
    "spreadsheet/packt_tpm-handbook_Project_Plan.xlsx": (
        39, 0, 9, 3, {("FS", 0): 13}, ("Create P2P Network", "2023-01-02", "2023-04-19"), ("Danielle On-call", "2023-03-27", "2023-03-31"), 0,
    ),
    # header on row 4; 3 group rows (example/repo1-3) and 20 indented tasks; dates stored as 23:00 the day
    # before (45634.958 = 2024-12-08 23:00) read as 2024-12-09, matching roadmap.tsv.
    "spreadsheet/roadmap2xlsx_gantt.xlsx": (
        23, 0, 3, 2, {}, ("example/repo1", "2024-12-09", "2025-01-12"), ("📦 Enhance error logging mechanism", "2025-02-28", "2025-03-01"), 0,
    ),
    # 20 rows, English month names: 'Dec 09, 2024' .. 'Mar 01, 2025'.
    "spreadsheet/roadmap2xlsx_roadmap.tsv": (
        20, 0, 0, 1, {}, ("🚀 Develop authentication system", "2024-12-09", "2024-12-14"), ("📦 Enhance error logging mechanism", "2025-02-28", "2025-03-01"), 0,
    ),
    # --- CSV. 9 rows; TEST-7's Parent TEST-2 and its Relations [{"type": "blocked_by", "issue": "TEST-2"}];
    # undated rows placed from the earliest date in the file (TEST-3's 2023-12-25).
    "csv/linear_plane-export_sample.csv": (
        9, 0, 1, 2, {("FS", 0): 1}, ("Implement user authentication", "2023-12-25", "2023-12-31"), ("Draft task", "2023-12-25", "2023-12-31"), 0,
    ),
    # read with --dates dmy: 10/07/2015 .. 12/08/2015; row 3's 04/15/2015 is no day-first date and row 4 has
    # only a title and an unmapped column: both skipped.
    "csv/redmine_import_dates.csv": (1, 0, 0, 1, {}, ("Valid dates", "2015-07-10", "2015-08-12"), ("Valid dates", "2015-07-10", "2015-08-12"), 2),
    # BOM + quoted first header; 'Child 1' parent 1 (no id column: row numbers); '#2' is an issue outside the file.
    "csv/redmine_import_issues_utf8_with_bom.csv": (
        3, 0, 1, 2, {}, ("First", "2015-07-08", "2015-08-25"), ("Child of existing issue", "2015-07-08", "2015-07-14"), 1,
    ),
    # read with --map "delayed relation=dependencies": '1 2d', '4 -1d', '1 1d'; parents by the parent column.
    "csv/redmine_import_subtasks.csv": (
        4, 0, 2, 3, {("FS", -1): 1, ("FS", 1): 1, ("FS", 2): 1}, ("Root", "2026-01-05", "2026-01-11"), ("Child 2", "2026-01-05", "2026-01-11"), 0,
    ),
    # 'follows' '2 1d' and '1 1d'; children listed before their parent (row 3).
    "csv/redmine_import_subtasks_with_relations.csv": (
        4, 0, 1, 2, {("FS", 1): 2}, ("2nd Child", "2020-01-12", "2020-01-20"), ("3rd Child", "2020-01-22", "2020-01-31"), 0,
    ),
    # textual ids; GREEN-II's parent '#1' and follows '#2 3d' point outside the file (2 skipped).
    "csv/redmine_import_subtasks_with_unique_id.csv": (
        9, 0, 4, 3, {("FS", 1): 2}, ("Grand-child", "2026-01-05", "2026-01-11"), ("Thing", "2026-01-05", "2026-01-11"), 2,
    ),
    # 7 epics, no dates; 'Custom field (Зависит от)' = depends on: PLAT-103 after PLAT-101.
    "csv/roadmap-builder_sample_jira_epics.csv": (
        7, 0, 0, 1, {("FS", 0): 1}, ("Логирование запросов агента", "2026-01-05", "2026-01-11"), ("Аудит доступа", "2026-01-05", "2026-01-11"), 0,
    ),
}
OPTIONS = {
    "csv/redmine_import_dates.csv": {"dates": "dmy"},
    "csv/redmine_import_subtasks.csv": {"overrides": {"delayed relation": "dependencies"}},
}


def _read(name: str, engine: str = "builtin"):
    return read_plan(FIXTURES / name, ReadOptions(UNDATED, engine=engine, **OPTIONS.get(name, {})))


def test_every_covered_real_file_has_an_expectation():
    covered = {str(p.relative_to(FIXTURES)) for p in FIXTURES.glob("*/*") if p.parent.name != "LICENSES"}
    assert covered == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file(name):
    items, milestones, parents, depth, links, first, last, skipped = EXPECTED[name]
    plan = _read(name)
    assert len(plan.tasks) == items
    assert len(plan.milestones()) == milestones
    assert len(plan.parents()) == parents
    assert plan.depth() == depth
    assert dict(plan.link_counts()) == links
    fl = lambda t: (t.title, t.start.isoformat(), t.end.isoformat())  # noqa: E731
    assert (fl(plan.tasks[0]) if plan.tasks else None) == first
    assert (fl(plan.tasks[-1]) if plan.tasks else None) == last
    assert len(plan.skipped) == skipped, plan.skipped


def test_day_first_csv_without_dates_option_asks():
    from imports.plan import ImportFileError

    with pytest.raises(ImportFileError, match=r"14/07/2015 reads only day-first, 04/15/2015 only month-first; say --dates dmy or --dates mdy"):
        read_plan(FIXTURES / "csv/redmine_import_dates.csv", ReadOptions(UNDATED))


def test_portuguese_xls_columns_are_recognised():
    from imports.reading import column_guess

    _, cols = column_guess(FIXTURES / "spreadsheet/ganttproject_issue2519.xls", ReadOptions(UNDATED))
    roles = {c.header: c.role for c in cols}
    assert roles["Nome"] == "title" and roles["Data de início"] == "start" and roles["Data de fim"] == "end"
    assert roles["Duração"] == "duration" and roles["Outline number"] == "outline" and roles["Notas"] == "description"


def test_gan_trailing_no_break_spaces_trimmed_and_reported():
    plan = _read("gan/ganttproject_HouseBuildingSample.gan")
    titles = {t.title for t in plan.tasks}
    assert "Agreement on architectural plan" in titles and "Construction completed" in titles
    assert not any(t.endswith("\u00a0") for t in titles)
    assert "2 titles had trailing no-break spaces, trimmed" in plan.notes
    owners = {t.title: t.owner for t in plan.tasks}
    assert owners["Create draft of architecture"] == "Michelangelo"  # responsible="true" allocation


def test_spreadsheet_defects_are_reported():
    shifted = _read("spreadsheet/roadmap2xlsx_gantt.xlsx")
    assert any("previous day at 23:00" in n for n in shifted.notes)
    dark = _read("spreadsheet/openharvest_Gantt_Chart.xlsx")
    assert any("sheet 'Dark' imported" in n and "Light" in n for n in dark.notes)
