"""Check a Word document against the layout rules of Decree 30/2020/NĐ-CP.

``lint(path)`` works on any .docx: a generated report, a template still holding Jinja tags,
or a file a clerk edited. Formatting is resolved the way Word does (direct run/paragraph
formatting over the paragraph style chain over the document defaults), and every problem
becomes a ``Violation``: a stable rule code, a Vietnamese message and where it is
("đoạn 12", "bảng 1, ô (2,1)") with the element's text. Rules skip what they cannot judge
(a Jinja tag instead of a value; body rules inside tables, on centred titles and headings)
so that a correct document is never flagged.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from .errors import PipelineError

FONT = "Times New Roman"
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
A4 = (11906, 16838)
# Margin ranges of the decree in twips, with a few twips of rounding slack.
TOP_BOTTOM, LEFT, RIGHT = (1130, 1422), (1697, 1988), (846, 1138)
FIRST_LINE = (560, 730)                     # 1 cm to 1.27 cm
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_TITLE_MM_13 = 95.7                 # measured width at 13 pt bold
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_MM_14 = 60.5
EM_UPPER = 0.61                             # average width of an UPPER bold letter, in em
PREFIXES = {"TM.", "Q.", "KT.", "TL.", "TUQ."}
ACADEMIC = re.compile(r"^(GS|PGS|TS|TSKH|ThS|Ths|KS|BS|CN)\.", re.UNICODE)
TAG = re.compile(r"{%.*?%}|{#.*?#}", re.S)


@dataclass(frozen=True)
class Violation:
    """One breach of a Decree 30 rule: stable code, Vietnamese message, where, and text."""

    code: str        # kebab-case rule code, e.g. "date-zero"
    message: str     # what is wrong and what the decree wants, in Vietnamese
    where: str       # "đoạn 12", "bảng 1, ô (2,1)", "mục 2", "đầu trang mục 1"
    text: str = ""   # the element's text, shortened

    def __str__(self) -> str:
        shown = f" “{self.text}”" if self.text else ""
        return f"{self.where}{shown}: {self.message} [{self.code}]"


def lint(path: Path) -> list[Violation]:
    """Return every Decree 30 violation found in the .docx at ``path`` (empty when correct).

    Raises PipelineError when the file cannot be opened as a Word document.
    """
    ctx = Context(_open(Path(path)))
    found: list[Violation] = []
    for check in CHECKS:
        found.extend(check(ctx))
    return found


def _open(path: Path):
    """Open ``path`` with python-docx, turning a bad file into PipelineError."""
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PipelineError(f"Không mở được {path.name}: không phải văn bản Word (.docx)"
                            " hoặc tệp bị hỏng.") from exc


# =========================================================================== XML reading
def _val(el, name: str = "val"):
    """Return attribute ``w:name`` of ``el`` (None when ``el`` or the attribute is absent)."""
    return None if el is None else el.get(qn(f"w:{name}"))


def _on(el) -> bool | None:
    """Read an OOXML on/off property: absent None, ``<w:b/>`` True, ``w:val="0"`` False."""
    if el is None:
        return None
    return _val(el) not in ("0", "false", "off")


def _int(value, default=None):
    """Parse a twips/half-point number, tolerating junk."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _owner_p(el):
    """Return the nearest ``w:p`` above ``el``."""
    el = el.getparent()
    while el is not None and el.tag != qn("w:p"):
        el = el.getparent()
    return el


def runs(p) -> list:
    """Return the runs of paragraph ``p`` itself (not of text boxes anchored in it)."""
    return [r for r in p.iter(qn("w:r")) if _owner_p(r) is p]


def run_text(r) -> str:
    """Return a run's visible text (tabs as "\\t", breaks as "\\n")."""
    out = []
    for child in r:
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return "".join(out)


def text(p) -> str:
    """Return a paragraph's visible text with non-breaking spaces made plain."""
    return "".join(run_text(r) for r in runs(p)).replace("\u00a0", " ")


def is_tag_only(p) -> bool:
    """Return True for a docxtpl control paragraph ("{%p if … %}") that renders to nothing."""
    raw = text(p)
    return "{%" in raw and not TAG.sub("", raw).strip()


def has_tags(value: str) -> bool:
    """Return True when the text still holds a Jinja expression or statement."""
    return "{{" in value or "{%" in value


def short(value: str, limit: int = 60) -> str:
    """Shorten text for a message."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit - 1] + "…"


# =========================================================================== styles
class Styles:
    """Resolve formatting through docDefaults, table style, paragraph and run style chains."""

    def __init__(self, document):
        root = document.styles.element
        self.by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        defaults = root.find(qn("w:docDefaults"))
        self.default_rpr = _find(defaults, "w:rPrDefault", "w:rPr")
        self.default_ppr = _find(defaults, "w:pPrDefault", "w:pPr")
        self.default_para = next((i for i, s in self.by_id.items()
                                  if s.get(qn("w:type")) == "paragraph"
                                  and _on_attr(s.get(qn("w:default")))), None)

    def chain(self, style_id: str | None) -> list:
        """Return the style and its bases, base first."""
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.insert(0, style)
            style_id = _val(style.find(qn("w:basedOn")))
        return out

    def para_style(self, p) -> str | None:
        """Return the paragraph's style id (the default paragraph style when none)."""
        return _val(_find(p, "w:pPr", "w:pStyle")) or self.default_para

    def ppr_layers(self, p, table_style=None) -> list:
        """Return the pPr elements that apply to ``p``, lowest priority first."""
        layers = [self.default_ppr]
        layers += [s.find(qn("w:pPr")) for s in self.chain(table_style)]
        layers += [s.find(qn("w:pPr")) for s in self.chain(self.para_style(p))]
        layers.append(p.find(qn("w:pPr")))
        return [x for x in layers if x is not None]

    def rpr_layers(self, p, r, table_style=None, defaults=True) -> list:
        """Return the rPr elements that apply to run ``r`` of ``p``, lowest first."""
        layers = [self.default_rpr] if defaults else []
        layers += [s.find(qn("w:rPr")) for s in self.chain(table_style)]
        layers += [s.find(qn("w:rPr")) for s in self.chain(self.para_style(p))]
        rstyle = _val(_find(r, "w:rPr", "w:rStyle"))
        layers += [s.find(qn("w:rPr")) for s in self.chain(rstyle)]
        layers.append(r.find(qn("w:rPr")))
        return [x for x in layers if x is not None]


def _find(el, *path):
    """Follow child tags, returning None as soon as one is missing."""
    for tag in path:
        if el is None:
            return None
        el = el.find(qn(tag))
    return el


def _on_attr(value) -> bool:
    return value in ("1", "true", "on")


