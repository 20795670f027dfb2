"""Rules of the header table, right column: national title on one line, the motto with
its hyphens and the line under it, and the place and date line.
"""
from __future__ import annotations

import datetime as dt
import re

from .document import Context, Para, cell_width_mm, is_line, text_paras
from .ooxml import has_drawing, has_tags, qn
from .props import align, all_runs, in_range, indents_mm, ppr, sizes
from .styles import read_border
from .violation import V, Violation

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_TITLE_MM_13 = 95.7                 # measured width at 13 pt bold
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_MM_14 = 60.5                          # measured width at 14 pt bold
DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+"
                  r"năm\s+(?P<y>\d{4})$")
DRAFT_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+tháng\s+năm(\s+\d{4})?$")


def check_national(ctx: Context, tbl, right: list[Para], number: Para | None) -> list[Violation]:
    """Check the right column: national title, motto with its line, place and date."""
    names = text_paras(ctx, right)
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
    room = cell_width_mm(ctx, tbl, title) - indents_mm(ctx, title)
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
    if line is None and not any(has_drawing(p.el) for p in below[:2]):
        return [V("motto-line", "Dưới tiêu ngữ phải có đường kẻ ngang, nét liền, dài bằng dòng"
                  " chữ.", motto)]
    if line is None or not ppr(ctx, line, read_border):
        return []
    width = cell_width_mm(ctx, tbl, line) - indents_mm(ctx, line)
    text_mm = MOTTO_MM_14 * max(sizes(ctx, motto) or {14}) / 14
    if width and not 0.8 <= width / text_mm <= 1.25:
        return [V("motto-line", f"Đường kẻ dưới tiêu ngữ phải dài bằng dòng chữ (khoảng"
                  f" {text_mm:.0f} mm); đang dài {width:.0f} mm.", motto)]
    return []


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
