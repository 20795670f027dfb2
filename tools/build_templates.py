"""Build the first version of the report templates (docxtpl) that follow Decree 30/2020/NĐ-CP.

Run from the project root:  .venv/bin/python tools/build_templates.py [folder]

The templates belong to the clerk once they exist: they are edited in Word, and this tool
never overwrites one (it writes only the templates missing from the folder, ``templates/``
by default). To rebuild a template from this code, a maintainer deletes it first.

Writes ``bao_cao_ky.docx`` (quý I / 6 tháng / 9 tháng),
``bao_cao_tong_ket.docx`` (year-end review, with charts and the rankings appendix),
``xep_hang.docx`` (one cluster/block's ranking), ``to_trinh.docx`` (Tờ trình đề nghị khen
thưởng) and ``quyet_dinh.docx`` (the Chairman's Quyết định khen thưởng). The variables they
use are the contract in ``templates/README.md``. Sizes and widths are measured from the
government's Mẫu 1.4 and Mẫu 1.2 (``Phuluc3-mau-van-ban.docx``); each document is one short
function built from the shared builders below.
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

FONT = "Times New Roman"
LANG = "vi-VN"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

# Page of the official template (twips): A4, margins 25/20/35/20 mm, header/footer 10 mm.
A4_SHORT, A4_LONG = 11906, 16838
PORTRAIT_MARGINS = dict(top=1418, bottom=1134, left=1985, right=1134)
# A landscape page is bound by its top edge, so the 35 mm binding margin moves there.
LANDSCAPE_MARGINS = dict(top=1985, bottom=1134, left=1134, right=1418)
HEADER_DISTANCE = 567

# Header table of Mẫu 1.4: 67.5 mm + 100 mm, shifted left like the official file.
HEADER_COLS, HEADER_INDENT, HEADER_CELL_MARGIN = (3829, 5670), -199, 57
SIGNATURE_COLS = (4111, 4676)          # fills the 155 mm text width
SIGNATURE_GAP = 5                      # empty 14 pt lines left for signature and seal
# Header table of Mẫu 1.2 (quyết định): 69.4 mm + 100.6 mm, as placed in the official file.
DECISION_COLS, DECISION_INDENT, DECISION_CELL_MARGIN = (3936, 5704), -341, 85
PICTURE_BLEED_MM = 3                   # a picture may use 3 mm of each side margin

# Measured with Liberation Serif (metric twin of Times New Roman), mm per character.
UPPER_BOLD_13 = 2.80                   # "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN": 81.0 mm / 29
MIXED_BOLD_14 = 2.25                   # summary line: 126.5 mm / 57
MOTTO_MM = 60.5                        # "Độc lập - Tự do - Hạnh phúc", 14 pt bold


def tw(mm: float) -> int:
    """Convert millimetres to twips."""
    return round(mm * 1440 / 25.4)


def mm(twips: int) -> float:
    """Convert twips to millimetres."""
    return twips * 25.4 / 1440


# --------------------------------------------------------------------------- raw XML
# Schema order of the children python-docx does not place itself (Word rejects other orders).
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
             "w:pPrChange")
SECTPR_ORDER = ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr",
                   "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType",
                   "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                   "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                   "w:printerSettings", "w:sectPrChange")
def insert_ordered(parent, child, sequence) -> None:
    """Insert ``child`` where the schema sequence wants it (Word rejects wrong orders)."""
    tag = child.tag
    names = [qn(t) for t in sequence]
    for old in parent.findall(tag):
        parent.remove(old)
    parent.insert_element_before(child, *[t for t in sequence[names.index(tag) + 1:]])


def make(tag: str, **attrs: str) -> OxmlElement:
    """Create a ``w:`` element with ``w:`` attributes."""
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def set_fonts(rpr) -> None:
    """Put Times New Roman in all four font slots and mark the text Vietnamese."""
    fonts = make("w:rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    insert_ordered(rpr, fonts, RPR_ORDER)
    insert_ordered(rpr, make("w:lang", val=LANG, eastAsia=LANG, bidi="ar-SA"), RPR_ORDER)


def bottom_border(paragraph) -> None:
    """Draw a thin solid line under the paragraph (the decree's "đường kẻ ngang")."""
    bdr = make("w:pBdr")
    bdr.append(make("w:bottom", val="single", sz="6", space="1", color="000000"))
    insert_ordered(paragraph._p.get_or_add_pPr(), bdr, PPR_ORDER)


def mark_size(paragraph, half_points: int) -> None:
    """Size the paragraph mark, which sets the height of an empty paragraph."""
    rpr = OxmlElement("w:rPr")
    rpr.append(make("w:sz", val=half_points))
    rpr.append(make("w:szCs", val=half_points))
    insert_ordered(paragraph._p.get_or_add_pPr(), rpr, PPR_ORDER)


def add_page_field(paragraph) -> None:
    """Append a PAGE field (fldChar form, which docxtpl keeps and Word/LibreOffice update)."""
    parts = [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
             ("t", "2"), ("fldChar", "end")]
    for kind, value in parts:
        run = paragraph.add_run()
        if kind == "fldChar":
            run._r.append(make("w:fldChar", fldCharType=value))
        else:
            el = OxmlElement(f"w:{kind}")
            el.set(qn("xml:space"), "preserve")
            el.text = value
            run._r.append(el)


# --------------------------------------------------------------------------- styles
def prune_styles(document) -> None:
    """Drop python-docx's sample styles: they carry theme fonts (Calibri) a clerk could pick."""
    keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in keep:
            root.remove(style)


def set_defaults(document) -> None:
    """Make Times New Roman 14 pt Vietnamese, single spacing, the document default."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    set_fonts(rpr)
    for name in ("w:sz", "w:szCs"):
        insert_ordered(rpr, make(name, val=28), RPR_ORDER)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(make("w:spacing", before=0, after=0, line=240, lineRule="auto"))


def add_style(document, name: str, base: str | None, *, align=None, first_line=None,
              after=None, before=None, line=None, size=None, bold=None, keep_next=False):
    """Add a paragraph style with explicit fonts and language."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = document.styles[base]
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Twips(first_line) if first_line is not None else None
    fmt.space_after = Twips(after) if after is not None else None
    fmt.space_before = Twips(before) if before is not None else None
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next or None
    style.font.size = Pt(size) if size else None
    style.font.bold = bold
    set_fonts(style.element.get_or_add_rPr())
    return style


def define_styles(document) -> None:
    """Define the few styles the templates use; body text follows Decree 30 section 6."""
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)
    add_style(document, "VB Body", "Normal", align=JUSTIFY, first_line=720, after=120,
              before=0, line=1.15)
    add_style(document, "VB Heading", "VB Body", bold=True, keep_next=True)
    add_style(document, "VB Center", "Normal", align=CENTER, after=0, before=0, line=1.0)
    add_style(document, "VB Part", "VB Center", bold=True, keep_next=True)
    add_style(document, "VB Cell", "Normal", before=30, after=30, line=1.0, size=13)


