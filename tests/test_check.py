"""Reading and checking unit workbooks: findings carry file, sheet and cell; good units go on."""
import datetime as dt
import os
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from pipeline import layout
from pipeline.config import load
from pipeline.forms import FormFill, build_form
from pipeline.intake import gather
from pipeline.model import Period, Severity

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config():
    return load(ROOT / "config", 2024)


def write_form(config, folder: Path, unit_code: str, period=Period.H1, values=None,
               name=None, prepared_on=dt.date(2024, 6, 28)) -> Path:
    unit = config.registry.unit(unit_code)
    fill = FormFill(prepared_by="Người lập", prepared_on=prepared_on, values=values or {})
    book = build_form(config.directive, unit, period, deadline=None, send_to="Sở Nội vụ", fill=fill)
    path = folder / (name or f"{unit_code}.xlsx")
    book.save(path)
    return path


def cell_of(path: Path, sheet: str, code: str, column: str) -> str:
    """Return the address of a target row's cell in the form (by header text)."""
    ws = openpyxl.load_workbook(path)[sheet]
    header = [c.value for c in ws[layout.TARGET_HEADER_ROW]]
    col = header.index(column) + 1
    for row in ws.iter_rows(min_row=layout.TARGET_HEADER_ROW + 1):
        if row[0].value == code:
            return row[col - 1].coordinate
    raise AssertionError(code)


def set_cell(path: Path, sheet: str, address: str, value) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][address] = value
    book.save(path)


def codes(intake):
    return sorted((f.code, f.location.file, f.location.sheet, f.location.cell) for f in intake.findings)


def test_good_forms_give_submissions_without_findings(config, tmp_path):
    write_form(config, tmp_path, "S13", values={"KT07": (D("2100"), D("1900"), "nguồn"),
                                                "KT08": (D("2200.5"), None, ""),
                                                "XH05": (D("75.1"), D("74"), "")})
    intake = gather(tmp_path, config)
    assert intake.findings == ()
    (sub,) = intake.submissions
    assert (sub.unit, sub.period, sub.year) == ("S13", Period.H1, 2024)
    figures = {f.target: (f.value, f.last_year) for f in sub.figures}
    assert figures["KT07"] == (D("2100"), D("1900"))
    assert figures["KT08"] == (D("2200.5"), None)


def test_wrong_value_is_located_and_other_units_still_count(config, tmp_path):
    bad = write_form(config, tmp_path, "S13", values={"KT07": (D("1"), D("1"), "")})
    write_form(config, tmp_path, "S05", values={"KT10": (D("3700"), D("3500"), ""),
                                                "KT11": (D("7000"), D("6900"), "")})
    address = cell_of(bad, layout.SHEET_TARGETS, "KT07", layout.COL_VALUE)
    set_cell(bad, layout.SHEET_TARGETS, address, "khoảng 2 triệu")
    intake = gather(tmp_path, config)
    (found,) = [f for f in intake.findings if f.code == "value-not-number"]
    assert (found.location.file, found.location.sheet, found.location.cell) == \
           ("S13.xlsx", layout.SHEET_TARGETS, address)
    assert found.severity is Severity.ERROR and "khoảng 2 triệu" in found.message
    assert {s.unit for s in intake.submissions} == {"S13", "S05"}
    kt07 = next(f for s in intake.submissions for f in s.figures if f.target == "KT07")
    assert kt07.value is None            # never read as 0


@pytest.mark.parametrize("typed,code,kept", [
    ("7,5", None, D("7.5")), ("1.234,5", None, D("1234.5")), (-3, "value-negative", None),
    ("4.060.000", "value-implausible", None), ("", "value-missing", None)])
def test_messy_values(config, tmp_path, typed, code, kept):
    path = write_form(config, tmp_path, "S13")
    set_cell(path, layout.SHEET_TARGETS, cell_of(path, layout.SHEET_TARGETS, "KT07",
                                                 layout.COL_VALUE), typed)
    intake = gather(tmp_path, config)
    kt07 = next(f for f in intake.submissions[0].figures if f.target == "KT07")
    assert kt07.value == kept
    found = [f.code for f in intake.findings if f.location.cell == kt07.location.cell]
    assert found == ([code] if code else [])


def test_rate_over_100_and_fraction_percent(config, tmp_path):
    path = write_form(config, tmp_path, "S13")
    address = cell_of(path, layout.SHEET_TARGETS, "XH05", layout.COL_VALUE)
    set_cell(path, layout.SHEET_TARGETS, address, 120)
    intake = gather(tmp_path, config)
    assert "value-over-100" in [f.code for f in intake.findings]
    set_cell(path, layout.SHEET_TARGETS, address, 0.759)
    intake = gather(tmp_path, config)
    xh05 = next(f for f in intake.submissions[0].figures if f.target == "XH05")
    assert xh05.value == D("75.9")
    assert "value-fraction-percent" in [f.code for f in intake.findings]


