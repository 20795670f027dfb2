"""File intake: every kind of bad file a unit may send is named before a library opens it."""
from __future__ import annotations

import io
import random
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from pipeline.findings import CATALOG
from pipeline.safety import (MAX_ENTRIES, Intake, classify, safe_name, scan_xml_safety,
                             walk_inputs)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    b'</sheetData></worksheet>'
)


# --- builders -----------------------------------------------------------------------------
def xlsx_bytes() -> bytes:
    """Return a real workbook made by openpyxl."""
    wb = Workbook()
    wb.active.title = "Thông tin"
    wb.active["A1"], wb.active["B1"] = "Mã đơn vị", "H01"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """Return a copy of a zip with some parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        assert set(replace) <= set(src.namelist())
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    return out.getvalue()


def zip_of(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def content_types(main: str) -> bytes:
    return (f'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="{main}"/>'
            f'</Types>').encode()


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """Write a zip by hand: (name, deflated data, crc, claimed size, flags) per entry.

    Lets a test claim any uncompressed size without compressing that much data.
    """
    local, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size, flags in entries:
        offset, encoded = local.tell(), name.encode()
        fields = (20, flags, 8, 0, 0x21, crc, len(data), size, len(encoded))
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0,
                                  0, offset) + encoded)
    directory = central.getvalue()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      len(directory), local.tell(), 0)
    return local.getvalue() + directory + end


def types_entry() -> tuple[str, bytes, int, int, int]:
    """Return a [Content_Types].xml entry for ``raw_zip``."""
    types = content_types(XLSX_TYPE)
    return "[Content_Types].xml", zlib.compress(types)[2:-4], zlib.crc32(types), len(types), 0


def deflated_zeros(megabytes: int) -> tuple[bytes, int]:
    """Return (raw deflate stream, crc32) of that many MiB of zeros, built in ~1 s.

    With a full flush after every MiB the compressor restarts from the same state, so one
    compressed MiB block can be repeated instead of compressing 2 GiB.
    """
    zeros = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = first + again * (megabytes - 1) + compressor.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    return stream, crc


def ole2(streams: dict[str, bytes]) -> bytes:
    """Return a minimal OLE2 (compound file) container with these streams in the root.

    Version 3, 512-byte sectors: sector 0 is the FAT, then the directory, then each
    stream in consecutive sectors. Enough for a directory-level reader.
    """
    end, free, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    names = list(streams)
    dir_sectors = (len(names) + 1 + 3) // 4
    fat, data, starts = [0xFFFFFFFD], b"", []
    fat += [i + 2 for i in range(dir_sectors - 1)] + [end]
    for name in names:
        blob = streams[name] + b"\0" * (-len(streams[name]) % 512)
        first, count = len(fat), len(blob) // 512
        starts.append(first)
        fat += [first + i + 1 for i in range(count - 1)] + [end]
        data += blob
    assert len(fat) <= 128

    def record(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1,
                nostream, right, child) + b"\0" * 36 + struct.pack("<IQ", start, size))

    records = record("Root Entry", 5, 1, nostream, end, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        records += record(name, 2, nostream, right, starts[i], len(streams[name]))
    records = records.ljust(dir_sectors * 512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0,
                            4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *[free] * 108))
    fat_sector = struct.pack("<128I", *(fat + [free] * (128 - len(fat))))
    return header + fat_sector + records + data


def biff8_workbook(password: bool) -> bytes:
    """Return a Workbook stream: BOF (workbook globals), FILEPASS if asked, EOF; 4 KiB."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 5, 0x0DBB, 1996, 0, 6)
    filepass = struct.pack("<HHH", 0x002F, 2, 1) if password else b""
    return (bof + filepass + struct.pack("<HH", 0x000A, 0)).ljust(4096, b"\0")


def assert_intake(intake: Intake, kind: str, code: str = "") -> None:
    assert (intake.kind, intake.finding_code) == (kind, code), intake
    assert code == "" or code in CATALOG
    assert intake.detail == unicodedata.normalize("NFC", intake.detail)


# --- accepted workbooks ----------------------------------------------------------------------
def test_real_xlsx_is_accepted(tmp_path):
    assert_intake(classify(write(tmp_path / "H01.xlsx", xlsx_bytes())), "xlsx")


def test_extension_case_does_not_matter(tmp_path):
    assert_intake(classify(write(tmp_path / "H01.XLSX", xlsx_bytes())), "xlsx")