def _last(layers, read):
    """Return the value of the highest layer that sets it."""
    value = None
    for layer in layers:
        got = read(layer)
        if got is not None:
            value = got
    return value


def read_size(rpr):
    """Return the font size in points set by ``rpr``, or None."""
    half = _int(_val(rpr.find(qn("w:sz"))))
    return None if half is None else half / 2


def read_slot(slot: str):
    """Return a reader of one font slot; a theme font reads as "theme:…"."""
    theme = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
             "cs": "cstheme"}[slot]

    def read(rpr):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            return None
        if fonts.get(qn(f"w:{theme}")):
            return "theme:" + fonts.get(qn(f"w:{theme}"))
        return fonts.get(qn(f"w:{slot}"))
    return read


def read_toggle(tag: str):
    """Return a reader of an on/off run property (b, i, caps)."""
    return lambda rpr: _on(rpr.find(qn(f"w:{tag}")))


def read_ppr(tag: str, attr: str):
    """Return a reader of one attribute of a paragraph property, e.g. ("w:spacing", "after")."""
    def read(ppr):
        el = ppr.find(qn(tag))
        return None if el is None else el.get(qn(f"w:{attr}"))
    return read


def read_first_line(ppr):
    """Return the first-line indent in twips (negative for a hanging indent), or None."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        return None
    if ind.get(qn("w:hanging")) is not None:
        return -_int(ind.get(qn("w:hanging")), 0)
    return _int(ind.get(qn("w:firstLine")))


def read_border(ppr):
    """Return True when the paragraph has a visible bottom border."""
    bottom = _find(ppr, "w:pBdr", "w:bottom")
    if bottom is None:
        return None
    return _val(bottom) not in ("nil", "none")


# =========================================================================== context
@dataclass
class Para:
    """A paragraph with where it is and the table style that applies to it."""

    el: object
    where: str
    table_style: str | None = None
    row: int = 0
    cell: object = None

    @property
    def text(self) -> str:
        return text(self.el)


@dataclass
class Context:
    """The document as the rules see it: styles, sections, body blocks and key tables."""

    document: object
    styles: Styles = field(init=False)
    blocks: list = field(init=False)             # (element, section index), body order
    numbers: dict = field(init=False)            # element -> "đoạn N" / table number

    def __post_init__(self):
        self.styles = Styles(self.document)
        self.blocks, self.numbers = [], {}
        self._walk(self.document.element.body)
        self.sections = list(self.document.sections)
        self.header_table = self._header_table()
        self.signature = self._signature_table()
        self.title, self.body, self.addressed = self._split_body()

    def _walk(self, parent, section=None) -> None:
        """Number body paragraphs and tables, and note the section of each."""
        section = [0] if section is None else section
        for child in parent:
            if child.tag == qn("w:sdt"):
                self._walk(child.find(qn("w:sdtContent")), section)
            elif child.tag in (qn("w:p"), qn("w:tbl")):
                kind = "p" if child.tag == qn("w:p") else "tbl"
                count = sum(1 for e, _ in self.blocks if e.tag == child.tag) + 1
                self.numbers[child] = count
                self.blocks.append((child, section[0]))
                if kind == "p" and _find(child, "w:pPr", "w:sectPr") is not None:
                    section[0] += 1

    def para(self, p) -> Para:
        """Wrap a body-level paragraph."""
        return Para(p, f"đoạn {self.numbers[p]}")

    def tables(self) -> list:
        return [e for e, _ in self.blocks if e.tag == qn("w:tbl")]

    def paragraphs(self, section: int | None = None) -> list[Para]:
        """Return the body-level paragraphs, optionally of one section."""
        return [self.para(e) for e, s in self.blocks
                if e.tag == qn("w:p") and (section is None or s == section)]

    def cells(self, tbl) -> list[tuple[int, int, object]]:
        """Return (row, column, tc) of a table, 1-based."""
        out = []
        for r, tr in enumerate(tbl.findall(qn("w:tr")), 1):
            for c, tc in enumerate(tr.findall(qn("w:tc")), 1):
                out.append((r, c, tc))
        return out

    def cell_paras(self, tbl, tc, r: int, c: int) -> list[Para]:
        """Return the paragraphs of a cell with their location."""
        style = _val(_find(tbl, "w:tblPr", "w:tblStyle")) or self._default_table_style()
        where = f"bảng {self.numbers[tbl]}, ô ({r},{c})"
        return [Para(p, where, style, r, tc) for p in tc.findall(qn("w:p"))]

    def _default_table_style(self):
        return next((i for i, s in self.styles.by_id.items()
                     if s.get(qn("w:type")) == "table" and _on_attr(s.get(qn("w:default")))),
                    None)

    def _header_table(self):
        """Return the table that opens the document, before any text paragraph."""
        for el, _ in self.blocks:
            if el.tag == qn("w:tbl"):
                return el
            if text(el).strip() and not is_tag_only(el):
                return None
        return None

    def _signature_table(self):
        """Return (table, row, label Para, signer tc) of the "Nơi nhận" table, or None."""
        for tbl in self.tables():
            for r, c, tc in self.cells(tbl):
                for para in self.cell_paras(tbl, tc, r, c):
                    if para.text.strip().startswith("Nơi nhận"):
                        row = tc.getparent().findall(qn("w:tc"))
                        return tbl, r, para, row[-1] if row[-1] is not tc else None
        return None

    def _split_body(self):
        """Split section 1 into title lines (type, summary), body paragraphs, Kính gửi flag."""
        after_header = self.header_table is None
        end = self.signature[0] if self.signature else None
        title, body, addressed, skipping = [], [], False, False
        for el, section in self.blocks:
            if el is self.header_table:
                after_header = True
                continue
            if el is end or section > 0:
                break
            if not after_header or el.tag != qn("w:p") or is_tag_only(el):
                continue
            value = text(el).strip()
            if not value or is_line(self, Para(el, "")):
                continue
            if "Kính gửi" in value:
                addressed = skipping = True
                continue
            if skipping and (value[0] in "-–" or text(el)[:1] == "\t"):
                continue    # the "- …;" lines of several addressees
            skipping = False
            in_title = not addressed and not body and len(title) < 2
            (title if in_title else body).append(self.para(el))
        return title, body, addressed


def is_line(ctx: Context, para: Para) -> bool:
    """Return True for a paragraph that only draws a rule (border, drawing or "____")."""
    value = para.text.strip()
    if value and not re.fullmatch(r"[_\-–—.]{3,}", value):
        return False
    if _last(ctx.styles.ppr_layers(para.el, para.table_style), read_border):
        return True
    return bool(value) or _has_drawing(para.el)


def _has_drawing(p) -> bool:
    """Return True when the paragraph anchors a drawing or VML shape (a drawn line)."""
    return any(True for tag in ("w:drawing", "w:pict") for _ in p.iter(qn(tag)))


# =========================================================================== formatting
def text_runs(ctx: Context, para: Para) -> list:
    """Return the runs of ``para`` that print something."""
    return [r for r in runs(para.el) if run_text(r).strip()]


def run_value(ctx: Context, para: Para, r, reader, defaults=True):
    """Resolve one run property of ``r``."""
    return _last(ctx.styles.rpr_layers(para.el, r, para.table_style, defaults), reader)


def sizes(ctx: Context, para: Para) -> set[float]:
    """Return the font sizes (pt) of the paragraph's printing runs (10 pt when unset)."""
    return {run_value(ctx, para, r, read_size) or 10.0 for r in text_runs(ctx, para)}


