"""Every template against the variables the code provides (not a hand-written contract):
the contexts are built by the pipeline itself from the sample input, so a Word edit that
breaks a tag, or a context that loses a name, fails here with the template's name.
"""
from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.render import missing_variables, produce, render
from pipeline.report import check_inputs, document_jobs

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def jobs(tmp_path_factory) -> list[tuple[str, str, dict]]:
    """Return (document, template, context) as the report builds them, with and without the
    year's scoring (a year without a scoring file has no rankings, Tờ trình or Quyết định)."""
    checked = check_inputs(ROOT / "input", ROOT / "config", 2024)
    charts = tmp_path_factory.mktemp("charts")
    unscored = dataclasses.replace(checked, year_end=None)
    return document_jobs(checked, charts) + [(f"khong_cham_diem_{name}", template, context)
                                             for name, template, context
                                             in document_jobs(unscored, charts)]


def test_the_code_makes_a_context_for_every_template(jobs):
    assert {template for _, template, _ in jobs} == {p.name for p in TEMPLATES.glob("*.docx")}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_template_uses_only_what_the_code_provides(jobs, template, tmp_path):
    contexts = [(name, context) for name, t, context in jobs if t == template]
    for name, context in contexts:
        assert missing_variables(TEMPLATES / template, context) == [], (template, name)
    # every name at any depth (doc.signer_name, a.units…): StrictUndefined stops the render
    for name, context in contexts[:1] + contexts[-1:]:
        render(TEMPLATES / template, context, tmp_path / name)


def _broken_copy(folder: Path, template: str, old: str, new: str) -> Path:
    """Return a copy of a template with one tag edited, as a clerk could in Word."""
    path = folder / template
    with zipfile.ZipFile(TEMPLATES / template) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            out.writestr(item, data)
    return path


def test_a_misspelt_name_is_caught_with_the_template_name(jobs, tmp_path):
    context = next(c for _, t, c in jobs if t == "to_trinh.docx")
    path = _broken_copy(tmp_path, "to_trinh.docx", "{{ doc.agency_name }}", "{{ co_quan }}")
    assert produce(path, context, tmp_path / "out.docx") == ["co_quan"]
    assert not (tmp_path / "out.docx").exists()


def test_a_broken_attribute_or_tag_names_the_template(jobs, tmp_path):
    context = next(c for _, t, c in jobs if t == "quyet_dinh.docx")
    path = _broken_copy(tmp_path, "quyet_dinh.docx", "{{ u.full_name }}", "{{ u.ten_day_du }}")
    with pytest.raises(PipelineError, match="quyet_dinh.docx"):
        render(path, context, tmp_path / "a.docx")
    (tmp_path / "b").mkdir()
    path = _broken_copy(tmp_path / "b", "quyet_dinh.docx", "{{ authority }}", "{{ authority ]}}")
    with pytest.raises(PipelineError, match="quyet_dinh.docx"):
        render(path, context, tmp_path / "b.docx")


def test_templates_carry_no_dead_parts():
    for path in TEMPLATES.glob("*.docx"):
        names = zipfile.ZipFile(path).namelist()
        assert not [n for n in names if "stylesWithEffects" in n or n.startswith("customXml")
                    or "thumbnail" in n or "webSettings" in n], path.name
        assert path.stat().st_size < 40_000, path.name


def test_the_builder_never_overwrites_a_template(tmp_path, monkeypatch):
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_templates",
                                                  ROOT / "tools" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shutil.copy(TEMPLATES / "xep_hang.docx", tmp_path / "xep_hang.docx")
    (tmp_path / "to_trinh.docx").write_bytes(b"the clerk's own edit")
    module.main(tmp_path)
    assert (tmp_path / "to_trinh.docx").read_bytes() == b"the clerk's own edit"
    assert (tmp_path / "xep_hang.docx").read_bytes() == (TEMPLATES / "xep_hang.docx").read_bytes()
    assert (tmp_path / "quyet_dinh.docx").is_file()         # a missing one is written
