"""Rendering templates: data prints exactly as typed, gaps and bad tags fail loudly."""
from __future__ import annotations

import os

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from jinja2 import UndefinedError
from PIL import Image

from doc_context import periodic_context, year_end_context
from fixtures_docs import TEMPLATES, rendered  # noqa: F401  (pytest fixture)
from pipeline.errors import PipelineError
from pipeline.render import PARALLEL_FROM, Picture, missing_variables, produce_all, render


def make_template(folder: Path, *lines: str, header: str = "") -> Path:
    """Write a .docx whose paragraphs are ``lines`` (Jinja allowed) and optional header."""
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    path = folder / "mau.docx"
    doc.save(str(path))
    return path


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


@pytest.mark.parametrize("value", [
    "Phòng Tài chính & Kế hoạch", "<select>", "Trích \"dẫn\" và 'nháy đơn'", "{{ x }}",
    "{% if %}", "a < b > c && d", "Sở Lao động - Thương binh và Xã hội"])
def test_data_prints_as_typed(tmp_path, value):
    template = make_template(tmp_path, "{{ value }}", "đoạn sau")
    out = tmp_path / "ra.docx"
    render(template, {"value": value}, out)
    assert paragraphs(out) == [value, "đoạn sau"]


def test_filters_are_available(tmp_path):
    template = make_template(tmp_path, "{{ v|number(3) }} {{ p|percent }} {{ n|docnum }}")
    out = tmp_path / "ra.docx"
    render(template, {"v": 14040.807, "p": 64.65, "n": 5}, out)
    assert paragraphs(out) == ["14.040,807 64,7% 05"]


@pytest.mark.parametrize("line,context", [("{{ missing }}", {}),
                                          ("{{ doc.nope }}", {"doc": {"agency": "SỞ NỘI VỤ"}})])
def test_undefined_value_stops_the_render(tmp_path, line, context):
    template = make_template(tmp_path, line)
    with pytest.raises(PipelineError, match="mau.docx") as caught:
        render(template, context, tmp_path / "ra.docx")
    assert isinstance(caught.value.__cause__, UndefinedError)
    assert not (tmp_path / "ra.docx").exists()


def test_missing_variables_lists_body_and_header_names(tmp_path):
    template = make_template(tmp_path, "{{ doc.agency }} {{ year }}",
                             "{% for x in items %}{{ x }}{% endfor %}", header="{{ footer_note }}")
    assert missing_variables(template, {"doc": {}}) == ["footer_note", "items", "year"]
    assert missing_variables(template, {"doc": {}, "year": 1, "items": [],
                                        "footer_note": ""}) == []


@pytest.mark.parametrize("line", ["{{ value ", "{% if value %}không đóng", "{{ a – b }}"])
def test_syntax_error_becomes_pipeline_error(tmp_path, line):
    template = make_template(tmp_path, line)
    with pytest.raises(PipelineError, match="mau.docx.*cú pháp"):
        render(template, {"value": 1}, tmp_path / "ra.docx")
    with pytest.raises(PipelineError, match="cú pháp"):
        missing_variables(template, {})


@pytest.mark.parametrize("count", [3, PARALLEL_FROM + 2])      # one by one, and on both cores
def test_produce_all_keeps_order_and_reports_each_problem_in_its_place(tmp_path, count):
    good = make_template(tmp_path, "Số {{ n }}")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a docx")
    tasks = [(good, {"n": i}, tmp_path / f"{i}.docx") for i in range(count)]
    tasks[1] = (good, {}, tmp_path / "1.docx")                 # lacks "n"
    tasks[2] = (broken, {"n": 2}, tmp_path / "2.docx")
    outcomes = produce_all(tasks)
    assert outcomes[0] == [] and outcomes[1] == ["n"]
    assert isinstance(outcomes[2], PipelineError) and "hong.docx" in str(outcomes[2])
    assert not (tmp_path / "1.docx").exists() and not (tmp_path / "2.docx").exists()
    for i in [0, *range(3, count)]:
        assert outcomes[i] == [] and paragraphs(tmp_path / f"{i}.docx") == [f"Số {i}"]


def _die(index):
    """A rendering worker that is killed (as by the out-of-memory killer)."""
    os._exit(9)


def test_documents_are_produced_here_when_a_worker_dies(tmp_path, monkeypatch):
    from pipeline import render as render_module
    monkeypatch.setattr(render_module, "_produce_index", _die)
    template = make_template(tmp_path, "Số {{ n }}")
    tasks = [(template, {"n": i}, tmp_path / f"{i}.docx") for i in range(PARALLEL_FROM)]
    assert produce_all(tasks) == [[]] * PARALLEL_FROM
    assert [paragraphs(out) for _, _, out in tasks] == [[f"Số {i}"] for i in range(PARALLEL_FROM)]


