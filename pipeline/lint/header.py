"""Rules of the header table, left column: borderless two columns, the parent agency
(upright), the issuing agency (bold, a short line under it) and the "Số: 05/BC-SNV" line.
The right column is checked by ``national``.
"""
from __future__ import annotations

import re

from .document import Context, Para, bordered, cell_width_mm, is_line, text_paras
from .national import check_national
from .ooxml import find, has_drawing, has_tags, is_tag_only, is_upper, qn
from .props import all_runs, any_runs, in_range, indents_mm, ppr, size_problem, sizes
from .styles import read_border
from .violation import V, Violation

EM_UPPER = 0.61                 # average width of an UPPER bold letter, in em
NUMBER = re.compile(r"^Số\s*:\s*(?P<num>[^/]*?)(?P<gap>\s*)/(?P<sym>.*)$")


def check_header(ctx: Context) -> list[Violation]:
    """Check the header table: agency, number, national title, motto and date."""
    tbl = ctx.header_table
    if tbl is None:
        return [V("header-table", "Không thấy phần đầu văn bản (bảng hai cột không viền: bên"
                  " trái tên cơ quan và số, ký hiệu; bên phải quốc hiệu, tiêu ngữ, địa danh và"
                  " ngày).", where="đầu văn bản")]
    left, right = _columns(ctx, tbl)
    out = _table_shape(ctx, tbl)
    number = next((p for p in left if p.text.strip().startswith("Số")), None)
    out += _agency(ctx, tbl, left[:left.index(number)] if number else left)
    out += _number(ctx, number, document_kind(ctx.title[0].text) if ctx.title else None)
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
    where, out = f"bảng {ctx.numbers[tbl]}", []
    if grid is None or len(grid.findall(qn("w:gridCol"))) < 2:
        out.append(V("header-table", "Bảng đầu văn bản đang có một cột; phải có hai cột (trái:"
                     " cơ quan, số; phải: quốc hiệu, tiêu ngữ, ngày).", where=where))
    if bordered(ctx, tbl):
        out.append(V("header-table", "Bảng đầu văn bản đang có đường viền khi in; bỏ viền"
                     " (Thiết kế Bảng › Viền › Không Viền).", where=where, value="có viền"))
    return out


def _agency(ctx: Context, tbl, above: list[Para]) -> list[Violation]:
    """Check the parent agency (upright) and the agency (bold) with the line under it."""
    names = text_paras(ctx, above)
    parent, agency = (names[:1], names[1:]) if len(names) > 1 else ([], names)
    out = []
    for p in parent:
        if any_runs(ctx, p, "b"):
            out.append(V("parent-agency", "Tên cơ quan chủ quản đang in đậm; phải chữ đứng,"
                         " không đậm.", p, value="đậm"))
        out += _upper_sized(ctx, p, "parent-agency", "Tên cơ quan chủ quản")
    if not agency:
        return out + [V("agency", "Không thấy tên cơ quan ban hành (in hoa, đậm) ở đầu cột"
                        " trái.", where=f"bảng {ctx.numbers[tbl]}")]
    for p in agency:
        if not all_runs(ctx, p, "b"):
            out.append(V("agency", "Tên cơ quan ban hành chưa in đậm; phải in đậm.", p,
                         value="không đậm"))
        out += _upper_sized(ctx, p, "agency", "Tên cơ quan ban hành")
    return out + _agency_line(ctx, tbl, above, agency[-1])


def _upper_sized(ctx: Context, para: Para, code: str, what: str) -> list[Violation]:
    """Require capitals and 12-13 pt."""
    out = []
    if not is_upper(para.text):
        out.append(V(code, f"{what} đang viết thường; phải in hoa.", para, value="chữ thường"))
    problem = size_problem(ctx, para, 12, 13, what)
    if problem:
        out.append(V(code, problem[0], para, value=problem[1]))
    return out


def _agency_line(ctx: Context, tbl, above: list[Para], agency: Para) -> list[Violation]:
    """Require a line under the agency, 1/3-1/2 of its length when it is a border."""
    after = above[above.index(agency):]
    line = next((p for p in after if is_line(ctx, p) or ppr(ctx, p, read_border)), None)
    if line is None and not any(has_drawing(p.el) for p in above):
        return [V("agency-line", "Dưới tên cơ quan ban hành chưa có đường kẻ; phải có đường"
                  " kẻ ngang, nét liền, dài 1/3-1/2 dòng chữ, đặt cân đối.", agency)]
    if line is None or not ppr(ctx, line, read_border) or has_tags(agency.text):
        return []
    inner = cell_width_mm(ctx, tbl, line)
    width = inner - indents_mm(ctx, line)
    size = max(sizes(ctx, agency) or {13})
    text_mm = min(len(agency.text.strip()) * EM_UPPER * size * 25.4 / 72, inner)
    if inner and not 0.2 <= width / text_mm <= 0.75:
        ratio = f"{width / text_mm:.0%}"
        return [V("agency-line", f"Đường kẻ dưới tên cơ quan đang dài khoảng {ratio} dòng chữ;"
                  " phải dài 1/3-1/2 dòng chữ.", agency, value=ratio)]
    return []


