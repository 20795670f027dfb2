"""Check a Word document against the layout rules of Decree 30/2020/NĐ-CP.

``lint(path)`` works on any .docx: a generated report, a template still holding Jinja tags,
or a file a clerk edited. Formatting is resolved the way Word does (direct run/paragraph
formatting over the paragraph style chain over the document defaults), and every problem
becomes a ``Violation``: a stable rule code, a Vietnamese message and where it is
("đoạn 12", "bảng 1, ô (2,1)") with the element's text. Rules skip what they cannot judge
(a Jinja tag instead of a value; body rules inside tables, on centred titles and headings)
so that a correct document is never flagged.

The modules: ``ooxml`` reads XML, ``styles`` and ``props`` resolve formatting,
``document`` finds the parts of the document; the rules are grouped by area in ``page``,
``fonts``, ``header`` and ``national`` (the header table), ``body`` (title and body),
``closing`` (recipients, signer, end mark) and ``appendix`` (appendices, data tables).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import PipelineError
from .appendix import check_appendix, check_tables
from .body import check_body, check_title
from .closing import check_end_mark, check_signature
from .document import Context, open_document
from .fonts import check_fonts
from .header import check_header
from .page import check_page, check_page_numbers
from .violation import Violation

__all__ = ["Violation", "lint", "lint_files", "format_violation", "UNREADABLE"]

CHECKS = (check_page, check_fonts, check_header, check_title, check_body, check_end_mark,
          check_page_numbers, check_signature, check_appendix, check_tables)
UNREADABLE = "file-unreadable"       # the code lint_files gives a file it cannot open


def lint(path: Path) -> list[Violation]:
    """Return every Decree 30 violation found in the .docx at ``path`` (empty when correct).

    Raises PipelineError when the file cannot be opened as a Word document.
    """
    ctx = Context(open_document(Path(path)))
    found: list[Violation] = []
    for check in CHECKS:
        found.extend(check(ctx))
    return found


def lint_files(paths) -> dict[Path, list[Violation]]:
    """Lint each file of ``paths``, in order; a file that cannot be opened as a Word
    document gets one ``file-unreadable`` violation instead of stopping the others.
    """
    found: dict[Path, list[Violation]] = {}
    for path in map(Path, paths):
        try:
            found[path] = lint(path)
        except PipelineError as error:
            found[path] = [Violation(UNREADABLE, str(error), "cả tệp")]
    return found


def format_violation(path: Path, violation: Violation) -> str:
    """Write one violation on one line: file, rule code, where, text, message."""
    shown = f" “{violation.text}”" if violation.text else ""
    return f"{path} [{violation.code}] {violation.where}{shown}: {violation.message}"

