"""Stage 1, read: open spreadsheets with python-calamine and extract raw cells.

The only module that imports python-calamine. It keeps each raw value with its exact
place (file, sheet, cell) and leaves all judgement to ``check``. Sheets, labels and
column headers are found by their normalised text, so units that add rows or columns,
retype a header or save from LibreOffice are still read.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from . import layout
from .errors import PipelineError
from .model import Location
from .values import normalize_label


@dataclass(frozen=True)
class Cell:
    """A raw value as the spreadsheet holds it, and where it is."""

    value: object
    location: Location

    @property
    def empty(self) -> bool:
        """Return True when the cell holds nothing but spaces."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


def column_letter(index: int) -> str:
    """Return the spreadsheet letters of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Sheet:
    """A sheet's values as a grid (absolute positions kept), with its file and name."""

    file: str
    name: str
    rows: list[list[object]]

    def cell(self, row: int, col: int) -> Cell:
        """Return the cell at 0-based row and column (empty beyond the data)."""
        value: object = ""
        if row < len(self.rows) and col < len(self.rows[row]):
            value = self.rows[row][col]
        return Cell(value, Location(self.file, self.name, f"{column_letter(col)}{row + 1}"))

    def find(self, label: str, col: int = 0) -> int | None:
        """Return the row whose cell in ``col`` reads ``label`` (normalised), or None."""
        wanted = normalize_label(label)
        for index, row in enumerate(self.rows):
            if col < len(row) and isinstance(row[col], str) and normalize_label(row[col]) == wanted:
                return index
        return None

    def header(self, labels: tuple[str, ...], required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
        """Find the header row holding every ``required`` label; map each found label to its column."""
        wanted = {normalize_label(label): label for label in labels}
        for index, row in enumerate(self.rows[:40]):
            found = {}
            for col, value in enumerate(row):
                key = normalize_label(value) if isinstance(value, str) else ""
                if key in wanted and wanted[key] not in found:
                    found[wanted[key]] = col
            if all(label in found for label in required):
                return index, found
        return None


@dataclass(frozen=True)
class Workbook:
    """The sheets of one spreadsheet file, looked up by normalised name."""

    file: str
    sheets: dict[str, Sheet]
    hidden: frozenset[str] = field(default=frozenset())

    def sheet(self, name: str) -> Sheet | None:
        """Return the sheet with this name (case, accents and spacing ignored), or None."""
        return self.sheets.get(normalize_label(name))


def open_workbook(path: Path, display: str, wanted: tuple[str, ...] | None = None) -> Workbook:
    """Read the sheets of a spreadsheet (only ``wanted`` ones when given).

    Raises PipelineError with the library's reason when the file cannot be parsed.
    """
    try:
        book = _open(path)
        wanted_keys = None if wanted is None else {normalize_label(n) for n in wanted}
        sheets, hidden = {}, set()
        for meta in book.sheets_metadata:
            key = normalize_label(meta.name)
            if wanted_keys is not None and key not in wanted_keys:
                continue
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.setdefault(key, Sheet(display, meta.name, rows))
            if str(meta.visible).lower().endswith("hidden"):
                hidden.add(key)
        return Workbook(display, sheets, frozenset(hidden))
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise PipelineError(str(error) or type(error).__name__) from error


def _open(path: Path) -> python_calamine.CalamineWorkbook:
    """Open by extension, or by content when the extension lies (an xlsx named .xls)."""
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.CalamineError:
        with open(path, "rb") as stream:
            return python_calamine.CalamineWorkbook.from_filelike(stream)


@dataclass(frozen=True)
class RawRow:
    """One target row of a unit workbook."""

    code: Cell
    value: Cell
    last_year: Cell
    note: Cell
    formula_value: bool = False       # the value cell holds a formula without a stored result
    formula_last_year: bool = False


@dataclass(frozen=True)
class RawSubmission:
    """Everything a unit workbook says, unjudged."""

    file: str
    info: dict[str, Cell]
    rows: tuple[RawRow, ...]
    texts: dict[str, Cell]
    scores: tuple[tuple[Cell, Cell], ...]
    version: str
    sample: bool


UNIT_SHEETS = (layout.SHEET_INFO, layout.SHEET_TARGETS, layout.SHEET_TEXTS,
               layout.SHEET_SCORES, layout.SHEET_META)


def read_submission(path: Path, display: str, book: Workbook | None = None) -> RawSubmission:
    """Extract the raw content of a unit workbook (``book``: its sheets, when already opened).

    Raises PipelineError when it cannot be parsed, and LayoutError when a required sheet is
    missing.
    """
    if book is None:
        book = open_workbook(path, display, UNIT_SHEETS)
    for name in (layout.SHEET_INFO, layout.SHEET_TARGETS):
        if book.sheet(name) is None:
            raise LayoutError(name)
    meta = book.sheet(layout.SHEET_META)
    version = _text(meta.cell(0, 1).value) if meta else ""
    sample = bool(meta and any("du lieu mau" in normalize_label(v) for row in meta.rows for v in row
                               if isinstance(v, str)))
    rows = _target_rows(book.sheet(layout.SHEET_TARGETS))
    if any(row.value.empty or row.last_year.empty for row in rows) and path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _mark_formulas(path, book.sheet(layout.SHEET_TARGETS).name, rows)
    return RawSubmission(
        file=display,
        info=_labelled(book.sheet(layout.SHEET_INFO), layout.INFO_LABELS),
        rows=rows,
        texts=_labelled(book.sheet(layout.SHEET_TEXTS), layout.TEXT_LABELS),
        scores=_score_rows(book.sheet(layout.SHEET_SCORES)),
        version=version, sample=sample)


class LayoutError(PipelineError):
    """A unit workbook lacks a sheet the form requires; the message is the sheet's name."""


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _labelled(sheet: Sheet | None, labels: tuple[str, ...]) -> dict[str, Cell]:
    """Map each label found in column A to the cell beside it in column B."""
    found: dict[str, Cell] = {}
    if sheet is None:
        return found
    for label in labels:
        row = sheet.find(label)
        if row is not None:
            found[label] = sheet.cell(row, 1)
    return found


def _target_rows(sheet: Sheet) -> tuple[RawRow, ...]:
    """Return the rows under the targets header that carry a target code."""
    found = sheet.header(layout.TARGET_COLUMNS, (layout.COL_CODE, layout.COL_VALUE))
    if found is None:
        raise LayoutError(f"{layout.SHEET_TARGETS}: {layout.COL_CODE}, {layout.COL_VALUE}")
    head, cols = found
    missing = len(sheet.rows) + 10           # a column a unit deleted reads as empty

    def at(row: int, label: str) -> Cell:
        return sheet.cell(row, cols.get(label, missing))

    rows = []
    for index in range(head + 1, len(sheet.rows)):
        code = at(index, layout.COL_CODE)
        if code.empty:
            continue
        rows.append(RawRow(code, at(index, layout.COL_VALUE), at(index, layout.COL_LAST_YEAR),
                           at(index, layout.COL_NOTE)))
    return tuple(rows)


def _score_rows(sheet: Sheet | None) -> tuple[tuple[Cell, Cell], ...]:
    """Return (criterion code, self points) cells from the self-scoring sheet."""
    if sheet is None:
        return ()
    found = sheet.header(layout.SCORE_COLUMNS, (layout.COL_CRITERION, layout.COL_SELF_POINTS))
    if found is None:
        return ()
    head, cols = found
    pairs = []
    for index in range(head + 1, len(sheet.rows)):
        code = sheet.cell(index, cols[layout.COL_CRITERION])
        if not code.empty:
            pairs.append((code, sheet.cell(index, cols[layout.COL_SELF_POINTS])))
    return tuple(pairs)


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?<!/)>(?:(?!</c>).)*?<f[ >/]', re.S)