def new_document():
    """Start a document with clean styles, Vietnamese defaults and core properties."""
    document = Document()
    prune_styles(document)
    set_defaults(document)
    define_styles(document)
    props = document.core_properties
    props.author = props.last_modified_by = "Sở Nội vụ tỉnh Lạng Sơn"
    props.language = LANG
    # docxtpl renders the properties too: no Jinja braces here.
    props.comments = "Mẫu tạo bởi tools/build_templates.py; giữ nguyên các thẻ Jinja."
    return document


# --------------------------------------------------------------------------- pages
def setup_page(section, landscape: bool = False) -> None:
    """Set A4 paper, the official margins and 10 mm header/footer distances."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    section.page_width, section.page_height = Twips(width), Twips(height)
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    for side, value in margins.items():
        setattr(section, f"{side}_margin", Twips(value))
    section.header_distance = section.footer_distance = Twips(HEADER_DISTANCE)


def reset_part(part):
    """Unlink a header/footer from the previous section and leave one clean paragraph."""
    part.is_linked_to_previous = False
    paragraph = part.paragraphs[0]
    paragraph.style = "VB Center"
    return paragraph


def setup_page_numbers(section, restart: bool = False) -> None:
    """Centre a PAGE field in the header, none on the first page (Decree 30)."""
    section.different_first_page_header_footer = True
    add_page_field(reset_part(section.header))
    # Filled explicitly: docxtpl drops a first-page footer that is only inherited.
    for part in (section.first_page_header, section.first_page_footer, section.footer):
        reset_part(part)
    if restart:
        sect_pr = section._sectPr
        insert_ordered(sect_pr, make("w:pgNumType", start=1), SECTPR_ORDER)




# --------------------------------------------------------------------------- paragraphs
def para(container, text: str = "", style: str = "VB Body", *, bold=None, italic=None,
         size=None, align=None, after=None, before=None):
    """Add a paragraph holding one run; ``text`` may contain Jinja tags."""
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size) if size else None
        # Keep the blanks of a draft number ("Số:      /BC-SNV") once rendered.
        run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    if after is not None:
        fmt.space_after = Pt(after)
    if before is not None:
        fmt.space_before = Pt(before)
    return paragraph


def tag(container, statement: str):
    """Add a ``{%p … %}`` control paragraph (docxtpl removes the whole paragraph)."""
    return container.add_paragraph("{%p " + statement + " %}", style="Normal")


@contextmanager
def only_if(container, condition: str):
    """Wrap the paragraphs built inside in ``{%p if %}`` so nothing empty is printed."""
    tag(container, f"if {condition}")
    yield
    tag(container, "endif")


def loop(container, header: str, text: str, style: str = "VB Body", **fmt) -> None:
    """Print ``text`` once per item: ``{%p for header %}`` … ``{%p endfor %}``."""
    tag(container, f"for {header}")
    para(container, text, style, **fmt)
    tag(container, "endfor")


def line_width_mm(chars: float, per_char: float, max_text: float, ratio: float) -> float:
    """Return the line length for a text of ``chars`` characters (wrapping at ``max_text``)."""
    return ratio * min(chars * per_char, max_text)


def sized_line(container, expr: str, per_char: float, max_text: float, avail: float,
               bounds: tuple[int, ...], ratio: float = 0.41, after: float = 0,
               measure: str | None = None) -> None:
    """Draw a centred line 1/3-1/2 as long as the text of ``expr``.

    The text is only known at render time, so the template holds one bordered paragraph
    per length band and a ``{%p if/elif %}`` chain keeps the one that fits. ``measure``
    replaces ``expr|length`` (e.g. the longest line of a wrapped name).
    """
    measure = measure or f"{expr}|length"
    lows = (max(1, bounds[0] // 2),) + bounds[:-1]
    for i, (low, high) in enumerate(zip(lows, bounds)):
        keyword = "if" if i == 0 else "elif"
        tag(container, f"{keyword} {measure} is le {high}")
        width = line_width_mm(math.sqrt(low * high), per_char, max_text, ratio)
        border_line(container, width, avail, after)
    tag(container, "else")
    border_line(container, line_width_mm(10_000, per_char, max_text, ratio), avail, after)
    tag(container, "endif")


def border_line(container, width: float, avail: float, after: float = 0):
    """Add an empty 3 pt paragraph whose bottom border is ``width`` mm, centred in ``avail``."""
    paragraph = para(container, "", "VB Center", after=after)
    indent = Twips(tw(max(0.0, (avail - width) / 2)))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    bottom_border(paragraph)
    # A 3 pt paragraph puts the line just clear of the diacritics below the text.
    mark_size(paragraph, 6)
    return paragraph


# --------------------------------------------------------------------------- tables
def table_xml(widths: tuple[int, ...], *, borders: bool, indent: int = 0,
              cell_margin: int = 108, center: bool = False) -> str:
    """Return the ``w:tblPr`` of a fixed-layout table (schema order matters)."""
    kind = "single" if borders else "nil"
    edges = "".join(f'<w:{e} w:val="{kind}" w:sz="4" w:space="0" w:color="000000"/>'
                    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    jc = '<w:jc w:val="center"/>' if center else ""
    return (f"<w:tblPr {nsdecls('w')}><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/>{jc}"
            f"<w:tblInd w:w=\"{indent}\" w:type=\"dxa\"/><w:tblBorders>{edges}</w:tblBorders>"
            "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
            f"<w:left w:w=\"{cell_margin}\" w:type=\"dxa\"/>"
            f"<w:right w:w=\"{cell_margin}\" w:type=\"dxa\"/></w:tblCellMar>"
            "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\""
            " w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>")


def add_table(document, rows: int, widths: tuple[int, ...], **props):
    """Add a fixed-width table with empty cells (no paragraphs yet)."""
    table = document.add_table(rows=rows, cols=len(widths))
    tbl = table._tbl
    tbl.replace(tbl.tblPr, parse_xml(table_xml(widths, **props)))
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Twips(width)
            for paragraph in cell.paragraphs:
                cell._tc.remove(paragraph._p)
    return table


def row_flags(row, header: bool = False) -> None:
    """Keep a row on one page; a header row also repeats on every page."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(make("w:cantSplit"))
    if header:
        trpr.append(make("w:tblHeader"))