def test_identity_errors_reject_the_workbook(config, tmp_path):
    path = write_form(config, tmp_path, "S13")
    book = openpyxl.load_workbook(path)
    info = book[layout.SHEET_INFO]
    row = next(r for r in info.iter_rows() if r[0].value == layout.INFO_UNIT_CODE)
    row[1].value = "X99"
    book.save(path)
    intake = gather(tmp_path, config)
    assert intake.submissions == ()
    (found,) = [f for f in intake.findings if f.code == "unit-unknown"]
    assert found.location.cell == row[1].coordinate
    assert intake.rejected and intake.rejected[0][0] == "S13.xlsx"


def test_target_not_assigned_and_unknown(config, tmp_path):
    path = write_form(config, tmp_path, "S13")
    book = openpyxl.load_workbook(path)
    ws = book[layout.SHEET_TARGETS]
    ws.append(["KT01", "GRDP", "%", "", 7.2, 7, ""])
    ws.append(["ZZ99", "?", "", "", 1, 1, ""])
    book.save(path)
    found = {f.code for f in gather(tmp_path, config).findings}
    assert {"target-not-assigned", "target-unknown"} <= found


def test_same_unit_twice_keeps_the_latest_and_names_both(config, tmp_path):
    write_form(config, tmp_path, "S13", name="old.xlsx", prepared_on=dt.date(2024, 6, 20),
               values={"KT07": (D("1000"), None, "")})
    write_form(config, tmp_path, "S13", name="new.xlsx", prepared_on=dt.date(2024, 6, 30),
               values={"KT07": (D("2000"), None, "")})
    intake = gather(tmp_path, config)
    (sub,) = intake.submissions
    assert sub.file == "new.xlsx"
    (dup,) = [f for f in intake.findings if f.code == "submission-duplicate"]
    assert "old.xlsx" in dup.message and "new.xlsx" in dup.message


def test_cumulative_figure_going_down_is_flagged(config, tmp_path):
    write_form(config, tmp_path, "S13", Period.Q1, {"KT07": (D("1500"), None, "")}, "q1.xlsx")
    write_form(config, tmp_path, "S13", Period.H1, {"KT07": (D("1400"), None, "")}, "h1.xlsx")
    found = [f for f in gather(tmp_path, config).findings if f.code == "value-decreased"]
    assert len(found) == 1 and found[0].location.file == "h1.xlsx"


def test_subfolders_are_read(config, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    write_form(config, tmp_path / "a" / "b", "S13")
    intake = gather(tmp_path, config)
    assert intake.submissions[0].file == "a/b/S13.xlsx"


def test_formula_without_a_stored_result_is_not_computed_never_zero(config, tmp_path):
    path = write_form(config, tmp_path, "S13")
    address = cell_of(path, layout.SHEET_TARGETS, "KT07", layout.COL_VALUE)
    set_cell(path, layout.SHEET_TARGETS, address, "=1000+60")       # openpyxl stores no result
    intake = gather(tmp_path, config)
    (found,) = [f for f in intake.findings if f.code == "value-formula"]
    assert found.location.cell == address
    kt07 = next(f for f in intake.submissions[0].figures if f.target == "KT07")
    assert kt07.value is None


def test_extra_columns_rows_and_hidden_rows_are_tolerated(config, tmp_path):
    path = write_form(config, tmp_path, "S13", values={"KT07": (D("2100"), D("1900"), "")})
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TARGETS]
    sheet.insert_cols(2)                       # a column the unit added
    sheet.insert_rows(layout.TARGET_HEADER_ROW + 1)   # an empty row under the header
    sheet.row_dimensions[layout.TARGET_HEADER_ROW + 2].hidden = True
    book.save(path)
    intake = gather(tmp_path, config)
    kt07 = next(f for f in intake.submissions[0].figures if f.target == "KT07")
    assert (kt07.value, kt07.last_year) == (D("2100"), D("1900"))


@pytest.mark.parametrize("label,typed,code", [
    (layout.INFO_PERIOD, "Quý V", "period-invalid"),
    (layout.INFO_YEAR, 2023, "year-mismatch"),
    (layout.INFO_YEAR, "năm nay", "year-invalid"),
    (layout.INFO_UNIT_CODE, "", "unit-missing")])
def test_wrong_identity_is_located(config, tmp_path, label, typed, code):
    path = write_form(config, tmp_path, "S13")
    book = openpyxl.load_workbook(path)
    row = next(r for r in book[layout.SHEET_INFO].iter_rows() if r[0].value == label)
    row[1].value = typed
    book.save(path)
    intake = gather(tmp_path, config)
    assert intake.submissions == ()
    assert [(f.code, f.location.cell) for f in intake.findings] == [(code, row[1].coordinate)]


