"""Phụ lục I rows and the sentences on targets: like with like, year-end-only, edges."""
from decimal import Decimal as D

import pytest

from pipeline.documents import count_sentence, sentence, table_row
from pipeline.evaluate import evaluate_period
from pipeline.model import (Aggregation, Directive, Group, Kind, Location, Period, Registry,
                            Submission, Target, TargetFigure, Unit)


def _target(code, kind, low, high=None, uom="%", reported="%", decimals=1, reported_decimals=None,
            cumulative=False, year_end_only=False, aggregation=Aggregation.SINGLE):
    return Target(code=code, group=Group.ECONOMIC, section="II.1", wording=code, name=f"Chỉ tiêu {code}",
                  unit_of_measure=uom, reported_unit=reported, kind=kind, low=D(low),
                  high=None if high is None else D(high), decimals=decimals, cumulative=cumulative,
                  aggregation=aggregation, year_end_only=year_end_only,
                  reported_decimals=reported_decimals)


EXPORT = _target("KT09", Kind.GROWTH, "8", "9", reported="triệu USD", decimals=2,
                 reported_decimals=1, cumulative=True)
ACCIDENTS = _target("XH13", Kind.REDUCTION, "5", reported="vụ", decimals=2, cumulative=True)
POVERTY = _target("XH12", Kind.REDUCTION_POINTS, "2", "3", uom="điểm %", decimals=2,
                  year_end_only=True)
GRDP = _target("KT01", Kind.RANGE, "7", "7.5", decimals=2)
COMMUNES = _target("XH01", Kind.COUNT_ADDED, "10", uom="xã", reported="xã", decimals=0,
                   cumulative=True, year_end_only=True, aggregation=Aggregation.SUM)


def _results(period, *figures):
    """Evaluate the targets above for one unit's figures: (code, value, last year)."""
    targets = (EXPORT, ACCIDENTS, POVERTY, GRDP, COMMUNES)
    registry = Registry((Unit("U", "U", "Sở", "K", tuple(t.code for t in targets)),), ())
    sub = Submission("U", period, 2024, "", None, "U.xlsx", tuple(
        TargetFigure(code, D(v), None if last is None else D(last), "", Location("U.xlsx"))
        for code, v, last in figures))
    evaluation = evaluate_period(period, Directive(2024, "CT", "", targets), registry, [sub])
    return evaluation, {r.target.code: r for r in evaluation.results}


def test_a_growth_target_shows_the_growth_achieved_beside_the_reported_figure():
    _, results = _results(Period.YEAR, ("KT09", "667.2", "616.7"))
    row = table_row(9, results["KT09"])
    assert (row["uom"], row["plan"], row["value"], row["last_year"], row["change"],
            row["verdict"]) == ("%", "tăng 8 - 9%", "tăng 8,19% (667,2 triệu USD)",
                                "616,7 triệu USD", "tăng 50,5 triệu USD", "Đạt")


def test_a_reduction_target_shows_the_reduction_achieved_beside_the_count():
    _, results = _results(Period.YEAR, ("XH13", "294", "310"))
    row = table_row(25, results["XH13"])
    assert (row["uom"], row["plan"], row["value"], row["last_year"], row["change"],
            row["verdict"]) == ("%", "giảm ≥ 5%", "giảm 5,16% (294 vụ)", "310 vụ", "giảm 16 vụ",
                                "Vượt")


def test_a_reduction_in_points_shows_the_points_beside_the_rate():
    _, results = _results(Period.YEAR, ("XH12", "9.1", "11.3"))
    row = table_row(24, results["XH12"])
    assert (row["uom"], row["plan"], row["value"], row["last_year"], row["verdict"]) == (
        "điểm %", "giảm 2 - 3 điểm %", "giảm 2,20 điểm % (9,10%)", "11,30%", "Đạt")


@pytest.mark.parametrize("value,printed,verdict", [
    ("6.96", "6,96", "Không đạt"), ("6.994", "6,99", "Không đạt"), ("6.996", "6,996", "Không đạt"), ("7", "7,00", "Đạt"),
    ("7.5", "7,50", "Đạt"), ("7.501", "7,501", "Vượt"), ("6.01", "6,01", "Không đạt")])
def test_an_edge_figure_is_printed_on_the_side_it_is_judged(value, printed, verdict):
    _, results = _results(Period.YEAR, ("KT01", value, None))
    row = table_row(1, results["KT01"])
    assert (row["value"], row["verdict"]) == (printed, verdict)
    assert f"Chỉ tiêu KT01: {printed}%" in sentence(results["KT01"], in_year=False)


@pytest.mark.parametrize("period", [Period.Q1, Period.H1, Period.M9])
def test_year_end_only_targets_are_marked_not_judged_in_year(period):
    evaluation, results = _results(period, ("XH01", "0", "0"), ("XH12", "10.2", "11.3"),
                                   ("KT01", "6.5", None))
    for code in ("XH01", "XH12"):
        row = table_row(1, results[code])
        assert row["verdict"] == "Đánh giá cuối năm"
        text = sentence(results[code], in_year=True)
        assert "chỉ tiêu đánh giá vào cuối năm" in text and "Không đạt" not in text
    assert table_row(1, results["XH01"])["value"] == "0"
    summary = count_sentence(evaluation)
    assert summary.startswith("Có 0/1 chỉ tiêu") and "2 chỉ tiêu chỉ đánh giá vào cuối năm" in summary
    assert "Chỉ tiêu XH01" not in summary


def test_year_end_only_targets_are_judged_at_year_end():
    _, results = _results(Period.YEAR, ("XH01", "9", "0"))
    assert table_row(13, results["XH01"])["verdict"] == "Không đạt"