def spanning_row(table, text: str, style: str = "VB Cell", **fmt):
    """Add a row whose single cell spans the table, holding ``text``."""
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    for paragraph in cell.paragraphs:
        cell._tc.remove(paragraph._p)
    para(cell, text, style, **fmt)
    row_flags(row)
    return row


def cell_middle(cell) -> None:
    """Centre a cell's content vertically."""
    cell._tc.get_or_add_tcPr().append(make("w:vAlign", val="center"))


def fill_row(row, texts, aligns, *, bold=None) -> None:
    """Put one paragraph of text in each cell of ``row``."""
    for cell, text, align in zip(row.cells, texts, aligns):
        for paragraph in cell.paragraphs:
            cell._tc.remove(paragraph._p)
        para(cell, text, "VB Cell", bold=bold, align=align)
        cell_middle(cell)


# --------------------------------------------------------------------------- blocks
def agency_wrap(container, inner_mm: float) -> None:
    """Set ``agency_text``: the agency name, broken into two balanced lines when too long.

    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" does not fit a 66 mm column; Word would leave
    "LẠNG SƠN" alone on line 2. Broken near the middle it reads as official headers do
    ("ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN"). Names too long for two lines wrap naturally.
    docxtpl turns the newline into a line break (``w:br``) inside the same paragraph.
    """
    fits = int(inner_mm / UPPER_BOLD_13)
    longest = 2 * (fits - 3) + 1            # half of it plus 3 still fits one line
    tag(container, f"set agency_text = doc.agency|wordwrap(doc.agency|length // 2 + 3, false,"
                   f' "\\n") if {fits} < doc.agency|length <= {longest} else doc.agency')


def header_table(document, cols: tuple[int, int] = HEADER_COLS, indent: int = HEADER_INDENT,
                 cell_margin: int = HEADER_CELL_MARGIN) -> None:
    """Add the borderless header table (ô 1-4): agency and "Số" left, national title right.

    Two rows, so that "Số:" and the place/date line always sit on the same row. ``cols``,
    ``indent`` and ``cell_margin`` default to Mẫu 1.4; a quyết định passes Mẫu 1.2's.
    """
    table = add_table(document, 2, cols, borders=False, indent=indent, cell_margin=cell_margin)
    left, right = table.rows[0].cells
    inner_left, inner_right = (mm(w - 2 * cell_margin) for w in cols)
    with only_if(left, "doc.parent_agency"):
        para(left, "{{ doc.parent_agency }}", "VB Center", size=13)
    agency_wrap(left, inner_left)
    para(left, "{{ agency_text }}", "VB Center", bold=True, size=13)
    sized_line(left, "agency_text", UPPER_BOLD_13, inner_left, inner_left,
               bounds=(6, 8, 11, 15, 20), measure='agency_text.split("\\n")|map("length")|max')
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "VB Center", bold=True, size=13)
    motto = para(right, "Độc lập - Tự do - Hạnh phúc", "VB Center", bold=True, size=14)
    # The border spans the indented width: 0.75 mm of slack each side keeps it one line.
    indent = Twips(tw((inner_right - MOTTO_MM - 1.5) / 2))
    motto.paragraph_format.left_indent = motto.paragraph_format.right_indent = indent
    bottom_border(motto)
    number, date = table.rows[1].cells
    para(number, "Số: {{ doc.number|docnum }}/{{ doc.symbol }}", "VB Center", size=13, before=6)
    para(date, "{{ doc.place }}, {{ doc.date|official_date }}", "VB Center", italic=True,
         before=6)


def title_block(document) -> None:
    """Add the document type, the summary line with its short rule, and the sample notice."""
    para(document, "{{ doc.type_name }}", "VB Center", bold=True, before=18)
    para(document, "{{ doc.summary }}", "VB Center", bold=True)
    sized_line(document, "doc.summary", MIXED_BOLD_14, 155, 155, bounds=(16, 22, 30, 41, 56, 69),
               after=12)
    with only_if(document, "sample"):
        para(document, "(Văn bản lập từ số liệu mẫu, không phải số liệu chính thức)",
             "VB Center", italic=True, after=12)
    addressee_block(document)