def test_on_both_cores_each_picture_is_drawn_once_and_a_failed_one_is_reported_in_its_place(
        tmp_path):
    log = tmp_path / "drawn.txt"

    def draw(path):
        with log.open("a") as stream:            # the workers are processes: count in a file
            stream.write(f"{path.name}\n")
        if path.name != "hong.png":
            Image.new("L", (200, 100), 255).save(path)
    shared = Picture(tmp_path / "chung.png", 50, draw)
    template = make_template(tmp_path, "{% for c in charts %}{{ c }}{% endfor %}")
    tasks = [(template, {"charts": [shared, Picture(tmp_path / f"{i}.png", 30, draw)]},
              tmp_path / f"{i}.docx") for i in range(PARALLEL_FROM)]
    tasks[1] = (template, {"charts": [shared, Picture(tmp_path / "hong.png", 30, draw)]},
                tmp_path / "1.docx")
    outcomes = produce_all(tasks)
    assert isinstance(outcomes[1], PipelineError) and "hong.png" in str(outcomes[1])
    assert outcomes[:1] + outcomes[2:] == [[]] * (PARALLEL_FROM - 1)
    drawn = log.read_text().split()
    assert sorted(drawn) == sorted(["chung.png", "hong.png", "hong.png"]
                                   + [f"{i}.png" for i in range(PARALLEL_FROM) if i != 1])
    assert len(Document(str(tmp_path / "0.docx")).inline_shapes) == 2


def test_missing_or_damaged_template(tmp_path):
    with pytest.raises(PipelineError, match="Không tìm thấy"):
        render(tmp_path / "khong_co.docx", {}, tmp_path / "ra.docx")
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(PipelineError, match="hong.docx"):
        missing_variables(bad, {})


def test_picture_becomes_an_inline_image(tmp_path):
    chart = tmp_path / "bieu_do.png"
    Image.new("RGB", (200, 100), "white").save(chart)
    template = make_template(tmp_path, "{{ chart }}", "{% for c in charts %}{{ c }}{% endfor %}")
    out = tmp_path / "ra.docx"
    context = {"chart": Picture(chart, 50), "charts": [Picture(chart, 30)]}
    render(template, context, out)
    extents = [int(e.get("cx")) for e in Document(str(out)).element.body.iter(
        qn("wp:extent"))]
    assert extents == [50 * 36000, 30 * 36000]
    assert context["chart"] == Picture(chart, 50)     # the caller's context is untouched


def test_a_missing_picture_is_drawn_once_when_rendered_and_reused_after(tmp_path):
    drawn = []

    def draw(path):
        drawn.append(path)
        Image.new("L", (200, 100), 255).save(path)
    chart = tmp_path / "bieu_do.png"
    template = make_template(tmp_path, "{{ chart }}")
    for out in ("a.docx", "b.docx"):
        render(template, {"chart": Picture(chart, 50, draw)}, tmp_path / out)
    assert drawn == [chart]
    assert len(list(Document(str(tmp_path / "b.docx")).inline_shapes)) == 1
    with pytest.raises(PipelineError, match="khong_co.png"):     # nothing draws it: a finding
        render(template, {"chart": Picture(tmp_path / "khong_co.png", 50)}, tmp_path / "c.docx")


@pytest.mark.parametrize("name,context", [("bao_cao_ky.docx", periodic_context),
                                          ("bao_cao_tong_ket.docx", year_end_context)])
def test_report_templates_match_the_contract(name, context):
    full = context()
    assert missing_variables(TEMPLATES / name, full) == []
    del full["table_groups"], full["sample"]
    assert missing_variables(TEMPLATES / name, full) == ["sample", "table_groups"]


def test_report_prints_autoescaped_data(rendered):
    text = "\n".join(paragraphs(rendered["bao_cao_ky"]))
    assert "- Số hóa 100% hồ sơ thủ tục hành chính <cấp huyện> đúng hạn (Phòng Tài chính &" \
           " Kế hoạch huyện Hữu Lũng)." in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("key,headings", [
    ("bao_cao_ky", ["1. Công tác triển khai", "2. Kết quả", "3. Công tác khen thưởng",
                    "4. Hoạt động", "5. Tồn tại", "6. Nhiệm vụ", "7. Đề xuất"]),
    ("bao_cao_ky_sparse", ["1. Kết quả"]),
    ("bao_cao_tong_ket", ["Phần I", "I. ĐẶC ĐIỂM", "II. CÔNG TÁC LÃNH ĐẠO", "III. KẾT QUẢ",
                          "1. Phong trào thi đua thực hiện các chỉ tiêu",
                          "2. Các phong trào thi đua chuyên đề", "3. Phát hiện, bồi dưỡng",
                          "4. Hoạt động", "IV. CÔNG TÁC KHEN THƯỞNG", "V. ĐÁNH GIÁ",
                          "1. Ưu điểm", "2. Tồn tại", "3. Nguyên nhân", "4. Bài học",
                          "Phần II", "Phần III"]),
    ("bao_cao_tong_ket_sparse", ["Phần I", "I. KẾT QUẢ", "1. Phong trào thi đua"])])
def test_optional_sections_vanish_and_numbering_has_no_gaps(rendered, key, headings):
    found = [t for t in paragraphs(rendered[key])
             if re.match(r"(Phần [IVX]+|[IVX]+\. |\d+\. )", t)]
    assert [h for h in headings if not any(t.startswith(h) for t in found)] == []
    assert len(found) == len(headings)
    text = "\n".join(paragraphs(rendered[key]))
    assert "…" not in text and "{{" not in text and "{%" not in text