def test_real_format_wins_over_extension(tmp_path):
    assert_intake(classify(write(tmp_path / "H01.xls", xlsx_bytes())), "xlsx")


def test_macro_workbook_is_xlsm(tmp_path):
    types = content_types("application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    path = write(tmp_path / "H01.xlsm", zip_of({"[Content_Types].xml": types}))
    assert_intake(classify(path), "xlsm")


def test_opendocument_spreadsheet_is_ods(tmp_path):
    parts = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
             "content.xml": b'<?xml version="1.0"?><office:document-content/>'}
    assert_intake(classify(write(tmp_path / "H01.ods", zip_of(parts))), "ods")


def test_legacy_xls_is_accepted(tmp_path):
    path = write(tmp_path / "H01.xls", ole2({"Workbook": biff8_workbook(password=False)}))
    assert_intake(classify(path), "xls")


def test_nfd_name_is_accepted_and_walked(tmp_path):
    name = unicodedata.normalize("NFD", "Báo cáo Tràng Định.xlsx")
    path = write(tmp_path / name, xlsx_bytes())
    assert_intake(classify(path), "xlsx")
    assert walk_inputs(tmp_path) == [path]


def test_long_name_is_accepted(tmp_path):
    name = ("Bao cao don vi " * 14)[:190] + "Định.xlsx"
    assert len(name) >= 195 and len(name.encode()) < 255
    assert_intake(classify(write(tmp_path / name, xlsx_bytes())), "xlsx")


# --- skipped files ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["~$H01.xlsx", "~$Báo cáo.XLSX", ".~lock.H01.xlsx#",
                                  ".DS_Store", "Thumbs.db", "desktop.ini", ".hidden.xlsx"])
def test_lock_and_system_files_are_skipped_quietly(tmp_path, name):
    assert_intake(classify(write(tmp_path / name, b"Nguyen Van A" + b"\0" * 40)), "skip-quietly")


@pytest.mark.parametrize("name", ["Công văn.pdf", "Báo cáo.docx", "ghi chú.txt", "README"])
def test_other_files_are_skipped_with_a_note(tmp_path, name):
    intake = classify(write(tmp_path / name, b"not a workbook"))
    assert_intake(intake, "skip", "file-skipped")
    assert intake.detail


# --- rejected files --------------------------------------------------------------------------
def test_empty_file(tmp_path):
    assert_intake(classify(write(tmp_path / "H01.xlsx", b"")), "reject", "file-empty")


def test_truncated_xlsx_is_corrupt(tmp_path):
    data = xlsx_bytes()
    path = write(tmp_path / "H01.xlsx", data[: len(data) // 2])
    assert_intake(classify(path), "reject", "file-corrupt")


def test_bad_crc_is_corrupt(tmp_path):
    sheet = b"<worksheet>" + b"1" * 500 + b"</worksheet>"
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE), "xl/worksheets/sheet1.xml": sheet}
    data = bytearray(zip_of(parts, method=zipfile.ZIP_STORED))
    data[data.index(b"1" * 500) + 100] = ord("2")
    intake = classify(write(tmp_path / "H01.xlsx", bytes(data)))
    assert_intake(intake, "reject", "file-corrupt")
    assert "CRC" in intake.detail


@pytest.mark.parametrize("name, data, words", [
    ("H01.xlsx", random.Random(0).randbytes(4096), "không rõ"),
    ("H01.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    ("H01.xls", b'<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                b'xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
                b'</head><body><table><tr><td>M\xc3\xa3 \xc4\x91\xc6\xa1n v\xe1\xbb\x8b</td></tr>'
                b'</table></body></html>', "HTML"),
    ("H01.xlsx", "Mã chỉ tiêu;Thực hiện\nKT01;7,5\nKT02;4.060\n".encode(), "CSV"),
    ("H01.xls", b"Rar!\x1a\x07\x01\x00" + bytes(64), "RAR"),
])
def test_not_a_workbook(tmp_path, name, data, words):
    intake = classify(write(tmp_path / name, data))
    assert_intake(intake, "reject", "file-not-workbook")
    assert words in intake.detail


def test_word_document_renamed_xlsx(tmp_path):
    types = content_types("application/vnd.openxmlformats-officedocument"
                          ".wordprocessingml.document.main+xml")
    intake = classify(write(tmp_path / "H01.xlsx", zip_of({"[Content_Types].xml": types})))
    assert_intake(intake, "reject", "file-not-workbook")
    assert "Word" in intake.detail


