"""Crafted workbooks and templates (issue 13): row bombs, 20,000 repeated rows, a workbook typed
whole in TCVN3, merged header cells, self-score formulas without a result, a hidden stale
copy of a sheet, an empty last-year cell, a template reaching into Python, control characters.
"""
import datetime as dt
import resource
import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline import layout
from pipeline.config import load
from pipeline.errors import PipelineError
from pipeline.forms import FormFill, build_form
from pipeline.intake import gather
from pipeline.legacy import _TCVN3
from pipeline.model import Period
from pipeline.read import MAX_ROWS, SheetTooLarge, open_workbook
from pipeline.render import produce_all, render
from pipeline.criteria import load_criteria
from test_check import cell_of, write_form
from test_render import make_template

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config():
    return load(ROOT / "config", 2024)


def found(intake) -> list[tuple[str, str, str, str]]:
    """Return the findings by (code, file, sheet, cell), but for the targets left blank."""
    return sorted((f.code, f.location.file, f.location.sheet, f.location.cell)
                  for f in intake.findings if f.code != "value-missing")


# --- row bombs ---------------------------------------------------------------------------------
def bomb(path: Path, address: str) -> Path:
    """Write a tiny xlsx whose only sheet holds a label in A1 and one cell far away."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
             't="inlineStr"><is><t>Mã đơn vị</t></is></c></row><row r="{row}"><c r="{ref}" '
             't="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    row = "".join(ch for ch in address if ch.isdigit())
    book = openpyxl.Workbook()
    book.active.title = layout.SHEET_INFO
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.format(row=row, ref=address).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("address,extent", [("A10000000", "dòng 10.000.000, cột A"),
                                            ("A100000000", "dòng 100.000.000, cột A"),
                                            ("XFD7", "dòng 7, cột XFD")])
def test_a_row_bomb_is_refused_by_name_before_reading(config, tmp_path, address, extent):
    bomb(tmp_path / "bom.xlsx", address)
    write_form(config, tmp_path, "S13")
    intake = gather(tmp_path, config)
    assert found(intake) == [("file-too-many-cells", "bom.xlsx", layout.SHEET_INFO, "")]
    assert extent in intake.findings[0].message
    assert [s.unit for s in intake.submissions] == ["S13"]


BOUNDED = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))    # 1 GB of address space
from pipeline.config import load
from pipeline.intake import gather
intake = gather(Path(sys.argv[1]), load(Path(sys.argv[2]), 2024))
print(*sorted(f.code for f in intake.findings))
"""


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs RLIMIT_AS")
def test_a_row_bomb_is_read_within_bounded_memory(tmp_path):
    bomb(tmp_path / "bom.xlsx", "A100000000")         # asked 22 GB before
    done = subprocess.run([sys.executable, "-c", BOUNDED, str(tmp_path), str(ROOT / "config")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["file-too-many-cells"]


ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
    'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
    'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Thông tin"><table:table-row>'
    '<table:table-cell office:value-type="string"><text:p>Mã đơn vị</text:p></table:table-cell>'
    '</table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
    'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
    'table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet>'
    '</office:body></office:document-content>')


def ods(path: Path, rows: int) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", ODS_CONTENT.format(rows=rows), zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:"
                         "names:tc:opendocument:xmlns:manifest:1.0\"/>")
    return path


def test_an_ods_repeating_a_row_ten_million_times_is_refused_before_opening(tmp_path):
    assert len(open_workbook(ods(tmp_path / "a.ods", 1000), "a.ods").sheet("Thông tin").rows) == 1001
    with pytest.raises(SheetTooLarge, match="dòng 10.000.001, cột A"):
        open_workbook(ods(tmp_path / "b.ods", 10_000_000), "b.ods")