def all_runs(ctx: Context, para: Para, tag: str) -> bool:
    """Return True when every printing run has toggle ``tag`` (b, i, caps) on."""
    found = [bool(run_value(ctx, para, r, read_toggle(tag))) for r in text_runs(ctx, para)]
    return bool(found) and all(found)


def any_runs(ctx: Context, para: Para, tag: str) -> bool:
    """Return True when some printing run has toggle ``tag`` on."""
    return any(run_value(ctx, para, r, read_toggle(tag)) for r in text_runs(ctx, para))


def ppr(ctx: Context, para: Para, reader):
    """Resolve one paragraph property."""
    return _last(ctx.styles.ppr_layers(para.el, para.table_style), reader)


def align(ctx: Context, para: Para) -> str:
    """Return the paragraph alignment ("left" when unset)."""
    value = ppr(ctx, para, read_ppr("w:jc", "val")) or "left"
    return {"start": "left", "end": "right", "distribute": "both"}.get(value, value)


def in_range(values: set[float], low: float, high: float) -> bool:
    return bool(values) and all(low <= v <= high for v in values)


def pts(values: set[float]) -> str:
    return ", ".join(f"{v:g}" for v in sorted(values)) + " pt"


def V(code: str, message: str, para: Para | None = None, where: str = "") -> Violation:
    """Build a violation located at ``para`` (or ``where``)."""
    if para is not None:
        return Violation(code, message, para.where, short(para.text))
    return Violation(code, message, where)


def mm(twips) -> float:
    return (twips or 0) * 25.4 / 1440


# =========================================================================== rules: page
def check_page(ctx: Context) -> list[Violation]:
    """Check paper size, orientation of page 1 and the margins of every section."""
    out = []
    for i, section in enumerate(ctx.sections, 1):
        size, margins = section._sectPr.find(qn("w:pgSz")), section._sectPr.find(qn("w:pgMar"))
        w, h = _int(_val(size, "w")), _int(_val(size, "h"))
        where = f"mục {i}"
        if not _is_a4(w, h) or (i == 1 and w > h):
            portrait = ", trang dọc" if i == 1 else ""
            out.append(V("page-size", f"Khổ giấy phải là A4 210 × 297 mm{portrait}; đang là"
                         f" {mm(w):.0f} × {mm(h):.0f} mm.", where=where))
        m = {k: _int(_val(margins, k), 0) for k in ("top", "bottom", "left", "right")}
        if not _margins_ok(m, (w or 0) > (h or 0)):
            out.append(V("margins", "Lề trang phải là trên 20-25 mm, dưới 20-25 mm, trái 30-35 mm,"
                         f" phải 15-20 mm; đang là trên {mm(m['top']):.0f}, dưới"
                         f" {mm(m['bottom']):.0f}, trái {mm(m['left']):.0f}, phải"
                         f" {mm(m['right']):.0f} mm.", where=where))
    return out


def _is_a4(w, h) -> bool:
    """Return True for A4 in either orientation (30 twips of slack)."""
    return (w is not None and h is not None
            and all(abs(x - ref) <= 30 for x, ref in zip(sorted((w, h)), A4)))


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _margins_ok(m: dict, landscape: bool) -> bool:
    """Accept the decree's margins; a landscape page may carry them turned (binding on top)."""
    direct = (_within(m["top"], TOP_BOTTOM) and _within(m["bottom"], TOP_BOTTOM)
              and _within(m["left"], LEFT) and _within(m["right"], RIGHT))
    turned = (_within(m["top"], LEFT) and _within(m["bottom"], RIGHT)
              and _within(m["left"], TOP_BOTTOM) and _within(m["right"], TOP_BOTTOM))
    return direct or (landscape and turned)


# =========================================================================== rules: fonts
def all_paras(ctx: Context):
    """Yield every paragraph: body, table cells, headers and footers."""
    for el, _ in ctx.blocks:
        if el.tag == qn("w:p"):
            yield ctx.para(el)
        else:
            for r, c, tc in ctx.cells(el):
                yield from ctx.cell_paras(el, tc, r, c)
    for name, part in _hdrftr_parts(ctx):
        for p in part.element.iter(qn("w:p")):
            yield Para(p, name)


def _hdrftr_parts(ctx: Context):
    """Return (name, part) of every header and footer part."""
    kinds = {RT.HEADER: "đầu trang", RT.FOOTER: "chân trang"}
    return [(kinds[rel.reltype], rel.target_part) for rel in ctx.document.part.rels.values()
            if rel.reltype in kinds]


def check_fonts(ctx: Context) -> list[Violation]:
    """Check Times New Roman in the four font slots and Vietnamese language."""
    return _default_fonts(ctx) + _style_fonts(ctx) + _run_fonts(ctx)


def _default_fonts(ctx: Context) -> list[Violation]:
    rpr, where = ctx.styles.default_rpr, "kiểu mặc định (docDefaults)"
    out = []
    bad = [s for s in SLOTS if rpr is None or read_slot(s)(rpr) != FONT]
    if bad:
        out.append(V("font-slots", "Phông mặc định phải là Times New Roman ở cả bốn vị trí"
                     f" ascii, hAnsi, eastAsia, cs; sai ở: {', '.join(bad)}.", where=where))
    if _val(_find(rpr, "w:lang")) != "vi-VN":
        out.append(V("font-lang", "Ngôn ngữ mặc định phải là tiếng Việt (vi-VN).", where=where))
    return out


def _used_styles(ctx: Context) -> list:
    """Return the styles used by any paragraph or run, with their bases."""
    ids = set()
    for para in all_paras(ctx):
        ids.update(s.get(qn("w:styleId")) for s in ctx.styles.chain(ctx.styles.para_style(para.el)))
        for r in runs(para.el):
            rstyle = _val(_find(r, "w:rPr", "w:rStyle"))
            ids.update(s.get(qn("w:styleId")) for s in ctx.styles.chain(rstyle))
    return [ctx.styles.by_id[i] for i in sorted(ids)]


