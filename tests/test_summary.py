"""The findings workbook (status board, findings), the units' notices and the summary text."""
import datetime as dt

import openpyxl
from python_calamine import CalamineWorkbook

from pipeline.findings import finding
from pipeline.model import Location, Period, Submission
from pipeline.summary import (BOARD_SHEET, FINDINGS_SHEET, LATE, MISSING, SENT, finding_line,
                              notices, status_board, summary_lines, unit_notice, write_findings)


def submission(unit, period, file, prepared_on=None):
    return Submission(unit=unit, period=period, year=2024, prepared_by="", prepared_on=prepared_on,
                      file=file, figures=())


def sheet_rows(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_hundred_thousand_findings_are_all_written(tmp_path):
    findings = [finding("value-not-number", Location(f"tep_{i}.xlsx", "Chỉ tiêu", f"E{i + 7}"),
                        unit=f"U{i % 50}", value=str(i)) for i in range(100_000)]
    path = tmp_path / "ket_qua.xlsx"
    write_findings(findings, path, {"U7": "Sở Bảy"})
    rows = sheet_rows(path, FINDINGS_SHEET)
    assert len(rows) == 100_001
    assert rows[1][:7] == ["Lỗi", "U0", "", "tep_0.xlsx", "Chỉ tiêu", "E7", "value-not-number"]
    last = rows[-1]
    assert (last[1], last[3], last[5]) == ("U49", "tep_99999.xlsx", "E100006")
    assert rows[8][2] == "Sở Bảy" and "“7”" in rows[8][7]


def test_control_characters_do_not_stop_the_workbook_or_the_summary(tmp_path):
    name = "bao\x01cao\x1b[31m.xlsx"
    found = [finding("file-corrupt", Location(name), unit="H01", detail="hỏng\x00")]
    path = tmp_path / "ket_qua.xlsx"
    write_findings(found, path, {"H01": "Thành\x07 phố"})
    row = sheet_rows(path, FINDINGS_SHEET)[1]
    assert row[2:4] == ["Thành phố", "baocao[31m.xlsx"]
    lines = summary_lines(1, 1, 0, 0, ((name, "hỏng\x02"),), {}, found) + [finding_line(found[0])]
    assert all("\x1b" not in line and "\x01" not in line and "\x02" not in line for line in lines)
    assert any("baocao[31m.xlsx: hỏng" in line for line in lines)


def test_findings_sheet_filters_freezes_and_prints_landscape_on_the_page_width(tmp_path):
    path = tmp_path / "ket_qua.xlsx"
    found = [finding("value-missing", Location("a.xlsx", "Chỉ tiêu", "E7"), unit="H01", value="KT01")]
    write_findings(found, path, {"H01": "Thành phố"}, ([Period.Q1], []))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [BOARD_SHEET, FINDINGS_SHEET]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book[FINDINGS_SHEET].auto_filter.ref == "A1:I2"


def test_every_text_is_kept_as_typed_styled_and_its_row_tall_enough_to_print_it(tmp_path):
    typed = "=SUM(A1:A9) & <b>“nháy”</b>\nsai \ud800 dòng " + "rất dài " * 20
    found = [finding("file-corrupt", Location("a&b.xlsx"), unit="H01", detail=typed)]
    path = tmp_path / "ket_qua.xlsx"
    write_findings(found, path, {"H01": "=1+1"}, ([Period.Q1], []))
    book = openpyxl.load_workbook(path)
    sheet = book[FINDINGS_SHEET]
    message = sheet["H2"]
    assert sheet["C2"].data_type == "s" and sheet["C2"].value == "=1+1"       # text, not a formula
    assert "(=SUM(A1:A9) & <b>“nháy”</b>\nsai  dòng rất dài" in message.value
    assert sheet["D2"].value == "a&b.xlsx"
    assert message.alignment.wrap_text and message.alignment.vertical == "top"
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("D9D9D9")
    lines = sum(len(part) // 54 + 1 for part in message.value.split("\n"))
    assert lines >= 4 and sheet.row_dimensions[2].height >= 15 * lines
    assert sheet.row_dimensions[3].height is None                 # one line: left to the default
    assert sheet.print_title_rows == "$1:$1"                       # the header on every page
    assert sheet_rows(path, FINDINGS_SHEET)[1][7] == message.value     # calamine reads it alike


def test_status_board_tells_sent_faulty_missing_and_late():
    deadline = dt.date(2024, 3, 25)
    subs = [submission("H01", Period.Q1, "h01.xlsx", dt.date(2024, 3, 20)),
            submission("H02", Period.Q1, "h02.xlsx", dt.date(2024, 3, 20)),
            submission("H03", Period.Q1, "h03.xlsx", dt.date(2024, 4, 2)),
            submission("H01", Period.H1, "h01_6.xlsx", None)]
    found = [finding("value-not-number", Location("h02.xlsx", "Chỉ tiêu", "E7"), unit="H02", value="x"),
             finding("value-negative", Location("h02.xlsx", "Chỉ tiêu", "E8"), unit="H02", value="-1"),
             finding("value-missing", Location("h01.xlsx", "Chỉ tiêu", "E9"), unit="H01", value="KT01"),
             finding("file-corrupt", Location("h04_hong.xlsx"), unit="H04", detail="x"),
             finding("year-mismatch", Location("h04_cu.xlsx", "Thông tin", "B4"), unit="H04",
                     value=2023, year=2024)]
    units = [("H01", "Một"), ("H02", "Hai"), ("H03", "Ba"), ("H04", "Bốn")]
    board = status_board(units, [Period.Q1, Period.H1], subs, found,
                         {Period.Q1: deadline, Period.H1: None})
    assert [(r.unit, r.name, r.statuses) for r in board] == [
        ("H01", "Một", (SENT, SENT)),               # a warning is not an error
        ("H02", "Hai", ("có lỗi (2)", MISSING)),
        ("H03", "Ba", (LATE, MISSING)),
        ("H04", "Bốn", (MISSING, MISSING))]
    assert board[3].note == "Tệp không dùng được: h04_hong.xlsx; Tệp của năm khác: h04_cu.xlsx"


def test_status_board_sheet_has_a_line_per_unit_and_a_column_per_period(tmp_path):
    subs = [submission("H01", Period.Q1, "h01.xlsx", dt.date(2024, 4, 2))]
    board = status_board([("H01", "Một"), ("H02", "Hai")], [Period.Q1], subs, [],
                         {Period.Q1: dt.date(2024, 3, 25)})
    path = tmp_path / "ket_qua.xlsx"
    write_findings([], path, {}, ([Period.Q1], board))
    rows = sheet_rows(path, BOARD_SHEET)
    assert rows[0] == ["Mã đơn vị", "Tên đơn vị", "Quý I", "Ghi chú"]
    assert rows[1][:3] == ["H01", "Một", LATE] and rows[2][:3] == ["H02", "Hai", MISSING]


def test_a_notice_per_unit_with_errors_names_each_cell_to_fix():
    found = [finding("value-not-number", Location("quy1/h02.xlsx", "Chỉ tiêu", "E7"), unit="H02", value="abc"),
             finding("value-missing", Location("quy1/h02.xlsx", "Chỉ tiêu", "E9"), unit="H02", value="KT05"),
             finding("value-missing", Location("quy1/h01.xlsx", "Chỉ tiêu", "E9"), unit="H01", value="KT05"),
             finding("year-mismatch", Location("cu/h03.xlsx", "Thông tin", "B4"), unit="H03", value=2023,
                     year=2024)]
    chosen = notices(found)
    assert list(chosen) == ["H02"]               # H01 has only a warning, H03 a file of another year
    resent = [finding("value-not-number", Location("cu.xlsx", "Chỉ tiêu", "E7"), unit="H04", value="x"),
              finding("submission-duplicate", Location("cu.xlsx"), unit="H04", period="Quý I",
                      kept="moi.xlsx", dropped="cu.xlsx", reason="…")]
    assert notices(resent) == {}                 # the error is in the file the resend replaced
    text = unit_notice("H02", "UBND huyện Tràng Định", chosen["H02"], 2024, "Sở Nội vụ")
    assert text.startswith("Kính gửi: UBND huyện Tràng Định (mã H02).")
    assert "1 lỗi cần sửa, 1 điểm cần xem lại" in text
    assert "1. [Lỗi] quy1/h02.xlsx, trang tính “Chỉ tiêu”, ô E7: Giá trị “abc” không phải là số." in text
    assert "2. [Xem lại] quy1/h02.xlsx, trang tính “Chỉ tiêu”, ô E9" in text


def test_workbooks_of_another_year_are_one_line_each_in_the_summary_not_errors():
    found = [finding("year-mismatch", Location(f"cu/{i}.xlsx", "Thông tin", "B4"), unit="H01",
                     value=2023, year=2024) for i in range(3)]
    lines = summary_lines(3, 3, 0, 0, (), {}, found)
    assert "Phát hiện 0 lỗi và 0 cảnh báo." in lines
    assert "Để riêng 3 tệp báo cáo của năm khác (không dùng):" in lines
    assert sum("cu/" in line for line in lines) == 3
