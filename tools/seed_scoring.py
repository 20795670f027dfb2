"""Write the first version of config/2024/cham_diem.xlsx: scoring criteria and titles.

No Lạng Sơn scoring table was found in public sources, so the default follows common
practice (100 base points in three groups, bonus and penalty points) and the secretariat
edits the file in Excel. Refuses to overwrite an existing file unless --force is given.

    .venv/bin/python tools/seed_scoring.py [--force]
"""
from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))          # run as a script: make the pipeline importable

from pipeline.score import (CLUSTER_COLUMNS, CLUSTER_LABEL, CLUSTER_SHEET,  # noqa: E402
                            CRITERIA_COLUMNS, CRITERIA_SHEET, SCORING_FILE, TITLE_COLUMNS,
                            TITLES_SHEET, YEAR_LABEL)
from seed_config import guide, header  # noqa: E402  (tools/ is on the path when run)

OUT = ROOT / "config" / "2024" / SCORING_FILE

G1 = "I. Thực hiện nhiệm vụ, chỉ tiêu được giao"
G2 = "II. Công tác thi đua, khen thưởng"
G3 = "III. Xây dựng Đảng, đoàn thể, cải cách hành chính, chuyển đổi số"
G4 = "IV. Điểm thưởng"
G5 = "V. Điểm trừ"
BASE, BONUS, PENALTY = "Cơ bản", "Thưởng", "Trừ"
YES, NO = "Có", "Không"

# code, group, criterion, max points, kind, computed from results, disqualifies from the flag
CRITERIA = [
    ("I.1", G1, "Kết quả thực hiện các chỉ tiêu được giao tại Chỉ thị phát động thi đua", 40,
     BASE, YES, NO),
    ("I.2", G1, "Thực hiện các nhiệm vụ chính trị, chuyên môn khác được UBND tỉnh giao", 20,
     BASE, NO, NO),
    ("II.1", G2, "Ban hành kế hoạch, hướng dẫn tổ chức phong trào thi đua năm", 5, BASE, NO, NO),
    ("II.2", G2, "Tổ chức phát động thi đua, ký kết và thực hiện giao ước thi đua", 5, BASE, NO,
     NO),
    ("II.3", G2, "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến, mô hình mới, cách làm hay",
     5, BASE, NO, NO),
    ("II.4", G2, "Sơ kết, tổng kết; đề xuất khen thưởng kịp thời, đúng đối tượng, đúng quy định",
     5, BASE, NO, NO),
    ("II.5", G2, "Tham gia hoạt động của cụm, khối thi đua; gửi báo cáo đầy đủ, đúng thời hạn", 5,
     BASE, NO, NO),
    ("III.1", G3, "Xây dựng tổ chức Đảng, cơ quan, đoàn thể trong sạch, vững mạnh", 5, BASE, NO,
     NO),
    ("III.2", G3, "Cải cách hành chính, thực hành tiết kiệm, phòng, chống tham nhũng, lãng phí", 5,
     BASE, NO, NO),
    ("III.3", G3, "Chuyển đổi số, ứng dụng công nghệ thông tin trong hoạt động của cơ quan", 5,
     BASE, NO, NO),
    ("T.1", G4, "Hoàn thành vượt mức các chỉ tiêu được giao", 5, BONUS, YES, NO),
    ("T.2", G4, "Có sáng kiến, mô hình mới được cấp có thẩm quyền công nhận", 3, BONUS, NO, NO),
    ("TR.1", G5, "Gửi báo cáo chậm thời hạn, thiếu hoặc sai số liệu", -5, PENALTY, NO, NO),
    ("TR.2", G5, "Có tập thể, cá nhân vi phạm kỷ luật, pháp luật bị xử lý", -10, PENALTY, NO, YES),
]

# title, quota per cluster/block, min points, no target missed, a target exceeded,
# no disqualifying penalty, must lead the cluster/block, legal basis (for people only)
TITLES = [
    ("Cờ thi đua của UBND tỉnh", 1, 90, YES, YES, YES, YES,
     "Điều 26 Luật Thi đua, khen thưởng năm 2022: tập thể dẫn đầu cụm, khối thi đua do tỉnh tổ "
     "chức, hoàn thành vượt mức chỉ tiêu, nhiệm vụ được giao trong năm."),
    ("Bằng khen của Chủ tịch UBND tỉnh", 2, 85, NO, NO, YES, NO,
     "Điều 74 Luật Thi đua, khen thưởng năm 2022. Số lượng chưa đối chiếu được với quy định của "
     "tỉnh: kiểm tra lại trước khi dùng."),
]


