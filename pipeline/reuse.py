"""Tell whether an output can be kept as it is: the key of what it is made from.

A document is made from its template, its context and the code that renders it; the
findings workbook from the findings and the code that writes it. The key of an output is a
hash of all of these; ``write.Writer`` keeps it in the output folder's manifest beside the
hash of the file written. When a re-run finds the same key and the file on disk still is the
one written (not edited in Word, not deleted), the output is not made again: a re-run with
unchanged inputs renders nothing.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import json
import os
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from .model import Finding
from .pictures import Picture

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("docxtpl", "docx", "jinja2", "lxml", "python_calamine")   # what renders and reads


@functools.cache
def code_version() -> str:
    """Return a hash of the program's code and of the installed libraries that read inputs
    and write outputs (their place and date of installation: an upgrade changes them)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin else name
        stamp = os.stat(origin).st_mtime_ns if spec and spec.origin else 0
        digest.update(f"{origin}\0{stamp}\0".encode())
    return digest.hexdigest()


class _Unstable(TypeError):
    """A context holds a value whose text is not known to be the same from run to run."""


def _plain(value: Any) -> Any:
    """Return a JSON-able stand-in for a value json cannot write."""
    if isinstance(value, Picture):           # charts are named by a hash of what they show
        return ["picture", value.path.name, value.width_mm]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (Decimal, Path)):
        return str(value)
    if isinstance(value, Enum):
        return _plain(value.value) if not isinstance(value.value, (str, int)) else value.value
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    raise _Unstable(type(value).__name__)


def document_key(template: Path, context: dict[str, Any]) -> str | None:
    """Return the key of a document: its template's bytes, its context, the code.

    None when it cannot be known (the template is unreadable, or the context holds a value
    of a type not listed in ``_plain``): the document is then always rendered.
    """
    try:
        data = json.dumps(context, ensure_ascii=False, default=_plain, separators=(",", ":"))
        digest = hashlib.sha256(code_version().encode() + b"\0" + Path(template).read_bytes())
    except (_Unstable, OSError, ValueError):
        return None
    digest.update(b"\0" + data.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def findings_key(findings: list[Finding] | tuple[Finding, ...], extra: Any = ()) -> str:
    """Return the key of the findings workbook: every finding, in order, what else it shows
    (``extra``: unit names, the status board) and the code."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps(extra, ensure_ascii=False, default=_plain).encode("utf-8", "surrogatepass"))
    for f in findings:
        digest.update(json.dumps([f.code, f.severity.value, f.message, f.fix, f.unit,
                                  f.location.file, f.location.sheet, f.location.cell],
                                 ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
