"""Golden files: the extracted text of every document the sample input produces.

A change to a template, a sentence or a number shows up here as a readable diff. After an
intended change, regenerate with ``UPDATE_GOLDEN=1 make test`` and review the diff.
"""
import os
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table

from pipeline.report import check_inputs, make_report

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def extract_text(path: Path) -> str:
    """Return a document's text: paragraphs and table rows in order, headers first."""
    document = Document(str(path))
    lines = []
    for section in document.sections:
        lines += [f"[đầu trang] {p.text}" for p in section.header.paragraphs if p.text.strip()]
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    text = " / ".join(p.text for p in cell.paragraphs if p.text.strip())
                    if not cells or cells[-1] != text:       # merged cells repeat
                        cells.append(text)
                lines.append("| " + " | ".join(cells) + " |")
        elif block.text.strip():
            lines.append(block.text)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    make_report(check_inputs(ROOT / "input", ROOT / "config", 2024), out, ROOT / "templates")
    return out


def documents() -> list[str]:
    return sorted(p.name for p in GOLDEN.glob("*.txt"))


def test_every_document_has_a_golden_file(outputs):
    made = sorted(p.with_suffix(".txt").name for p in outputs.glob("*.docx"))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for old in GOLDEN.glob("*.txt"):
            old.unlink()
        for name in made:
            (GOLDEN / name).write_text(extract_text(outputs / name.replace(".txt", ".docx")),
                                       encoding="utf-8")
    assert made == documents()


@pytest.mark.parametrize("name", documents())
def test_document_text_matches_golden(outputs, name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert extract_text(outputs / name.replace(".txt", ".docx")) == expected
