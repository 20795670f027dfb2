"""Stage 1, read: open spreadsheets with python-calamine and extract raw cells.

The only module that imports python-calamine. It keeps each raw value with its exact
place (file, sheet, cell) and leaves all judgement to ``check``. Sheets, labels and
column headers are found by their normalised text (also when typed with a legacy TCVN3 or
VNI font), so units that add rows or columns, retype a header, merge header cells or save
from LibreOffice are still read.

A sheet's extent is bounded before python-calamine builds its grid (a 13 KB workbook with
one cell at row 10,000,000 would take gigabytes): see MAX_ROWS, MAX_COLUMNS, MAX_CELLS.
"""
from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import python_calamine

from . import layout
from .errors import PipelineError
from .formatting import number
from .legacy import _from_tcvn3, _from_vni     # forced readings: labels are compared, not guessed
from .model import Location
from .safety import part_bytes
from .values import normalize_label

MAX_ROWS = 100_000            # rows of one sheet (a unit form has about 60, a data file hundreds)
MAX_COLUMNS = 1_000           # columns of one sheet
MAX_CELLS = 2_000_000         # rows × columns of the grid a sheet is read into


class SheetTooLarge(PipelineError):
    """A sheet reaches beyond the limits; refused before it is read."""

    def __init__(self, sheet: str, rows: int, columns: int):
        self.sheet, self.rows, self.columns = sheet, rows, columns
        self.extent = f"dòng {number(rows)}, cột {column_letter(max(columns, 1) - 1)}"
        self.limit = f"{number(MAX_ROWS)} dòng, {number(MAX_COLUMNS)} cột, {number(MAX_CELLS)} ô"
        super().__init__(f"Trang tính “{sheet}” trải tới {self.extent}, vượt giới hạn "
                         f"{self.limit}.")


@functools.lru_cache(maxsize=4096)
def label_keys(text: str) -> tuple[str, ...]:
    """Return the keys a label can match: as typed, then read as TCVN3 and as VNI.

    A workbook typed whole with a legacy font has "Th«ng tin" for "Thông tin"; a label is
    only compared with the form's labels, so a forced reading cannot invent a match.
    """
    key = normalize_label(text)
    if text.isascii():
        return (key,)
    return tuple(dict.fromkeys((key, normalize_label(_from_tcvn3(text)),
                                normalize_label(_from_vni(text)))))


def _matches(value: object, wanted: dict[str, str]) -> str | None:
    """Return the wanted label a cell reads as, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return next((wanted[k] for k in label_keys(value) if k in wanted), None)


@dataclass(frozen=True)
class Cell:
    """A raw value as the spreadsheet holds it, and where it is."""

    value: object
    location: Location

    @property
    def empty(self) -> bool:
        """Return True when the cell holds nothing but spaces."""
        return blank(self.value)


def blank(value: object) -> bool:
    """Tell whether a cell's value is nothing but spaces (or nothing)."""
    return value is None or (isinstance(value, str) and not value.strip())


