"""The document as the rules see it: located paragraphs, sections, and the key parts
(the header table, the title lines, the body, the "Nơi nhận" table).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError

from ..errors import PipelineError
from .ooxml import find, has_drawing, is_tag_only, mm, qn, text, to_int, val, visible
from .styles import Styles, last, read_border

P, TBL = qn("w:p"), qn("w:tbl")


def open_document(path: Path):
    """Open ``path`` with python-docx; raise PipelineError when it is not a Word document."""
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PipelineError(f"Không mở được {path.name}: không phải văn bản Word (.docx)"
                            " hoặc tệp bị hỏng.") from exc


@dataclass
class Para:
    """A paragraph with where it is and the table style that applies to it."""

    el: object
    where: str                      # "đoạn 12", "bảng 1, ô (2,1)", "đầu trang"
    table_style: str | None = None
    row: int = 0                    # 1-based row of the table cell holding it, 0 outside tables
    cell: object = None             # that cell's w:tc
    page: int | None = None         # its page, when the file records page breaks

    @property
    def text(self) -> str:
        return text(self.el)


class Context:
    """Styles, sections, numbered body blocks, and the parts of a Decree 30 document.

    ``mode`` is "template" (Jinja tags expected: rules skip what a tag stands for),
    "document" (a finished document: a tag left in it is an error) or "generated" (as
    "document", and "None" or "nan" printed for a missing value is an error too).
    """

    def __init__(self, document, mode: str = "document"):
        self.document = document
        self.mode = mode
        self.styles = Styles(document)
        self.blocks: list = []       # (element, section index), body order
        self.numbers: dict = {}      # element -> its number among paragraphs or tables
        self.pages: dict = {}        # element -> its page, when Word recorded page breaks
        self._walk(document.element.body, {P: 0, TBL: 0}, [0])
        self._paginate()
        self.sections = list(document.sections)
        self.header_table = self._header_table()
        self.signature = self._signature_table()
        self.title, self.body, self.addressee = self._split_body()
        self.addressed = self.addressee is not None

    def _walk(self, parent, counts: dict, section: list) -> None:
        """Number body paragraphs and tables, and note the section of each."""
        for child in parent:
            if child.tag == qn("w:sdt"):
                self._walk(child.find(qn("w:sdtContent")), counts, section)
            elif child.tag in counts:
                counts[child.tag] += 1
                self.numbers[child] = counts[child.tag]
                self.blocks.append((child, section[0]))
                if child.tag == P and find(child, "w:pPr", "w:sectPr") is not None:
                    section[0] += 1

    def _paginate(self) -> None:
        """Note the page of each block from the page breaks Word records when it saves
        (``lastRenderedPageBreak``) and the manual ones; leave pages unknown otherwise."""
        body = self.document.element.body
        if next(body.iter(qn("w:lastRenderedPageBreak")), None) is None:
            return
        page = 1
        for el, _ in self.blocks:
            breaks = list(el.iter(qn("w:lastRenderedPageBreak"))) + [
                b for b in el.iter(qn("w:br")) if val(b, "type") == "page"]
            starts = el.tag == P and self._breaks_first(el, breaks)
            page += starts
            self.pages[el] = page
            page += len(breaks) - starts

    @staticmethod
    def _breaks_first(p, breaks: list) -> int:
        """Return 1 when the paragraph's first run opens with a page break (the paragraph
        itself starts on the new page), else 0."""
        first = next(p.iter(qn("w:r")), None)
        return int(first is not None and len(first) and any(
            b is child for b in breaks for child in list(first)[:2]))

    def page_setup(self, index: int):
        """Return the page width, height and margins of section ``index``."""
        return page_setup(self.sections[index])

    def para(self, p) -> Para:
        """Wrap a body-level paragraph."""
        return Para(p, f"đoạn {self.numbers[p]}", page=self.pages.get(p))

    def tables(self) -> list:
        """Return the body-level tables."""
        return [e for e, _ in self.blocks if e.tag == TBL]

    def paragraphs(self, section: int | None = None) -> list[Para]:
        """Return the body-level paragraphs, optionally of one section."""
        return [self.para(e) for e, s in self.blocks
                if e.tag == P and (section is None or s == section)]

    def cells(self, tbl) -> list[tuple[int, int, object]]:
        """Return (row, column, tc) of a table, 1-based."""
        return [(r, c, tc) for r, tr in enumerate(tbl.findall(qn("w:tr")), 1)
                for c, tc in enumerate(tr.findall(qn("w:tc")), 1)]

    def cell_paras(self, tbl, tc, r: int, c: int) -> list[Para]:
        """Return the paragraphs of a cell with their location."""
        where = f"bảng {self.numbers[tbl]}, ô ({r},{c})"
        style = self.styles.table_style(tbl)
        page = self.pages.get(tbl)
        return [Para(p, where, style, r, tc, page) for p in tc.findall(qn("w:p"))]

    def _header_table(self):
        """Return the table that opens the document, before any text paragraph."""
        for el, _ in self.blocks:
            if el.tag == TBL:
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
        """Split section 1 into title lines (type, summary), body paragraphs, "Kính gửi"."""
        after_header = self.header_table is None
        end = self.signature[0] if self.signature else None
        title, body, addressed, skipping = [], [], None, False
        for el, section in self.blocks:
            if el is self.header_table:
                after_header = True
                continue
            if el is end or section > 0:
                break
            if not after_header or el.tag != P or is_tag_only(el):
                continue
            value = text(el).strip()
            if not value or is_line(self, Para(el, "")):
                continue
            if "Kính gửi" in value:
                addressed, skipping = addressed or self.para(el), True
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
    if last(ctx.styles.ppr_layers(para.el, para.table_style), read_border):
        return True
    return bool(value) or has_drawing(para.el)


def printing(paras: list[Para]) -> list[Para]:
    """Drop empty and control paragraphs."""
    return [p for p in paras if p.text.strip() and not is_tag_only(p.el)]


def all_paras(ctx: Context):
    """Yield every paragraph: body, table cells, headers and footers."""
    for el, _ in ctx.blocks:
        if el.tag == P:
            yield ctx.para(el)
        else:
            for r, c, tc in ctx.cells(el):
                yield from ctx.cell_paras(el, tc, r, c)
    kinds = {RT.HEADER: "đầu trang", RT.FOOTER: "chân trang"}
    for rel in ctx.document.part.rels.values():
        if rel.reltype in kinds:
            for p in rel.target_part.element.iter(P):
                yield Para(p, kinds[rel.reltype])


def bordered(ctx: Context, tbl) -> bool:
    """Return True for a table drawing any border: its own, its style's or a cell's."""
    style = ctx.styles.by_id.get(val(find(tbl, "w:tblPr", "w:tblStyle")))
    return any(visible(b) for b in (find(tbl, "w:tblPr", "w:tblBorders"),
                                    find(style, "w:tblPr", "w:tblBorders"))) or any(
        visible(find(tc, "w:tcPr", "w:tcBorders")) for tc in tbl.iter(qn("w:tc")))


def page_setup(section) -> tuple[int | None, int | None, dict[str, int]]:
    """Return a section's page width and height (twips, None when unset) and its margins."""
    size, margins = section._sectPr.find(qn("w:pgSz")), section._sectPr.find(qn("w:pgMar"))
    sides = ("top", "bottom", "left", "right")
    return (to_int(val(size, "w")), to_int(val(size, "h")),
            {k: to_int(val(margins, k), 0) for k in sides})


