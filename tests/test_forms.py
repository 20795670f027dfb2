"""Tests for the form writer: layout, protection, validations, fill, file name, round trips."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from pipeline import layout as L
from pipeline.errors import PipelineError
from pipeline.forms import (SAMPLE_MARK, Criterion, FormFill, build_form, form_file_name,
                            save_form)
from pipeline.model import Aggregation, Directive, Group, Kind, Period, Target, Unit

D = Decimal


def _target(code, group, uom, reported, kind, low, high=None, decimals=1, cap=None):
    """Build a target as config/2024/chi_tieu.xlsx defines it."""
    return Target(code=code, group=group, section="II", wording=f"Nội dung chỉ tiêu {code}",
                  name=code, unit_of_measure=uom, reported_unit=reported, kind=kind, low=D(low),
                  high=None if high is None else D(high), decimals=decimals, cumulative=False,
                  aggregation=Aggregation.SUM, plausible_max=None if cap is None else D(cap))


E, S, M = Group.ECONOMIC, Group.SOCIAL, Group.ENVIRONMENT
TARGETS = (
    _target("KT01", E, "%", "%", Kind.RANGE, "7", "7.5", cap="30"),             # GRDP growth
    _target("KT02", E, "%", "%", Kind.BAND, "23", "24", cap="100"),             # a share
    _target("KT07", E, "nghìn lượt", "nghìn lượt", Kind.MINIMUM, "4060", decimals=0,
            cap="20000"),
    _target("KT09", E, "%", "triệu USD", Kind.GROWTH, "8", "9", cap="5000"),    # exports
    _target("KT12", E, "nghìn tỷ đồng", "nghìn tỷ đồng", Kind.APPROXIMATE, "38", "39"),
    _target("XH01", S, "xã", "xã", Kind.COUNT_ADDED, "10", decimals=0, cap="30"),
    _target("XH12", S, "điểm %", "%", Kind.REDUCTION_POINTS, "2", "3", decimals=2),
    _target("XH13", S, "%", "vụ", Kind.REDUCTION, "5", cap="5000"),             # accidents
    _target("MT02", M, "%", "%", Kind.MINIMUM, "64.6", cap="100"),
)
DIRECTIVE = Directive(year=2024, title="Chỉ thị phát động thi đua năm 2024", reference="",
                      targets=TARGETS)
# Listed out of the directive's order: the form must follow the directive.
UNIT = Unit(code="H01", name="UBND Thành phố Lạng Sơn", kind="Huyện, thành phố", cluster="C1",
            targets=tuple(sorted(t.code for t in TARGETS)))
CRITERIA = (Criterion("A1", "I", "Hoàn thành chỉ tiêu được giao", D("40")),
            Criterion("B1", "II", "Tổ chức phát động thi đua", D("2.5")),
            Criterion("P1", "Điểm trừ", "Báo cáo chậm", D("-5")))
FILL = FormFill(prepared_by="Nguyễn Thị Hoa", prepared_on=dt.date(2024, 7, 3), phone="0912345678",
                values={"KT01": (D("7.2"), D("6.8"), "Cục Thống kê"),
                        "KT07": (D("2150"), D("1980"), ""),
                        "XH01": (D("4"), None, "Ước tính"),
                        "XH12": (D("5.25"), D("7.5"), "")},
                texts={L.TEXT_HIGHLIGHTS: "Ý thứ nhất\nÝ thứ hai"},
                scores={"A1": D("38.5"), "P1": D("-1")}, sample=True)
DEADLINE = dt.date(2024, 7, 5)
SEND_TO = "Sở Nội vụ (Ban Thi đua - Khen thưởng)"


def _form(period=Period.H1, criteria=(), fill=None):
    """Build the test unit's form."""
    return build_form(DIRECTIVE, UNIT, period, deadline=DEADLINE, send_to=SEND_TO,
                      criteria=criteria, fill=fill)


def _row_of(ws, code, first=L.TARGET_HEADER_ROW + 1):
    """Return the row whose column A holds code."""
    return next(r for r in range(first, ws.max_row + 1) if ws.cell(r, 1).value == code)


