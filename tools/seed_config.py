"""Write the first version of the 2024 data files in config/2024/ (maintainer tool).

The Excel files are the source of truth once written: the secretariat edits them in
Excel. This script only seeds them, from the directive's text, and refuses to
overwrite a file that exists (pass --force to rebuild everything from scratch).

    .venv/bin/python tools/seed_config.py [--force]
"""
from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "config" / "2024"

KT, XH, MT = "Kinh tế", "Xã hội", "Môi trường"
SUM, ONE = "Cộng các đơn vị", "Một đơn vị"

# code, group, section, directive wording, short name, uom, reported uom, kind,
# low, high, decimals, cumulative, aggregation, plausible max per unit
TARGETS = [
    ("KT01", KT, "II.1", "Tốc độ tăng tổng sản phẩm nội tỉnh (GRDP): 7 - 7,5%",
     "Tốc độ tăng GRDP", "%", "%", "Khoảng cần đạt", 7, 7.5, 1, "Không", ONE, 30),
    ("KT02", KT, "II.1", "Cơ cấu kinh tế: Nông lâm nghiệp chiếm 23 - 24%",
     "Cơ cấu kinh tế: nông lâm nghiệp", "%", "%", "Cơ cấu", 23, 24, 1, "Không", ONE, 100),
    ("KT03", KT, "II.1", "Cơ cấu kinh tế: công nghiệp - xây dựng 24 - 25%",
     "Cơ cấu kinh tế: công nghiệp - xây dựng", "%", "%", "Cơ cấu", 24, 25, 1, "Không", ONE, 100),
    ("KT04", KT, "II.1", "Cơ cấu kinh tế: dịch vụ 47 - 48%",
     "Cơ cấu kinh tế: dịch vụ", "%", "%", "Cơ cấu", 47, 48, 1, "Không", ONE, 100),
    ("KT05", KT, "II.1", "Cơ cấu kinh tế: thuế sản phẩm trừ trợ cấp sản phẩm 4 - 5%",
     "Cơ cấu kinh tế: thuế sản phẩm trừ trợ cấp sản phẩm", "%", "%", "Cơ cấu", 4, 5, 1,
     "Không", ONE, 100),
    ("KT06", KT, "II.1", "Tổng sản phẩm bình quân đầu người trên địa bàn đạt 65 - 66 triệu đồng",
     "GRDP bình quân đầu người", "triệu đồng", "triệu đồng", "Khoảng cần đạt", 65, 66, 1,
     "Không", ONE, 300),
    ("KT07", KT, "II.1", "Lượng khách du lịch đạt 4.060 nghìn lượt",
     "Lượng khách du lịch", "nghìn lượt", "nghìn lượt", "Tối thiểu", 4060, None, 0, "Có", ONE,
     20000),
    ("KT08", KT, "II.1", "Doanh thu du lịch đạt 4.300 tỷ đồng",
     "Doanh thu du lịch", "tỷ đồng", "tỷ đồng", "Tối thiểu", 4300, None, 0, "Có", ONE, 20000),
    ("KT09", KT, "II.1", "Kim ngạch xuất khẩu hàng địa phương tăng 8 - 9%",
     "Kim ngạch xuất khẩu hàng địa phương", "%", "triệu USD", "Tăng so cùng kỳ", 8, 9, 1,
     "Có", ONE, 5000),
    ("KT10", KT, "II.1", "Tổng thu ngân sách nhà nước trên địa bàn 7.485 tỷ đồng",
     "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "tỷ đồng", "Tối thiểu", 7485, None,
     0, "Có", ONE, 40000),
    ("KT11", KT, "II.1", "Tổng chi ngân sách địa phương 14.040,807 tỷ đồng",
     "Tổng chi ngân sách địa phương", "tỷ đồng", "tỷ đồng", "Tối thiểu", 14040.807, None, 3,
     "Có", ONE, 70000),
    ("KT12", KT, "II.1", "Tổng vốn đầu tư phát triển trên địa bàn khoảng 38 - 39 nghìn tỷ đồng",
     "Tổng vốn đầu tư phát triển trên địa bàn", "nghìn tỷ đồng", "nghìn tỷ đồng", "Xấp xỉ", 38,
     39, 1, "Có", ONE, 200),
    ("XH01", XH, "II.2; III.2.1", "Xây dựng thêm 10 xã đạt chuẩn nông thôn mới",
     "Số xã đạt chuẩn nông thôn mới tăng thêm", "xã", "xã", "Tăng thêm", 10, None, 0, "Có", SUM,
     30),
    ("XH02", XH, "II.2",
     "Tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông đạt 97,2%",
     "Tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông", "%", "%",
     "Tối thiểu", 97.2, None, 1, "Không", ONE, 100),
    ("XH03", XH, "II.2",
     "Tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa đạt 82%",
     "Tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa", "%", "%", "Tối thiểu", 82,
     None, 1, "Không", ONE, 100),
    ("XH04", XH, "II.2", "Phát triển thêm 15 trường học đạt chuẩn quốc gia",
     "Số trường học đạt chuẩn quốc gia tăng thêm", "trường", "trường", "Tăng thêm", 15, None, 0,
     "Có", SUM, 40),
    ("XH05", XH, "II.2", "Tỷ lệ thôn có nhà văn hoá đạt chuẩn đạt 75,9%",
     "Tỷ lệ thôn có nhà văn hóa đạt chuẩn", "%", "%", "Tối thiểu", 75.9, None, 1, "Không", ONE,
     100),
    ("XH06", XH, "II.2", "100% xã, phường, thị trấn duy trì Bộ tiêu chí quốc gia về y tế xã",
     "Tỷ lệ xã, phường, thị trấn duy trì Bộ tiêu chí quốc gia về y tế xã", "%", "%", "Duy trì",
     100, None, 1, "Không", ONE, 100),
    ("XH07", XH, "II.2", "11,4 bác sĩ trên 1 vạn dân",
     "Số bác sĩ trên 1 vạn dân", "bác sĩ/vạn dân", "bác sĩ/vạn dân", "Tối thiểu", 11.4, None,
     1, "Không", ONE, 100),
    ("XH08", XH, "II.2", "33,6 giường bệnh trên 1 vạn dân",
     "Số giường bệnh trên 1 vạn dân", "giường/vạn dân", "giường/vạn dân", "Tối thiểu", 33.6,
     None, 1, "Không", ONE, 300),
    ("XH09", XH, "II.2", "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 94,45%",
     "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "%", "Tối thiểu", 94.45, None, 2, "Không",
     ONE, 100),
    ("XH10", XH, "II.2", "Tỷ lệ lao động qua đào tạo đạt 64%",
     "Tỷ lệ lao động qua đào tạo", "%", "%", "Tối thiểu", 64, None, 1, "Không", ONE, 100),
    ("XH11", XH, "II.2",
     "Tỷ lệ người lao động tham gia bảo hiểm xã hội so với lực lượng lao động trong độ tuổi "
     "lao động đạt 42%",
     "Tỷ lệ lao động tham gia bảo hiểm xã hội", "%", "%", "Tối thiểu", 42, None, 1, "Không",
     ONE, 100),
    ("XH12", XH, "II.2", "Giảm tỷ lệ hộ nghèo từ 2% - 3%",
     "Tỷ lệ hộ nghèo", "điểm %", "%", "Giảm điểm %", 2, 3, 1, "Không", ONE, 100),
    ("XH13", XH, "II.2", "Giảm tai nạn giao thông cả 3 tiêu chí từ 5% trở lên: số vụ",
     "Tai nạn giao thông: số vụ", "%", "vụ", "Giảm so cùng kỳ", 5, None, 1, "Có", ONE, 5000),
    ("XH14", XH, "II.2", "Giảm tai nạn giao thông cả 3 tiêu chí từ 5% trở lên: số người chết",
     "Tai nạn giao thông: số người chết", "%", "người", "Giảm so cùng kỳ", 5, None, 1, "Có",
     ONE, 5000),
    ("XH15", XH, "II.2",
     "Giảm tai nạn giao thông cả 3 tiêu chí từ 5% trở lên: số người bị thương",
     "Tai nạn giao thông: số người bị thương", "%", "người", "Giảm so cùng kỳ", 5, None, 1,
     "Có", ONE, 5000),
    ("XH16", XH, "II.2", "Giảm phạm pháp hình sự từ 3% trở lên",
     "Số vụ phạm pháp hình sự", "%", "vụ", "Giảm so cùng kỳ", 3, None, 1, "Có", ONE, 10000),
    ("XH17", XH, "III.2.1", "Có thêm 06 xã đạt chuẩn nông thôn mới nâng cao",
     "Số xã đạt chuẩn nông thôn mới nâng cao tăng thêm", "xã", "xã", "Tăng thêm", 6, None, 0,
     "Có", SUM, 30),
    ("XH18", XH, "III.2.1", "Có thêm 04 xã đạt chuẩn nông thôn mới kiểu mẫu",
     "Số xã đạt chuẩn nông thôn mới kiểu mẫu tăng thêm", "xã", "xã", "Tăng thêm", 4, None, 0,
     "Có", SUM, 30),
    ("MT01", MT, "II.3", "Trồng rừng mới 9.000 ha",
     "Diện tích trồng rừng mới", "ha", "ha", "Tối thiểu", 9000, None, 0, "Có", SUM, 5000),
    ("MT02", MT, "II.3", "Tỷ lệ che phủ rừng đạt 64,6%",
     "Tỷ lệ che phủ rừng", "%", "%", "Tối thiểu", 64.6, None, 1, "Không", ONE, 100),
    ("MT03", MT, "II.3", "Tỷ lệ dân cư nông thôn được sử dụng nước hợp vệ sinh đạt 98,5%",
     "Tỷ lệ dân cư nông thôn được sử dụng nước hợp vệ sinh", "%", "%", "Tối thiểu", 98.5,
     None, 1, "Không", ONE, 100),
    ("MT04", MT, "II.3", "Tỷ lệ chất thải rắn ở đô thị được thu gom và xử lý đạt 96,6%",
     "Tỷ lệ chất thải rắn đô thị được thu gom, xử lý", "%", "%", "Tối thiểu", 96.6, None, 1,
     "Không", ONE, 100),
    ("MT05", MT, "II.3", "Tỷ lệ chất thải y tế được xử lý đạt 100%",
     "Tỷ lệ chất thải y tế được xử lý", "%", "%", "Tối thiểu", 100, None, 1, "Không", ONE,
     100),
]