def addressee_block(document) -> None:
    """Add "Kính gửi:" (ô 9a): one addressee on one line, several as "- …;" lines."""
    tag(document, "if doc.addressees|length == 1")
    para(document, "Kính gửi: {{ doc.addressees[0] }}.", "VB Center", after=12)
    tag(document, "elif doc.addressees")
    tag(document, "for a in doc.addressees")
    item = para(document, '{{ "Kính gửi:" if loop.first else "" }}\t'
                '- {{ a }}{{ "." if loop.last else ";" }}', "Normal")
    # Hanging indent: "Kính gửi:" starts at 30 mm, the names line up at 55 mm.
    item.paragraph_format.left_indent = Twips(tw(55))
    item.paragraph_format.first_line_indent = Twips(-tw(25))
    tag(document, "endfor")
    para(document, "", "Normal", after=6)
    tag(document, "endif")


def counters(document, annexes: str = '["targets"]') -> None:
    """Declare the heading counters, so optional sections keep a gapless numbering, and the
    labels of the appendices present (``annexes``: a Jinja list of their keys, in order):
    ``annex.targets`` is "Phụ lục I" when another follows, "Phụ lục" when alone."""
    tag(document, "set n = namespace(part=0, sec=0, item=0, chart=0, row=0)")
    tag(document, 'set roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]')
    tag(document, "set summary_lc = doc.summary[:1]|lower ~ doc.summary[1:]")
    tag(document, f"set annex_keys = {annexes}")
    tag(document, 'set annex = namespace(targets="", texts="", ranking="")')
    for key in ("targets", "texts", "ranking"):       # no braces: docxtpl's {%p cannot hold them
        tag(document, f'set annex.{key} = ("Phụ lục" if annex_keys|length == 1 else "Phụ lục " ~'
                      f' roman[annex_keys.index("{key}")]) if "{key}" in annex_keys else ""')


def part_heading(document, title: str) -> None:
    """Add "Phần I" and its UPPER title, bold and centred."""
    para(document, "{% set n.part = n.part + 1 %}{% set n.sec = 0 %}"
         "Phần {{ roman[n.part - 1] }}", "VB Part", before=6)
    para(document, title, "VB Part", after=6)


def section_heading(document, title: str) -> None:
    """Add "I. TITLE" (UPPER, bold)."""
    para(document, "{% set n.sec = n.sec + 1 %}{% set n.item = 0 %}"
         "{{ roman[n.sec - 1] }}. " + title, "VB Heading")


def item_heading(document, title: str) -> None:
    """Add "1. Title" (bold)."""
    para(document, "{% set n.item = n.item + 1 %}{{ n.item }}. " + title, "VB Heading")


def lines(document, name: str) -> None:
    """Print each string of list ``name`` as a body paragraph."""
    loop(document, f"t in {name}", "{{ t }}")


def attributed(document, name: str) -> None:
    """Print each ``unit``/``text`` item as "- Unit: text" ("- text" when unit is "")."""
    loop(document, f"x in {name}", "- {% if x.unit %}{{ x.unit }}: {% endif %}{{ x.text }}")


def optional_item(document, name: str, title: str, printer=lines) -> None:
    """Add a numbered item with its list, or nothing when the list is empty."""
    with only_if(document, name):
        item_heading(document, title)
        printer(document, name)


def data_gaps(document) -> None:
    """Say which units have not reported and which workbooks were rejected."""
    with only_if(document, "missing_units"):
        para(document, "Đến thời điểm tổng hợp, còn {{ missing_units|length }} đơn vị chưa có"
             " báo cáo hợp lệ: {{ missing_units|join_names }}; số liệu tổng hợp chưa bao gồm"
             " các đơn vị này.")
    with only_if(document, "rejected"):
        para(document, "Có {{ rejected|length }} tệp báo cáo không sử dụng được: "
             "{% for r in rejected %}{% if r.unit %}{{ r.unit }} {% endif %}"
             "(tệp “{{ r.file }}”: {{ r.reason|trim(\".\") }})"
             '{{ "." if loop.last else "; " }}{% endfor %}')


def target_results(document, chart: str | None = None) -> None:
    """Add the count sentence, the chart ``chart`` (a Picture) when given, data gaps and,
    per group, a bold name and its sentences."""
    with only_if(document, "count_sentence"):
        para(document, "{{ count_sentence }}")
    if chart:
        picture(document, f"{{{{ {chart} }}}}", "Biểu đồ {{ n.chart }}. Kết quả thực hiện các"
                " chỉ tiêu chủ yếu năm {{ year }}")
    data_gaps(document)
    tag(document, "for g in groups")
    with only_if(document, "g.lines"):
        para(document, "{{ g.name }}", "VB Heading")
        loop(document, "line in g.lines", "- {{ line }}")
    tag(document, "endfor")


def picture(document, expr: str, caption: str) -> None:
    """Add an inline picture (a ``Picture`` in the context) centred, then its caption.

    The paragraph bleeds ``PICTURE_BLEED_MM`` into each margin so that a chart drawn a few
    millimetres wider than the 155 mm column stays centred instead of spilling right.
    ``caption`` may use ``n.chart``, which is counted up here.
    """
    tag(document, "set n.chart = n.chart + 1")
    image = para(document, expr, "VB Center", before=6, after=3)
    fmt = image.paragraph_format
    fmt.left_indent = fmt.right_indent = Twips(-tw(PICTURE_BLEED_MM))
    fmt.keep_with_next = True
    para(document, caption, "VB Center", italic=True, after=6)


def mixed(container, parts, style: str = "VB Body"):
    """Add a paragraph of several runs: ``parts`` is a list of (text, bold, italic)."""
    paragraph = container.add_paragraph(style=style)
    for text, bold, italic in parts:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    return paragraph


def closing(document, text: str | None = None):
    """Add the last body paragraph, which ends with "./." as the decree's practice asks."""
    last = para(document, text or (
        "Trên đây là Báo cáo {{ summary_lc }} của {{ doc.agency_name }}"
        "{% if doc.addressees %}, kính báo cáo {{ doc.addressees|join_names }} xem xét,"
        " chỉ đạo{% endif %}./."))
    # Never leave the signature alone on a page without body text.
    last.paragraph_format.keep_with_next = True
    return last


