"""The Decree 30 checker on documents made the way clerks make them, and the rules that
need such documents to be broken: each rule adds exactly its own code to a correct one.

Correct documents: a báo cáo typed on Word's default template with Times New Roman text,
the official Mẫu 1.4 and Mẫu 1.2 filled in, a LibreOffice re-save of generated reports.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from clerk_docs import official_sample, word_default_document
from fixtures_docs import rendered  # noqa: F401  (pytest fixture)
from pipeline.lint import lint
from pipeline.lint.rules import RULES

XML_NAMES = re.compile(r"\bw:|docDefaults|titlePg|pgNumType|rFonts|\bslot")


@pytest.fixture(scope="session")
def clerk(tmp_path_factory) -> dict[str, Path]:
    """The clerk-made documents: {"word": …, "mau14": …, "mau12": …}."""
    folder = tmp_path_factory.mktemp("clerk")
    return {"word": word_default_document(folder / "word.docx"),
            "mau14": official_sample("1.4", folder / "mau14.docx"),
            "mau12": official_sample("1.2", folder / "mau12.docx")}


def errors(path: Path, **kw) -> list[str]:
    return [str(v) for v in lint(path, **kw) if v.is_error]


# --------------------------------------------------------------------------- they pass
@pytest.mark.parametrize("name", ["word", "mau14", "mau12"])
def test_clerk_documents_pass_with_no_error(clerk, name):
    assert errors(clerk[name]) == []


def test_word_default_template_only_warns_about_the_proofing_language(clerk):
    """Calibri and English are Word's unused defaults here: the text is Times New Roman."""
    found = lint(clerk["word"])
    assert {(v.code, v.level) for v in found} == {("font-lang", "cảnh báo")}
    styles = Document(str(clerk["word"])).styles.element
    assert "minorHAnsi" in styles.xml       # the theme font (Calibri) is still the default


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_libreoffice_resave_of_generated_documents_passes(rendered, tmp_path):
    sources = [rendered["bao_cao_ky"], rendered["bao_cao_tong_ket"]]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo_out"),
                    *map(str, sources)], check=True, capture_output=True, timeout=180)
    for source in sources:
        resaved = tmp_path / "lo_out" / source.name
        assert resaved.exists()
        assert [str(v) for v in lint(resaved)] == []


def test_generated_mode_passes_generated_documents(rendered):
    for key in ("bao_cao_ky", "bao_cao_tong_ket_sparse"):
        assert [str(v) for v in lint(rendered[key], mode="generated")] == []


# --------------------------------------------------------------------------- breakers
def para(doc, start: str):
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def cell_para(doc, start: str):
    return next(p for t in doc.tables for c in t._cells for p in c.paragraphs
                if p.text.startswith(start))


def retext(paragraph, value: str) -> None:
    runs = [r for r in paragraph.runs if r.text]
    runs[0].text = value
    for run in runs[1:]:
        run.text = ""


def set_all(paragraph, **props) -> None:
    for run in paragraph.runs:
        for name, value in props.items():
            setattr(run, name, value)


def to_trinh_without_kinh_gui(doc):
    retext(para(doc, "BÁO CÁO"), "TỜ TRÌNH")
    retext(cell_para(doc, "Số:"), "Số: 15/TTr-SNV")


def red(doc):
    para(doc, "Các đơn vị").runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)


CASES = {
    "kinh-gui": ("word", to_trinh_without_kinh_gui),
    "number-code": ("word", lambda d: retext(cell_para(d, "Số:"), "Số: 15/TTr-SNV")),
    "heading-numbering": ("word", lambda d: retext(para(d, "II. PHƯƠNG"), "III. PHƯƠNG HƯỚNG")),
    "heading-bold": ("word", lambda d: set_all(para(d, "I. KẾT QUẢ"), bold=False)),
    "point-order": ("word", lambda d: retext(para(d, "b) Khen"), "d) Khen thưởng đột xuất.")),
    "template-tag": ("word", lambda d: retext(para(d, "Các đơn vị"),
                                              "Các đơn vị {{ don_vi }} đã tổ chức phát động.")),
    "font-color": ("word", red),
    "body-size-mixed": ("word", lambda d: setattr(para(d, "Các đơn vị").runs[0].font, "size",
                                                  Pt(13))),
    "can-cu": ("mau12", lambda d: set_all(para(d, "Căn cứ Luật"), italic=False)),
    "can-cu-punctuation": ("mau12", lambda d: retext(
        para(d, "Căn cứ Luật"), "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022,")),
    "signer-tm": ("mau12", lambda d: retext(cell_para(d, "GIÁM ĐỐC"), "TM. SỞ NỘI VỤ")),
}


def codes(path: Path, **kw) -> set[str]:
    return {v.code for v in lint(path, **kw)}


def breaking(clerk, tmp_path, base: str, breaker) -> Path:
    doc = Document(str(clerk[base]))
    breaker(doc)
    out = tmp_path / f"{base}_broken.docx"
    doc.save(str(out))
    return out


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_new_rule_catches_its_breach(clerk, tmp_path, code):
    base, breaker = CASES[code]
    found = lint(breaking(clerk, tmp_path, base, breaker))
    assert {v.code for v in found} - codes(clerk[base]) == {code}, [str(v) for v in found]
    mine = [v for v in found if v.code == code]
    assert all(v.level == RULES[code].level and v.ref == RULES[code].ref for v in mine)
    assert not any(XML_NAMES.search(v.message) for v in found)