def test_extents_follow_cells_without_addresses(tmp_path):
    path = bomb(tmp_path / "x.xlsx", "C5")
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + b"<row><c><v>1</v></c><c><v>2</v></c></row>" * (MAX_ROWS + 1) +
        b"</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(SheetTooLarge) as refused:
        open_workbook(path, "x.xlsx")
    assert (refused.value.sheet, refused.value.rows, refused.value.columns) == \
        (layout.SHEET_INFO, MAX_ROWS + 1, 2)


def test_twenty_thousand_rows_repeating_one_code_are_each_located(config, tmp_path):
    path = write_form(config, tmp_path, "S13", values={"KT07": (D("2100"), D("1900"), "")})
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TARGETS]
    first = sheet.max_row + 1
    for _ in range(20_000):
        sheet.append(["KT07", "", "", None, 5, 4, ""])
    book.save(path)
    intake = gather(tmp_path, config)
    duplicates = [f for f in intake.findings if f.code == "target-duplicate"]
    assert len(duplicates) == 20_000
    assert duplicates[0].location.cell == f"A{first}"
    assert duplicates[-1].location.cell == f"A{first + 19_999}"
    (sub,) = intake.submissions
    assert next(f for f in sub.figures if f.target == "KT07").value == D("2100")


# --- a workbook typed whole in TCVN3 ------------------------------------------------------------
_TO_TCVN3 = {unicode: code for code, unicode in _TCVN3.items()}


def tcvn3(text: str) -> str:
    return "".join(_TO_TCVN3.get(c, c) for c in text)


def test_a_workbook_typed_in_tcvn3_is_read(config, tmp_path):
    path = write_form(config, tmp_path, "S13", period=Period.H1,
                      values={"KT07": (D("2100"), D("1900"), "nguồn")})
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    cell.value = tcvn3(cell.value)
        if sheet.title != layout.SHEET_META:
            sheet.title = tcvn3(sheet.title)
    book.save(path)
    assert "Th«ng tin" in openpyxl.load_workbook(path).sheetnames
    intake = gather(tmp_path, config)
    (sub,) = intake.submissions
    assert (sub.unit, sub.period) == ("S13", Period.H1)
    assert next(f for f in sub.figures if f.target == "KT07").last_year == D("1900")
    assert not [f for f in intake.findings if f.code.startswith("file-")]
    assert any(f.code == "value-legacy-encoding" for f in intake.findings)


# --- merged header cells ------------------------------------------------------------------------
def test_a_last_year_heading_merged_above_the_header_row_is_read(config, tmp_path):
    path = write_form(config, tmp_path, "S13", values={"KT07": (D("2100"), D("1900"), "")})
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TARGETS]
    head = layout.TARGET_HEADER_ROW
    column = next(c.column_letter for c in sheet[head] if c.value == layout.COL_LAST_YEAR)
    sheet[f"{column}{head}"] = None
    sheet[f"{column}{head - 1}"] = layout.COL_LAST_YEAR
    sheet.merge_cells(f"{column}{head - 1}:{column}{head}")
    book.save(path)
    intake = gather(tmp_path, config)
    (sub,) = intake.submissions
    assert next(f for f in sub.figures if f.target == "KT07").last_year == D("1900")
    assert not [f for f in intake.findings if f.code == "column-missing"]


def test_a_deleted_last_year_column_is_one_finding_at_the_header(config, tmp_path):
    path = write_form(config, tmp_path, "S13", values={"KT07": (D("2100"), D("1900"), "")})
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TARGETS]
    column = next(c.column for c in sheet[layout.TARGET_HEADER_ROW] if c.value == layout.COL_LAST_YEAR)
    sheet.delete_cols(column)
    book.save(path)
    intake = gather(tmp_path, config)
    assert found(intake) == [("column-missing", "S13.xlsx", layout.SHEET_TARGETS, "")]
    assert f"(dòng {layout.TARGET_HEADER_ROW})" in intake.findings[0].message


