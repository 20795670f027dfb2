"""Full, valid template contexts for the report templates: the contract of templates/README.md.

``periodic_context()`` feeds ``bao_cao_ky.docx``, ``year_end_context()`` feeds
``bao_cao_tong_ket.docx``, ``ranking_context()`` ``xep_hang.docx``, ``proposal_context()``
``to_trinh.docx`` and ``decision_context()`` ``quyet_dinh.docx``. Values are realistic
Vietnamese text built from the 2024 directive of Lạng Sơn; the figures and scores are SAMPLE
DATA (``sample`` is True), not real results. Charts are small PNG files drawn here.
"""
from __future__ import annotations

import atexit
import datetime as dt
import shutil
import struct
import tempfile
import zlib
from pathlib import Path

from pipeline.render import Picture

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
    kind = type_name.capitalize()
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
        "Hoàn thành 02 xã đạt chuẩn nông thôn mới nâng cao trước kế hoạch (UBND huyện Cao Lộc)",
        "Số hóa 100% hồ sơ thủ tục hành chính <cấp huyện> đúng hạn (Phòng Tài chính & Kế hoạch"
        " huyện Hữu Lũng)",
    ],
    "models": ["Mô hình “Chính quyền thân thiện” ở cấp xã (3 đơn vị: UBND huyện Cao Lộc,"
               " UBND huyện Văn Lãng và UBND huyện Lộc Bình)"],
    "commendation": [
        "Trong kỳ, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 42 tập thể và 67 cá nhân có"
        " thành tích xuất sắc trong phong trào thi đua.",
    ],
    "cluster_lines": [
        "Các cụm, khối thi đua đã tổ chức ký kết giao ước thi đua năm 2024 và tổ chức hội"
        " nghị sơ kết theo đúng hướng dẫn.",
    ],
    "shortcomings": ["Một số đơn vị gửi báo cáo chậm, số liệu chưa đầy đủ."],
    "unit_shortcomings": ["Tiến độ giải ngân vốn đầu tư công còn chậm (UBND huyện Đình Lập)"],
    "province_proposals": ["Đề nghị UBND tỉnh chỉ đạo các cơ quan, đơn vị gửi báo cáo đúng"
                           " thời hạn."],
    "proposals": ["Đề nghị bổ sung chỉ tiêu về chuyển đổi số vào bộ tiêu chí chấm điểm (Sở Kế"
                  " hoạch và Đầu tư)"],
    "unit_texts": [
        {"no": "1", "unit": "UBND huyện Cao Lộc",
         "highlights": "Hoàn thành 02 xã đạt chuẩn nông thôn mới nâng cao trước kế hoạch.",
         "models": "Mô hình “Chính quyền thân thiện” ở cấp xã.", "shortcomings": "",
         "proposals": ""},
        {"no": "2", "unit": "Phòng Tài chính & Kế hoạch huyện Hữu Lũng",
         "highlights": "Số hóa 100% hồ sơ thủ tục hành chính <cấp huyện> đúng hạn.\n"
                       "Giải ngân vốn đầu tư công đạt 60% kế hoạch.",
         "models": "", "shortcomings": "", "proposals": "Đề nghị hỗ trợ kinh phí số hóa."},
    ],
    "reported": 31,
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
        "texts_title": "TỔNG HỢP Ý KIẾN CỦA CÁC ĐƠN VỊ 6 THÁNG ĐẦU NĂM 2024",
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
        "exemplars": ["Các điển hình tiên tiến được tuyên truyền trên Báo Lạng Sơn."],
        "assessment": ["Phong trào thi đua được triển khai đồng bộ, bám sát nhiệm vụ chính trị;"
                       " công tác khen thưởng kịp thời, đúng quy định."],
        "strengths": ["Nội dung thi đua bám sát nhiệm vụ chính trị, có chỉ tiêu cụ thể."],
        "causes": ["Thiên tai, bão số 3 ảnh hưởng đến tiến độ một số chỉ tiêu."],
        "lessons": ["Thi đua hiệu quả khi gắn với nhiệm vụ chính trị và người đứng đầu vào"
                    " cuộc."],
        "directions": ["Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua"
                       " năm 2025."],
        "province_proposals": ["Đề nghị UBND tỉnh tặng Cờ thi đua cho 12 tập thể dẫn đầu các"
                               " cụm, khối thi đua năm 2024."],
        "achieved": 21,
        "total": 24,
        "no_data": 2,
        "table_groups": table_groups(with_last_year=False),
        "appendix_title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024",
        "texts_title": "TỔNG HỢP Ý KIẾN CỦA CÁC ĐƠN VỊ NĂM 2024",
        "award_summary": ("Từ kết quả chấm điểm, xếp hạng của các cụm, khối thi đua, đề nghị"
                          " Chủ tịch UBND tỉnh tặng Cờ thi đua của UBND tỉnh cho 02 tập thể"
                          " (tổng số 02 tập thể)."),
        "scoring_note": ("Xếp hạng của Khối thi đua các cơ quan kinh tế dựa trên điểm tự chấm"
                         " của các đơn vị."),
        "targets_chart": picture(),
        "ranking_groups": [{"name": name, "rows": ranking_rows(name), "chart": picture(),
                            "leader": leader_line(name)} for name in RANKINGS],
        "award_lines": AWARD_LINES,
    }


