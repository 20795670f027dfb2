"""One folder holding every kind of bad input beside the sample units: one run, no traceback,
every bad file named with its reason, every good unit in the documents, inputs untouched.
"""
import hashlib
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from python_calamine import CalamineWorkbook

from pipeline import layout
from pipeline.cli import main
from test_safety import deflated_zeros, ole2, raw_zip, types_entry, xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent
TRICKY = "Phòng Tài chính & Kế hoạch <select> “trích dẫn” {{ doc.agency }} {% if x %}"
TCVN3 = "Ra m¾t x· ®¹t chuÈn n«ng th«n míi"          # "Ra mắt xã đạt chuẩn nông thôn mới"


def digest_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def set_text(path: Path, label: str, text: str) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TEXTS]
    row = next(r for r in sheet.iter_rows() if r[0].value == label)
    row[1].value = text
    book.save(path)


def set_value(path: Path, code: str, value) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TARGETS]
    row = next(r for r in sheet.iter_rows() if r[0].value == code)
    row[4].value = value
    book.save(path)


def zip_bomb() -> bytes:
    stream, crc = deflated_zeros(2048)
    return raw_zip([types_entry(), ("xl/worksheets/sheet1.xml", stream, crc, 2048 << 20, 0)])


def encrypted() -> bytes:
    return ole2({"EncryptionInfo": b"\x04\x00\x04\x00" * 8, "EncryptedPackage": b"\x01" * 600})


BAD_FILES = {
    "rong.xlsx": (b"", "file-empty"),
    "ngau_nhien.xlsx": (bytes(range(256)) * 20, "file-not-workbook"),
    "cat_do.xlsx": (None, "file-corrupt"),
    "la_pdf.xlsx": (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n" * 10, "file-not-workbook"),
    "co_mat_khau.xlsx": (None, "file-encrypted"),
    "bom_nen.xlsx": (None, "file-too-large"),
    "khong_theo_mau.xlsx": (None, "file-unknown-layout"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Build the folder: the sample units, then every bad case beside them."""
    folder = tmp_path_factory.mktemp("input")
    shutil.copytree(ROOT / "input", folder, dirs_exist_ok=True)
    bad = folder / "gui_loi"
    bad.mkdir()
    data = dict(BAD_FILES)
    data["cat_do.xlsx"] = (xlsx_bytes()[:900], "file-corrupt")
    data["co_mat_khau.xlsx"] = (encrypted(), "file-encrypted")
    data["bom_nen.xlsx"] = (zip_bomb(), "file-too-large")
    data["khong_theo_mau.xlsx"] = (xlsx_bytes(), "file-unknown-layout")
    for name, (content, _) in data.items():
        (bad / name).write_bytes(content)
    (bad / "~$S13_dang_mo.xlsx").write_bytes(b"owner file")
    (bad / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (bad / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (bad / "tro_vao_khong.xlsx").symlink_to(bad / "khong_co_that.xlsx")
    good = next((folder / "canam").glob("S13_*.xlsx"))
    set_text(good, layout.TEXT_HIGHLIGHTS, TRICKY)
    set_text(good, layout.TEXT_MODELS, TCVN3)
    set_value(next((folder / "canam").glob("S05_*.xlsx")), "KT10", "7.485.000")
    # the same unit and period twice, the copy under an NFD name and an upper-case extension
    twin = next((folder / "6thang").glob("H02_*.xlsx"))
    shutil.copy(twin, bad / unicodedata.normalize("NFD", "Tràng Định bản sao.XLSX"))
    return folder, {name: code for name, (_, code) in data.items()}


@pytest.fixture(scope="module")
def run(hostile, tmp_path_factory):
    folder, expected = hostile
    out = tmp_path_factory.mktemp("output")
    before = digest_tree(folder)
    result = CliRunner().invoke(main, ["report", "--input", str(folder), "--output", str(out)],
                                catch_exceptions=False)
    return result, out, before, digest_tree(folder), expected


def findings_rows(out: Path) -> list[list]:
    """Return the findings rows as (severity, unit, file, sheet, cell, code, …), without the
    unit's name column."""
    book = CalamineWorkbook.from_path(str(out / "ket_qua_kiem_tra_2024.xlsx"))
    return [[r[0], r[1], *r[3:]] for r in book.get_sheet_by_name("Kết quả kiểm tra").to_python()[1:]]


def test_one_run_no_traceback_documents_written(run):
    result, out, *_ = run
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert len(list(out.glob("*.docx"))) >= 4


def test_inputs_are_byte_identical(run):
    _, _, before, after, _ = run
    assert before == after


def test_every_bad_file_is_named_with_its_reason(run):
    _, out, _, _, expected = run
    rows = findings_rows(out)
    found = {(Path(row[2]).name, row[5]) for row in rows}
    for name, code in expected.items():
        assert (name, code) in found, name
    assert ("tro_vao_khong.xlsx", "file-broken-link") in found
    assert not any("~$" in row[2] or ".DS_Store" in row[2] for row in rows)


def test_implausible_unit_and_duplicate_are_reported(run):
    _, out, *_ = run
    codes = {row[5] for row in findings_rows(out)}
    assert {"value-implausible", "submission-duplicate", "value-legacy-encoding"} <= codes


def text_of(path: Path) -> str:
    """Return the paragraphs, then the table cells (the units' texts are in an appendix)."""
    document = Document(str(path))
    return "\n".join([p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells])


def test_text_comes_out_exactly_as_typed_and_never_runs(run):
    _, out, *_ = run
    text = text_of(out / "bao_cao_tong_ket_thi_dua_2024.docx")
    assert TRICKY in text
    assert "Ra mắt xã đạt chuẩn nông thôn mới" in text
    assert "SỞ NỘI VỤ" not in text.split(TRICKY)[0][-40:]     # the tag was not rendered


def test_every_good_unit_is_in_the_year_end_document(run):
    from pipeline.config import load
    _, out, *_ = run
    text = text_of(out / "bao_cao_tong_ket_thi_dua_2024.docx")
    for name in load(ROOT / "config", 2024).units_title.values():
        assert name in text, name
    assert "Tổng thu ngân sách nhà nước trên địa bàn: chưa có số liệu" in text
