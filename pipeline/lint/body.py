"""Rules of the title lines and the body: type and summary bold and centred; "Kính gửi";
the legal bases ("Căn cứ …;") italic with their punctuation; body text 13-14 pt
throughout, justified, first-line indent, spacing; headings numbered in order and bold,
points lettered in the Vietnamese alphabet.
"""
from __future__ import annotations

import re

from .document import Context, Para
from .header import document_kind
from .ooxml import has_tags, is_upper, to_int
from .props import (ALIGN_NAMES, align, all_runs, any_runs, in_range, num, one_line, ppr,
                    pts, size_problem, sizes, within)
from .styles import read_first_line, read_ppr
from .violation import V, Violation

FIRST_LINE = (560, 730)                     # 1 cm to 1.27 cm, in twips
BASIS = re.compile(r"^(Căn cứ|Theo đề nghị|Xét đề nghị|Theo đề xuất)\b")
PART = re.compile(r"^(Phần|Chương)\s+([IVXLC]+)$")
ROMAN = re.compile(r"^([IVXLC]+)\.\s")
ARABIC = re.compile(r"^(\d{1,3})\.\s")
ARTICLE = re.compile(r"^Điều\s+(\d{1,3})\.")
POINT = re.compile(r"^([a-zđ])\)\s")
LETTERS = "abcdđeghiklmnopqrstuvxy"         # Vietnamese order: no f, j, w, z
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def check_title(ctx: Context) -> list[Violation]:
    """Check the document type (UPPER, bold, centred), the summary line and "Kính gửi"."""
    out = []
    if ctx.title:
        kind = ctx.title[0]
        out += _bold_centred(ctx, kind, "doc-type", "Tên loại văn bản")
        if not is_upper(kind.text):
            out.append(V("doc-type", "Tên loại văn bản đang viết thường; phải in hoa.", kind,
                         value="chữ thường"))
        if document_kind(kind.text) == "TỜ TRÌNH" and not ctx.addressed:
            out.append(V("kinh-gui", "Tờ trình chưa có dòng “Kính gửi: …”; ghi cơ quan, người"
                         " có thẩm quyền nhận tờ trình dưới trích yếu.", kind))
    if len(ctx.title) > 1:
        out += _bold_centred(ctx, ctx.title[1], "summary", "Trích yếu nội dung")
    if ctx.addressee is not None:
        out += _addressee(ctx, ctx.addressee)
    return out


def _bold_centred(ctx: Context, para: Para, code: str, what: str) -> list[Violation]:
    """Require bold, centred and 13-14 pt, one violation per property that fails."""
    out = []
    if not all_runs(ctx, para, "b"):
        out.append(V(code, f"{what} chưa in đậm; phải in đậm.", para, value="không đậm"))
    if align(ctx, para) != "center":
        where = ALIGN_NAMES.get(align(ctx, para), align(ctx, para))
        out.append(V(code, f"{what} đang căn {where}; phải căn giữa.", para, value=where))
    problem = size_problem(ctx, para, 13, 14, what)
    if problem:
        out.append(V(code, problem[0], para, value=problem[1]))
    return out


def _addressee(ctx: Context, para: Para) -> list[Violation]:
    """Check "Kính gửi: …": a colon, upright, 13-14 pt."""
    out = []
    if not re.match(r"Kính gửi\s*:", para.text.strip()):
        out.append(V("kinh-gui", "Sau từ “Kính gửi” chưa có dấu hai chấm (:).", para))
    if any_runs(ctx, para, "i"):
        out.append(V("kinh-gui", "Dòng “Kính gửi” đang in nghiêng; phải chữ đứng.", para,
                     value="nghiêng"))
    problem = size_problem(ctx, para, 13, 14, "Dòng “Kính gửi”")
    if problem:
        out.append(V("kinh-gui", problem[0], para, value=problem[1]))
    return out


def check_body(ctx: Context) -> list[Violation]:
    """Check the body: bases, sizes, alignment, indents, spacing, headings and points."""
    bases = legal_bases(ctx)
    out = _bases(ctx, bases)
    for para in ctx.body:
        out += _body_para(ctx, para, justify=para.el not in {b.el for b in bases})
    out += _body_consistency(ctx)
    return out + _headings(ctx)