UNIT_RESULTS = (
    "Kết quả chỉ tiêu của một đơn vị: số đơn vị báo cáo (đúng như báo cáo, không làm tròn) so "
    "với kế hoạch tỉnh giao riêng cho đơn vị (tệp don_vi.xlsx, trang “Kế hoạch giao”); tỷ lệ, "
    "mức tăng, giảm so cùng kỳ và chỉ tiêu một đơn vị báo cáo số của cả tỉnh so với kế hoạch "
    "của tỉnh. Không chia đều kế hoạch của tỉnh: đơn vị chưa có kế hoạch giao riêng của chỉ "
    "tiêu cộng các đơn vị thì không chấm chỉ tiêu đó. Đơn vị chỉ báo cáo số liệu chung của tỉnh "
    "(Tính điểm = Không, ví dụ Cục Thống kê với GRDP) không được chấm trên chỉ tiêu đó: tự chấm "
    "tiêu chí kết quả chỉ tiêu như đơn vị không được giao chỉ tiêu.")


def guide_lines() -> list[str]:
    """Return the guide, one paragraph a line."""
    cols = " | ".join(CLUSTER_COLUMNS)
    return [
        "TIÊU CHÍ CHẤM ĐIỂM VÀ DANH HIỆU THI ĐUA CUỐI NĂM — hướng dẫn sửa tệp này",
        "Đây là bảng mặc định theo cách làm phổ biến (chưa tìm được bảng chấm điểm chính thức "
        "của tỉnh): Văn phòng thường trực sửa lại cho đúng quy định, hướng dẫn chấm điểm hiện hành.",
        f"Trang “{CRITERIA_SHEET}”: mỗi dòng một tiêu chí. Mã tiêu chí là duy nhất; đơn vị tự chấm "
        "theo đúng mã này (trang “Tự chấm điểm” của biểu mẫu cả năm). Nhóm: tên nhóm in làm dòng "
        "tiêu đề trong biểu mẫu.",
        "Loại: Cơ bản (cộng vào thang điểm chuẩn, mặc định 100 điểm), Thưởng (điểm cộng thêm), "
        "Trừ (điểm trừ). Điểm tối đa của tiêu chí Trừ ghi số âm, ví dụ -5 (ghi 5 cũng hiểu là -5).",
        "Tính từ kết quả chỉ tiêu = Có: chương trình tính thêm điểm của tiêu chí từ kết quả các "
        "chỉ tiêu đơn vị được giao. Tiêu chí Cơ bản: điểm tối đa × (số chỉ tiêu Đạt và Vượt / số "
        "chỉ tiêu có số liệu); tiêu chí Thưởng: điểm tối đa × (số chỉ tiêu Vượt / số chỉ tiêu có "
        "số liệu); làm tròn 1 chữ số thập phân. Điểm tự chấm (hoặc cụm, khối chấm) cao hơn điểm "
        "tính được quá 0,5 điểm thì dùng điểm tính được và báo để kiểm tra. Đơn vị không được "
        "giao chỉ tiêu hoặc chưa có số liệu: dùng điểm tự chấm (cụm, khối chấm).",
        UNIT_RESULTS,
        "Loại trừ danh hiệu Cờ = Có (chỉ với tiêu chí Trừ): đơn vị bị trừ điểm ở tiêu chí này thì "
        "không được xét danh hiệu có điều kiện “Không bị trừ điểm loại trừ”.",
        f"Trang “{TITLES_SHEET}”: mỗi dòng một danh hiệu, danh hiệu cao hơn ghi trước. Số lượng "
        "là số đơn vị tối đa mỗi cụm, khối; Điểm tối thiểu là tổng điểm (Cơ bản + Thưởng + Trừ) "
        "thấp nhất. Các cột điều kiện ghi Có hoặc Không: không có chỉ tiêu Không đạt; có ít nhất "
        "một chỉ tiêu Vượt (đơn vị không được giao chỉ tiêu được coi là đáp ứng hai điều kiện "
        "này); không bị trừ điểm ở tiêu chí loại trừ; phải đứng đầu cụm, khối.",
        "Xếp hạng trong mỗi cụm, khối: tổng điểm từ cao xuống thấp; bằng điểm thì đơn vị có nhiều "
        "chỉ tiêu Vượt hơn xếp trên; bằng cả hai thì đồng hạng (ví dụ 1, 1, 3). Đơn vị không gửi "
        "báo cáo cả năm xếp cuối và không được đề nghị khen thưởng.",
        "Đề nghị khen thưởng: xét lần lượt từng danh hiệu theo thứ tự trong trang, mỗi đơn vị "
        "nhiều nhất một danh hiệu. Danh hiệu “phải đứng đầu” chỉ xét đơn vị hạng 1: không đủ điều "
        "kiện thì không chuyển cho đơn vị hạng 2, văn bản nêu rõ lý do. Các danh hiệu khác xét "
        "từ trên xuống, bỏ qua đơn vị không đủ điều kiện, đến khi đủ số lượng. Các đơn vị đồng "
        "hạng cùng đủ điều kiện mà không đủ chỗ cho tất cả thì không đơn vị nào được đề nghị và "
        "số lượng còn lại chờ cụm, khối bình xét, biểu quyết lại (không chuyển cho đơn vị xếp "
        "dưới); vì vậy hai đơn vị đồng hạng nhất không được Cờ.",
        "BẢNG CHẤM ĐIỂM CỦA CỤM, KHỐI (trưởng cụm, khối lập sau khi chấm chéo): một tệp Excel có "
        f"trang tính tên “{CLUSTER_SHEET}”. Dòng đầu: cột A ghi “{CLUSTER_LABEL}”, cột B ghi mã "
        f"cụm, khối (ví dụ CUM1). Dòng tiếp: cột A “{YEAR_LABEL}”, cột B năm (2024). Tiếp theo là "
        f"dòng tiêu đề “{cols}”, rồi mỗi dòng một đơn vị và một tiêu chí (ví dụ: H02 | I.2 | 18,5).",
        "Điểm của cụm, khối thay điểm tự chấm của đơn vị ở tiêu chí đó; ô Điểm để trống thì giữ "
        "điểm tự chấm. Chỉ chấm các đơn vị thuộc cụm, khối mình; điểm trừ ghi số âm. Đặt tệp vào "
        "thư mục input cùng các báo cáo cả năm.",
        "Năm sau: chép tệp này sang thư mục config/<năm mới>/ và sửa theo hướng dẫn của năm đó.",
    ]


