"""Read the year's data files in ``config/<year>/``: targets, units, document details.

These are Excel files the secretariat edits. A bad row becomes a ``config-invalid``
finding with its cell and is left out; a missing file or sheet stops the run
(PipelineError), because no document can be right without it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import PipelineError
from .findings import finding
from .model import (Aggregation, Cluster, Directive, DocumentInfo, Finding, Group, Kind,
                    Location, Period, Registry, Settings, Signer, Target, Unit)
from .read import Cell, Sheet, Workbook, open_workbook
from .values import ValueParseError, clean_text, normalize_label, parse_date, parse_number, parse_period

TARGETS_FILE = "chi_tieu.xlsx"
UNITS_FILE = "don_vi.xlsx"
DOCUMENTS_FILE = "van_ban.xlsx"

TARGET_COLUMNS = ("Mã", "Nhóm", "Mục", "Nội dung theo Chỉ thị", "Tên ngắn", "Đơn vị tính",
                  "Đơn vị tính số liệu báo cáo", "Loại chỉ tiêu", "Giá trị (từ)", "Đến",
                  "Số chữ số thập phân", "Lũy kế trong năm", "Cách tổng hợp",
                  "Giới hạn hợp lý (mỗi đơn vị)")
UNIT_COLUMNS = ("Mã đơn vị", "Tên đầy đủ", "Tên ngắn", "Loại", "Cụm, khối", "Chỉ tiêu báo cáo")
CLUSTER_COLUMNS = ("Mã", "Tên cụm, khối", "Loại", "Trưởng cụm, khối", "Phó cụm, khối")
DOC_COLUMNS = ("Văn bản", "Kỳ", "Cơ quan chủ quản", "Cơ quan ban hành",
               "Tên cơ quan ban hành (chữ thường)", "Số", "Ký hiệu", "Địa danh", "Ngày",
               "Kính gửi", "Nơi nhận", "Quyền hạn, chức vụ người ký", "Người ký")
TEXT_COLUMNS = ("Kỳ", "Mục", "Nội dung")
BASIS_COLUMNS = ("Văn bản", "Căn cứ")
SIGNER_COLUMNS = ("Người ký", "Chức vụ", "Tên ví dụ")
# The sections ("Mục") of the secretariat's texts in van_ban.xlsx, sheet "Nội dung chung".
DEPLOYMENT = "Công tác triển khai"
COMMENDATION = "Công tác khen thưởng"
CLUSTERS = "Hoạt động cụm, khối"
SHORTCOMINGS = "Tồn tại, hạn chế"
NEXT_TASKS = "Nhiệm vụ kỳ tới"
PROPOSALS = "Kiến nghị"
SITUATION = "Đặc điểm tình hình"
MOVEMENTS = "Phong trào chuyên đề"
EXEMPLARS = "Điển hình tiên tiến"
ASSESSMENT = "Đánh giá chung"
STRENGTHS = "Ưu điểm"
CAUSES = "Nguyên nhân"
LESSONS = "Bài học kinh nghiệm"
DIRECTIONS = "Phương hướng năm sau"
ARTICLE_2 = "Quyết định: Điều 2"
ARTICLE_3 = "Quyết định: Điều 3"
# The parts of the year-end review (and the Quyết định) that only the secretariat can write:
# a part left blank is a warning naming the cell.
YEAR_END_PARTS = (SITUATION, DEPLOYMENT, MOVEMENTS, COMMENDATION, STRENGTHS, SHORTCOMINGS,
                  CAUSES, LESSONS, DIRECTIONS, PROPOSALS)
DECISION_PARTS = (ARTICLE_2, ARTICLE_3)
FORM_COLUMNS = ("Kỳ", "Hạn gửi", "Nơi gửi")


@dataclass(frozen=True)
class Config:
    """The year's configuration, with the findings made while reading it."""

    directive: Directive
    registry: Registry
    settings: Settings
    units_title: dict[str, str]      # unit code -> short name, for documents
    findings: tuple[Finding, ...]


