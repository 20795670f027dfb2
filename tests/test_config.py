"""The 2024 data files: the directive's targets transcribed exactly, units and documents."""
from pathlib import Path

import pytest

from pipeline.config import load
from pipeline.errors import PipelineError
from pipeline.formatting import plain
from pipeline.model import Aggregation, Group, Kind

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVE = ROOT.parent / "shared" / "seeds" / "000_2b158d09f186a2a2.txt"


@pytest.fixture(scope="module")
def config():
    return load(ROOT / "config", 2024)


def test_data_files_read_without_findings(config):
    assert config.findings == ()


def test_every_target_of_section_ii_and_the_counts_of_iii_2_1(config):
    targets = config.directive.targets
    assert len(targets) == 35
    assert len({t.code for t in targets}) == 35
    assert sum(t.section.startswith("II.") for t in targets) == 33
    assert [t.code for t in targets if "III.2.1" in t.section] == ["XH01", "XH17", "XH18"]
    by_group = {g: sum(t.group is g for t in targets) for g in Group}
    assert by_group == {Group.ECONOMIC: 12, Group.SOCIAL: 18, Group.ENVIRONMENT: 5}


def test_every_kind_of_target_occurs(config):
    assert {t.kind for t in config.directive.targets} == set(Kind)


@pytest.mark.parametrize("code,low,high,kind", [
    ("KT01", "7", "7.5", Kind.RANGE), ("KT02", "23", "24", Kind.BAND),
    ("KT07", "4060", None, Kind.MINIMUM), ("KT09", "8", "9", Kind.GROWTH),
    ("KT11", "14040.807", None, Kind.MINIMUM), ("KT12", "38", "39", Kind.APPROXIMATE),
    ("XH01", "10", None, Kind.COUNT_ADDED), ("XH06", "100", None, Kind.KEEP),
    ("XH09", "94.45", None, Kind.MINIMUM), ("XH12", "2", "3", Kind.REDUCTION_POINTS),
    ("XH13", "5", None, Kind.REDUCTION), ("XH16", "3", None, Kind.REDUCTION),
    ("XH17", "6", None, Kind.COUNT_ADDED), ("MT01", "9000", None, Kind.MINIMUM),
    ("MT02", "64.6", None, Kind.MINIMUM)])
def test_values_as_the_directive_sets_them(config, code, low, high, kind):
    from decimal import Decimal
    t = config.directive.target(code)
    assert (t.low, t.high, t.kind) == (Decimal(low), high and Decimal(high), kind)


@pytest.mark.skipif(not DIRECTIVE.exists(), reason="the directive's text (shared/seeds) is absent")
def test_every_plan_value_is_written_in_the_directive(config):
    text = DIRECTIVE.read_text(encoding="utf-8")
    for t in config.directive.targets:
        for value in (t.low, t.high):
            if value is not None:
                written = plain(value)
                assert written in text or written.zfill(2) in text, (t.code, written)


def test_every_target_is_reported_by_someone(config):
    for t in config.directive.targets:
        reporters = config.registry.reporters(t.code)
        assert reporters, t.code
        if t.aggregation is Aggregation.SINGLE:
            assert len(reporters) == 1, t.code


def test_registry_has_the_districts_and_departments(config):
    units = config.registry.units
    assert sum(u.kind == "Huyện, thành phố" for u in units) == 11
    assert sum(u.kind == "Sở, ban, ngành" for u in units) == 22
    assert {u.cluster for u in units} == {c.code for c in config.registry.clusters}


def test_missing_year_folder_says_what_to_do(tmp_path):
    with pytest.raises(PipelineError, match="chi_tieu.xlsx"):
        load(tmp_path, 2030)


def _edited(tmp_path, edit):
    """Copy the 2024 data files, let ``edit`` change don_vi.xlsx, and load them."""
    import shutil

    import openpyxl
    folder = tmp_path / "2024"
    shutil.copytree(ROOT / "config" / "2024", folder)
    book = openpyxl.load_workbook(folder / "don_vi.xlsx")
    edit(book)
    book.save(folder / "don_vi.xlsx")
    return load(tmp_path, 2024)


def _row(sheet, code, column=1):
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, column).value == code)