def scoring_workbook() -> Workbook:
    """Build cham_diem.xlsx: guide, criteria and titles."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Hướng dẫn"
    guide(ws, guide_lines())
    ws = wb.create_sheet(CRITERIA_SHEET)
    header(ws, 1, list(CRITERIA_COLUMNS), [10, 45, 70, 11, 10, 14, 14])
    _rows(ws, CRITERIA)
    _choices(ws, f'"{BASE},{BONUS},{PENALTY}"', "E2:E200")
    _choices(ws, f'"{YES},{NO}"', "F2:G200")
    ws = wb.create_sheet(TITLES_SHEET)
    header(ws, 1, list(TITLE_COLUMNS) + ["Căn cứ, ghi chú"], [34, 12, 11, 14, 12, 14, 14, 70])
    _rows(ws, TITLES)
    _choices(ws, f'"{YES},{NO}"', "D2:G50")
    return wb


def _rows(ws, rows: list[tuple]) -> None:
    """Write the data rows from row 2 (append would skip the row freeze_panes touched)."""
    for number, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            ws.cell(row=number, column=col, value=value)


def _choices(ws, formula: str, cells: str) -> None:
    """Offer a drop-down list in a range of cells."""
    rule = DataValidation(type="list", allow_blank=True, formula1=formula)
    ws.add_data_validation(rule)
    rule.add(cells)


def main() -> int:
    """Write the file unless it exists (always with --force)."""
    if OUT.exists() and "--force" not in sys.argv:
        print(f"{OUT} exists, left alone (pass --force to rebuild it)")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    scoring_workbook().save(OUT)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