def _rules(ws):
    """Map each cell of each validation to (type, operator, formula1, formula2, style)."""
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else ((ws[rng.coord],),):
                for cell in row:
                    rules[cell.coordinate] = (dv.type, dv.operator, dv.formula1, dv.formula2,
                                              dv.errorStyle)
    return rules


def _dv_of(ws, coordinate):
    """Return the validation that covers a cell."""
    return next(dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref)


def test_sheets_in_order_guide_active_meta_hidden():
    wb = _form(Period.YEAR, CRITERIA)
    assert wb.sheetnames == [L.SHEET_GUIDE, L.SHEET_INFO, L.SHEET_TARGETS, L.SHEET_TEXTS,
                             L.SHEET_SCORES, L.SHEET_META]
    assert wb.active.title == L.SHEET_GUIDE
    assert wb[L.SHEET_META].sheet_state == "hidden"
    assert wb[L.SHEET_META][L.META_VERSION_CELL].value == L.FORM_VERSION
    assert all(ws.protection.sheet and not ws.protection.password for ws in wb.worksheets)


def test_scores_sheet_only_at_year_end_with_criteria():
    assert L.SHEET_SCORES not in _form(Period.H1, CRITERIA).sheetnames
    assert L.SHEET_SCORES not in _form(Period.YEAR).sheetnames


def test_guide_names_deadline_address_and_rules():
    text = "\n".join(str(c.value) for c in _form()[L.SHEET_GUIDE]["A"] if c.value)
    assert "ngày 05 tháng 7 năm 2024" in text and SEND_TO in text
    assert "7,5" in text and "97,2" in text and "LŨY KẾ" in text and "30/06/2024" in text
    assert "ô màu trắng" in text and SAMPLE_MARK not in text


def test_info_sheet_locked_identity_open_preparer():
    ws = _form()[L.SHEET_INFO]
    cells = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(L.INFO_FIRST_ROW, ws.max_row + 1)}
    assert list(cells) == list(L.INFO_LABELS)
    assert [cells[k].value for k in L.INFO_LABELS[:4]] == ["H01", UNIT.name, "6 tháng", 2024]
    assert all(cells[k].protection.locked for k in L.INFO_LABELS[:4])
    assert not any(cells[k].protection.locked for k in L.INFO_LABELS[4:])
    date_cell = cells[L.INFO_PREPARED_ON]
    assert date_cell.number_format == "dd/mm/yyyy"
    assert _rules(ws)[date_cell.coordinate][:2] == ("date", "between")


def test_targets_sheet_header_rows_in_directive_order_and_plan_text():
    ws = _form()[L.SHEET_TARGETS]
    assert "6 THÁNG ĐẦU NĂM 2024" in ws["A1"].value and UNIT.name in ws["A1"].value
    assert tuple(c.value for c in ws[L.TARGET_HEADER_ROW]) == L.TARGET_COLUMNS
    rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value)
            for r in range(L.TARGET_HEADER_ROW + 1, ws.max_row + 1)]
    assert [code for code, _ in rows if code] == [t.code for t in TARGETS]
    groups = [text for code, text in rows if not code]   # headings leave the code cell empty
    assert groups == ["Chỉ tiêu kinh tế", "Chỉ tiêu xã hội", "Chỉ tiêu môi trường"]
    plans = {t.code: ws.cell(_row_of(ws, t.code), 4).value for t in TARGETS}
    assert plans == {"KT01": "7 - 7,5", "KT02": "23 - 24", "KT07": "4.060",
                     "KT09": "tăng 8 - 9% so cùng kỳ", "KT12": "khoảng 38 - 39",
                     "XH01": "thêm 10", "XH12": "giảm 2 - 3 điểm %",
                     "XH13": "giảm từ 5% trở lên so cùng kỳ", "MT02": "64,6"}
    assert ws.cell(_row_of(ws, "XH13"), 3).value == "vụ"          # the unit of the figure
    assert ws.freeze_panes == f"A{L.TARGET_HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == f"${L.TARGET_HEADER_ROW}:${L.TARGET_HEADER_ROW}"


