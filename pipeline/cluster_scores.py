"""Read a cluster/block head's scoring workbook (sheet "Chấm điểm cụm, khối").

The head of each cluster or block sends one workbook with the points it gives its members
(layout: ``layout.CLUSTER_*``; the guide is in ``cham_diem.xlsx``). ``is_cluster_workbook``
recognises it by that sheet before any attempt to read it as a unit's form.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import layout
from .findings import finding
from .model import Finding, Location, SelfScore
from .read import Cell, Sheet, Workbook, open_workbook
from .values import ValueParseError, clean_text, parse_number, parse_year

CLUSTER_SHEET, CLUSTER_LABEL = layout.CLUSTER_SHEET, layout.CLUSTER_LABEL
YEAR_LABEL, CLUSTER_COLUMNS = layout.CLUSTER_YEAR_LABEL, layout.CLUSTER_COLUMNS


@dataclass(frozen=True)
class ClusterScores:
    """A cluster/block head's scoring sheet: the points it gives its members."""

    cluster: str
    year: int | None
    file: str
    scores: tuple[tuple[str, SelfScore], ...]     # (unit code, score)


def is_cluster_workbook(book: Workbook) -> bool:
    """Return True when a workbook holds the sheet "Chấm điểm cụm, khối"."""
    return book.sheet(CLUSTER_SHEET) is not None


def read_cluster_scores(source: Path | Workbook,
                        display: str) -> tuple[ClusterScores | None, list[Finding]]:
    """Read the sheet "Chấm điểm cụm, khối" of a workbook (a path, or a workbook already
    opened); (None, []) when it has none.

    Raise PipelineError when the file cannot be parsed.
    """
    book = source if isinstance(source, Workbook) else open_workbook(source, display,
                                                                      (CLUSTER_SHEET,))
    sheet = book.sheet(CLUSTER_SHEET)
    if sheet is None:
        return None, []
    code = _labelled(sheet, CLUSTER_LABEL)
    if code is None or not _text(code):
        where = code.location if code else Location(display, sheet.name)
        return None, [finding("cluster-scores-invalid", where,
                              detail=f"chưa ghi mã cụm, khối ở cột B, dòng “{CLUSTER_LABEL}”")]
    found = sheet.header(CLUSTER_COLUMNS, CLUSTER_COLUMNS)
    if found is None:
        detail = "không thấy dòng tiêu đề “" + " | ".join(CLUSTER_COLUMNS) + "”"
        return None, [finding("cluster-scores-invalid", Location(display, sheet.name),
                              detail=detail)]
    findings: list[Finding] = []
    year = _labelled(sheet, YEAR_LABEL)
    scores = _cluster_rows(sheet, found[0], found[1], findings)
    return ClusterScores(_text(code).upper(), year and parse_year(year.value), display,
                         scores), findings


def _labelled(sheet: Sheet, label: str) -> Cell | None:
    row = sheet.find(label)
    return None if row is None else sheet.cell(row, 1)


def _text(cell: Cell) -> str:
    return clean_text(cell.value)[0]


def _cluster_rows(sheet: Sheet, head: int, cols: dict[str, int],
                  findings: list[Finding]) -> tuple[tuple[str, SelfScore], ...]:
    """Return (unit, score) pairs; an empty points cell keeps the unit's self-score."""
    scores = []
    for index in range(head + 1, len(sheet.rows)):
        unit, code, points = (sheet.cell(index, cols[c]) for c in CLUSTER_COLUMNS)
        if unit.empty and code.empty:
            continue
        try:
            value = parse_number(points.value)
        except ValueParseError as error:
            findings.append(finding("value-not-number", points.location, value=error.value))
            continue
        if value is None:
            continue
        if unit.empty or code.empty:
            where = (unit if unit.empty else code).location
            findings.append(finding("cluster-scores-invalid", where,
                                    detail="dòng có điểm nhưng thiếu mã đơn vị hoặc mã tiêu chí"))
            continue
        scores.append((_text(unit).upper(), SelfScore(_text(code).upper(), value,
                                                      points.location)))
    return tuple(scores)