def _number(ctx: Context, para: Para | None, kind: str | None) -> list[Violation]:
    """Check "Số: 05/BC-SNV": upright, 13 pt, leading zero, no spaces, the right type code."""
    if para is None:
        return [V("number-line", "Không thấy dòng “Số: …/…” dưới tên cơ quan ban hành.",
                  where="bảng đầu văn bản")]
    out = []
    if any_runs(ctx, para, "i"):
        out.append(V("number-line", "Dòng số, ký hiệu đang in nghiêng; phải chữ đứng.", para,
                     value="nghiêng"))
    problem = size_problem(ctx, para, 13, 13, "Dòng số, ký hiệu")
    if problem and not in_range(sizes(ctx, para), 12.5, 13.5):
        out.append(V("number-line", problem[0], para, value=problem[1]))
    out += [V("number-line", message, para) for message in _number_text(para.text.strip())]
    return out + _number_code(ctx, para, kind)


# Type codes of Phụ lục III that are not all capitals: Tờ trình, Chương trình, Quy định.
MIXED_CASE_CODES = "TTr|CTr|QyĐ"
# Phụ lục III, mục I: the abbreviation of each document type.
TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ", "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr", "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA", "DỰ ÁN": "DA",
    "BÁO CÁO": "BC", "BIÊN BẢN": "BB", "TỜ TRÌNH": "TTr", "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "GN", "BẢN THỎA THUẬN": "TTh", "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM", "GIẤY GIỚI THIỆU": "GGT", "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB"}


def document_kind(value: str) -> str | None:
    """Return the document type named by a title line ("BÁO CÁO"), or None."""
    value = " ".join(value.split()).upper().replace("HOÀ", "HÒA").replace("THOẢ", "THỎA")
    return value if value in TYPE_CODES else None


def _number_code(ctx: Context, para: Para, kind: str | None) -> list[Violation]:
    """Require the symbol's type code to be the one of the document's type."""
    m = NUMBER.match(para.text.strip())
    if not m or has_tags(m["sym"]):
        return []
    code = m["sym"].split("-")[0].strip()
    if not re.fullmatch(rf"{MIXED_CASE_CODES}|[A-ZĐ0-9]+", code):
        return []           # a badly written symbol: number-line says so
    if code == "CV":
        return [V("number-code", "Ký hiệu đang dùng “CV”; công văn không có chữ viết tắt tên"
                  " loại (viết 12/UBND-VX).", para, value="CV")]
    if kind and code != TYPE_CODES[kind]:
        return [V("number-code", f"Ký hiệu đang là “{code}” nhưng văn bản là {kind}; chữ viết"
                  f" tắt của {kind.lower()} là “{TYPE_CODES[kind]}”.", para, value=code)]
    return []


def _number_text(value: str) -> list[str]:
    """Return what is wrong with the text of a number line, one message per problem."""
    m = NUMBER.match(value)
    if not m:
        return [f"Dòng số, ký hiệu đang là “{value}”; phải viết dạng “Số: 05/BC-SNV”."]
    num, sym, out = m["num"].strip(), m["sym"], []
    if num and not has_tags(num) and not re.fullmatch(r"\d{2,}", num):
        out.append(f"Số văn bản đang là “{num}”; số nhỏ hơn 10 phải có số 0 ở trước (05),"
                   " chỉ gồm chữ số.")
    if num and m["gap"] or sym[:1].isspace():
        out.append("Đang có dấu cách quanh dấu “/”; giữa số và ký hiệu không có dấu cách.")
    if not has_tags(sym) and not re.fullmatch(
            rf"(?:{MIXED_CASE_CODES}|[A-ZĐ0-9]+)(-[A-ZĐ0-9]+)*", sym.strip()):
        out.append(f"Ký hiệu đang là “{sym.strip()}”; phải in hoa, các nhóm chữ nối bằng “-”,"
                   " không có dấu cách (BC-SNV).")
    return out