def test_plain_zip_renamed_xlsx(tmp_path):
    parts = {"H01.xlsx": xlsx_bytes(), "H02.xlsx": xlsx_bytes()}
    intake = classify(write(tmp_path / "H01.xlsx", zip_of(parts)))
    assert_intake(intake, "reject", "file-not-workbook")
    assert "ZIP" in intake.detail


def test_encrypted_ooxml(tmp_path):
    streams = {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<encryption/>",
               "EncryptedPackage": random.Random(1).randbytes(3000)}
    path = write(tmp_path / "H01.xlsx", ole2(streams))
    assert_intake(classify(path), "reject", "file-encrypted")


def test_encrypted_ooxml_found_among_many_entries(tmp_path):
    streams = {f"\x05Stream{i}": b"x" * 10 for i in range(6)}
    streams["EncryptionInfo"] = b"\x04\x00\x04\x00"
    path = write(tmp_path / "H01.xlsx", ole2(streams))
    assert_intake(classify(path), "reject", "file-encrypted")


def test_password_protected_xls(tmp_path):
    path = write(tmp_path / "H01.xls", ole2({"Workbook": biff8_workbook(password=True)}))
    assert_intake(classify(path), "reject", "file-encrypted")


def test_word_doc_renamed_xls(tmp_path):
    path = write(tmp_path / "H01.xls", ole2({"WordDocument": b"\xec\xa5" + bytes(600)}))
    intake = classify(path)
    assert_intake(intake, "reject", "file-not-workbook")
    assert "Word" in intake.detail


def test_garbage_after_ole_magic_is_corrupt(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(2).randbytes(2000)
    assert_intake(classify(write(tmp_path / "H01.xls", data)), "reject", "file-corrupt")


def test_encrypted_zip_entries(tmp_path):
    name, data, crc, size, _ = types_entry()
    path = write(tmp_path / "H01.xlsx", raw_zip([(name, data, crc, size, 0x1)]))
    assert_intake(classify(path), "reject", "file-encrypted")


def test_dangling_symlink(tmp_path):
    link = tmp_path / "H01.xlsx"
    link.symlink_to(tmp_path / "gone.xlsx")
    intake = classify(link)
    assert_intake(intake, "reject", "file-broken-link")
    assert link in walk_inputs(tmp_path)


def test_self_loop_symlink(tmp_path):
    link = tmp_path / "H01.xlsx"
    link.symlink_to(link)
    intake = classify(link)
    assert_intake(intake, "reject", "file-broken-link")
    assert "vòng" in intake.detail
    assert walk_inputs(tmp_path) == [link]


def test_billion_laughs_is_unsafe(tmp_path):
    data = rezip(xlsx_bytes(), {"xl/worksheets/sheet1.xml": BILLION_LAUGHS})
    path = write(tmp_path / "H01.xlsx", data)
    intake = classify(path)
    assert_intake(intake, "reject", "file-unsafe")
    assert "DOCTYPE" in intake.detail and "sheet1.xml" in intake.detail
    assert scan_xml_safety(path) == intake.detail


def test_utf16_doctype_is_unsafe(tmp_path):
    part = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    data = rezip(xlsx_bytes(), {"xl/styles.xml": part.encode("utf-16")})
    assert_intake(classify(write(tmp_path / "H01.xlsx", data)), "reject", "file-unsafe")


def test_doctype_in_a_part_not_named_xml_is_unsafe(tmp_path):
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE),
             "xl/worksheets/data.bin": BILLION_LAUGHS}
    assert_intake(classify(write(tmp_path / "H01.xlsx", zip_of(parts))), "reject", "file-unsafe")


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
@pytest.mark.parametrize("before", [0, 900, 5000])      # within the first bytes read, or not
def test_a_declaration_is_found_however_far_the_prolog_runs(tmp_path, method, before):
    comment = b"<!--" + b"x" * before + b"-->"
    part = BILLION_LAUGHS.replace(b"<!DOCTYPE", comment + b"<!DOCTYPE", 1)
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE), "xl/styles.xml": part}
    intake = classify(write(tmp_path / "H01.xlsx", zip_of(parts, method)))
    assert_intake(intake, "reject", "file-unsafe")
    assert "styles.xml" in intake.detail
    clean = {"[Content_Types].xml": content_types(XLSX_TYPE),
             "xl/styles.xml": comment + b"<styleSheet/>" + b" " * before}
    assert_intake(classify(write(tmp_path / "H02.xlsx", zip_of(clean, method))), "xlsx")


