"""File intake: decide what each input file really is before any spreadsheet library opens it.

Only the standard library is used, and only bounded reads: the first bytes of a file, a
zip's central directory, the OLE2 directory, and streamed XML parts whose uncompressed
sizes were checked first. A zip bomb is refused from its central directory alone.
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .formatting import number

MAX_UNCOMPRESSED = 200 * 1024 * 1024     # bytes a workbook may expand to, all parts together
MAX_RATIO = 100                          # compression ratio above which a big part is suspect
RATIO_MIN_SIZE = 10 * 1024 * 1024        # ... when that part expands beyond this many bytes
MAX_ENTRIES = 10_000                     # parts in one archive
SMALL_PART = 1024 * 1024                 # [Content_Types].xml or mimetype read whole up to this
CHUNK = 64 * 1024
PEEK = 1024                              # a part's first bytes: its prolog is usually all there
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # zipfile bounds what these inflate to

KINDS = ("xlsx", "xlsm", "xls", "ods", "skip-quietly", "skip", "reject")
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".xlsb", ".ods",
                        ".ots", ".csv"}
SYSTEM_FILES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"}

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Intake:
    """What an input file is, and whether the reader may open it."""

    path: Path
    kind: str               # one of KINDS: a format to read, or what to do with the file
    finding_code: str = ""  # a findings.py code when the file is skipped or rejected
    detail: str = ""        # Vietnamese detail for the finding message


def _skip(path: Path, detail: str) -> Intake:
    return Intake(path, "skip", "file-skipped", detail)


def _reject(path: Path, code: str, detail: str = "") -> Intake:
    return Intake(path, "reject", code, detail)


# --- sizes, in Vietnamese -------------------------------------------------------------
def _size_text(size: int) -> str:
    """Write a byte count the Vietnamese way: "2,0 GB", "350 MB"."""
    for unit, scale in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return f"{size} byte"


# --- names --------------------------------------------------------------------------
def _by_name(path: Path) -> Intake | None:
    """Classify a file by its name alone, or return None when its content must decide."""
    name = path.name
    if name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#")):
        return Intake(path, "skip-quietly")
    if name.casefold() in SYSTEM_FILES or name.startswith("."):
        return Intake(path, "skip-quietly")       # junk the system leaves: nothing to say
    suffix = path.suffix.casefold()
    if suffix not in SPREADSHEET_SUFFIXES:
        return _skip(path, f"tệp {suffix or 'không có phần mở rộng'} “{name}”")
    return None


def outside(path: Path, folder: Path, folders: dict[str, str] | None = None) -> str:
    """Return where ``path`` really is when a link takes it out of ``folder``, else "".

    ``folders`` caches the real place of each folder for one walk (thousands of files sit in
    a few folders); the file itself is resolved only when it is a link.
    """
    folders = {} if folders is None else folders
    try:
        root = _real(str(folder), folders)
        name = str(path)
        real = os.path.realpath(name, strict=True) if os.path.islink(name) else \
            os.path.join(_real(os.path.dirname(name), folders), os.path.basename(name))
    except (OSError, RuntimeError, ValueError):
        return ""                           # broken or looping: classify names it
    return "" if real.startswith(root.rstrip(os.sep) + os.sep) else real


def _real(folder: str, folders: dict[str, str]) -> str:
    if folder not in folders:
        folders[folder] = os.path.realpath(folder, strict=True)
    return folders[folder]


def _link_problem(path: Path) -> Intake | None:
    """Reject a symbolic link that points nowhere or loops."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _reject(path, "file-broken-link", "liên kết vòng, trỏ lại chính nó")
        return _reject(path, "file-broken-link", f"liên kết trỏ tới “{os.readlink(path)}”")
    return None


# --- content --------------------------------------------------------------------------
_OTHER_MAGIC = (
    (b"%PDF", "tệp PDF"),
    (b"{\\rtf", "văn bản RTF"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"\x89PNG", "hình ảnh PNG"),
    (b"\xff\xd8\xff", "hình ảnh JPEG"),
    (b"GIF8", "hình ảnh GIF"),
)