def _style_fonts(ctx: Context) -> list[Violation]:
    out = []
    for style in _used_styles(ctx):
        rpr, name = style.find(qn("w:rPr")), _val(style.find(qn("w:name"))) or ""
        if rpr is None:
            continue
        where = f"kiểu “{name}”"
        bad = [s for s in SLOTS if read_slot(s)(rpr) not in (None, FONT)]
        if bad:
            out.append(V("font-slots", f"Kiểu dùng phông khác Times New Roman ở: {', '.join(bad)}.",
                         where=where))
        lang = _val(rpr.find(qn("w:lang")))
        if lang not in (None, "vi-VN"):
            out.append(V("font-lang", f"Kiểu đặt ngôn ngữ {lang}, phải là vi-VN.", where=where))
    return out


def _run_fonts(ctx: Context) -> list[Violation]:
    out = []
    for para in all_paras(ctx):
        for r in text_runs(ctx, para):
            bad = {run_value(ctx, para, r, read_slot(s), defaults=False) for s in SLOTS}
            bad -= {None, FONT}
            if bad:
                out.append(V("font-slots", "Chữ phải dùng phông Times New Roman; đang dùng "
                             f"{', '.join(sorted(bad))}.", para))
                break
    return out


# =========================================================================== rules: body
def check_body(ctx: Context) -> list[Violation]:
    """Check the body: 13-14 pt throughout, justified, first-line indent, spacing."""
    out = []
    for para in ctx.body:
        out += _body_para(ctx, para)
    out += _body_consistency(ctx)
    return out


def _body_para(ctx: Context, para: Para) -> list[Violation]:
    out, size = [], sizes(ctx, para)
    if not in_range(size, 13, 14):
        out.append(V("body-size", f"Chữ phần nội dung phải cỡ 13-14; đang là {pts(size)}.", para))
    line, rule = ppr(ctx, para, read_ppr("w:spacing", "line")), \
        ppr(ctx, para, read_ppr("w:spacing", "lineRule")) or "auto"
    if not _line_ok(_int(line, 240), rule, max(size or {14})):
        out.append(V("line-spacing", "Khoảng cách dòng phải từ một dòng (single) đến 1,5 dòng.",
                     para))
    if align(ctx, para) == "center":
        return out        # document titles, "Phần I" headings: centred on purpose
    if align(ctx, para) != "both":
        out.append(V("body-justify", "Đoạn văn phần nội dung phải căn đều hai bên.", para))
    first = ppr(ctx, para, read_first_line) or 0
    if not _within(first, FIRST_LINE):
        cm = f"{first * 2.54 / 1440:.2f}".replace(".", ",")
        out.append(V("first-line-indent", f"Dòng đầu đoạn phải lùi vào 1-1,27 cm; đang là {cm} cm.",
                     para))
    gap = sum(_int(ppr(ctx, para, read_ppr("w:spacing", k)), 0) for k in ("before", "after"))
    if gap < 115:
        out.append(V("para-spacing", "Khoảng cách giữa các đoạn phải tối thiểu 6 pt; đang là"
                     f" {gap / 20:g} pt.", para))
    return out


def _line_ok(line: int, rule: str, size: float) -> bool:
    """Accept single to 1.5 lines, whether set as a multiple or in points."""
    if rule == "auto":
        return 235 <= line <= 365
    return size * 20 <= line <= size * 20 * 1.15 * 1.5 + 5


def _body_consistency(ctx: Context) -> list[Violation]:
    """Flag body paragraphs whose (valid) size differs from the usual body size."""
    seen = [(p, sizes(ctx, p)) for p in ctx.body]
    valid = [(p, s) for p, s in seen if in_range(s, 13, 14) and len(s) == 1]
    counts: dict[float, int] = {}
    for _, s in valid:
        counts[next(iter(s))] = counts.get(next(iter(s)), 0) + 1
    if len(counts) < 2:
        return []
    usual = max(counts, key=counts.get)
    odd = next(p for p, s in valid if next(iter(s)) != usual)
    return [V("body-size", f"Phần nội dung phải dùng một cỡ chữ thống nhất ({usual:g} pt).", odd)]


# =========================================================================== rules: titles
def check_title(ctx: Context) -> list[Violation]:
    """Check the document type (UPPER, bold, centred) and the summary line."""
    out = []
    if ctx.title:
        kind = ctx.title[0]
        upper = has_tags(kind.text) or kind.text == kind.text.upper()
        if not (upper and _bold_centred(ctx, kind)):
            out.append(V("doc-type", "Tên loại văn bản phải in hoa, đậm, căn giữa, cỡ 13-14.",
                         kind))
    if len(ctx.title) > 1 and not _bold_centred(ctx, ctx.title[1]):
        out.append(V("summary", "Trích yếu nội dung phải in đậm, căn giữa, cỡ 13-14.",
                     ctx.title[1]))
    return out


def _bold_centred(ctx: Context, para: Para, low: float = 13, high: float = 14) -> bool:
    return (all_runs(ctx, para, "b") and align(ctx, para) == "center"
            and in_range(sizes(ctx, para), low, high))


# =========================================================================== rules: header
def check_header(ctx: Context) -> list[Violation]:
    """Check the header table: agency, number, national title, motto and date."""
    tbl = ctx.header_table
    if tbl is None:
        return [V("header-table", "Đầu văn bản phải là bảng hai cột không viền: bên trái tên"
                  " cơ quan và số, ký hiệu; bên phải quốc hiệu, tiêu ngữ, địa danh và ngày.",
                  where="đầu văn bản")]
    left, right = _columns(ctx, tbl)
    out = _table_shape(ctx, tbl)
    number = next((p for p in left if p.text.strip().startswith("Số")), None)
    out += _agency(ctx, tbl, left[:left.index(number)] if number else left)
    out += _number(ctx, number)
    out += _national(ctx, tbl, right, number)
    return out


def _columns(ctx: Context, tbl) -> tuple[list[Para], list[Para]]:
    """Return the non-control paragraphs of the first and the last column."""
    left, right = [], []
    for r, tr in enumerate(tbl.findall(qn("w:tr")), 1):
        tcs = tr.findall(qn("w:tc"))
        for column, tc in ((left, tcs[0]), (right, tcs[-1] if len(tcs) > 1 else None)):
            if tc is not None:
                c = tcs.index(tc) + 1
                column += [p for p in ctx.cell_paras(tbl, tc, r, c) if not is_tag_only(p.el)]
    return left, right


def _visible(el) -> bool:
    """Return True when a borders element draws any edge."""
    return el is not None and any(_val(e) not in (None, "nil", "none") for e in el)


