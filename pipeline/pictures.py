"""Pictures (charts) in document contexts, and their placement in a Word document.

``Picture`` lives here rather than in ``render`` so that building contexts does not load
docxtpl, python-docx and Jinja: a re-run whose documents are all unchanged renders nothing
and never needs them.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PipelineError


@dataclass(frozen=True)
class Picture:
    """A picture to place in a document, e.g. a chart: its file and printed width, and how to
    draw the file when it is not there yet (charts are drawn by the rendering processes, on
    both cores, never while the contexts are built).
    """

    path: Path
    width_mm: float
    draw: Callable[[Path], None] | None = field(default=None, compare=False, repr=False)

    @property
    def drawn(self) -> bool:
        """Tell whether the file is there, not empty."""
        return self.path.is_file() and self.path.stat().st_size > 0

    def ensure(self) -> None:
        """Draw the file if it is missing or empty; raise PipelineError if there is none."""
        if self.drawn:
            return
        if self.draw is not None:
            self.draw(self.path)
        if not self.path.is_file():
            raise PipelineError(f"Không tìm thấy tệp hình {self.path} để chèn vào văn bản.")


def map_pictures(value: Any, function: Callable[[Picture], Any]) -> Any:
    """Return ``value`` (a context, at any depth) with every Picture replaced by
    ``function(picture)``; the value itself is left untouched.
    """
    if isinstance(value, Picture):
        return function(value)
    if isinstance(value, dict):
        return {k: map_pictures(v, function) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(map_pictures(v, function) for v in value)
    return value


def pictures_in(value: Any) -> Iterator[Picture]:
    """Yield every Picture in ``value`` (a context, at any depth), copying nothing."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Picture):
            yield item
        elif isinstance(item, dict):
            stack.extend(reversed(item.values()))
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))


def index_pictures(package) -> None:
    """Make finding a picture already in a python-docx package cost one hash, not one per
    picture present.

    python-docx looks a new picture up by hashing every picture part already in the package,
    and numbers a new part by scanning them all: placing n pictures cost n² hashes (7,1 s
    for the year-end review at 10,000 units, with its chart per cluster). The package's
    collection is replaced by one that keeps its parts by hash; it behaves the same
    (a picture placed twice is stored once; part numbers start at 1 and fill gaps).
    """
    package.__dict__["image_parts"] = _indexed_parts()(list(package.image_parts))


@functools.cache
def _indexed_parts() -> type:
    """Return python-docx's picture collection, indexed by hash and by number (made on first
    use: python-docx is loaded only when a document is rendered)."""
    from docx.opc.packuri import PackURI
    from docx.package import ImageParts

    class IndexedImageParts(ImageParts):
        def __init__(self, parts) -> None:
            super().__init__()
            self._by_sha1: dict[str, Any] = {}
            self._numbers: set[int] = set()
            self._free = 1                  # no number below it is free: parts are never removed
            for part in parts:
                self.append(part)

        def append(self, item) -> None:
            super().append(item)
            self._by_sha1.setdefault(item.sha1, item)
            self._numbers.add(item.partname.idx)

        def _get_by_sha1(self, sha1: str):
            return self._by_sha1.get(sha1)

        def _next_image_partname(self, ext: str) -> PackURI:
            while self._free in self._numbers:
                self._free += 1
            return PackURI(f"/word/media/image{self._free}.{ext}")

    return IndexedImageParts
