"""Render a Word template (docxtpl) with a context: the only module that imports docxtpl.

The Jinja environment is sandboxed (a template edited by anyone cannot reach Python's
internals: ``{{ cycler.__init__.__globals__ }}`` is a template error) and fails loudly:
autoescape on (so "&", "<" and quotes in data print as typed), ``StrictUndefined`` (a
missing value stops the render instead of printing a blank), control characters removed
from every printed value (they are not allowed in a Word document), and the Vietnamese
filters of ``pipeline.formatting``. Pictures (charts) travel in the
context as ``Picture`` values and become docxtpl ``InlineImage`` objects at render time.
"""
from __future__ import annotations

import functools
import re
import zipfile
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .cores import fork_pool, two_cores
from .errors import OutputFailed, PipelineError, output_failed
from .formatting import FILTERS
from .pictures import Picture, index_pictures, map_pictures, pictures_in


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def printable(value: Any) -> Any:
    """Return a printed value without the control characters XML and Word refuse (a unit's
    text pasted from another program can carry them); anything not text is left alone."""
    if isinstance(value, str) and _CONTROL.search(value):
        cleaned = _CONTROL.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


class _Tracking(CodeGenerator):
    """Jinja's code generator, noting on the way the names the template looks up in its
    context (as ``jinja2.meta.find_undeclared_variables`` does, in the same pass)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.undeclared: set[str] = set()

    def enter_frame(self, frame) -> None:
        super().enter_frame(frame)
        for action, param in frame.symbols.loads.values():
            if action == "resolve" and param not in self.environment.globals:
                self.undeclared.add(param)


class _Environment(SandboxedEnvironment):
    """A sandboxed Jinja environment that compiles each template part once per run, and
    knows from compiling it which names the part uses (``undeclared`` of the template).

    docxtpl compiles every XML part of a template at every render; the twenty ranking
    documents of a province share one template, so the compiled parts are kept.
    """

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=printable)
        self.filters.update(FILTERS)
        self._compiled: dict[str, Any] = {}
        self._names: frozenset[str] = frozenset()

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (Jinja's name)
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 256:
                self._compiled.clear()
            template = super().from_string(source)
            template.undeclared = self._names
            self._compiled[source] = template
        return self._compiled[source]

    def _generate(self, source, name, filename, defer_init=False):
        generator = _Tracking(self, name, filename, None, defer_init, self.optimized)
        generator.visit(source)
        self._names = frozenset(generator.undeclared)
        return generator.stream.getvalue()


@functools.cache
def environment() -> Environment:
    """Return the Jinja environment every template is rendered with (one per process)."""
    return _Environment()


def render(template: Path, context: dict[str, Any], out: Path) -> None:
    """Render ``template`` with ``context`` and write the document to ``out``.

    Raises PipelineError when the template cannot be opened, has a syntax error, or uses
    a value the context does not have.
    """
    document = _open(template)
    try:
        document.render(_with_images(document, context), jinja_env=environment(),
                        autoescape=True)
    except TemplateSyntaxError as exc:
        raise PipelineError(_syntax_message(template, exc)) from exc
    except SecurityError as exc:
        raise PipelineError(f"Mẫu văn bản {template.name} có thẻ truy cập vào bên trong "
                            f"chương trình ({exc}), không được phép. Xóa thẻ đó khỏi mẫu "
                            "(chỉ dùng các biến trong templates/README.md).") from exc
    except UndefinedError as exc:
        raise PipelineError(f"Mẫu văn bản {template.name} dùng dữ liệu không có: {exc.message}."
                            " Sửa tên biến trong mẫu cho đúng templates/README.md.") from exc
    try:
        document.save(out)
    except OSError as exc:
        raise output_failed(out.name, exc) from exc


PARALLEL_FROM = 8      # documents; below this a second process costs more than it saves


def produce(template: Path, context: dict[str, Any], out: Path) -> list[str]:
    """Render ``template`` into ``out`` unless the context lacks names the template uses;
    return those names, sorted (nothing is written then). Raise PipelineError as ``render``.
    """
    gaps = missing_variables(template, context)
    if not gaps:
        render(template, context, out)
    return gaps


def produce_all(tasks: list[tuple[Path, dict[str, Any], Path]]) -> list[list[str] | PipelineError]:
    """Run ``produce`` for each (template, context, out), in order; a PipelineError is
    returned in its task's place rather than raised, so one bad template stops nothing.

    From ``PARALLEL_FROM`` documents, on both cores: the worker processes are forked, so they
    share the contexts without copying them (where the system cannot fork, one by one). The
    pictures not drawn yet are drawn first, shared between the workers: the year-end review
    shows every cluster's chart, and drawn with it they would keep its worker busy long after
    the other has finished (measured at 300 units: 0,57 s for that one document, 0,46 s for
    all the others). If a worker dies (killed for memory), every document is produced again,
    each in a process of its own: one that kills that process too is reported, and the run
    goes on.
    """
    if len(tasks) < PARALLEL_FROM or not two_cores():
        return [_produce_task(task) for task in tasks]
    try:
        undrawn = _undrawn(tasks)
        with fork_pool(initializer=_set_tasks, initargs=(tasks, undrawn)) as pool:
            for _ in pool.map(_draw_index, range(len(undrawn))):
                pass
            return list(pool.map(_produce_index, range(len(tasks))))
    except BrokenProcessPool:
        return [_produce_alone(tasks, index) for index in range(len(tasks))]


def _produce_alone(tasks: list[tuple[Path, dict[str, Any], Path]], index: int):
    """Produce one document in a forked process of its own (it shares the contexts)."""
    try:
        with fork_pool(workers=1, initializer=_set_tasks, initargs=(tasks,)) as pool:
            return pool.submit(_produce_task_at, index).result()
    except BrokenProcessPool:
        template, _, out = tasks[index]
        return OutputFailed(Path(out).name, f"lập văn bản từ mẫu {Path(template).name} làm chương "
                            "trình hết bộ nhớ hoặc dừng đột ngột", "Báo bộ phận kỹ thuật; các văn "
                            "bản khác vẫn được lập.")


def _produce_task_at(index: int) -> list[str] | PipelineError:
    """The one-document process's entry (kept apart from the pool's ``_produce_index``, so
    that a test can kill the pool's workers and not these)."""
    return _produce_task(_TASKS[index])