def signature_table(document) -> None:
    """Add the borderless "Nơi nhận" / signer table (ô 9b, 7a-7c)."""
    table = add_table(document, 1, SIGNATURE_COLS, borders=False)
    row_flags(table.rows[0])
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", "Normal", bold=True, italic=True, size=12)
    loop(left, "r in doc.recipients", "- {{ r }}", "Normal", size=11)
    loop(right, "s in doc.signer_lines", "{{ s }}", "VB Center", bold=True)
    for _ in range(SIGNATURE_GAP):
        para(right, "", "VB Center")
    para(right, "{{ doc.signer_name }}", "VB Center", bold=True)


def landscape_section(document, landscape: bool = True):
    """Close the current section and open an appendix section (landscape unless told)
    numbered from 1."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph carrying the break would otherwise add a 14 pt line after the table.
    mark_size(document.paragraphs[-1], 2)
    setup_page(section, landscape=landscape)
    setup_page_numbers(section, restart=True)
    return section


def appendix_label(document, text: str = "Phụ lục") -> None:
    """Add the "Phụ lục" label (bold, centred, not all caps)."""
    para(document, text, "VB Center", bold=True)


# The labels an appendix can have: the targets come first, the units' texts second, the
# rankings last (so the targets are "Phụ lục" alone, or I; the rankings II or III).
ANNEX_LABELS = {"targets": ("Phụ lục I", "Phụ lục"), "texts": ("Phụ lục II", "Phụ lục"),
                "ranking": ("Phụ lục III", "Phụ lục II")}


def annex_label(document, key: str) -> None:
    """Add the label of appendix ``key`` as counted by ``counters``, as an if/else of its two
    possible labels, so the template itself reads "Phụ lục I" as the decree asks (the checker
    reads the first printing paragraphs of an appendix: two labels at most)."""
    first, other = ANNEX_LABELS[key]
    tag(document, f'if annex.{key} == "{first}"')
    appendix_label(document, first)
    tag(document, "else")
    appendix_label(document, other)
    tag(document, "endif")


def appendix_heading(document, title: str = "{{ appendix_title }}",
                     issuer: str = "{{ doc.agency_name }}", label=appendix_label) -> None:
    """Add "Phụ lục" (built by ``label``), the UPPER title and the "(Kèm theo …)" line."""
    label(document)
    para(document, title, "VB Center", bold=True)
    para(document, "(Kèm theo {{ doc.reference }} của " + issuer + ")", "VB Center",
         italic=True, after=12)


def data_table(document, columns, rows: str = "r in g.rows",
               groups: str | None = "g in table_groups", group_name: str | None = "{{ g.name }}"
               ) -> None:
    """Add a data table: repeated header row, optional group rows, one row per item.

    ``columns`` is a list of (header, width in mm, field of the row item or a whole
    template text, alignment). ``groups`` is the outer loop (None for a flat table) and
    ``group_name`` the text of its bold spanning row (None for no row).
    """
    widths = tuple(tw(c[1]) for c in columns)
    table = add_table(document, 1, widths, borders=True, cell_margin=57, center=True)
    fill_row(table.rows[0], [c[0] for c in columns], [CENTER] * len(columns), bold=True)
    row_flags(table.rows[0], header=True)
    if groups:
        spanning_row(table, "{%tr for " + groups + " %}")
    if groups and group_name:
        group = spanning_row(table, group_name, bold=True)
        # Keep a group's name on the page of its first row.
        group.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    spanning_row(table, "{%tr for " + rows + " %}")
    item = rows.split()[0]
    row = table.add_row()
    fill_row(row, [c[2] if "{" in c[2] else f"{{{{ {item}.{c[2]} }}}}" for c in columns],
             [c[3] for c in columns])
    row_flags(row)
    spanning_row(table, "{%tr endfor %}")
    if groups:
        spanning_row(table, "{%tr endfor %}")


def appendix_note(document, text: str, condition: str) -> None:
    """Add an italic note under the appendix table when ``condition`` holds."""
    with only_if(document, condition):
        para(document, text, "VB Cell", italic=True, before=6)


def report_front(document, header=header_table, annexes: str = '["targets"]') -> None:
    """Build page 1's frame shared by every report: page, numbers, header, title."""
    section = document.sections[0]
    setup_page(section)
    setup_page_numbers(section)
    header(document)
    title_block(document)
    counters(document, annexes)


def report_back(document, columns, notes) -> None:
    """Build the closing, signature and the landscape appendix with its table."""
    closing(document)
    signature_table(document)
    landscape_section(document)
    appendix_heading(document, label=lambda d: annex_label(d, "targets"))
    data_table(document, columns)
    for text, condition in notes:
        appendix_note(document, text, condition)



def texts_appendix(document) -> None:
    """Add the appendix of the units' own texts, every one kept and attributed (the body
    prints them grouped); absent when no unit wrote any."""
    tag(document, "if unit_texts")
    landscape_section(document)
    appendix_heading(document, "{{ texts_title }}",
                     label=lambda d: annex_label(d, "texts"))
    data_table(document, TEXT_COLUMNS, rows="r in unit_texts", groups=None)
    tag(document, "endif")


# --------------------------------------------------------------------------- documents
L, C = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
PERIODIC_COLUMNS = [("TT", 10, "no", C), ("Chỉ tiêu", 74, "name", L), ("Đơn vị tính", 24, "uom", C),
                    ("Kế hoạch năm", 26, "plan", C), ("Thực hiện", 24, "value", C),
                    ("% kế hoạch", 20, "percent_of_plan", C), ("Cùng kỳ", 24, "last_year", C),
                    ("So cùng kỳ", 26, "change", C), ("Đánh giá", 24, "verdict", C)]
