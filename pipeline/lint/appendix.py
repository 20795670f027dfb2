"""Rules of appendices and data tables: the "Phụ lục" heading, a landscape section for a
wide table, page numbers from 1 again; header rows that repeat, rows that do not split.
"""
from __future__ import annotations

import re

from .document import Context, Para, bordered, page_setup, printing
from .ooxml import find, is_tag_only, is_upper, on, qn, text, to_int, val
from .props import align, all_runs, any_runs, bold_centred
from .violation import V, Violation

APPENDIX = re.compile(r"^\(?\s*(phụ lục|kèm theo)", re.I)


def check_appendix(ctx: Context) -> list[Violation]:
    """Check each appendix section: label, title, reference, landscape, numbering from 1."""
    out = []
    for i in range(1, len(ctx.sections)):
        paras = printing(ctx.paragraphs(i))
        if any(APPENDIX.match(p.text.strip()) for p in paras[:4]):
            out += _appendix_heading(ctx, paras[:4])
            out += _appendix_section(ctx, i)
    return out


def _appendix_heading(ctx: Context, head: list[Para]) -> list[Violation]:
    """Check "Phụ lục" (not capitals), the title (capitals) and the "(Kèm theo …)" line."""
    out, label = [], head[0]
    if not (re.fullmatch(r"Phụ lục(\s+[IVXLC]+|\s+\d+)?", label.text.strip())
            and not any_runs(ctx, label, "caps") and bold_centred(ctx, label)):
        out.append(V("appendix-label", "Dòng “Phụ lục” (kèm số La Mã khi có nhiều phụ lục) phải"
                     " in thường, đậm, căn giữa, cỡ 13-14.", label))
    title = head[1] if len(head) > 1 else None
    if title is not None and not APPENDIX.match(title.text.strip()) and not (
            bold_centred(ctx, title) and is_upper(title.text)):
        out.append(V("appendix-title", "Tên phụ lục phải in hoa, đậm, căn giữa, cỡ 13-14.",
                     title))
    ref = next((p for p in head if p.text.strip().startswith("(Kèm theo")), None)
    if ref is None or not (all_runs(ctx, ref, "i") and align(ctx, ref) == "center"):
        out.append(V("appendix-reference", "Dưới tên phụ lục phải có dòng “(Kèm theo … số …"
                     " ngày … của …)” in nghiêng, căn giữa.", ref, "phụ lục"))
    return out


def _appendix_section(ctx: Context, i: int) -> list[Violation]:
    """Require landscape for a table wider than a portrait page, and numbering from 1."""
    section, out, where = ctx.sections[i], [], f"mục {i + 1}"
    w, h, margins = page_setup(section)
    w, h = w or 0, h or 0
    room = w - margins["left"] - margins["right"]
    wide = [t for t, s in ctx.blocks if s == i and t.tag == qn("w:tbl") and _grid(t) > room]
    if w < h and wide:
        out.append(V("appendix-landscape", "Phụ lục có bảng rộng hơn khổ giấy dọc: đặt phụ lục"
                     " ở một mục (section) khổ ngang.", where=where))
    if val(section._sectPr.find(qn("w:pgNumType")), "start") != "1":
        out.append(V("appendix-page-start", "Số trang của phụ lục phải đánh lại từ 1"
                     " (w:pgNumType w:start=\"1\").", where=where))
    return out


def _grid(tbl) -> int:
    """Return the table width in twips from its grid."""
    grid = find(tbl, "w:tblGrid")
    return 0 if grid is None else sum(to_int(val(c, "w"), 0) for c in grid.findall(qn("w:gridCol")))


# --------------------------------------------------------------------------- data tables
def check_tables(ctx: Context) -> list[Violation]:
    """Require data tables to repeat their header row and keep each row on one page."""
    layout = {ctx.header_table, ctx.signature[0] if ctx.signature else None}
    out = []
    for tbl in ctx.tables():
        rows = tbl.findall(qn("w:tr"))
        if tbl in layout or len(rows) < 2 or not bordered(ctx, tbl):
            continue
        where = f"bảng {ctx.numbers[tbl]}"
        if not on(find(rows[0], "w:trPr", "w:tblHeader")):
            out.append(V("table-header-repeat", "Hàng tiêu đề của bảng phải lặp lại ở đầu mỗi"
                         " trang (Repeat as header row).", where=f"{where}, hàng 1"))
        split = next((n for n, tr in enumerate(rows, 1) if not _control_row(tr)
                      and not on(find(tr, "w:trPr", "w:cantSplit"))), None)
        if split:
            out.append(V("table-row-split", "Các hàng của bảng không được ngắt sang trang"
                         " (bỏ chọn “Allow row to break across pages”).",
                         where=f"{where}, hàng {split}"))
    return out


def _control_row(tr) -> bool:
    """Return True for a docxtpl "{%tr … %}" row, which renders to nothing."""
    paras = list(tr.iter(qn("w:p")))
    return any(is_tag_only(p) for p in paras) and not any(
        text(p).strip() and not is_tag_only(p) for p in paras)