OPTIONAL_LISTS = ("deployment", "highlights", "models", "commendation", "cluster_lines",
                  "shortcomings", "unit_shortcomings", "next_tasks", "proposals", "unit_texts",
                  "missing_units", "rejected", "situation", "movements", "exemplars",
                  "assessment", "strengths", "causes", "lessons", "directions",
                  "province_proposals", "ranking_groups", "award_lines", "not_proposed")
OPTIONAL_TEXTS = ("award_summary", "scoring_note")


def sparse(context: dict) -> dict:
    """Return ``context`` with every optional list empty, no parent agency, a long agency
    name that wraps, and two addressees: the layout's hardest case."""
    context = {k: [] if k in OPTIONAL_LISTS else "" if k in OPTIONAL_TEXTS else v
               for k, v in context.items()}
    context["doc"] = {**context["doc"], "parent_agency": "",
                      "agency": "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN",
                      "agency_name": "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
                      "addressees": ["Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Nội vụ tỉnh Lạng Sơn"]}
    return context


# --------------------------------------------------------------------------- pictures
_CHART_DIR: list[Path] = []


def _png(width: int, height: int) -> bytes:
    """Return a small greyscale PNG (three bars on white), written without any library."""
    bars = [(0.15, 0.3, 0.9), (0.4, 0.55, 0.6), (0.65, 0.8, 0.35)]
    rows = []
    for y in range(height):
        row = bytearray([255] * width)
        for start, end, top in bars:
            if y >= height * (1 - top):
                row[int(width * start):int(width * end)] = bytes([110]) * (
                    int(width * end) - int(width * start))
        rows.append(b"\x00" + bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


def chart_file() -> Path:
    """Return a PNG chart in a temporary folder of this test session (made once)."""
    if not _CHART_DIR:
        folder = Path(tempfile.mkdtemp(prefix="bieu-do-test-"))
        atexit.register(shutil.rmtree, folder, True)
        (folder / "bieu_do.png").write_bytes(_png(320, 160))
        _CHART_DIR.append(folder)
    return _CHART_DIR[0] / "bieu_do.png"


def picture(width_mm: float = 160) -> Picture:
    """Return a chart as the pipeline passes it: a Picture 160 mm wide."""
    return Picture(chart_file(), width_mm)


# --------------------------------------------------------------------------- awards
# (rank, unit, total, exceeded, missed, note) per cluster/block: SAMPLE scores.
RANKINGS = {
    "Cụm thi đua 5 huyện biên giới": [
        ("1", "UBND huyện Tràng Định", "94,4", "2", "1", ""),
        ("1", "UBND huyện Văn Lãng", "94,4", "2", "0", ""),
        ("3", "UBND huyện Cao Lộc", "90,5", "0", "1", ""),
        ("4", "UBND huyện Lộc Bình", "83,1", "0", "2",
         "bị trừ điểm ở tiêu chí TR.2 (vi phạm kỷ luật) & báo cáo chậm"),
        ("5", "UBND huyện Đình Lập", "", "0", "0", "chưa gửi báo cáo cả năm"),
    ],
    "Khối thi đua các cơ quan kinh tế": [
        ("1", "Sở Nông nghiệp và Phát triển nông thôn", "104,5", "2", "0", ""),
        ("2", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "98,4", "0", "0", ""),
        ("3", "Sở Công Thương", "93,7", "0", "0", ""),
    ],
}
RANK_FIELDS = ("rank", "unit", "total", "exceeded", "missed", "note")
AWARD_LINES = [
    "UBND huyện Tràng Định (Cụm thi đua 5 huyện biên giới) chưa được đề nghị tặng Cờ thi đua"
    " của UBND tỉnh: không đủ điều kiện: có 1 chỉ tiêu không đạt",
    "UBND huyện Văn Lãng (Cụm thi đua 5 huyện biên giới, 94,4 điểm): đề nghị tặng Cờ thi đua"
    " của UBND tỉnh.",
    "Sở Nông nghiệp và Phát triển nông thôn (Khối thi đua các cơ quan kinh tế, 104,5 điểm):"
    " đề nghị tặng Cờ thi đua của UBND tỉnh.",
]
NOT_PROPOSED = [AWARD_LINES[0],
                "Sở Công Thương (Khối thi đua các cơ quan kinh tế) chưa được đề nghị tặng Bằng"
                " khen của Chủ tịch UBND tỉnh: đồng hạng 3 với Sở Xây dựng mà danh hiệu chỉ"
                " còn 1 suất: cụm, khối cần bình xét, biểu quyết lại"]


def ranking_rows(cluster: str) -> list[dict]:
    """Return a cluster's ranking rows, every cell a string."""
    return [dict(zip(RANK_FIELDS, row)) for row in RANKINGS[cluster]]


def leader_line(cluster: str) -> str:
    """Write who leads a cluster, as pipeline.awards does."""
    leaders = [r for r in RANKINGS[cluster] if r[0] == "1"]
    who = ", ".join(r[1] for r in leaders)
    verb = "cùng dẫn đầu" if len(leaders) > 1 else "dẫn đầu"
    return (f"{cluster}: {who} {verb} với {leaders[0][2]} điểm; {len(RANKINGS[cluster])} đơn vị"
            " được chấm điểm, xếp hạng.")


def award_lists() -> list[dict]:
    """Return the titles with the units proposed for each (SAMPLE)."""
    flags = [("UBND huyện Văn Lãng", "Cụm thi đua 5 huyện biên giới", "94,4", "1"),
             ("Sở Nông nghiệp và Phát triển nông thôn", "Khối thi đua các cơ quan kinh tế",
              "104,5", "1")]
    merits = [("UBND huyện Tràng Định", "Cụm thi đua 5 huyện biên giới", "94,4", "1"),
              ("UBND huyện Cao Lộc", "Cụm thi đua 5 huyện biên giới", "90,5", "3"),
              ("Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
               "Khối thi đua các cơ quan kinh tế", "98,4", "2")]
    lists = []
    for title, units in (("Cờ thi đua của UBND tỉnh", flags),
                         ("Bằng khen của Chủ tịch UBND tỉnh", merits)):
        lists.append({"title": title, "count": f"{len(units):02d}",
                      "roman": "I" if not lists else "II",
                      "units": [{"no": str(i), "unit": u, "full_name": u, "cluster": c,
                                 "total": t, "rank": r}
                                for i, (u, c, t, r) in enumerate(units, start=1)]})
    return lists


def ranking_context(draft: bool = False) -> dict:
    """Return a full context for ``xep_hang.docx`` (one cluster's ranking, no Kính gửi)."""
    date, number = (None, None) if draft else (dt.date(2025, 1, 6), 7)
    cluster = "Cụm thi đua 5 huyện biên giới"
    summary = f"Kết quả chấm điểm, xếp hạng thi đua năm 2024 của {cluster}"
    doc = doc_block("BÁO CÁO", summary, "BC-SNV", date, number)
    doc.update(addressees=[], recipients=["Các đơn vị trong cụm, khối thi đua;", "Lãnh đạo Sở;",
                                          "Lưu: VT, TĐKT."])
    return {"doc": doc, "sample": True, "year": 2024, "cluster": cluster,
            "leader": leader_line(cluster), "assessed": True, "rows": ranking_rows(cluster)}


LAW = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
DECREE = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định"
          " chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")