YEAR_END_COLUMNS = [("TT", 10, "no", C), ("Chỉ tiêu", 92, "name", L), ("Đơn vị tính", 26, "uom", C),
                    ("Kế hoạch", 30, "plan", C), ("Thực hiện", 30, "value", C),
                    ("% kế hoạch", 28, "percent_of_plan", C), ("Đánh giá", 36, "verdict", C)]
MISSING_NOTE = ("Đơn vị chưa có báo cáo hợp lệ: {{ missing_units|join_names }}.", "missing_units")
# Widths (mm) measured on the sample names at 13 pt: 155 mm portrait, 252 mm landscape.
RANKING_COLUMNS = [("Xếp hạng", 15, "rank", C), ("Đơn vị", 48, "unit", L),
                   ("Tổng điểm", 16, "total", C), ("Số chỉ tiêu vượt", 17, "exceeded", C),
                   ("Số chỉ tiêu không đạt", 17, "missed", C), ("Ghi chú", 42, "note", L)]
RANKING_WIDE_COLUMNS = [("Xếp hạng", 16, "rank", C), ("Đơn vị", 92, "unit", L),
                        ("Tổng điểm", 22, "total", C), ("Số chỉ tiêu vượt", 26, "exceeded", C),
                        ("Số chỉ tiêu không đạt", 26, "missed", C), ("Ghi chú", 70, "note", L)]
AWARD_COLUMNS = [("TT", 10, "{% set n.row = n.row + 1 %}{{ n.row }}", C),
                 ("Tên tập thể", 64, "full_name", L), ("Cụm, khối", 84, "cluster", L),
                 ("Tổng điểm", 20, "total", C), ("Xếp hạng", 18, "rank", C),
                 ("Hình thức khen thưởng", 56, "{{ a.title }}", L)]
TEXT_COLUMNS = [("TT", 10, "no", C), ("Đơn vị", 40, "unit", L),
                ("Kết quả nổi bật", 56, "highlights", L),
                ("Mô hình mới, điển hình tiên tiến", 50, "models", L),
                ("Tồn tại, hạn chế", 48, "shortcomings", L),
                ("Kiến nghị, đề xuất", 48, "proposals", L)]
DECISION_COLUMNS = [("TT", 15, "no", C), ("Tên tập thể", 140, "full_name", L)]
COUNT_NOTE = ("Tổng hợp: {{ achieved }}/{{ total }} chỉ tiêu đạt và vượt kế hoạch"
              "{% if no_data %}; {{ no_data }} chỉ tiêu chưa có số liệu{% endif %}.", "total")


def bullets(document, name: str, intro: str | None = None) -> None:
    """Print list ``name`` as "- …;" lines (the last ends "."), after ``intro`` when given;
    nothing at all when the list is empty."""
    with only_if(document, name):
        if intro:
            para(document, intro)
        listed(document, name)


def unit_points(document, name: str, intro: str) -> None:
    """Print the units' grouped texts ``name`` under ``intro``, which names their appendix."""
    bullets(document, name, intro + " (toàn văn ý kiến của từng đơn vị tại {{ annex.texts }}):")


def build_periodic() -> Document:
    """Build the periodic report (quý I / 6 tháng / 9 tháng): items 1-7 of domain.md."""
    document = new_document()
    report_front(document, annexes='["targets"] + (["texts"] if unit_texts else [])')
    para(document, "Thực hiện {{ directive }}, {{ doc.agency_name }} báo cáo {{ summary_lc }}"
         " như sau:")
    optional_item(document, "deployment", "Công tác triển khai thực hiện phong trào thi đua")
    item_heading(document, "Kết quả thực hiện các chỉ tiêu chủ yếu {{ period_phrase }}")
    target_results(document)
    para(document, "Kết quả thực hiện từng chỉ tiêu so với kế hoạch năm và cùng kỳ năm trước"
         " chi tiết tại {{ annex.targets }}.")
    unit_points(document, "highlights", "Một số kết quả nổi bật của các đơn vị")
    unit_points(document, "models", "Mô hình mới, cách làm hay được các đơn vị triển khai")
    optional_item(document, "commendation", "Công tác khen thưởng")
    optional_item(document, "cluster_lines", "Hoạt động của các cụm, khối thi đua")
    with only_if(document, "shortcomings or unit_shortcomings"):
        item_heading(document, "Tồn tại, hạn chế")
        lines(document, "shortcomings")
        unit_points(document, "unit_shortcomings", "Các đơn vị nêu")
    optional_item(document, "next_tasks", "Nhiệm vụ trọng tâm thời gian tới")
    with only_if(document, "province_proposals or proposals"):
        item_heading(document, "Đề xuất, kiến nghị")
        lines(document, "province_proposals")
        unit_points(document, "proposals", "Kiến nghị của các đơn vị")
    report_back(document, PERIODIC_COLUMNS, [MISSING_NOTE])
    texts_appendix(document)
    return document


def year_end_results(document) -> None:
    """Build Phần I, III: the results of the movements (items 1-4, each optional but item 1)."""
    section_heading(document, "KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA")
    item_heading(document, "Phong trào thi đua thực hiện các chỉ tiêu chủ yếu năm {{ year }}")
    target_results(document, chart="targets_chart")
    para(document, "Kết quả thực hiện từng chỉ tiêu so với kế hoạch chi tiết tại"
         " {{ annex.targets }}.")
    unit_points(document, "highlights", "Một số kết quả nổi bật của các đơn vị")
    optional_item(document, "movements", "Các phong trào thi đua chuyên đề")
    with only_if(document, "exemplars or models"):
        item_heading(document, "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến")
        lines(document, "exemplars")
        unit_points(document, "models", "Các mô hình mới, điển hình tiên tiến được các đơn vị"
                    " xây dựng, nhân rộng")
    cluster_activity(document)