@functools.lru_cache(maxsize=2048)
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
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()   # ((r0, c0), (r1, c1))
    formulas: frozenset[str] = frozenset()     # xlsx: cells holding a formula ("B7")

    def cell(self, row: int, col: int) -> Cell:
        """Return the cell at 0-based row and column (empty beyond the data)."""
        return Cell(self.value(row, col),
                    Location(self.file, self.name, f"{column_letter(col)}{row + 1}"))

    def value(self, row: int, col: int) -> object:
        """Return the value at 0-based row and column ("" beyond the data)."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def find(self, label: str, col: int = 0) -> int | None:
        """Return the row whose cell in ``col`` reads ``label`` (normalised), or None."""
        wanted = {normalize_label(label): label}
        for index, row in enumerate(self.rows):
            if col < len(row) and _matches(row[col], wanted):
                return index
        return None

    def header(self, labels: tuple[str, ...], required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
        """Find the header row holding every ``required`` label; map each found label to its column.

        A header cell merged over several rows (or columns) counts in each row it covers, so
        a heading typed in a merged block above the others is still found.
        """
        wanted = {normalize_label(label): label for label in labels}
        for index, row in enumerate(self.rows[:40]):
            found: dict[str, int] = {}
            for col, value in self._header_cells(index, row):
                label = _matches(value, wanted)
                if label is not None and label not in found:
                    found[label] = col
            if all(label in found for label in required):
                return index, found
        return None

    def _header_cells(self, index: int, row: list[object]):
        """Yield (column, value) of a row, a merged block giving its value to its empty cells."""
        values = dict(enumerate(row))
        for (r0, c0), (r1, c1) in self.merged:
            if r0 <= index <= r1 and r0 < len(self.rows) and c0 < len(self.rows[r0]):
                top = self.rows[r0][c0]
                for col in range(c0, min(c1, c0 + MAX_COLUMNS) + 1):
                    if values.get(col) in (None, ""):
                        values[col] = top
        return sorted(values.items())


@dataclass(frozen=True)
class Workbook:
    """The sheets of one spreadsheet file, looked up by normalised name."""

    file: str
    sheets: dict[str, Sheet]
    hidden: frozenset[str] = field(default=frozenset())
    hidden_copies: tuple[tuple[str, str], ...] = ()    # (hidden stale sheet, visible one read)

    def sheet(self, name: str) -> Sheet | None:
        """Return the sheet with this name (case, accents and spacing ignored), or None."""
        return self.sheets.get(normalize_label(name))


def open_workbook(path: Path, display: str, wanted: tuple[str, ...] | None = None) -> Workbook:
    """Read the sheets of a spreadsheet (only ``wanted`` ones when given).

    Where a visible and a hidden sheet share a name (a stale copy kept out of sight), the
    visible one is read and the pair is listed in ``hidden_copies``. Raises SheetTooLarge
    for a sheet beyond the limits (checked before reading it), PipelineError with the
    library's reason when the file cannot be parsed.
    """
    try:
        archive = _zip_or_none(path)
    except OSError as error:
        raise PipelineError(str(error) or type(error).__name__) from error
    try:
        return _open_workbook(path, display, wanted, archive)
    finally:
        if archive is not None:
            archive.close()


def _open_workbook(path: Path, display: str, wanted: tuple[str, ...] | None,
                   archive: zipfile.ZipFile | None) -> Workbook:
    """Read the sheets, the file's archive (None: not a zip) opened once for measuring."""
    try:
        if archive is not None:
            _guard_ods(archive)
        book = _open(path)
        wanted_keys = None if wanted is None else {normalize_label(n) for n in wanted}
        chosen: dict[str, object] = {}
        copies: list[tuple[str, str]] = []
        for meta in book.sheets_metadata:
            keys = [k for k in label_keys(meta.name) if wanted_keys is None or k in wanted_keys]
            for key in keys:
                current = chosen.get(key)
                if current is None:
                    chosen[key] = meta
                elif _hidden(current) != _hidden(meta):
                    visible, stale = (meta, current) if _hidden(current) else (current, meta)
                    chosen[key] = visible
                    if (stale.name, visible.name) not in copies:
                        copies.append((stale.name, visible.name))
        measures = {} if archive is None else \
            _measure(archive, {meta.name for meta in chosen.values()})
        read: dict[str, Sheet] = {}
        sheets = {key: read.get(meta.name) or read.setdefault(
                      meta.name, _read_sheet(book, meta.name, display, measures.get(meta.name)))
                  for key, meta in chosen.items()}
        hidden = frozenset(key for key, meta in chosen.items() if _hidden(meta))
        return Workbook(display, sheets, hidden, tuple(copies))
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise PipelineError(str(error) or type(error).__name__) from error


def _zip_or_none(path: Path) -> zipfile.ZipFile | None:
    """Open a file's zip archive (xlsx, xlsm, ods) for measuring; None for another file or a
    damaged archive (calamine will say what is wrong with it)."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return None


def _guard_ods(archive: zipfile.ZipFile) -> None:
    """Refuse an ods file with a table beyond the limits before calamine opens it (it builds
    every table's grid when it opens the file, repeating rows as the file says)."""
    try:
        if not _is_ods(archive):
            return
        extents = _ods_extents(archive, None)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zlib.error):
        return
    for name, extent in extents.items():
        _check_extent(name, *extent)


