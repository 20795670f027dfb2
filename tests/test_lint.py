"""The Decree 30 checker: correct documents pass, and each rule catches its own breach.

Every rule is tested the same way: take a correct rendered report, break just that rule
with python-docx, and check that exactly that rule (and no other) is reported.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, Twips

from fixtures_docs import TEMPLATES, rendered  # noqa: F401  (pytest fixture)
from pipeline.errors import PipelineError
from pipeline.lint import Violation, lint


# --------------------------------------------------------------------------- finding things
def cell_para(doc, table: int, start: str):
    """Return the first paragraph of table ``table`` whose text starts with ``start``."""
    return next(p for cell in doc.tables[table]._cells for p in cell.paragraphs
                if p.text.startswith(start))


def body_para(doc, start: str):
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def set_runs(paragraph, **props) -> None:
    """Set run properties (bold, italic, size) on every run of ``paragraph``."""
    for run in paragraph.runs:
        for name, value in props.items():
            if name == "size":
                run.font.size = value
            else:
                setattr(run, name, value)


def set_text(paragraph, value: str) -> None:
    paragraph.runs[0].text = value
    for run in paragraph.runs[1:]:
        run.text = ""


def drop(el, tag: str) -> None:
    """Remove every ``tag`` element below ``el``."""
    for child in list(el.iter(qn(tag))):
        child.getparent().remove(child)


def motto(doc):
    return cell_para(doc, 0, "Độc lập")


def agency_line(doc):
    """Return the bordered paragraph under the agency name."""
    cell = doc.tables[0].cell(0, 0)
    return next(p for p in cell.paragraphs if p._p.find(qn("w:pPr")) is not None
                and p._p.pPr.find(qn("w:pBdr")) is not None)


# --------------------------------------------------------------------------- breakers
def to_letter(doc):
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(216), Mm(279)


def add_borders(doc):
    edges = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl_pr = doc.tables[0]._tbl.tblPr
    drop(tbl_pr, "w:tblBorders")
    tbl_pr.find(qn("w:tblLayout")).addprevious(
        parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


def english_text(doc):
    """Set the proofing language of a body paragraph's runs to English."""
    for run in body_para(doc, "Thực hiện").runs:
        run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US"/>'))


def no_page_field(doc):
    for paragraph in doc.sections[0].header.paragraphs:
        for run in list(paragraph._p.iter(qn("w:r"))):
            run.getparent().remove(run)


def appendix_portrait(doc):
    section = doc.sections[1]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(1418), Twips(1134)
    section.left_margin, section.right_margin = Twips(1985), Twips(1134)


def closing(doc):
    return body_para(doc, "Trên đây")


