"""Every template renders with its contract's context, and template and document pass the
Decree 30 checker; then what each award document must say and how it must look.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from doc_context import (decision_context, periodic_context, proposal_context, ranking_context,
                         sparse, year_end_context)
from pipeline.lint import lint
from pipeline.render import missing_variables, render

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CONTEXTS = {"bao_cao_ky": periodic_context, "bao_cao_tong_ket": year_end_context,
            "xep_hang": ranking_context, "to_trinh": proposal_context,
            "quyet_dinh": decision_context}
SPARSE = ("bao_cao_ky", "bao_cao_tong_ket", "to_trinh")


def no_ranking() -> dict:
    """Return the year-end context of a year without a scoring file."""
    return {**year_end_context(), "ranking_groups": [], "award_lines": []}


VARIANTS = {**{name: (name, context) for name, context in CONTEXTS.items()},
            **{f"{name}_draft": (name, lambda c=context: c(draft=True))
               for name, context in CONTEXTS.items()},
            **{f"{name}_sparse": (name, lambda c=CONTEXTS[name]: sparse(c())) for name in SPARSE},
            "bao_cao_tong_ket_no_ranking": ("bao_cao_tong_ket", no_ranking)}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    """Render every variant once: {"quyet_dinh": path, "quyet_dinh_draft": path, …}."""
    folder = tmp_path_factory.mktemp("templates")
    paths = {}
    for key, (name, context) in VARIANTS.items():
        paths[key] = folder / f"{key}.docx"
        render(TEMPLATES / f"{name}.docx", context(), paths[key])
    return paths


# --------------------------------------------------------------------------- reading
def blocks(path: Path) -> list:
    """Return the body's paragraphs and tables in order."""
    return list(Document(str(path)).iter_inner_content())


def all_text(path: Path) -> str:
    """Return every printed text: body, table cells (nested too), headers and footers."""
    root = Document(str(path))
    parts = [root.element.body] + [rel.target_part.element for rel in root.part.rels.values()
                                   if "header" in rel.reltype or "footer" in rel.reltype]
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for part in parts for p in part.iter(qn("w:p")))


def body(path: Path) -> list:
    """Return the blocks between the header table and the signature table."""
    content = blocks(path)[1:]
    end = next(i for i, b in enumerate(content) if isinstance(b, Table)
               and "Nơi nhận" in b.rows[0].cells[0].text)
    return content[:end]


def printing(items: list) -> list:
    """Drop the empty paragraphs (keeping pictures and tables)."""
    return [b for b in items if isinstance(b, Table) or b.text.strip() or has_picture(b)]


def has_picture(paragraph: Paragraph) -> bool:
    return bool(paragraph._p.findall(".//" + qn("wp:inline")))


def para_starting(path: Path, start: str) -> Paragraph:
    return next(b for b in blocks(path) if isinstance(b, Paragraph) and b.text.startswith(start))


def signer_lines(path: Path) -> list[str]:
    """Return the printed lines of the signer's cell."""
    table = next(b for b in blocks(path) if isinstance(b, Table)
                 and "Nơi nhận" in b.rows[0].cells[0].text)
    return [p.text for p in table.rows[0].cells[-1].paragraphs if p.text.strip()]


def effective(paragraph: Paragraph, name: str):
    """Return a paragraph format value, following the style chain."""
    value, style = getattr(paragraph.paragraph_format, name), paragraph.style
    while value is None and style is not None:
        value, style = getattr(style.paragraph_format, name), style.base_style
    return value


def italic(run, paragraph: Paragraph) -> bool:
    return bool(run.italic if run.italic is not None else paragraph.style.font.italic)


# --------------------------------------------------------------------------- every template
@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_template_passes_the_checker(name):
    assert [str(v) for v in lint(TEMPLATES / f"{name}.docx")] == []


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_template_uses_only_the_contract(name):
    assert missing_variables(TEMPLATES / f"{name}.docx", CONTEXTS[name]()) == []


@pytest.mark.parametrize("key", sorted(VARIANTS))
def test_rendered_document_passes_the_checker(docs, key):
    assert [str(v) for v in lint(docs[key])] == []


def test_checker_accepts_the_official_code_ttr(docs):
    assert lint(docs["to_trinh"]) == []


