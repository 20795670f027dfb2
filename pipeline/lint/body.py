"""Rules of the title lines and the body: type and summary bold and centred; body text
13-14 pt throughout, justified, first-line indent, spacing between and within paragraphs.
"""
from __future__ import annotations

from .document import Context, Para
from .ooxml import is_upper, to_int
from .props import align, bold_centred, in_range, ppr, pts, sizes, within
from .styles import read_first_line, read_ppr
from .violation import V, Violation

FIRST_LINE = (560, 730)                     # 1 cm to 1.27 cm, in twips


def check_title(ctx: Context) -> list[Violation]:
    """Check the document type (UPPER, bold, centred) and the summary line."""
    out = []
    if ctx.title:
        kind = ctx.title[0]
        if not (is_upper(kind.text) and bold_centred(ctx, kind)):
            out.append(V("doc-type", "Tên loại văn bản phải in hoa, đậm, căn giữa, cỡ 13-14.",
                         kind))
    if len(ctx.title) > 1 and not bold_centred(ctx, ctx.title[1]):
        out.append(V("summary", "Trích yếu nội dung phải in đậm, căn giữa, cỡ 13-14.",
                     ctx.title[1]))
    return out


def check_body(ctx: Context) -> list[Violation]:
    """Check the body: 13-14 pt throughout, justified, first-line indent, spacing."""
    out = []
    for para in ctx.body:
        out += _body_para(ctx, para)
    out += _body_consistency(ctx)
    return out


def _body_para(ctx: Context, para: Para) -> list[Violation]:
    """Check one body paragraph; a centred one ("Phần I") only for size and line spacing."""
    out, size = [], sizes(ctx, para)
    if not in_range(size, 13, 14):
        out.append(V("body-size", f"Chữ phần nội dung phải cỡ 13-14; đang là {pts(size)}.", para))
    line = ppr(ctx, para, read_ppr("w:spacing", "line"))
    rule = ppr(ctx, para, read_ppr("w:spacing", "lineRule")) or "auto"
    if not _line_ok(to_int(line, 240), rule, max(size or {14})):
        out.append(V("line-spacing", "Khoảng cách dòng phải từ một dòng (single) đến 1,5 dòng.",
                     para))
    if align(ctx, para) == "center":
        return out        # document titles, "Phần I" headings: centred on purpose
    if align(ctx, para) != "both":
        out.append(V("body-justify", "Đoạn văn phần nội dung phải căn đều hai bên.", para))
    first = ppr(ctx, para, read_first_line) or 0
    if not within(first, FIRST_LINE):
        cm = f"{first * 2.54 / 1440:.2f}".replace(".", ",")
        out.append(V("first-line-indent", f"Dòng đầu đoạn phải lùi vào 1-1,27 cm; đang là {cm} cm.",
                     para))
    gap = sum(to_int(ppr(ctx, para, read_ppr("w:spacing", k)), 0) for k in ("before", "after"))
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
    """Flag the first body paragraph whose (valid) size differs from the usual body size."""
    valid = [(p, next(iter(s))) for p, s in ((p, sizes(ctx, p)) for p in ctx.body)
             if in_range(s, 13, 14) and len(s) == 1]
    counts: dict[float, int] = {}
    for _, size in valid:
        counts[size] = counts.get(size, 0) + 1
    if len(counts) < 2:
        return []
    usual = max(counts, key=counts.get)
    odd = next(p for p, size in valid if size != usual)
    return [V("body-size", f"Phần nội dung phải dùng một cỡ chữ thống nhất ({usual:g} pt).", odd)]
