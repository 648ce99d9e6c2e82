"""Event dates: a sentence's date expression ("In March", "last month", "on Wednesday") against the article's date."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["event_date", "date_expressions", "month_number"]

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["Sept"] = 9
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}



def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation in any case ('May', 'sept', 'JAN'), else None."""
    return _MONTHS.get(name.capitalize())


_MONTH_RX = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ABSOLUTE = re.compile(
    rf"(?:(?P<rel>\b(?:last|next|this|early|late|mid-|in|since|from|by|until|of|on)\s+)?)"
    rf"\b(?P<month>{_MONTH_RX})\b\.?(?:\s+(?P<day>\d{{1,2}})\b(?!,?\s*\d{{3}}))?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
_YEAR = re.compile(r"\b(?:in|since|from|by|until|of|during|early|late)\s+(?P<year>(?:19|20)\d\d)\b")
_WEEKDAY = re.compile(rf"\b(?:on|last|this)\s+(?P<weekday>{'|'.join(_WEEKDAYS)})\b")
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|before|through|no later than)\s+(?:the\s+)?(?:end\s+(?:of\s+)?)?$")
_DEADLINE_AT = re.compile(r"(?:by|until|till|before)\b")
_FUTURE_AFTER = re.compile(r"\s+(?:next|the following)\s+year\b")
_RELATIVE = re.compile(r"\b(?P<what>last|this|next|earlier this|later this|the previous|the following)\s+"
                       r"(?P<unit>month|year|week|day)\b|\b(?P<word>yesterday|today)\b")


def _month_expression(m: re.Match, today: date | None) -> str | None:
    """'March 2019' -> 2019-03; 'In March' -> the last March up to the article's date; 'Sept 28' -> that day."""
    month = _MONTHS[m.group("month")]
    if m.group("month") == "May" and not (m.group("rel") or m.group("day") or m.group("year")):
        return None  # the modal verb, not the month
    if m.group("year"):
        year = int(m.group("year"))
    elif today is not None:
        rel = (m.group("rel") or "").strip()
        year = today.year + (1 if rel == "next" and month <= today.month else 0)
        if rel != "next" and month > today.month:
            year -= 1
    else:
        return None
    if m.group("day"):
        day = int(m.group("day"))
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            return date(year, month, day).isoformat()
    return f"{year:04d}-{month:02d}"


def _weekday_expression(m: re.Match, today: date | None) -> str | None:
    """'on Wednesday' -> the latest Wednesday up to the article's date."""
    if today is None:
        return None
    back = (today.weekday() - _WEEKDAYS[m.group("weekday")]) % 7
    return (today - timedelta(days=back)).isoformat()


def _relative_expression(m: re.Match, today: date | None) -> str | None:
    """'last month', 'this year', 'yesterday', 'the previous day' against the article's date."""
    if today is None:
        return None
    word, what, unit = m.group("word"), m.group("what"), m.group("unit")
    if word:
        return (today - timedelta(days=1 if word == "yesterday" else 0)).isoformat()
    step = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(what, 0)
    if unit == "day":
        return (today + timedelta(days=step)).isoformat()
    if unit == "week":
        return (today + timedelta(weeks=step)).isoformat()
    if unit == "month":
        return (today + relativedelta(months=step)).strftime("%Y-%m")
    return f"{today.year + step:04d}"


def _article_day(article_date: str | None) -> date | None:
    """The article's date as a day ('2024-07' and '2024' count from their first day); None when unreadable."""
    if not article_date:
        return None
    parts = (article_date.strip().split("-") + ["1", "1"])[:3]
    try:
        return date(*(int(p) for p in parts))
    except ValueError:
        return None


def date_expressions(text: str, article_date: str | None) -> list[tuple[int, str]]:
    """Every resolvable date expression of ``text``: (offset, ISO date, month or year)."""
    today = _article_day(article_date)
    found: list[tuple[int, int, str]] = []
    for regex, read in ((_ABSOLUTE, _month_expression), (_WEEKDAY, _weekday_expression),
                        (_RELATIVE, _relative_expression), (_YEAR, lambda m, _: m.group("year"))):
        for m in regex.finditer(text):
            value = read(m, today)
            if value and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), value))
    return sorted((s, v) for s, e, v in found if not _deadline(text, s, e, v, article_date))


def _deadline(text: str, start: int, end: int, value: str, article_date: str | None) -> bool:
    """A target date ("by June", "until 2026", "June next year") or one after the article's is no event date."""
    if _DEADLINE_BEFORE.search(text, max(0, start - 25), start) or _DEADLINE_AT.match(text, start):
        return True
    if _FUTURE_AFTER.match(text, end):
        return True
    return bool(article_date) and value[:len(article_date)] > article_date[:len(value)]


def event_date(text: str, anchor: int, article_date: str | None) -> str | None:
    """The date of the event a cue at ``anchor`` reports: the nearest date expression, else the article's date."""
    expressions = date_expressions(text, article_date)
    if not expressions:
        return article_date if _article_day(article_date) else None
    return min(expressions, key=lambda e: (abs(e[0] - anchor), e[0]))[1]
