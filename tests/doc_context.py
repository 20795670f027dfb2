"""Full, valid template contexts for the report templates: the contract of templates/README.md.

``periodic_context()`` feeds ``bao_cao_ky.docx``, ``year_end_context()`` feeds
``bao_cao_tong_ket.docx``. Values are realistic Vietnamese text built from the 2024
directive of Lạng Sơn; the figures are SAMPLE DATA (``sample`` is True), not real results.
"""
from __future__ import annotations

import datetime as dt

# (group, no, name, unit of measure, plan, value, % of plan, same period, change, verdict)
TARGETS = [
    ("I. CHỈ TIÊU KINH TẾ", [
        ("1", "Tốc độ tăng tổng sản phẩm nội tỉnh (GRDP)", "%", "7 - 7,5", "4,2", "",
         "3,9", "+0,3 điểm %", "Đạt"),
        ("2", "Tổng sản phẩm bình quân đầu người", "triệu đồng", "65 - 66", "31,8", "48,5%",
         "29,6", "+7,4%", "Đạt"),
        ("3", "Lượng khách du lịch", "nghìn lượt", "4.060", "2.215", "54,6%", "1.987",
         "+11,5%", "Vượt"),
        ("4", "Doanh thu du lịch", "tỷ đồng", "4.300", "2.096", "48,7%", "1.874", "+11,8%",
         "Đạt"),
        ("5", "Kim ngạch xuất khẩu hàng địa phương", "% tăng", "8 - 9", "6,1", "", "", "",
         "Không đạt"),
        ("6", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "7.485", "3.962",
         "52,9%", "3.511", "+12,8%", "Vượt"),
        ("7", "Tổng chi ngân sách địa phương", "tỷ đồng", "14.040,807", "6.418,2", "45,7%",
         "6.102,5", "+5,2%", "Đạt"),
        ("8", "Tổng vốn đầu tư phát triển trên địa bàn", "nghìn tỷ đồng", "38 - 39", "17,2",
         "44,7%", "15,9", "+8,2%", "Đạt"),
    ]),
    ("II. CHỈ TIÊU XÃ HỘI", [
        ("9", "Số xã đạt chuẩn nông thôn mới tăng thêm", "xã", "10", "3", "30,0%", "2",
         "+1 xã", "Chưa có số liệu"),
        ("10", "Tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông", "%",
         "97,2", "96,8", "", "95,9", "+0,9 điểm %", "Đạt"),
        ("11", "Tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa", "%", "82",
         "79,5", "", "76,2", "+3,3 điểm %", "Đạt"),
        ("12", "Trường học đạt chuẩn quốc gia tăng thêm", "trường", "15", "6", "40,0%", "5",
         "+1 trường", "Đạt"),
        ("13", "Tỷ lệ thôn có nhà văn hóa đạt chuẩn", "%", "75,9", "74,1", "", "72,8",
         "+1,3 điểm %", "Đạt"),
        ("14", "Số bác sĩ trên 1 vạn dân", "bác sĩ", "11,4", "11,2", "", "10,9", "+0,3",
         "Đạt"),
        ("15", "Số giường bệnh trên 1 vạn dân", "giường", "33,6", "33,6", "", "33,1", "+0,5",
         "Đạt"),
        ("16", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "94,45", "93,80", "", "93,12",
         "+0,68 điểm %", "Đạt"),
        ("17", "Tỷ lệ lao động qua đào tạo", "%", "64", "62,5", "", "61,0", "+1,5 điểm %",
         "Đạt"),
        ("18", "Tỷ lệ lao động tham gia bảo hiểm xã hội", "%", "42", "39,8", "", "37,9",
         "+1,9 điểm %", "Đạt"),
        ("19", "Giảm tỷ lệ hộ nghèo", "điểm %", "2 - 3", "", "", "", "", "Chưa có số liệu"),
        ("20", "Giảm số vụ tai nạn giao thông so với cùng kỳ", "%", "≥ 5", "7,3", "", "82",
         "-7,3%", "Vượt"),
        ("21", "Giảm số vụ phạm pháp hình sự so với cùng kỳ", "%", "≥ 3", "2,1", "", "96",
         "-2,1%", "Không đạt"),
    ]),
    ("III. CHỈ TIÊU MÔI TRƯỜNG", [
        ("22", "Diện tích trồng rừng mới", "ha", "9.000", "5.860", "65,1%", "5.214", "+12,4%",
         "Vượt"),
        ("23", "Tỷ lệ che phủ rừng", "%", "64,6", "64,6", "", "64,2", "+0,4 điểm %", "Đạt"),
        ("24", "Tỷ lệ dân cư nông thôn sử dụng nước hợp vệ sinh", "%", "98,5", "98,1", "",
         "97,6", "+0,5 điểm %", "Đạt"),
        ("25", "Tỷ lệ chất thải rắn đô thị được thu gom, xử lý", "%", "96,6", "95,9", "",
         "95,2", "+0,7 điểm %", "Đạt"),
        ("26", "Tỷ lệ chất thải y tế được xử lý", "%", "100", "100", "", "100", "0", "Đạt"),
    ]),
]