def test_targets_sheet_only_value_last_year_note_are_open():
    ws = _form()[L.SHEET_TARGETS]
    row = _row_of(ws, "KT01")
    locked = [ws.cell(row, col).protection.locked for col in range(1, 8)]
    assert locked == [True, True, True, True, False, False, False]
    assert ws.cell(L.TARGET_HEADER_ROW, 5).protection.locked
    assert ws.cell(L.TARGET_HEADER_ROW + 1, 5).protection.locked      # a group heading


@pytest.mark.parametrize("code, expected", [
    ("KT01", ("decimal", "between", "0", "30")),       # a rate, capped at the plausible maximum
    ("KT02", ("decimal", "between", "0", "100")),      # a share
    ("MT02", ("decimal", "between", "0", "100")),
    ("XH12", ("decimal", "between", "0", "100")),      # the poverty rate, not the points
    ("KT09", ("decimal", "between", "0", "5000")),     # export turnover, not the growth %
    ("KT07", ("decimal", "between", "0", "20000")),
    ("KT12", ("decimal", "greaterThanOrEqual", "0", None)),   # no plausible maximum
    ("XH01", ("whole", "between", "0", "30")),         # counts: whole numbers
    ("XH13", ("whole", "between", "0", "5000")),       # accidents: cases, not the %
])
def test_value_and_last_year_validation_fits_the_target(code, expected):
    ws = _form()[L.SHEET_TARGETS]
    row = _row_of(ws, code)
    rules = _rules(ws)
    assert rules[f"E{row}"] == rules[f"F{row}"] == expected + ("stop",)
    dv = _dv_of(ws, f"E{row}")
    uom = ws.cell(row, 3).value
    assert dv.showInputMessage and dv.showErrorMessage and dv.allow_blank
    assert f"Đơn vị tính: {uom}" in dv.prompt and "ví dụ" in dv.prompt and dv.error
    assert len(dv.promptTitle) <= 32 and len(dv.prompt) <= 255 and len(dv.error) <= 225


def test_number_formats_follow_decimals():
    ws = _form()[L.SHEET_TARGETS]
    assert ws.cell(_row_of(ws, "KT01"), 5).number_format == "#,##0.0"
    assert ws.cell(_row_of(ws, "XH12"), 6).number_format == "#,##0.00"
    assert ws.cell(_row_of(ws, "XH13"), 5).number_format == "#,##0"     # a count
    assert ws.cell(_row_of(ws, "KT07"), 5).number_format == "#,##0"


def test_texts_sheet_labels_and_open_cells():
    ws = _form()[L.SHEET_TEXTS]
    rows = range(L.TEXT_FIRST_ROW, L.TEXT_FIRST_ROW + len(L.TEXT_LABELS))
    assert [ws.cell(r, 1).value for r in rows] == list(L.TEXT_LABELS)
    assert all(not ws.cell(r, 2).protection.locked and ws.cell(r, 2).alignment.wrap_text
               for r in rows)
    assert all(ws.cell(r, 3).value for r in rows)


def test_scores_sheet_bounds_allow_penalties():
    ws = _form(Period.YEAR, CRITERIA)[L.SHEET_SCORES]
    assert tuple(c.value for c in ws[L.SCORE_HEADER_ROW]) == L.SCORE_COLUMNS
    assert ws.cell(L.SCORE_HEADER_ROW + 1, 2).value == "I"          # a group heading
    rules = _rules(ws)
    rows = {c.code: _row_of(ws, c.code, L.SCORE_HEADER_ROW + 1) for c in CRITERIA}
    assert rules[f"D{rows['A1']}"][:4] == ("decimal", "between", "0", "40")
    assert rules[f"D{rows['B1']}"][:4] == ("decimal", "between", "0", "2.5")
    assert rules[f"D{rows['P1']}"][:4] == ("decimal", "between", "-5", "0")
    assert "từ -5 đến 0" in _dv_of(ws, f"D{rows['P1']}").error
    locked = [ws.cell(rows["B1"], col).protection.locked for col in range(1, 6)]
    assert locked == [True, True, True, False, False]


