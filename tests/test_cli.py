"""The command line as a clerk uses it: exit codes, Vietnamese messages, no tracebacks."""
import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "input"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def digest_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_help_lists_every_command_with_help_text():
    result = run("--help")
    assert result.exit_code == 0
    for name, command in main.commands.items():
        assert name in result.output
        assert command.help, name
        assert run(name, "--help").exit_code == 0


def test_report_writes_every_document_and_leaves_input_untouched(tmp_path):
    before = digest_tree(INPUT)
    result = run("report", "--output", tmp_path)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert names == ["bao_cao_thi_dua_6thang_2024.docx", "bao_cao_thi_dua_9thang_2024.docx",
                     "bao_cao_thi_dua_quy1_2024.docx", "bao_cao_tong_ket_thi_dua_2024.docx",
                     "du_thao_quyet_dinh_khen_thuong_2024.docx", "to_trinh_khen_thuong_2024.docx",
                     "xep_hang_cum1_2024.docx", "xep_hang_cum2_2024.docx",
                     "xep_hang_khoi1_2024.docx", "xep_hang_khoi2_2024.docx",
                     "xep_hang_khoi3_2024.docx"]
    assert (tmp_path / "ket_qua_kiem_tra_2024.xlsx").exists()
    assert digest_tree(INPUT) == before


def test_running_twice_changes_nothing(tmp_path):
    assert run("report", "--output", tmp_path).exit_code == 0
    first = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second_run = run("report", "--output", tmp_path)
    assert second_run.exit_code == 0
    assert "không đổi" in second_run.output
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == first


def test_period_option_chooses_documents(tmp_path):
    result = run("report", "--output", tmp_path, "--period", "quy1")
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.glob("*.docx")] == ["bao_cao_thi_dua_quy1_2024.docx"]


def test_missing_input_folder_is_a_message_not_a_traceback(tmp_path):
    result = run("report", "--input", tmp_path / "khong_co", "--output", tmp_path)
    assert result.exit_code == 1
    assert "Không có thư mục" in result.output and "Traceback" not in result.output


def test_nothing_to_write_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    result = run("report", "--input", tmp_path / "in", "--output", tmp_path / "out")
    assert result.exit_code == 1
    assert "Không lập được văn bản nào" in result.output


def test_validate_prints_located_findings_and_exits_1_on_errors(tmp_path):
    shutil.copy(next(INPUT.rglob("S13_*canam*.xlsx")), tmp_path / "S13.xlsx")
    (tmp_path / "hong.xlsx").write_bytes(b"khong phai excel")
    result = run("validate", "--input", tmp_path)
    assert result.exit_code == 1
    assert "hong.xlsx" in result.output and "file-not-workbook" in result.output
    assert not list(tmp_path.glob("*.docx"))


def test_strict_fails_on_any_finding(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(next(INPUT.rglob("S13_*canam*.xlsx")), tmp_path / "in" / "S13.xlsx")
    (tmp_path / "in" / "ghi_chu.txt").write_text("x")
    assert run("report", "--input", tmp_path / "in", "--output", tmp_path / "o").exit_code == 0
    strict = run("report", "--input", tmp_path / "in", "--output", tmp_path / "o", "--strict")
    assert strict.exit_code == 1


@pytest.mark.parametrize("args", [("report", "--period", "quy5"), ("report", "--year", "abc"),
                                  ("khong-co-lenh",)])
def test_usage_errors_exit_2(args):
    assert CliRunner().invoke(main, list(args)).exit_code == 2


def test_lint_passes_templates_and_fails_a_broken_document(tmp_path):
    from docx import Document
    templates = sorted((ROOT / "templates").glob("*.docx"))
    good = run("lint", *templates)
    assert good.exit_code == 0, good.output
    document = Document(str(templates[0]))
    document.sections[0].left_margin = document.sections[0].right_margin
    document.save(str(tmp_path / "sai_le.docx"))
    bad = run("lint", tmp_path / "sai_le.docx")
    assert bad.exit_code == 1
    assert "[margins]" in bad.output and "sai_le.docx" in bad.output
    (tmp_path / "~$i_le.docx").write_bytes(b"owner file of Word")      # not a document
    folder = run("lint", tmp_path)
    assert folder.exit_code == 1 and "[margins]" in folder.output
    assert "Đã kiểm tra 1 văn bản" in folder.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_report_with_pdf_writes_a_pdf_per_document(tmp_path):
    result = run("report", "--output", tmp_path, "--period", "quy1", "--pdf")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "pdf").glob("*.pdf")] == ["bao_cao_thi_dua_quy1_2024.pdf"]


