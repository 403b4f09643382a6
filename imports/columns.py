"""Which row is the header, and what each column means.

The header is the row among the first ones whose cells best match known column
names (English, Portuguese, Spanish, French, German, Russian). The guess can be
overridden column by column (`--map "Task=title,Start=start"`, or the GUI's
mapping table); `ignore` drops a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imports.cells import is_empty, text_of

ROLES = ("title", "start", "end", "duration", "group", "owner", "status", "progress", "milestone",
         "parent", "outline", "id", "dependencies", "description", "budget")
MULTI = {"dependencies"}  # roles more than one column may take (Dependency 1 … Dependency 5)
NAMES: dict[str, tuple[str, ...]] = {
    "title": ("task", "task name", "name", "title", "subject", "summary", "activity", "activity name", "milestone description",
              "item", "initiative", "nome", "tarefa", "título", "nombre", "tarea", "titre", "tâche", "nom", "aufgabe", "vorgang",
              "название", "задача", "тема"),
    "start": ("start", "start date", "begin", "begin date", "starts", "start_date", "from", "data de início", "início", "inicio",
              "fecha de inicio", "début", "date de début", "anfang", "beginn", "startdatum", "начало", "дата начала"),
    "end": ("end", "end date", "finish", "finish date", "due", "due date", "due_date", "target date", "ends", "to",
            "data de fim", "fim", "término", "fecha de fin", "fin", "date de fin", "ende", "enddatum", "окончание", "срок"),
    "duration": ("duration", "days", "no. of days", "number of days", "duração", "duración", "durée", "dauer", "длительность"),
    "group": ("group", "lane", "swimlane", "project", "project name", "workstream", "stream", "theme", "pillar", "epic",
              "grupo", "projeto", "proyecto", "projet", "projekt", "проект"),
    "owner": ("owner", "assignee", "assignees", "assigned to", "responsible", "lead", "resourcing", "coordinator", "coordenador",
              "responsável", "responsable", "verantwortlich", "исполнитель", "ответственный"),
    "status": ("status", "state", "state name", "category", "situação", "estado", "statut", "статус"),
    "progress": ("progress", "completion", "% complete", "percent complete", "conclusão", "progresso", "avance", "fortschritt"),
    "milestone": ("milestone", "is milestone", "marco", "hito", "jalon", "meilenstein", "веха"),
    "parent": ("parent", "parent id", "parent task", "parent issue", "pai", "tarefa pai", "padre", "übergeordnet", "родитель"),
    "outline": ("outline number", "outline", "wbs", "número de estrutura", "edt"),
    "id": ("id", "#", "key", "issue key", "identifier", "row", "dep id", "unique id", "uid", "task id", "nº", "código"),
    "dependencies": ("predecessors", "predecessor", "depends on", "dependencies", "dependency", "follows", "blocked by",
                     "relations", "antecessores", "predecessoras", "predecesoras", "antécédents", "vorgänger", "зависит от"),
    "description": ("description", "details", "notes", "note", "notas", "descrição", "descripción", "commentaire", "beschreibung", "описание"),
    "budget": ("budget", "cost", "cost to achieve", "custo", "orçamento", "presupuesto", "coût", "kosten", "бюджет"),
}
ROLE_OF = {name: role for role, names in NAMES.items() for name in names}
HEADER_SCAN_ROWS = 40


def norm(header) -> str:
    """'Custom field (Зависит от)' -> 'зависит от'; 'Dependency 3' -> 'dependency'; trims and lowers."""
    text = text_of(header).strip().lower().replace("\u00a0", " ")
    m = re.fullmatch(r"custom field \((.*)\)", text)
    if m:
        text = m.group(1).strip()
    text = re.sub(r"[\s_]*\d+$", "", text) if re.search(r"[^\d\s_]", text) else text
    return re.sub(r"\s+", " ", text).strip(" :*")


def guess_role(header) -> str | None:
    return ROLE_OF.get(norm(header))


def find_header(rows: list[list]) -> int | None:
    """Index of the header row: the first of the best-matching rows with a title column and one more known column."""
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        roles = [guess_role(c) for c in texts]
        known = {r for r in roles if r}
        if "title" not in known:
            continue
        score = len(known)
        if score > best_score:
            best, best_score = i, score
    return best


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str | None


def guess_columns(header_row: list, overrides: dict[str, str]) -> list[Column]:
    """Each column's role: the user's choice where given, else the guess; one column per role (except MULTI)."""
    taken: set[str] = set()
    out = []
    lowered = {k.strip().lower(): v for k, v in overrides.items()}
    for i, cell in enumerate(header_row):
        header = text_of(cell).strip()
        if is_empty(header):
            continue
        if header.lower() in lowered:
            role = lowered[header.lower()]
            role = None if role == "ignore" else role
        else:
            role = guess_role(header)
            if role in taken and role not in MULTI or role in overrides.values():
                role = None  # the first column of a role wins, and a role the user gave elsewhere is theirs
        if role:
            taken.add(role)
        out.append(Column(i, header, role))
    return out


def parse_map(text: str) -> dict[str, str]:
    """`Task=title,Start=start` -> {'Task': 'title', 'Start': 'start'}; bad roles are refused."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        header, sep, role = part.rpartition("=")
        role = role.strip().lower()
        if not sep or not header.strip():
            raise ValueError(f"--map wants Column=role pairs, not {part!r}")
        if role not in ROLES and role != "ignore":
            raise ValueError(f"--map: {role!r} is not a role; use one of {', '.join(ROLES)} or ignore")
        out[header.strip()] = role
    return out