def test_fill_writes_numbers_and_marks_sample():
    wb = _form(Period.YEAR, CRITERIA, FILL)
    ws = wb[L.SHEET_TARGETS]
    row = _row_of(ws, "KT01")
    assert [ws.cell(row, c).value for c in (5, 6, 7)] == [7.2, 6.8, "Cục Thống kê"]
    assert ws.cell(_row_of(ws, "KT07"), 5).value == 2150
    assert ws.cell(_row_of(ws, "XH01"), 6).value is None
    info = wb[L.SHEET_INFO]
    assert info.cell(L.INFO_FIRST_ROW + 5, 2).value == dt.date(2024, 7, 3)
    assert info.cell(L.INFO_FIRST_ROW + 6, 2).value == "0912345678"
    assert wb[L.SHEET_TEXTS].cell(L.TEXT_FIRST_ROW, 2).value == "Ý thứ nhất\nÝ thứ hai"
    scores = wb[L.SHEET_SCORES]
    assert scores.cell(_row_of(scores, "P1", L.SCORE_HEADER_ROW + 1), 4).value == -1
    assert SAMPLE_MARK in [v for row in wb[L.SHEET_META].values for v in row]
    assert all(SAMPLE_MARK in str(ws["A1"].value) for ws in wb.worksheets[:-1])
    assert SAMPLE_MARK in wb[L.SHEET_GUIDE]["A2"].value


def test_real_form_meta_never_reads_as_sample():
    # the reader flags a workbook as sample data when its hidden sheet contains "mẫu"
    wb = _form(fill=FormFill(prepared_by="Lê Văn Mẫu"))
    text = " ".join(str(v) for row in wb[L.SHEET_META].values for v in row if v).lower()
    assert "mẫu" not in text and "mau" not in text
    assert all(SAMPLE_MARK not in str(ws["A1"].value) for ws in wb.worksheets)


def test_guide_without_deadline_or_address():
    wb = build_form(DIRECTIVE, UNIT, Period.Q1, deadline=None, send_to="")
    text = "\n".join(str(c.value) for c in wb[L.SHEET_GUIDE]["A"] if c.value)
    assert "theo thời hạn quy định" in text and "31/03/2024" in text and "quý I năm 2024" in text


def test_fill_for_a_target_the_unit_lacks_is_refused():
    with pytest.raises(ValueError, match="XX99"):
        _form(fill=FormFill(values={"XX99": (D(1), None, "")}))


def test_unit_target_missing_from_directive_is_refused():
    unit = Unit("H02", "Huyện Cao Lộc", "Huyện, thành phố", "C1", ("KT01", "ZZ01"))
    with pytest.raises(PipelineError, match="ZZ01"):
        build_form(DIRECTIVE, unit, Period.Q1, deadline=None, send_to="")


@pytest.mark.parametrize("name, expected", [
    ("TP Lạng Sơn", "H01_TP_Lang_Son_6thang_2024.xlsx"),
    ("Sở Nông nghiệp và PTNT / Chi cục: Đồng Đăng",
     "H01_So_Nong_nghiep_va_PTNT_Chi_cuc_Dong_Dang_6thang_2024.xlsx"),
])
def test_form_file_name_is_ascii_and_windows_safe(name, expected):
    assert form_file_name(Unit("H01", name, "", "", ()), Period.H1, 2024) == expected


def test_form_file_name_is_short():
    name = form_file_name(Unit("S/01:", "Đoàn " * 60, "", "", ()), Period.YEAR, 2024)
    assert len(name) <= 100 and name.isascii() and name.endswith("_canam_2024.xlsx")
    assert not set(name) & set('/\\:*?"<>| ')