def _describe_other(head: bytes) -> str:
    """Say in Vietnamese what a file that is neither zip nor OLE2 looks like."""
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            return what
    text = _as_text(head)
    if text is None:
        return "dữ liệu không rõ định dạng"
    lowered = text.lstrip().lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return "bảng tính XML 2003 (Excel lưu dạng “XML Spreadsheet”)"
    if lowered.startswith("mime-version"):
        return "trang web MHT (Excel lưu dạng “Single File Web Page”)"
    if re.search(r"<(!doctype html|html|table|meta|head|body)\b", lowered[:4096]):
        return "trang web HTML (Excel lưu dạng “Web Page”)"
    if lowered.startswith("<"):
        return "tệp XML"
    return "tệp văn bản hoặc CSV"


def _as_text(head: bytes) -> str | None:
    """Decode the first bytes as text when they look like text, else return None."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="replace")
    text = head.decode("utf-8", errors="replace")
    bad = sum(c == "\ufffd" or (ord(c) < 32 and c not in "\t\r\n\f") for c in text)
    if bad > max(2, len(text) // 20):
        text = head.decode("cp1252", errors="replace")
        bad = sum(ord(c) < 32 and c not in "\t\r\n\f" for c in text)
        if bad > max(2, len(text) // 20):
            return None
    return text


def _read_head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as stream:
        return stream.read(size)


def classify(path: Path) -> Intake:
    """Decide what a file is from its name and magic bytes, and whether it is safe to open."""
    path = Path(path)
    by_name = _by_name(path)
    if by_name is not None:
        return by_name
    broken = _link_problem(path)
    if broken is not None:
        return broken
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _reject(path, "file-not-workbook", "không phải tệp thông thường")
        if info.st_size == 0:
            return _reject(path, "file-empty", "0 byte")
        head = _read_head(path)
    except OSError as error:
        return _reject(path, "file-corrupt", f"không đọc được tệp: {error.strerror or error}")
    if head.startswith(ZIP_MAGIC):
        return _classify_zip(path)
    if head.startswith(OLE_MAGIC):
        return _classify_ole(path)
    return _reject(path, "file-not-workbook", _describe_other(head))


# --- zip formats (xlsx, xlsm, ods) ------------------------------------------------------
def _bomb_reason(infos: list[zipfile.ZipInfo]) -> str:
    """Return the "file-too-large" detail for a suspicious central directory, or ""."""
    if len(infos) > MAX_ENTRIES:
        return f"{number(len(infos))} phần"
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        return _size_text(total)
    for i in infos:
        if i.file_size > RATIO_MIN_SIZE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            return (f"{_size_text(total)}; phần “{i.filename}” nén tới "
                    f"{number(ratio)} lần")
    return ""


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    """Read a small part whole; parts larger than SMALL_PART give b""."""
    info = archive.getinfo(name)
    if info.file_size > SMALL_PART:
        return b""
    with archive.open(info) as stream:
        return stream.read(SMALL_PART + 1)


_OOXML_KINDS = (
    ("spreadsheetml.sheet.main+xml", "xlsx"),
    ("spreadsheetml.template.main+xml", "xlsx"),
    ("ms-excel.sheet.macroenabled.main+xml", "xlsm"),
    ("ms-excel.template.macroenabled.main+xml", "xlsm"),
)
_OOXML_OTHERS = (
    ("ms-excel.sheet.binary.macroenabled.main", "bảng tính dạng nhị phân .xlsb"),
    ("wordprocessingml", "tài liệu Word"),
    ("presentationml", "bản trình chiếu PowerPoint"),
)


def _zip_kind(archive: zipfile.ZipFile) -> tuple[str, str]:
    """Return (kind, "") for a workbook archive, or ("reject", detail) for another zip."""
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = _read_small(archive, "mimetype").decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
            return "ods", ""
        return "reject", f"tài liệu OpenDocument khác bảng tính ({mimetype[:60]})"
    if "[Content_Types].xml" in names:
        types = _read_small(archive, "[Content_Types].xml").decode("utf-8", "replace").lower()
        for marker, kind in _OOXML_KINDS:
            if marker in types:
                return kind, ""
        for marker, what in _OOXML_OTHERS:
            if marker in types:
                return "reject", what
    return "reject", "tệp nén ZIP, không phải bảng tính"


def _classify_zip(path: Path) -> Intake:
    """Classify a zip file: refuse bombs, damage and unsafe XML, then name its format."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            reason = _bomb_reason(infos)
            if reason:
                return _reject(path, "file-too-large", reason)
            if any(i.flag_bits & 0x1 for i in infos):
                return _reject(path, "file-encrypted", "tệp nén có mật khẩu")
            if any(i.compress_type not in _METHODS for i in infos):
                raise NotImplementedError("compression")    # bzip2/LZMA: no output bound
            kind, detail = _zip_kind(archive)
            if kind == "reject":
                return _reject(path, "file-not-workbook", detail)
            unsafe = _scan_parts(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError,
            NotImplementedError, OSError, zlib.error) as error:
        return _reject(path, "file-corrupt", _damage_text(error))
    if unsafe:
        return _reject(path, "file-unsafe", unsafe)
    return Intake(path, kind)


