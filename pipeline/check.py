"""Stage 2, check: judge raw workbook content against the registry and the directive.

Every problem becomes a ``Finding`` with the cell it comes from. A value that cannot be
trusted is dropped (never read as 0); the rest of the workbook is kept.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from . import layout
from .findings import finding
from .formatting import plain, short_date
from .model import (Directive, Finding, Location, Narrative, Period, Registry, SelfScore,
                    Submission, Target, TargetFigure)
from .read import Cell, RawRow, RawSubmission
from .values import (ValueParseError, clean_text, parse_date, parse_number, parse_percent,
                     parse_period, parse_year)

# "1,200": 1,2 as Vietnamese write it, or 1200 with an English thousands separator
_AMBIGUOUS = re.compile(r"\d{1,3},\d{3}")


class _Checker:
    """Collects findings for one workbook."""

    def __init__(self, raw: RawSubmission, year: int):
        self.raw, self.year, self.unit = raw, year, ""
        self.findings: list[Finding] = []

    def add(self, code: str, location: Location, **values: object) -> None:
        values.setdefault("year", self.year)
        self.findings.append(finding(code, location, unit=self.unit, **values))

    def info(self, label: str) -> Cell:
        """Return the identity cell for a label (an empty cell at the sheet when absent)."""
        return self.raw.info.get(label) or Cell("", Location(self.raw.file, layout.SHEET_INFO))

    def text(self, cell: Cell) -> str:
        """Return a cell's text cleaned to NFC, reporting legacy encodings."""
        raw = cell.value
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text, encoding = clean_text("" if raw is None else str(raw))
        if encoding:
            self.add("value-legacy-encoding", cell.location, detail=encoding, value=text[:60])
        return text


def check_submission(raw: RawSubmission, directive: Directive,
                     registry: Registry) -> tuple[Submission | None, list[Finding]]:
    """Turn raw content into a Submission; None when it cannot be attributed to a unit and period."""
    c = _Checker(raw, directive.year)
    if raw.version and raw.version not in layout.SUPPORTED_VERSIONS:
        c.add("file-old-form", Location(raw.file, layout.SHEET_META, layout.META_VERSION_CELL),
              detail=raw.version)
        return None, c.findings
    _layout_findings(c)
    identity = _identity(c, registry, directive.year)
    if identity is None:
        return None, c.findings
    unit, period = identity
    prepared = c.info(layout.INFO_PREPARED_ON)
    try:
        prepared_on = parse_date(prepared.value)
    except ValueParseError:
        c.add("date-invalid", prepared.location, value=c.text(prepared))
        prepared_on = None
    figures = _figures(c, raw.rows, directive, registry.unit(unit).targets,
                       last_year_column=not raw.missing_columns, in_year=period.in_year)
    scores, score_cells, uncomputed = _scores(c)
    return Submission(
        unit=unit, period=period, year=directive.year,
        prepared_by=c.text(c.info(layout.INFO_PREPARED_BY)), prepared_on=prepared_on,
        file=raw.file, figures=figures, narrative=_narrative(c),
        scores=scores, form_version=raw.version, sample=raw.sample,
        score_cells=score_cells, uncomputed=uncomputed), c.findings


def _layout_findings(c: _Checker) -> None:
    """Report a hidden stale copy of a sheet (the visible one was read) and figure columns
    the targets sheet lacks (their cells count as empty)."""
    for stale, visible in c.raw.hidden_copies:
        c.add("sheet-hidden-copy", Location(c.raw.file, stale), detail=stale, value=visible)
    for column, row, where in c.raw.missing_columns:
        c.add("column-missing", where, value=column, row=row)


def _identity(c: _Checker, registry: Registry, year: int) -> tuple[str, Period] | None:
    """Read and check unit code, period and year; None (with findings) when any is wrong."""
    code_cell = c.info(layout.INFO_UNIT_CODE)
    code = c.text(code_cell).upper()
    if not code:
        c.add("unit-missing", code_cell.location)
    elif registry.unit(code) is None:
        c.add("unit-unknown", code_cell.location, value=code)
    else:
        c.unit = code
    period_cell, year_cell = c.info(layout.INFO_PERIOD), c.info(layout.INFO_YEAR)
    period = parse_period(period_cell.value)
    if period is None and isinstance(period_cell.value, str):
        period = parse_period(clean_text(period_cell.value)[0])    # typed with a legacy font
    if period is None:
        c.add("period-invalid", period_cell.location, value=c.text(period_cell))
    found_year = parse_year(year_cell.value)
    if found_year is None:
        c.add("year-invalid", year_cell.location, value=c.text(year_cell))
    elif found_year != year:
        c.add("year-mismatch", year_cell.location, value=found_year)
        found_year = None
    if not c.unit or period is None or found_year is None:
        return None
    return c.unit, period