ROW_FIELDS = ("no", "name", "uom", "plan", "value", "percent_of_plan", "last_year", "change",
              "verdict")


def doc_block(type_name: str, summary: str, symbol: str, date: dt.date | None,
              number: int | None) -> dict:
    """Return the ``doc`` mapping every template receives (values of config van_ban.xlsx)."""
    kind = "Báo cáo"
    reference = (f"{kind} số {number:02d}/{symbol} ngày {date.day:02d}/{date.month:02d}"
                 f"/{date.year}" if number and date else
                 f"{kind} số      /{symbol} ngày      tháng      năm")
    return {
        "parent_agency": "UBND TỈNH LẠNG SƠN",
        "agency": "SỞ NỘI VỤ",
        "agency_name": "Sở Nội vụ",
        "number": number,
        "symbol": symbol,
        "place": "Lạng Sơn",
        "date": date,
        "type_name": type_name,
        "summary": summary,
        "addressees": ["Ủy ban nhân dân tỉnh Lạng Sơn"],
        "recipients": ["Như trên;", "Ban Thi đua - Khen thưởng, Bộ Nội vụ;",
                       "Thường trực Tỉnh ủy, HĐND tỉnh;", "Chủ tịch, các PCT UBND tỉnh;",
                       "Hội đồng Thi đua - Khen thưởng tỉnh;",
                       "Các cụm, khối thi đua của tỉnh;", "Lãnh đạo Sở;", "Lưu: VT, TĐKT."],
        "signer_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        "signer_name": "Nguyễn Văn A",
        "reference": reference,
    }


def table_groups(with_last_year: bool = True) -> list[dict]:
    """Return the appendix rows, grouped, as already-formatted strings."""
    groups = []
    for name, rows in TARGETS:
        items = [dict(zip(ROW_FIELDS, row)) for row in rows]
        if not with_last_year:
            items = [{k: v for k, v in r.items() if k not in ("last_year", "change")}
                     for r in items]
        groups.append({"name": name, "rows": items})
    return groups


def quantity(value: str, uom: str) -> str:
    """Write "4,2%" or "2.215 nghìn lượt" (no space before "%")."""
    return value + uom if uom.startswith("%") else f"{value} {uom}"


def group_lines() -> list[dict]:
    """Return the generated sentences of section 2, one per target, per group."""
    names = ["Các chỉ tiêu kinh tế", "Các chỉ tiêu xã hội", "Các chỉ tiêu môi trường"]
    groups = []
    for name, (_, rows) in zip(names, TARGETS):
        sentences = [f"{r[1]}: {'thực hiện ' + quantity(r[4], r[2]) if r[4] else 'chưa có số liệu'}"
                     f" (kế hoạch năm {quantity(r[3], r[2])}), đánh giá: {r[8].lower()}."
                     for r in rows]
        groups.append({"name": name, "lines": sentences})
    return groups


COMMON = {
    "directive": ("Chỉ thị số 01/CT-UBND ngày 08/01/2024 của Chủ tịch Ủy ban nhân dân tỉnh"
                  " về việc phát động thi đua thực hiện thắng lợi mục tiêu, nhiệm vụ phát"
                  " triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh năm 2024"),
    "deployment": [
        "Sở Nội vụ đã tham mưu Hội đồng Thi đua - Khen thưởng tỉnh ban hành Kế hoạch tổ"
        " chức phong trào thi đua năm 2024; hướng dẫn các cụm, khối thi đua tổ chức ký kết"
        " giao ước thi đua ngay từ quý I.",
        "100% cơ quan, đơn vị, địa phương đã ban hành kế hoạch, phát động phong trào thi đua"
        " gắn với nhiệm vụ chính trị được giao.",
    ],
    "count_sentence": ("Có 20/24 chỉ tiêu có số liệu đạt và vượt kế hoạch theo tiến độ;"
                       " 2 chỉ tiêu chưa có số liệu."),
    "groups": group_lines(),
    "highlights": [
        {"unit": "UBND huyện Cao Lộc", "text": "hoàn thành 02 xã đạt chuẩn nông thôn mới"
         " nâng cao trước kế hoạch."},
        {"unit": "Phòng Tài chính & Kế hoạch huyện Hữu Lũng",
         "text": "số hóa 100% hồ sơ thủ tục hành chính <cấp huyện> đúng hạn."},
    ],
    "commendation": [
        "Trong kỳ, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 42 tập thể và 67 cá nhân có"
        " thành tích xuất sắc trong phong trào thi đua.",
    ],
    "cluster_lines": [
        "Các cụm, khối thi đua đã tổ chức ký kết giao ước thi đua năm 2024 và tổ chức hội"
        " nghị sơ kết theo đúng hướng dẫn.",
    ],
    "shortcomings": [
        {"unit": "", "text": "Một số đơn vị gửi báo cáo chậm, số liệu chưa đầy đủ."},
        {"unit": "UBND huyện Đình Lập", "text": "tiến độ giải ngân vốn đầu tư công còn chậm."},
    ],
    "proposals": [
        {"unit": "", "text": "Đề nghị UBND tỉnh chỉ đạo các cơ quan, đơn vị gửi báo cáo đúng"
         " thời hạn."},
        {"unit": "Sở Kế hoạch và Đầu tư", "text": "đề nghị bổ sung chỉ tiêu về chuyển đổi số"
         " vào bộ tiêu chí chấm điểm."},
    ],
    "missing_units": ["UBND huyện Bình Gia", "Sở Ngoại vụ"],
    "rejected": [
        {"unit": "Sở Ngoại vụ", "file": "SNgV_6thang.xlsx",
         "reason": "Tệp được đặt mật khẩu mở nên không đọc được."},
    ],
    "year": 2024,
    "sample": True,
}


