"""Cell values: Vietnamese numbers, percentages, legacy-encoded text, dates and periods."""
from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.model import Period
from pipeline.values import (ValueParseError, clean_text, looks_like_formula, normalize_label,
                             parse_date, parse_number, parse_percent, parse_period, parse_year)

D = Decimal


# --- numbers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    ("7,5", "7.5"), ("1.234,5", "1234.5"), ("14.040,807", "14040.807"), ("4.060", "4060"),
    ("7,5%", "7.5"), (" 7,5 % ", "7.5"), ("1 234,5", "1234.5"), ("1\u00a0234,5", "1234.5"),
    ("1\u202f234\u202f567", "1234567"), ("-3", "-3"), ("\u22123", "-3"), ("+3", "3"),
    ("1,234.5", "1234.5"), ("1,234,567", "1234567"), ("1.234.567,89", "1234567.89"),
    ("1,234", "1.234"),            # Vietnamese: a single comma is the decimal mark
    ("7.5", "7.5"),                # a dot not followed by exactly 3 digits is a decimal point
    ("0.500", "0.5"),              # no thousands group starts with 0
    ("1 234.5", "1234.5"), (",5", "0.5"), ("007", "7"),
    ("\u200b7,5\u200b", "7.5"), ("7,5\x00", "7.5"), ("\ufeff12", "12"),
    (7485.0, "7485"), (7.5, "7.5"), (0.1 + 0.2, "0.3"), (7485.299999999999, "7485.3"),
    (14040.807000000001, "14040.807"), (1e-12, "0"), (3, "3"), (D("7.50"), "7.5"),
])
def test_parse_number_examples(raw, expected):
    assert parse_number(raw) == D(expected)
    assert str(parse_number(raw)) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "\u200b", "\n"])
def test_parse_number_empty(raw):
    assert parse_number(raw) is None


@pytest.mark.parametrize("raw", [
    "(3)", "abc", "7,5 tỷ", "khoảng 7", "7.", "7,", "1 23", "1.23.456", "1,234.5,6",
    "1.234,5.6", "--3", "%", "-", "7,5%%", "1e5", "٣", "10²", "3 - 4", "x", True, False,
    dt.date(2025, 1, 5), float("nan"), float("inf"), D("NaN"), [1],
])
def test_parse_number_rejects(raw):
    with pytest.raises(ValueParseError) as caught:
        parse_number(raw)
    assert caught.value.reason == unicodedata.normalize("NFC", caught.value.reason)
    assert "số" in caught.value.reason


def vi_decimals() -> st.SearchStrategy[Decimal]:
    return st.integers(0, 6).flatmap(lambda places: st.decimals(
        min_value=-10 ** 12, max_value=10 ** 12, places=places,
        allow_nan=False, allow_infinity=False))


@given(vi_decimals(), st.sampled_from(["", "%", " %", "\u00a0%"]))
@example(D("1.234"), "")
@example(D("4060"), "")
def test_vietnamese_numbers_parse_back(value, suffix):
    text = format_decimal(value, locale="vi", decimal_quantization=False) + suffix
    assert parse_number(text) == value


@given(vi_decimals())
def test_unicode_minus_and_spaces_parse_back(value):
    text = format_decimal(value, locale="vi", decimal_quantization=False)
    spaced = text.replace("-", "\u2212").replace(".", "\u00a0")
    assert parse_number(f"  {spaced} ") == value


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_floats_keep_what_excel_shows(value):
    shown = D(format(value, ".15g"))
    assert abs(parse_number(value) - shown) <= D("1e-10")


@given(st.one_of(st.text(), st.text(alphabet="0123456789.,- %\u00a0\u2212+()eE")))
def test_random_text_only_raises_value_parse_error(text):
    for parse in (parse_number, parse_percent, parse_date):
        try:
            parse(text)
        except ValueParseError:
            pass
    parse_period(text)
    parse_year(text)
    normalize_label(text)
    looks_like_formula(text)