def _table_shape(ctx: Context, tbl) -> list[Violation]:
    grid = _find(tbl, "w:tblGrid")
    grid = [] if grid is None else grid.findall(qn("w:gridCol"))
    style = ctx.styles.by_id.get(_val(_find(tbl, "w:tblPr", "w:tblStyle")))
    borders = [_find(tbl, "w:tblPr", "w:tblBorders"), _find(style, "w:tblPr", "w:tblBorders")]
    borders += [_find(tc, "w:tcPr", "w:tcBorders") for tc in tbl.iter(qn("w:tc"))]
    problems = []
    if len(grid) < 2:
        problems.append("phải có hai cột")
    if any(_visible(b) for b in borders):
        problems.append("không được có đường viền")
    return [V("header-table", f"Bảng đầu văn bản {' và '.join(problems)}.",
              where=f"bảng {ctx.numbers[tbl]}")] if problems else []


def _text_paras(ctx: Context, paras: list[Para]) -> list[Para]:
    return [p for p in paras if p.text.strip() and not is_line(ctx, p)]


def _agency(ctx: Context, tbl, above: list[Para]) -> list[Violation]:
    """Check the parent agency (upright) and the agency (bold) with the line under it."""
    names = _text_paras(ctx, above)
    parent, agency = (names[:1], names[1:]) if len(names) > 1 else ([], names)
    out = []
    for p in parent:
        if any_runs(ctx, p, "b") or not _upper_sized(ctx, p, 12, 13):
            out.append(V("parent-agency", "Tên cơ quan chủ quản phải in hoa, chữ đứng, không"
                         " đậm, cỡ 12-13.", p))
    if not agency:
        return out + [V("agency", "Không thấy tên cơ quan ban hành (in hoa, đậm).",
                        where=f"bảng {ctx.numbers[tbl]}")]
    for p in agency:
        if not all_runs(ctx, p, "b") or not _upper_sized(ctx, p, 12, 13):
            out.append(V("agency", "Tên cơ quan ban hành phải in hoa, đậm, cỡ 12-13.", p))
    return out + _agency_line(ctx, tbl, above, agency[-1])


def _upper_sized(ctx: Context, para: Para, low: float, high: float) -> bool:
    value = para.text
    return (has_tags(value) or value == value.upper()) and in_range(sizes(ctx, para), low, high)


def _agency_line(ctx: Context, tbl, above: list[Para], agency: Para) -> list[Violation]:
    """Require a line under the agency, 1/3-1/2 of its length when it is a border."""
    after = above[above.index(agency):]
    line = next((p for p in after if is_line(ctx, p)
                 or ppr(ctx, p, read_border)), None)
    if line is None and not any(_has_drawing(p.el) for p in above):
        return [V("agency-line", "Dưới tên cơ quan ban hành phải có đường kẻ ngang, nét liền,"
                  " dài 1/3-1/2 dòng chữ.", agency)]
    if line is None or not ppr(ctx, line, read_border) or has_tags(agency.text):
        return []
    inner = _inner_mm(ctx, tbl, line)
    width = inner - _indents_mm(ctx, line)
    size = max(sizes(ctx, agency) or {13})
    text_mm = min(len(agency.text.strip()) * EM_UPPER * size * 25.4 / 72, inner)
    if inner and not 0.2 <= width / text_mm <= 0.75:
        return [V("agency-line", "Đường kẻ dưới tên cơ quan phải dài 1/3-1/2 dòng chữ; đang"
                  f" dài khoảng {width / text_mm:.0%}.", agency)]
    return []


def _inner_mm(ctx: Context, tbl, para: Para) -> float:
    """Return the text width of the cell holding ``para`` in mm (0 when not fixed)."""
    tc = para.cell
    width = _find(tc, "w:tcPr", "w:tcW")
    if width is None or _val(width, "type") not in (None, "dxa"):
        return 0.0
    return mm(_int(_val(width, "w"), 0) - sum(_cell_margin(ctx, tbl, tc, s)
                                             for s in (("left", "start"), ("right", "end"))))


def _cell_margin(ctx: Context, tbl, tc, sides: tuple[str, str]) -> int:
    """Resolve a cell's side margin: cell, table, table style, then Word's 108 twips."""
    style = ctx.styles.by_id.get(_val(_find(tbl, "w:tblPr", "w:tblStyle"))
                                 or ctx._default_table_style())
    for mar in (_find(tc, "w:tcPr", "w:tcMar"), _find(tbl, "w:tblPr", "w:tblCellMar"),
                _find(style, "w:tblPr", "w:tblCellMar")):
        for side in sides:
            value = _int(_val(_find(mar, f"w:{side}"), "w"))
            if value is not None:
                return value
    return 108


def _indents_mm(ctx: Context, para: Para) -> float:
    """Return left + right paragraph indents in mm."""
    total = 0
    for names in (("left", "start"), ("right", "end")):
        value = next((v for v in (ppr(ctx, para, read_ppr("w:ind", n)) for n in names)
                      if v is not None), 0)
        total += _int(value, 0)
    return mm(total)


NUMBER = re.compile(r"^Số\s*:\s*(?P<num>[^/]*?)(?P<gap>\s*)/(?P<sym>.*)$")


def _number(ctx: Context, para: Para | None) -> list[Violation]:
    """Check "Số: 05/BC-SNV": upright, 13 pt, leading zero, no spaces, a real type code."""
    if para is None:
        return [V("number-line", "Không thấy dòng “Số: …/…” dưới tên cơ quan ban hành.",
                  where="bảng đầu văn bản")]
    problems = []
    if any_runs(ctx, para, "i"):
        problems.append("chữ đứng, không in nghiêng")
    if not in_range(sizes(ctx, para), 12.5, 13.5):
        problems.append(f"cỡ 13 (đang {pts(sizes(ctx, para))})")
    problems += _number_text(para.text.strip())
    return [V("number-line", "Dòng số, ký hiệu phải " + "; ".join(problems) + ".", para)] \
        if problems else []


def _number_text(value: str) -> list[str]:
    """Return what is wrong with the text of a number line."""
    m = NUMBER.match(value)
    if not m:
        return ["viết dạng “Số: 05/BC-SNV”"]
    num, sym, out = m["num"].strip(), m["sym"], []
    if num and not has_tags(num) and not re.fullmatch(r"\d{2,}", num):
        out.append("số nhỏ hơn 10 phải có số 0 ở trước (05), chỉ gồm chữ số")
    if num and m["gap"] or sym[:1].isspace():
        out.append("không có dấu cách quanh dấu “/”")
    if not has_tags(sym):
        if not re.fullmatch(r"[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*", sym):
            out.append("ký hiệu viết hoa, nối bằng “-”, không có dấu cách (BC-SNV)")
        elif sym.startswith("CV-") or sym == "CV":
            out.append("công văn không có mã “CV” (viết 12/UBND-VX)")
    return out


