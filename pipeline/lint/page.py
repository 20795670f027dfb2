"""Rules of the page: A4 paper, margins, and page numbers centred in the header."""
from __future__ import annotations

import re

from .document import Context, Para, page_setup
from .ooxml import mm, on, owner_p, qn, runs, val
from .props import ALIGN_NAMES, align, any_runs, in_range, pts, run_sizes, within
from .violation import V, Violation

A4 = (11906, 16838)
# Margin ranges of the decree in twips, with a few twips of rounding slack.
TOP_BOTTOM, LEFT, RIGHT = (1130, 1422), (1697, 1988), (846, 1138)


def check_page(ctx: Context) -> list[Violation]:
    """Check paper size, orientation of page 1 and the margins of every section."""
    out = []
    for i, section in enumerate(ctx.sections, 1):
        w, h, m = page_setup(section)
        where = f"phần {i}" if len(ctx.sections) > 1 else "cả văn bản"
        if not _is_a4(w, h):
            out.append(V("page-size", f"Khổ giấy đang là {mm(w):.0f} × {mm(h):.0f} mm; phải là A4"
                         " 210 × 297 mm (Bố trí › Kích thước › A4).", where=where,
                         value=f"{mm(w):.0f} × {mm(h):.0f} mm"))
        elif i == 1 and w > h:
            out.append(V("page-size", "Trang đầu đang khổ ngang; văn bản trình bày theo chiều"
                         " dài khổ A4 (Bố trí › Hướng › Dọc).", where=where, value="ngang"))
        out += _margins(m, (w or 0) > (h or 0), where)
    return out


SIDES = {"top": ("trên", TOP_BOTTOM, "20-25"), "bottom": ("dưới", TOP_BOTTOM, "20-25"),
         "left": ("trái", LEFT, "30-35"), "right": ("phải", RIGHT, "15-20")}


def _margins(m: dict, landscape: bool, where: str) -> list[Violation]:
    """Report each margin outside the decree's range (a turned landscape page passes)."""
    if _margins_ok(m, landscape):
        return []
    out = []
    for side, (name, bounds, shown) in SIDES.items():
        if not within(m[side], bounds):
            value = f"{mm(m[side]):.1f}".replace(".", ",").replace(",0", "") + " mm"
            out.append(V("margins", f"Lề {name} đang là {value}; phải từ {shown} mm"
                         " (Bố trí › Lề › Lề Tùy chỉnh).", where=where, value=value))
    return out


def _is_a4(w, h) -> bool:
    """Return True for A4 in either orientation (30 twips of slack)."""
    return (w is not None and h is not None
            and all(abs(x - ref) <= 30 for x, ref in zip(sorted((w, h)), A4)))


def _margins_ok(m: dict, landscape: bool) -> bool:
    """Accept the decree's margins; a landscape page may carry them turned (binding on top)."""
    direct = (within(m["top"], TOP_BOTTOM) and within(m["bottom"], TOP_BOTTOM)
              and within(m["left"], LEFT) and within(m["right"], RIGHT))
    turned = (within(m["top"], LEFT) and within(m["bottom"], RIGHT)
              and within(m["left"], TOP_BOTTOM) and within(m["right"], TOP_BOTTOM))
    return direct or (landscape and turned)


# --------------------------------------------------------------------------- page numbers
def _part_of(ctx: Context, index: int, which: str, kind: str):
    """Return the header/footer element a section uses (inherited from earlier sections)."""
    for section in reversed(ctx.sections[:index + 1]):
        for ref in section._sectPr.findall(qn(f"w:{which}Reference")):
            if val(ref, "type") == kind:
                return ctx.document.part.related_parts[ref.get(qn("r:id"))].element
    return None


def page_fields(el) -> list:
    """Return the paragraphs of ``el`` holding a PAGE field (simple or complex)."""
    if el is None:
        return []
    found = [owner_p(f) for f in el.iter(qn("w:fldSimple"))
             if re.match(r"\s*PAGE\b", f.get(qn("w:instr")) or "")]
    found += [owner_p(t) for t in el.iter(qn("w:instrText"))
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
        if i and _one_page_section(ctx, i, header):
            continue
        out += _page_number(ctx, i, header)
    first_page = "first" if on(ctx.sections[0]._sectPr.find(qn("w:titlePg"))) else "default"
    if page_fields(_part_of(ctx, 0, "header", first_page)):
        out.append(V("page-number-first", "Trang thứ nhất đang hiện số trang; không hiển thị"
                     " số trang ở trang đầu (Đầu trang › chọn “Trang Đầu Khác” và để trống đầu"
                     " trang của trang 1).", where="đầu trang của trang 1"))
    return out


def _one_page_section(ctx: Context, i: int, header) -> bool:
    """Return True for a later section LibreOffice saved as a single page: its own empty
    header and no "different first page" (its only page is a first page, shown unnumbered)."""
    sect = ctx.sections[i]._sectPr
    own = any(val(r, "type") == "default" for r in sect.findall(qn("w:headerReference")))
    empty = header is not None and not "".join(t.text or "" for t in header.iter(qn("w:t"))).strip()
    return own and empty and not on(sect.find(qn("w:titlePg")))


def _page_number(ctx: Context, i: int, header) -> list[Violation]:
    """Check the page number of section ``i``'s default header (or its absence)."""
    where = "đầu trang" + (f" phần {i + 1}" if len(ctx.sections) > 1 else "")
    fields = page_fields(header)
    if not fields:
        if page_fields(_part_of(ctx, i, "footer", "default")):
            return [V("page-number", "Số trang đang ở chân trang; phải đặt ở giữa đầu trang"
                      " (Chèn › Số Trang › Đầu Trang › Số Thường 2).", where=where,
                      value="chân trang")]
        return [V("page-number", "Văn bản nhiều trang chưa có số trang; đặt số trang ở giữa"
                  " đầu trang (Chèn › Số Trang › Đầu Trang › Số Thường 2).",
                  where=where)] if _long(ctx) else []
    para = Para(fields[0], where)
    # The PAGE field's runs print no text of their own: judge every run of the paragraph.
    size = run_sizes(ctx, para, runs(para.el))
    out = []
    if align(ctx, para) != "center":
        out.append(V("page-number", f"Số trang đang căn {ALIGN_NAMES.get(align(ctx, para))};"
                     " phải căn giữa.", para, value=align(ctx, para)))
    if not in_range(size, 13, 14):
        out.append(V("page-number", f"Số trang đang cỡ {pts(size)}; phải cỡ 13-14.", para,
                     value=pts(size)))
    if any_runs(ctx, para, "i"):
        out.append(V("page-number", "Số trang đang in nghiêng; phải chữ đứng.", para,
                     value="nghiêng"))
    return out


def _long(ctx: Context) -> bool:
    """Guess whether the document runs past one page (only then are numbers required)."""
    chars = sum(len(p.text) for p in ctx.paragraphs())
    return len(ctx.sections) > 1 or chars > 3000 or len(ctx.tables()) > 2
