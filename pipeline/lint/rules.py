"""The catalogue of the checker's rules: code, level, the decree's place, what is checked.

An ERROR is something Decree 30/2020/NĐ-CP (Phụ lục I: thể thức; Phụ lục III: mẫu văn bản)
requires; a WARNING is common practice the decree does not impose. ``--rules`` prints this
catalogue and the README's table repeats it.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "lỗi", "cảnh báo"
PL1 = "Phụ lục I, mục"          # Phụ lục I, Phần I (văn bản hành chính)
PRACTICE = "thông lệ, không phải quy định"


@dataclass(frozen=True)
class Rule:
    """One rule: level (ERROR/WARNING), the decree's place, and what it checks."""

    code: str
    level: str
    ref: str
    what: str


def _rules(*rows: tuple[str, str, str, str]) -> dict[str, Rule]:
    return {code: Rule(code, level, ref, what) for code, level, ref, what in rows}


RULES = _rules(
    ("page-size", ERROR, f"{PL1} I.1-2", "khổ giấy A4 (210 × 297 mm), trang đầu khổ dọc"),
    ("margins", ERROR, f"{PL1} I.3", "lề trên, dưới 20-25 mm, trái 30-35 mm, phải 15-20 mm"),
    ("font", ERROR, f"{PL1} I.4", "chữ hiển thị bằng phông Times New Roman"),
    ("font-color", ERROR, f"{PL1} I.4", "chữ màu đen"),
    ("font-lang", WARNING, PRACTICE, "ngôn ngữ soát lỗi chính tả là tiếng Việt"),
    ("page-number", ERROR, f"{PL1} I.7",
     "số trang bằng chữ số Ả Rập, cỡ 13-14, chữ đứng, căn giữa ở đầu trang"),
    ("page-number-first", ERROR, f"{PL1} I.7", "không hiển thị số trang ở trang thứ nhất"),
    ("header-table", ERROR, f"{PL1} IV",
     "đầu văn bản: bên trái tên cơ quan và số, ký hiệu; bên phải quốc hiệu, tiêu ngữ, địa"
     " danh và ngày (bảng hai cột không viền)"),
    ("national-title", ERROR, f"{PL1} II.1.a",
     "quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, in hoa, đậm, cỡ 12-13"),
    ("national-title-wrap", WARNING, PRACTICE, "quốc hiệu nằm trên một dòng"),
    ("motto", ERROR, f"{PL1} II.1.b", "tiêu ngữ “Độc lập - Tự do - Hạnh phúc”, đậm, cỡ 13-14"),
    ("motto-dash", ERROR, f"{PL1} II.1.b", "giữa các cụm từ của tiêu ngữ là gạch nối (-)"),
    ("motto-line", ERROR, f"{PL1} II.1.b", "dưới tiêu ngữ có đường kẻ dài bằng dòng chữ"),
    ("parent-agency", ERROR, f"{PL1} II.2.b",
     "tên cơ quan chủ quản in hoa, cỡ 12-13, chữ đứng, không đậm"),
    ("agency", ERROR, f"{PL1} II.2.b", "tên cơ quan ban hành in hoa, cỡ 12-13, đậm"),
    ("agency-line", ERROR, f"{PL1} II.2.b",
     "dưới tên cơ quan ban hành có đường kẻ dài 1/3-1/2 dòng chữ"),
    ("number-line", ERROR, f"{PL1} II.3.c",
     "dòng “Số: 05/BC-SNV”: cỡ 13, chữ đứng, số dưới 10 có số 0, ký hiệu in hoa, không có"
     " dấu cách"),
    ("number-code", ERROR, f"{PL1} II.3.b; Phụ lục III, mục I",
     "chữ viết tắt tên loại trong ký hiệu khớp với tên loại văn bản (BÁO CÁO → BC)"),
    ("date-line", ERROR, f"{PL1} II.4.c",
     "địa danh, ngày tháng: nghiêng, cỡ 13-14, căn giữa dưới tiêu ngữ, cùng hàng với số"),
    ("date-zero", ERROR, f"{PL1} II.4.b", "ngày dưới 10 và tháng 1, 2 có số 0 ở trước"),
    ("doc-type", ERROR, f"{PL1} II.5.b", "tên loại văn bản in hoa, đậm, căn giữa, cỡ 13-14"),
    ("summary", ERROR, f"{PL1} II.5.b", "trích yếu nội dung đậm, căn giữa, cỡ 13-14"),
    ("kinh-gui", ERROR, f"{PL1} II.9.b, II.9.d",
     "tờ trình có “Kính gửi:”; dòng Kính gửi chữ đứng, cỡ 13-14"),
    ("can-cu", ERROR, f"{PL1} II.6.a", "căn cứ ban hành in nghiêng, cỡ 13-14"),
    ("can-cu-punctuation", ERROR, f"{PL1} II.6.a",
     "mỗi căn cứ kết thúc bằng “;”, căn cứ cuối cùng bằng “.”"),
    ("body-size", ERROR, f"{PL1} II.6.e", "nội dung cỡ 13-14"),
    ("body-size-mixed", WARNING, PRACTICE, "nội dung dùng một cỡ chữ thống nhất"),
    ("body-justify", ERROR, f"{PL1} II.6.e", "nội dung căn đều hai bên"),
    ("first-line-indent", ERROR, f"{PL1} II.6.e", "dòng đầu đoạn lùi vào 1 cm hoặc 1,27 cm"),
    ("para-spacing", ERROR, f"{PL1} II.6.e", "khoảng cách giữa các đoạn tối thiểu 6 pt"),
    ("line-spacing", ERROR, f"{PL1} II.6.e", "khoảng cách dòng từ một dòng đến 1,5 dòng"),
    ("heading-numbering", ERROR, f"{PL1} II.6.c-đ",
     "số thứ tự phần, mục, khoản, điều liên tiếp (I, II, III; 1, 2, 3)"),
    ("heading-bold", ERROR, f"{PL1} II.6.đ", "tiêu đề phần, mục, khoản in đậm"),
    ("point-order", ERROR, f"{PL1} II.6.đ",
     "điểm đánh theo bảng chữ cái tiếng Việt: a), b), c), d), đ), e), g)…"),
    ("end-mark", ERROR, "Phụ lục III, Mẫu 1.4", "đoạn cuối của nội dung kết thúc bằng “./.”"),
    ("recipients-label", ERROR, f"{PL1} II.9.d",
     "“Nơi nhận:” nghiêng, đậm, cỡ 12, sát lề trái"),
    ("recipients-items", ERROR, f"{PL1} II.9.d",
     "mỗi nơi nhận một dòng “- …;” cỡ 11, chữ đứng; có Kính gửi thì đầu tiên là “- Như trên;”"),
    ("recipients-archive", ERROR, f"{PL1} II.9.d", "nơi nhận cuối cùng là “- Lưu: VT, …”"),
    ("signer-prefix", ERROR, f"{PL1} II.7.b", "quyền hạn ký chỉ dùng TM., Q., KT., TL., TUQ."),
    ("signer-tm", ERROR, f"{PL1} II.7.b",
     "không ghi “TM.” khi văn bản do người đứng đầu ban hành theo thẩm quyền cá nhân"),
    ("signer-title", ERROR, f"{PL1} II.7.đ",
     "quyền hạn, chức vụ người ký in hoa, đậm, cỡ 13-14; sau “KT.” là chức vụ cấp phó"),
    ("signer-name", ERROR, f"{PL1} II.7.c, II.7.đ",
     "họ tên người ký đậm, cỡ 13-14, không ghi học hàm, học vị"),
    ("appendix-label", ERROR, f"{PL1} III.1.b",
     "dòng “Phụ lục” (số La Mã khi có nhiều phụ lục) in thường, đậm, căn giữa"),
    ("appendix-title", ERROR, f"{PL1} III.1.b", "tên phụ lục in hoa, đậm, căn giữa, cỡ 13-14"),
    ("appendix-reference", ERROR, f"{PL1} III.1.c",
     "dòng “(Kèm theo … số … ngày … của …)” nghiêng, căn giữa"),
    ("appendix-page-start", ERROR, f"{PL1} III.1.đ", "số trang mỗi phụ lục đánh lại từ 1"),
    ("appendix-landscape", WARNING, f"{PL1} I.2 (cho phép)",
     "bảng rộng hơn trang dọc đặt ở phần khổ ngang"),
    ("table-header-repeat", WARNING, PRACTICE, "hàng tiêu đề của bảng lặp lại ở mỗi trang"),
    ("table-row-split", WARNING, PRACTICE, "hàng của bảng không ngắt sang trang"),
    ("template-tag", ERROR, "văn bản chưa hoàn chỉnh",
     "không còn thẻ mẫu “{{ … }}”, “{% … %}” trong văn bản"),
    ("empty-value", ERROR, "văn bản chưa hoàn chỉnh (chế độ --generated)",
     "không còn giá trị trống “None”, “nan” trong văn bản lập tự động"),
)


def rule(code: str) -> Rule:
    """Return the rule of ``code`` (an unknown code counts as an error without a place)."""
    return RULES.get(code) or Rule(code, ERROR, "", "")
