"""What the clerk sees at the end of a run: the summary text, the findings workbook (a status
board of who has sent what, and the findings themselves) and one notice per unit with errors.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from .findings import Findings
from .model import Finding, Period, Severity, Submission
from .xlsx import Table, write_workbook

FINDINGS_STEM = "ket_qua_kiem_tra"
NOTICES_DIR = "thong_bao_don_vi"
BOARD_SHEET = "Tình hình gửi báo cáo"
FINDINGS_SHEET = "Kết quả kiểm tra"
COLUMNS = ("Mức độ", "Mã đơn vị", "Tên đơn vị", "Tệp", "Trang tính", "Ô", "Mã lỗi", "Nội dung",
           "Cách sửa")
WIDTHS = (9, 8, 24, 34, 13, 6, 18, 55, 55)
SENT, FAULTY, MISSING, LATE = "đã gửi", "có lỗi", "chưa gửi", "gửi sau hạn"
SET_ASIDE = "year-mismatch"       # workbooks of another year: one line each, apart from errors
# XML 1.0 forbids these and a terminal may act on them
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def findings_file(year: int) -> str:
    """Return the findings workbook's name for a year: each year has its own."""
    return f"{FINDINGS_STEM}_{year}.xlsx"


def printable(text: object) -> str:
    """Return ``text`` without control characters (a file name may carry them)."""
    return CONTROL.sub("", "" if text is None else str(text))


def finding_line(f: Finding) -> str:
    """Write one finding on one line: where, what, how to fix."""
    unit = f"[{f.unit}] " if f.unit else ""
    return printable(f"{f.severity.value} {unit}{f.location}: {f.message} → {f.fix} ({f.code})")


# --------------------------------------------------------------------------- status board
@dataclass(frozen=True)
class BoardRow:
    """One unit's line of the status board: a status per period, and a note."""

    unit: str
    name: str
    statuses: tuple[str, ...]
    note: str = ""


def status_board(units: list[tuple[str, str]], periods: list[Period],
                 submissions: list[Submission] | tuple[Submission, ...],
                 findings: list[Finding] | tuple[Finding, ...],
                 deadlines: dict[Period, dt.date | None]) -> list[BoardRow]:
    """Return, for each unit (code, name) and period, whether its report was sent, has
    errors, is missing or was made after the deadline (by its Ngày lập)."""
    sent = {(s.unit, s.period): s for s in submissions}
    errors: dict[str, int] = defaultdict(int)
    unusable: dict[str, list[str]] = defaultdict(list)
    other_year: dict[str, list[str]] = defaultdict(list)
    used_files = {s.file for s in submissions}
    for f in findings:
        if f.code == SET_ASIDE and f.unit:
            other_year[f.unit].append(f.location.file)
        elif f.severity is Severity.ERROR:
            errors[f.location.file] += 1
            if f.unit and f.location.file not in used_files \
                    and f.location.file not in unusable[f.unit]:
                unusable[f.unit].append(f.location.file)
    rows = []
    for code, name in units:
        statuses = tuple(_status(sent.get((code, p)), errors, deadlines.get(p)) for p in periods)
        notes = [f"{label}: {', '.join(files)}" for label, files in (
            ("Tệp không dùng được", unusable.get(code)), ("Tệp của năm khác", other_year.get(code)))
            if files]
        rows.append(BoardRow(code, name, statuses, "; ".join(notes)))
    return rows


def _status(submission: Submission | None, errors: dict[str, int],
            deadline: dt.date | None) -> str:
    """Return the board's word for one unit and period."""
    if submission is None:
        return MISSING
    words = []
    if errors.get(submission.file):
        words.append(f"{FAULTY} ({errors[submission.file]})")
    if deadline and submission.prepared_on and submission.prepared_on > deadline:
        words.append(LATE)
    return ", ".join(words) or SENT


# --------------------------------------------------------------------------- the workbook
def write_findings(findings: tuple[Finding, ...] | list[Finding], path: Path,
                   names: dict[str, str] | None = None,
                   board: tuple[list[Period], list[BoardRow]] | None = None) -> None:
    """Write the findings workbook: the status board (when given) and the findings as a
    filterable table that prints landscape on the page width (``xlsx``: every text stored as
    text, never read as a formula, without control characters; 100,000 findings in about
    2 s)."""
    names = names or {}
    rows = ([(v, "wrap") for v in (f.severity.value, f.unit, names.get(f.unit, ""),
                                   f.location.file, f.location.sheet, f.location.cell, f.code,
                                   f.message, f.fix)] for f in findings)     # made as written
    tables = [] if board is None else [_board_table(*board)]
    body = rows if findings else [[(v, "wrap") for v in _NO_FINDING]]
    tables.append(Table(FINDINGS_SHEET, WIDTHS, chain([[(c, "head") for c in COLUMNS]], body),
                        len(findings) + 1))
    write_workbook(path, tables)