# --- percentages -------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, plan, expected", [
    (0.075, D(7), (D("7.5"), True)),          # a cell formatted as % gives the fraction
    ("0,075", D(7), (D("7.5"), True)),
    (0.075, None, (D("7.5"), True)),
    (7.5, D(7), (D("7.5"), False)),
    ("7,5%", D(7), (D("7.5"), False)),          # a "%" sign means already in percent
    ("0,5%", D(7), (D("0.5"), False)),
    (0.5, D("0.5"), (D("0.5"), False)),         # a 0,5% target is not mis-converted
    (0.3, D("0.5"), (D("0.3"), False)),
    (0.5, D(2), (D("0.5"), False)),             # "giảm 2 - 3 điểm %": 0,5 point stays
    (0.98, D(100), (D("98"), True)),
    (1.0, D(100), (D("100"), True)),            # 100% in a %-formatted cell
    (1.0, D(7), (D("1"), False)),
    (-0.02, D(5), (D("-2"), True)),
    (0, D(7), (D(0), False)),
    ("", D(7), (None, False)),
])
def test_parse_percent_examples(raw, plan, expected):
    assert parse_percent(raw, plan=plan) == expected


def test_parse_percent_can_be_told_the_value_is_not_a_percent():
    assert parse_percent(0.075, expect_percent=False, plan=D(7)) == (D("0.075"), False)


plans = st.one_of(st.none(), st.sampled_from([D("0.5"), D(1), D(2), D(5), D("7.5"), D(38),
                                               D(100), D(4060)]))


@given(st.one_of(st.floats(-2, 200, allow_nan=False), vi_decimals()), plans)
def test_parse_percent_is_idempotent(raw, plan):
    value, _ = parse_percent(raw, plan=plan)
    assert parse_percent(value, plan=plan) == (value, False)
    text = format_decimal(value, locale="vi", decimal_quantization=False) + "%"
    assert parse_percent(text, plan=plan) == (value, False)


# --- text and legacy encodings -------------------------------------------------------------------
TCVN3_UNICODE = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                 "ĂÂĐÊÔƠƯ")
TCVN3_CODES = ("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ"
               "¡¢§£¤¥¦")
VNI_VOWELS = {"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "", "o": "o", "ô": "o",
              "ơ": "ô", "u": "u", "ư": "ö", "y": "y"}
VNI_PLAIN_TONES = dict(zip("\u0301\u0300\u0309\u0303\u0323", "ùøûõï"))
VNI_HAT_TONES = {"": "â", **dict(zip("\u0301\u0300\u0309\u0303\u0323", "áàåãä"))}
VNI_BREVE_TONES = {"": "ê", **dict(zip("\u0301\u0300\u0309\u0303\u0323", "éèúüë"))}
VNI_I = {"": "i", **dict(zip("\u0301\u0300\u0309\u0303\u0323", "íìæóò"))}


def to_tcvn3(text: str) -> str:
    """Encode as TCVN3 would (lower-case codes for toned capitals, as with .VnTimeH)."""
    table = dict(zip(TCVN3_UNICODE, TCVN3_CODES))
    out = []
    for c in text:
        if c in table:
            out.append(table[c])
        elif c.lower() in table and c.lower() not in "ăâđêôơư":
            out.append(table[c.lower()])
        else:
            out.append(c)
    return "".join(out)


def to_vni(text: str) -> str:
    """Encode as VNI-Windows does: base letter, then one mark byte."""
    out = []
    for c in text:
        lower = c.lower()
        if lower == "đ":
            code = "ñ"
        else:
            letters = unicodedata.normalize("NFD", lower)
            tone = "".join(m for m in letters if m in VNI_PLAIN_TONES)
            base = unicodedata.normalize("NFC", "".join(m for m in letters if m not in tone))
            if base not in VNI_VOWELS or (base == lower and base in "aeiouy"):
                out.append(c)
                continue
            if base == "i":
                code = VNI_I[tone]
            elif base == "y" and tone == "\u0323":
                code = "î"
            elif base in "âêô":
                code = VNI_VOWELS[base] + VNI_HAT_TONES[tone]
            elif base == "ă":
                code = "a" + VNI_BREVE_TONES[tone]
            else:
                code = VNI_VOWELS[base] + VNI_PLAIN_TONES.get(tone, "")
        out.append(code.upper() if c.isupper() else code)
    return "".join(out)