def proposal_context(draft: bool = False) -> dict:
    """Return a full context for ``to_trinh.docx`` (Tờ trình đề nghị khen thưởng)."""
    date, number = (None, None) if draft else (dt.date(2025, 1, 8), 12)
    summary = ("Đề nghị khen thưởng các tập thể có thành tích xuất sắc trong phong trào thi đua"
               " năm 2024")
    doc = doc_block("TỜ TRÌNH", summary, "TTr-SNV", date, number)
    doc.update(addressees=["Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"],
               recipients=["Như trên;", "Hội đồng Thi đua - Khen thưởng tỉnh;", "Lãnh đạo Sở;",
                           "Lưu: VT, TĐKT."], signer_lines=["GIÁM ĐỐC"])
    return {"doc": doc, "sample": True, "year": 2024, "directive": COMMON["directive"],
            "legal_bases": [LAW, DECREE,
                            "Căn cứ Thông tư số 01/2024/TT-BNV ngày 29 tháng 02 năm 2024 của Bộ"
                            " trưởng Bộ Nội vụ quy định chi tiết thi hành một số điều của Luật"
                            " Thi đua, khen thưởng;",
                            "Căn cứ kết quả chấm điểm, xếp hạng thi đua năm 2024 của các cụm,"
                            " khối thi đua và biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh."],
            "award_lists": award_lists(), "not_proposed": NOT_PROPOSED,
            "scoring_note": ("Xếp hạng của Khối thi đua các cơ quan kinh tế dựa trên điểm tự"
                             " chấm của các đơn vị."),
            "appendix_title": "DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024"}