class TableRows:
    """Iterate the data rows of a table sheet, collecting findings for bad cells."""

    def __init__(self, sheet: Sheet, columns: tuple[str, ...], findings: list[Finding], year: int):
        found = sheet.header(columns, columns[:1])
        if found is None:
            raise PipelineError(f"Tệp {sheet.file}, trang tính “{sheet.name}”: không thấy dòng "
                                f"tiêu đề có cột “{columns[0]}”.")
        self.sheet, self.head, self.cols = sheet, found[0], found[1]
        self.findings, self.year = findings, year

    def __iter__(self):
        for index in range(self.head + 1, len(self.sheet.rows)):
            if not self.cell(index, next(iter(self.cols))).empty:
                yield index

    def cell(self, row: int, column: str) -> Cell:
        return self.sheet.cell(row, self.cols.get(column, 10_000))

    def text(self, row: int, column: str) -> str:
        value = self.cell(row, column).value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return clean_text("" if value is None else str(value))[0]

    def lines(self, row: int, column: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.text(row, column).splitlines() if line.strip())

    def bad(self, row: int, column: str, detail: str) -> None:
        cell = self.cell(row, column)
        self.findings.append(finding("config-invalid", cell.location, detail=detail,
                                     year=self.year))

    def number(self, row: int, column: str, required: bool = True) -> Decimal | None:
        cell = self.cell(row, column)
        try:
            value = parse_number(cell.value)
        except ValueParseError:
            value = None
        if value is None and (required or not cell.empty):
            self.bad(row, column, f"cột “{column}” cần một con số")
        return value

    def choice(self, row: int, column: str, enum):
        wanted = normalize_label(self.text(row, column))
        for member in enum:
            if normalize_label(member.value) == wanted:
                return member
        choices = ", ".join(m.value for m in enum)
        self.bad(row, column, f"cột “{column}” phải là một trong: {choices}")
        return None


def config_sheet(folder: Path, file: str, name: str, required: bool = True) -> Sheet | None:
    """Return one sheet of a data file; stop with what is missing (None for an optional sheet)."""
    path = folder / file
    if not path.is_file():
        raise PipelineError(f"Không tìm thấy tệp cấu hình {path}. Chép tệp của năm vào "
                            f"thư mục {folder}/ (xem README).")
    sheet = _config_book(path, path.stat().st_mtime_ns).sheet(name)
    if sheet is None and required:
        raise PipelineError(f"Tệp cấu hình {path} thiếu trang tính “{name}”.")
    return sheet


@functools.lru_cache(maxsize=16)
def _config_book(path: Path, mtime: int) -> Workbook:
    """Read a data file once, however many of its sheets are asked for (mtime: re-read on edit)."""
    try:
        return open_workbook(path, f"{path.parent.name}/{path.name}")
    except PipelineError as error:
        raise PipelineError(f"Không đọc được tệp cấu hình {path}: {error}") from error


def read_directive(folder: Path, year: int, findings: list[Finding]) -> Directive:
    """Read the directive and its targets from chi_tieu.xlsx."""
    info = config_sheet(folder, TARGETS_FILE, "Chỉ thị")
    fields = {normalize_label(str(r[0])): r[1] for r in info.rows if len(r) > 1 and r[0]}
    rows = TableRows(config_sheet(folder, TARGETS_FILE, "Chỉ tiêu"), TARGET_COLUMNS, findings, year)
    targets, seen = [], set()
    for index in rows:
        target = _target(rows, index)
        if target is None:
            continue
        if target.code in seen:
            rows.bad(index, "Mã", f"mã chỉ tiêu {target.code} bị trùng")
            continue
        seen.add(target.code)
        targets.append(target)
    return Directive(year=year, title=str(fields.get("ten chi thi", "")).strip(),
                     reference=str(fields.get("so ngay", "") or "").strip(),   # "Số, ngày" folded
                     targets=tuple(targets))


def _target(rows: TableRows, i: int) -> Target | None:
    """Build one target from its row, or None (with findings) when a cell is wrong."""
    kind, group = rows.choice(i, "Loại chỉ tiêu", Kind), rows.choice(i, "Nhóm", Group)
    aggregation = rows.choice(i, "Cách tổng hợp", Aggregation)
    low, high = rows.number(i, "Giá trị (từ)"), rows.number(i, "Đến", required=False)
    decimals = rows.number(i, "Số chữ số thập phân")
    if None in (kind, group, aggregation, low, decimals):
        return None
    if high is not None and high < low:
        rows.bad(i, "Đến", "giá trị “Đến” nhỏ hơn “Giá trị (từ)”")
        return None
    if kind is Kind.BAND and high is None:
        rows.bad(i, "Đến", "chỉ tiêu Cơ cấu cần cả “Giá trị (từ)” và “Đến”")
        return None
    uom = rows.text(i, "Đơn vị tính")
    return Target(
        code=rows.text(i, "Mã").upper(), group=group, section=rows.text(i, "Mục"),
        wording=rows.text(i, "Nội dung theo Chỉ thị"),
        name=rows.text(i, "Tên ngắn") or rows.text(i, "Nội dung theo Chỉ thị"),
        unit_of_measure=uom, reported_unit=rows.text(i, "Đơn vị tính số liệu báo cáo") or uom,
        kind=kind, low=low, high=high, decimals=int(decimals),
        cumulative=normalize_label(rows.text(i, "Lũy kế trong năm")) in ("co", "x", "yes"),
        aggregation=aggregation,
        plausible_max=rows.number(i, "Giới hạn hợp lý (mỗi đơn vị)", required=False))