def _is_ods(archive: zipfile.ZipFile) -> bool:
    present = archive.NameToInfo
    return "content.xml" in present and "mimetype" in present


def _hidden(meta) -> bool:
    return str(meta.visible).lower().endswith("hidden")


def _read_sheet(book: python_calamine.CalamineWorkbook, name: str, display: str,
                measure: Measure | None) -> Sheet:
    """Read one sheet into a grid, refusing it first if it reaches beyond the limits.

    xlsx: the extent was measured from the file (``_measure``) before calamine builds
    anything. xls and ods: the format bounds the grid (65,536 × 256 for xls) and it is
    checked before the grid becomes Python objects.
    """
    if measure is not None:
        _check_extent(name, measure.rows, measure.columns)
    sheet = book.get_sheet_by_name(name)
    end = sheet.end
    if end is not None:
        _check_extent(name, end[0] + 1, end[1] + 1)
    merged = tuple(sheet.merged_cell_ranges or ()) if end is not None else ()
    return Sheet(display, name, sheet.to_python(skip_empty_area=False), merged,
                 measure.formulas if measure is not None else frozenset())


def _check_extent(name: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise SheetTooLarge(name, rows, columns)


# --- the extent of xlsx sheets, measured in the XML before any grid is built ---------------
_ROW_FIRST = re.compile(rb'<row r="([0-9]{1,12})"')          # as Excel, openpyxl and
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,8}([0-9]{1,12})"')      # LibreOffice write them
_CELL_LETTERS = re.compile(rb'<c r="([A-Z]{1,8})[0-9]')
_TAG = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s>/])([^>]*)>")
_R_ATTR = re.compile(rb"\sr=\"([A-Za-z]{0,8})([0-9]{1,12})\"")
_PIECE = 1 << 20


@dataclass(frozen=True)
class Measure:
    """What a sheet's XML says before any grid is built: how far its cells reach, and which
    cells hold a formula (calamine reads one saved without its result as "")."""

    rows: int
    columns: int
    formulas: frozenset[str] = frozenset()


def _measure(archive: zipfile.ZipFile, names: set[str] | None) -> dict[str, Measure]:
    """Measure the sheets of an open xlsx/xlsm/ods archive (those in ``names`` when given).

    Reads each sheet's XML once, in pieces (its size was bounded by ``safety``), and finds
    the furthest row and column any cell reaches, as calamine would place it, and (xlsx) the
    cells holding a formula.
    """
    try:
        if _is_ods(archive):
            return {name: Measure(*extent) for name, extent in _ods_extents(archive, names).items()}
        present = archive.NameToInfo
        if "xl/workbook.xml" not in present:
            return {}
        return {name: _measure_part(archive, part) for name, part in _sheet_parts(archive).items()
                if part in present and (names is None or name in names)}
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zlib.error):
        return {}                       # calamine will say what is wrong with the file


def _measure_part(archive: zipfile.ZipFile, part: str) -> Measure:
    """Measure one sheet part, read in pieces cut after a cell or a row (so that a cell and its
    formula are never split)."""
    rows = columns = 0
    formulas: set[str] = set()
    tail = b""
    with _open_part(archive, part) as stream:
        while True:
            chunk = stream.read(_PIECE)
            data = tail + chunk
            cut = _after_cell(data) if chunk else len(data)
            if not cut and len(data) > 8 * _PIECE:   # no cell ends in 8 pieces: after a tag
                cut = data.rfind(b">") + 1
            piece, tail = data[:cut], data[cut:]
            r, c = _piece_extent(piece, rows)
            rows, columns = max(rows, r), max(columns, c)
            if b"<f" in piece:
                formulas.update(m.group(1).decode() for m in _FORMULA_CELL.finditer(piece))
            if not chunk:
                return Measure(rows, columns, frozenset(formulas))


