"""The ``lint`` command as a clerk uses it: levels, grouped repeats, JSON, the catalogue,
and distinct messages and exit codes for unreadable files and wrong usage."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Pt

from clerk_docs import word_default_document
from fixtures_docs import TEMPLATES, rendered  # noqa: F401  (pytest fixture)
from pipeline.cli import main
from pipeline.lint.rules import RULES


def run(*args):
    return CliRunner().invoke(main, ["lint", *map(str, args)], catch_exceptions=False)


def test_help_explains_the_command_levels_modes_and_exit_codes():
    out = run("--help").output
    for words in ("Nghị định 30", "lỗi", "cảnh báo", "--generated", "--template", "--json",
                  "--rules", "Mã trả về", "không đọc được", "thư mục"):
        assert words in out, words


def test_rules_lists_the_catalogue_as_text_and_json():
    text = run("--rules")
    assert text.exit_code == 0
    assert all(code in text.output for code in RULES)
    rows = json.loads(run("--rules", "--json").output)
    assert {r["code"] for r in rows} == set(RULES)
    assert {r["level"] for r in rows} == {"error", "warning"}
    assert next(r for r in rows if r["code"] == "margins")["ref"] == "Phụ lục I, mục I.3"


def test_no_file_and_an_empty_folder_are_usage_errors(tmp_path):
    assert run().exit_code == 2
    (tmp_path / "ghi_chu.txt").write_text("không phải văn bản")
    result = CliRunner().invoke(main, ["lint", str(tmp_path)])
    assert result.exit_code == 2 and "không có văn bản Word" in result.output


@pytest.mark.parametrize("name,content,words", [
    ("khong_co.docx", None, "không tìm thấy tệp"),
    ("cu.doc", b"\xd0\xcf\x11\xe0 old Word", "Word 97-2003"),
    ("hong.docx", b"PK\x03\x04 broken", "tệp bị hỏng")])
def test_unreadable_files_have_their_own_message_and_exit_3(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(path, TEMPLATES / "bao_cao_ky.docx")
    assert result.exit_code == 3, result.output
    assert f"{path}: KHÔNG ĐỌC ĐƯỢC: " in result.output and words in result.output
    assert "Đã kiểm tra 1 văn bản" in result.output and "1 tệp không đọc được" in result.output


def test_a_folder_includes_upper_case_docx_and_skips_owner_files(tmp_path):
    shutil.copy(TEMPLATES / "bao_cao_ky.docx", tmp_path / "BAO_CAO.DOCX")
    (tmp_path / "~$O_CAO.DOCX").write_bytes(b"owner file of Word")
    result = run(tmp_path)
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 1 văn bản: 0 lỗi thể thức, 0 cảnh báo" in result.output


def test_warnings_alone_exit_0_and_1_with_strict(tmp_path):
    path = word_default_document(tmp_path / "word.docx")
    result = run(path)
    assert result.exit_code == 0, result.output
    assert "CẢNH BÁO [font-lang]" in result.output and "LỖI" not in result.output
    assert run("--strict", path).exit_code == 1


def test_a_document_wide_change_prints_one_line_with_a_count(rendered, tmp_path):
    doc = Document(str(rendered["bao_cao_ky"]))
    body = [p for p in doc.paragraphs if p.text.startswith("- ")]
    for p in body:
        for r in p.runs:
            r.font.size = Pt(12)
    doc.save(str(tmp_path / "co_12.docx"))
    result = run(tmp_path / "co_12.docx")
    lines = [line for line in result.output.splitlines() if "[body-size]" in line]
    assert result.exit_code == 1
    assert len(lines) == 1, lines
    assert "Chữ đang cỡ 12 pt; nội dung phải cỡ 13-14." in lines[0]
    assert f"lặp lại {len(body) - 1} lần nữa ở đoạn" in lines[0]
    assert "(Phụ lục I, mục II.6.e)" in lines[0] and "LỖI [body-size]" in lines[0]


def test_json_gives_each_finding_with_level_place_value_and_count(rendered, tmp_path):
    doc = Document(str(rendered["bao_cao_ky"]))
    doc.sections[0].left_margin = Pt(70)        # 24,7 mm
    doc.save(str(tmp_path / "le.docx"))
    result = run("--json", tmp_path / "le.docx")
    assert result.exit_code == 1
    data = json.loads(result.output)
    (entry,) = data["files"]
    assert entry["readable"] and entry["mode"] == "document" and entry["errors"] == 1
    (finding,) = entry["findings"]
    assert {k: finding[k] for k in ("code", "level", "ref", "value", "count")} == {
        "code": "margins", "level": "error", "ref": "Phụ lục I, mục I.3",
        "value": "24,7 mm", "count": 1}
    assert finding["message"].startswith("Lề trái đang là 24,7 mm; phải từ 30-35 mm")


def test_generated_reports_none_left_in_a_document(rendered, tmp_path):
    doc = Document(str(rendered["bao_cao_ky"]))
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    paragraph.runs[0].text = "Số đơn vị gửi báo cáo: None."
    doc.save(str(tmp_path / "none.docx"))
    assert run(tmp_path / "none.docx").exit_code == 0
    result = run("--generated", tmp_path / "none.docx")
    assert result.exit_code == 1 and "LỖI [empty-value]" in result.output


def test_a_template_checked_as_a_document_reports_its_tags():
    result = run("--document", TEMPLATES / "bao_cao_ky.docx")
    assert result.exit_code == 1 and "[template-tag]" in result.output


def test_lint_does_not_import_the_report_pipeline():
    code = ("import sys, pipeline.cli; "
            "print(sorted(m for m in ('pipeline.report', 'pipeline.summary', 'openpyxl',"
            " 'docxtpl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"


def test_many_files_are_checked_on_both_cores_in_order(rendered, tmp_path):
    from pipeline.lint.cli import MANY
    for i in range(MANY + 1):
        shutil.copy(rendered["bao_cao_ky"], tmp_path / f"vb_{i:02d}.docx")
    doc = Document(str(rendered["bao_cao_ky"]))
    doc.sections[0].left_margin = Pt(70)
    doc.save(str(tmp_path / "vb_04.docx"))
    result = run(tmp_path)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[margins]" in line]
    assert len(lines) == 1 and "vb_04.docx" in lines[0]
    assert f"Đã kiểm tra {MANY + 1} văn bản: 1 lỗi thể thức" in result.output


def test_a_file_the_checker_trips_on_is_reported_not_a_traceback(monkeypatch, tmp_path):
    import pipeline.lint as lint_package

    def trip(document, mode):
        raise AttributeError("unexpected XML")
    monkeypatch.setattr(lint_package, "lint_document", trip)
    result = run(TEMPLATES / "bao_cao_ky.docx")
    assert result.exit_code == 3
    assert "không kiểm tra được tệp này (lỗi chương trình AttributeError)" in result.output