BREAKERS = {
    "page-size": to_letter,
    "margins": lambda d: setattr(d.sections[0], "left_margin", Mm(25)),
    "font": lambda d: setattr(body_para(d, "Thực hiện").runs[0].font, "name", "Arial"),
    "font-lang": english_text,
    "body-size": lambda d: set_runs(body_para(d, "Thực hiện"), size=Pt(12)),
    "body-justify": lambda d: setattr(body_para(d, "Thực hiện").paragraph_format, "alignment",
                                      WD_ALIGN_PARAGRAPH.LEFT),
    "first-line-indent": lambda d: setattr(body_para(d, "Thực hiện").paragraph_format,
                                           "first_line_indent", Cm(0)),
    "para-spacing": lambda d: setattr(body_para(d, "Thực hiện").paragraph_format,
                                      "space_after", Pt(0)),
    "line-spacing": lambda d: setattr(body_para(d, "Thực hiện").paragraph_format,
                                      "line_spacing", 2.0),
    "header-table": add_borders,
    "national-title": lambda d: set_runs(cell_para(d, 0, "CỘNG HÒA"), bold=False),
    "motto": lambda d: set_runs(motto(d), bold=False),
    "motto-dash": lambda d: set_text(motto(d), "Độc lập – Tự do – Hạnh phúc"),
    "motto-line": lambda d: drop(motto(d)._p, "w:pBdr"),
    "parent-agency": lambda d: set_runs(cell_para(d, 0, "UBND TỈNH"), bold=True),
    "agency": lambda d: set_runs(cell_para(d, 0, "SỞ NỘI VỤ"), bold=False),
    "agency-line": lambda d: drop(agency_line(d)._p, "w:pBdr"),
    "number-line": lambda d: set_runs(cell_para(d, 0, "Số:"), italic=True),
    "date-line": lambda d: set_runs(cell_para(d, 0, "Lạng Sơn,"), italic=False),
    "date-zero": lambda d: set_text(cell_para(d, 0, "Lạng Sơn,"),
                                    "Lạng Sơn, ngày 5 tháng 07 năm 2024"),
    "doc-type": lambda d: set_runs(body_para(d, "BÁO CÁO"), bold=False),
    "summary": lambda d: setattr(body_para(d, "Kết quả thực hiện").paragraph_format,
                                 "alignment", WD_ALIGN_PARAGRAPH.LEFT),
    "page-number": no_page_field,
    "page-number-first": lambda d: setattr(d.sections[0],
                                           "different_first_page_header_footer", False),
    "recipients-label": lambda d: set_runs(cell_para(d, 1, "Nơi nhận"), italic=False),
    "recipients-items": lambda d: set_runs(cell_para(d, 1, "- Lãnh đạo"), size=Pt(13)),
    "recipients-archive": lambda d: set_text(cell_para(d, 1, "- Lưu"), "- Lưu trữ."),
    "signer-prefix": lambda d: set_text(cell_para(d, 1, "KT."), "K/T GIÁM ĐỐC"),
    "signer-title": lambda d: set_text(cell_para(d, 1, "PHÓ GIÁM ĐỐC"), "GIÁM ĐỐC"),
    "signer-name": lambda d: set_text(cell_para(d, 1, "Nguyễn"), "TS. Nguyễn Văn A"),
    "end-mark": lambda d: set_text(closing(d), closing(d).text.replace("./.", ".")),
    "appendix-label": lambda d: set_text(body_para(d, "Phụ lục"), "PHỤ LỤC"),
    "appendix-title": lambda d: set_runs(body_para(d, "KẾT QUẢ THỰC HIỆN CÁC"), bold=False),
    "appendix-reference": lambda d: set_runs(body_para(d, "(Kèm theo"), italic=False),
    "appendix-landscape": appendix_portrait,
    "appendix-page-start": lambda d: drop(d.sections[1]._sectPr, "w:pgNumType"),
    "table-header-repeat": lambda d: drop(d.tables[2].rows[0]._tr, "w:tblHeader"),
    "table-row-split": lambda d: drop(d.tables[2].rows[3]._tr, "w:cantSplit"),
}


def broken(source: Path, breaker, tmp_path: Path) -> Path:
    """Save a copy of ``source`` with one rule broken."""
    doc = Document(str(source))
    breaker(doc)
    out = tmp_path / "broken.docx"
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- tests
@pytest.mark.parametrize("name", ["bao_cao_ky.docx", "bao_cao_tong_ket.docx"])
def test_templates_pass(name):
    assert lint(TEMPLATES / name) == []


@pytest.mark.parametrize("key", [f"{name}{variant}" for name in ("bao_cao_ky", "bao_cao_tong_ket")
                                 for variant in ("", "_draft", "_sparse")])
def test_rendered_documents_pass(rendered, key):
    assert lint(rendered[key]) == []


@pytest.mark.parametrize("code", sorted(BREAKERS))
def test_each_rule_catches_its_breach(rendered, tmp_path, code):
    found = lint(broken(rendered["bao_cao_ky"], BREAKERS[code], tmp_path))
    assert {v.code for v in found} == {code}, [str(v) for v in found]
    assert all(v.message and v.where for v in found)


@pytest.mark.parametrize("text,codes", [
    ("Số: 05/BC-SNV", []), ("Số:      /BC-SNV", []), ("Số: 125/BC-SNV", []),
    ("Số: 5/BC-SNV", ["number-line"]), ("Số: 05 / BC-SNV", ["number-line"]),
    ("Số: 05/bc-snv", ["number-line"]), ("Số 05-BC-SNV", ["number-line"]),
    ("Số: 12/CV-SNV", ["number-code"]), ("Số: 05/TTr-SNV", ["number-code"])])