def test_a_damaged_local_header_is_corrupt(tmp_path):
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE), "xl/workbook.xml": b"<workbook/>"}
    data = bytearray(zip_of(parts))
    second = data.index(b"PK\x03\x04", 4)
    data[second:second + 4] = b"PK\x00\x00"
    assert_intake(classify(write(tmp_path / "H01.xlsx", bytes(data))), "reject", "file-corrupt")


def test_unbounded_compression_method_is_refused(tmp_path):
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE), "xl/workbook.xml": b"<workbook/>"}
    intake = classify(write(tmp_path / "H01.xlsx", zip_of(parts, zipfile.ZIP_BZIP2)))
    assert_intake(intake, "reject", "file-corrupt")
    assert "kiểu nén" in intake.detail


def test_safe_workbook_scans_clean(tmp_path):
    assert scan_xml_safety(write(tmp_path / "H01.xlsx", xlsx_bytes())) == ""


# --- zip bombs ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_gib_of_zeros() -> tuple[bytes, int]:
    return deflated_zeros(2048)


def test_zip_bomb_is_refused_from_the_directory(tmp_path, two_gib_of_zeros):
    stream, crc = two_gib_of_zeros
    entries = [types_entry(), ("xl/worksheets/sheet1.xml", stream, crc, 2048 << 20, 0)]
    path = write(tmp_path / "H01.xlsx", raw_zip(entries))
    assert path.stat().st_size < 3 << 20
    intake = classify(path)
    assert_intake(intake, "reject", "file-too-large")
    assert intake.detail.startswith("2,0 GB")
    assert scan_xml_safety(path).startswith("tệp nén bất thường")


def test_zip_bomb_lying_about_its_size_is_corrupt(tmp_path, two_gib_of_zeros):
    stream, _ = two_gib_of_zeros
    entries = [types_entry(), ("xl/worksheets/sheet1.xml", stream, 0, 1000, 0)]
    intake = classify(write(tmp_path / "H01.xlsx", raw_zip(entries)))
    assert_intake(intake, "reject", "file-corrupt")


def test_highly_compressed_part_is_refused(tmp_path):
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE),
             "xl/worksheets/sheet1.xml": bytes(20 << 20)}
    intake = classify(write(tmp_path / "H01.xlsx", zip_of(parts)))
    assert_intake(intake, "reject", "file-too-large")
    assert "sheet1.xml" in intake.detail


def test_too_many_parts_is_refused(tmp_path):
    parts = {"[Content_Types].xml": content_types(XLSX_TYPE)}
    parts.update({f"xl/media/{i}.bin": b"" for i in range(MAX_ENTRIES)})
    intake = classify(write(tmp_path / "H01.xlsx", zip_of(parts, zipfile.ZIP_STORED)))
    assert_intake(intake, "reject", "file-too-large")
    assert intake.detail == "10.001 phần"


# --- safe names and walking ------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Báo cáo 6 tháng", "Báo cáo 6 tháng"),
    ("../../etc/passwd", "_.._etc_passwd"),
    ('a<b>c:d"e/f\\g|h?i*j', "a_b_c_d_e_f_g_h_i_j"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("COM1", "_COM1"),
    ("...", "_"),
    ("", "_"),
    ("tên. ", "tên"),
    (unicodedata.normalize("NFD", "Tràng Định"), "Tràng Định"),
    ("a\tb\nc\x00d", "a b cd"),
])
def test_safe_name_examples(text, expected):
    assert safe_name(text) == expected


@given(st.text(max_size=300), st.integers(min_value=1, max_value=120))
def test_safe_name_is_always_safe(text, max_len):
    name = safe_name(text, max_len)
    assert name and len(name) <= max_len and len(name.encode()) <= 240
    assert not any(c in name for c in '/\\:*?"<>|') and name.isprintable()
    assert not name.startswith(".") and not name.endswith((".", " "))
    assert name == unicodedata.normalize("NFC", name)
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


def test_walk_inputs_recurses_sorts_and_survives_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "sub").mkdir(parents=True)
    files = [write(tmp_path / "b" / "H02.xlsx", b"x"), write(tmp_path / "C.xlsx", b"x"),
             write(tmp_path / "a" / "sub" / "H01.xlsx", b"x")]
    (tmp_path / "a" / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    assert walk_inputs(tmp_path) == sorted(files, key=lambda p: str(p).casefold())
