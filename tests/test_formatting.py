"""Numbers, percentages and dates written the Vietnamese way (Decree 30 practice)."""
import datetime as dt
import random
from decimal import Decimal as D

import pytest

from pipeline.formatting import (document_number, join_names, number, official_date, percent,
                                 rounded, short_date)


@pytest.mark.parametrize("value,decimals,text", [
    (D("14040.807"), 3, "14.040,807"), (7485, 0, "7.485"), (D("4060"), 0, "4.060"),
    (D("0.5"), 0, "1"), (D("2.5"), 0, "3"), (D("64.65"), 1, "64,7"), (D("7"), 1, "7,0"),
    (D("-3.25"), 1, "-3,3"), (D("1234567.891"), 2, "1.234.567,89"), (None, 1, "")])
def test_number(value, decimals, text):
    assert number(value, decimals) == text


def test_number_writes_what_babel_writes_in_the_vi_locale():
    """The hand-written formatter agrees with Babel's "vi" pattern on many values."""
    from babel.numbers import format_decimal
    rng = random.Random(15)
    values = [0, -0.0, D("-0.001"), D("1E+3"), D("12.3E+5"), 999.5, D("999999.5"), 10**15,
              "7.5", 1.005]
    values += [rng.uniform(-1e7, 1e7) for _ in range(300)]
    values += [D(rng.randint(-10**9, 10**9)).scaleb(-rng.randint(0, 6)) for _ in range(300)]
    for value in values:
        for decimals in (0, 1, 2, 3, 5):
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            expected = format_decimal(rounded(value, decimals), format=pattern, locale="vi",
                                      decimal_quantization=False)
            assert number(value, decimals) == expected, (value, decimals)


def test_percent_has_no_space_and_rounds_half_up():
    assert percent(D("64.65")) == "64,7%"
    assert percent(D("64.6")) == "64,6%"
    assert percent(None) == ""


def test_rounded_is_half_up_not_bankers():
    assert rounded(D("64.65"), 1) == D("64.7")
    assert rounded(D("64.75"), 1) == D("64.8")


@pytest.mark.parametrize("date,text", [
    (dt.date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
    (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
    (dt.date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
    (dt.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024")])
def test_official_date_pads_days_and_first_two_months_only(date, text):
    assert official_date(date) == text


def test_draft_date_and_number_are_blank_not_placeholders():
    assert "…" not in official_date(None) and official_date(None).startswith("ngày ")
    assert document_number(None).strip() == ""
    assert document_number(5) == "05" and document_number(123) == "123"


def test_short_date_and_names():
    assert short_date(dt.date(2025, 1, 5)) == "05/01/2025"
    assert join_names(["A", "B", "C"]) == "A, B và C"
    assert join_names(["A"]) == "A" and join_names([]) == ""


@pytest.mark.parametrize("value,text", [(D("92.5"), "92,5"), (D("90.0"), "90"), (D("-5"), "-5"),
                                        (D("100.25"), "100,25"), (D("1.234"), "1,23")])
def test_points_carry_only_the_decimals_they_need(value, text):
    from pipeline.formatting import points_text
    assert points_text(value) == text