def test_a_second_article_skipped_is_caught(clerk, tmp_path):
    found = lint(breaking(clerk, tmp_path, "mau12",
                          lambda d: retext(para(d, "Điều 2."), "Điều 3. Quyết định này có hiệu"
                                           " lực kể từ ngày ký./.")))
    assert [(v.code, v.value) for v in found if v.is_error] == [("heading-numbering",
                                                                 "Điều 3.")]


def test_bases_need_not_be_justified(clerk, tmp_path):
    def left(doc):
        for p in doc.paragraphs:
            if p.text.startswith(("Căn cứ", "Theo đề nghị")):
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                retext(p, p.text[:-1] + " và các văn bản hướng dẫn thi hành có liên quan đến"
                       " công tác thi đua, khen thưởng" + p.text[-1])
    assert errors(breaking(clerk, tmp_path, "mau12", left)) == []


def test_a_long_left_aligned_body_paragraph_is_not_justified(clerk, tmp_path):
    def left(doc):
        p = para(doc, "Các đơn vị")
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.runs[0].text = "Các đơn vị đã tổ chức phát động phong trào thi đua ngay từ đầu năm," \
                         " gửi báo cáo đúng hạn, số liệu đầy đủ và chính xác."
    found = lint(breaking(clerk, tmp_path, "word", left))
    assert [(v.code, v.value) for v in found if v.is_error] == [("body-justify", "trái")]


def test_one_line_paragraph_may_stay_left_aligned(clerk, tmp_path):
    found = lint(breaking(clerk, tmp_path, "word", lambda d: setattr(
        para(d, "Các đơn vị").paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT)))
    assert [v for v in found if v.is_error] == []


def test_generated_mode_reports_none_and_nan(rendered, tmp_path):
    doc = Document(str(rendered["bao_cao_ky"]))
    target = para(doc, "Thực hiện")
    target.runs[0].text = "Số đơn vị gửi báo cáo: None; tỷ lệ: nan%."
    out = tmp_path / "none.docx"
    doc.save(str(out))
    assert codes(out) == set()                              # a clerk's document: no opinion
    found = [v for v in lint(out, mode="generated") if v.code == "empty-value"]
    assert [v.value for v in found] == ["None"] and found[0].where.startswith("đoạn")


def test_templates_mode_skips_tags_and_document_mode_reports_them():
    from fixtures_docs import TEMPLATES
    template = TEMPLATES / "bao_cao_ky.docx"
    assert lint(template) == []                             # auto: {% %} makes it a template
    assert "template-tag" in codes(template, mode="document")


def test_display_font_is_the_text_font_not_the_default(clerk, tmp_path):
    """A run without its own font shows the default: the template's theme font."""
    def calibri(doc):
        p = para(doc, "Các đơn vị")
        fonts = p.runs[0]._r.rPr.find(qn("w:rFonts"))
        fonts.getparent().remove(fonts)
    found = [v for v in lint(breaking(clerk, tmp_path, "word", calibri)) if v.code == "font"]
    assert len(found) == 1 and found[0].where == "đoạn 6"
    theme = found[0].value            # the name from the theme (Cambria), not "minorHAnsi"
    assert theme.isalpha() and theme != "Times New Roman" and "minor" not in theme
    assert f"phông {theme}; phải là Times New Roman" in found[0].message


def test_page_is_given_when_word_recorded_page_breaks(clerk, tmp_path):
    def break_and_fail(doc):
        p = para(doc, "II. PHƯƠNG")
        p.runs[0]._r.insert(1, parse_xml(f"<w:lastRenderedPageBreak {nsdecls('w')}/>"))
        set_all(p, bold=False)
    found = [v for v in lint(breaking(clerk, tmp_path, "word", break_and_fail))
             if v.code == "heading-bold"]
    assert found[0].page == 2 and found[0].place.startswith("trang 2, đoạn")


def test_every_rule_has_a_level_a_place_and_a_description():
    for rule in RULES.values():
        assert rule.level in ("lỗi", "cảnh báo") and rule.ref and rule.what, rule
        assert not XML_NAMES.search(rule.what)


def test_readme_catalogue_is_the_rules():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = [f"| `{r.code}` | {r.level} | {r.ref} | {r.what} |" for r in RULES.values()]
    assert [row for row in rows if row not in readme.splitlines()] == []


def test_every_rule_is_broken_by_some_test():
    from test_lint import BREAKERS
    own_tests = {"national-title-wrap", "empty-value"}     # tests of their own, above
    assert set(RULES) - set(BREAKERS) - set(CASES) - own_tests == set()


def test_a_numbered_list_without_punctuation_is_not_a_heading(clerk, tmp_path):
    def unit_list(doc):
        anchor = para(doc, "II. PHƯƠNG")
        for value in ("1. Sở Nội vụ", "2. Sở Tư pháp"):
            new = anchor.insert_paragraph_before(value)
            new.paragraph_format.alignment = anchor.paragraph_format.alignment
            new.paragraph_format.first_line_indent = anchor.paragraph_format.first_line_indent
            new.paragraph_format.space_after = anchor.paragraph_format.space_after
            new.runs[0].font.name, new.runs[0].font.size = "Times New Roman", Pt(14)
    found = lint(breaking(clerk, tmp_path, "word", unit_list))
    assert [str(v) for v in found if v.is_error] == []


def test_a_titled_item_not_bold_is_caught(clerk, tmp_path):
    found = lint(breaking(clerk, tmp_path, "word",
                          lambda d: set_all(para(d, "2. Công tác khen"), bold=False)))
    assert [(v.code, v.text) for v in found if v.is_error] == [
        ("heading-bold", "2. Công tác khen thưởng")]