def _mark_formulas(path: Path, sheet_name: str, rows: tuple[RawRow, ...]) -> tuple[RawRow, ...]:
    """Flag empty value cells that are really formulas saved without a result (xlsx only).

    calamine reads such a cell as "", which must never be taken for "no figure" or 0.
    """
    formulas = formula_cells(path, sheet_name)
    if not formulas:
        return rows
    return tuple(RawRow(r.code, r.value, r.last_year, r.note,
                        r.value.empty and r.value.location.cell in formulas,
                        r.last_year.empty and r.last_year.location.cell in formulas)
                 for r in rows)


def formula_cells(path: Path, sheet_name: str) -> frozenset[str]:
    """Return the addresses of cells holding a formula in one sheet of an xlsx file."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_name)
            if part is None:
                return frozenset()
            data = archive.read(part)
    except (zipfile.BadZipFile, OSError, KeyError):
        return frozenset()
    return frozenset(m.group(1).decode() for m in _FORMULA_CELL.finditer(data))


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """Resolve a sheet name to its part name through workbook.xml and its relationships."""
    book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    for name, rid in re.findall(r'<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', book):
        if normalize_label(_unescape(name)) == normalize_label(sheet_name):
            target = re.search(rf'Id="{re.escape(rid)}"[^>]*?Target="([^"]*)"', rels) or \
                re.search(rf'Target="([^"]*)"[^>]*?Id="{re.escape(rid)}"', rels)
            if target:
                return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    return None


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))