def cell_width_mm(ctx: Context, tbl, para: Para) -> float:
    """Return the text width of the cell holding ``para`` in mm (0 when not fixed)."""
    tc = para.cell
    width = find(tc, "w:tcPr", "w:tcW")
    if width is None or val(width, "type") not in (None, "dxa"):
        return 0.0
    return mm(to_int(val(width, "w"), 0) - sum(_cell_margin(ctx, tbl, tc, s)
                                               for s in (("left", "start"), ("right", "end"))))


def _cell_margin(ctx: Context, tbl, tc, sides: tuple[str, str]) -> int:
    """Resolve a cell's side margin: cell, table, table style, then Word's 108 twips."""
    style = ctx.styles.by_id.get(ctx.styles.table_style(tbl))
    for mar in (find(tc, "w:tcPr", "w:tcMar"), find(tbl, "w:tblPr", "w:tblCellMar"),
                find(style, "w:tblPr", "w:tblCellMar")):
        for side in sides:
            value = to_int(val(find(mar, f"w:{side}"), "w"))
            if value is not None:
                return value
    return 108


def text_paras(ctx: Context, paras: list[Para]) -> list[Para]:
    """Drop empty paragraphs and those that only draw a line."""
    return [p for p in paras if p.text.strip() and not is_line(ctx, p)]