def read_registry(folder: Path, directive: Directive, findings: list[Finding]) -> tuple[Registry, dict[str, str]]:
    """Read units and clusters from don_vi.xlsx; return the registry and short names."""
    year = directive.year
    rows = TableRows(config_sheet(folder, UNITS_FILE, "Cụm, khối"), CLUSTER_COLUMNS, findings, year)
    clusters = tuple(Cluster(code=rows.text(i, "Mã").upper(), name=rows.text(i, "Tên cụm, khối"),
                             kind=rows.text(i, "Loại") or "Cụm",
                             head=rows.text(i, "Trưởng cụm, khối").upper(),
                             deputy=rows.text(i, "Phó cụm, khối").upper()) for i in rows)
    cluster_codes = {c.code for c in clusters}
    rows = TableRows(config_sheet(folder, UNITS_FILE, "Đơn vị"), UNIT_COLUMNS, findings, year)
    units, short = [], {}
    for i in rows:
        code = rows.text(i, "Mã đơn vị").upper()
        codes = tuple(c.strip().upper() for c in rows.text(i, "Chỉ tiêu báo cáo").replace(";", ",").split(",") if c.strip())
        unknown = [c for c in codes if directive.target(c) is None]
        if unknown:
            rows.bad(i, "Chỉ tiêu báo cáo", f"mã chỉ tiêu {', '.join(unknown)} không có trong chi_tieu.xlsx")
        cluster = rows.text(i, "Cụm, khối").upper()
        if cluster and cluster not in cluster_codes:
            rows.bad(i, "Cụm, khối", f"mã cụm, khối {cluster} không có ở trang “Cụm, khối”")
        if code in short:
            rows.bad(i, "Mã đơn vị", f"mã đơn vị {code} bị trùng")
            continue
        units.append(Unit(code=code, name=rows.text(i, "Tên đầy đủ"), kind=rows.text(i, "Loại"),
                          cluster=cluster, targets=tuple(c for c in codes if c not in unknown)))
        short[code] = rows.text(i, "Tên ngắn") or rows.text(i, "Tên đầy đủ")
    return Registry(units=tuple(units), clusters=clusters), short


def read_settings(folder: Path, year: int, findings: list[Finding]) -> Settings:
    """Read document details, signers and the secretariat's texts from van_ban.xlsx."""
    signers = _signers(folder, findings, year)
    rows = TableRows(config_sheet(folder, DOCUMENTS_FILE, "Văn bản"), DOC_COLUMNS, findings, year)
    documents = []
    for i in rows:
        period = _period(rows, i, required=False)
        number = rows.number(i, "Số", required=False)
        date_cell = rows.cell(i, "Ngày")
        try:
            date = parse_date(date_cell.value)
        except ValueParseError:
            rows.bad(i, "Ngày", "ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2025")
            date = None
        documents.append(DocumentInfo(
            document=rows.text(i, "Văn bản"), period=period,
            parent_agency=rows.text(i, "Cơ quan chủ quản").upper(),
            agency=rows.text(i, "Cơ quan ban hành").upper(),
            agency_name=rows.text(i, "Tên cơ quan ban hành (chữ thường)"),
            number=None if number is None else int(number), symbol=rows.text(i, "Ký hiệu"),
            place=rows.text(i, "Địa danh"), date=date, addressees=rows.lines(i, "Kính gửi"),
            recipients=rows.lines(i, "Nơi nhận"), signer_lines=_signer_lines(rows, i, signers),
            signer_name=rows.text(i, "Người ký"),
            cells=tuple((c, rows.cell(i, c).location) for c in ("Văn bản", "Số", "Ngày", "Người ký"))))
    rows = TableRows(config_sheet(folder, DOCUMENTS_FILE, "Nội dung chung"), TEXT_COLUMNS, findings, year)
    texts, text_cells = [], []
    for i in rows:
        period = _period(rows, i, required=True)
        if period is not None and rows.text(i, "Mục"):
            text_cells.append((period, rows.text(i, "Mục"), rows.cell(i, "Nội dung").location))
        if period is not None and rows.text(i, "Nội dung"):
            texts.append((period, rows.text(i, "Mục"), rows.text(i, "Nội dung")))
    bases = _bases(folder, findings, year)
    return Settings(documents=tuple(documents), texts=tuple(texts),
                    bases=tuple((name, text) for name, text, _ in bases),
                    forms=tuple(_form_terms(folder, findings, year)),
                    text_cells=tuple(text_cells), basis_cells=tuple(bases),
                    signers=tuple(signers))


