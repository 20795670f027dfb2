"""Check a Word document against the layout rules of Decree 30/2020/NĐ-CP.

``lint(path)`` works on any .docx: a generated report, a template still holding Jinja tags,
or a file a clerk typed in Word. Formatting is resolved the way Word does (direct run and
paragraph formatting over the style chain over the document defaults) and judged on the
text as displayed, never on a default no text uses. Every problem becomes a ``Violation``:
a stable rule code (its level and the decree's place are in ``rules.RULES``), a Vietnamese
message naming the one property that fails and its current value, and where it is
("đoạn 12", "bảng 1, ô (2,1)", with the page when Word recorded it).

Modes: "template" (Jinja tags expected; rules skip what a tag stands for), "document" (a
tag left in the text is an error), "generated" (as "document", and "None"/"nan" printed for
a missing value is an error too); "auto" picks "template" for a file holding ``{% … %}``
statements, else "document".

The modules: ``ooxml`` reads XML, ``styles`` and ``props`` resolve formatting,
``document`` finds the parts of the document; the rules are grouped by area in ``page``,
``fonts``, ``header`` and ``national`` (the header table), ``body`` (title, bases, body,
headings), ``closing`` (recipients, signer, end mark), ``appendix`` (appendices, data
tables) and ``tags`` (unfinished text); ``rules`` is the catalogue, ``cli`` the command.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import PipelineError
from .appendix import check_appendix, check_tables
from .body import check_body, check_title
from .closing import check_end_mark, check_signature
from .document import Context, open_document
from .fonts import check_fonts
from .header import check_header
from .ooxml import SKIP_TAGS
from .page import check_page, check_page_numbers
from .tags import check_tags, is_template
from .violation import Group, Violation, group

__all__ = ["Violation", "Group", "group", "lint", "check_file", "Checked", "MODES"]

CHECKS = (check_tags, check_page, check_fonts, check_header, check_title, check_body,
          check_end_mark, check_page_numbers, check_signature, check_appendix, check_tables)
MODES = ("auto", "document", "template", "generated")


def lint(path: Path, mode: str = "auto") -> list[Violation]:
    """Return every violation found in the .docx at ``path`` (empty when correct).

    Raises PipelineError when the file cannot be opened as a Word document.
    """
    return lint_document(open_document(Path(path)), mode)[1]


def lint_document(document, mode: str = "auto") -> tuple[str, list[Violation]]:
    """Check an open python-docx document; return the mode used and the violations."""
    if mode == "auto":
        mode = "template" if is_template(document) else "document"
    ctx = Context(document, mode)
    token = SKIP_TAGS.set(mode == "template")
    try:
        found: list[Violation] = []
        for check in CHECKS:
            found.extend(check(ctx))
    finally:
        SKIP_TAGS.reset(token)
    return mode, found


@dataclass(frozen=True)
class Checked:
    """The outcome for one file: the mode used and the violations, or why it was not read."""

    path: Path
    mode: str = ""
    violations: tuple[Violation, ...] = ()
    problem: str = ""           # why the file could not be read ("" when it was)

    @property
    def errors(self) -> int:
        return sum(v.is_error for v in self.violations)

    @property
    def warnings(self) -> int:
        return len(self.violations) - self.errors


def check_file(path: Path, mode: str = "auto") -> Checked:
    """Check one file; a file that cannot be read gets ``problem`` instead of stopping."""
    path = Path(path)
    problem = unreadable(path)
    if problem:
        return Checked(path, problem=problem)
    try:
        document = open_document(path)
    except PipelineError:
        return Checked(path, problem="tệp bị hỏng hoặc không phải văn bản Word .docx thật (có"
                       " thể chỉ được đổi tên); mở bằng Word rồi Lưu thành › Tài liệu Word"
                       " (*.docx).")
    try:
        used, found = lint_document(document, mode)
    except Exception as error:      # noqa: BLE001 — one odd file must not stop the others
        return Checked(path, problem=f"không kiểm tra được tệp này (lỗi chương trình"
                       f" {type(error).__name__}); gửi tệp cho người bảo trì chương trình.")
    return Checked(path, used, tuple(found))


def unreadable(path: Path) -> str:
    """Say why ``path`` cannot be checked before opening it ("" when it may be)."""
    if not path.exists():
        return "không tìm thấy tệp (kiểm tra tên và thư mục)."
    if path.is_dir():
        return "là thư mục, không phải tệp."
    suffix = path.suffix.lower()
    if suffix == ".doc":
        return ("là định dạng Word 97-2003 (.doc), không đọc được; mở bằng Word rồi Lưu thành ›"
                " Tài liệu Word (*.docx).")
    if suffix not in (".docx", ".docm"):
        return f"không phải văn bản Word .docx (đuôi tệp “{path.suffix or '(không có)'}”)."
    return ""