def _damage_text(error: Exception) -> str:
    """Say in Vietnamese how an archive is damaged."""
    message = str(error)
    if "CRC" in message:
        return "sai mã kiểm tra (CRC), tệp bị hỏng khi sao chép hoặc gửi"
    if isinstance(error, NotImplementedError) or "compression" in message:
        return "tệp nén bằng kiểu nén không được hỗ trợ"
    return "cấu trúc tệp nén bị cắt cụt hoặc hỏng"


# --- XML safety -------------------------------------------------------------------------
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DANGER = re.compile(r"<!\s*(doctype|entity)", re.IGNORECASE)
_ROOT = re.compile(r"<[A-Za-z_]")             # the first start tag: the prolog ends there


def _xml_encoding(first: bytes) -> str:
    """Guess an XML part's encoding from its first bytes, as the XML specification does."""
    if first.startswith((codecs.BOM_UTF16_LE, b"<\x00?\x00", b"<\x00!\x00")):
        return "utf-16-le"
    if first.startswith((codecs.BOM_UTF16_BE, b"\x00<\x00?", b"\x00<\x00!")):
        return "utf-16-be"
    return "utf-8"


def _looks_like_xml(name: str, first: bytes) -> bool:
    """Tell whether a part is XML, by its name or by its first bytes."""
    start = first.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return name.lower().endswith(_XML_SUFFIXES) or start.startswith(b"<")


def _declaration_in(stream, first: bytes) -> str:
    """Read a part's prolog; return the declaration found ("DOCTYPE"/"ENTITY"), or "".

    A DOCTYPE (and every ENTITY, which lives inside it) can only stand before the root
    element, so reading stops at the first start tag: the body of a part is never scanned.
    """
    decoder = codecs.getincrementaldecoder(_xml_encoding(first))(errors="replace")
    tail, chunk = "", first
    while chunk:
        text = tail + decoder.decode(chunk)
        root = _ROOT.search(text)
        found = _DANGER.search(text, 0, root.start() if root else len(text))
        if found:
            return found.group(1).upper()
        if root:
            return ""
        tail = text[-16:]
        chunk = stream.read(CHUNK)
    return ""


def _scan_parts(archive: zipfile.ZipFile) -> str:
    """Read the prolog of every XML part; return why one is unsafe, or "".

    The parts' bodies are not read here: the spreadsheet reader checks their CRCs itself.
    """
    for info in archive.infolist():
        if info.is_dir():
            continue
        if info.compress_type not in _METHODS:
            raise NotImplementedError("compression")
        first = part_bytes(archive, info, PEEK)
        if first is not None and not _looks_like_xml(info.filename, first):
            continue
        if first is not None and _ROOT.search(first.decode(_xml_encoding(first), "replace")):
            found = _declaration_in(io.BytesIO(), first)     # the prolog ends in these bytes
        else:                                # a longer prolog, or a part to open the usual way
            with archive.open(info) as stream:
                first = stream.read(PEEK)
                found = _declaration_in(stream, first) \
                    if _looks_like_xml(info.filename, first) else ""
        if found:
            return f"khai báo {found} trong phần “{info.filename}”"
    return ""


