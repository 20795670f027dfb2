"""A re-run with unchanged inputs renders nothing; any change, edit or deletion renders again."""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from pipeline import render, reuse, summary
from pipeline.model import Finding, Location, Severity
from pipeline.pictures import Picture
from pipeline.report import check_inputs, make_report
from pipeline.write import Writer

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = {"a": "Sở Nội vụ", "n": 3, "d": dt.date(2024, 12, 5), "v": Decimal("7.50"),
           "rows": [{"x": None, "ok": True}], "chart": Picture(Path("/x/abc123.png"), 155)}


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "mau.docx"
    shutil.copy(ROOT / "templates" / "xep_hang.docx", path)
    return path


def test_the_key_is_stable_and_follows_template_context_and_pictures(template, tmp_path):
    key = reuse.document_key(template, CONTEXT)
    assert key and key == reuse.document_key(template, dict(CONTEXT))
    assert reuse.document_key(template, {**CONTEXT, "v": Decimal("7.5")}) != key
    assert reuse.document_key(template, {**CONTEXT, "rows": [{"x": 0, "ok": True}]}) != key
    other = Picture(Path("/x/def456.png"), 155)
    assert reuse.document_key(template, {**CONTEXT, "chart": other}) != key
    template.write_bytes(template.read_bytes() + b"\0")
    assert reuse.document_key(template, CONTEXT) != key


def test_no_key_without_a_template_or_for_a_value_of_unknown_text(tmp_path, template):
    assert reuse.document_key(tmp_path / "khong_co.docx", CONTEXT) is None
    assert reuse.document_key(template, {"x": object()}) is None


def test_the_code_version_covers_every_module():
    reuse.code_version.cache_clear()
    assert reuse.code_version() == reuse.code_version()
    assert len(reuse.code_version()) == 64


def test_findings_key_follows_every_field():
    f = Finding("value-missing", Severity.WARNING, "m", "s", Location("a.xlsx", "Chỉ tiêu", "E7"))
    g = Finding("value-missing", Severity.WARNING, "m", "s", Location("a.xlsx", "Chỉ tiêu", "E8"))
    assert reuse.findings_key([f]) == reuse.findings_key((f,))
    assert reuse.findings_key([f]) != reuse.findings_key([g])
    assert reuse.findings_key([f, g]) != reuse.findings_key([g, f])


def test_a_written_file_is_unchanged_for_its_key_until_edited_or_deleted(tmp_path):
    writer = Writer(tmp_path)
    written = writer.write("a.txt", lambda out: out.write_text("một"))
    assert writer.unchanged("a.txt", "k1") is None              # no key recorded yet
    writer.remember({"a.txt": "k1"})
    again = Writer(tmp_path)                                     # the next run reads it back
    assert again.unchanged("a.txt", "k1").status == "không đổi"
    assert again.unchanged("a.txt", "k2") is None
    assert again.unchanged("a.txt", None) is None
    written.path.write_text("một, đã sửa")
    assert again.unchanged("a.txt", "k1") is None
    written.path.unlink()
    assert again.unchanged("a.txt", "k1") is None


@pytest.fixture(scope="module")
def checked():
    return check_inputs(ROOT / "input", ROOT / "config", 2024)


def refuse(*_):
    raise AssertionError("rendered or written again")


def test_a_rerun_with_unchanged_inputs_renders_and_writes_nothing(checked, tmp_path, monkeypatch):
    first = make_report(checked, tmp_path, ROOT / "templates")
    times = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    monkeypatch.setattr(render, "produce_all", refuse)
    monkeypatch.setattr(summary, "write_findings", refuse)
    second = make_report(checked, tmp_path, ROOT / "templates")
    assert [w.path for w in second.written] == [w.path for w in first.written]
    assert {w.status for w in second.written} == {"không đổi"}
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == times


def test_an_edited_document_is_rendered_again_and_the_edit_kept(checked, tmp_path):
    make_report(checked, tmp_path, ROOT / "templates")
    edited = tmp_path / "xep_hang_cum1_2024.docx"
    document = Document(str(edited))
    document.add_paragraph("Ý kiến của lãnh đạo, thêm bằng Word.")
    document.save(str(edited))
    outcome = make_report(checked, tmp_path, ROOT / "templates")
    status = {w.path.name: w.status for w in outcome.written}
    assert status["xep_hang_cum1_2024.docx"] == "cập nhật"
    assert status["xep_hang_cum2_2024.docx"] == "không đổi"
    assert [(f.code, f.location.file) for f in outcome.findings if f.code == "output-kept"] == [
        ("output-kept", "xep_hang_cum1_2024.docx")]
    assert len(list(tmp_path.glob("xep_hang_cum1_2024.ban-sua-*.docx"))) == 1


def test_a_deleted_document_or_a_changed_template_renders_again(checked, tmp_path, monkeypatch):
    templates = tmp_path / "mau"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "ra"
    make_report(checked, out, templates)
    rendered = []
    produce_all = render.produce_all

    def counted(tasks):
        rendered.extend(template.name for template, _, _ in tasks)
        return produce_all(tasks)
    monkeypatch.setattr(render, "produce_all", counted)
    (out / "to_trinh_khen_thuong_2024.docx").unlink()
    ranking = templates / "xep_hang.docx"
    ranking.write_bytes(ranking.read_bytes())                    # same bytes: still unchanged
    make_report(checked, out, templates)
    assert rendered == ["to_trinh.docx"]
    rendered.clear()
    with zipfile.ZipFile(ROOT / "templates" / "xep_hang.docx") as source, \
            zipfile.ZipFile(ranking, "w", zipfile.ZIP_STORED) as copy:   # other bytes, same text
        for item in source.infolist():
            copy.writestr(item.filename, source.read(item.filename))
    outcome = make_report(checked, out, templates)
    assert rendered == ["xep_hang.docx"] * 5
    assert {w.status for w in outcome.written} == {"không đổi"}


def test_a_damaged_keys_entry_means_render_again_not_a_traceback(tmp_path):
    writer = Writer(tmp_path)
    writer.write("a.txt", lambda out: out.write_text("một"))
    writer.manifest["#keys"] = ["không phải bảng"]
    assert writer.unchanged("a.txt", "k1") is None
    writer.remember({"a.txt": "k1"})
    assert Writer(tmp_path).unchanged("a.txt", "k1").status == "không đổi"
