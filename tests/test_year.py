"""The year is found, not typed: the newest configuration, or the workbooks' year; a config
copied from last year is flagged cell by cell; last year's outputs are never overwritten."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import config_years, default_year, load
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def two_years(tmp_path):
    """A config folder with 2024 and 2025, the latter copied from 2024 and not edited."""
    root = tmp_path / "config"
    shutil.copytree(ROOT / "config" / "2024", root / "2024")
    shutil.copytree(ROOT / "config" / "2024", root / "2025")
    (root / "ghi_chu").mkdir()                       # not a year
    (root / "2030").mkdir()                          # a year folder without its data files
    return root


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_the_newest_configured_year_is_the_default(two_years, tmp_path):
    assert config_years(two_years) == [2024, 2025]
    assert default_year(two_years) == 2025
    with pytest.raises(PipelineError, match="chưa có cấu hình"):
        default_year(tmp_path / "khong_co")


def test_the_real_configuration_has_no_cell_of_another_year():
    assert [f for f in load(ROOT / "config", 2024).findings if f.code == "config-other-year"] == []


def test_a_copied_configuration_warns_once_per_cell_of_the_old_year(two_years):
    found = [f for f in load(two_years, 2025).findings if f.code == "config-other-year"]
    cells = {(f.location.file, f.location.sheet, f.location.cell) for f in found}
    assert len(cells) == len(found)                                   # one warning per cell
    assert ("2025/chi_tieu.xlsx", "Chỉ thị", "B1") in cells           # Năm 2024
    assert ("2025/chi_tieu.xlsx", "Chỉ thị", "B2") in cells           # "… năm 2024"
    dated = {c for f, s, c in cells if s == "Văn bản"}
    assert dated == {"I3", "I4", "I5"}         # the in-year reports; the year-end one is 06/01/2025
    assert {c for f, s, c in cells if s == "Biểu mẫu"} == {"B3", "B4", "B5", "B6"}
    assert any(s == "Nội dung chung" for _, s, _ in cells)
    assert all(f.severity.value == "Cảnh báo" and "năm 2025" in f.fix for f in found)
    assert "05/04/2024" in next(f.message for f in found if f.location.cell == "I3")


def test_workbooks_of_an_older_year_switch_the_year_and_say_so(two_years, tmp_path):
    out = tmp_path / "out"
    result = run("report", "--config", two_years, "--input", ROOT / "input" / "quy1",
                 "--output", out)
    assert result.exit_code == 0, result.output
    assert "Các tệp trong input là báo cáo năm 2024" in result.output
    assert "tổng hợp năm 2024" in result.output
    assert (out / "bao_cao_thi_dua_quy1_2024.docx").exists()
    assert (out / "ket_qua_kiem_tra_2024.xlsx").exists()


def test_another_year_asked_sets_files_aside_one_line_each_and_keeps_last_years_outputs(
        two_years, tmp_path):
    out, quarter = tmp_path / "out", ROOT / "input" / "quy1"
    assert run("report", "--config", two_years, "--input", quarter, "--output", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".docx", ".xlsx")}
    result = run("report", "--config", two_years, "--input", quarter, "--output", out,
                 "--year", 2025)
    assert result.exit_code == 1                    # no workbook of 2025: no document
    files = len(list(quarter.glob("*.xlsx")))
    assert result.output.count(".xlsx: Tệp là báo cáo năm 2024") == files
    assert f"Để riêng {files} tệp báo cáo của năm khác" in result.output
    assert "year-mismatch" not in result.output     # not one error line per file as well
    assert "Muốn tổng hợp năm 2024: --year 2024" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name in before} == before
    assert (out / "ket_qua_kiem_tra_2025.xlsx").exists()


def test_the_copied_configuration_is_warned_before_any_document_is_written(two_years, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(ROOT / "input" / "quy1", inputs)
    result = run("report", "--config", two_years, "--input", inputs, "--output", tmp_path / "o",
                 "--year", 2025)
    warning = result.output.index("config-other-year")
    assert "mới:" not in result.output[:warning] and "mới:" in result.output[warning:]


def test_forms_of_a_copied_configuration_warn_before_they_are_written(two_years, tmp_path):
    result = run("forms", "--period", "quy1", "--config", two_years, "--output", tmp_path / "bm")
    assert result.exit_code == 0
    warning = result.output.index("“25/03/2024” (năm 2024)")          # the Quý I deadline
    assert "mới:" not in result.output[:warning]
    assert "Đã lập 33 biểu mẫu năm 2025" in result.output


def test_the_date_of_an_act_in_a_text_is_not_taken_for_a_copied_year():
    from pipeline.config import _text_years
    from pipeline.model import Location
    from pipeline.read import Cell
    where = Location("v.xlsx", "Nội dung chung", "C2")
    warned = []
    text = "theo Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"
    _text_years(Cell(text, where), {2025, 2026},
                lambda *a: warned.append(a), only=2024)
    assert warned == []
    _text_years(Cell("Phương hướng năm 2024 ngày 31 tháng 12 năm 2023", where),
                {2025, 2026}, lambda *a: warned.append(a), only=2024)
    assert len(warned) == 1