def _open_part(archive: zipfile.ZipFile, name: str) -> BinaryIO:
    """Open a part for reading: a small one is read whole, straight from the archive
    (``safety.part_bytes``), a large one (or one that cannot be read so) streamed."""
    info = archive.getinfo(name)
    data = part_bytes(archive, info) if info.file_size <= _PIECE else None
    return io.BytesIO(data) if data is not None else archive.open(info)


def _after_cell(data: bytes) -> int:
    """Return the position just after the last cell or row that ends in ``data``, or 0."""
    cell, row = data.rfind(b"</c>"), data.rfind(b"</row>")
    return max(cell + 4 if cell >= 0 else 0, row + 6 if row >= 0 else 0)


def _piece_extent(piece: bytes, row: int) -> tuple[int, int]:
    """Return the furthest (row, column) reached in a run of whole tags, the rows before
    it reaching ``row``.

    Fast path: every row and cell tag starts with its address. Otherwise (addresses left
    out, other attribute order, prefixed tags) every tag is followed in order.
    """
    if not piece:
        return row, 0
    rows = _ROW_FIRST.findall(piece)
    cells = _CELL_ROW.findall(piece)
    row_tags = piece.count(b"<row ") + piece.count(b"<row>")
    cell_tags = piece.count(b"<c ") + piece.count(b"<c>")
    if len(rows) != row_tags or len(cells) != cell_tags or b":row" in piece or b":c " in piece:
        return _walk_tags(piece, row)
    row_max = max(map(int, rows + cells), default=0)
    col_max = max(map(_column_number, set(_CELL_LETTERS.findall(piece))), default=0)
    return row_max, col_max


def _walk_tags(piece: bytes, row: int) -> tuple[int, int]:
    """Follow row and cell tags in order, numbering those without an address as calamine does."""
    col = columns = 0
    rows = row
    for name, attributes in _TAG.findall(piece):
        found = _R_ATTR.search(attributes)
        if name == b"row":
            row = int(found.group(2)) if found else row + 1
            col = 0
        elif found and found.group(1):
            col, row = _column_number(found.group(1)), int(found.group(2))
        else:
            col += 1
        rows, columns = max(rows, row), max(columns, col)
    return rows, columns


_ODS_TABLE = re.compile(rb"<table:table\s([^>]*)>(.*?)</table:table>", re.S)
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROW = re.compile(rb"<table:table-row(?=[\s>/])([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s>/])([^>]*?)(?:/>|>(.*?)"
                       rb"</table:(?:covered-)?table-cell>)", re.S)
_ODS_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="([0-9]{1,12})"')
_ODS_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="([0-9]{1,12})"')
ODS_CONTENT_LIMIT = 50 * 1024 * 1024      # content.xml measured whole up to this size


def _ods_extents(archive: zipfile.ZipFile, names: set[str] | None) -> dict[str, tuple[int, int]]:
    """Return {table name: (rows, columns)} of an ods file, counting repeated rows and cells
    that hold something (calamine repeats those; empty repeats at the end are not kept)."""
    info = archive.getinfo("content.xml")
    if info.file_size > ODS_CONTENT_LIMIT:
        return {}                       # checked after calamine builds the grid
    data = archive.read(info)
    extents = {}
    for table in _ODS_TABLE.finditer(data):
        found = _ODS_NAME.search(table.group(1))
        name = _unescape(found.group(1).decode("utf-8", "replace")) if found else ""
        if names is None or name in names:
            extents[name] = _ods_table_extent(table.group(2))
    return extents


def _ods_table_extent(body: bytes) -> tuple[int, int]:
    row = rows = columns = 0
    for attributes, content in _ODS_ROW.findall(body):
        repeated = _ODS_ROWS_REPEATED.search(attributes)
        count = int(repeated.group(1)) if repeated else 1
        width = _ods_row_width(content or b"")
        if width:
            rows, columns = row + count, max(columns, width)
        row += count
    return rows, columns


