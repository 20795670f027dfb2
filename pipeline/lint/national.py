"""Rules of the header table, right column: national title on one line, the motto with
its hyphens and the line under it, and the place and date line.
"""
from __future__ import annotations

import datetime as dt
import re

from .document import Context, Para, cell_width_mm, is_line, text_paras
from .ooxml import has_drawing, has_tags, qn, short
from .props import ALIGN_NAMES, align, all_runs, indents_mm, num, ppr, size_problem, sizes
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
    """Require the exact national title, bold, 12-13 pt (one line: common practice)."""
    if title is None:
        return [V("national-title", f"Không thấy quốc hiệu “{NATIONAL_TITLE}”.",
                  where=f"bảng {ctx.numbers[tbl]}")]
    value = " ".join(title.text.split()).replace("HOÀ", "HÒA")
    out = []
    if value != NATIONAL_TITLE:
        out.append(V("national-title", f"Quốc hiệu đang ghi “{short(title.text)}”; phải ghi"
                     f" đúng “{NATIONAL_TITLE}”.", title))
    if not all_runs(ctx, title, "b"):
        out.append(V("national-title", "Quốc hiệu chưa in đậm; phải in đậm.", title,
                     value="không đậm"))
    problem = size_problem(ctx, title, 12, 13, "Quốc hiệu")
    if problem:
        out.append(V("national-title", problem[0], title, value=problem[1]))
    size = max(sizes(ctx, title) or {13})
    room = cell_width_mm(ctx, tbl, title) - indents_mm(ctx, title)
    need = NATIONAL_TITLE_MM_13 * size / 13
    if room and need > room and not problem:
        out.append(V("national-title-wrap", f"Quốc hiệu cỡ {num(size)} cần {num(round(need, 1))}"
                     f" mm nhưng cột chỉ rộng {num(round(room, 1))} mm nên bị xuống dòng; nới"
                     " rộng cột hoặc dùng cỡ 12.", title, value=f"{num(round(room, 1))} mm"))
    return out


def _motto(ctx: Context, tbl, motto: Para | None, right: list[Para]) -> list[Violation]:
    """Require "Độc lập - Tự do - Hạnh phúc" (hyphen-minus), bold 13-14, a line as long."""
    if motto is None:
        return [V("motto", f"Không thấy tiêu ngữ “{MOTTO}”.", where=f"bảng {ctx.numbers[tbl]}")]
    out, raw = [], " ".join(motto.text.split())
    loose = re.sub(r"\s*[-–—−]\s*", " - ", raw)
    if loose != MOTTO:
        out.append(V("motto", f"Tiêu ngữ đang ghi “{short(raw)}”; phải ghi đúng “{MOTTO}”.",
                     motto))
    elif raw != MOTTO:
        out.append(V("motto-dash", "Tiêu ngữ đang dùng gạch dài (–, —) hoặc thiếu dấu cách;"
                     " giữa các cụm từ dùng gạch nối (-) có cách chữ.", motto))
    if not all_runs(ctx, motto, "b"):
        out.append(V("motto", "Tiêu ngữ chưa in đậm; phải in đậm.", motto, value="không đậm"))
    problem = size_problem(ctx, motto, 13, 14, "Tiêu ngữ")
    if problem:
        out.append(V("motto", problem[0], motto, value=problem[1]))
    return out + _motto_line(ctx, tbl, motto, right)


def _motto_line(ctx: Context, tbl, motto: Para, right: list[Para]) -> list[Violation]:
    """Require a line under the motto about as long as the motto."""
    below = right[right.index(motto):]
    line = motto if ppr(ctx, motto, read_border) else next(
        (p for p in below[1:] if is_line(ctx, p)), None)
    if line is None and not any(has_drawing(p.el) for p in below[:2]):
        return [V("motto-line", "Dưới tiêu ngữ chưa có đường kẻ; phải có đường kẻ ngang, nét"
                  " liền, dài bằng dòng chữ.", motto)]
    if line is None or not ppr(ctx, line, read_border):
        return []
    width = cell_width_mm(ctx, tbl, line) - indents_mm(ctx, line)
    text_mm = MOTTO_MM_14 * max(sizes(ctx, motto) or {14}) / 14
    if width and not 0.8 <= width / text_mm <= 1.25:
        return [V("motto-line", f"Đường kẻ dưới tiêu ngữ đang dài {width:.0f} mm; phải dài"
                  f" bằng dòng chữ (khoảng {text_mm:.0f} mm).", motto, value=f"{width:.0f} mm")]
    return []


def _date(ctx: Context, date: Para | None, number: Para | None, tbl) -> list[Violation]:
    """Check "Lạng Sơn, ngày 05 tháng 3 năm 2024": italic, 13-14, on the row of "Số"."""
    if date is None:
        return [V("date-line", "Không thấy dòng địa danh, ngày tháng năm dưới tiêu ngữ.",
                  where=f"bảng {ctx.numbers[tbl]}")]
    out = []
    if not all_runs(ctx, date, "i"):
        out.append(V("date-line", "Dòng địa danh, ngày tháng chưa in nghiêng; phải in"
                     " nghiêng.", date, value="chữ đứng"))
    problem = size_problem(ctx, date, 13, 14, "Dòng địa danh, ngày tháng")
    if problem:
        out.append(V("date-line", problem[0], date, value=problem[1]))
    if align(ctx, date) != "center":
        where = ALIGN_NAMES.get(align(ctx, date), align(ctx, date))
        out.append(V("date-line", f"Dòng địa danh, ngày tháng đang căn {where}; phải căn giữa"
                     " dưới tiêu ngữ.", date, value=where))
    rows = len(tbl.findall(qn("w:tr")))
    if number is not None and rows > 1 and number.row != date.row:
        out.append(V("date-line", f"Dòng địa danh, ngày tháng đang ở hàng {date.row} của bảng,"
                     f" dòng số ở hàng {number.row}; hai dòng phải cùng một hàng.", date))
    value = " ".join(date.text.split())
    return out if has_tags(value) else out + _date_text(date, value)


def _date_text(date: Para, value: str) -> list[Violation]:
    """Validate the date text: its form, a real day, and the leading zeros."""
    if DRAFT_DATE.match(value):
        return []
    m = DATE.match(value)
    if not m or not m["place"][:1].isupper():
        return [V("date-line", f"Dòng ngày tháng đang là “{short(value)}”; phải viết dạng"
                  " “Lạng Sơn, ngày 05 tháng 3 năm 2024” (chữ cái đầu địa danh viết hoa).",
                  date)]
    day, month = m["d"], m["m"]
    try:
        dt.date(int(m["y"]), int(month), int(day))
    except ValueError:
        return [V("date-line", f"Ngày {day} tháng {month} năm {m['y']} không có thật.", date)]
    if len(day) == 1 or (int(month) <= 2 and len(month) == 1) or \
            (int(month) >= 3 and month.startswith("0")):
        return [V("date-zero", f"Đang ghi “ngày {day} tháng {month}”; ngày dưới 10 và tháng 1,"
                  " 2 có số 0 ở trước (ngày 05, tháng 01), tháng 3-12 không có (tháng 3).",
                  date, value=f"ngày {day} tháng {month}")]
    return []