TARGET_HEADERS = ["Mã", "Nhóm", "Mục", "Nội dung theo Chỉ thị", "Tên ngắn", "Đơn vị tính",
                  "Đơn vị tính số liệu báo cáo", "Loại chỉ tiêu", "Giá trị (từ)", "Đến",
                  "Số chữ số thập phân", "Lũy kế trong năm", "Cách tổng hợp",
                  "Giới hạn hợp lý (mỗi đơn vị)", "Chỉ đánh giá cuối năm",
                  "Số chữ số thập phân số liệu báo cáo"]

# Decimals as the province's statistics print them: growth rates and shares with two (6,01%),
# budget revenue with one (9.805,5 tỷ đồng). Overrides column "Số chữ số thập phân" above.
DECIMALS = {"KT01": 2, "KT02": 2, "KT03": 2, "KT04": 2, "KT05": 2, "KT09": 2, "KT10": 1,
            "XH12": 2, "XH13": 2, "XH14": 2, "XH15": 2, "XH16": 2}
# Digits of the reported figure where they differ from the judged one (growth 8,17%; 667,2 USD).
REPORTED_DECIMALS = {"KT09": 1}
# Measured only at year end: in-year reports print the figure and do not judge it.
YEAR_END_ONLY = {"KT06", "XH01", "XH04", "XH12", "XH17", "XH18", "MT02"}

