"""Reading one spreadsheet cell as a date, a number, a duration, a status or dependency references.

Every function takes the raw cell value (text, number, date or date-time, as
calamine or the csv module gives it) and either returns the value or raises
`CellError` saying why, so the row can be reported.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from planner.dates import MAX_DATE, MIN_DATE
from planner.model import Status

EXCEL_EPOCH = date(1899, 12, 30)
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("jan", "janeiro", "enero", "janvier", "januar"), ("feb", "fev", "fevereiro", "febrero", "février", "februar"),
         ("mar", "março", "marzo", "mars", "märz"), ("apr", "abr", "abril", "avril"), ("may", "mai", "maio", "mayo"),
         ("jun", "junho", "junio", "juin", "juni"), ("jul", "julho", "julio", "juillet", "juli"), ("aug", "ago", "agosto", "août"),
         ("sep", "set", "setembro", "septiembre", "septembre"), ("oct", "out", "outubro", "octubre", "octobre", "okt", "oktober"),
         ("nov", "novembro", "noviembre", "novembre", "november"), ("dec", "dez", "dezembro", "diciembre", "décembre", "dezember")]
    )
    for name in names
}
NUMERIC = re.compile(r"^(\d{1,2}|\d{4})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
WORDY = re.compile(r"^(?:(\d{1,2})\s+([^\W\d]+)\.?,?\s+(\d{4})|([^\W\d]+)\.?\s+(\d{1,2}),?\s+(\d{4}))$")
STATUS_WORDS = {
    Status.DONE: ("done", "complete", "completed", "closed", "resolved", "finished", "concluído", "concluida", "concluída", "hecho", "terminé", "erledigt", "готово", "сделано"),
    Status.ON_TRACK: ("in progress", "on track", "active", "doing", "started", "in-process", "em andamento", "en curso", "low risk", "в работе"),
    Status.AT_RISK: ("at risk", "med risk", "medium risk", "amber", "blocked", "em risco"),
    Status.OFF_TRACK: ("off track", "high risk", "red", "late", "overdue", "atrasado"),
    Status.PLANNED: ("todo", "to do", "backlog", "new", "open", "planned", "not started", "needs-action", "cancelled", "a fazer"),
}
STATUS_OF = {w: s for s, words in STATUS_WORDS.items() for w in words}
DAY_UNITS = {"d": 1, "day": 1, "days": 1, "dia": 1, "dias": 1, "дн": 1, "день": 1, "дня": 1, "дней": 1,
             "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7, "semana": 7, "semanas": 7, "нед": 7, "неделя": 7, "недели": 7,
             "m": 30, "mo": 30, "month": 30, "months": 30, "mês": 30, "meses": 30, "мес": 30}


class CellError(ValueError):
    pass


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value) -> str:
    """A cell as text: 9.0 -> '9' (ids typed as numbers), dates as ISO."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def numeric_date_order(text: str) -> str | None:
    """'dmy' or 'mdy' when only one reading of 14/07/2015-like text is a date; None if both or neither."""
    m = NUMERIC.match(text.strip())
    if not m or len(m.group(1)) == 4:
        return None
    a, b = int(m.group(1)), int(m.group(3))
    if a > 12 and b <= 12:
        return "dmy"
    if b > 12 and a <= 12:
        return "mdy"
    return None


def is_ambiguous_numeric_date(text: str) -> bool:
    m = NUMERIC.match(text.strip())
    return bool(m) and len(m.group(1)) != 4 and int(m.group(1)) <= 12 and int(m.group(3)) <= 12 and m.group(1) != m.group(3)


def parse_date(value, order: str | None, shift_day: bool = False) -> date:
    """A cell as a date; `order` ('dmy'/'mdy') reads 03/04/2025-like text; `shift_day` moves 23:00 to the next day."""
    if isinstance(value, datetime):
        d = value.date() + (timedelta(days=1) if shift_day else timedelta())
    elif isinstance(value, date):
        d = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(f"{text_of(value)} is a number, not a date")
    else:
        d = _date_text(str(value).strip(), order)
    if not (MIN_DATE <= d <= MAX_DATE):
        raise CellError(f"{d.isoformat()} is outside {MIN_DATE.year}-{MAX_DATE.year}")
    return d