def listed(document, name: str) -> None:
    """Print each string of list ``name`` as "- …;", the last one ending with "."."""
    loop(document, f"t in {name}", "- {{ t|trim('.;') }}{{ '.' if loop.last else ';' }}")


def cluster_activity(document) -> None:
    """Build the item on clusters and blocks: activity, then (only when the year was scored)
    what the ranking rests on, and each cluster's leader and chart."""
    with only_if(document, "cluster_lines or ranking_groups"):
        item_heading(document, "Hoạt động của các cụm, khối thi đua")
        lines(document, "cluster_lines")
        with only_if(document, "ranking_groups"):
            para(document, "Kết quả chấm điểm, xếp hạng thi đua năm {{ year }} của các cụm,"
                 " khối thi đua (chi tiết tại {{ annex.ranking }}):")
            with only_if(document, "scoring_note"):
                para(document, "{{ scoring_note }}")
            tag(document, "for g in ranking_groups")
            leader = para(document, "{{ g.leader }}")
            leader.paragraph_format.keep_with_next = True
            picture(document, "{{ g.chart }}",
                    "Biểu đồ {{ n.chart }}. Tổng điểm thi đua năm {{ year }} của {{ g.name }}")
            tag(document, "endfor")


def commendation_section(document) -> None:
    """Build Phần I, IV: commendation work, with the figures counted from the proposals."""
    with only_if(document, "commendation or award_summary or award_lines"):
        section_heading(document, "CÔNG TÁC KHEN THƯỞNG")
        lines(document, "commendation")
        with only_if(document, "award_summary"):
            para(document, "{{ award_summary }}")
        listed(document, "award_lines")


def year_end_assessment(document) -> None:
    """Build Phần I, V: the assessment — strengths, shortcomings, causes, lessons."""
    with only_if(document, "assessment or strengths or shortcomings or unit_shortcomings"
                 " or causes or lessons"):
        section_heading(document, "ĐÁNH GIÁ CHUNG")
        lines(document, "assessment")
        optional_item(document, "strengths", "Ưu điểm")
        with only_if(document, "shortcomings or unit_shortcomings"):
            item_heading(document, "Tồn tại, hạn chế")
            lines(document, "shortcomings")
            unit_points(document, "unit_shortcomings", "Các đơn vị nêu")
        optional_item(document, "causes", "Nguyên nhân")
        optional_item(document, "lessons", "Bài học kinh nghiệm")


def ranking_appendix(document) -> None:
    """Add the rankings of every cluster/block, in its own landscape section.

    The whole section (and the break that opens it) sits inside ``{%p if ranking_groups %}``:
    without scores the other appendices are all there is.
    """
    tag(document, "if ranking_groups")
    landscape_section(document)
    appendix_heading(document, "KẾT QUẢ XẾP HẠNG THI ĐUA CÁC CỤM, KHỐI NĂM {{ year }}",
                     label=lambda d: annex_label(d, "ranking"))
    data_table(document, RANKING_WIDE_COLUMNS, groups="g in ranking_groups")
    tag(document, "endif")


def build_year_end() -> Document:
    """Build the year-end review: Phần I results, II directions, III proposals; appendices
    of the targets, the units' texts and the rankings (when the year was scored)."""
    document = new_document()
    report_front(document, annexes='["targets"] + (["texts"] if unit_texts else [])'
                                   ' + (["ranking"] if ranking_groups else [])')
    para(document, "Thực hiện {{ directive }}, {{ doc.agency_name }} báo cáo {{ summary_lc }}"
         " như sau:")
    part_heading(document, "KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA, CÔNG TÁC KHEN THƯỞNG"
                 " NĂM {{ year }}")
    with only_if(document, "situation"):
        section_heading(document, "ĐẶC ĐIỂM TÌNH HÌNH")
        lines(document, "situation")
    with only_if(document, "deployment"):
        section_heading(document, "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC PHONG TRÀO THI ĐUA")
        lines(document, "deployment")
    year_end_results(document)
    commendation_section(document)
    year_end_assessment(document)
    with only_if(document, "directions"):
        part_heading(document, "PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG"
                     " NĂM {{ year + 1 }}")
        lines(document, "directions")
    with only_if(document, "province_proposals or proposals"):
        part_heading(document, "ĐỀ XUẤT, KIẾN NGHỊ")
        lines(document, "province_proposals")
        unit_points(document, "proposals", "Kiến nghị của các đơn vị")
    report_back(document, YEAR_END_COLUMNS, [COUNT_NOTE, MISSING_NOTE])
    texts_appendix(document)
    ranking_appendix(document)
    return document


def build_ranking() -> Document:
    """Build one cluster/block's ranking report: what it rests on, leader, rule, table."""
    document = new_document()
    report_front(document)
    para(document, "Thực hiện công tác tổng kết phong trào thi đua năm {{ year }}, trên cơ sở"
         " kết quả tự chấm điểm của các đơn vị{% if assessed %} và kết quả chấm điểm, thẩm định"
         " của {{ cluster }}{% endif %}, {{ doc.agency_name }} báo cáo kết quả chấm điểm, xếp"
         " hạng thi đua như sau:")
    with only_if(document, "not assessed"):
        para(document, "{{ cluster }} chưa gửi kết quả chấm điểm, thẩm định các thành viên;"
             " xếp hạng dưới đây dựa trên điểm tự chấm của các đơn vị, đã đối chiếu với kết quả"
             " thực hiện chỉ tiêu của từng đơn vị.")
    para(document, "{{ leader }}")
    para(document, "Xếp hạng theo tổng điểm từ cao xuống thấp; bằng điểm thì đơn vị có nhiều"
         " chỉ tiêu vượt kế hoạch hơn xếp trên; bằng cả hai thì cùng hạng.")
    intro = para(document, "Kết quả chấm điểm, xếp hạng cụ thể như sau:")
    intro.paragraph_format.keep_with_next = True
    data_table(document, RANKING_COLUMNS, rows="r in rows", groups=None)
    last = closing(document, "Trên đây là kết quả chấm điểm, xếp hạng thi đua năm {{ year }}"
                   " của {{ cluster }}, làm căn cứ để bình xét, đề nghị khen thưởng theo quy"
                   " định./.")
    last.paragraph_format.space_before = Pt(6)
    signature_table(document)
    return document