# --- self-score formulas, hidden stale sheet, empty last-year cell --------------------------------
def year_form(config, folder: Path) -> Path:
    unit = config.registry.unit("S13")
    criteria = load_criteria(ROOT / "config", 2024, []).criteria
    fill = FormFill(prepared_by="Người lập", prepared_on=dt.date(2024, 12, 20),
                    values={"KT07": (D("4100"), D("3900"), "")})
    book = build_form(config.directive, unit, Period.YEAR, deadline=None, send_to="Sở Nội vụ",
                      criteria=criteria, fill=fill)
    path = folder / "S13.xlsx"
    book.save(path)
    return path


def test_self_score_formulas_without_a_result_are_found_at_their_cell(config, tmp_path):
    path = year_form(config, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_SCORES]
    head = layout.SCORE_HEADER_ROW
    column = next(c.column_letter for c in sheet[head] if c.value == layout.COL_SELF_POINTS)
    row = next(r[0].row for r in sheet.iter_rows(min_row=head + 1) if r[0].value)
    address = f"{column}{row}"
    sheet[address] = "=2+3"            # saved by a program: no result stored
    book.save(path)
    intake = gather(tmp_path, config)
    assert ("value-formula", "S13.xlsx", layout.SHEET_SCORES, address) in found(intake)


def test_sheets_read_in_small_pieces_measure_the_same(config, tmp_path, monkeypatch):
    """A sheet is measured in pieces cut after a row: no cell, no formula is split."""
    path = year_form(config, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_SCORES]
    for row in range(layout.SCORE_HEADER_ROW + 1, layout.SCORE_HEADER_ROW + 9):
        sheet[f"D{row}"] = f"=2+{row}"
    book.save(path)
    whole = {name: (sheet.rows, sheet.formulas)
             for name, sheet in open_workbook(path, "S13.xlsx").sheets.items()}
    for size in range(16, 64):          # the cuts fall everywhere in the cells
        monkeypatch.setattr("pipeline.read._PIECE", size)
        pieces = {name: (sheet.rows, sheet.formulas)
                  for name, sheet in open_workbook(path, "S13.xlsx").sheets.items()}
        assert pieces == whole, size
    scores = whole[next(k for k in whole if "cham" in k)][1]
    assert {f"D{row}" for row in range(layout.SCORE_HEADER_ROW + 1,
                                       layout.SCORE_HEADER_ROW + 9)} <= scores


def test_a_hidden_stale_copy_placed_first_is_not_read(config, tmp_path):
    path = write_form(config, tmp_path, "S13", values={"KT07": (D("2100"), D("1900"), "")})
    book = openpyxl.load_workbook(path)
    stale = book.copy_worksheet(book[layout.SHEET_TARGETS])
    stale.title = "Chi tieu"                        # the same name once accents are ignored
    stale[cell_of(path, layout.SHEET_TARGETS, "KT07", layout.COL_VALUE)] = 1
    stale.sheet_state = "hidden"
    book.move_sheet(stale, offset=-book.index(stale))
    book.save(path)
    intake = gather(tmp_path, config)
    (sub,) = intake.submissions
    assert next(f for f in sub.figures if f.target == "KT07").value == D("2100")
    assert found(intake) == [("sheet-hidden-copy", "S13.xlsx", "Chi tieu", "")]


def test_an_empty_last_year_cell_of_a_growth_target_is_found(config, tmp_path):
    unit = next(u.code for u in config.registry.units if "KT09" in u.targets)
    path = write_form(config, tmp_path, unit, values={"KT09": (D("8.5"), None, "")})
    intake = gather(tmp_path, config)
    address = cell_of(path, layout.SHEET_TARGETS, "KT09", layout.COL_LAST_YEAR)
    assert found(intake) == [("value-last-year-missing", path.name, layout.SHEET_TARGETS, address)]


# --- templates ------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["{{ cycler.__init__.__globals__.os.getcwd() }}",
                                  "{{ joiner.__init__.__globals__ }}",
                                  "{{ ''.__class__.__mro__[1].__subclasses__() }}"])