_LOCAL_HEADER = struct.Struct("<4s22xHH")      # signature ... file name and extra lengths


def part_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
               limit: int | None = None) -> bytes | None:
    """Return a part's bytes (its first ``limit`` bytes when given), read straight from its
    local header: zipfile's own opening costs 35 µs a part, most of a small part's reading.
    A part read whole is CRC-checked, as zipfile would. None when anything there is not as
    expected (encrypted, another method, a damaged header): the caller then reads the part
    the usual way, which says what is wrong. The part's size must have been bounded
    (``_bomb_reason``): this reads what the directory says it holds.
    """
    if info.flag_bits & 0x1 or info.compress_type not in _METHODS or \
            info.compress_size > info.file_size + info.file_size // 100 + 1024:
        return None                          # (no deflated part is that much larger)
    size = info.file_size if limit is None else min(limit, info.file_size)
    try:
        archive.fp.seek(info.header_offset)
        signature, name, extra = _LOCAL_HEADER.unpack(archive.fp.read(_LOCAL_HEADER.size))
        if signature != b"PK\x03\x04":
            return None
        archive.fp.seek(info.header_offset + _LOCAL_HEADER.size + name + extra)
        wanted = info.compress_size if limit is None else min(info.compress_size, 4 * limit)
        raw = archive.fp.read(wanted)
        if len(raw) != wanted:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            data = raw[:size]
        else:
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, size) if size else b""
        if len(data) != size or (size == info.file_size and zlib.crc32(data) != info.CRC):
            return None
        return data
    except (OSError, struct.error, zlib.error, AttributeError, ValueError):
        return None


def scan_xml_safety(path: Path) -> str:
    """Return why a zip workbook's XML is unsafe (DOCTYPE or ENTITY), or "" when safe.

    Refuse to read archives that fail the size guard (the reason says so). Raise
    ``zipfile.BadZipFile`` for a damaged archive.
    """
    with zipfile.ZipFile(path) as archive:
        too_large = _bomb_reason(archive.infolist())
        if too_large:
            return f"tệp nén bất thường, khi giải nén lên tới {too_large}"
        return _scan_parts(archive)


# --- OLE2 (legacy .xls, or an encrypted OOXML workbook) -----------------------------------
_OLE_STREAMS = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument",
                "PowerPoint Document")
_RECORD = 128                      # size of an OLE2 directory record; records are aligned


def _ole_streams(path: Path) -> dict[str, tuple[int, int]]:
    """Return {name: (start sector, size)} for the known stream names in the directory.

    Scan the file for directory records (128-byte aligned, UTF-16LE name, stream type)
    rather than walking sector chains: one linear read, no trust in the FAT.
    """
    needles = {name: name.encode("utf-16-le") + b"\0\0" for name in _OLE_STREAMS}
    found: dict[str, tuple[int, int]] = {}
    offset = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK * 16):             # a multiple of _RECORD
            for name, needle in needles.items():
                _find_record(chunk, offset, name, needle, found)
            offset += len(chunk)
    return found


def _find_record(chunk: bytes, base: int, name: str, needle: bytes,
                 found: dict[str, tuple[int, int]]) -> None:
    """Record the directory entry for ``name`` if the chunk holds one."""
    at = chunk.find(needle)
    while at != -1 and name not in found:
        record = chunk[at:at + _RECORD]
        if (base + at) % _RECORD == 0 and len(record) == _RECORD and record[66] == 2 \
                and struct.unpack_from("<H", record, 64)[0] == len(needle):
            found[name] = struct.unpack_from("<IQ", record, 116)
        at = chunk.find(needle, at + 2)


def _xls_has_password(path: Path, start: int, size: int, sector: int = 512) -> bool:
    """Tell whether a BIFF8 Workbook stream starts with BOF then FILEPASS (a password)."""
    if size < 4096:                  # kept in the mini stream: not worth following
        return False
    with path.open("rb") as stream:
        stream.seek((start + 1) * sector)
        head = stream.read(64)
    if len(head) < 8 or struct.unpack_from("<H", head, 0)[0] != 0x0809:
        return False
    next_record = 4 + struct.unpack_from("<H", head, 2)[0]
    return len(head) >= next_record + 2 and \
        struct.unpack_from("<H", head, next_record)[0] == 0x002F


