"""Rules of appendices and data tables: the "Phụ lục" heading, a landscape section for a
wide table, page numbers from 1 again; header rows that repeat, rows that do not split.
"""
from __future__ import annotations

import re

from .document import Context, Para, bordered, page_setup, printing
from .ooxml import find, is_tag_only, is_upper, on, qn, short, text, to_int, val
from .body import _bold_centred
from .props import align, all_runs, any_runs
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
    value = label.text.strip()
    if not re.fullmatch(r"Phụ lục(\s+[IVXLC]+|\s+\d+)?", value) or any_runs(ctx, label, "caps"):
        out.append(V("appendix-label", f"Dòng phụ lục đang là “{short(value)}”; viết “Phụ lục”"
                     " (kèm số La Mã khi có nhiều phụ lục) bằng chữ thường, không bật Tất cả chữ"
                     " hoa (Phông › Hiệu ứng).", label, value=short(value)))
    out += _bold_centred(ctx, label, "appendix-label", "Dòng “Phụ lục”")
    title = head[1] if len(head) > 1 else None
    if title is not None and not APPENDIX.match(title.text.strip()):
        if not is_upper(title.text):
            out.append(V("appendix-title", "Tên phụ lục đang viết thường; phải in hoa.", title,
                         value="chữ thường"))
        out += _bold_centred(ctx, title, "appendix-title", "Tên phụ lục")
    ref = next((p for p in head if p.text.strip().startswith("(Kèm theo")), None)
    if ref is None:
        out.append(V("appendix-reference", "Dưới tên phụ lục chưa có dòng “(Kèm theo … số …"
                     " ngày … của …)”.", head[-1]))
    else:
        if not all_runs(ctx, ref, "i"):
            out.append(V("appendix-reference", "Dòng “(Kèm theo …)” đang chữ đứng; phải in"
                         " nghiêng.", ref, value="chữ đứng"))
        if align(ctx, ref) != "center":
            out.append(V("appendix-reference", "Dòng “(Kèm theo …)” chưa căn giữa; phải căn"
                         " giữa.", ref, value=align(ctx, ref)))
    return out


def _appendix_section(ctx: Context, i: int) -> list[Violation]:
    """Require landscape for a table wider than a portrait page, and numbering from 1."""
    section, out, where = ctx.sections[i], [], f"phần {i + 1} (phụ lục)"
    w, h, margins = page_setup(section)
    w, h = w or 0, h or 0
    room = w - margins["left"] - margins["right"]
    wide = [t for t, s in ctx.blocks if s == i and t.tag == qn("w:tbl") and _grid(t) > room]
    if w < h and wide:
        out.append(V("appendix-landscape", "Phụ lục có bảng rộng hơn trang dọc; nên đặt phụ lục"
                     " ở một phần khổ ngang (Bố trí › Hướng › Ngang).", where=where,
                     value="dọc"))
    if val(section._sectPr.find(qn("w:pgNumType")), "start") != "1":
        out.append(V("appendix-page-start", "Số trang của phụ lục đang nối tiếp văn bản; phải"
                     " đánh lại từ 1 (Chèn › Số Trang › Định dạng Số Trang › Bắt đầu tại: 1).",
                     where=where))
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
            out.append(V("table-header-repeat", "Hàng tiêu đề của bảng chưa lặp lại ở đầu mỗi"
                         " trang (Thuộc tính Bảng › Hàng › Lặp lại như hàng tiêu đề ở đầu mỗi"
                         " trang).", where=f"{where}, hàng 1"))
        split = next((n for n, tr in enumerate(rows, 1) if not _control_row(tr)
                      and not on(find(tr, "w:trPr", "w:cantSplit"))), None)
        if split:
            out.append(V("table-row-split", "Hàng của bảng có thể bị ngắt sang trang sau; nên"
                         " bỏ chọn Thuộc tính Bảng › Hàng › Cho phép hàng ngắt ngang trang.",
                         where=f"{where}, hàng {split}"))
    return out


def _control_row(tr) -> bool:
    """Return True for a docxtpl "{%tr … %}" row, which renders to nothing."""
    paras = list(tr.iter(qn("w:p")))
    return any(is_tag_only(p) for p in paras) and not any(
        text(p).strip() and not is_tag_only(p) for p in paras)