def _signers(folder: Path, findings: list[Finding], year: int) -> list[Signer]:
    """Read the one signer table: each person with the one position they sign in."""
    rows = _optional_rows(folder, "Người ký", SIGNER_COLUMNS, findings, year)
    signers = []
    for i in rows or ():
        position = " ".join(rows.text(i, "Chức vụ").upper().split())
        if not position:
            rows.bad(i, "Chức vụ", "ghi chức vụ của người ký, ví dụ GIÁM ĐỐC hoặc PHÓ GIÁM ĐỐC")
            continue
        example = normalize_label(rows.text(i, "Tên ví dụ")) in ("co", "x", "yes")
        signers.append(Signer(rows.text(i, "Người ký"), position, example,
                              rows.cell(i, "Người ký").location))
    return signers


def _signer_lines(rows: TableRows, i: int, signers: list[Signer]) -> tuple[str, ...]:
    """Return a document's signature lines from the signer table; lines typed on the row that
    differ from the table are a ``signer-mismatch`` warning (the table wins)."""
    typed = tuple(" ".join(line.upper().split())
                  for line in rows.lines(i, "Quyền hạn, chức vụ người ký"))
    name = rows.text(i, "Người ký")
    signer = next((s for s in signers if s.name == name), None)
    if not name:
        rows.findings.append(finding("signer-mismatch", rows.cell(i, "Người ký").location,
                                     year=rows.year, detail="chưa ghi tên người ký"))
        return typed
    if signer is None:
        if signers:
            rows.findings.append(finding(
                "signer-mismatch", rows.cell(i, "Người ký").location, year=rows.year,
                detail=f"“{name}” không có ở trang “Người ký”; dùng quyền hạn, chức vụ ghi ở dòng này"))
        return typed
    if typed and typed != signer.lines:
        rows.findings.append(finding(
            "signer-mismatch", rows.cell(i, "Quyền hạn, chức vụ người ký").location, year=rows.year,
            detail=f"dòng này ghi “{' / '.join(typed)}” nhưng trang “Người ký” ghi {name} là "
                   f"{signer.position} (ký “{' / '.join(signer.lines)}”); dùng theo trang “Người ký”"))
    return signer.lines


def _optional_rows(folder: Path, sheet: str, columns: tuple[str, ...], findings: list[Finding],
                   year: int) -> TableRows | None:
    """Return the rows of an optional sheet of van_ban.xlsx, or None when it is absent."""
    found = config_sheet(folder, DOCUMENTS_FILE, sheet, required=False)
    return None if found is None else TableRows(found, columns, findings, year)


def _bases(folder: Path, findings: list[Finding], year: int) -> list[tuple[str, str, Location]]:
    """Read the legal bases printed at the head of the Tờ trình and the Quyết định."""
    rows = _optional_rows(folder, "Căn cứ", BASIS_COLUMNS, findings, year)
    return [(rows.text(i, "Văn bản"), rows.text(i, "Căn cứ"), rows.cell(i, "Căn cứ").location)
            for i in rows if rows.text(i, "Căn cứ")] if rows else []


def directive_reference_cell(folder: Path) -> Location:
    """Return the cell of the directive's number and date (chi_tieu.xlsx, sheet "Chỉ thị")."""
    sheet = config_sheet(folder, TARGETS_FILE, "Chỉ thị")
    row = sheet.find("Số, ngày")
    return sheet.cell(row, 1).location if row is not None else Location(sheet.file, sheet.name)


def _form_terms(folder: Path, findings: list[Finding], year: int) -> list:
    """Read each period's deadline and address for the forms sent to units."""
    rows = _optional_rows(folder, "Biểu mẫu", FORM_COLUMNS, findings, year)
    terms = []
    for i in rows or ():
        period = _period(rows, i, required=True)
        try:
            deadline = parse_date(rows.cell(i, "Hạn gửi").value)
        except ValueParseError:
            rows.bad(i, "Hạn gửi", "ngày ghi theo dạng ngày/tháng/năm, ví dụ 25/06/2024")
            deadline = None
        if period is not None:
            terms.append((period, deadline, rows.text(i, "Nơi gửi")))
    return terms


def _period(rows: TableRows, i: int, required: bool) -> Period | None:
    cell = rows.cell(i, "Kỳ")
    if cell.empty and not required:
        return None
    period = parse_period(cell.value)
    if period is None:
        rows.bad(i, "Kỳ", "kỳ phải là Quý I, 6 tháng, 9 tháng hoặc Cả năm")
    return period


def load(config_root: Path, year: int) -> Config:
    """Read every data file of a year from ``config_root/<year>/``."""
    folder = config_root / str(year)
    if not folder.is_dir():
        raise PipelineError(f"Không có thư mục cấu hình {folder} cho năm {year}. Tạo thư mục "
                            f"này và chép các tệp chi_tieu.xlsx, don_vi.xlsx, van_ban.xlsx vào.")
    findings: list[Finding] = []
    directive = read_directive(folder, year, findings)
    registry, short = read_registry(folder, directive, findings)
    settings = read_settings(folder, year, findings)
    return Config(directive, registry, settings, short, tuple(findings))