def _national(ctx: Context, tbl, right: list[Para], number: Para | None) -> list[Violation]:
    """Check the right column: national title, motto with its line, place and date."""
    names = _text_paras(ctx, right)
    title = names[0] if names else None
    out = _national_title(ctx, tbl, title)
    motto = names[1] if len(names) > 1 else None
    out += _motto(ctx, tbl, motto, right)
    date = names[2] if len(names) > 2 else None
    return out + _date(ctx, date, number, tbl)


def _national_title(ctx: Context, tbl, title: Para | None) -> list[Violation]:
    """Require the exact national title, bold, 12-13 pt, on one line."""
    if title is None:
        return [V("national-title", f"Không thấy quốc hiệu “{NATIONAL_TITLE}”.",
                  where=f"bảng {ctx.numbers[tbl]}")]
    value = " ".join(title.text.split()).replace("HOÀ", "HÒA")
    problems = [] if value == NATIONAL_TITLE else [f"ghi đúng “{NATIONAL_TITLE}”"]
    size = max(sizes(ctx, title) or {13})
    if not all_runs(ctx, title, "b") or not in_range(sizes(ctx, title), 12, 13):
        problems.append("in hoa, đậm, cỡ 12-13")
    room = _inner_mm(ctx, tbl, title) - _indents_mm(ctx, title)
    if room and NATIONAL_TITLE_MM_13 * size / 13 > room:
        problems.append(f"nằm trên một dòng (cột chỉ rộng {room:.1f} mm, quốc hiệu cỡ"
                        f" {size:g} cần {NATIONAL_TITLE_MM_13 * size / 13:.1f} mm)")
    return [V("national-title", "Quốc hiệu phải " + "; ".join(problems) + ".", title)] \
        if problems else []


def _motto(ctx: Context, tbl, motto: Para | None, right: list[Para]) -> list[Violation]:
    """Require "Độc lập - Tự do - Hạnh phúc" (hyphen-minus), bold 13-14, a line as long."""
    if motto is None:
        return [V("motto", f"Không thấy tiêu ngữ “{MOTTO}”.", where=f"bảng {ctx.numbers[tbl]}")]
    out, raw = [], " ".join(motto.text.split())
    loose = re.sub(r"\s*[-–—−]\s*", " - ", raw)
    if loose != MOTTO:
        out.append(V("motto", f"Tiêu ngữ phải ghi đúng “{MOTTO}”.", motto))
    elif raw != MOTTO:
        out.append(V("motto-dash", "Giữa các cụm từ của tiêu ngữ dùng gạch nối (-) có cách chữ,"
                     " không dùng gạch dài (–, —).", motto))
    if not all_runs(ctx, motto, "b") or not in_range(sizes(ctx, motto), 13, 14):
        out.append(V("motto", "Tiêu ngữ phải in đậm, cỡ 13-14.", motto))
    return out + _motto_line(ctx, tbl, motto, right)


def _motto_line(ctx: Context, tbl, motto: Para, right: list[Para]) -> list[Violation]:
    """Require a line under the motto about as long as the motto."""
    below = right[right.index(motto):]
    line = motto if ppr(ctx, motto, read_border) else next(
        (p for p in below[1:] if is_line(ctx, p)), None)
    if line is None and not any(_has_drawing(p.el) for p in below[:2]):
        return [V("motto-line", "Dưới tiêu ngữ phải có đường kẻ ngang, nét liền, dài bằng dòng"
                  " chữ.", motto)]
    if line is None or not ppr(ctx, line, read_border):
        return []
    width = _inner_mm(ctx, tbl, line) - _indents_mm(ctx, line)
    text_mm = MOTTO_MM_14 * max(sizes(ctx, motto) or {14}) / 14
    if width and not 0.8 <= width / text_mm <= 1.25:
        return [V("motto-line", f"Đường kẻ dưới tiêu ngữ phải dài bằng dòng chữ (khoảng"
                  f" {text_mm:.0f} mm); đang dài {width:.0f} mm.", motto)]
    return []


DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+"
                  r"năm\s+(?P<y>\d{4})$")
DRAFT_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+tháng\s+năm(\s+\d{4})?$")


def _date(ctx: Context, date: Para | None, number: Para | None, tbl) -> list[Violation]:
    """Check "Lạng Sơn, ngày 05 tháng 3 năm 2024": italic, 13-14, on the row of "Số"."""
    if date is None:
        return [V("date-line", "Không thấy dòng địa danh, ngày tháng năm dưới tiêu ngữ.",
                  where=f"bảng {ctx.numbers[tbl]}")]
    problems = []
    if not all_runs(ctx, date, "i") or not in_range(sizes(ctx, date), 13, 14):
        problems.append("in nghiêng, cỡ 13-14")
    if align(ctx, date) != "center":
        problems.append("căn giữa dưới tiêu ngữ")
    rows = len(tbl.findall(qn("w:tr")))
    if number is not None and rows > 1 and number.row != date.row:
        problems.append("nằm cùng hàng với dòng “Số: …”")
    value = " ".join(date.text.split())
    out = [] if has_tags(value) else _date_text(date, value, problems)
    if problems:
        out.insert(0, V("date-line", "Dòng địa danh, ngày tháng phải " + "; ".join(problems)
                        + ".", date))
    return out


def _date_text(date: Para, value: str, problems: list[str]) -> list[Violation]:
    """Validate the date text, adding to ``problems``; return any date-zero violation."""
    if DRAFT_DATE.match(value):
        return []
    m = DATE.match(value)
    if not m or not m["place"][:1].isupper():
        problems.append("viết dạng “Lạng Sơn, ngày 05 tháng 3 năm 2024”")
        return []
    day, month = m["d"], m["m"]
    try:
        dt.date(int(m["y"]), int(month), int(day))
    except ValueError:
        problems.append("là một ngày có thật")
    if len(day) == 1 or (int(month) <= 2 and len(month) == 1) or \
            (int(month) >= 3 and month.startswith("0")):
        return [V("date-zero", "Ngày dưới 10 và tháng 1, 2 phải có số 0 ở trước (ngày 05,"
                  " tháng 01); tháng 3-12 không có số 0 (tháng 3).", date)]
    return []


# =========================================================================== rules: pages
def _part_of(ctx: Context, index: int, which: str, kind: str):
    """Return the header/footer element a section uses (inherited from earlier sections)."""
    for section in reversed(ctx.sections[:index + 1]):
        for ref in section._sectPr.findall(qn(f"w:{which}Reference")):
            if _val(ref, "type") == kind:
                return ctx.document.part.related_parts[ref.get(qn("r:id"))].element
    return None


