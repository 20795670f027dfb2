"""Pictures in documents: each placed once, each hashed once, however many there are."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.parts.image import ImagePart
from PIL import Image

from pipeline.errors import PipelineError
from pipeline.pictures import Picture, map_pictures, pictures_in
from pipeline.render import render


def pictures(folder: Path, count: int) -> list[Picture]:
    """Write ``count`` different small PNG files; return them as Pictures."""
    found = []
    for i in range(count):
        path = folder / f"hinh{i}.png"
        Image.new("RGB", (4, 3), (i % 256, i // 256, 7)).save(path)
        found.append(Picture(path, 40))
    return found


def template(folder: Path) -> Path:
    doc = Document()
    doc.add_paragraph("{% for p in pics %}{{ p }}{% endfor %}")
    path = folder / "mau.docx"
    doc.save(str(path))
    return path


def media(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(n for n in archive.namelist() if n.startswith("word/media/"))


def test_each_picture_is_stored_once_and_numbered_from_one(tmp_path):
    pics = pictures(tmp_path, 3)
    out = tmp_path / "ra.docx"
    render(template(tmp_path), {"pics": [pics[0], pics[1], pics[0], pics[2]]}, out)
    assert media(out) == [f"word/media/image{i}.png" for i in (1, 2, 3)]
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<pic:pic") == 4


def test_each_picture_part_is_hashed_once_not_once_per_picture_present(tmp_path, monkeypatch):
    calls = []
    original = ImagePart.sha1

    def counted(self):
        calls.append(self.partname)
        return original.fget(self)
    monkeypatch.setattr(ImagePart, "sha1", property(counted))
    out = tmp_path / "ra.docx"
    render(template(tmp_path), {"pics": pictures(tmp_path, 60)}, out)
    assert len(media(out)) == 60
    assert len(calls) == 60          # python-docx alone: 60 × 59 / 2 = 1,770


def test_a_missing_picture_without_a_drawing_stops_the_render(tmp_path):
    with pytest.raises(PipelineError, match="hinh"):
        render(template(tmp_path), {"pics": [Picture(tmp_path / "hinh.png", 40)]},
               tmp_path / "ra.docx")


def test_map_pictures_reaches_every_depth_and_leaves_the_context_alone():
    pic = Picture(Path("a.png"), 10)
    context = {"a": [pic, {"b": (pic, 1)}], "c": "x"}
    assert map_pictures(context, lambda p: p.path.name) == {"a": ["a.png", {"b": ("a.png", 1)}],
                                                            "c": "x"}
    assert context["a"][0] is pic


def test_pictures_in_finds_every_picture_in_order_at_any_depth():
    first, second = Picture(Path("a.png"), 10), Picture(Path("b.png"), 20)
    context = {"a": [first, {"b": (second, 1)}], "c": "x", "d": {"e": [[first]]}}
    assert list(pictures_in(context)) == [first, second, first]
    assert list(pictures_in("chữ")) == [] and list(pictures_in(second)) == [second]