def test_a_template_cannot_reach_into_python(tmp_path, line):
    template = make_template(tmp_path, "Kính gửi", line)
    with pytest.raises(PipelineError, match="không được phép|dữ liệu không có"):
        render(template, {}, tmp_path / "out.docx")
    (outcome,) = produce_all([(template, {}, tmp_path / "out.docx")])
    assert isinstance(outcome, PipelineError)
    assert not (tmp_path / "out.docx").exists() or str(Path.cwd()) not in "".join(
        p.text for p in Document(tmp_path / "out.docx").paragraphs)


def test_control_characters_never_reach_a_document(tmp_path):
    template = make_template(tmp_path, "{{ name }}")
    render(template, {"name": "Phòng\x01 Tài\x0b chính\x1f & Kế hoạch\x7f"}, tmp_path / "out.docx")
    assert Document(tmp_path / "out.docx").paragraphs[0].text == "Phòng Tài chính & Kế hoạch"


# --- a file that kills its reader -----------------------------------------------------------------
def _kill_on_bomb(job):
    """A reading worker killed (as by the out-of-memory killer) whenever it reads one file."""
    import os

    from pipeline import intake
    if job[1] == "S05.xlsx":
        os._exit(9)
    return intake._one_file(job[0], job[1], intake._WORKER_CONFIG)


def test_a_file_that_kills_its_reader_is_reported_and_the_others_read(config, tmp_path, monkeypatch):
    from pipeline import intake
    for code in ("S13", "S05", "S06"):
        write_form(config, tmp_path, code)
    monkeypatch.setattr(intake, "PARALLEL_FILES", 2)
    monkeypatch.setattr(intake, "_one_job", _kill_on_bomb)
    result = gather(tmp_path, config)
    assert found(result) == [("file-crashed-reader", "S05.xlsx", "", "")]
    assert sorted(s.unit for s in result.submissions) == ["S06", "S13"]


def _die_on_the_third(index):
    """A rendering step that kills its process whenever it renders the third document."""
    import os

    from pipeline import render as module
    if index == 2:
        os._exit(9)
    return module._produce_task(module._TASKS[index])


def test_a_document_that_kills_its_renderer_is_reported_and_the_others_made(tmp_path, monkeypatch):
    from pipeline import render as module
    from pipeline.render import PARALLEL_FROM
    monkeypatch.setattr(module, "_produce_index", _die_on_the_third)
    monkeypatch.setattr(module, "_produce_task_at", _die_on_the_third)
    template = make_template(tmp_path, "Số {{ n }}")
    tasks = [(template, {"n": i}, tmp_path / f"{i}.docx") for i in range(PARALLEL_FROM)]
    outcomes = produce_all(tasks)
    assert isinstance(outcomes[2], PipelineError) and "2.docx" in str(outcomes[2])
    assert outcomes[:2] + outcomes[3:] == [[]] * (PARALLEL_FROM - 1)
    assert not (tmp_path / "2.docx").exists() and (tmp_path / "7.docx").exists()


def test_an_uncomputed_self_score_is_not_also_called_unscored_and_a_blank_one_has_its_cell(
        config, tmp_path):
    from pipeline.report import check_inputs
    path = year_form(config, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_SCORES]
    head = layout.SCORE_HEADER_ROW
    column = next(c.column_letter for c in sheet[head] if c.value == layout.COL_SELF_POINTS)
    rows = [r for r in sheet.iter_rows(min_row=head + 1) if r[0].value]
    formula_row = next(r for r in rows if r[0].value == "I.2")   # scored by hand, not computed
    sheet[f"{column}{formula_row[0].row}"] = "=2+3"
    book.save(path)
    checked = check_inputs(tmp_path, ROOT / "config", 2024)
    missing = [f for f in checked.findings if f.code == "score-missing"]
    named = {f.message.split("tiêu chí ")[1].split(";")[0] for f in missing}
    assert "I.2" not in named and "II.1" in named     # II.1 left blank: unscored, at its cell
    assert missing and all(f.location.cell and f.location.sheet == layout.SHEET_SCORES
                           for f in missing)