def test_number_line_text(rendered, tmp_path, text, codes):
    path = broken(rendered["bao_cao_ky"], lambda d: set_text(cell_para(d, 0, "Số"), text),
                  tmp_path)
    assert [v.code for v in lint(path)] == codes


@pytest.mark.parametrize("text,codes", [
    ("Lạng Sơn, ngày 05 tháng 3 năm 2024", []),
    ("Lạng Sơn, ngày 15 tháng 02 năm 2024", []),
    ("Lạng Sơn, ngày      tháng      năm 2024", []),
    ("Lạng Sơn, ngày 05 tháng 03 năm 2024", ["date-zero"]),
    ("Lạng Sơn, ngày 15 tháng 1 năm 2024", ["date-zero"]),
    ("Lạng Sơn, ngày 30 tháng 02 năm 2024", ["date-line"]),
    ("Lạng Sơn, 15/3/2024", ["date-line"]),
    ("lạng Sơn, ngày 05 tháng 3 năm 2024", ["date-line"])])
def test_date_line_text(rendered, tmp_path, text, codes):
    path = broken(rendered["bao_cao_ky"],
                  lambda d: set_text(cell_para(d, 0, "Lạng Sơn,"), text), tmp_path)
    assert [v.code for v in lint(path)] == codes


def test_agency_line_as_wide_as_the_cell_is_too_long(rendered, tmp_path):
    def widen(doc):
        fmt = agency_line(doc).paragraph_format
        fmt.left_indent = fmt.right_indent = Twips(0)
    found = lint(broken(rendered["bao_cao_ky"], widen, tmp_path))
    assert [v.code for v in found] == ["agency-line"]
    assert "1/3-1/2" in found[0].message


def test_national_title_that_would_wrap_is_a_warning(rendered, tmp_path):
    def squeeze(doc):
        fmt = cell_para(doc, 0, "CỘNG HÒA").paragraph_format
        fmt.left_indent = fmt.right_indent = Mm(5)
    found = lint(broken(rendered["bao_cao_ky"], squeeze, tmp_path))
    assert [(v.code, v.level) for v in found] == [("national-title-wrap", "cảnh báo")]
    assert "xuống dòng" in found[0].message


def test_page_number_in_the_footer(rendered, tmp_path):
    def move(doc):
        header = doc.sections[0].header.paragraphs[0]._p
        doc.sections[0].footer.paragraphs[0]._p.addnext(header)
    found = lint(broken(rendered["bao_cao_ky"], move, tmp_path))
    assert [v.code for v in found] == ["page-number"]
    assert "chân trang" in found[0].message


def test_violation_names_place_and_text(rendered, tmp_path):
    found = lint(broken(rendered["bao_cao_ky"], BREAKERS["end-mark"], tmp_path))
    assert found[0].where.startswith("đoạn ")
    assert found[0].text.startswith("Trên đây")
    assert str(found[0]).endswith("[end-mark]")
    cell = lint(broken(rendered["bao_cao_ky"], BREAKERS["number-line"], tmp_path))[0]
    assert cell.where == "bảng 1, ô (2,1)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.code = "x"   # frozen


def test_not_a_word_file(tmp_path):
    path = tmp_path / "a.docx"
    path.write_text("không phải docx")
    with pytest.raises(PipelineError, match="a.docx"):
        lint(path)


def test_violation_is_a_value():
    assert Violation("end-mark", "m", "đoạn 1") == Violation("end-mark", "m", "đoạn 1")


@pytest.mark.parametrize("line,ok", [("Số: 05/TTr-SNV", True), ("Số: 12/CTr-UBND", True),
                                     ("Số: 05/BC-SNV", True), ("Số: 05/ttr-SNV", False),
                                     ("Số: 05/Bc-SNV", False)])
def test_number_line_accepts_the_official_mixed_case_codes(line, ok):
    from pipeline.lint.header import _number_text
    assert (_number_text(line) == []) is ok