def test_control_characters_and_decomposed_text_are_cleaned(config, tmp_path):
    import unicodedata
    path = write_form(config, tmp_path, "S13")
    book = openpyxl.load_workbook(path)
    row = next(r for r in book[layout.SHEET_TEXTS].iter_rows()
               if r[0].value == layout.TEXT_HIGHLIGHTS)
    row[1].value = unicodedata.normalize("NFD", "Đón khách\u200b du lịch\t tăng")
    book.save(path)
    (sub,) = gather(tmp_path, config).submissions
    assert sub.narrative.highlights == ("Đón khách du lịch tăng",)
    assert unicodedata.is_normalized("NFC", sub.narrative.highlights[0])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_ods_and_xls_saved_by_libreoffice_read_like_xlsx(config, tmp_path):
    import subprocess
    (tmp_path / "x").mkdir()
    path = write_form(config, tmp_path / "x", "S13",
                      values={"KT07": (D("2100.5"), D("1900"), "ghi chú")})
    for fmt in ("ods", "xls"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--headless", "--convert-to", fmt, "--outdir", str(tmp_path / fmt),
                        str(path)], check=True, capture_output=True, timeout=120)
    reference = gather(tmp_path / "x", config).submissions[0]
    for fmt in ("ods", "xls"):
        (sub,) = gather(tmp_path / fmt, config).submissions
        assert (sub.unit, sub.period, sub.figures[0].value, sub.figures[0].last_year) == \
               (reference.unit, reference.period, D("2100.5"), D("1900"))
        assert [f.value for f in sub.figures] == [f.value for f in reference.figures]


def _die_once_on_the_tenth_file(job):
    """A reading worker that is killed (as by the out-of-memory killer) once, on one file."""
    from pipeline import intake
    marker = Path(os.environ["DIE_ONCE_MARKER"])
    if job[1].endswith(sorted(p.name for p in (ROOT / "input" / "canam").glob("*.xlsx"))[9]) \
            and not marker.exists():
        marker.touch()
        os._exit(9)
    return intake._one_file(job[0], job[1], intake._WORKER_CONFIG)


def test_a_reading_worker_that_dies_loses_no_file(config, monkeypatch, tmp_path):
    from pipeline import intake
    sequential = gather(ROOT / "input" / "canam", config)
    monkeypatch.setattr(intake, "PARALLEL_FILES", 2)
    monkeypatch.setenv("DIE_ONCE_MARKER", str(tmp_path / "died"))
    monkeypatch.setattr(intake, "_one_job", _die_once_on_the_tenth_file)
    assert gather(ROOT / "input" / "canam", config) == sequential
    assert (tmp_path / "died").exists()


def test_reading_on_both_cores_gives_the_same_result(config, monkeypatch):
    from pipeline import intake
    sequential = gather(ROOT / "input" / "canam", config)
    monkeypatch.setattr(intake, "PARALLEL_FILES", 2)
    parallel = gather(ROOT / "input" / "canam", config)
    assert parallel == sequential and len(parallel.submissions) == 33


def _resend(config, folder, first, second, first_day, second_day, second_saved_later=True):
    """Write a faulty submission ``first`` and a corrected ``second`` of S13 for 6 tháng."""
    old = write_form(config, folder, "S13", name=first, prepared_on=first_day,
                     values={"KT07": (D("1000"), None, "")})
    new = write_form(config, folder, "S13", name=second, prepared_on=second_day,
                     values={"KT07": (D("2000"), None, "")})
    early, late = (old, new) if second_saved_later else (new, old)
    os.utime(early, (1_700_000_000, 1_700_000_000))
    os.utime(late, (1_700_000_600, 1_700_000_600))


@pytest.mark.parametrize("saved_later,kept,dropped", [
    (True, "bao_cao (1).xlsx", "bao_cao.xlsx"),
    (False, "bao_cao.xlsx", "bao_cao (1).xlsx")])
def test_a_resend_with_the_same_date_wins_by_when_it_was_saved_not_by_its_name(
        config, tmp_path, saved_later, kept, dropped):
    day = dt.date(2024, 6, 28)
    _resend(config, tmp_path, "bao_cao.xlsx", "bao_cao (1).xlsx", day, day, saved_later)
    intake = gather(tmp_path, config)
    (sub,) = intake.submissions
    assert sub.file == kept
    (dup,) = [f for f in intake.findings if f.code == "submission-duplicate"]
    assert dup.location.file == dropped
    assert f"dùng “{kept}”" in dup.message and f"bỏ “{dropped}”" in dup.message
    assert "cùng Ngày lập 28/06/2024" in dup.message and "được lưu sau" in dup.message