# --------------------------------------------------------------------------- legal bases
def legal_bases(ctx: Context) -> list[Para]:
    """Return the "Căn cứ …" lines (with "Theo đề nghị …") that open the body."""
    out: list[Para] = []
    for para in ctx.body:
        value = para.text.strip()
        if BASIS.match(value) and not value.endswith(":") and (out or value.startswith("Căn cứ")):
            out.append(para)
        elif out or (align(ctx, para) != "center" and not value.startswith("(")):
            break
    return out


def _bases(ctx: Context, bases: list[Para]) -> list[Violation]:
    """Require italics, ";" after each base and "." after the last."""
    out = []
    for i, para in enumerate(bases):
        if not all_runs(ctx, para, "i"):
            out.append(V("can-cu", "Căn cứ ban hành đang in đứng; phải in nghiêng.", para,
                         value="chữ đứng"))
        value = para.text.rstrip()
        if has_tags(value):
            continue
        end, last = value[-1:], i == len(bases) - 1
        if last and end != ".":
            out.append(V("can-cu-punctuation", f"Căn cứ cuối cùng đang kết thúc bằng “{end}”;"
                         " phải kết thúc bằng dấu chấm (.).", para, value=end))
        elif not last and end != ";":
            out.append(V("can-cu-punctuation", f"Căn cứ đang kết thúc bằng “{end}”; mỗi căn cứ"
                         " (trừ căn cứ cuối) kết thúc bằng dấu chấm phẩy (;).", para, value=end))
    return out


# --------------------------------------------------------------------------- body text
def _body_para(ctx: Context, para: Para, justify: bool = True) -> list[Violation]:
    """Check one body paragraph; a centred one ("Phần I") only for size and line spacing."""
    out, size = [], sizes(ctx, para)
    if not in_range(size, 13, 14):
        out.append(V("body-size", f"Chữ đang cỡ {pts(size)}; nội dung phải cỡ 13-14.", para,
                     value=pts(size)))
    line = ppr(ctx, para, read_ppr("w:spacing", "line"))
    rule = ppr(ctx, para, read_ppr("w:spacing", "lineRule")) or "auto"
    if not _line_ok(to_int(line, 240), rule, max(size or {14})):
        shown = _line_shown(to_int(line, 240), rule)
        out.append(V("line-spacing", f"Giãn cách dòng đang là {shown}; phải từ một dòng (Đơn)"
                     " đến 1,5 dòng (Đoạn văn › Giãn cách dòng).", para, value=shown))
    if align(ctx, para) == "center":
        return out        # document titles, "Phần I" headings: centred on purpose
    if justify and align(ctx, para) != "both" and not one_line(ctx, para):
        where = ALIGN_NAMES.get(align(ctx, para), align(ctx, para))
        out.append(V("body-justify", f"Đoạn văn đang căn {where}; nội dung phải căn đều hai"
                     " bên (Trang đầu › Căn đều).", para, value=where))
    first = ppr(ctx, para, read_first_line) or 0
    if not within(first, FIRST_LINE):
        cm = num(round(first * 2.54 / 1440, 2)) + " cm"
        out.append(V("first-line-indent", f"Dòng đầu đoạn đang lùi {cm}; phải lùi 1 cm hoặc"
                     " 1,27 cm (Đoạn văn › Thụt lề › Đặc biệt: Dòng đầu tiên).", para, value=cm))
    gap = sum(to_int(ppr(ctx, para, read_ppr("w:spacing", k)), 0) for k in ("before", "after"))
    if gap < 115:
        value = f"{num(gap / 20)} pt"
        out.append(V("para-spacing", f"Khoảng cách giữa các đoạn đang là {value}; phải tối"
                     " thiểu 6 pt (Đoạn văn › Giãn cách › Trước/Sau).", para, value=value))
    return out


def _line_ok(line: int, rule: str, size: float) -> bool:
    """Accept single to 1.5 lines, whether set as a multiple or in points."""
    if rule == "auto":
        return 235 <= line <= 365
    return size * 20 <= line <= size * 20 * 1.15 * 1.5 + 5