TARGETS_GUIDE_DECIMALS = [
    "Số chữ số thập phân: số chữ số sau dấu phẩy khi in con số được đánh giá (con số thực hiện; "
    "với chỉ tiêu tăng, giảm so cùng kỳ là mức tăng, giảm đạt được), theo cách số liệu chính "
    "thức được công bố: tốc độ tăng, tỷ trọng ghi 2 chữ số (6,01%); thu ngân sách 1 chữ số "
    "(9.805,5 tỷ đồng).",
    "Số chữ số thập phân số liệu báo cáo: chỉ ghi khi con số đơn vị báo cáo có số chữ số khác "
    "con số được đánh giá (chỉ tiêu “tăng 8 - 9%”: mức tăng in 2 chữ số, kim ngạch báo cáo bằng "
    "triệu USD in 1 chữ số). Số đếm (xã, trường, vụ, người) luôn là số nguyên.",
    "Cách đánh giá ở mốc: chỉ tiêu được đánh giá trên con số đúng như đơn vị báo cáo, không làm "
    "tròn trước. Văn bản in con số với số chữ số thập phân ở trên; nếu làm tròn khiến con số in "
    "ra chạm hoặc vượt qua một mốc mà con số thật chưa tới (hoặc ngược lại) — ví dụ 6,96 với "
    "chỉ tiêu 7 - 7,5% sẽ in thành 7,0 — thì in thêm chữ số thập phân cho đến khi con số in ra "
    "nằm đúng phía của mốc (in 6,96, đánh giá Không đạt). Lời đánh giá không bao giờ trái với "
    "con số in bên cạnh.",
]
TARGETS_GUIDE_YEAR_END = (
    "Chỉ đánh giá cuối năm: Có — chỉ tiêu chỉ đo được khi hết năm (công nhận xã đạt chuẩn nông "
    "thôn mới, trường đạt chuẩn, rà soát hộ nghèo, công bố hiện trạng rừng, GRDP bình quân đầu "
    "người…): báo cáo quý I, 6 tháng, 9 tháng in số liệu nếu có, ghi “Đánh giá cuối năm”, không "
    "tính vào số chỉ tiêu đạt hay không đạt. Để trống là Không.")
TARGETS_GUIDE_UNITS = (
    "Đơn vị nào báo cáo chỉ tiêu nào, kế hoạch tỉnh giao cho từng đơn vị, đơn vị nào chỉ báo cáo "
    "số liệu chung mà không chấm điểm: ghi ở tệp don_vi.xlsx (cột “Chỉ tiêu báo cáo” và trang "
    "“Kế hoạch giao”). Chỉ tiêu “Một đơn vị” chỉ giao cho đúng một đơn vị.")