def _ods_row_width(content: bytes) -> int:
    """Return the column just past the last cell of a row that holds something."""
    col = width = 0
    for attributes, inner in _ODS_CELL.findall(content):
        repeated = _ODS_COLUMNS_REPEATED.search(attributes)
        col += int(repeated.group(1)) if repeated else 1
        if b"value-type" in attributes or (inner and b"<text:" in inner):
            width = col
    return width


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


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
    hidden_copies: tuple[tuple[str, str], ...] = ()   # (hidden stale sheet, visible one read)
    missing_columns: tuple[tuple[str, int, Location], ...] = ()   # (column, header row, sheet)
    score_formulas: frozenset[str] = frozenset()      # self-score cells: formulas, no result


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
    targets = book.sheet(layout.SHEET_TARGETS)
    rows, missing = _target_rows(targets)
    rows = _mark_formulas(targets.formulas, rows)
    scores = _score_rows(book.sheet(layout.SHEET_SCORES))
    score_formulas: frozenset[str] = frozenset()
    if any(points.empty for _, points in scores):
        score_formulas = book.sheet(layout.SHEET_SCORES).formulas
    return RawSubmission(
        file=display,
        info=_labelled(book.sheet(layout.SHEET_INFO), layout.INFO_LABELS),
        rows=rows,
        texts=_labelled(book.sheet(layout.SHEET_TEXTS), layout.TEXT_LABELS),
        scores=scores, version=version, sample=sample, hidden_copies=book.hidden_copies,
        missing_columns=missing, score_formulas=score_formulas)


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


def _target_rows(sheet: Sheet) -> tuple[tuple[RawRow, ...], tuple[tuple[str, int, Location], ...]]:
    """Return the rows under the targets header that carry a target code, and the figure
    columns the header lacks (with the header row's place)."""
    found = sheet.header(layout.TARGET_COLUMNS, (layout.COL_CODE, layout.COL_VALUE))
    if found is None:
        raise LayoutError(f"{layout.SHEET_TARGETS}: {layout.COL_CODE}, {layout.COL_VALUE}")
    head, cols = found
    where = Location(sheet.file, sheet.name)
    lacking = tuple((label, head + 1, where) for label in (layout.COL_LAST_YEAR,)
                    if label not in cols)
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
    return tuple(rows), lacking


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


def _mark_formulas(formulas: frozenset[str], rows: tuple[RawRow, ...]) -> tuple[RawRow, ...]:
    """Flag empty value cells that are really formulas saved without a result (xlsx only).

    calamine reads such a cell as "", which must never be taken for "no figure" or 0.
    """
    if not formulas:
        return rows
    return tuple(RawRow(r.code, r.value, r.last_year, r.note,
                        r.value.empty and r.value.location.cell in formulas,
                        r.last_year.empty and r.last_year.location.cell in formulas)
                 for r in rows)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map each sheet's name to its part through workbook.xml and its relationships."""
    with _open_part(archive, "xl/workbook.xml") as stream:
        book = stream.read().decode("utf-8", "replace")
    with _open_part(archive, "xl/_rels/workbook.xml.rels") as stream:
        rels = stream.read().decode("utf-8", "replace")
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        rid, target = _ID.search(tag), _TARGET.search(tag)
        if rid and target:
            targets.setdefault(rid.group(1), target.group(1))
    parts = {}
    for tag in _SHEET_TAG.findall(book):
        name, rid = _NAME.search(tag), _RID.search(tag)
        target = targets.get(rid.group(1)) if name and rid else None
        if target:
            parts.setdefault(_unescape(name.group(1)), "xl/" + target.lstrip("/").removeprefix("xl/"))
    return parts


_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\s[^>]*>")
_ID = re.compile(r'\sId="([^"]*)"')
_TARGET = re.compile(r'\sTarget="([^"]*)"')
_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\s[^>]*>")
_NAME = re.compile(r'\sname="([^"]*)"')
_RID = re.compile(r'\sr:id="([^"]*)"')


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))
