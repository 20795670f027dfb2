"""Documents made the way clerks make them, for the Decree 30 checker's tests.

- ``official_sample``: the government's own Mẫu 1.4 (báo cáo) or Mẫu 1.2 (quyết định) cut
  out of Phụ lục III (``tests/data/nd30/``, a public legal document) and filled in, keeping
  every format of the official file.
- ``word_default_document``: a báo cáo typed on Word's default template (python-docx ships
  Word's Normal template: Calibri theme fonts, 11 pt, English proofing), every run set to
  Times New Roman the way a clerk picks the font from the toolbar.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

PHU_LUC_III = Path(__file__).resolve().parent / "data" / "nd30" / "Phuluc3-mau-van-ban.docx"


# --------------------------------------------------------------------------- official Mẫu
def _runs(p) -> list:
    return list(p.iter(qn("w:r")))


def _superscript(r) -> bool:
    return r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}") is not None


def fill(p, value) -> None:
    """Write ``value`` into the first normal run of paragraph ``p`` and empty the others
    (the footnote numbers of the Mẫu go), keeping the Mẫu's formatting. A tuple of pieces
    goes into successive runs: ("Điều 1.", " Tặng …") keeps the Mẫu's bold "Điều 1."."""
    pieces = (value,) if isinstance(value, str) else value
    runs = [r for r in _runs(p) if not _superscript(r)] or _runs(p)
    for r in _runs(p):
        for t in r.findall(qn("w:t")):
            t.text = ""
        for tab in r.findall(qn("w:tab")):      # the Mẫu's dotted placeholder lines
            r.remove(tab)
    for target, piece in zip(runs, pieces):
        t = target.find(qn("w:t"))
        if t is None:
            t = parse_xml(f"<w:t {nsdecls('w')}/>")
            target.append(t)
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


SAMPLES = {
    "1.4": {
        "label": "Mẫu 1.4",
        "header": ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", None, "Số: 15/BC-SNV",
                   None, None, None, "Lạng Sơn, ngày 05 tháng 3 năm 2024"],
        "body": ["", "", "BÁO CÁO", "Kết quả công tác thi đua, khen thưởng quý I năm 2024",
                 None, "",
                 "Thực hiện Kế hoạch công tác năm 2024, Sở Nội vụ báo cáo kết quả công tác thi"
                 " đua, khen thưởng quý I năm 2024 như sau: các đơn vị đã tổ chức phát động"
                 " phong trào thi đua, gửi báo cáo đúng hạn và đầy đủ số liệu./.",
                 "", "", "", "", ""],
        "closing": ["Nơi nhận:", "- Ủy ban nhân dân tỉnh;", "- Lãnh đạo Sở;",
                    "- Lưu: VT, TĐKT.", "", "GIÁM ĐỐC", "", "", "", "", "Lương Thị Hồng"],
    },
    "1.2": {
        "label": "Mẫu 1.2",
        "header": ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", None, "Số: 25/QĐ-SNV",
                   None, None, None, "Lạng Sơn, ngày 15 tháng 01 năm 2024"],
        "body": ["", "QUYẾT ĐỊNH", "Về việc khen thưởng các tập thể năm 2023", None, "",
                 "GIÁM ĐỐC SỞ NỘI VỤ TỈNH LẠNG SƠN",
                 "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;",
                 "Theo đề nghị của Trưởng phòng Thi đua - Khen thưởng.",
                 "", "QUYẾT ĐỊNH:",
                 ("Điều 1.", " Tặng Giấy khen của Giám đốc Sở Nội vụ cho 03 tập thể."),
                 ("Điều 2.", " Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở và"
                  " các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định"
                  " này./."),
                 "", ""],
        "closing": ["Nơi nhận:", "- Như Điều 2;", "- Lãnh đạo Sở;", "- Lưu: VT, TĐKT.",
                    "GIÁM ĐỐC", "", "", "", "", "Lương Thị Hồng", "", ""],
    },
}


def official_sample(which: str, out: Path) -> Path:
    """Cut Mẫu ``which`` ("1.4", "1.2") out of Phụ lục III, fill it in and save to ``out``."""
    spec = SAMPLES[which]
    doc = Document(str(PHU_LUC_III))
    body = doc.element.body
    blocks = [el for el in body if el.tag != qn("w:sectPr")]
    start = next(i for i, el in enumerate(blocks) if _text(el).startswith(spec["label"]))
    end = next(i for i, el in enumerate(blocks) if i > start and el.tag == qn("w:tbl")
               and _text(el).startswith("Ghi chú"))
    keep = blocks[start + 1:end]
    for el in blocks:
        if not any(el is k for k in keep):
            body.remove(el)
    header = keep[0]
    closing = [el for el in keep if el.tag == qn("w:tbl")][-1]
    paras = [el for el in keep if el.tag == qn("w:p")
             and keep.index(el) < keep.index(closing)]
    for p, value in zip(header.iter(qn("w:p")), spec["header"]):
        if value is not None:
            fill(p, value)
    for p, value in zip(paras, spec["body"]):
        if value is not None:
            fill(p, value)
    for p, value in zip(closing.iter(qn("w:p")), spec["closing"]):
        fill(p, value)
    if which == "1.4":
        # The Mẫu file's summary placeholder is set not bold (w:b="false"), against
        # Phụ lục I, mục II.5.b (trích yếu: đứng, đậm); a correct document has it bold.
        summary = paras[3]
        for b in summary.iter(qn("w:b")):
            b.set(qn("w:val"), "true")
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- Word default
TNR = "Times New Roman"