@pytest.mark.parametrize("args,words", [
    (("report", "--period", "quy5"), "“quy5” không phải một trong"),
    (("report", "--year", "abc"), "“abc” không phải là số hợp lệ"),
    (("report", "--khong-co"), "Không có tùy chọn"),
    (("khong-co-lenh",), "Không có lệnh “khong-co-lenh”"),
    (("forms",), "Thiếu tùy chọn")])
def test_usage_errors_are_in_vietnamese(args, words):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2
    assert words in result.output and "Lỗi:" in result.output and "Cách dùng:" in result.output
    assert "Usage:" not in result.output and "Error:" not in result.output


def test_the_progress_bar_reaches_the_end_with_the_last_file(monkeypatch):
    from pipeline import cli

    class Bar:
        pos, closed = 0, False

        def __enter__(self):
            return self

        def __exit__(self, *_):
            Bar.closed = True

        def update(self, steps):
            Bar.pos += steps
    monkeypatch.setattr(cli.click, "progressbar", lambda **_: Bar())
    jobs = list(range(150))
    pairs = list(zip(jobs, cli._progress(iter(jobs), len(jobs))))   # as intake reads them
    assert pairs == [(i, i) for i in jobs]
    assert Bar.pos == 150 and Bar.closed


def test_validate_refreshes_the_findings_workbook_and_the_notices(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    path = shutil.copy(next(INPUT.rglob("S13_*quy1*.xlsx")), inputs / "S13.xlsx")
    import openpyxl
    book = openpyxl.load_workbook(path)
    sheet = book["Chỉ tiêu"]
    cell = next(c for row in sheet.iter_rows(min_row=5) for c in row
                if c.column == 5 and isinstance(c.value, (int, float)))
    cell.value = "nhiều"
    book.save(path)
    result = run("validate", "--input", inputs, "--output", out)
    assert result.exit_code == 1
    assert "Thông báo cho 1 đơn vị có lỗi" in result.output
    assert (out / "ket_qua_kiem_tra_2024.xlsx").exists()
    (notice,) = (out / "thong_bao_don_vi_2024").glob("S13_*.txt")
    assert f"ô {cell.coordinate}: Giá trị “nhiều” không phải là số." in notice.read_text("utf-8-sig")
    path.unlink()
    shutil.copy(next(INPUT.rglob("S13_*quy1*.xlsx")), inputs / "S13.xlsx")     # fixed and resent
    assert run("validate", "--input", inputs, "--output", out).exit_code == 0
    assert not list((out / "thong_bao_don_vi_2024").glob("*.txt"))    # no stale notice left


def test_a_control_character_in_a_file_name_stops_neither_the_workbook_nor_the_summary(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(INPUT.rglob("H01_*quy1*.xlsx")), inputs / "H01.xlsx")
    (inputs / "hong\x01\x1b[2J.xlsx").write_text("x")
    result = run("report", "--input", inputs, "--output", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "  - hong[2J.xlsx: Tệp không phải bảng tính" in result.output
    assert "\x1b" not in result.output and "\x01" not in result.output
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(str(tmp_path / "out" / "ket_qua_kiem_tra_2024.xlsx")) \
        .get_sheet_by_name("Kết quả kiểm tra").to_python()
    assert [r[3] for r in rows[1:] if r[6] == "file-not-workbook"] == ["hong[2J.xlsx"]