@pytest.mark.parametrize("key", sorted(VARIANTS))
def test_rendered_text_is_clean(docs, key):
    text = all_text(docs[key])
    for leftover in ("{{", "}}", "{%", "%}", "…", "None"):
        assert leftover not in text, leftover


# --------------------------------------------------------------------------- quyết định
@pytest.mark.parametrize("key", ["quyet_dinh", "quyet_dinh_draft"])
def test_decision_is_signed_for_the_chairman(docs, key):
    assert "TM." not in all_text(docs[key])
    lines = signer_lines(docs[key])
    assert lines[lines.index("KT. CHỦ TỊCH") + 1] == "PHÓ CHỦ TỊCH"
    assert lines[-1] == "Nguyễn Văn B"
    authority = para_starting(docs[key], "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")
    assert authority.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    assert all(r.bold for r in authority.runs if r.text.strip())
    assert effective(authority, "alignment") == 1          # centred


def test_decision_header_follows_mau_1_2(docs):
    header = blocks(docs["quyet_dinh"])[0]
    grid = [int(c.get(qn("w:w"))) for c in header._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [round(w * 25.4 / 1440, 1) for w in grid] == [69.4, 100.6]
    agency = [p for p in header.rows[0].cells[0].paragraphs if p.text.strip()]
    # No parent agency line: the issuing body is first, bold, on two balanced lines.
    assert agency[0].text == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    assert all(r.bold for r in agency[0].runs if r.text.strip())
    assert len(agency) == 1                              # and the border line is empty
    number = header.rows[1].cells[0].paragraphs[0].text
    assert number.startswith("Số:") and number.endswith("/QĐ-UBND")


def test_decision_articles(docs):
    path = docs["quyet_dinh"]
    texts = [b.text for b in printing(body(path)) if isinstance(b, Paragraph)]
    decide = texts.index("QUYẾT ĐỊNH:")
    articles = [t for t in texts[decide + 1:]]
    assert [t[:7] for t in articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert ("Tặng Cờ thi đua của UBND tỉnh cho 02 tập thể và Bằng khen của Chủ tịch UBND tỉnh"
            " cho 03 tập thể") in articles[0]
    assert "(có danh sách kèm theo)" in articles[0]
    assert "Nghị định số 98/2023/NĐ-CP" in articles[1]
    assert articles[2].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    for n in (1, 2, 3):
        label = para_starting(path, f"Điều {n}.").runs[0]
        assert label.text == f"Điều {n}." and label.bold
    bases = texts[texts.index("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN") + 1:decide]
    assert bases == decision_context()["legal_bases"] + [
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 08 tháng 01 năm 2025."]


def test_proposal_appendix_lists_every_unit_numbered_throughout(docs):
    table = [b for b in blocks(docs["to_trinh"]) if isinstance(b, Table)][-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["TT", "Tên tập thể", "Cụm, khối", "Tổng điểm", "Xếp hạng",
                       "Hình thức khen thưởng"]
    units = [(u["full_name"], a["title"]) for a in proposal_context()["award_lists"]
             for u in a["units"]]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(units) + 1)]
    assert [(r[1], r[5]) for r in rows[1:]] == units
    section = Document(str(docs["to_trinh"])).sections[-1]
    assert section.page_width > section.page_height


def test_decision_list_is_grouped_by_award_with_full_names_and_no_scores(docs):
    table = [b for b in blocks(docs["quyet_dinh"]) if isinstance(b, Table)][-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    expected = [["TT", "Tên tập thể"]]
    for award in decision_context()["award_lists"]:
        title = f"{award['roman']}. {award['title'].upper()} ({award['count']} tập thể)"
        expected.append([title, title])                      # one cell across the table
        expected += [[u["no"], u["full_name"]] for u in award["units"]]
    assert rows == expected
    assert rows[1][0].startswith("I. CỜ THI ĐUA") and rows[4][0].startswith("II. BẰNG KHEN")


# --------------------------------------------------------------------------- tờ trình
@pytest.mark.parametrize("key", ["to_trinh", "to_trinh_draft", "to_trinh_sparse"])
def test_proposal_opens_with_kinh_gui_then_italic_legal_bases(docs, key):
    paragraphs = [b for b in printing(body(docs[key])) if isinstance(b, Paragraph)]
    after_title = [p for p in paragraphs[2:] if not p.text.startswith("(Văn bản lập từ")]
    assert after_title[0].text.startswith("Kính gửi")
    bases = CONTEXTS["to_trinh"]()["legal_bases"]
    first = next(i for i, p in enumerate(paragraphs) if p.text == bases[0])
    printed = paragraphs[first:first + len(bases)]
    assert [p.text for p in printed] == bases
    assert all(italic(r, p) for p in printed for r in p.runs if r.text.strip())
    assert all("Kính gửi" in p.text or p.text.lstrip().startswith("-")
               for p in paragraphs[2:first] if "(Văn bản lập từ" not in p.text)


def test_proposal_lists_titles_and_units(docs):
    texts = [b.text for b in printing(body(docs["to_trinh"])) if isinstance(b, Paragraph)]
    start = texts.index("Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét, tặng:")
    assert texts[start + 1:start + 9] == [
        "1. Cờ thi đua của UBND tỉnh: 02 tập thể",
        "- UBND huyện Văn Lãng (Cụm thi đua 5 huyện biên giới);",
        "- Sở Nông nghiệp và Phát triển nông thôn (Khối thi đua các cơ quan kinh tế).",
        "2. Bằng khen của Chủ tịch UBND tỉnh: 03 tập thể",
        "- UBND huyện Tràng Định (Cụm thi đua 5 huyện biên giới);",
        "- UBND huyện Cao Lộc (Cụm thi đua 5 huyện biên giới);",
        "- Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn (Khối thi đua các cơ quan"
        " kinh tế).",
        "(Có danh sách kèm theo)"]
    assert texts[start + 10].endswith("chỉ tiêu không đạt;")
    assert texts[start + 11].endswith("biểu quyết lại.")
    assert texts[-1] == "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./."


def test_proposal_without_unmet_leaders_says_nothing_of_them(docs):
    text = all_text(docs["to_trinh_sparse"])
    assert "chưa đề nghị" not in text and "(Có danh sách kèm theo)" in text


# --------------------------------------------------------------------------- xếp hạng
def test_ranking_table_in_the_body(docs):
    path = docs["xep_hang"]
    table = next(b for b in body(path) if isinstance(b, Table))
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Xếp hạng", "Đơn vị", "Tổng điểm", "Số chỉ tiêu vượt",
                       "Số chỉ tiêu không đạt", "Ghi chú"]
    expected = [[r[f] for f in ("rank", "unit", "total", "exceeded", "missed", "note")]
                for r in ranking_context()["rows"]]
    assert rows[1:] == expected
    assert "& báo cáo chậm" in rows[4][5]
    texts = [b.text for b in printing(body(path)) if isinstance(b, Paragraph)]
    assert ranking_context()["leader"] in texts
    assert any(t.startswith("Xếp hạng theo tổng điểm từ cao xuống thấp") for t in texts)
    assert texts[-1].endswith("./.")
    assert len(Document(str(path)).sections) == 1


# --------------------------------------------------------------------------- tổng kết
def test_year_end_shows_every_chart_centred(docs):
    path = docs["bao_cao_tong_ket"]
    pictures = [b for b in body(path) if isinstance(b, Paragraph) and has_picture(b)]
    assert len(pictures) == 1 + len(year_end_context()["ranking_groups"])
    for paragraph in pictures:
        assert effective(paragraph, "alignment") == 1                  # centred
        assert not effective(paragraph, "first_line_indent")
        extent = paragraph._p.find(".//" + qn("wp:extent"))
        assert int(extent.get("cx")) == 160 * 36000
    captions = [b.text for b in body(path) if isinstance(b, Paragraph)
                and b.text.startswith("Biểu đồ ")]
    assert [c.split(".")[0] for c in captions] == ["Biểu đồ 1", "Biểu đồ 2", "Biểu đồ 3"]


def test_year_end_with_ranking_has_three_appendices(docs):
    path = docs["bao_cao_tong_ket"]
    texts = [b.text for b in blocks(path) if isinstance(b, Paragraph)]
    labels = [t for t in texts if t.startswith("Phụ lục")]
    assert labels == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    assert texts[texts.index("Phụ lục II") + 1] == "TỔNG HỢP Ý KIẾN CỦA CÁC ĐƠN VỊ NĂM 2024"
    assert texts[texts.index("Phụ lục III") + 1] == "KẾT QUẢ XẾP HẠNG THI ĐUA CÁC CỤM, KHỐI NĂM 2024"
    assert any("chi tiết tại Phụ lục III" in t for t in texts)
    assert any("toàn văn ý kiến của từng đơn vị tại Phụ lục II" in t for t in texts)
    sections = Document(str(path)).sections
    assert len(sections) == 4 and sections[3].page_width > sections[3].page_height
    assert sections[3]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    table = [b for b in blocks(path) if isinstance(b, Table)][-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[1][0] == "Cụm thi đua 5 huyện biên giới"
    assert all(r.bold for r in table.rows[1].cells[0].paragraphs[0].runs)
    assert rows[2][:3] == ["1", "UBND huyện Tràng Định", "94,4"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    award = texts.index(year_end_context()["award_summary"])
    assert texts[award + 1].endswith("có 1 chỉ tiêu không đạt;")
    assert texts[award + 3].endswith("đề nghị tặng Cờ thi đua của UBND tỉnh.")


@pytest.mark.parametrize("key", ["bao_cao_tong_ket_no_ranking", "bao_cao_tong_ket_sparse"])
def test_year_end_without_ranking(docs, key):
    path = docs[key]
    text = all_text(path)
    assert "Phụ lục III" not in text
    assert "xếp hạng thi đua năm 2024 của các cụm" not in text
    assert "Biểu đồ 2" not in text
    labels = [b.text for b in blocks(path) if isinstance(b, Paragraph)
              and b.text.startswith("Phụ lục")]
    # the units' texts are the second appendix when any unit wrote any
    texts = CONTEXTS["bao_cao_tong_ket"]()["unit_texts"] if key.endswith("ranking") else []
    assert labels == (["Phụ lục I", "Phụ lục II"] if texts else ["Phụ lục"])
    assert len(Document(str(path)).sections) == 2 + bool(texts)
    assert empty_headings(path) == []


def test_year_end_sparse_drops_the_cluster_item(docs):
    text = all_text(docs["bao_cao_tong_ket_sparse"])
    assert "Hoạt động của các cụm, khối thi đua" not in text


INTRO = 2.5                      # a body paragraph ending with ":"
HEADING_LEVEL = ((re.compile(r"^[IVX]+\. "), 1), (re.compile(r"^\d+\. "), 2))


def level(paragraph: Paragraph) -> float | None:
    """Return a heading's rank (0 part, 1 section, 2 item, 3 other bold heading), else None."""
    style = paragraph.style.name
    if style == "VB Part":
        return 0
    if style != "VB Heading":
        return INTRO if paragraph.text.rstrip().endswith(":") else None
    return next((n for rx, n in HEADING_LEVEL if rx.match(paragraph.text)), 3)


def empty_headings(path: Path) -> list[str]:
    """Return the headings (and "…:" introductions) that nothing belongs to."""
    items = [b for b in printing(body(path))
             if not (isinstance(b, Paragraph) and re.fullmatch(r"Phần [IVX]+", b.text))]
    found = []
    for block, following in zip(items, items[1:] + [None]):
        own = level(block) if isinstance(block, Paragraph) else None
        if own is None:
            continue
        after = level(following) if isinstance(following, Paragraph) else None
        if own == INTRO:        # "… như sau:" may lead into Phần I or a numbered list
            empty = after in (1, INTRO)
        else:
            empty = after is not None and after != INTRO and after <= own
        if following is None or empty:
            found.append(block.text)
    return found


def test_empty_heading_finder_finds_one(tmp_path):
    context = {**no_ranking(), "cluster_lines": []}
    out = tmp_path / "a.docx"
    render(TEMPLATES / "bao_cao_tong_ket.docx", context, out)
    assert empty_headings(out) == []
    document = Document(str(out))
    heading = next(p for p in document.paragraphs if p.text.startswith("IV. CÔNG TÁC KHEN"))
    heading._p.addnext(copy.deepcopy(heading._p))          # a heading followed by a heading
    document.save(str(out))
    assert empty_headings(out) == ["IV. CÔNG TÁC KHEN THƯỞNG"]