def _figures(c: _Checker, rows: tuple[RawRow, ...], directive: Directive,
             assigned: tuple[str, ...], last_year_column: bool = True,
             in_year: bool = False) -> tuple[TargetFigure, ...]:
    """Check every target row; keep one figure per assigned target.

    A target measured only at year end may be left blank in an in-year report.

    A target judged by its change from last year whose last-year cell is empty gets a
    warning at that cell (the unit's figure cannot be counted), unless the whole column
    is missing (one finding says so).
    """
    figures, seen = [], set()
    for row in rows:
        code = c.text(row.code).upper()
        target = directive.target(code)
        if target is None:
            c.add("target-unknown", row.code.location, value=code)
        elif code not in assigned:
            c.add("target-not-assigned", row.code.location, value=code)
        elif code in seen:
            c.add("target-duplicate", row.code.location, value=code)
        else:
            seen.add(code)
            value = _value(c, row.value, row.formula_value, target)
            if value is None and not row.formula_value and row.value.empty \
                    and not (in_year and target.year_end_only):
                c.add("value-missing", row.value.location, value=code)
            last = _value(c, row.last_year, row.formula_last_year, target)
            if value is not None and target.kind.against_last_year and last_year_column \
                    and row.last_year.empty and not row.formula_last_year:
                c.add("value-last-year-missing", row.last_year.location, value=code)
            figures.append(TargetFigure(code, value, last, c.text(row.note), row.value.location))
    return tuple(figures)


def _value(c: _Checker, cell: Cell, formula: bool, target: Target) -> Decimal | None:
    """Parse and check one reported figure; None (with a finding) when it cannot be used."""
    if formula:
        c.add("value-formula", cell.location)
        return None
    shown = c.text(cell) if isinstance(cell.value, str) else _shown(cell.value)
    try:
        if target.reported_unit == "%":
            value, converted = parse_percent(cell.value, plan=target.low)
            if converted:
                c.add("value-fraction-percent", cell.location, value=shown,
                      converted=plain(value))
        else:
            value = parse_number(cell.value)
            if value is not None and isinstance(cell.value, str) \
                    and _AMBIGUOUS.fullmatch(cell.value.strip()):
                c.add("value-ambiguous-comma", cell.location, value=shown, decimal=plain(value),
                      thousands=plain(value * 1000), thousands_plain=str(int(value * 1000)))
    except ValueParseError:
        c.add("value-not-number", cell.location, value=shown)
        return None
    return None if value is None else _in_bounds(c, cell, value, target)


def _shown(raw: object) -> object:
    """Return a number as the unit would read it in Vietnamese (0,972, not 0.972)."""
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        try:
            return plain(Decimal(str(raw)))
        except ArithmeticError:
            return raw
    return raw


def _in_bounds(c: _Checker, cell: Cell, value: Decimal, target: Target) -> Decimal | None:
    """Reject negative, over-100%, fractional counts and implausibly large figures."""
    if value < 0:
        c.add("value-negative", cell.location, value=plain(value))
    elif target.reported_unit == "%" and value > 100:
        c.add("value-over-100", cell.location, value=plain(value))
    elif target.counted and value != value.to_integral_value():
        c.add("value-not-whole", cell.location, value=plain(value))
    elif target.plausible_max is not None and value > target.plausible_max:
        c.add("value-implausible", cell.location, value=plain(value),
              uom=target.reported_unit, plan=target.plan_text,
              limit=plain(target.plausible_max))
    else:
        return value
    return None


def _narrative(c: _Checker) -> Narrative:
    """Split each short text into its lines (one item per line)."""
    def lines(label: str) -> tuple[str, ...]:
        cell = c.raw.texts.get(label)
        if cell is None:
            return ()
        return tuple(line.strip(" -•\t") for line in c.text(cell).splitlines()
                     if line.strip(" -•\t"))
    return Narrative(highlights=lines(layout.TEXT_HIGHLIGHTS), models=lines(layout.TEXT_MODELS),
                     shortcomings=lines(layout.TEXT_SHORTCOMINGS),
                     proposals=lines(layout.TEXT_PROPOSALS))