_TASKS: list[tuple[Path, dict[str, Any], Path]] = []     # a worker's tasks, set when forked
_UNDRAWN: list[Picture] = []                               # and the pictures to draw first


def _set_tasks(tasks: list[tuple[Path, dict[str, Any], Path]],
               undrawn: list[Picture] | None = None) -> None:
    global _TASKS, _UNDRAWN
    _TASKS, _UNDRAWN = tasks, undrawn or []


def _produce_index(index: int) -> list[str] | PipelineError:
    return _produce_task(_TASKS[index])


def _undrawn(tasks: list[tuple[Path, dict[str, Any], Path]]) -> list[Picture]:
    """Return the pictures of the tasks' contexts that are not drawn yet, each once, in the
    order they first appear."""
    found: dict[Path, Picture] = {}
    for _, context, _ in tasks:
        for picture in pictures_in(context):
            found.setdefault(picture.path, picture)
    return [picture for picture in found.values() if picture.draw is not None and not picture.drawn]


def _draw_index(index: int) -> None:
    """Draw one of the pictures not drawn yet. A failure is left for the document that
    shows it: its render draws it again and reports what is wrong in its place."""
    try:
        _UNDRAWN[index].ensure()
    except (PipelineError, OSError):
        pass


def _produce_task(task: tuple[Path, dict[str, Any], Path]) -> list[str] | PipelineError:
    """Produce one document; a template problem or an OSError comes back as its error
    (an OutputFailed for a write that failed, e.g. no space left)."""
    try:
        return produce(*task)
    except PipelineError as error:
        return error
    except OSError as error:             # a chart or the document could not be saved
        return output_failed(Path(task[2]).name, error)


def missing_variables(template: Path, context: dict[str, Any]) -> list[str]:
    """Return, sorted, the top-level names the template uses that ``context`` lacks.

    Headers and footers are included. Raises PipelineError for a template syntax error.
    """
    try:
        stamp = Path(template).stat().st_mtime_ns
    except OSError:
        stamp = -1                          # _open says what is wrong with it
    used = _template_variables(Path(template), stamp)
    return sorted(name for name in used if name not in context)


@functools.lru_cache(maxsize=32)
def _template_variables(template: Path, mtime: int) -> frozenset[str]:
    """Return every top-level name a template uses (cached: one parse per template and run)."""
    document = _open(template)
    try:
        return frozenset(_undeclared(document))
    except TemplateSyntaxError as exc:
        raise PipelineError(_syntax_message(template, exc)) from exc


def _undeclared(document: DocxTemplate) -> set[str]:
    """Return the names the body, headers and footers use, part by part as docxtpl renders
    them (docxtpl's ``get_undeclared_template_variables`` opens the file a second time and
    parses a text no render uses): each part is patched and compiled once, for the check and
    for rendering (see ``_Template`` and ``_Environment``).
    """
    env = environment()
    sources = [document.get_xml()]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        sources += [document.get_part_xml(part) for _, part in document.get_headers_footers(uri)]
    names: set[str] = set()
    for source in dict.fromkeys(sources):       # headers and footers are often the same
        # render_xml_part's own first step, so that the tree is the one it compiles
        text = _PARAGRAPH.sub(r"\n<w:p\1", document.patch_xml(source))
        names |= env.from_string(text).undeclared
    return names


_PARAGRAPH = re.compile(r"<w:p([ >])")


class _Template(DocxTemplate):
    """A DocxTemplate that prepares (patches) each XML part of a template once per run.

    docxtpl's ``patch_xml`` is a pure text transformation of a part, repeated at every
    render; the ranking documents of all clusters share one template.
    """

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml):
        if src_xml not in self._patched:
            if len(self._patched) > 256:
                self._patched.clear()
            self._patched[src_xml] = super().patch_xml(src_xml)
        return self._patched[src_xml]


def _open(template: Path) -> DocxTemplate:
    """Open a template, turning a missing or damaged file into PipelineError."""
    if not template.is_file():
        raise PipelineError(f"Không tìm thấy mẫu văn bản {template}.")
    try:
        document = _Template(template)
        document.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PipelineError(f"Không mở được mẫu văn bản {template.name}: tệp không phải"
                            " văn bản Word (.docx) hoặc bị hỏng.") from exc
    return document


def _syntax_message(template: Path, exc: TemplateSyntaxError) -> str:
    """Describe a syntax error in Vietnamese, with the text around it when docxtpl has it."""
    near = " ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
    where = f" Đoạn văn gần chỗ lỗi: “{near[:200]}”." if near else ""
    return (f"Mẫu văn bản {template.name} bị lỗi cú pháp: {exc.message}.{where}"
            " Mở mẫu trong Word, sửa thẻ {{ }} hoặc {% %} quanh vị trí báo lỗi.")


def _with_images(document: DocxTemplate, context: dict[str, Any]) -> dict[str, Any]:
    """Return the context with every Picture drawn if needed and made an InlineImage."""
    index_pictures(document.docx.part.package)
    def inline(picture: Picture) -> InlineImage:
        picture.ensure()
        return InlineImage(document, str(picture.path), width=Mm(picture.width_mm))
    return map_pictures(context, inline)