def test_a_second_reporter_of_a_one_reporter_target_is_rejected_at_its_cell(tmp_path):
    cells = {}

    def edit(book):
        sheet = book["Đơn vị"]
        row = _row(sheet, "S21")
        sheet.cell(row, 6).value += ", KT07"      # the tourism figure S13 reports, above
        cells["S21"] = f"F{row}"
    config = _edited(tmp_path, edit)
    assert [(f.code, f.location.file, f.location.sheet, f.location.cell) for f in config.findings] \
        == [("config-invalid", "2024/don_vi.xlsx", "Đơn vị", cells["S21"])]
    assert "KT07 đã giao cho S13" in config.findings[0].message
    assert [u.code for u in config.registry.reporters("KT07")] == ["S13"]
    assert "KT07" not in config.registry.unit("S21").targets


def test_per_unit_plans_and_report_only_figures_are_data(config):
    plans = {(a.unit, a.target): a for a in config.registry.assignments}
    districts = [u for u in config.registry.units if "XH01" in u.targets]
    # every district has its own plan for each summed quantity, adding up to the province plan
    for code in ("XH01", "XH04", "XH17", "XH18", "MT01"):
        total = sum(plans[u.code, code].low for u in districts)
        assert total == config.directive.target(code).low, code
    assert len({plans[u.code, "XH01"].low for u in districts}) > 1      # not an even split
    # the statistics office reports GRDP and the economic structure, and is not scored on them
    assert all(not plans["S22", c].scored for c in config.registry.unit("S22").targets)


def test_a_reporter_of_a_summed_quantity_without_its_own_plan_is_named(tmp_path):
    cells = {}

    def edit(book):
        plans = book["Kế hoạch giao"]
        row = next(r for r in range(2, plans.max_row + 1)
                   if (plans.cell(r, 1).value, plans.cell(r, 2).value) == ("H03", "MT01"))
        plans.delete_rows(row)
        cells["H03"] = f"F{_row(book['Đơn vị'], 'H03')}"
    config = _edited(tmp_path, edit)
    assert [(f.code, f.location.sheet, f.location.cell, f.unit) for f in config.findings] == [
        ("config-plan-missing", "Đơn vị", cells["H03"], "H03")]
    assert config.registry.assignment("H03", "MT01") is None


def test_a_plan_for_a_target_the_unit_does_not_report_is_invalid(tmp_path):
    def edit(book):
        book["Kế hoạch giao"].append(["S02", "XH01", 1, None, "Có"])
    config = _edited(tmp_path, edit)
    assert [(f.code, f.location.sheet, f.location.cell[0]) for f in config.findings] == [
        ("config-invalid", "Kế hoạch giao", "B")]


def test_year_end_only_targets_and_decimals_are_data(config):
    t = config.directive.target
    assert {c for c in ("KT01", "KT06", "XH01", "XH12", "MT02") if t(c).year_end_only} == {
        "KT06", "XH01", "XH12", "MT02"}
    # growth and shares with two decimals (6,01), budget revenue with one (9.805,5)
    assert (t("KT01").decimals, t("KT02").decimals, t("KT10").decimals) == (2, 2, 1)
    # "tăng 8 - 9%": the growth with two decimals, the reported USD with one
    assert (t("KT09").decimals, t("KT09").value_decimals) == (2, 1)


def test_bad_year_end_decimals_and_scoring_cells_are_config_invalid_at_their_cells(tmp_path):
    import shutil

    import openpyxl
    folder = tmp_path / "2024"
    shutil.copytree(ROOT / "config" / "2024", folder)
    book = openpyxl.load_workbook(folder / "chi_tieu.xlsx")
    sheet = book["Chỉ tiêu"]
    kt01, kt02 = _row(sheet, "KT01"), _row(sheet, "KT02")
    sheet[f"O{kt01}"], sheet[f"P{kt02}"] = "Thỉnh thoảng", 1.5
    book.save(folder / "chi_tieu.xlsx")
    book = openpyxl.load_workbook(folder / "don_vi.xlsx")
    plan = _row(book["Kế hoạch giao"], "H01")
    book["Kế hoạch giao"][f"E{plan}"] = "Tùy"
    book.save(folder / "don_vi.xlsx")
    config = load(tmp_path, 2024)
    found = [(f.code, f.location.sheet, f.location.cell) for f in config.findings]
    assert found[:2] == [("config-invalid", "Chỉ tiêu", f"O{kt01}"),
                         ("config-invalid", "Chỉ tiêu", f"P{kt02}")]
    assert ("config-invalid", "Kế hoạch giao", f"E{plan}") in found
    # KT01 and KT02 are left out; H01's plan row too, so H01 is named as without a plan
    assert config.directive.target("KT01") is None and config.directive.target("KT02") is None
    assert ("config-plan-missing", "Đơn vị") in {(c, s) for c, s, _ in found}
