"""Shared fixtures: the report templates, and the documents rendered from them.

Import the fixtures into a test module (``from fixtures_docs import rendered``); the
documents are rendered once per test session from the contexts of ``doc_context``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from doc_context import periodic_context, sparse, year_end_context
from pipeline.render import render

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
CONTEXTS = {"bao_cao_ky": periodic_context, "bao_cao_tong_ket": year_end_context}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Render every template three ways: {"bao_cao_ky": path, "…_draft": …, "…_sparse": …}.

    The draft has no number or date; the sparse one has every optional list empty.
    """
    folder = tmp_path_factory.mktemp("rendered")
    paths = {}
    for name, context in CONTEXTS.items():
        variants = {name: context(), f"{name}_draft": context(draft=True),
                    f"{name}_sparse": sparse(context())}
        for key, values in variants.items():
            paths[key] = folder / f"{key}.docx"
            render(TEMPLATES / f"{name}.docx", values, paths[key])
    return paths
