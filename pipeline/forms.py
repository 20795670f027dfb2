"""Write the form a unit fills in: the only module that writes workbooks (openpyxl).

The layout (sheet names, labels, headers, rows) comes from ``layout``, which the reader
shares. Every sheet is protected without a password; only white input cells are unlocked.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import layout as L
from .errors import PipelineError
from .formatting import number, official_date
from .config import own_target
from .model import Cluster, Criterion, Directive, Kind, Period, Registry, Target, Unit

SAMPLE_MARK = "DỮ LIỆU MẪU"
SAMPLE_NOTICE = f"{SAMPLE_MARK}: số liệu thử, không phải kết quả thực tế."
# No "mẫu" in these labels: the reader takes any "mau" in the hidden sheet for the sample flag.
META_LABELS = ("Phiên bản", "Thời điểm tạo", L.INFO_UNIT_CODE, L.INFO_PERIOD, L.INFO_YEAR,
               "Ghi chú")
TEXT_HINTS = {
    L.TEXT_HIGHLIGHTS: "Kết quả nổi bật trong kỳ, có số liệu cụ thể; mỗi ý một dòng.",
    L.TEXT_MODELS: "Mô hình mới, cách làm hay, tập thể và cá nhân điển hình tiên tiến.",
    L.TEXT_SHORTCOMINGS: "Những việc chưa làm được và nguyên nhân.",
    L.TEXT_PROPOSALS: "Kiến nghị với UBND tỉnh, các sở, ngành (ghi rõ cơ quan).",
}
PLAN_VERB = {Kind.GROWTH: "tăng", Kind.REDUCTION: "giảm", Kind.REDUCTION_POINTS: "giảm",
             Kind.COUNT_ADDED: "thêm", Kind.APPROXIMATE: "khoảng"}
TITLE, NOTICE, HINT, HEADER, GROUP, LOCKED, INPUT = (
    "Tiêu đề", "Cảnh báo", "Gợi ý", "Tiêu đề cột", "Nhóm", "Ô khóa", "Ô nhập")
GUIDE = (
    "1. Người điền: cán bộ theo dõi công tác thi đua, khen thưởng của đơn vị, tổng hợp số liệu từ "
    "các bộ phận chuyên môn; lãnh đạo đơn vị kiểm tra trước khi gửi.",
    "2. Chỉ gõ vào các ô màu trắng (ô được mở khóa); các ô màu xám đã khóa. Không đổi tên, thêm "
    "hay xóa trang tính, không đổi thứ tự cột.",
    "3. Trang “{info}”: ghi người lập, ngày lập (ngày/tháng/năm) và số điện thoại.",
    "4. Trang “{targets}”: ghi số thực hiện LŨY KẾ từ ngày 01/01/{year} đến hết ngày {end}, không "
    "ghi số riêng của quý. “Cùng kỳ năm trước” là số của cùng khoảng thời gian năm {previous}.",
    "5. Ghi số theo đúng đơn vị tính ở cột “Đơn vị tính”; chỉ gõ con số, không gõ chữ, đơn vị tính "
    "hay dấu %. Chỉ tiêu đếm (xã, trường, vụ, người…) ghi số nguyên.",
    "6. Dấu thập phân: trên máy cài đặt kiểu Việt Nam gõ dấu phẩy, ví dụ 7,5 (không gõ 7.5); không "
    "gõ dấu phân cách hàng nghìn. Tỷ lệ ghi theo phần trăm: 97,2 (không gõ 0,972 hay 97,2%).",
    "7. Chưa có số liệu thì để trống ô và ghi lý do ở cột “Ghi chú”; không ghi 0 thay cho “chưa có "
    "số liệu”. Số ước tính thì ghi rõ ở cột “Ghi chú”, kèm nguồn số liệu.",
    "8. Trang “{texts}”: mỗi ý một dòng (nhấn Alt+Enter để xuống dòng trong ô), viết ngắn gọn, có "
    "số liệu cụ thể.",
)
GUIDE_SCORES = ("9. Trang “{scores}”: tự chấm từng tiêu chí, không vượt điểm tối đa; tiêu chí điểm "
                "trừ ghi số âm; giải trình các tiêu chí không đạt điểm tối đa.",)
_INFO_OPEN = (L.INFO_PREPARED_BY, L.INFO_PREPARED_ON, L.INFO_PHONE)
_INFO_FORMATS = {L.INFO_YEAR: "0", L.INFO_PREPARED_ON: "dd/mm/yyyy", L.INFO_PHONE: "@"}


@dataclass(frozen=True)
class FormFill:
    """Values to pre-fill a form with (sample data, benchmarks, round-trip tests)."""

    prepared_by: str = ""
    prepared_on: dt.date | None = None
    phone: str = ""
    values: Mapping[str, tuple[Decimal | None, Decimal | None, str]] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)     # TEXT_* label -> lines
    scores: Mapping[str, Decimal] = field(default_factory=dict)  # criterion code -> points
    sample: bool = False       # label everything SAMPLE_MARK


@dataclass(frozen=True)
class _Rule:
    """A data validation rule for the cells of one target or criterion."""

    type: str                  # "whole", "decimal" or "date" (bounds as serial numbers)
    low: Decimal
    high: Decimal | None       # None: no upper bound
    title: str
    prompt: str
    error: str


def build_form(directive: Directive, unit: Unit, period: Period, *, deadline: dt.date | None,
               send_to: str, criteria: Sequence[Criterion] = (),
               fill: FormFill | None = None, registry: Registry | None = None) -> Workbook:
    """Build the form for one unit and period; raise PipelineError on an unknown target code.

    With the registry, each target shows the plan the province assigned to this unit (a
    district's share of the new-rural communes), not the province's plan.
    """
    fill = fill or FormFill()
    targets = _unit_targets(directive, unit)
    if registry is not None:
        targets = tuple(own_target(registry, unit.code, t) or t for t in targets)
    criteria = tuple(criteria) if period is Period.YEAR else ()
    _check_fill(fill, targets, criteria)
    wb = Workbook()
    _add_styles(wb)
    year = directive.year
    title = f"BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU — {_when(period, year).upper()} — {unit.name}"
    _write_guide(wb.active, unit, period, year, deadline, send_to, bool(criteria), fill.sample)
    _write_info(wb.create_sheet(L.SHEET_INFO), unit, period, year, fill)
    _write_targets(wb.create_sheet(L.SHEET_TARGETS), targets, title, fill)
    _write_texts(wb.create_sheet(L.SHEET_TEXTS), fill)
    if criteria:
        _write_scores(wb.create_sheet(L.SHEET_SCORES), criteria, fill)
    _write_meta(wb.create_sheet(L.SHEET_META), unit, period, year, fill.sample)
    for ws in wb.worksheets:
        _finish(ws, fill.sample)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = title
    return wb


def save_form(workbook: Workbook, path: Path) -> None:
    """Save the workbook to path (the caller makes the write atomic)."""
    workbook.save(path)


def form_file_name(unit: Unit, period: Period, year: int) -> str:
    """Return an ASCII, Windows-safe file name: "H01_TP_Lang_Son_6thang_2024.xlsx"."""
    code = _ascii_slug(unit.code) or "don_vi"
    tail = f"_{period.slug}_{year}.xlsx"
    room = max(0, 100 - len(code) - len(tail) - 1)
    name = _ascii_slug(unit.name)[:room].strip("_")
    return "_".join(p for p in (code[:40], name) if p) + tail


def _ascii_slug(text: str) -> str:
    """Strip accents (đ -> d) and join the ASCII letters and digits with "_"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def _unit_targets(directive: Directive, unit: Unit) -> tuple[Target, ...]:
    """Return the unit's targets in the directive's order; raise on a code not in it."""
    unknown = [c for c in unit.targets if directive.target(c) is None]
    if unknown:
        raise PipelineError(f"Đơn vị {unit.code} được giao chỉ tiêu không có trong chỉ thị "
                            f"năm {directive.year}: {', '.join(unknown)}. Sửa danh sách đơn vị.")
    return tuple(t for t in directive.targets if t.code in unit.targets)


def _check_fill(fill: FormFill, targets: Sequence[Target],
                criteria: Sequence[Criterion]) -> None:
    """Raise ValueError when the fill names targets, texts or criteria the form lacks."""
    wrong = (set(fill.values) - {t.code for t in targets}) | (set(fill.texts) - set(L.TEXT_LABELS))
    if criteria:
        wrong |= set(fill.scores) - {c.code for c in criteria}
    if wrong:
        raise ValueError(f"fill names what the form does not have: {sorted(wrong)}")


def _add_styles(wb: Workbook) -> None:
    """Register the named styles: title, notice, hint, header, locked and input cells."""
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    top = Alignment(wrap_text=True, vertical="top")
    specs = {
        TITLE: dict(font=Font(bold=True, size=13)),
        NOTICE: dict(font=Font(bold=True, color="C00000")),
        HINT: dict(font=Font(italic=True, color="595959"), alignment=top),
        HEADER: dict(font=Font(bold=True), fill=PatternFill("solid", fgColor="D9E1F2"),
                     border=border, alignment=Alignment(wrap_text=True, horizontal="center",
                                                        vertical="center")),
        GROUP: dict(font=Font(bold=True), fill=PatternFill("solid", fgColor="F2F2F2"),
                    border=border),
        LOCKED: dict(fill=PatternFill("solid", fgColor="EDEDED"), border=border, alignment=top),
        INPUT: dict(fill=PatternFill("solid", fgColor="FFFFFF"), border=border, alignment=top,
                    protection=Protection(locked=False)),
    }
    for name, spec in specs.items():
        wb.add_named_style(NamedStyle(name=name, **spec))


def _put(ws: Worksheet, row: int, col: int, value: object, style: str, fmt: str = "") -> None:
    """Write a value (Decimal as a number, "" as empty) with a named style and number format."""
    if isinstance(value, Decimal):  # a plain number cell, exact for the digits given
        value = int(value) if value == value.to_integral_value() else float(value)
    cell = ws.cell(row, col, None if value == "" else value)
    cell.style = style
    if fmt:
        cell.number_format = fmt


def _heading(ws: Worksheet, title: str, hint: str, sample: bool) -> None:
    """Write the title (row 1), the sample notice (row 2) and a hint (row 3)."""
    _put(ws, 1, 1, f"{title} — {SAMPLE_MARK}" if sample else title, TITLE)
    if sample:
        _put(ws, 2, 1, SAMPLE_NOTICE, NOTICE)
    ws.cell(3, 1, hint).font = Font(italic=True, color="595959")


def _guide_lines(unit: Unit, period: Period, year: int, deadline: dt.date | None, send_to: str,
                 scores: bool) -> list[str]:
    """Return the instructions, one paragraph each, ending with where and when to send."""
    end = (dt.date(year, period.months + 1, 1) - dt.timedelta(days=1) if period.in_year
           else dt.date(year, 12, 31))
    names = dict(info=L.SHEET_INFO, targets=L.SHEET_TARGETS, texts=L.SHEET_TEXTS,
                 scores=L.SHEET_SCORES, year=year, end=f"{end:%d/%m/%Y}", previous=year - 1)
    lines = [f"Đơn vị: {unit.name} (mã {unit.code}). Kỳ báo cáo: {_when(period, year)}."]
    lines += [line.format(**names) for line in GUIDE + (GUIDE_SCORES if scores else ())]
    when = f"chậm nhất {official_date(deadline)}" if deadline else "theo thời hạn quy định"
    return lines + [f"Gửi tệp Excel này (giữ định dạng .xlsx) về "
                    f"{send_to or 'cơ quan thường trực thi đua, khen thưởng'} {when}."]


def _write_guide(ws: Worksheet, unit: Unit, period: Period, year: int, deadline: dt.date | None,
                 send_to: str, scores: bool, sample: bool) -> None:
    """Fill the guide sheet: instructions, the address and the deadline."""
    ws.title = L.SHEET_GUIDE
    _heading(ws, "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA",
             "Đọc kỹ trước khi điền.", sample)
    ws.column_dimensions["A"].width = 68  # LibreOffice does not shrink one over-wide column
    for row, line in enumerate(_guide_lines(unit, period, year, deadline, send_to, scores), 4):
        ws.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = _height((line, 68))


def _when(period: Period, year: int) -> str:
    """Return "6 tháng đầu năm 2024", "quý I năm 2024" or "năm 2024"."""
    return f"{period.phrase}{'' if period.phrase.endswith('năm') else ' năm'} {year}"


def _height(*cells: tuple[str, float]) -> float:
    """Estimate the row height (points) that shows wrapped texts of given column widths."""
    lines = max(sum(math.ceil(max(1, len(part)) / (width * 1.05)) for part in str(text).split("\n"))
                for text, width in cells)
    return 15.0 * max(1, lines) + 3


def _write_info(ws: Worksheet, unit: Unit, period: Period, year: int, fill: FormFill) -> None:
    """Fill the information sheet: locked identity, open preparer cells."""
    _heading(ws, "THÔNG TIN CHUNG", "Chỉ điền các ô màu trắng.", fill.sample)
    values = (unit.code, unit.name, period.value, year, fill.prepared_by, fill.prepared_on,
              fill.phone)
    for row, (label, value) in enumerate(zip(L.INFO_LABELS, values), L.INFO_FIRST_ROW):
        _put(ws, row, 1, label, LOCKED)
        style = INPUT if label in _INFO_OPEN else LOCKED
        _put(ws, row, 2, value, style, _INFO_FORMATS.get(label, ""))
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 22, 60
    first, last = (Decimal(int(to_excel(dt.date(y, m, d)))) for y, m, d in
                   ((year, 1, 1), (year + 1, 12, 31)))
    rule = _Rule("date", first, last, "Ngày lập", f"Gõ ngày/tháng/năm, ví dụ 05/07/{year}.",
                 f"Ngày lập phải là một ngày từ 01/01/{year} đến 31/12/{year + 1}.")
    row = L.INFO_FIRST_ROW + L.INFO_LABELS.index(L.INFO_PREPARED_ON)
    _validate(ws, {}, rule, f"B{row}")


def _write_targets(ws: Worksheet, targets: Sequence[Target], title: str, fill: FormFill) -> None:
    """Fill the targets sheet: header, a row per group and per target, validations."""
    _heading(ws, title, "Số thực hiện lũy kế từ 01/01 đến hết kỳ; chỉ gõ vào ô màu trắng.",
             fill.sample)
    _table_header(ws, L.TARGET_HEADER_ROW, L.TARGET_COLUMNS, (11, 60, 13, 22, 17, 17, 35))
    rules: dict[_Rule, DataValidation] = {}
    row, group = L.TARGET_HEADER_ROW, None
    for target in targets:
        row += 1
        if target.group is not group:
            group = target.group
            _group_row(ws, row, f"Chỉ tiêu {group.value.lower()}", len(L.TARGET_COLUMNS))
            row += 1
        _target_row(ws, row, target, fill.values.get(target.code, (None, None, "")))
        _validate(ws, rules, _target_rule(target), f"E{row}:F{row}")
    ws.page_setup.orientation = "landscape"


def _target_row(ws: Worksheet, row: int, target: Target,
                filled: tuple[Decimal | None, Decimal | None, str]) -> None:
    """Write one target: locked code, wording, unit and plan; open value, last year, note."""
    cells = (target.code, target.wording, target.reported_unit, _plan_text(target))
    for col, item in enumerate(cells, 1):
        _put(ws, row, col, item, LOCKED)
    fmt = "#,##0" + ("." + "0" * target.value_decimals if target.value_decimals else "")
    for col, item in enumerate(filled, 5):
        _put(ws, row, col, item, INPUT, fmt if col < 7 else "")
    ws.row_dimensions[row].height = _height((target.wording, 60), (cells[3], 22),
                                            (filled[2] or "", 35))


def _group_row(ws: Worksheet, row: int, text: str, width: int) -> None:
    """Write a group heading across the table, with column A empty (the reader skips it)."""
    for col in range(1, width + 1):
        _put(ws, row, col, text if col == 2 else None, GROUP)


def _table_header(ws: Worksheet, row: int, headers: Sequence[str],
                  widths: Sequence[float]) -> None:
    """Write a header row, set widths, freeze under it and repeat it on printed pages."""
    for col, (header, width) in enumerate(zip(headers, widths), 1):
        _put(ws, row, col, header, HEADER)
        ws.column_dimensions[ws.cell(row, col).column_letter].width = width
    ws.row_dimensions[row].height = 33
    ws.freeze_panes = ws.cell(row + 1, 1)
    ws.print_title_rows = f"{row}:{row}"


def _plan_text(target: Target) -> str:
    """Return the annual plan as the form shows it: "7 - 7,5", "tăng 8 - 9% so cùng kỳ"."""
    kind, uom = target.kind, target.unit_of_measure
    if kind is Kind.REDUCTION_POINTS:
        uom = " điểm %"
    elif uom == target.reported_unit:  # the unit column already says it
        uom = ""
    elif uom != "%":
        uom = f" {uom}"
    verb = PLAN_VERB.get(kind, "")
    if kind in (Kind.GROWTH, Kind.REDUCTION):
        text = (f"{verb} từ {target.plan_text}{uom} trở lên" if target.high is None
                else f"{verb} {target.plan_text}{uom}")
        return f"{text} so cùng kỳ"
    return f"{verb} {target.plan_text}{uom}".strip()


def _target_rule(target: Target) -> _Rule:
    """Return the rule for a target's figures, bounded as the checker bounds them on reading."""
    if target.reported_unit != "%":
        return _quantity_rule(target)
    high = min(Decimal(100), target.plausible_max or Decimal(100))
    usual = 0 <= target.low <= high and not target.kind.against_last_year
    example = number(target.low if usual else min(high, Decimal("97.2")), target.decimals)
    span = f"từ 0 đến {number(high)}"
    return _Rule("decimal", Decimal(0), high, "Tỷ lệ (%)",
                 f"Đơn vị tính: %. Gõ số phần trăm {span}, ví dụ {example} "
                 "(không gõ 0,972 hay 97,2%).",
                 f"Tỷ lệ phải là số {span} (đơn vị tính %), ví dụ {example}.")


def _quantity_rule(target: Target) -> _Rule:
    """Return the rule for a count (whole) or quantity, capped at the plausible maximum."""
    uom, cap, whole = target.reported_unit, target.plausible_max, target.counted
    example = _example(target)
    what = "số nguyên không âm" if whole else "số không âm, dấu thập phân là dấu phẩy"
    limit = "" if cap is None else f", không quá {number(cap)}"
    error = f"Phải là {what}{limit} (đơn vị tính: {uom}), ví dụ {example}."
    if cap is not None:
        error += " Số lớn hơn thường do ghi nhầm đơn vị tính."
    return _Rule("whole" if whole else "decimal", Decimal(0), cap,
                 f"{'Số nguyên' if whole else 'Số liệu'} ({uom})",
                 f"Đơn vị tính: {uom}. Gõ {what}{limit}, ví dụ {example}.", error)


def _example(target: Target) -> str:
    """Return an example figure that fits the target: its plan when that is what units report
    (beds per 10,000 people get "30", not a tourist count), else a small figure under the cap."""
    cap, whole = target.plausible_max, target.counted
    if not target.kind.against_last_year and 0 < target.low and (cap is None or target.low <= cap):
        value = target.low.to_integral_value() if whole else target.low
    else:
        value = Decimal(12) if whole or target.value_decimals == 0 else Decimal("12.5")
        if cap is not None and value > cap:
            value = (cap / 2).to_integral_value() if whole else cap / 2
    decimals = 0 if whole else max(target.value_decimals, 0)
    return number(value, decimals).replace(".", "")        # typed without thousands dots


def _validate(ws: Worksheet, rules: dict[_Rule, DataValidation], rule: _Rule, ref: str) -> None:
    """Apply a rule to cells, sharing one data validation per distinct rule on the sheet."""
    if rule not in rules:
        bounded = rule.high is not None
        rules[rule] = DataValidation(
            type=rule.type, operator="between" if bounded else "greaterThanOrEqual",
            formula1=_formula(rule.low), formula2=_formula(rule.high) if bounded else None,
            allow_blank=True, showInputMessage=True, showErrorMessage=True, errorStyle="stop",
            promptTitle=rule.title[:32], prompt=rule.prompt[:255],  # Excel's limits
            errorTitle="Số liệu không hợp lệ", error=rule.error[:225])
        ws.add_data_validation(rules[rule])
    rules[rule].add(ref)


def _formula(value: Decimal) -> str:
    """Write a bound as a formula constant (always a dot: the file format is not localised)."""
    return format(value.normalize(), "f")


def _write_texts(ws: Worksheet, fill: FormFill) -> None:
    """Fill the texts sheet: a label and a tall open cell per item, with a hint."""
    _heading(ws, "NỘI DUNG BÁO CÁO", "Mỗi ý một dòng (Alt+Enter để xuống dòng trong ô).",
             fill.sample)
    for row, label in enumerate(L.TEXT_LABELS, L.TEXT_FIRST_ROW):
        _put(ws, row, 1, label, LOCKED)
        _put(ws, row, 2, fill.texts.get(label, ""), INPUT)
        _put(ws, row, 3, TEXT_HINTS[label], HINT)
        ws.row_dimensions[row].height = max(120, _height((fill.texts.get(label, ""), 80)))
    for letter, width in zip("ABC", (24, 80, 34)):
        ws.column_dimensions[letter].width = width


def _write_scores(ws: Worksheet, criteria: Sequence[Criterion], fill: FormFill) -> None:
    """Fill the self-scoring sheet: locked criteria, open points with bounds, explanations."""
    _heading(ws, "BẢNG TỰ CHẤM ĐIỂM THI ĐUA",
             "Điểm trừ ghi số âm; giải trình khi không đạt điểm tối đa.", fill.sample)
    _table_header(ws, L.SCORE_HEADER_ROW, L.SCORE_COLUMNS, (11, 60, 12, 12, 45))
    rules: dict[_Rule, DataValidation] = {}
    row, group = L.SCORE_HEADER_ROW, None
    for criterion in criteria:
        row += 1
        if criterion.group and criterion.group != group:
            group = criterion.group
            _group_row(ws, row, group, len(L.SCORE_COLUMNS))
            row += 1
        for col, item in enumerate((criterion.code, criterion.name, criterion.max_points), 1):
            _put(ws, row, col, item, LOCKED, "0.0#" if col == 3 else "")
        _put(ws, row, 4, fill.scores.get(criterion.code), INPUT, "0.0#")
        _put(ws, row, 5, None, INPUT)
        ws.row_dimensions[row].height = _height((criterion.name, 60))
        _validate(ws, rules, _score_rule(criterion.max_points), f"D{row}")


def _score_rule(max_points: Decimal) -> _Rule:
    """Return the rule for self points: between 0 and the maximum (negative for penalties)."""
    low, high = min(Decimal(0), max_points), max(Decimal(0), max_points)
    span = "từ {} đến {}".format(*(_formula(v).replace(".", ",") for v in (low, high)))
    return _Rule("decimal", low, high, "Điểm tự chấm",
                 f"Gõ điểm {span}, dấu thập phân là dấu phẩy, ví dụ 1,5.",
                 f"Điểm tự chấm phải là số {span}.")


def _write_meta(ws: Worksheet, unit: Unit, period: Period, year: int, sample: bool) -> None:
    """Fill the hidden sheet: form version, generation time, unit, period, year, sample flag."""
    now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    values = (L.FORM_VERSION, now, unit.code, period.value, year, SAMPLE_MARK if sample else None)
    for row, (label, value) in enumerate(zip(META_LABELS, values), 1):
        if value is not None:
            ws.cell(row, 1, label)
            ws.cell(row, 2, value)
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 24
    ws.sheet_state = "hidden"


def _finish(ws: Worksheet, sample: bool) -> None:
    """Protect the sheet (no password) and set up A4 printing, fitted to the page width."""
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False  # let users resize
    if ws.sheet_state != "visible":
        return
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    ws.oddFooter.center.text = "Trang &P/&N"
    if sample:
        ws.oddHeader.center.text = SAMPLE_MARK


def build_cluster_form(cluster: Cluster, members: Sequence[Unit], criteria: Sequence[Criterion],
                       year: int, points: Mapping[tuple[str, str], Decimal] | None = None,
                       sample: bool = False) -> Workbook:
    """Build the workbook a cluster/block head fills: one row per member and criterion.

    An empty "Điểm" cell keeps the unit's self-score; a number replaces it.
    """
    points = points or {}
    wb = Workbook()
    _add_styles(wb)
    ws = wb.active
    ws.title = L.CLUSTER_SHEET
    _heading(ws, f"CHẤM ĐIỂM THI ĐUA NĂM {year} — {cluster.name.upper()}",
             "Ô trống: giữ điểm tự chấm của đơn vị; ghi số để thay điểm tự chấm.", sample)
    for row, (label, value) in enumerate(((L.CLUSTER_LABEL, cluster.code), (L.CLUSTER_YEAR_LABEL, year)), 4):
        _put(ws, row, 1, label, HEADER)
        _put(ws, row, 2, value, LOCKED)
    head = 7
    _table_header(ws, head, L.CLUSTER_COLUMNS + ("Tiêu chí", "Điểm tối đa"), (12, 12, 10, 60, 12))
    rules: dict[_Rule, DataValidation] = {}
    row = head
    for unit in members:
        for criterion in criteria:
            row += 1
            for col, item in enumerate((unit.code, criterion.code), 1):
                _put(ws, row, col, item, LOCKED)
            _put(ws, row, 3, points.get((unit.code, criterion.code)), INPUT, "0.0#")
            _put(ws, row, 4, f"{unit.name}: {criterion.name}", LOCKED)
            _put(ws, row, 5, criterion.max_points, LOCKED, "0.0#")
            _validate(ws, rules, _score_rule(criterion.max_points), f"C{row}")
    _finish(ws, sample)
    return wb