def test_a_newer_date_wins_over_a_later_save(config, tmp_path):
    _resend(config, tmp_path, "moi.xlsx", "cu.xlsx", dt.date(2024, 6, 30), dt.date(2024, 6, 20))
    intake = gather(tmp_path, config)
    assert intake.submissions[0].file == "moi.xlsx"
    (dup,) = [f for f in intake.findings if f.code == "submission-duplicate"]
    assert "Ngày lập 30/06/2024 mới hơn 20/06/2024" in dup.message


def test_a_workbook_of_another_year_is_set_aside_not_rejected(config, tmp_path):
    path = write_form(config, tmp_path, "S13")
    set_cell(path, layout.SHEET_INFO, next(
        r[1].coordinate for r in openpyxl.load_workbook(path)[layout.SHEET_INFO].iter_rows()
        if r[0].value == layout.INFO_YEAR), 2023)
    intake = gather(tmp_path, config)
    assert intake.submissions == () and intake.rejected == ()
    (found,) = intake.findings
    assert (found.code, found.severity) == ("year-mismatch", Severity.WARNING)
    assert "năm 2023" in found.message and "để riêng" in found.message


@pytest.mark.parametrize("typed,kept,severity", [("1,200", D("1.2"), None), ("1,2", D("1.2"), None),
                                                 ("12,500", D("12.5"), None)])
def test_a_comma_before_three_digits_warns_of_the_ambiguity(config, tmp_path, typed, kept, severity):
    path = write_form(config, tmp_path, "S13")
    address = cell_of(path, layout.SHEET_TARGETS, "KT07", layout.COL_VALUE)
    set_cell(path, layout.SHEET_TARGETS, address, typed)
    intake = gather(tmp_path, config)
    assert next(f for f in intake.submissions[0].figures if f.target == "KT07").value == kept
    found = [f for f in intake.findings if f.location.cell == address]
    if typed == "1,2":
        assert found == []
        return
    (warning,) = found
    assert warning.code == "value-ambiguous-comma" and warning.severity is Severity.WARNING
    thousands = {"1,200": "1.200", "12,500": "12.500"}[typed]
    assert f"“{typed}” có thể là" in warning.message and thousands in warning.message
    assert thousands.replace(".", "") in warning.fix


def test_numbers_in_messages_are_written_the_vietnamese_way(config, tmp_path):
    path = write_form(config, tmp_path, "S13")
    set_cell(path, layout.SHEET_TARGETS, cell_of(path, layout.SHEET_TARGETS, "XH05", layout.COL_VALUE), 0.972)
    (found,) = [f for f in gather(tmp_path, config).findings if f.code == "value-fraction-percent"]
    assert "0,972" in found.message and "97,2%" in found.message and "0.972" not in found.message
    assert found.fix == "Ghi tỷ lệ dạng phần trăm: 97,2 (không ghi 0,972)."


def test_the_hint_for_an_implausible_figure_fits_its_target(config):
    from pipeline.check import check_submission
    from pipeline.read import read_submission
    beds = config.directive.target("XH08")
    unit = next(u for u in config.registry.units if "XH08" in u.targets)
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = write_form(config, Path(folder), unit.code, values={"XH08": (D("3360"), None, "")})
        _, found = check_submission(read_submission(path, path.name), config.directive,
                                    config.registry)
    (implausible,) = [f for f in found if f.code == "value-implausible"]
    assert beds.reported_unit in implausible.fix and "300" in implausible.fix
    assert "lượt" not in implausible.fix


def test_the_example_in_a_form_hint_fits_the_target(config):
    from pipeline.forms import _target_rule
    beds = _target_rule(config.directive.target("XH08"))
    assert "ví dụ 33,6" in beds.prompt and "1234" not in beds.prompt
    area = _target_rule(config.directive.target("MT01"))          # plan 9.000 ha over the cap
    assert "ví dụ 12" in area.prompt


def test_a_year_end_only_target_left_blank_in_year_is_not_missing(config, tmp_path):
    unit = next(u for u in config.registry.units
                if any(config.directive.target(c).year_end_only for c in u.targets))
    code = next(c for c in unit.targets if config.directive.target(c).year_end_only)
    path = write_form(config, tmp_path, unit.code)                 # 6 tháng, nothing typed
    address = cell_of(path, layout.SHEET_TARGETS, code, layout.COL_VALUE)
    assert ("value-missing", address) not in {(f.code, f.location.cell)
                                              for f in gather(tmp_path, config).findings}
    year = tmp_path / "year"
    year.mkdir()
    write_form(config, year, unit.code, period=Period.YEAR, prepared_on=dt.date(2024, 12, 10))
    assert ("value-missing", address) in {(f.code, f.location.cell)
                                          for f in gather(year, config).findings}
