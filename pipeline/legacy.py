"""Legacy Vietnamese encodings: TCVN3 (ABC, ".VnTime") and VNI ("VNI-Times") text.

Text typed with such a font and pasted into Excel reads as Latin-1 mojibake ("L¹ng S¬n").
``decode_legacy`` converts a line back to Unicode only when certain: every changed word
must become a valid Vietnamese syllable, and enough words must have been garbled.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# --- legacy Vietnamese encodings ------------------------------------------------------
# Text typed with a TCVN3 (".VnTime") or VNI ("VNI-Times") font was stored as 8-bit codes
# that Unicode-aware programs read as Windows-1252/Latin-1 letters: "Lạng Sơn" comes back
# as "L¹ng S¬n" (TCVN3) or "Laïng Sôn" (VNI). Codes 0xA1-0xFE are the same in both
# Windows-1252 and Latin-1, so one table per encoding covers both readings.
_TCVN3 = dict(zip(
    "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"))
# VNI: a base letter followed by one mark byte (tone, or vowel mark with its tone); a few
# letters (ơ ư đ and i, ỵ with tones) have a single code of their own.
_VNI_MARKS = {
    "ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323", "ê": "\u0306", "é": "\u0306\u0301",
    "è": "\u0306\u0300", "ú": "\u0306\u0309", "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ",
                "ò": "ị", "î": "ỵ"}
_VNI = {**_VNI_MARKS, **{k.upper(): v for k, v in _VNI_MARKS.items()},
        **_VNI_LETTERS, **{k.upper(): v.upper() for k, v in _VNI_LETTERS.items()}}

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Native syllables only: loanwords such as "xoong" fail, which at worst leaves garbled
# text unconverted, while accepting "oo" would let VNI "Loäc" (Lộc) pass as TCVN3 "Loọc".
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"(?:(?:oai|oao|oay|oeo|uây|uya|uyu|ươi|ươu|uôi|iêu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu"
    r"|oi|ôi|ơi|ua|ui|uơ|ưa|ưi|ưu|oa|oe|uê|uy|[aeêioôơuưy])"
    r"|(?:uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|[aăâeêioôơuưy])(?:ng|[cmnpt])"
    r"|(?:oa|uê|uy|[aêi])(?:ch|nh))")
_STOP_FINAL = re.compile(r".*(?:c|ch|p|t)")       # these take only the sắc or nặng tone


@functools.lru_cache(maxsize=16384)     # words recur across names and texts
def _is_syllable(word: str) -> bool:
    """Tell whether a word is one well-formed Vietnamese syllable (at most one tone)."""
    letters = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in letters if c in _TONES]
    base = unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES))
    if len(tones) > 1 or _SYLLABLE.fullmatch(base) is None:
        return False
    return not (tones and tones[0] in "\u0300\u0309\u0303" and _STOP_FINAL.fullmatch(base))


@functools.lru_cache(maxsize=16384)
def _from_tcvn3(word: str) -> str:
    """Decode one TCVN3 word; upper-case it when it was typed in capitals (".VnTimeH")."""
    decoded = "".join(_TCVN3.get(c, c) for c in word)
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    capitals = sum(c.isupper() for c in decoded)
    if ascii_letters and all(c.isupper() for c in ascii_letters) and capitals >= 2:
        return decoded.upper()
    return decoded


@functools.lru_cache(maxsize=16384)
def _from_vni(word: str) -> str:
    """Decode one VNI word: letters and mark bytes become Unicode, then compose."""
    return unicodedata.normalize("NFC", "".join(_VNI.get(c, c) for c in word))


_LEGACY = (("TCVN3", _from_tcvn3, _TCVN3), ("VNI", _from_vni, _VNI))


def _word_pattern(codes: dict[str, str]) -> re.Pattern[str]:
    """Return a pattern for words: letters, combining marks and the encoding's codes."""
    return re.compile(r"(?:[^\W\d_]|[\u0300-\u036f" + re.escape("".join(codes)) + "])+")


_WORDS_OF = {name: _word_pattern(codes) for name, _, codes in _LEGACY}


def _reading(text: str, name: str, decode) -> tuple[str, int]:
    """Judge reading ``text`` in one legacy encoding; return the judgement and how many words
    it changes. "certain": every legacy-looking word decodes to Vietnamese and most were
    garbled; "possible": every word decodes but few were garbled; "no": some word would not
    be Vietnamese.
    """
    changed = garbled = 0
    for word in _WORDS_OF[name].findall(text):
        decoded = decode(word)
        if decoded == word:
            if not word.isascii() and not _is_syllable(word):
                return "no", 0                  # a foreign word: not sure at all
            continue
        if not _is_syllable(decoded):
            return "no", 0
        changed += 1
        garbled += len(word) > 1 and not _is_syllable(word)   # a lone "£" proves nothing
    if not changed:
        return "no", 0
    return ("certain" if garbled > 0 and 2 * garbled >= changed else "possible"), changed


@functools.lru_cache(maxsize=8192)     # labels and unit names recur in every workbook
def decode_legacy(text: str) -> tuple[str, str]:
    """Return the text converted from TCVN3 or VNI, with the encoding's name, when certain:
    one encoding's reading is certain and the other's is impossible, or possible but
    explains fewer words. VNI "Sôn Toàn cheá" reads as TCVN3 "Sụn Toàn cheỏ" (certain, two
    words) and as VNI "Sơn Tồn chế" (possible, three words): such a line is left alone.
    """
    if text.isascii():
        return text, ""
    readings = [(name, decode, *(_reading(text, name, decode)
                                 if any(c in codes for c in text) else ("no", 0)))
                for name, decode, codes in _LEGACY]
    certain = [r for r in readings if r[2] == "certain"]
    if len(certain) != 1:
        return text, ""
    name, decode, _, changed = certain[0]
    if any(r[2] == "possible" and r[3] >= changed for r in readings):
        return text, ""
    decoded = _WORDS_OF[name].sub(lambda m: decode(m.group()), text)
    return unicodedata.normalize("NFC", decoded), name