def _scores(c: _Checker) -> tuple[tuple[SelfScore, ...], tuple[tuple[str, Location], ...],
                                  frozenset[str]]:
    """Parse the self-scores; a non-number is a finding and is left out. Return them, the
    cell of each criterion listed, and the criteria whose cell is an uncomputed formula."""
    scores, cells, uncomputed = [], [], set()
    for code_cell, points_cell in c.raw.scores:
        cells.append((c.text(code_cell).upper(), points_cell.location))
        if points_cell.empty and points_cell.location.cell in c.raw.score_formulas:
            c.add("value-formula", points_cell.location)
            uncomputed.add(cells[-1][0])
            continue
        try:
            points = parse_number(points_cell.value)
        except ValueParseError:
            c.add("value-not-number", points_cell.location, value=c.text(points_cell))
            continue
        if points is not None:
            scores.append(SelfScore(c.text(code_cell).upper(), points, points_cell.location))
    return tuple(scores), tuple(cells), frozenset(uncomputed)


def keep_latest(submissions: list[Submission],
                root: Path | None = None) -> tuple[list[Submission], list[Finding]]:
    """Keep one workbook per unit and period: the newest by its Ngày lập, then by when the
    file was last saved (``root``: the folder the files are relative to), never by its name
    (Windows names a second download "… (1).xlsx", which sorts before the first)."""
    groups: dict[tuple[str, Period], list[Submission]] = defaultdict(list)
    for s in submissions:
        groups[(s.unit, s.period)].append(s)
    saved = {s.file: _saved_at(root, s.file) for s in submissions}
    kept, findings = [], []
    for (unit, period), group in groups.items():
        group.sort(key=lambda s: (s.prepared_on is not None, s.prepared_on or dt.date.min,
                                  saved[s.file] or 0.0))
        newest = group[-1]
        kept.append(newest)
        for dropped in group[:-1]:
            findings.append(finding("submission-duplicate", Location(dropped.file), unit=unit,
                                    period=period.value, kept=newest.file, dropped=dropped.file,
                                    reason=_why_newer(newest, dropped, saved)))
    kept.sort(key=lambda s: (s.period.months, s.unit))
    return kept, findings


def _saved_at(root: Path | None, file: str) -> float | None:
    """Return when a file was last saved (seconds), or None when unknown."""
    if root is None:
        return None
    try:
        return (root / file).stat().st_mtime
    except OSError:
        return None


def _why_newer(kept: Submission, dropped: Submission, saved: dict[str, float | None]) -> str:
    """Say why ``kept`` was taken over ``dropped``."""
    if kept.prepared_on != dropped.prepared_on:
        if dropped.prepared_on is None:
            return f"tệp bỏ không ghi Ngày lập, tệp dùng lập ngày {short_date(kept.prepared_on)}"
        return (f"Ngày lập {short_date(kept.prepared_on)} mới hơn "
                f"{short_date(dropped.prepared_on)}")
    same = (f"cùng Ngày lập {short_date(kept.prepared_on)}" if kept.prepared_on
            else "cả hai không ghi Ngày lập")
    new, old = saved.get(kept.file), saved.get(dropped.file)
    if new is not None and old is not None and new != old:
        return f"{same}, tệp dùng được lưu sau (lúc {_moment(new)}, tệp bỏ lúc {_moment(old)})"
    return f"{same} và cùng thời điểm lưu: chọn tệp đọc sau; hãy xem lại"


def _moment(seconds: float) -> str:
    """Write a file time as "14:32 05/07/2024" (local time)."""
    stamp = dt.datetime.fromtimestamp(seconds)
    return f"{stamp:%H:%M:%S} {short_date(stamp.date())}"


def check_progression(submissions: list[Submission], directive: Directive) -> list[Finding]:
    """Warn when a cumulative figure goes down from one period to the next."""
    findings = []
    by_unit: dict[str, list[Submission]] = defaultdict(list)
    for s in submissions:
        by_unit[s.unit].append(s)
    for unit, subs in by_unit.items():
        subs.sort(key=lambda s: s.period.months)
        previous: dict[str, tuple[Decimal, Period]] = {}
        for s in subs:
            for f in s.figures:
                target = directive.target(f.target)
                if f.value is None or target is None or not target.cumulative:
                    continue
                before = previous.get(f.target)
                if before and f.value < before[0]:
                    findings.append(finding("value-decreased", f.location, unit=unit,
                                            value=plain(f.value),
                                            previous=plain(before[0]),
                                            period=before[1].value))
                previous[f.target] = (f.value, s.period)
    return findings