PLACES = ["Lạng Sơn", "Tràng Định", "Sở Nội vụ", "Nông thôn mới", "Đạt", "Hữu Lũng",
          "Bắc Sơn", "Bình Gia", "Cao Lộc thuộc tỉnh Lạng Sơn", "Chi Lăng", "Đình Lập",
          "Lộc Bình", "Văn Lãng", "Văn Quan", "Phòng Tài chính - Kế hoạch", "Kết quả nổi bật",
          "Tồn tại, hạn chế",
          "Kiến nghị, đề xuất", "Người lập", "thành phố Lạng Sơn", "Đồng Đăng",
          "Mô hình mới, điển hình tiên tiến", "huyện Tràng Định đạt 98,5% xã nông thôn mới"]


def test_known_legacy_spellings():
    assert clean_text("L¹ng S¬n") == ("Lạng Sơn", "TCVN3")
    assert clean_text("Trµng §Þnh") == ("Tràng Định", "TCVN3")
    assert clean_text("Së Néi vô") == ("Sở Nội vụ", "TCVN3")
    assert clean_text("N«ng th«n míi") == ("Nông thôn mới", "TCVN3")
    assert clean_text("Laïng Sôn") == ("Lạng Sơn", "VNI")
    assert clean_text("Traøng Ñònh") == ("Tràng Định", "VNI")
    assert clean_text("Sôû Noäi vuï") == ("Sở Nội vụ", "VNI")
    assert clean_text("Höõu Luõng") == ("Hữu Lũng", "VNI")


@pytest.mark.parametrize("text, encode, name", [
    (text, encode, name) for text in PLACES
    for encode, name in ((to_tcvn3, "TCVN3"), (to_vni, "VNI"))
    if encode(text) != text                  # VNI writes "Bình Gia" as it is
])
def test_legacy_round_trip_on_real_names(text, encode, name):
    assert clean_text(encode(text)) == (text, name)
    assert clean_text(text) == (text, "")          # and converted text stays as it is


def test_legacy_text_that_looks_like_vietnamese_is_left_alone():
    # TCVN3 "Cao Lộc" reads as "Cao Léc": every word is a possible syllable, so no proof.
    assert clean_text(to_tcvn3("Cao Lộc")) == ("Cao Léc", "")
    assert clean_text(to_tcvn3("Cao Lộc, Lạng Sơn")) == ("Cao Lộc, Lạng Sơn", "TCVN3")
    # VNI "Sơn Tồn chế" is also TCVN3 "Sụn Toàn cheỏ" (found by hypothesis): both readings
    # decode to syllables, the VNI one explains more words; neither is certain enough.
    assert clean_text(to_vni("Sơn Tồn chế")) == ("Sôn Toàn cheá", "")


@pytest.mark.parametrize("text", ["LẠNG SƠN", "ĐẠT", "UBND TỈNH LẠNG SƠN"])
@pytest.mark.parametrize("encode, name", [(to_tcvn3, "TCVN3"), (to_vni, "VNI")])
def test_legacy_capitals(text, encode, name):
    assert clean_text(encode(text)) == (text, name)


@given(st.lists(st.sampled_from(" ".join(PLACES).replace(",", "").split()), min_size=1,
                max_size=8))
def test_legacy_decoding_is_never_wrong(words):
    text = " ".join(words)
    for encode, name in ((to_tcvn3, "TCVN3"), (to_vni, "VNI")):
        cleaned, encoding = clean_text(encode(text))
        assert (cleaned, encoding) == (text, name) or encoding == ""


@given(st.lists(st.sampled_from(" ".join(PLACES).replace(",", "").split()), min_size=1,
                max_size=8))
def test_unicode_vietnamese_is_left_alone(words):
    text = " ".join(words)
    assert clean_text(text) == (text, "")


@pytest.mark.parametrize("text", ["Tài chính", "café", "Zoë", "España", "naïve", "£ 5",
                                  "§ 3", "Hà Nội", "UBND", "ô", "Sôn"])
def test_ordinary_text_is_not_converted(text):
    assert clean_text(text) == (text, "")


@pytest.mark.parametrize("raw, expected", [
    (None, ""), ("", ""), ("  Sở  Nội vụ \t", "Sở Nội vụ"),
    (unicodedata.normalize("NFD", "Tràng Định"), "Tràng Định"),
    ("a\u200bb\u00adc\x07d", "abcd"), ("dòng 1\r\ndòng 2\r\n\r\n", "dòng 1\ndòng 2"),
    (7.0, "7"), (7.5, "7.5"),
])
def test_clean_text_examples(raw, expected):
    assert clean_text(raw) == (expected, "")