UNITS_GUIDE_PLANS = [
    "Chỉ tiêu có Cách tổng hợp “Một đơn vị” (chi_tieu.xlsx) chỉ ghi ở một đơn vị; ghi ở đơn vị "
    "thứ hai là lỗi config-invalid tại ô đó, và đơn vị thứ hai không được tính chỉ tiêu này.",
    "Trang “Kế hoạch giao”: mỗi dòng một đơn vị và một chỉ tiêu đơn vị báo cáo. Kế hoạch giao "
    "(từ), Đến: kế hoạch tỉnh giao riêng cho đơn vị (ví dụ số xã đạt chuẩn nông thôn mới của "
    "huyện); để trống thì dùng kế hoạch của tỉnh. Chỉ tiêu “Cộng các đơn vị” tính bằng số lượng "
    "(xã, trường, ha…) phải có kế hoạch giao cho từng đơn vị: chấm điểm so số của đơn vị với kế "
    "hoạch giao của đơn vị, không chia đều kế hoạch của tỉnh; đơn vị chưa có kế hoạch giao "
    "không được chấm trên chỉ tiêu đó (cảnh báo config-plan-missing).",
    "Tính điểm: Không — đơn vị chỉ báo cáo số liệu chung của cả tỉnh (ví dụ Cục Thống kê báo "
    "cáo GRDP, cơ cấu kinh tế), không chấm điểm đơn vị trên kết quả đó. Để trống là Có.",
    "Kế hoạch giao năm 2024 trong tệp này là DỮ LIỆU MẪU (Chỉ thị không ghi kế hoạch từng "
    "huyện): thay bằng kế hoạch trong quyết định giao chỉ tiêu của UBND tỉnh.",
]
PLAN_HEADERS = ["Mã đơn vị", "Mã chỉ tiêu", "Kế hoạch giao (từ)", "Đến", "Tính điểm", "Ghi chú"]
SAMPLE_PLAN = "Dữ liệu mẫu: thay bằng kế hoạch tỉnh giao"
# SAMPLE plans per district (H01..H11), adding up to the directive's plan of the province.
DISTRICT_PLANS = {
    "XH01": (0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 0),
    "XH04": (2, 2, 1, 2, 1, 1, 1, 2, 1, 1, 1),
    "XH17": (1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
    "XH18": (1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0),
    "MT01": (150, 1000, 1000, 700, 700, 900, 900, 900, 900, 1000, 850),
}
# Units that only report a province-wide figure: not scored on it.
REPORT_ONLY = {"S22": ("KT01", "KT02", "KT03", "KT04", "KT05", "KT06")}
REPORT_ONLY_NOTE = "Chỉ báo cáo số liệu chung của tỉnh, không chấm điểm"


def target_row(row: tuple) -> list:
    """Return a target's row of the sheet, with the decimals and year-end flag above."""
    values = list(row)
    values[10] = DECIMALS.get(row[0], row[10])
    return values + ["Có" if row[0] in YEAR_END_ONLY else "Không",
                     REPORTED_DECIMALS.get(row[0])]


def plan_rows() -> list[list]:
    """Return the rows of the sheet "Kế hoạch giao": district plans, then report-only figures."""
    rows = [[f"H{n:02d}", code, plans[n - 1], None, "Có", SAMPLE_PLAN]
            for code, plans in DISTRICT_PLANS.items() for n in range(1, 12)]
    rows += [[unit, code, None, None, "Không", REPORT_ONLY_NOTE]
             for unit, codes in REPORT_ONLY.items() for code in codes]
    return rows

DISTRICTS = [
    ("H01", "Ủy ban nhân dân thành phố Lạng Sơn", "UBND thành phố Lạng Sơn", "CUM2"),
    ("H02", "Ủy ban nhân dân huyện Tràng Định", "UBND huyện Tràng Định", "CUM1"),
    ("H03", "Ủy ban nhân dân huyện Bình Gia", "UBND huyện Bình Gia", "CUM2"),
    ("H04", "Ủy ban nhân dân huyện Văn Lãng", "UBND huyện Văn Lãng", "CUM1"),
    ("H05", "Ủy ban nhân dân huyện Cao Lộc", "UBND huyện Cao Lộc", "CUM1"),
    ("H06", "Ủy ban nhân dân huyện Văn Quan", "UBND huyện Văn Quan", "CUM2"),
    ("H07", "Ủy ban nhân dân huyện Bắc Sơn", "UBND huyện Bắc Sơn", "CUM2"),
    ("H08", "Ủy ban nhân dân huyện Hữu Lũng", "UBND huyện Hữu Lũng", "CUM2"),
    ("H09", "Ủy ban nhân dân huyện Chi Lăng", "UBND huyện Chi Lăng", "CUM2"),
    ("H10", "Ủy ban nhân dân huyện Lộc Bình", "UBND huyện Lộc Bình", "CUM1"),
    ("H11", "Ủy ban nhân dân huyện Đình Lập", "UBND huyện Đình Lập", "CUM1"),
]
DISTRICT_TARGETS = "XH01, XH04, XH17, XH18, MT01"

DEPARTMENTS = [
    ("S01", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "KHOI3", ""),
    ("S02", "Sở Nội vụ", "Sở Nội vụ", "KHOI3", ""),
    ("S03", "Sở Tư pháp", "Sở Tư pháp", "KHOI3", ""),
    ("S04", "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", "KHOI1", "KT12"),
    ("S05", "Sở Tài chính", "Sở Tài chính", "KHOI1", "KT10, KT11"),
    ("S06", "Sở Công Thương", "Sở Công Thương", "KHOI1", "KT09"),
    ("S07", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và PTNT", "KHOI1",
     "MT02, MT03"),
    ("S08", "Sở Giao thông vận tải", "Sở Giao thông vận tải", "KHOI1", "XH02, XH03"),
    ("S09", "Sở Xây dựng", "Sở Xây dựng", "KHOI1", "MT04"),
    ("S10", "Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường", "KHOI1", ""),
    ("S11", "Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", "KHOI2", ""),
    ("S12", "Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội",
     "KHOI2", "XH10, XH11, XH12"),
    ("S13", "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "KHOI2",
     "KT07, KT08, XH05"),
    ("S14", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "KHOI2", ""),
    ("S15", "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "KHOI2", ""),
    ("S16", "Sở Y tế", "Sở Y tế", "KHOI2", "XH06, XH07, XH08, XH09, MT05"),
    ("S17", "Sở Ngoại vụ", "Sở Ngoại vụ", "KHOI3", ""),
    ("S18", "Thanh tra tỉnh", "Thanh tra tỉnh", "KHOI3", ""),
    ("S19", "Ban Dân tộc", "Ban Dân tộc", "KHOI2", ""),
    ("S20", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
     "Ban Quản lý Khu KTCK Đồng Đăng - Lạng Sơn", "KHOI1", ""),
    ("S21", "Công an tỉnh", "Công an tỉnh", "KHOI3", "XH13, XH14, XH15, XH16"),
    ("S22", "Cục Thống kê tỉnh", "Cục Thống kê", "KHOI1", "KT01, KT02, KT03, KT04, KT05, KT06"),
]

CLUSTERS = [
    ("CUM1", "Cụm thi đua các huyện biên giới", "Cụm", "H05", "H10"),
    ("CUM2", "Cụm thi đua các huyện, thành phố nội địa", "Cụm", "H01", "H08"),
    ("KHOI1", "Khối thi đua các cơ quan kinh tế", "Khối", "S04", "S06"),
    ("KHOI2", "Khối thi đua các cơ quan văn hóa - xã hội", "Khối", "S16", "S13"),
    ("KHOI3", "Khối thi đua các cơ quan tổng hợp, nội chính", "Khối", "S21", "S03"),
]

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def header(ws, row: int, names: list[str], widths: list[int]) -> None:
    """Write a bold, wrapped header row and set column widths."""
    for col, (name, width) in enumerate(zip(names, widths), start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def guide(ws, lines: list[str]) -> None:
    """Write a guide sheet: one line per row, wide column."""
    ws.column_dimensions["A"].width = 120
    for i, line in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True)
        if i == 1:
            cell.font = Font(bold=True, size=13)


def targets_workbook() -> Workbook:
    """Build chi_tieu.xlsx: the directive and its targets."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Hướng dẫn"
    guide(ws, [
        "CHỈ TIÊU CỦA CHỈ THỊ PHÁT ĐỘNG THI ĐUA — hướng dẫn sửa tệp này",
        "Trang “Chỉ thị”: tên, số và ngày của Chỉ thị năm. Trang “Chỉ tiêu”: mỗi dòng một chỉ tiêu.",
        "Mã: duy nhất, không đổi giữa các kỳ (đơn vị ghi mã này trong biểu mẫu báo cáo).",
        "Nhóm: Kinh tế, Xã hội hoặc Môi trường. Mục: mục của Chỉ thị đặt ra chỉ tiêu.",
        "Đơn vị tính: của chỉ tiêu như Chỉ thị ghi. Đơn vị tính số liệu báo cáo: của con số đơn vị "
        "ghi vào biểu (khác nhau với chỉ tiêu tăng/giảm so cùng kỳ, ví dụ chỉ tiêu “giảm 5%” "
        "nhưng đơn vị báo cáo số vụ).",
        "Loại chỉ tiêu (chọn trong danh sách):",
        "  • Tối thiểu — đạt ít nhất giá trị: cao hơn là Vượt, bằng là Đạt, thấp hơn là Không đạt.",
        "  • Khoảng cần đạt — ví dụ 7 - 7,5%: dưới 7 Không đạt, từ 7 đến 7,5 Đạt, trên 7,5 Vượt.",
        "  • Xấp xỉ — “khoảng 38 - 39”: đánh giá như Khoảng cần đạt.",
        "  • Cơ cấu — tỷ trọng phải nằm trong khoảng: trong khoảng Đạt, ngoài khoảng Không đạt "
        "(ghi rõ cao hơn hay thấp hơn).",
        "  • Tăng thêm — số đếm tăng thêm trong năm (ví dụ thêm 10 xã): như Tối thiểu.",
        "  • Duy trì — mức phải giữ (ví dụ 100% xã duy trì): như Tối thiểu.",
        "  • Tăng so cùng kỳ — mức tăng (%) so với cùng kỳ năm trước, đánh giá như Khoảng cần đạt "
        "(hoặc Tối thiểu khi chỉ có một giá trị).",
        "  • Giảm so cùng kỳ — mức giảm (%) so với cùng kỳ, “từ 5% trở lên”: như Tối thiểu.",
        "  • Giảm điểm % — mức giảm tính bằng điểm phần trăm (tỷ lệ năm trước trừ năm nay).",
        "Giá trị (từ), Đến: giá trị của chỉ tiêu; chỉ ghi “Đến” khi chỉ tiêu là một khoảng.",
        *TARGETS_GUIDE_DECIMALS,
        "Lũy kế trong năm: Có — đại lượng cộng dồn trong năm (khách du lịch, thu ngân sách…); "
        "báo cáo quý/6 tháng/9 tháng tính % kế hoạch năm và đánh giá theo tiến độ thời gian "
        "(quý I 25%, 6 tháng 50%, 9 tháng 75%).",
        "Cách tổng hợp: Cộng các đơn vị (số của tỉnh = tổng số các đơn vị được giao) hoặc "
        "Một đơn vị (một đơn vị báo cáo số của cả tỉnh).",
        "Giới hạn hợp lý: con số một đơn vị báo cáo lớn hơn mức này bị coi là ghi nhầm đơn vị tính.",
        TARGETS_GUIDE_YEAR_END,
        TARGETS_GUIDE_UNITS,
        "Năm sau: chép tệp này sang thư mục config/<năm mới>/ và sửa theo Chỉ thị mới.",
    ])
    info = wb.create_sheet("Chỉ thị")
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 110
    for row in [("Năm", 2024),
                ("Tên Chỉ thị", "Chỉ thị của Chủ tịch Ủy ban nhân dân tỉnh về phát động thi đua "
                 "thực hiện thắng lợi mục tiêu, nhiệm vụ phát triển kinh tế - xã hội, bảo đảm "
                 "quốc phòng, an ninh năm 2024"),
                ("Chủ đề", "Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, "
                 "sáng tạo bứt phá"),
                ("Số, ngày", "")]:
        info.append(row)
        info.cell(row=info.max_row, column=1).font = BOLD
    ws = wb.create_sheet("Chỉ tiêu")
    header(ws, 1, TARGET_HEADERS, [7, 11, 10, 60, 40, 14, 14, 18, 11, 9, 10, 10, 18, 14, 12, 12])
    for row in TARGETS:
        ws.append(target_row(row))
        ws.cell(row=ws.max_row, column=4).alignment = Alignment(wrap_text=True)
    kinds = DataValidation(type="list", allow_blank=False, formula1='"' + ",".join([
        "Tối thiểu", "Khoảng cần đạt", "Xấp xỉ", "Cơ cấu", "Tăng thêm", "Duy trì",
        "Tăng so cùng kỳ", "Giảm so cùng kỳ", "Giảm điểm %"]) + '"')
    ws.add_data_validation(kinds)
    kinds.add("H2:H500")
    return wb


def registry_workbook() -> Workbook:
    """Build don_vi.xlsx: units, clusters and blocks, and who reports what."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Hướng dẫn"
    guide(ws, [
        "DANH SÁCH ĐƠN VỊ, CỤM VÀ KHỐI THI ĐUA — hướng dẫn sửa tệp này",
        "Trang “Đơn vị”: mỗi dòng một đơn vị. Mã đơn vị là duy nhất; đơn vị ghi mã này trong "
        "biểu mẫu báo cáo.",
        "Cụm, khối: mã cụm hoặc khối ở trang “Cụm, khối”.",
        "Chỉ tiêu báo cáo: các mã chỉ tiêu (tệp chi_tieu.xlsx) đơn vị được giao báo cáo, cách "
        "nhau bằng dấu phẩy, ví dụ: KT07, KT08. Để trống nếu đơn vị không báo cáo số liệu chỉ "
        "tiêu (đơn vị vẫn gửi báo cáo nội dung và tự chấm điểm).",
        "Trang “Cụm, khối”: trưởng và phó cụm, khối của năm ghi bằng mã đơn vị.",
        *UNITS_GUIDE_PLANS,
    ])
    ws = wb.create_sheet("Đơn vị")
    header(ws, 1, ["Mã đơn vị", "Tên đầy đủ", "Tên ngắn", "Loại", "Cụm, khối",
                   "Chỉ tiêu báo cáo"], [10, 50, 40, 18, 10, 40])
    for code, name, short, cluster in DISTRICTS:
        ws.append([code, name, short, "Huyện, thành phố", cluster, DISTRICT_TARGETS])
    for code, name, short, cluster, targets in DEPARTMENTS:
        ws.append([code, name, short, "Sở, ban, ngành", cluster, targets])
    ws = wb.create_sheet("Cụm, khối")
    header(ws, 1, ["Mã", "Tên cụm, khối", "Loại", "Trưởng cụm, khối", "Phó cụm, khối"],
           [10, 55, 8, 16, 16])
    for row in CLUSTERS:
        ws.append(list(row))
    ws = wb.create_sheet("Kế hoạch giao")
    header(ws, 1, PLAN_HEADERS, [10, 12, 14, 10, 10, 50])
    for row in plan_rows():
        ws.append(row)
    return wb


RECIPIENTS_UP = "Như trên;\nBan Thi đua - Khen thưởng tỉnh;\nThành viên Hội đồng Thi đua - Khen thưởng tỉnh;\nCác đơn vị trong cụm, khối thi đua;\nLãnh đạo Sở;\nLưu: VT, TĐKT."
DOCUMENTS = [
    # document, period, parent, agency, agency (sentence case), number, symbol, place, date,
    # addressees, recipients, signer lines, signer name
    ("Báo cáo kỳ", "Quý I", "UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Sở Nội vụ", None, "BC-SNV",
     "Lạng Sơn", "05/04/2024", "Ủy ban nhân dân tỉnh Lạng Sơn", RECIPIENTS_UP,
     "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lương Thị Hồng"),
    ("Báo cáo kỳ", "6 tháng", "UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Sở Nội vụ", None, "BC-SNV",
     "Lạng Sơn", "05/07/2024", "Ủy ban nhân dân tỉnh Lạng Sơn", RECIPIENTS_UP,
     "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lương Thị Hồng"),
    ("Báo cáo kỳ", "9 tháng", "UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Sở Nội vụ", None, "BC-SNV",
     "Lạng Sơn", "04/10/2024", "Ủy ban nhân dân tỉnh Lạng Sơn", RECIPIENTS_UP,
     "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lương Thị Hồng"),
    ("Báo cáo tổng kết", "Cả năm", "UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Sở Nội vụ", None,
     "BC-SNV", "Lạng Sơn", "06/01/2025", "Ủy ban nhân dân tỉnh Lạng Sơn", RECIPIENTS_UP,
     "GIÁM ĐỐC", "Lương Thị Hồng"),
]
DOCUMENTS += [
    ("Bảng xếp hạng", "Cả năm", "UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Sở Nội vụ", None, "BC-SNV",
     "Lạng Sơn", "06/01/2025", "", "Các đơn vị trong cụm, khối thi đua;\nLãnh đạo Sở;\n"
     "Lưu: VT, TĐKT.", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lương Thị Hồng"),
    ("Tờ trình", "Cả năm", "UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ", "Sở Nội vụ", None, "TTr-SNV",
     "Lạng Sơn", "08/01/2025", "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
     "Như trên;\nHội đồng Thi đua - Khen thưởng tỉnh;\nLãnh đạo Sở;\nLưu: VT, TĐKT.",
     "GIÁM ĐỐC", "Lương Thị Hồng"),
    ("Quyết định", "Cả năm", "", "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Ủy ban nhân dân tỉnh", None,
     "QĐ-UBND", "Lạng Sơn", "", "", "Như Điều 3;\nChủ tịch, các PCT UBND tỉnh;\n"
     "Hội đồng Thi đua - Khen thưởng tỉnh;\nC, PCVP UBND tỉnh;\nLưu: VT, NC.",
     "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Đoàn Văn Mẫu"),
]
BASES = [
    ("Tờ trình", "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"),
    ("Tờ trình", "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy "
     "định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"),
    ("Tờ trình", "Căn cứ Thông tư số 01/2024/TT-BNV ngày 29 tháng 02 năm 2024 của Bộ trưởng Bộ "
     "Nội vụ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"),
    ("Tờ trình", "Căn cứ kết quả chấm điểm, xếp hạng thi đua năm 2024 của các cụm, khối thi đua "
     "và biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh."),
    ("Quyết định", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa "
     "đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
     "phương ngày 22 tháng 11 năm 2019;"),
    ("Quyết định", "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"),
    ("Quyết định", "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
     "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"),
]
SEND_TO = "Sở Nội vụ (Phòng Thi đua, khen thưởng), qua hệ thống quản lý văn bản và thư điện tử"
FORMS = [("Quý I", "25/03/2024", SEND_TO), ("6 tháng", "25/06/2024", SEND_TO),
         ("9 tháng", "25/09/2024", SEND_TO), ("Cả năm", "15/12/2024", SEND_TO)]
DOC_HEADERS = ["Văn bản", "Kỳ", "Cơ quan chủ quản", "Cơ quan ban hành",
               "Tên cơ quan ban hành (chữ thường)", "Số", "Ký hiệu", "Địa danh", "Ngày",
               "Kính gửi", "Nơi nhận", "Quyền hạn, chức vụ người ký", "Người ký"]

S = "Sở Nội vụ"
TEXTS = [
    ("Quý I", "Công tác triển khai", "Ngay sau khi Chủ tịch UBND tỉnh ban hành Chỉ thị phát động thi đua năm 2024, Sở Nội vụ đã tham mưu hướng dẫn các cụm, khối thi đua tổ chức ký kết giao ước thi đua."),
    ("Quý I", "Công tác triển khai", "Các cụm, khối thi đua đã tổ chức hội nghị ký kết giao ước thi đua năm 2024 trong tháng 3."),
    ("Quý I", "Công tác khen thưởng", "Trong quý I, Sở Nội vụ đã thẩm định, trình Chủ tịch UBND tỉnh khen thưởng các tập thể, cá nhân có thành tích trong các phong trào thi đua chuyên đề."),
    ("Quý I", "Hoạt động cụm, khối", "Các cụm, khối thi đua đã xây dựng kế hoạch hoạt động năm 2024, phân công trưởng, phó cụm, khối theo quy định."),
    ("Quý I", "Tồn tại, hạn chế", "Một số đơn vị gửi báo cáo chậm so với thời hạn, số liệu chưa đầy đủ."),
    ("Quý I", "Nhiệm vụ kỳ tới", "Tiếp tục đôn đốc các cơ quan, đơn vị triển khai các phong trào thi đua, phấn đấu hoàn thành chỉ tiêu 6 tháng đầu năm."),
    ("Quý I", "Nhiệm vụ kỳ tới", "Hướng dẫn các cụm, khối thi đua tổ chức sơ kết 6 tháng."),
    ("6 tháng", "Công tác triển khai", "Các cơ quan, đơn vị tiếp tục triển khai Chỉ thị phát động thi đua gắn với nhiệm vụ chính trị của từng ngành, địa phương."),
    ("6 tháng", "Công tác khen thưởng", "Sở Nội vụ đã thẩm định hồ sơ khen thưởng theo đúng quy định của Luật Thi đua, khen thưởng năm 2022."),
    ("6 tháng", "Hoạt động cụm, khối", "Các cụm, khối thi đua đã tổ chức sơ kết 6 tháng, kiểm tra chéo kết quả thực hiện giao ước thi đua."),
    ("6 tháng", "Tồn tại, hạn chế", "Tiến độ giải ngân vốn đầu tư công và trồng rừng ở một số địa phương còn chậm."),
    ("6 tháng", "Nhiệm vụ kỳ tới", "Tập trung chỉ đạo hoàn thành các chỉ tiêu còn chậm tiến độ trong 6 tháng cuối năm."),
    ("9 tháng", "Công tác triển khai", "Các cơ quan, đơn vị đẩy mạnh các phong trào thi đua chào mừng các ngày kỷ niệm lớn của đất nước và của tỉnh."),
    ("9 tháng", "Công tác khen thưởng", "Sở Nội vụ tiếp tục thẩm định hồ sơ khen thưởng theo chuyên đề và đột xuất bảo đảm kịp thời."),
    ("9 tháng", "Hoạt động cụm, khối", "Các cụm, khối thi đua chuẩn bị nội dung tổng kết, chấm điểm thi đua năm 2024."),
    ("9 tháng", "Tồn tại, hạn chế", "Một số chỉ tiêu xã hội đạt thấp so với tiến độ kế hoạch năm."),
    ("9 tháng", "Nhiệm vụ kỳ tới", "Hướng dẫn các cụm, khối thi đua tổng kết, chấm điểm, bình xét thi đua năm 2024."),
    ("Cả năm", "Đặc điểm tình hình", "Năm 2024, tình hình kinh tế - xã hội của tỉnh tiếp tục phục hồi; bên cạnh thuận lợi còn nhiều khó khăn do thiên tai, bão số 3 gây thiệt hại lớn."),
    ("Cả năm", "Công tác triển khai", "Chủ tịch UBND tỉnh đã ban hành Chỉ thị phát động thi đua năm 2024; các cụm, khối thi đua tổ chức ký kết giao ước thi đua ngay từ đầu năm."),
    ("Cả năm", "Phong trào chuyên đề", "Các phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”, “Vì người nghèo - Không để ai bị bỏ lại phía sau” được triển khai sâu rộng."),
    ("Cả năm", "Công tác khen thưởng", "Công tác khen thưởng bảo đảm đúng quy định, chú trọng khen thưởng tập thể nhỏ và người lao động trực tiếp."),
    ("Cả năm", "Hoạt động cụm, khối", "Các cụm, khối thi đua đã tổ chức tổng kết, chấm điểm và bình xét thi đua năm 2024 đúng quy định."),
    ("Cả năm", "Đánh giá chung", "Phong trào thi đua năm 2024 được triển khai đồng bộ, góp phần quan trọng vào việc thực hiện các mục tiêu phát triển kinh tế - xã hội của tỉnh."),
    ("Cả năm", "Tồn tại, hạn chế", "Một số phong trào thi đua chưa thực sự đi vào chiều sâu; việc phát hiện, nhân rộng điển hình tiên tiến có nơi còn hạn chế."),
    ("Cả năm", "Phương hướng năm sau", "Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua gắn với nhiệm vụ chính trị năm 2025."),
    ("Cả năm", "Phương hướng năm sau", "Nâng cao chất lượng hoạt động của các cụm, khối thi đua; kịp thời phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến."),
    ("Cả năm", "Kiến nghị", "Đề nghị UBND tỉnh quan tâm bố trí kinh phí khen thưởng kịp thời cho các tập thể, cá nhân có thành tích xuất sắc."),
]


def documents_workbook() -> Workbook:
    """Build van_ban.xlsx: the document details and the secretariat's own texts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Hướng dẫn"
    guide(ws, [
        "THÔNG TIN VĂN BẢN VÀ NỘI DUNG CHUNG — hướng dẫn sửa tệp này",
        "Trang “Văn bản”: mỗi dòng là thông tin in trên một văn bản (cơ quan, số, ngày, nơi "
        "nhận, người ký). Số để trống khi văn bản còn là dự thảo (in “Số:      /BC-SNV”).",
        "Ngày ghi dạng ngày/tháng/năm (05/01/2025); để trống khi chưa có ngày ký.",
        "Kính gửi, Nơi nhận, Quyền hạn người ký: mỗi dòng trong ô là một mục (Alt+Enter để "
        "xuống dòng). Mục cuối của Nơi nhận là “Lưu: VT, …”.",
        "Quyền hạn, chức vụ người ký: chỉ dùng TM., Q., KT., TL., TUQ.; sau dòng KT. là chức vụ "
        "cấp phó (ví dụ KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC). Tên người ký không kèm học hàm, học vị.",
        "Trang “Biểu mẫu”: hạn gửi và nơi gửi báo cáo của từng kỳ, in trên biểu mẫu gửi đơn vị "
        "(lệnh make forms).",
        "Trang “Căn cứ”: các căn cứ pháp lý in ở đầu Tờ trình và Quyết định, mỗi dòng một căn "
        "cứ, theo thứ tự in; căn cứ cuối kết thúc bằng dấu chấm.",
        "Trang “Nội dung chung”: các đoạn văn do Văn phòng thường trực viết (đánh giá chung, "
        "phương hướng…), mỗi dòng một đoạn, ghi đúng kỳ và mục.",
        "Lưu ý: tên người ký và các đoạn văn trong tệp này là VÍ DỤ MẪU, cần thay bằng nội dung thật.",
    ])
    ws = wb.create_sheet("Văn bản")
    header(ws, 1, DOC_HEADERS, [18, 10, 22, 22, 22, 7, 12, 12, 12, 30, 45, 22, 22])
    for row in DOCUMENTS:
        ws.append(list(row))
        for col in (10, 11, 12):
            ws.cell(row=ws.max_row, column=col).alignment = Alignment(wrap_text=True)
    ws = wb.create_sheet("Biểu mẫu")
    header(ws, 1, ["Kỳ", "Hạn gửi", "Nơi gửi"], [10, 14, 60])
    for row in FORMS:
        ws.append(list(row))
    ws = wb.create_sheet("Căn cứ")
    header(ws, 1, ["Văn bản", "Căn cứ"], [18, 120])
    for row in BASES:
        ws.append(list(row))
    ws = wb.create_sheet("Nội dung chung")
    header(ws, 1, ["Kỳ", "Mục", "Nội dung"], [10, 24, 120])
    for row in TEXTS:
        ws.append(list(row))
        ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True)
    return wb


def main() -> int:
    """Write the files that do not exist yet (all of them with --force)."""
    OUT.mkdir(parents=True, exist_ok=True)
    force = "--force" in sys.argv
    for name, build in [("chi_tieu.xlsx", targets_workbook), ("don_vi.xlsx", registry_workbook),
                        ("van_ban.xlsx", documents_workbook)]:
        path = OUT / name
        if path.exists() and not force:
            print(f"{path} exists, left alone")
            continue
        build().save(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