def page_fields(el) -> list:
    """Return the paragraphs of ``el`` holding a PAGE field (simple or complex)."""
    if el is None:
        return []
    found = [_owner_p(f) for f in el.iter(qn("w:fldSimple"))
             if re.match(r"\s*PAGE\b", f.get(qn("w:instr")) or "")]
    found += [_owner_p(t) for t in el.iter(qn("w:instrText"))
              if re.match(r"\s*PAGE\b", t.text or "")]
    return [p for p in found if p is not None]


def check_page_numbers(ctx: Context) -> list[Violation]:
    """Require a centred 13-14 pt upright page number in the header, none on page 1."""
    out, seen = [], set()
    for i in range(len(ctx.sections)):
        header = _part_of(ctx, i, "header", "default")
        if header is not None and id(header) in seen:
            continue
        seen.add(id(header))
        out += _page_number(ctx, i, header)
    first = ctx.sections[0]._sectPr
    if not _on(first.find(qn("w:titlePg"))):
        shown = page_fields(_part_of(ctx, 0, "header", "default"))
    else:
        shown = page_fields(_part_of(ctx, 0, "header", "first"))
    if shown:
        out.append(V("page-number-first", "Không hiển thị số trang ở trang đầu: bật “Different"
                     " first page” (w:titlePg) với đầu trang trang 1 để trống.",
                     where="đầu trang mục 1"))
    return out


def _page_number(ctx: Context, i: int, header) -> list[Violation]:
    where = f"đầu trang mục {i + 1}"
    fields = page_fields(header)
    if not fields:
        if page_fields(_part_of(ctx, i, "footer", "default")):
            return [V("page-number", "Số trang phải đặt ở giữa đầu trang, không ở chân trang.",
                      where=where)]
        return [V("page-number", "Văn bản nhiều trang phải có số trang (trường PAGE) ở giữa"
                  " đầu trang.", where=where)] if _long(ctx) else []
    para = Para(fields[0], where)
    size = {run_value(ctx, para, r, read_size) or 10.0 for r in runs(para.el)}
    if align(ctx, para) != "center" or not in_range(size, 13, 14) or any_runs(ctx, para, "i"):
        return [V("page-number", "Số trang phải là chữ số Ả Rập cỡ 13-14, chữ đứng, căn giữa"
                  " đầu trang.", para)]
    return []


def _long(ctx: Context) -> bool:
    """Guess whether the document runs past one page (only then are numbers required)."""
    chars = sum(len(p.text) for p in ctx.paragraphs())
    return len(ctx.sections) > 1 or chars > 3000 or len(ctx.tables()) > 2


# =========================================================================== rules: end
def check_signature(ctx: Context) -> list[Violation]:
    """Check "Nơi nhận", its items, "- Lưu: VT, …" and the signer's block."""
    if ctx.signature is None:
        return [V("recipients-label", "Không thấy “Nơi nhận:” ở cuối văn bản.",
                  where="cuối văn bản")] if ctx.header_table is not None else []
    tbl, _, label, signer = ctx.signature
    out = []
    if not (all_runs(ctx, label, "b") and all_runs(ctx, label, "i")
            and in_range(sizes(ctx, label), 11.5, 12.5) and align(ctx, label) != "center"):
        out.append(V("recipients-label", "“Nơi nhận:” phải in nghiêng, đậm, cỡ 12, sát lề"
                     " trái.", label))
    paras = _printing(ctx.cell_paras(tbl, label.cell, label.row, 1))
    out += _recipients(ctx, paras[[p.el for p in paras].index(label.el) + 1:])
    if signer is not None:
        column = signer.getparent().findall(qn("w:tc")).index(signer) + 1
        out += _signer(ctx, _printing(ctx.cell_paras(tbl, signer, label.row, column)))
    return out


def _printing(paras: list[Para]) -> list[Para]:
    """Drop empty and control paragraphs."""
    return [p for p in paras if p.text.strip() and not is_tag_only(p.el)]


def _recipients(ctx: Context, items: list[Para]) -> list[Violation]:
    """Check the "- …;" items: 11 pt upright, ";" between, "." last, "- Lưu: VT, …" last."""
    if not items:
        return [V("recipients-items", "“Nơi nhận” phải liệt kê các nơi nhận, mỗi nơi một dòng"
                  " “- …;”.", where="cuối văn bản")]
    out = []
    for p in items:
        if not in_range(sizes(ctx, p), 10.5, 11.5) or any_runs(ctx, p, "b") \
                or any_runs(ctx, p, "i") or not p.text.lstrip().startswith("-"):
            out.append(V("recipients-items", "Mỗi nơi nhận là một dòng “- …;” chữ đứng, cỡ 11.",
                         p))
            break
    if any(has_tags(p.text) for p in items):
        return out
    bad = next((p for p in items[:-1] if not p.text.rstrip().endswith(";")), None)
    if bad or not items[-1].text.rstrip().endswith("."):
        out.append(V("recipients-items", "Các nơi nhận kết thúc bằng “;”, nơi cuối cùng bằng"
                     " “.”.", bad or items[-1]))
    if ctx.addressed and not re.match(r"-\s*Như trên", items[0].text.strip()):
        out.append(V("recipients-items", "Văn bản có “Kính gửi” thì nơi nhận đầu tiên là"
                     " “- Như trên;”.", items[0]))
    if not re.match(r"-\s*Lưu\s*:\s*VT\b", items[-1].text.strip()):
        out.append(V("recipients-archive", "Nơi nhận cuối cùng phải là “- Lưu: VT, …”.",
                     items[-1]))
    return out


def _signer(ctx: Context, paras: list[Para]) -> list[Violation]:
    """Check authority lines (prefix, KT. + deputy, bold) and the signer's name."""
    if len(paras) < 2:
        return [V("signer-title", "Thiếu quyền hạn, chức vụ hoặc họ tên người ký.",
                  paras[0] if paras else None, "cuối văn bản")]
    # "(Chữ ký, dấu)" hints of a form are instructions, not authority lines.
    lines, name = [p for p in paras[:-1] if not p.text.strip().startswith("(")], paras[-1]
    out = [_prefix(p) for p in lines if not has_tags(p.text)]
    out = [v for v in out if v]
    for p, following in zip(lines, lines[1:] + [None]):
        if p.text.strip().startswith("KT.") and (
                following is None or not following.text.strip().startswith("PHÓ")):
            out.append(V("signer-title", "Sau dòng “KT. …” phải là chức vụ cấp phó"
                         " (PHÓ …).", p))
    bad = next((p for p in lines if not _bold_sized(ctx, p)), None)
    if bad:
        out.append(V("signer-title", "Quyền hạn, chức vụ người ký phải in hoa, đậm, cỡ 13-14.",
                     bad))
    if ACADEMIC.match(name.text.strip()) or not _bold_sized(ctx, name):
        out.append(V("signer-name", "Họ tên người ký in đậm, cỡ 13-14, không ghi học hàm, học"
                     " vị (TS., ThS., PGS.…).", name))
    return out