def _classify_ole(path: Path) -> Intake:
    """Tell a legacy .xls from an encrypted OOXML workbook or another Office file."""
    try:
        header = _read_head(path, 512)
        streams = _ole_streams(path)
    except OSError as error:
        return _reject(path, "file-corrupt", f"không đọc được tệp: {error.strerror or error}")
    shift = struct.unpack_from("<H", header, 30)[0] if len(header) >= 32 else 0
    if shift not in (9, 12):
        return _reject(path, "file-corrupt", "phần đầu tệp Office (OLE) không hợp lệ")
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return _reject(path, "file-encrypted", "tệp Excel đặt mật khẩu mở")
    book = streams.get("Workbook") or streams.get("Book")
    if book is not None:
        if _xls_has_password(path, *book, sector=1 << shift):
            return _reject(path, "file-encrypted", "tệp Excel 97-2003 đặt mật khẩu mở")
        return Intake(path, "xls")
    if "WordDocument" in streams:
        return _reject(path, "file-not-workbook", "tài liệu Word .doc")
    if "PowerPoint Document" in streams:
        return _reject(path, "file-not-workbook", "bản trình chiếu PowerPoint .ppt")
    return _reject(path, "file-not-workbook", "tệp Office dạng OLE, không phải bảng tính")


# --- names for output files, and walking the input folder ---------------------------------
_FORBIDDEN = re.compile(r'[/\\:*?"<>|]')
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)


def safe_name(text: str, max_len: int = 80) -> str:
    """Return a file-name fragment that is safe on Windows and cannot leave its folder.

    NFC, no / \\ : * ? " < > | or control characters, no leading dots, no trailing dots or
    spaces, no reserved device names (CON, NUL, COM1...), at most ``max_len`` characters
    and 240 UTF-8 bytes, never empty ("_" stands for an empty name).
    """
    name = " ".join(str(text).split())
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = unicodedata.normalize("NFC", _FORBIDDEN.sub("_", name))
    name = _fit(name.lstrip(". "), max(1, max_len))
    if _RESERVED.fullmatch(name):
        name = _fit("_" + name, max(1, max_len))
    return name or "_"


def _fit(name: str, max_len: int) -> str:
    """Cut a name to max_len characters and 240 bytes; drop trailing dots and spaces."""
    name = unicodedata.normalize("NFC", name[:max_len])
    while len(name) > max_len or len(name.encode("utf-8")) > 240:
        name = unicodedata.normalize("NFC", name[:-1])
    return name.rstrip(". ")


OUTPUT_MARKS = (".da_tao.json", ".dang_chay.lock")   # files only an output folder holds


def walk_inputs(folder: Path, skipped: list[Path] | None = None) -> list[Path]:
    """Return every file under ``folder``, recursively, in a stable order.

    Real folders are entered before linked ones, and each folder once (a link back up the
    tree is not re-entered). Links to files, even broken or looping ones, are listed so
    that ``classify`` can name them. A subfolder this program wrote its outputs into is
    not entered (its documents and findings are not units' reports); it is added to
    ``skipped``.
    """
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending, linked = [Path(folder)], []
    while pending or linked:
        current = pending.pop() if pending else linked.pop()
        try:
            info = current.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            children = list(os.scandir(current))
        except OSError:
            continue                         # unreadable folder: nothing to list
        for child in children:
            if not _is_directory(child):
                found.append(Path(child.path))
            elif any(os.path.lexists(os.path.join(child.path, m)) for m in OUTPUT_MARKS):
                if skipped is not None:
                    skipped.append(Path(child.path))
            else:
                (linked if child.is_symlink() else pending).append(Path(child.path))
    return sorted(found, key=_sort_key)


def _is_directory(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()               # follows links; a looping link is not a dir
    except OSError:
        return False


def _sort_key(path: Path) -> tuple[str, str]:
    """Sort by the NFC, case-folded path, so NFD names sort with their NFC twins."""
    return unicodedata.normalize("NFC", str(path)).casefold(), str(path)
