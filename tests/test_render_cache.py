"""The pre-render variable check and the render share their work: each template part is
opened, patched and parsed once per process."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from jinja2 import Environment

from pipeline import render


def make_template(folder: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    doc.sections[0].header.paragraphs[0].text = "{{ agency }}"
    path = folder / "mau_rieng.docx"
    doc.save(str(path))
    return path


def test_each_part_is_parsed_once_for_the_check_and_the_render(tmp_path, monkeypatch):
    parses = []
    original = Environment._parse

    def counted(self, source, name, filename):
        if "<w:" in source:                 # a part of the document, not a core property
            parses.append(source)
        return original(self, source, name, filename)
    monkeypatch.setattr(Environment, "_parse", counted)
    template = make_template(tmp_path, "{{ title }} {% for x in rows %}{{ x }}{% endfor %}")
    gaps = render.produce(template, {"title": "Báo cáo", "rows": [1, 2], "agency": "UBND"},
                          tmp_path / "ra.docx")
    assert gaps == []
    assert len(parses) == 2                 # the body and the header, once each
    assert (tmp_path / "ra.docx").is_file()


def test_the_check_names_what_every_part_uses(tmp_path):
    template = make_template(tmp_path, "{{ title }} {% for x in rows %}{{ x.a }}{% endfor %}")
    assert render.missing_variables(template, {"title": ""}) == ["agency", "rows"]