def _calamine_sheets(path: Path) -> dict[str, list[list]]:
    """Read every sheet of a workbook with calamine."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in book.sheet_names}


def _saved(tmp_path: Path) -> Path:
    """Save the filled year-end form and return its path."""
    path = tmp_path / form_file_name(UNIT, Period.YEAR, 2024)
    save_form(_form(Period.YEAR, CRITERIA, FILL), path)
    return path


def _check_values(path: Path) -> None:
    """Check what calamine reads back from a saved form."""
    sheets = _calamine_sheets(path)
    assert list(sheets) == [L.SHEET_GUIDE, L.SHEET_INFO, L.SHEET_TARGETS, L.SHEET_TEXTS,
                            L.SHEET_SCORES, L.SHEET_META]
    rows = {r[0]: r for r in sheets[L.SHEET_TARGETS][L.TARGET_HEADER_ROW:]}
    assert rows["KT01"][4:7] == [7.2, 6.8, "Cục Thống kê"]
    assert rows["XH12"][4:6] == [5.25, 7.5] and rows["XH01"][5] == ""
    info = {r[0]: r[1] for r in sheets[L.SHEET_INFO][L.INFO_FIRST_ROW - 1:]}
    assert info[L.INFO_YEAR] == 2024.0 and info[L.INFO_PHONE] == "0912345678"
    assert info[L.INFO_PREPARED_ON] in (dt.date(2024, 7, 3), dt.datetime(2024, 7, 3))
    assert sheets[L.SHEET_TEXTS][L.TEXT_FIRST_ROW - 1][1] == "Ý thứ nhất\nÝ thứ hai"
    assert sheets[L.SHEET_META][0][1] == L.FORM_VERSION
    assert SAMPLE_MARK in [r[1] for r in sheets[L.SHEET_META]]


def test_saved_form_reads_back_with_calamine(tmp_path):
    path = _saved(tmp_path)
    _check_values(path)
    wb = openpyxl.load_workbook(path)
    assert wb.security.lockStructure and wb[L.SHEET_META].sheet_state == "hidden"
    ws = wb[L.SHEET_TARGETS]
    row = _row_of(ws, "KT01")
    assert ws.protection.sheet and not ws.cell(row, 5).protection.locked
    assert ws.cell(row, 2).protection.locked and ws.cell(row, 5).number_format == "#,##0.0"
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    meta = next(m for m in book.sheets_metadata if m.name == L.SHEET_META)
    assert meta.visible == python_calamine.SheetVisibleEnum.Hidden


def _soffice(args: list[str], profile: Path) -> None:
    """Run LibreOffice headless with its own profile and a timeout."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args],
                   check=True, timeout=180, capture_output=True)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_round_trip_keeps_values_and_hidden_meta(tmp_path):
    path, profile = _saved(tmp_path), tmp_path / "profile"
    _soffice(["--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(path)], profile)
    ods = tmp_path / "ods" / path.with_suffix(".ods").name
    _soffice(["--convert-to", "xlsx", "--outdir", str(tmp_path / "back"), str(ods)], profile)
    back = tmp_path / "back" / path.name
    for converted in (ods, back):
        _check_values(converted)
        book = python_calamine.CalamineWorkbook.from_path(str(converted))
        meta = next(m for m in book.sheets_metadata if m.name == L.SHEET_META)
        assert meta.visible == python_calamine.SheetVisibleEnum.Hidden
    wb = openpyxl.load_workbook(back)
    ws = wb[L.SHEET_TARGETS]
    row = _row_of(ws, "KT01")
    assert ws.protection.sheet and not ws.cell(row, 5).protection.locked
    assert ws.cell(row, 1).protection.locked and ws.data_validations.dataValidation


def test_a_district_form_shows_the_plan_the_province_assigned_to_it():
    from pipeline.config import load, own_target
    root = Path(__file__).resolve().parent.parent
    config = load(root / "config", 2024)
    registry = config.registry
    unit, code = next((a.unit, a.target) for a in registry.assignments
                      if a.low is not None and a.low != config.directive.target(a.target).low)
    own = own_target(registry, unit, config.directive.target(code))
    book = build_form(config.directive, registry.unit(unit), Period.YEAR, deadline=None,
                      send_to="", registry=registry)
    ws = book[L.SHEET_TARGETS]
    plan = ws.cell(_row_of(ws, code), 4).value
    assert own.plan_text in plan
    province = build_form(config.directive, registry.unit(unit), Period.YEAR, deadline=None,
                          send_to="")[L.SHEET_TARGETS]
    assert province.cell(_row_of(province, code), 4).value != plan