def _date_text(text: str, order: str | None) -> date:
    head = text.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else text
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}$", head):
            return date.fromisoformat(head)
        m = NUMERIC.match(head)
        if m:
            a, b, c = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if len(m.group(1)) == 4:
                return date(a, b, c)
            if order is None:
                raise CellError(f"'{text}' could be day-first or month-first")
            year = c + 2000 if c < 100 else c
            return date(year, b, a) if order == "dmy" else date(year, a, b)
        m = WORDY.match(text)
        if m:
            day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
            month_no = MONTHS.get(month.lower()[:3]) or MONTHS.get(month.lower())
            if month_no:
                return date(int(year), month_no, int(day))
    except ValueError:
        pass
    raise CellError(f"'{text}' is not a date" + (f" ({'day-first' if order == 'dmy' else 'month-first'})" if order and NUMERIC.match(head) else ""))


def parse_number(value) -> float:
    """Numbers, and numbers typed as text ('12,000', '€ 9.5', '40 %')."""
    if isinstance(value, bool):
        raise CellError(f"{value} is not a number")
    if isinstance(value, (int, float)):
        return float(value)
    text = re.sub(r"[\s€$£¥%]", "", str(value)).replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise CellError(f"'{value}' is not a number") from None


def parse_duration_days(value) -> int:
    """A duration in days: 5, '5', '3d', '2 weeks', '1 нед'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _whole_days(float(value), value)
    m = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*([^\W\d]*)\.?\s*", str(value))
    if not m:
        raise CellError(f"'{value}' is not a duration")
    unit = m.group(2).lower()
    if unit and unit not in DAY_UNITS:
        raise CellError(f"'{value}': unknown duration unit '{m.group(2)}'")
    return _whole_days(float(m.group(1).replace(",", ".")) * DAY_UNITS.get(unit, 1), value)


def _whole_days(days: float, raw) -> int:
    if days < 0 or days > 36_500:
        raise CellError(f"'{text_of(raw)}' is not a duration in range")
    return round(days)


def parse_status(value) -> Status | None:
    return STATUS_OF.get(str(value).strip().lower())


def parse_progress_done(value) -> bool:
    """True when a progress cell says finished: 1.0 (a fraction), 100, '100%'."""
    number = parse_number(value)
    return number >= 100 or (number == 1 and not isinstance(value, str))


# --- dependencies ---------------------------------------------------------

TOKEN = re.compile(
    r"^(?P<ref>#?[^\s,;]+?)\s*(?:(?P<type>FS|SS|FF|SF)\s*(?P<lag1>[+-]\s*\d+(?:\.\d+)?)?|\s+(?P<lag2>[+-]?\d+(?:\.\d+)?))?"
    r"\s*(?P<unit>[a-zа-я]+)?\s*$",
    re.IGNORECASE,
)


def parse_dependencies(value) -> list[tuple[str, str, int]]:
    """(reference, type, lag in days) for each predecessor named in a cell.

    Accepts MS Project's '2FS+3d, 5SS', Redmine's '1 2d', plain '7' and Plane's
    JSON relation lists ([{"type": "blocked_by", "issue": "TEST-2"}]).
    """
    text = text_of(value).strip()
    if not text:
        return []
    if text.startswith("["):
        return _json_relations(text)
    out = []
    for token in re.split(r"[,;\n]+", text):
        token = token.strip()
        if not token:
            continue
        m = TOKEN.match(token)
        if not m:
            raise CellError(f"'{token}' is not a dependency (like 12, 12FS+2d or '12 2d')")
        lag_text = (m.group("lag1") or m.group("lag2") or "0").replace(" ", "")
        unit = (m.group("unit") or "d").lower()
        if unit not in DAY_UNITS:
            raise CellError(f"'{token}': unknown lag unit '{unit}'")
        ref = m.group("ref")
        out.append((ref[:-2] if ref.endswith(".0") else ref, (m.group("type") or "FS").upper(), round(float(lag_text) * DAY_UNITS[unit])))
    return out


def _json_relations(text: str) -> list[tuple[str, str, int]]:
    try:
        data = json.loads(text)
    except ValueError:
        raise CellError("relations look like JSON but are not valid JSON") from None
    out = []
    for rel in data if isinstance(data, list) else []:
        if isinstance(rel, dict) and rel.get("type") in ("blocked_by", "follows", "depends_on") and rel.get("issue"):
            out.append((str(rel["issue"]), "FS", 0))
    return out


def list_text(value) -> str:
    """A cell holding a JSON list of names (["Jane Smith"]) as 'Jane Smith, …'; other text as is."""
    text = text_of(value).strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            items = json.loads(text)
            if isinstance(items, list) and all(isinstance(i, str) for i in items):
                return ", ".join(items)
        except ValueError:
            pass
    return text