def _para(doc_or_cell, value: str, size=14, bold=False, italic=False, align=None,
          indent=True, after=6):
    """Add a paragraph the way a clerk types it: one run in Times New Roman."""
    p = doc_or_cell.add_paragraph()
    run = p.add_run(value)
    run.font.name, run.font.size, run.bold, run.italic = TNR, Pt(size), bold, italic
    fmt = p.paragraph_format
    fmt.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27) if indent and align is None else None
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(after), 1.0
    return p


def _underline(p) -> None:
    """Draw the short line under a heading line as a bottom border of the paragraph."""
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1"'
        ' w:color="auto"/></w:pBdr>'))


def _borderless(table) -> None:
    pr = table._tbl.tblPr
    for old in pr.findall(qn("w:tblStyle")):
        pr.remove(old)
    pr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>' + "".join(
        f'<w:{e} w:val="nil"/>' for e in ("top", "left", "bottom", "right", "insideH",
                                          "insideV")) + "</w:tblBorders>"))


def _cell(table, row: int, col: int):
    cell = table.cell(row, col)
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def word_default_document(out: Path, *, body: list[str] | None = None) -> Path:
    """Type a báo cáo on Word's default template, every run in Times New Roman."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    doc.element.body.remove(doc.paragraphs[0]._p) if doc.paragraphs else None

    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(head)
    head.columns[0].width, head.columns[1].width = Mm(67.5), Mm(100)
    for cell, width in zip(head.rows[0].cells, (Mm(67.5), Mm(100))):
        cell.width = width
    left, right = _cell(head, 0, 0), _cell(head, 0, 1)
    _para(left, "UBND TỈNH LẠNG SƠN", 13, align=centre, after=0)
    agency = _para(left, "SỞ NỘI VỤ", 13, bold=True, align=centre, after=0)
    line = _para(left, "", 13, align=centre, after=6)
    line.paragraph_format.left_indent = line.paragraph_format.right_indent = Mm(24)
    _underline(line)
    _para(left, "Số: 15/BC-SNV", 13, align=centre, after=0)
    del agency
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align=centre, after=0)
    motto = _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=centre, after=0)
    motto.paragraph_format.left_indent = motto.paragraph_format.right_indent = Mm(18)
    _underline(motto)
    _para(right, "Lạng Sơn, ngày 05 tháng 3 năm 2024", 14, italic=True, align=centre, after=0)

    _para(doc, "BÁO CÁO", 14, bold=True, align=centre, after=0)
    summary = _para(doc, "Kết quả công tác thi đua, khen thưởng quý I năm 2024", 14,
                    bold=True, align=centre, after=12)
    del summary
    for value in body or [
            "Thực hiện Kế hoạch công tác năm 2024, Sở Nội vụ báo cáo kết quả như sau:",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "1. Công tác lãnh đạo, chỉ đạo",
            "Các đơn vị đã tổ chức phát động phong trào thi đua ngay từ đầu năm.",
            "2. Công tác khen thưởng",
            "a) Khen thưởng thường xuyên được thực hiện kịp thời;",
            "b) Khen thưởng đột xuất được quan tâm.",
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ",
            "Tiếp tục đẩy mạnh phong trào thi đua trong quý II năm 2024./."]:
        heading = value[:3] in ("I. ", "II.") or (value[:2] in ("1.", "2.") and len(value) < 40)
        _para(doc, value, 14, bold=heading)

    sign = doc.add_table(rows=1, cols=2)
    _borderless(sign)
    left, right = _cell(sign, 0, 0), _cell(sign, 0, 1)
    _para(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
          after=0)
    for item in ("- Ủy ban nhân dân tỉnh;", "- Lãnh đạo Sở;", "- Lưu: VT, TĐKT."):
        _para(left, item, 11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _para(right, "GIÁM ĐỐC", 14, bold=True, align=centre, after=0)
    for _ in range(3):
        _para(right, "", 14, align=centre, after=0)
    _para(right, "Lương Thị Hồng", 14, bold=True, align=centre, after=0)
    doc.save(str(out))
    return out