@given(st.text())
def test_clean_text_is_nfc_without_control_characters(text):
    cleaned, _ = clean_text(text)
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert all(c == "\n" or unicodedata.category(c) not in ("Cc", "Cf") for c in cleaned)
    assert cleaned == cleaned.strip()


# --- labels and formulas -----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Thực hiện lũy kế đến hết kỳ", "thuc hien luy ke den het ky"),
    ("  ĐƠN VỊ   TÍNH ", "don vi tinh"), ("Ghi chú, nguồn số liệu", "ghi chu nguon so lieu"),
    (unicodedata.normalize("NFD", "Đạt"), "dat"), ("Mã_chỉ-tiêu", "ma chi tieu"), (None, ""),
])
def test_normalize_label(text, expected):
    assert normalize_label(text) == expected


def test_looks_like_formula():
    assert looks_like_formula("=SUM(B2:B9)") and looks_like_formula(" =A1")
    assert not looks_like_formula("=") and not looks_like_formula("7,5")
    assert not looks_like_formula(7.5)


# --- dates, periods, years ------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [
    dt.date(2025, 1, 5), dt.datetime(2025, 1, 5, 14, 30), 45662.0, 45662, 45662.75,
    "05/01/2025", "5/1/2025", "05-01-2025", "05.01.2025", "5/1/25", "2025-01-05",
    "2025-01-05 00:00:00", "ngày 05 tháng 01 năm 2025", "Ngày 5 tháng 1 năm 2025",
    "Lạng Sơn, ngày 05 tháng 01 năm 2025", "NGAY 05 THANG 01 NAM 2025",
])
def test_parse_date(raw):
    assert parse_date(raw) == dt.date(2025, 1, 5)


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_parse_date_empty(raw):
    assert parse_date(raw) is None


@pytest.mark.parametrize("raw", ["31/02/2025", "01/13/2025", "hôm qua", "2025", True, -5.0,
                                 1e9, "05/01"])
def test_parse_date_rejects(raw):
    with pytest.raises(ValueParseError):
        parse_date(raw)


@pytest.mark.parametrize("raw, expected", [
    ("Quý I", Period.Q1), ("quý 1", Period.Q1), ("QUÝ I", Period.Q1), ("Q1", Period.Q1),
    ("Quý I năm 2025", Period.Q1), ("6 tháng", Period.H1), ("6 tháng đầu năm", Period.H1),
    ("06 THÁNG", Period.H1), ("9 tháng", Period.M9), ("9 tháng đầu năm", Period.M9),
    ("Cả năm", Period.YEAR), ("năm", Period.YEAR), ("12 tháng", Period.YEAR),
    ("ca nam", Period.YEAR), (Period.M9, Period.M9),
    (unicodedata.normalize("NFD", "Quý I"), Period.Q1),
] + [(p.value, p) for p in Period] + [(p.slug, p) for p in Period])
def test_parse_period(raw, expected):
    assert parse_period(raw) is expected


@pytest.mark.parametrize("raw", [None, "", "Quý II", "Quý 3", "tháng 6", "abc", 6.0, True])
def test_parse_period_unknown(raw):
    assert parse_period(raw) is None


@pytest.mark.parametrize("raw, expected", [
    (2024, 2024), (2024.0, 2024), ("2024", 2024), (" 2024 ", 2024), ("Năm 2024", 2024),
    ("2024.0", 2024), (dt.date(1905, 7, 16), 2024), (D(2024), 2024),
    (None, None), ("", None), (1999, None), (2101, None), (2024.5, None), ("abc", None),
    (True, None), (dt.date(2024, 1, 1), None), (float("inf"), None), ("24", None),
])
def test_parse_year(raw, expected):
    assert parse_year(raw) == expected


def test_plain_vietnamese_text_takes_the_shortcut():
    # The shortcut must recognise ordinary text, or every text cell pays the full scan.
    from pipeline.values import _PLAIN
    assert _PLAIN.fullmatch("Sở Nội vụ – “Kết quả” 7,5%\nTràng Định")
    assert not _PLAIN.fullmatch("Sở\u200bNội vụ")


def test_numbers_quoted_in_messages_have_a_decimal_comma():
    with pytest.raises(ValueParseError) as error:
        parse_date(-0.972)
    assert "“-0,972”" in str(error.value) and "0.972" not in str(error.value)
