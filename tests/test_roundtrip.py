"""Round trip: make the forms, fill them as units would, run the report, find the values."""
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline import layout
from pipeline.config import load
from pipeline.formatting import number
from pipeline.formsets import write_forms
from pipeline.model import Aggregation, Period
from pipeline.report import check_inputs, make_report

ROOT = Path(__file__).resolve().parent.parent


def known_value(target, unit_index: int) -> D:
    """Return a distinct, valid figure for a unit: within 0-100 for rates, whole for counts."""
    if target.reported_unit == "%":
        return D(1) + D(unit_index) / 10
    if target.counted or target.value_decimals == 0:
        return D(unit_index + 1)
    return D(10 + unit_index) + D("0.5")


def fill(path: Path, values: dict, marker: str) -> None:
    """Type values into the open cells of a form, as a unit would."""
    book = openpyxl.load_workbook(path)
    sheet = book[layout.SHEET_TARGETS]
    header = [c.value for c in sheet[layout.TARGET_HEADER_ROW]]
    value_col, last_col = header.index(layout.COL_VALUE), header.index(layout.COL_LAST_YEAR)
    for row in sheet.iter_rows(min_row=layout.TARGET_HEADER_ROW + 1):
        if row[0].value in values:
            row[value_col].value = float(values[row[0].value])
            row[last_col].value = float(values[row[0].value])
    info = book[layout.SHEET_INFO]
    for row in info.iter_rows():
        if row[0].value == layout.INFO_PREPARED_BY:
            row[1].value = "Người lập thử"
    texts = book[layout.SHEET_TEXTS]
    for row in texts.iter_rows():
        if row[0].value == layout.TEXT_HIGHLIGHTS:
            row[1].value = marker
    book.save(path)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    config = load(ROOT / "config", 2024)
    forms_dir, out = tmp_path_factory.mktemp("forms"), tmp_path_factory.mktemp("out")
    written = write_forms(ROOT / "config", 2024, Period.H1, forms_dir, None)
    assert len(written) == len(config.registry.units)
    typed = {}
    for index, unit in enumerate(config.registry.units):
        values = {code: known_value(config.directive.target(code), index) for code in unit.targets}
        typed[unit.code] = values
        path = next(forms_dir.glob(f"{unit.code}_*.xlsx"))
        fill(path, values, f"Dấu hiệu riêng của đơn vị {unit.code}")
    checked = check_inputs(forms_dir, ROOT / "config", 2024)
    make_report(checked, out, ROOT / "templates")
    return config, typed, checked, out


def test_every_form_is_read_back_without_findings(round_trip):
    config, typed, checked, _ = round_trip
    # the data files' own warnings (the clerk's facts: directive number, example signers…) aside
    from_forms = [f for f in checked.findings if not f.location.file.startswith("2024/")]
    assert [f for f in from_forms if f.code != "value-missing"] == []
    assert {s.unit for s in checked.intake.submissions} == {u.code for u in config.registry.units}
    for sub in checked.intake.submissions:
        assert {f.target: f.value for f in sub.figures} == typed[sub.unit]


def test_the_documents_hold_exactly_those_values(round_trip):
    config, typed, _, out = round_trip
    document = Document(str(out / "bao_cao_thi_dua_6thang_2024.docx"))
    rows = {}
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            rows[cells[1] if len(cells) > 1 else ""] = cells
    for target in config.directive.targets:
        figures = [typed[u.code][target.code] for u in config.registry.reporters(target.code)]
        expected = sum(figures) if target.aggregation is Aggregation.SUM else figures[0]
        shown, cells = number(expected, target.value_decimals), rows[target.name]
        # a target set as a change shows the change, with the reported figure beside it
        assert shown in cells or any(f"({shown}" in cell for cell in cells), target.code
    # every unit's own text is kept, attributed, in the appendix of the units' texts
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for unit in config.registry.units:
        assert f"Dấu hiệu riêng của đơn vị {unit.code}" in text
