"""The catalogue of findings: stable codes, Vietnamese messages, and how to fix each.

A stage never prints: it returns ``Finding`` records built here. Messages are
``str.format`` templates filled with the keyword arguments of ``finding()``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Finding, Location, Severity

E, W = Severity.ERROR, Severity.WARNING

# code: (severity, message, how to fix)
CATALOG: dict[str, tuple[Severity, str, str]] = {
    # --- files -----------------------------------------------------------------
    "file-empty": (E, "Tệp rỗng (0 byte).",
                   "Đề nghị đơn vị gửi lại tệp Excel đã lưu đầy đủ."),
    "file-not-workbook": (E, "Tệp không phải bảng tính Excel ({detail}).",
                          "Đề nghị đơn vị gửi lại đúng tệp .xlsx theo biểu mẫu."),
    "file-corrupt": (E, "Không mở được tệp: tệp bị hỏng hoặc gửi chưa hết ({detail}).",
                     "Đề nghị đơn vị mở tệp bằng Excel, lưu lại rồi gửi lại."),
    "file-encrypted": (E, "Tệp được đặt mật khẩu mở nên không đọc được.",
                       "Đề nghị đơn vị bỏ mật khẩu (File > Info > Protect Workbook) rồi gửi lại."),
    "file-too-large": (E, "Tệp nén bất thường: khi giải nén lên tới {detail}, có thể là tệp độc hại.",
                       "Không mở tệp này; đề nghị đơn vị lập lại tệp từ biểu mẫu và gửi lại."),
    "file-unsafe": (E, "Tệp chứa nội dung XML không an toàn ({detail}).",
                    "Không mở tệp này; đề nghị đơn vị lập lại tệp từ biểu mẫu và gửi lại."),
    "file-broken-link": (E, "Đường dẫn tắt (liên kết) không trỏ tới tệp nào.",
                         "Chép chính tệp Excel (không phải lối tắt) vào thư mục input."),
    "file-unknown-layout": (E, "Tệp không theo biểu mẫu báo cáo: không thấy trang tính “{detail}”.",
                            "Đề nghị đơn vị dùng biểu mẫu do Sở Nội vụ gửi (lệnh make forms)."),
    "file-old-form": (E, "Tệp lập theo biểu mẫu phiên bản “{detail}”, chương trình không đọc được.",
                      "Đề nghị đơn vị chép số liệu sang biểu mẫu mới (lệnh make forms) và gửi lại."),
    "file-skipped": (W, "Bỏ qua tệp không phải bảng tính ({detail}).",
                     "Không cần làm gì; nếu đây là báo cáo của đơn vị, hãy xin tệp Excel."),
    # --- identity of the submission ---------------------------------------------
    "unit-missing": (E, "Chưa ghi mã đơn vị.",
                     "Ghi mã đơn vị theo danh sách đơn vị (ví dụ: H01) vào ô này."),
    "unit-unknown": (E, "Mã đơn vị “{value}” không có trong danh sách đơn vị.",
                     "Sửa mã đơn vị cho đúng danh sách trong config/{year}/don_vi.xlsx."),
    "period-invalid": (E, "Kỳ báo cáo “{value}” không hợp lệ.",
                       "Ghi một trong các kỳ: Quý I, 6 tháng, 9 tháng, Cả năm."),
    "year-invalid": (E, "Năm báo cáo “{value}” không hợp lệ.",
                     "Ghi năm báo cáo bằng 4 chữ số, ví dụ {year}."),
    "year-mismatch": (W, "Tệp là báo cáo năm {value}, không thuộc năm {year} đang tổng hợp: để "
                         "riêng, không dùng.",
                      "Nếu đây là báo cáo năm {year}, sửa ô Năm; nếu muốn tổng hợp năm {value}, "
                      "chạy lệnh với --year {value}."),
    "date-invalid": (W, "Ngày lập “{value}” không đọc được.",
                     "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2025."),
    "submission-duplicate": (W, "Đơn vị {unit} gửi hai tệp cho kỳ {period}: dùng “{kept}”, bỏ "
                                "“{dropped}” vì {reason}.",
                             "Nếu chọn nhầm tệp, chuyển tệp không dùng ra khỏi thư mục input rồi "
                             "chạy lại."),
    # --- values ------------------------------------------------------------------
    "target-unknown": (E, "Mã chỉ tiêu “{value}” không có trong Chỉ thị.",
                       "Sửa mã chỉ tiêu cho đúng biểu mẫu hoặc xóa dòng này."),
    "target-not-assigned": (W, "Đơn vị không được giao báo cáo chỉ tiêu {value}; số liệu không được tính.",
                            "Xóa dòng này, hoặc bổ sung phân công trong config/{year}/don_vi.xlsx."),
    "target-duplicate": (W, "Chỉ tiêu {value} ghi hai lần; chỉ dùng dòng đầu tiên.",
                         "Xóa dòng trùng."),
    "value-not-number": (E, "Giá trị “{value}” không phải là số.",
                         "Ghi số, dùng dấu phẩy cho phần thập phân (ví dụ 7,5) và không ghi chữ."),
    "value-formula": (E, "Ô có công thức nhưng chưa có kết quả tính (tệp lưu bằng chương trình khác Excel).",
                      "Mở tệp bằng Excel, nhấn F9 để tính lại rồi lưu; hoặc ghi thẳng con số."),
    "value-negative": (E, "Giá trị {value} là số âm, không hợp lệ với chỉ tiêu này.",
                       "Ghi lại số liệu đúng (không âm)."),
    "value-over-100": (E, "Tỷ lệ {value}% lớn hơn 100%.",
                       "Ghi tỷ lệ phần trăm từ 0 đến 100, ví dụ 97,2."),
    "value-fraction-percent": (W, "Tỷ lệ ghi dạng phân số {value}; đã hiểu là {converted}%.",
                               "Ghi tỷ lệ dạng phần trăm: {converted} (không ghi {value})."),
    "value-implausible": (E, "Giá trị {value} quá lớn so với đơn vị tính “{uom}” (kế hoạch cả tỉnh {plan}).",
                          "Kiểm tra số liệu và đơn vị tính: ghi theo “{uom}”, mỗi đơn vị thường không "
                          "quá {limit}; số lớn hơn thường do ghi theo đơn vị nhỏ hơn."),
    "value-ambiguous-comma": (W, "Số “{value}” có thể là {decimal} (dấu phẩy thập phân) hoặc "
                                 "{thousands} (dấu phẩy ngăn cách hàng nghìn); đã hiểu là {decimal}.",
                              "Nếu là {thousands}, ghi {thousands_plain} (không dùng dấu phẩy ngăn "
                              "cách hàng nghìn); nếu là {decimal}, không cần sửa."),
    "value-not-whole": (E, "Chỉ tiêu đếm số lượng nhưng giá trị {value} không phải số nguyên.",
                        "Ghi số nguyên, ví dụ 3."),
    "value-decreased": (W, "Số lũy kế {value} thấp hơn kỳ trước ({previous} ở {period}).",
                        "Số lũy kế không giảm qua các kỳ: kiểm tra lại số liệu của hai kỳ."),
    "value-legacy-encoding": (W, "Chữ viết bằng bảng mã cũ ({detail}); đã chuyển sang Unicode: “{value}”.",
                              "Đề nghị đơn vị gõ bằng Unicode (phông Times New Roman) ở lần sau."),
    "value-missing": (W, "Chưa có số liệu chỉ tiêu {value}.",
                      "Đề nghị đơn vị bổ sung số liệu vào ô này."),
    # --- data files ----------------------------------------------------------------
    "config-missing": (E, "Không tìm thấy tệp cấu hình {detail}.",
                       "Chép tệp cấu hình của năm vào thư mục config/{year}/."),
    "config-other-year": (W, "Ô ghi “{value}” (năm {detail}) trong thư mục cấu hình năm {year}: có "
                             "thể còn sót từ tệp chép của năm trước.",
                          "Sửa ô này theo năm {year} (ngày, hạn gửi, năm của Chỉ thị) rồi chạy lại; "
                          "nếu đúng là năm {detail}, bỏ qua cảnh báo này."),
    "config-invalid": (E, "Tệp cấu hình có giá trị không hợp lệ: {detail}.",
                       "Sửa ô này theo hướng dẫn ở trang tính “Hướng dẫn” của tệp."),
    "config-plan-missing": (W, "Đơn vị {unit} báo cáo chỉ tiêu {value} (cộng số các đơn vị) nhưng "
                               "chưa có kế hoạch tỉnh giao riêng; đơn vị không được chấm điểm trên "
                               "chỉ tiêu này.",
                            "Ghi kế hoạch giao cho đơn vị ở trang “Kế hoạch giao” của tệp "
                            "config/{year}/don_vi.xlsx (hoặc ghi Tính điểm = Không)."),
    # --- year-end scoring -------------------------------------------------------------
    "score-unknown-criterion": (E, "Mã tiêu chí “{value}” không có trong bảng tiêu chí chấm điểm; "
                                   "điểm không được tính.",
                                "Sửa mã tiêu chí cho đúng tệp cham_diem.xlsx của năm, hoặc xóa dòng này."),
    "score-duplicate": (W, "Tiêu chí {value} được chấm hai lần; chỉ dùng điểm ở dòng đầu tiên.",
                        "Xóa dòng chấm trùng."),
    "score-missing": (W, "Đơn vị chưa chấm tiêu chí {value}; tiêu chí này được tính 0 điểm.",
                      "Đề nghị đơn vị chấm bổ sung, hoặc cụm, khối chấm tiêu chí này trong bảng "
                      "chấm của cụm, khối."),
    "score-out-of-range": (W, "Điểm {value} của tiêu chí {criterion} nằm ngoài khoảng từ {low} đến "
                              "{high}; đã tính {used} điểm.",
                           "Sửa điểm trong khoảng cho phép (tiêu chí điểm trừ ghi số âm)."),
    "score-over-results": (W, "Tiêu chí {criterion}: điểm {source} là {claimed}, cao hơn điểm tính từ "
                              "kết quả chỉ tiêu ({computed} điểm: {basis}); dùng {computed} điểm.",
                           "Đối chiếu kết quả chỉ tiêu của đơn vị; nếu số liệu chỉ tiêu sai, sửa số "
                           "liệu trong báo cáo cả năm rồi chạy lại."),
    "cluster-scores-invalid": (E, "Bảng chấm điểm của cụm, khối không dùng được: {detail}.",
                               "Sửa bảng theo trang “Hướng dẫn” của tệp cham_diem.xlsx (mục Bảng "
                               "chấm điểm của cụm, khối)."),
    # --- documents -------------------------------------------------------------------
    "template-missing-data": (E, "Mẫu văn bản dùng biến “{detail}” nhưng dữ liệu không có.",
                              "Sửa tên biến trong mẫu văn bản cho đúng README, hoặc báo bộ phận kỹ thuật."),
    "template-invalid": (E, "Không dùng được mẫu văn bản: {detail}",
                         "Kiểm tra tệp mẫu trong thư mục templates/ (đúng tên, mở được bằng Word); "
                         "nếu lỗi cú pháp, sửa thẻ {{{{ }}}} hoặc {{% %}} quanh vị trí báo lỗi."),
    "output-locked": (E, "Không ghi được {detail}: tệp đang mở trong Word hoặc bị khóa.",
                      "Đóng tệp trong Word rồi chạy lại."),
    "output-kept": (W, "Văn bản {detail} đã bị sửa sau lần tạo trước; bản cũ được giữ lại là {value}.",
                    "Không cần làm gì; mở bản cũ nếu cần lấy lại phần đã sửa."),
    # --- facts the clerk supplies for the documents (van_ban.xlsx, chi_tieu.xlsx) -------
    "directive-reference-missing": (W, "Chưa ghi số, ngày ban hành của Chỉ thị{detail}; văn bản "
                                       "chỉ ghi tên Chỉ thị.",
                                    "Ghi số và ngày của Chỉ thị vào ô này, ví dụ: số 01/CT-UBND "
                                    "ngày 15/01/{year}."),
    "signer-mismatch": (W, "Người ký không khớp bảng người ký: {detail}.",
                        "Mỗi người ký ghi một lần ở trang “Người ký” của van_ban.xlsx (tên, chức "
                        "vụ); ở trang “Văn bản” chỉ ghi tên người ký, để trống cột quyền hạn."),
    "signer-example": (W, "Người ký “{value}” là tên ví dụ mẫu, chưa phải người ký thật ({detail}).",
                       "Thay bằng họ tên người ký thật ở trang “Người ký” của van_ban.xlsx và xóa "
                       "dấu ở cột “Tên ví dụ”."),
    "document-date-implausible": (W, "Ngày của {detail} là {value}, không hợp lý: {reason}.",
                                  "Sửa ngày ở trang “Văn bản” của van_ban.xlsx (để trống khi "
                                  "chưa có ngày ký)."),
    "legal-basis-incomplete": (W, "Căn cứ pháp lý của {detail} chưa đủ: {reason}.",
                               "Sửa trang “Căn cứ” của van_ban.xlsx: ghi đủ số, ngày của văn bản "
                               "làm căn cứ."),
    "section-text-missing": (W, "Chưa có nội dung mục “{value}” ({detail}); văn bản bỏ trống "
                                "phần này.",
                             "Viết nội dung vào trang “Nội dung chung” của van_ban.xlsx: dòng "
                             "Kỳ “{period}”, Mục “{value}”, cột “Nội dung”."),
    # --- faults met while running (issue 13) ----------------------------------------
    "output-failed": (E, "Không ghi được {detail}: {value}.", "{how}"),
    "output-elsewhere": (W, "{detail} đang mở nên kết quả kiểm tra lần này được ghi vào {value}.",
                         "Đóng {detail} trong Excel; lần chạy sau sẽ ghi lại vào đúng tên."),
    "document-not-made": (E, "Không lập được văn bản {value}: {detail}",
                          "Bổ sung dữ liệu còn thiếu trong tệp cấu hình rồi chạy lại; các văn bản "
                          "khác vẫn được lập."),
    "config-column-missing": (E, "Tệp cấu hình thiếu cột “{value}” ở dòng tiêu đề{detail}: các ô "
                                 "của cột này coi như trống, dòng nào bắt buộc phải có giá trị ở "
                                 "cột này thì bị bỏ qua.",
                              "Thêm lại cột “{value}” (đúng tên tiêu đề) vào trang tính này; có "
                              "thể chép từ tệp cấu hình của năm trước."),
    "config-row-missing": (E, "Tệp cấu hình chưa có dòng “{value}”{detail}.",
                           "Thêm dòng “{value}” vào trang tính này theo trang “Hướng dẫn”."),
    "file-too-many-cells": (E, "Bảng tính quá lớn: trang tính “{detail}” trải tới {value}, vượt "
                               "giới hạn {limit}; không mở tệp.",
                            "Đề nghị đơn vị xóa các dòng, cột thừa (hoặc lập lại tệp từ biểu mẫu) "
                            "rồi gửi lại."),
    "file-crashed-reader": (E, "Đọc tệp này làm chương trình hết bộ nhớ hoặc dừng đột ngột; tệp "
                               "không được dùng.",
                            "Đề nghị đơn vị lập lại tệp từ biểu mẫu (lệnh make forms) và gửi lại."),
    "file-outside-input": (W, "Bỏ qua: đây là liên kết trỏ ra ngoài thư mục báo cáo ({detail}).",
                           "Chép chính tệp Excel vào thư mục input thay cho liên kết."),
    "folder-skipped": (W, "Bỏ qua thư mục {detail}: đây là thư mục kết quả do chương trình ghi, "
                          "không phải báo cáo của đơn vị.",
                       "Không để thư mục kết quả (output) trong thư mục báo cáo (input)."),
    "column-missing": (W, "Dòng tiêu đề (dòng {row}) không có cột “{value}”; các ô của cột này coi "
                          "như chưa có số liệu.",
                       "Thêm lại cột “{value}” (đúng tên tiêu đề của biểu mẫu) và ghi số liệu."),
    "sheet-hidden-copy": (W, "Tệp có trang tính ẩn “{detail}” trùng tên với trang “{value}”: chỉ "
                             "đọc trang đang hiện.",
                          "Xóa trang tính ẩn cũ khỏi tệp để tránh nhầm lẫn."),
    "value-last-year-missing": (W, "Chưa có số liệu cùng kỳ năm trước của chỉ tiêu {value}: chỉ "
                                   "tiêu đánh giá theo mức tăng, giảm so với năm trước nên số liệu "
                                   "của đơn vị chưa được tính.",
                                "Đề nghị đơn vị ghi số liệu cùng kỳ năm trước vào ô này."),
}


def finding(code: str, location: Location, unit: str = "", **values: object) -> Finding:
    """Build the finding for a catalogued code, filling its message and fix."""
    severity, message, fix = CATALOG[code]
    values.setdefault("detail", "")
    values.setdefault("year", "")
    return Finding(code=code, severity=severity, message=message.format(unit=unit, **values),
                   fix=fix.format(unit=unit, **values), location=location, unit=unit)


@dataclass(frozen=True, init=False)
class Findings:
    """Findings, and the one place that says which are errors: ``valid`` means no error
    (warnings leave the data usable)."""

    items: tuple[Finding, ...]

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        object.__setattr__(self, "items", tuple(findings))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Return the errors, in order: what they concern is not used."""
        return tuple(f for f in self.items if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Return the warnings, in order: used, but to be looked at."""
        return tuple(f for f in self.items if f.severity is not Severity.ERROR)

    @property
    def valid(self) -> bool:
        """Tell whether there is no error."""
        return not any(f.severity is Severity.ERROR for f in self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