def decision_context(draft: bool = False) -> dict:
    """Return a full context for ``quyet_dinh.docx``: the Chairman's decision, signed by a
    Vice Chairman (KT. CHỦ TỊCH), issued by the People's Committee without a parent agency.
    The pipeline writes it as a draft (``draft=True``: no number, no date)."""
    date, number = (None, None) if draft else (dt.date(2025, 1, 15), 85)
    summary = ("Về việc khen thưởng các tập thể có thành tích xuất sắc trong phong trào thi đua"
               " năm 2024")
    doc = doc_block("QUYẾT ĐỊNH", summary, "QĐ-UBND", date, number)
    doc.update(parent_agency="", agency="ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
               agency_name="Ủy ban nhân dân tỉnh", addressees=[],
               recipients=["Như Điều 3;", "Chủ tịch, các PCT UBND tỉnh;",
                           "Hội đồng Thi đua - Khen thưởng tỉnh;", "C, PCVP UBND tỉnh;",
                           "Lưu: VT, NC."],
               signer_lines=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer_name="Nguyễn Văn B")
    bases = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi,"
             " bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa"
             " phương ngày 22 tháng 11 năm 2019;", LAW, DECREE]
    return {"doc": doc, "sample": True, "year": 2024,
            "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "legal_bases": bases,
            "award_lists": award_lists(), "articles": ARTICLES,
            "proposal": {"agency_name": "Sở Nội vụ",
                         "reference": "Tờ trình số 12/TTr-SNV ngày 08 tháng 01 năm 2025"},
            "appendix_title": "DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG NĂM 2024"}


ARTICLES = [DECREE.replace("Căn cứ", "Tiền thưởng thực hiện theo").rstrip(";") + ".",
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc Sở"
            " Nội vụ và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định"
            " này./."]