# A leading abbreviation: "KT.", "T.M.", "K/T".
PREFIX = re.compile(r"^([^\s.]{1,4}(?:\.[^\s.]{1,3})*\.|[A-ZĐ]{1,2}/[A-ZĐ]{1,3}\.?)\s")


def _prefix(para: Para) -> Violation | None:
    """Flag an authority prefix other than TM., Q., KT., TL., TUQ."""
    m = PREFIX.match(para.text.strip())
    if m and m[1] not in PREFIXES:
        return V("signer-prefix", f"Chữ viết tắt “{m[1]}” không hợp lệ: chỉ dùng TM., Q., KT.,"
                 " TL., TUQ.", para)
    return None


def _bold_sized(ctx: Context, para: Para) -> bool:
    return all_runs(ctx, para, "b") and in_range(sizes(ctx, para), 13, 14)


def check_end_mark(ctx: Context) -> list[Violation]:
    """Require the body's last paragraph to end with "./."."""
    if not ctx.body or ctx.body[-1].text.rstrip().endswith("./."):
        return []
    return [V("end-mark", "Đoạn cuối cùng của nội dung phải kết thúc bằng dấu “./.”.",
              ctx.body[-1])]


# =========================================================================== rules: appendix
APPENDIX = re.compile(r"^\(?\s*(phụ lục|kèm theo)", re.I)


def check_appendix(ctx: Context) -> list[Violation]:
    """Check each appendix section: label, title, reference, landscape, numbering from 1."""
    out = []
    for i in range(1, len(ctx.sections)):
        paras = _printing(ctx.paragraphs(i))
        if any(APPENDIX.match(p.text.strip()) for p in paras[:4]):
            out += _appendix_heading(ctx, paras[:4])
            out += _appendix_section(ctx, i)
    return out


def _appendix_heading(ctx: Context, head: list[Para]) -> list[Violation]:
    out, label = [], head[0]
    if not (re.fullmatch(r"Phụ lục(\s+[IVXLC]+|\s+\d+)?", label.text.strip())
            and not any_runs(ctx, label, "caps") and _bold_centred(ctx, label)):
        out.append(V("appendix-label", "Dòng “Phụ lục” (kèm số La Mã khi có nhiều phụ lục) phải"
                     " in thường, đậm, căn giữa, cỡ 13-14.", label))
    title = head[1] if len(head) > 1 else None
    if title is not None and not APPENDIX.match(title.text.strip()) and not (
            _bold_centred(ctx, title) and (has_tags(title.text)
                                           or title.text == title.text.upper())):
        out.append(V("appendix-title", "Tên phụ lục phải in hoa, đậm, căn giữa, cỡ 13-14.",
                     title))
    ref = next((p for p in head if p.text.strip().startswith("(Kèm theo")), None)
    if ref is None or not (all_runs(ctx, ref, "i") and align(ctx, ref) == "center"):
        out.append(V("appendix-reference", "Dưới tên phụ lục phải có dòng “(Kèm theo … số …"
                     " ngày … của …)” in nghiêng, căn giữa.", ref, "phụ lục"))
    return out


def _appendix_section(ctx: Context, i: int) -> list[Violation]:
    section, out, where = ctx.sections[i], [], f"mục {i + 1}"
    size, margins = section._sectPr.find(qn("w:pgSz")), section._sectPr.find(qn("w:pgMar"))
    w, h = _int(_val(size, "w"), 0), _int(_val(size, "h"), 0)
    room = w - _int(_val(margins, "left"), 0) - _int(_val(margins, "right"), 0)
    wide = [t for t, s in ctx.blocks if s == i and t.tag == qn("w:tbl") and _grid(t) > room]
    if w < h and wide:
        out.append(V("appendix-landscape", "Phụ lục có bảng rộng hơn khổ giấy dọc: đặt phụ lục"
                     " ở một mục (section) khổ ngang.", where=where))
    start = _val(section._sectPr.find(qn("w:pgNumType")), "start")
    if start != "1":
        out.append(V("appendix-page-start", "Số trang của phụ lục phải đánh lại từ 1"
                     " (w:pgNumType w:start=\"1\").", where=where))
    return out


def _grid(tbl) -> int:
    """Return the table width in twips from its grid."""
    grid = _find(tbl, "w:tblGrid")
    return 0 if grid is None else sum(_int(_val(c, "w"), 0) for c in grid.findall(qn("w:gridCol")))


# =========================================================================== rules: tables
def check_tables(ctx: Context) -> list[Violation]:
    """Require data tables to repeat their header row and keep each row on one page."""
    layout = {ctx.header_table, ctx.signature[0] if ctx.signature else None}
    out = []
    for tbl in ctx.tables():
        rows = tbl.findall(qn("w:tr"))
        if tbl in layout or len(rows) < 2 or not _bordered(ctx, tbl):
            continue
        where = f"bảng {ctx.numbers[tbl]}"
        if not _on(_find(rows[0], "w:trPr", "w:tblHeader")):
            out.append(V("table-header-repeat", "Hàng tiêu đề của bảng phải lặp lại ở đầu mỗi"
                         " trang (Repeat as header row).", where=f"{where}, hàng 1"))
        split = next((n for n, tr in enumerate(rows, 1) if not _control_row(tr)
                      and not _on(_find(tr, "w:trPr", "w:cantSplit"))), None)
        if split:
            out.append(V("table-row-split", "Các hàng của bảng không được ngắt sang trang"
                         " (bỏ chọn “Allow row to break across pages”).",
                         where=f"{where}, hàng {split}"))
    return out


def _bordered(ctx: Context, tbl) -> bool:
    """Return True for a table with visible borders (a data table, not a layout table)."""
    style = ctx.styles.by_id.get(_val(_find(tbl, "w:tblPr", "w:tblStyle")))
    return any(_visible(b) for b in (_find(tbl, "w:tblPr", "w:tblBorders"),
                                     _find(style, "w:tblPr", "w:tblBorders"))) or any(
        _visible(_find(tc, "w:tcPr", "w:tcBorders")) for tc in tbl.iter(qn("w:tc")))


def _control_row(tr) -> bool:
    """Return True for a docxtpl "{%tr … %}" row, which renders to nothing."""
    paras = list(tr.iter(qn("w:p")))
    return any(is_tag_only(p) for p in paras) and not any(
        text(p).strip() and not is_tag_only(p) for p in paras)


CHECKS = (check_page, check_fonts, check_header, check_title, check_body, check_end_mark,
          check_page_numbers, check_signature, check_appendix, check_tables)
