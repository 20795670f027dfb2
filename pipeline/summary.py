"""What the clerk sees at the end of a run: the summary text and the findings workbook."""
from __future__ import annotations

from pathlib import Path

from .findings import Findings
from .model import Finding

FINDINGS_FILE = "ket_qua_kiem_tra.xlsx"
COLUMNS = ("Mức độ", "Đơn vị", "Tệp", "Trang tính", "Ô", "Mã lỗi", "Nội dung", "Cách sửa")
WIDTHS = (10, 9, 40, 14, 7, 22, 70, 70)


def finding_line(f: Finding) -> str:
    """Write one finding on one line: where, what, how to fix."""
    unit = f"[{f.unit}] " if f.unit else ""
    return f"{f.severity.value} {unit}{f.location}: {f.message} → {f.fix} ({f.code})"


def write_findings(findings: tuple[Finding, ...] | list[Finding], path: Path) -> None:
    """Write the findings as a sortable, filterable table; text is never read as a formula."""
    from openpyxl import Workbook                 # loaded only when the workbook is written
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table, TableStyleInfo
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả kiểm tra"
    sheet.append(COLUMNS)
    for f in findings:
        sheet.append([f.severity.value, f.unit, f.location.file, f.location.sheet,
                      f.location.cell, f.code, f.message, f.fix])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"            # "=1+1" typed by a unit stays text
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell, width in zip(sheet[1], WIDTHS):
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    if findings:
        table = Table(displayName="KetQuaKiemTra", ref=f"A1:H{sheet.max_row}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(table)
    else:
        sheet.append(["", "", "", "", "", "", "Không có lỗi nào.", ""])
    book.save(path)


def summary_lines(files_seen: int, files_read: int, accepted: int, units: int,
                  rejected: tuple[tuple[str, str], ...], missing: dict[str, list[str]],
                  findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    """Write the end-of-run summary in Vietnamese."""
    found = Findings(findings)
    lines = [f"Đã xem {files_seen} tệp, đọc {files_read} bảng tính; nhận {accepted} báo cáo "
             f"của {units} đơn vị.",
             f"Phát hiện {len(found.errors)} lỗi và {len(found.warnings)} cảnh báo."]
    if rejected:
        lines.append(f"Không dùng {len(rejected)} tệp:")
        lines += [f"  - {file}: {reason}" for file, reason in rejected]
    for period, names in missing.items():
        if names:
            lines.append(f"Kỳ {period}: đơn vị chưa gửi báo cáo: {', '.join(names)}.")
    return lines