def _line_shown(line: int, rule: str) -> str:
    """Write a line spacing as Word shows it: "2 dòng", "Chính xác 12 pt"."""
    if rule == "auto":
        return f"{num(round(line / 240, 2))} dòng"
    return f"{'Chính xác' if rule == 'exact' else 'Tối thiểu'} {num(line / 20)} pt"


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
    odd = next((p, size) for p, size in valid if size != usual)
    return [V("body-size-mixed", f"Đoạn này cỡ {num(odd[1])} pt, phần lớn nội dung cỡ"
              f" {num(usual)} pt; nên dùng một cỡ chữ thống nhất.", odd[0],
              value=f"{num(odd[1])} pt")]


# --------------------------------------------------------------------------- headings
def _roman(value: str) -> int:
    """Return the value of a Roman numeral."""
    total = 0
    for a, b in zip(value, value[1:] + " "):
        n = ROMAN_VALUES[a]
        total += -n if ROMAN_VALUES.get(b, 0) > n else n
    return total


def _numbered(value: str):
    """Return (level, number, label) of a numbered line, or None.

    Levels: 0 phần/chương, 1 mục "I.", 2 khoản "1.", 3 điểm "a)", 4 điều "Điều 1."."""
    for level, pattern, number in ((0, PART, lambda m: _roman(m[2])),
                                   (1, ROMAN, lambda m: _roman(m[1])),
                                   (2, ARABIC, lambda m: int(m[1])),
                                   (3, POINT, lambda m: LETTERS.index(m[1]) + 1
                                    if m[1] in LETTERS else 99),
                                   (4, ARTICLE, lambda m: int(m[1]))):
        m = pattern.match(value)
        if m:
            return level, number(m), m[0].strip()
    return None


def _headings(ctx: Context) -> list[Violation]:
    """Require numbering in order at each level, and headings in bold."""
    out, last = [], {}
    body = [p for p in ctx.body if not has_tags(p.text)]
    for i, para in enumerate(body):
        value = para.text.strip()
        found = _numbered(value)
        if found is None:
            continue
        level, number, label = found
        before = last.get(level)
        if number != 1 and before is not None and number != before[0] + 1:
            out.append(_order(level, label, before[1], para))
        last[level] = (number, label)
        for deeper in [k for k in last if level < k < 4]:
            del last[deeper]
        following = body[i + 1] if i + 1 < len(body) else None
        listed = i > 0 and ARABIC.match(body[i - 1].text.strip())    # "1. …" just above
        out += _heading_bold(ctx, level, value, para, following, bool(listed))
    return out


def _order(level: int, label: str, previous: str, para: Para) -> Violation:
    """Describe a number that does not follow the previous one."""
    if level == 3:
        return V("point-order", f"Điểm “{label}” đứng sau điểm “{previous}”; các điểm đánh theo"
                 " thứ tự chữ cái tiếng Việt: a), b), c), d), đ), e), g)…", para, value=label)
    return V("heading-numbering", f"Số thứ tự “{label}” đứng sau “{previous}”: số thứ tự bị"
             " nhảy hoặc lặp; phải liên tiếp.", para, value=label)


def _heading_bold(ctx: Context, level: int, value: str, para: Para, following,
                  listed: bool) -> list[Violation]:
    """Require bold for "Phần I" (and its title on the next line), "I. TIÊU ĐỀ" and a
    titled "1. …": short, no closing punctuation, with text under it (not an item of a
    list, where "1. …" lines follow one another)."""
    nxt = following.text.strip() if following is not None else ""
    under = _numbered(nxt)
    heading = (level == 0 or (level == 1 and is_upper(value)) or (
        level == 2 and len(value) <= 120 and value[-1:] not in ".;:,!?" and not listed
        and following is not None and (under is None or under[0] == 3)))
    title = following if level == 0 and following is not None and is_upper(nxt) else None
    out = []
    for p in [para] + ([title] if title is not None else []):
        if heading and not all_runs(ctx, p, "b"):
            out.append(V("heading-bold", "Tiêu đề đang in thường (không đậm); tiêu đề phần, mục,"
                         " khoản phải in đậm.", p, value="không đậm"))
    return out
