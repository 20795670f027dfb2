"""Writing outputs: atomic, never losing a clerk's edits, never escaping output/."""
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pipeline.errors import PipelineError
from pipeline.findings import finding
from pipeline.model import Location
from pipeline.summary import write_findings
from pipeline.write import OutputFailed, OutputLocked, Writer, inside, same_content


def make_zip(path: Path, text: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", text)
        archive.writestr("docProps/core.xml", str(path.stat().st_mtime_ns if path.exists() else 0))


def producer(text: str):
    return lambda out: make_zip(out, text)


def test_new_then_unchanged_then_updated(tmp_path):
    writer = Writer(tmp_path)
    assert writer.write("a.docx", producer("one")).status == "mới"
    mtime = (tmp_path / "a.docx").stat().st_mtime_ns
    assert Writer(tmp_path).write("a.docx", producer("one")).status == "không đổi"
    assert (tmp_path / "a.docx").stat().st_mtime_ns == mtime
    result = Writer(tmp_path).write("a.docx", producer("two"))
    assert (result.status, result.kept) == ("cập nhật", None)


def test_a_clerks_edit_is_kept_beside_the_new_document(tmp_path):
    Writer(tmp_path).write("a.docx", producer("one"))
    make_zip(tmp_path / "a.docx", "edited by the clerk")
    result = Writer(tmp_path).write("a.docx", producer("two"))
    assert result.kept is not None and result.kept.name.startswith("a.ban-sua-")
    with zipfile.ZipFile(result.kept) as archive:
        assert archive.read("word/document.xml") == b"edited by the clerk"


def test_a_failure_while_producing_leaves_the_old_file_whole(tmp_path):
    Writer(tmp_path).write("a.docx", producer("one"))

    def crash(out: Path) -> None:
        out.write_bytes(b"half a docu")
        raise OSError("disk full")

    with pytest.raises(OutputFailed, match="a.docx"):
        Writer(tmp_path).write("a.docx", crash)
    with zipfile.ZipFile(tmp_path / "a.docx") as archive:
        assert archive.read("word/document.xml") == b"one"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".da_tao")) == ["a.docx"]


def test_a_document_open_in_word_is_reported(tmp_path):
    Writer(tmp_path).write("bao_cao.docx", producer("one"))
    (tmp_path / "~$o_cao.docx").write_bytes(b"owner")
    with pytest.raises(OutputLocked, match="đang mở trong Word"):
        Writer(tmp_path).write("bao_cao.docx", producer("two"))


@pytest.mark.parametrize("name", ["../ra_ngoai.docx", "/tmp/tuyet_doi.docx", "a/../../b.docx"])
def test_names_cannot_escape_the_output_folder(tmp_path, name):
    with pytest.raises(PipelineError):
        inside(tmp_path / "out", name)


def test_same_content_ignores_zip_timestamps(tmp_path):
    for name in ("x.zip", "y.zip"):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr(zipfile.ZipInfo("a.xml", (2020 if name == "x.zip" else 2024, 1, 1, 0, 0, 0)), "same")
    assert same_content(tmp_path / "x.zip", tmp_path / "y.zip")


def test_findings_file_keeps_formula_like_text_as_text(tmp_path):
    dangerous = ["=1+1", "+SUM(A1)", "-2", "@cmd", "=HYPERLINK(\"http://x\")"]
    findings = [finding("value-not-number", Location(f"{v}.xlsx", v, "E7"), unit=v, value=v)
                for v in dangerous]
    path = tmp_path / "ket_qua.xlsx"
    write_findings(findings, path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [(row[1], row[2], row[3]) for row in rows[1:]] == \
           [(v, f"{v}.xlsx", v) for v in dangerous]
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
