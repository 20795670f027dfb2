"""The facts the clerk supplies for the documents are checked before rendering: each blank or
implausible one is a warning with its file, sheet and cell; one signer table signs everything."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.config import load
from pipeline.documents import check_facts
from pipeline.model import Location, Period

ROOT = Path(__file__).resolve().parent.parent
ALL = tuple(Period)


@pytest.fixture
def folder(tmp_path) -> Path:
    """Return a copy of the 2024 data files to edit."""
    shutil.copytree(ROOT / "config" / "2024", tmp_path / "2024")
    return tmp_path / "2024"


def edit(path: Path, sheet: str, cell: str, value) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def facts(folder: Path, periods=ALL) -> list[tuple[str, Location]]:
    config = load(folder.parent, 2024)
    found = list(config.findings) + check_facts(config, periods, folder)
    return [(f.code, f.location) for f in found]


def where(file: str, sheet: str, cell: str) -> Location:
    return Location(f"2024/{file}", sheet, cell)


def test_a_blank_directive_number_is_a_warning_on_its_cell(folder):
    assert ("directive-reference-missing", where("chi_tieu.xlsx", "Chỉ thị", "B4")) in facts(folder)
    edit(folder / "chi_tieu.xlsx", "Chỉ thị", "B4", "số 01/CT-UBND ngày 15/01/2024")
    assert "directive-reference-missing" not in [code for code, _ in facts(folder)]
    config = load(folder.parent, 2024)
    assert config.directive.reference == "số 01/CT-UBND ngày 15/01/2024"


def test_an_implausible_directive_number_is_a_warning_too(folder):
    edit(folder / "chi_tieu.xlsx", "Chỉ thị", "B4", "chưa có")
    assert ("directive-reference-missing", where("chi_tieu.xlsx", "Chỉ thị", "B4")) in facts(folder)


def test_one_signer_table_signs_every_document(folder):
    config = load(folder.parent, 2024)
    sở = {info.document: info.signer_lines for info in config.settings.documents
          if info.signer_name == "Lương Thị Hồng"}
    assert set(sở.values()) == {("GIÁM ĐỐC",)} and len(sở) >= 4
    decision = config.settings.document("Quyết định", Period.YEAR)
    assert decision.signer_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_signer_typed_otherwise_than_the_table_is_a_warning_and_the_table_wins(folder):
    edit(folder / "van_ban.xlsx", "Văn bản", "L3", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert ("signer-mismatch", where("van_ban.xlsx", "Văn bản", "L3")) in facts(folder)
    config = load(folder.parent, 2024)
    assert config.settings.document("Báo cáo kỳ", Period.Q1).signer_lines == ("GIÁM ĐỐC",)


def test_a_signer_missing_from_the_table_is_a_warning(folder):
    edit(folder / "van_ban.xlsx", "Văn bản", "M4", "Hoàng Văn Nam")
    assert ("signer-mismatch", where("van_ban.xlsx", "Văn bản", "M4")) in facts(folder)


def test_a_blank_signer_is_a_warning(folder):
    edit(folder / "van_ban.xlsx", "Văn bản", "M5", None)
    found = facts(folder)
    assert ("signer-mismatch", where("van_ban.xlsx", "Văn bản", "M5")) in found
    assert "signer-example" not in [c for c, w in found if w.cell == "M5"]


def test_an_example_signer_is_flagged_once_where_the_table_names_them(folder):
    found = facts(folder)
    assert ("signer-example", where("van_ban.xlsx", "Người ký", "A4")) in found    # Quyết định
    assert [code for code, _ in found].count("signer-example") == 2
    edit(folder / "van_ban.xlsx", "Người ký", "C4", None)
    edit(folder / "van_ban.xlsx", "Người ký", "A4", "Hồ Tiến Thiệu")
    edit(folder / "van_ban.xlsx", "Văn bản", "M9", "Hồ Tiến Thiệu")
    assert ("signer-example", where("van_ban.xlsx", "Người ký", "A4")) not in facts(folder)


def test_a_document_dated_outside_its_period_is_a_warning(folder):
    edit(folder / "van_ban.xlsx", "Văn bản", "I4", dt.datetime(2023, 7, 5))       # 6 tháng
    edit(folder / "van_ban.xlsx", "Văn bản", "I6", dt.datetime(2025, 8, 1))       # tổng kết
    found = facts(folder)
    assert ("document-date-implausible", where("van_ban.xlsx", "Văn bản", "I4")) in found
    assert ("document-date-implausible", where("van_ban.xlsx", "Văn bản", "I6")) in found
    assert ("document-date-implausible", where("van_ban.xlsx", "Văn bản", "I3")) not in found


def test_legal_bases_blank_or_dropped_by_the_decision_are_warnings(folder):
    found = facts(folder)
    assert ("legal-basis-incomplete", where("van_ban.xlsx", "Căn cứ", "B6")) in found  # số ......
    book = openpyxl.load_workbook(folder / "van_ban.xlsx")
    sheet = book["Căn cứ"]
    circular = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == "Quyết định"
                    and "01/2024/TT-BNV" in sheet.cell(r, 2).value)
    sheet.delete_rows(circular)
    book.save(folder / "van_ban.xlsx")
    assert ("legal-basis-incomplete", where("van_ban.xlsx", "Căn cứ", "B5")) in facts(folder)


def test_a_blank_part_of_the_year_end_review_names_its_cell(folder):
    book = openpyxl.load_workbook(folder / "van_ban.xlsx")
    sheet = book["Nội dung chung"]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 2).value == "Bài học kinh nghiệm")
    sheet.cell(row, 3).value = None
    book.save(folder / "van_ban.xlsx")
    assert ("section-text-missing", where("van_ban.xlsx", "Nội dung chung", f"C{row}")) in facts(folder)
    # only the documents being made are checked: a quý I run says nothing of the year's texts
    assert "section-text-missing" not in [code for code, _ in facts(folder, (Period.Q1,))]


def test_the_sample_data_files_give_only_the_warnings_they_deserve(folder):
    codes = sorted({code for code, _ in facts(folder)})
    assert codes == ["directive-reference-missing", "legal-basis-incomplete", "signer-example"]