def legal_bases(document) -> None:
    """Print each legal basis as given (each ends with ";" or "."), in italic."""
    loop(document, "b in legal_bases", "{{ b }}", italic=True)


def award_table(document) -> None:
    """Add the list of collectives proposed, numbered throughout, one title column."""
    data_table(document, AWARD_COLUMNS, rows="u in a.units", groups="a in award_lists",
               group_name=None)


def build_proposal() -> Document:
    """Build the Tờ trình đề nghị khen thưởng (Kính gửi, legal bases, titles and units)."""
    document = new_document()
    report_front(document)
    legal_bases(document)
    para(document, "Thực hiện {{ directive }}, các đơn vị thuộc các cụm, khối thi đua của tỉnh"
         " đã tổng kết phong trào thi đua và tự chấm điểm thi đua năm {{ year }}. Căn cứ kết quả"
         " chấm điểm, xếp hạng và điều kiện, tiêu chuẩn của từng danh hiệu, hình thức khen"
         " thưởng, {{ doc.agency_name }} đã tổng hợp, thẩm định hồ sơ đề nghị khen thưởng theo"
         " quy định.")
    with only_if(document, "scoring_note"):
        para(document, "{{ scoring_note }}")
    para(document, "{{ doc.agency_name }} kính trình Chủ tịch UBND tỉnh xem xét, tặng:")
    tag(document, "for a in award_lists")
    para(document, "{{ loop.index }}. {{ a.title }}: {{ a.count }} tập thể", "VB Heading")
    loop(document, "u in a.units",
         "- {{ u.full_name }} ({{ u.cluster }}){{ '.' if loop.last else ';' }}")
    tag(document, "endfor")
    para(document, "(Có danh sách kèm theo)", italic=True)
    with only_if(document, "not_proposed"):
        para(document, "Các trường hợp chưa đề nghị khen thưởng theo danh hiệu, hình thức"
             " tương ứng:")
        listed(document, "not_proposed")
    closing(document, "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.")
    signature_table(document)
    landscape_section(document)
    appendix_heading(document)
    award_table(document)
    return document


def decision_header(document) -> None:
    """Add the header table with Mẫu 1.2's widths (69.4 mm + 100.6 mm)."""
    header_table(document, DECISION_COLS, DECISION_INDENT, DECISION_CELL_MARGIN)


ARTICLE_1 = (" Tặng {% for a in award_lists %}{{ a.title }} cho {{ a.count }} tập thể"
             "{% if loop.revindex == 2 %} và {% elif not loop.last %}, {% endif %}{% endfor %}"
             " đã có thành tích xuất sắc trong phong trào thi đua năm {{ year }}"
             " (có danh sách kèm theo).")


def build_decision() -> Document:
    """Build the Chairman's Quyết định khen thưởng (Mẫu 1.2), signed KT. CHỦ TỊCH; Điều 2
    and the next articles are the secretariat's text (``articles``); the list attached is
    grouped by title, with full official names and nothing else (certificates are printed
    from it)."""
    document = new_document()
    report_front(document, header=decision_header)
    para(document, "{{ authority }}", "VB Center", bold=True, before=6, after=6)
    legal_bases(document)
    para(document, "Theo đề nghị của Giám đốc {{ proposal.agency_name }} tại"
         " {{ proposal.reference }}.", italic=True)
    para(document, "QUYẾT ĐỊNH:", "VB Center", bold=True, before=6, after=6)
    mixed(document, [("Điều 1.", True, False), (ARTICLE_1, False, False)])
    tag(document, "for t in articles[:-1]")
    mixed(document, [("Điều {{ loop.index + 1 }}.", True, False), (" {{ t }}", False, False)])
    tag(document, "endfor")
    # The last article closes the text with "./." (written here, whatever the data ends with).
    with only_if(document, "articles"):
        last = mixed(document, [("Điều {{ articles|length + 1 }}.", True, False),
                                (" {{ articles[-1]|trim('./ ') }}./.", False, False)])
        last.paragraph_format.keep_with_next = True
    signature_table(document)
    landscape_section(document, landscape=False)
    appendix_heading(document, issuer="Chủ tịch {{ doc.agency_name }}")
    data_table(document, DECISION_COLUMNS, rows="u in a.units", groups="a in award_lists",
               group_name="{{ a.roman }}. {{ a.title|upper }} ({{ a.count }} tập thể)")
    return document


BUILDERS = {"bao_cao_ky.docx": build_periodic, "bao_cao_tong_ket.docx": build_year_end,
            "xep_hang.docx": build_ranking, "to_trinh.docx": build_proposal,
            "quyet_dinh.docx": build_decision}


# Parts python-docx's default document carries that no template uses (stylesWithEffects.xml
# alone is 438 KB, copied into every document made).
DEAD_PARTS = ("stylesWithEffects", "customXml", "webSettings", "thumbnail")


def drop_dead_parts(document) -> None:
    """Remove the unused parts: only what is related is saved, so dropping the relation does."""
    for rels in (document.part.rels, document.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DEAD_PARTS:
                del rels[rid]


def main(folder: Path = TEMPLATES) -> None:
    """Write every template missing from ``folder``; an existing template is the clerk's."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        path = folder / name
        if path.exists():
            print(f"giữ nguyên {path} (mẫu đã có; xóa tệp này nếu muốn dựng lại)")
            continue
        document = build()
        drop_dead_parts(document)
        document.save(path)
        print(f"đã tạo {path}")


if __name__ == "__main__":
    import sys
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES)