_NO_FINDING = ("", "", "", "", "", "", "", "Không có lỗi nào.", "")


def _board_table(periods: list[Period], rows: list[BoardRow]) -> Table:
    """Return the status board: one line per unit, one column per period."""
    columns = ("Mã đơn vị", "Tên đơn vị", *(p.value for p in periods), "Ghi chú")
    lines = [[(c, "head") for c in columns]]
    lines += [[(row.unit, "wrap"), (row.name, "wrap"),
               *((s, "wrap" if s == SENT else "bad") for s in row.statuses), (row.note, "wrap")]
              for row in rows]
    lines += [[], [("“gửi sau hạn”: Ngày lập ghi trong tệp sau hạn gửi ở van_ban.xlsx, trang "
                    "“Biểu mẫu”; “có lỗi (n)”: số lỗi trong tệp, xem trang “Kết quả kiểm tra”.",
                    None)]]
    return Table(BOARD_SHEET, (9, 42, *(22 for _ in periods), 50), lines, len(rows) + 1)


# --------------------------------------------------------------------------- notices
def unit_notice(unit: str, name: str, findings: list[Finding], year: int,
                sender: str = "Sở Nội vụ") -> str:
    """Write the short message to send a unit: each cell to fix, errors first, ready to paste
    into an email or a chat."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is not Severity.ERROR]
    lines = [f"Kính gửi: {name or unit} (mã {unit}).",
             "",
             f"{sender} đã kiểm tra báo cáo phong trào thi đua năm {year} của đơn vị và thấy "
             f"{len(errors)} lỗi cần sửa" + (f", {len(warnings)} điểm cần xem lại" if warnings else "")
             + ". Đề nghị đơn vị sửa các ô dưới đây trong tệp đã gửi, lưu lại và gửi lại tệp:",
             ""]
    for number, f in enumerate(errors + warnings, start=1):
        kind = "Lỗi" if f.severity is Severity.ERROR else "Xem lại"
        lines.append(f"{number}. [{kind}] {f.location}: {f.message} Cách sửa: {f.fix}")
    lines += ["", "Trân trọng."]
    return printable("\r\n".join(lines) + "\r\n")


def notices(findings: list[Finding] | tuple[Finding, ...]) -> dict[str, list[Finding]]:
    """Return the findings of each unit that has at least one error (codes of units only),
    leaving out workbooks of another year and those a newer resend replaced (the unit need
    not fix a file no longer used)."""
    replaced = {f.location.file for f in findings if f.code == "submission-duplicate"}
    by_unit: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.unit and f.code != SET_ASIDE and (f.location.file not in replaced
                                               or f.code == "submission-duplicate"):
            by_unit[f.unit].append(f)
    return {unit: found for unit, found in sorted(by_unit.items())
            if any(f.severity is Severity.ERROR for f in found)}


# --------------------------------------------------------------------------- summary
def summary_lines(files_seen: int, files_read: int, accepted: int, units: int,
                  rejected: tuple[tuple[str, str], ...], missing: dict[str, list[str]],
                  findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    """Write the end-of-run summary in Vietnamese."""
    aside = [f for f in findings if f.code == SET_ASIDE]
    counted = Findings(f for f in findings if f.code != SET_ASIDE)
    lines = [f"Đã xem {files_seen} tệp, đọc {files_read} bảng tính; nhận {accepted} báo cáo "
             f"của {units} đơn vị.",
             f"Phát hiện {len(counted.errors)} lỗi và {len(counted.warnings)} cảnh báo."]
    if aside:
        lines.append(f"Để riêng {len(aside)} tệp báo cáo của năm khác (không dùng):")
        lines += [f"  - {f.location.file}: {f.message}" for f in aside]
    if rejected:
        lines.append(f"Không dùng {len(rejected)} tệp:")
        lines += [f"  - {file}: {reason}" for file, reason in rejected]
    for period, names in missing.items():
        if names:
            lines.append(f"Kỳ {period}: đơn vị chưa gửi báo cáo: {', '.join(names)}.")
    return [printable(line) for line in lines]
