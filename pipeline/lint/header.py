"""Rules of the header table, left column: borderless two columns, the parent agency
(upright), the issuing agency (bold, a short line under it) and the "Số: 05/BC-SNV" line.
The right column is checked by ``national``.
"""
from __future__ import annotations

import re

from .document import Context, Para, bordered, cell_width_mm, is_line, text_paras
from .national import check_national
from .ooxml import find, has_drawing, has_tags, is_tag_only, is_upper, qn
from .props import all_runs, any_runs, in_range, indents_mm, ppr, pts, sizes
from .styles import read_border
from .violation import V, Violation

EM_UPPER = 0.61                 # average width of an UPPER bold letter, in em
NUMBER = re.compile(r"^Số\s*:\s*(?P<num>[^/]*?)(?P<gap>\s*)/(?P<sym>.*)$")


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
    out += check_national(ctx, tbl, right, number)
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


def _table_shape(ctx: Context, tbl) -> list[Violation]:
    """Require two grid columns and no borders."""
    grid = find(tbl, "w:tblGrid")
    problems = []
    if grid is None or len(grid.findall(qn("w:gridCol"))) < 2:
        problems.append("phải có hai cột")
    if bordered(ctx, tbl):
        problems.append("không được có đường viền")
    return [V("header-table", f"Bảng đầu văn bản {' và '.join(problems)}.",
              where=f"bảng {ctx.numbers[tbl]}")] if problems else []


def _agency(ctx: Context, tbl, above: list[Para]) -> list[Violation]:
    """Check the parent agency (upright) and the agency (bold) with the line under it."""
    names = text_paras(ctx, above)
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
    return is_upper(para.text) and in_range(sizes(ctx, para), low, high)


def _agency_line(ctx: Context, tbl, above: list[Para], agency: Para) -> list[Violation]:
    """Require a line under the agency, 1/3-1/2 of its length when it is a border."""
    after = above[above.index(agency):]
    line = next((p for p in after if is_line(ctx, p) or ppr(ctx, p, read_border)), None)
    if line is None and not any(has_drawing(p.el) for p in above):
        return [V("agency-line", "Dưới tên cơ quan ban hành phải có đường kẻ ngang, nét liền,"
                  " dài 1/3-1/2 dòng chữ.", agency)]
    if line is None or not ppr(ctx, line, read_border) or has_tags(agency.text):
        return []
    inner = cell_width_mm(ctx, tbl, line)
    width = inner - indents_mm(ctx, line)
    size = max(sizes(ctx, agency) or {13})
    text_mm = min(len(agency.text.strip()) * EM_UPPER * size * 25.4 / 72, inner)
    if inner and not 0.2 <= width / text_mm <= 0.75:
        return [V("agency-line", "Đường kẻ dưới tên cơ quan phải dài 1/3-1/2 dòng chữ; đang"
                  f" dài khoảng {width / text_mm:.0%}.", agency)]
    return []


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


# Type codes of Phụ lục III that are not all capitals: Tờ trình, Chương trình, Quy định.
MIXED_CASE_CODES = "TTr|CTr|QyĐ"


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
        if not re.fullmatch(rf"(?:{MIXED_CASE_CODES}|[A-ZĐ0-9]+)(-[A-ZĐ0-9]+)*", sym):
            out.append("ký hiệu viết hoa, nối bằng “-”, không có dấu cách (BC-SNV)")
        elif sym.startswith("CV-") or sym == "CV":
            out.append("công văn không có mã “CV” (viết 12/UBND-VX)")
    return out
