"""Write tables of text as an .xlsx workbook, straight as SpreadsheetML.

The findings workbook is text in a few styles: openpyxl took 0.1 s to import and 20 µs a cell
for it (its write-only mode, with the rows streamed past it, still loaded it whole). Here each
sheet is written as it is made, row after row, into the zip: every value is an inline string
(never read as a formula or a number), with the control characters XML forbids removed. Each
sheet has its column widths, the header row frozen and repeated on every printed page, a
filter over its table and a landscape A4 page layout fitted to the page width.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .read import column_letter

STYLES = {None: 0, "wrap": 1, "bad": 2, "head": 3}      # cellXfs of _STYLES_XML, in order
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CHUNK = 2000                                          # rows joined before each write
LINE_PT = 15                                           # the height of a line of 11 pt text

Cell = tuple[object, "str | None"]                     # (value, style name)


@dataclass(frozen=True)
class Table:
    """One sheet: its name, its columns' widths (characters), its rows of (value, style)
    cells (an empty row is left blank), and the last row its filter covers."""

    name: str
    widths: Sequence[float]
    rows: Iterable[Sequence[Cell]]
    filter_to: int


def write_workbook(path: Path, tables: Sequence[Table]) -> None:
    """Write ``tables`` as the sheets of a new workbook at ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _content_types(len(tables)))
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _workbook(tables))
        book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(tables)))
        book.writestr("xl/styles.xml", _STYLES_XML)
        for number, table in enumerate(tables, start=1):
            with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as part:
                _write_sheet(part, table, selected=number == 1)


def text(value: object) -> str:
    """Return a value as XML text: control characters removed, ``&``, ``<``, ``>`` escaped."""
    return (_FORBIDDEN.sub("", "" if value is None else str(value))
            .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _write_sheet(part, table: Table, selected: bool) -> None:
    last = column_letter(len(table.widths) - 1)
    columns = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                      for i, w in enumerate(table.widths, start=1))
    view = ' tabSelected="1"' if selected else ""
    part.write((
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<sheetViews><sheetView{view} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        f'</sheetView></sheetViews><cols>{columns}</cols><sheetData>').encode())
    letters = [column_letter(i) for i in range(len(table.widths))]
    limits = [max(int(width) - 1, 1) for width in table.widths]
    chunk: list[str] = []
    for number, row in enumerate(table.rows, start=1):
        if row:
            lines = _lines(row, limits)
            chunk.append(f'<row r="{number}" ht="{lines * LINE_PT}" customHeight="1">'
                         if lines > 1 else f'<row r="{number}">')
            chunk += [f'<c r="{col}{number}" s="{STYLES[style]}" t="inlineStr"><is>'
                      f'<t xml:space="preserve">{text(value)}</t></is></c>'
                      for col, (value, style) in zip(letters, row)]
            chunk.append("</row>")
        if number % _CHUNK == 0:
            part.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    part.write("".join(chunk).encode("utf-8"))
    part.write((
        f'</sheetData><autoFilter ref="A1:{last}{max(table.filter_to, 2)}"/>'
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
        'fitToHeight="0"/></worksheet>').encode())


def _lines(row: Sequence[Cell], limits: Sequence[int]) -> int:
    """Return how many lines the row's wrapped texts take at most, ``limits`` characters to a
    line in each column (about one character a unit of width): the row is made that tall,
    since a row without a height is not fitted to its wrapped text when the file is opened
    (LibreOffice showed and printed them one line high, clipped), and a clipped finding
    would be printed half."""
    most = 1
    for (value, style), limit in zip(row, limits):
        if style is None or not value:
            continue
        value = value if isinstance(value, str) else str(value)
        if "\n" in value:
            most = max(most, sum(-(-len(part) // limit) or 1 for part in value.split("\n")))
        elif len(value) > limit * most:
            most = -(-len(value) // limit)
    return most


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook(tables: Sequence[Table]) -> str:
    sheets = "".join(f'<sheet name="{text(t.name)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, t in enumerate(tables, start=1))
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f'{text(_quoted(t.name))}!$A$1:${column_letter(len(t.widths) - 1)}${max(t.filter_to, 2)}'
        f'</definedName><definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f'{text(_quoted(t.name))}!$1:$1</definedName>' for i, t in enumerate(tables))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets><definedNames>{names}</definedNames></workbook>')


def _workbook_rels(count: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                     f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PACKAGE_REL}">{sheets}<Relationship Id="rId{count + 1}" '
            f'Type="{_REL}/styles" Target="styles.xml"/></Relationships>')


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="'
                     f'{_TYPE}.worksheet+xml"/>' for i in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override '
            f'PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/><Override '
            f'PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>{sheets}</Types>')


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
    f'xmlns="{_PACKAGE_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_TOP_WRAP = '<alignment vertical="top" wrapText="1"/>'
_STYLES_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="4"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/>'
    '</patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/>'
    '<bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    f'{_TOP_WRAP}</xf><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" '
    f'applyFont="1" applyFill="1" applyAlignment="1">{_TOP_WRAP}</xf><xf numFmtId="0" '
    'fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1" '
    f'applyAlignment="1">{_TOP_WRAP}</xf></cellXfs><cellStyles count="1"><cellStyle '
    'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