def periodic_context(draft: bool = False) -> dict:
    """Return a full context for ``bao_cao_ky.docx`` (6 tháng đầu năm 2024)."""
    date, number = (None, None) if draft else (dt.date(2024, 7, 5), 5)
    summary = "Kết quả thực hiện phong trào thi đua 6 tháng đầu năm 2024"
    return {
        **COMMON,
        "doc": doc_block("BÁO CÁO", summary, "BC-SNV", date, number),
        "period_phrase": "6 tháng đầu năm",
        "next_tasks": [
            "Tiếp tục đẩy mạnh các phong trào thi đua, phấn đấu hoàn thành vượt mức các chỉ"
            " tiêu kinh tế - xã hội năm 2024.",
            "Chuẩn bị tổng kết phong trào thi đua, xét tặng Cờ thi đua và Bằng khen năm 2024.",
        ],
        "table_groups": table_groups(),
        "appendix_title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU 6 THÁNG ĐẦU NĂM 2024",
    }


def year_end_context(draft: bool = False) -> dict:
    """Return a full context for ``bao_cao_tong_ket.docx`` (cả năm 2024)."""
    date, number = (None, None) if draft else (dt.date(2025, 1, 8), 3)
    summary = ("Tổng kết phong trào thi đua năm 2024 và phương hướng, nhiệm vụ công tác thi"
               " đua, khen thưởng năm 2025")
    return {
        **COMMON,
        "doc": doc_block("BÁO CÁO", summary, "BC-SNV", date, number),
        "period_phrase": "năm",
        "count_sentence": "Có 21/24 chỉ tiêu có số liệu đạt và vượt kế hoạch năm 2024.",
        "situation": ["Năm 2024, tình hình kinh tế - xã hội của tỉnh tiếp tục phục hồi;"
                      " tuy nhiên thiên tai, bão số 3 (Yagi) gây thiệt hại lớn."],
        "movements": ["Phong trào “Cả nước chung sức xây dựng nông thôn mới” và phong trào"
                      " “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”."],
        "assessment": ["Phong trào thi đua được triển khai đồng bộ, bám sát nhiệm vụ chính trị;"
                       " công tác khen thưởng kịp thời, đúng quy định."],
        "directions": ["Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua"
                       " năm 2025."],
        "province_proposals": ["Đề nghị UBND tỉnh tặng Cờ thi đua cho 12 tập thể dẫn đầu các"
                               " cụm, khối thi đua năm 2024."],
        "achieved": 21,
        "total": 24,
        "no_data": 2,
        "table_groups": table_groups(with_last_year=False),
        "appendix_title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024",
    }


OPTIONAL_LISTS = ("deployment", "highlights", "commendation", "cluster_lines", "shortcomings",
                  "next_tasks", "proposals", "missing_units", "rejected", "situation",
                  "movements", "assessment", "directions", "province_proposals")


def sparse(context: dict) -> dict:
    """Return ``context`` with every optional list empty, no parent agency, a long agency
    name that wraps, and two addressees: the layout's hardest case."""
    context = {k: [] if k in OPTIONAL_LISTS else v for k, v in context.items()}
    context["doc"] = {**context["doc"], "parent_agency": "",
                      "agency": "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN",
                      "agency_name": "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
                      "addressees": ["Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Nội vụ tỉnh Lạng Sơn"]}
    return context
