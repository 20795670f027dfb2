"""Measure the ``report`` command against an honest floor, at province scale (300 units) and
stress scale (3,000 units; 1,000 and 10,000 with ``--linearity``).

    .venv/bin/python -m pipeline.bench [--runs 5] [--sizes 300,3000] [--linearity] [--quick]

For each size N the harness first builds a synthetic year, once, cached under
``output/bench-cache/n<N>/`` and keyed by N and a fingerprint of ``config/2024`` and of the
form code (building it is never measured):
- ``config/2024``: the real year's data files, with ``don_vi.xlsx`` replaced by N units —
  the real departments (SINGLE targets) and districts first, then communes ("Xã, phường,
  thị trấn") reporting the summed targets, in clusters of 15;
- ``input/``: one filled year-end form per unit (``samples.sample_fill`` + ``forms.build_form``).

Four sides are measured, each in a fresh child process whose CPU time (its own and its
workers') and peak RSS come from ``os.wait4``, started by a small launcher so that the
harness's memory does not count; the launcher also samples every 25 ms the memory of all
the processes together (PSS summed, shared pages counted once):
- report: ``python -m pipeline report --period canam`` end to end, into an empty folder
  (it uses both cores where it can: reading from 100 files, rendering from 8 documents);
- rerun: the same command again into the same folder right after, inputs unchanged (the
  clerk running ``make report`` twice);
- floor, on one core: the least any implementation must do — read the sheets the report
  reads (every sheet of the data files; the unit sheets of the inputs) with python-calamine,
  and render the same documents with docxtpl (autoescape, StrictUndefined, the project's
  filters), each template's XML parts patched and compiled once and reused, as the report
  does, pictures placed once each, and save them. It renders with the exact contexts the
  real run builds, computed beforehand by the harness (``check_inputs`` + ``document_jobs``)
  and pickled; the charts are drawn then too, so the floor only places them. The floor does
  no checking, evaluating, context building, chart drawing or findings workbook;
- floor on two cores: the same work split between two forked processes (files alternately,
  documents by size, largest first, to the less loaded process).

Each side runs ``--runs`` times (5), the sides taking turns so that the load of a shared
machine falls on all of them alike; the table and ``<output>/bench.json`` give medians, and
the load average before and after each size. The ratios are the issue's goals at 300 units:
first run ≤ 1.2× the two-core floor in wall time and ≤ 1.3× the one-core floor in CPU time;
re-run ≤ 0.3 s more than reading (the two-core floor's reading phase); time per unit within
10% from 1,000 to 10,000 units; ≤ 400 MB over all processes at 10,000 units.
"""
from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024
SIZES, LINEAR_SIZES, QUICK_SIZES = (300, 3000), (1000, 10000), (30,)
RUNS = 5
CLUSTER_SIZE = 15
COMMUNE_KIND = "Xã, phường, thị trấn"
CACHE_FORMAT = "1"             # bump when the synthetic year changes shape
JOBS_FORMAT = "2"              # bump when the floor's data (jobs.pickle, books.txt) changes shape
STAMP = "ready.json"
JOBS_STAMP = "jobs.json"
SOURCES = ("forms.py", "samples.py", "layout.py", "formsets.py", "score.py")  # the inputs' code
SIDES = ("report", "rerun", "floor", "floor_2core")
GOALS = {"first_wall_vs_floor_2core": 1.2, "first_cpu_vs_floor": 1.3,
         "rerun_over_reading_s": 0.3, "per_unit_growth": 1.1, "all_mb_at_10000": 400}

# argv: books.txt (a workbook per line: path, then the sheets to read, tab-separated),
# jobs.pickle ((template, name, context, weight) per document), output folder, processes.
# Prints, as its last line, the reading and rendering time of each process (JSON).
FLOOR_SCRIPT = r"""
import json, os, pickle, sys, time
from pathlib import Path
import python_calamine
from docx.package import ImageParts
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined
from pipeline.formatting import FILTERS

class Env(Environment):                    # each template part compiled once
    compiled = {}
    def from_string(self, source, globals=None, template_class=None):
        if source not in self.compiled:
            self.compiled[source] = super().from_string(source)
        return self.compiled[source]

class Template(DocxTemplate):              # each template part patched once
    patched = {}
    def patch_xml(self, src_xml):
        if src_xml not in self.patched:
            self.patched[src_xml] = super().patch_xml(src_xml)
        return self.patched[src_xml]

class Images(ImageParts):                  # each picture hashed once
    def __init__(self):
        super().__init__()
        self.by_sha1 = {}
    def append(self, part):
        super().append(part)
        self.by_sha1.setdefault(part.sha1, part)
    def _get_by_sha1(self, sha1):
        return self.by_sha1.get(sha1)
    def _next_image_partname(self, ext):
        from docx.opc.packuri import PackURI
        return PackURI("/word/media/image%d.%s" % (len(self) + 1, ext))

def pictures(document, value):
    if hasattr(value, "width_mm"):
        return InlineImage(document, str(value.path), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: pictures(document, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(pictures(document, v) for v in value)
    return value

def read(lines):
    for line in lines:
        path, *sheets = line.split("\t")
        book = python_calamine.CalamineWorkbook.from_path(path)
        for name in sheets:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)

def render(jobs, out):
    env = Env(autoescape=True, undefined=StrictUndefined)
    env.filters.update(FILTERS)
    sources = {}
    for template, name, context, _ in jobs:
        if template not in sources:
            sources[template] = Path(template).read_bytes()
        document = Template(__import__("io").BytesIO(sources[template]))
        document.init_docx()
        package = document.docx.part.package
        images = Images()
        for part in package.image_parts:
            images.append(part)
        package.__dict__["image_parts"] = images
        document.render(pictures(document, context), jinja_env=env, autoescape=True)
        document.save(Path(out) / name)

def work(lines, jobs, out):
    started = time.perf_counter()
    read(lines)
    middle = time.perf_counter()
    render(jobs, out)
    return {"read_s": middle - started, "render_s": time.perf_counter() - middle}

def split(lines, jobs, parts):
    shares = [(lines[k::parts], []) for k in range(parts)]
    loads = [0] * parts
    for job in sorted(jobs, key=lambda j: -j[3]):
        k = loads.index(min(loads))
        shares[k][1].append(job)
        loads[k] += job[3]
    return shares

books, jobs_file, out, processes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lines = [l for l in Path(books).read_text(encoding="utf-8").splitlines() if l]
with open(jobs_file, "rb") as stream:
    jobs = pickle.load(stream)
shares = split(lines, jobs, processes)
pipes = []
for lines_k, jobs_k in shares[1:]:
    reader, writer = os.pipe()
    if os.fork() == 0:
        os.close(reader)
        os.write(writer, json.dumps(work(lines_k, jobs_k, out)).encode())
        os._exit(0)
    os.close(writer)
    pipes.append(reader)
phases = [work(*shares[0], out)]
for reader in pipes:
    with os.fdopen(reader, "rb") as stream:
        phases.append(json.loads(stream.read()))
    os.wait()
print(json.dumps(phases))
"""

# Runs argv[2:] with its output in the file argv[1]; prints the child's own figures as JSON.
# A thread samples, every 25 ms, the proportional set size (PSS: shared pages split between
# the processes sharing them) summed over the child and its workers (Linux /proc; 0 elsewhere).
LAUNCHER = """
import json, os, subprocess, sys, threading, time

def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as stream:
            kids = stream.read().split()
    except OSError:
        return [pid]
    return [pid] + [p for kid in kids for p in tree(int(kid))]

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            return next((int(l.split()[1]) for l in stream if l.startswith("Pss:")), 0)
    except OSError:
        return 0

peak = [0]
def sample(pid, done):
    while not done.wait(0.025):
        peak[0] = max(peak[0], sum(pss_kb(p) for p in tree(pid)))

with open(sys.argv[1], "wb") as log:
    started = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    done = threading.Event()
    sampler = threading.Thread(target=sample, args=(child.pid, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
child.returncode = code = os.waitstatus_to_exitcode(status)
if code == 0:
    print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                      "peak_mb": usage.ru_maxrss / 1024, "all_mb": peak[0] / 1024}))
sys.exit(code)
"""


class BenchError(Exception):
    """The harness cannot measure: a command failed or the synthetic year is wrong."""


@dataclass(frozen=True)
class Sample:
    """One measured child process."""

    wall_s: float
    cpu_s: float          # user + system time of the child and of the workers it waited for
    peak_mb: float        # peak resident set size of the largest process (child or worker)
    all_mb: float         # peak of the PSS summed over the child and its workers, sampled
    read_s: float = 0.0   # the floor only: reading, wall time (the slower process)
    render_s: float = 0.0  # the floor only: rendering and saving, wall time (the slower process)


# -- the synthetic year ---------------------------------------------------------------------

def fingerprint(salt: str, paths: list[Path]) -> str:
    """Return a cache key: a hash of ``salt`` and the names and contents of ``paths``."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def inputs_key(n: int) -> str:
    """Return the key of a synthetic year: N, the real data files and the form code."""
    return fingerprint(f"{CACHE_FORMAT}-{n}",
                       sorted((ROOT / "config" / str(YEAR)).iterdir())
                       + [ROOT / "pipeline" / name for name in SOURCES])


def jobs_key(year_dir: Path) -> str:
    """Return the key of the floor's contexts: the inputs, the pipeline code, the templates."""
    return fingerprint(JOBS_FORMAT + (year_dir / STAMP).read_text(),
                       sorted((ROOT / "pipeline").rglob("*.py"))
                       + sorted((ROOT / "templates").glob("*.docx")))


def cached(stamp: Path, key: str, build) -> None:
    """Call ``build()`` unless ``stamp`` records ``key``; then record it."""
    if stamp.is_file() and json.loads(stamp.read_text()).get("key") == key:
        return
    started = time.perf_counter()
    build()
    stamp.write_text(json.dumps({"key": key,
                                 "seconds": round(time.perf_counter() - started, 1)}))


def synthetic_units(n: int) -> tuple[list[tuple], list[tuple]]:
    """Return N unit rows and their cluster rows, in the layout of don_vi.xlsx."""
    from .config import load
    config = load(ROOT / "config", YEAR)
    real = sorted(config.registry.units, key=lambda u: u.kind == "Huyện, thành phố")
    units = [(u.code, u.name, config.units_title.get(u.code, u.name), u.kind, u.cluster,
              ", ".join(u.targets)) for u in real[:n]]
    summed = ", ".join(t.code for t in config.directive.targets
                       if t.aggregation.name == "SUM")
    clusters = [(c.code, c.name, c.kind, c.head, c.deputy) for c in config.registry.clusters
                if any(u[4] == c.code for u in units)]
    for i in range(1, n - len(units) + 1):
        cluster = f"CX{(i - 1) // CLUSTER_SIZE + 1:03d}"
        if (i - 1) % CLUSTER_SIZE == 0:
            clusters.append((cluster, f"Cụm thi đua xã, phường, thị trấn số {cluster[2:]}",
                             "Cụm", f"X{i:04d}", f"X{i + 1:04d}"))
        place = ("xã", "phường", "thị trấn")[i % 3]
        units.append((f"X{i:04d}", f"Ủy ban nhân dân {place} Thử nghiệm {i:04d}",
                      f"UBND {place} Thử nghiệm {i:04d}", COMMUNE_KIND, cluster, summed))
    return units, clusters


def synthetic_plans(units: list[tuple]) -> list[tuple]:
    """Return the rows of the sheet "Kế hoạch giao": the real units' plans, and 1 for each
    target a synthetic unit adds up (every reporter of a summed quantity has a plan)."""
    from .config import load
    registry = load(ROOT / "config", YEAR).registry
    plans = [(a.unit, a.target, a.low, a.high, "Có" if a.scored else "Không")
             for a in registry.assignments if registry.unit(a.unit) and
             any(u[0] == a.unit for u in units)]
    plans += [(u[0], code.strip(), 1, None, "Có") for u in units if registry.unit(u[0]) is None
              for code in u[5].split(",") if code.strip()]
    return plans


def write_registry(path: Path, units: list[tuple], clusters: list[tuple],
                   plans: list[tuple] = ()) -> None:
    """Write don_vi.xlsx with the sheets and header rows of tools/seed_config.py."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Danh sách đơn vị tổng hợp để đo tốc độ (không phải số liệu thật)."])
    sheet = book.create_sheet("Đơn vị")
    sheet.append(["Mã đơn vị", "Tên đầy đủ", "Tên ngắn", "Loại", "Cụm, khối",
                  "Chỉ tiêu báo cáo"])
    for row in units:
        sheet.append(list(row))
    sheet = book.create_sheet("Cụm, khối")
    sheet.append(["Mã", "Tên cụm, khối", "Loại", "Trưởng cụm, khối", "Phó cụm, khối"])
    for row in clusters:
        sheet.append(list(row))
    sheet = book.create_sheet("Kế hoạch giao")
    sheet.append(["Mã đơn vị", "Mã chỉ tiêu", "Kế hoạch giao (từ)", "Đến", "Tính điểm"])
    for row in plans:
        sheet.append(list(row))
    book.save(path)


def write_inputs(config_root: Path, folder: Path) -> int:
    """Write one filled year-end form per unit of the synthetic registry; return the count."""
    from .config import load
    from .forms import build_form, form_file_name
    from .formsets import SEND_TO, year_scoring
    from .model import Period
    from .samples import sample_fill
    config = load(config_root, YEAR)
    if config.findings:
        raise BenchError(f"synthetic don_vi.xlsx has findings: {config.findings[0].message}")
    scoring = year_scoring(config_root, YEAR)
    criteria = scoring.criteria if scoring else ()
    computed = scoring.computed if scoring else frozenset()
    folder.mkdir(parents=True, exist_ok=True)
    for unit in config.registry.units:
        fill = sample_fill(config.directive, config.registry, unit, Period.YEAR,
                           criteria=criteria, computed=computed)
        book = build_form(config.directive, unit, Period.YEAR, deadline=None, send_to=SEND_TO,
                          criteria=criteria, fill=fill)
        book.save(folder / form_file_name(unit, Period.YEAR, YEAR))
    return len(config.registry.units)


def pickle_jobs(year_dir: Path) -> None:
    """Save what the floor needs: the documents the real run renders — (template, name,
    context, weight: the context's pickled size, to share them out) — and the workbooks
    with the sheets the real run reads.
    """
    from . import render
    from .model import Period
    from .report import check_inputs, document_jobs

    def drawn(picture):                     # drawn now; the floor only places the file
        picture.ensure()
        return render.Picture(picture.path, picture.width_mm)
    checked = check_inputs(year_dir / "input", year_dir / "config", YEAR, (Period.YEAR,))
    charts = year_dir / "charts"            # the pictures the contexts point to
    shutil.rmtree(charts, ignore_errors=True)
    charts.mkdir()
    jobs = [(ROOT / "templates" / template, name, render.map_pictures(context, drawn))
            for name, template, context in document_jobs(checked, charts)]
    absent = sorted({t.name for t, _, _ in jobs if not t.is_file()})
    if absent:          # the real run skips these too (a template-missing finding)
        print(f"Templates not found, left out of the floor: {', '.join(absent)}", file=sys.stderr)
    jobs = [(str(t), name, context, len(pickle.dumps(context)))
            for t, name, context in jobs if t.is_file()]
    if not jobs:
        raise BenchError(f"no document to render from {year_dir / 'input'}")
    with open(year_dir / "jobs.pickle", "wb") as stream:
        pickle.dump(jobs, stream)
    (year_dir / "books.txt").write_text("\n".join(book_lines(year_dir)), encoding="utf-8")


def book_lines(year_dir: Path) -> list[str]:
    """Return, per workbook the report reads, its path and the sheets it reads (tab-separated):
    every sheet of the data files, the unit form's sheets of the inputs.
    """
    import python_calamine
    from .read import UNIT_SHEETS
    from .values import normalize_label
    wanted = {normalize_label(name) for name in UNIT_SHEETS}
    lines = []
    for path in sorted((year_dir / "config" / str(YEAR)).glob("*.xlsx")):
        names = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names
        lines.append("\t".join([str(path), *names]))
    for path in sorted((year_dir / "input").glob("*.xlsx")):
        names = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names
        lines.append("\t".join([str(path), *(n for n in names if normalize_label(n) in wanted)]))
    return lines


def build_year(n: int, year_dir: Path) -> None:
    """Build the synthetic year of N units into ``year_dir``: config/ and input/."""
    print(f"Building the synthetic year of {n} units in {year_dir} (once)…", file=sys.stderr)
    shutil.rmtree(year_dir, ignore_errors=True)
    config_dir = year_dir / "config" / str(YEAR)
    shutil.copytree(ROOT / "config" / str(YEAR), config_dir)
    units, clusters = synthetic_units(n)
    write_registry(config_dir / "don_vi.xlsx", units, clusters, synthetic_plans(units))
    written = write_inputs(year_dir / "config", year_dir / "input")
    if written != n:
        raise BenchError(f"wrote {written} forms for {n} units")


def prepared(n: int, cache: Path) -> Path:
    """Return the synthetic year of N units with the floor's data, building what is stale."""
    year_dir = cache / f"n{n}"
    cached(year_dir / STAMP, inputs_key(n), lambda: build_year(n, year_dir))
    cached(year_dir / JOBS_STAMP, jobs_key(year_dir), lambda: pickle_jobs(year_dir))
    return year_dir


# -- measuring ------------------------------------------------------------------------------

def timed(label: str, command: list[str], log: Path) -> Sample:
    """Run a command from the project folder; return its wall time, CPU time and memory.

    A small launcher process starts it: a child's peak RSS counts the memory of the
    process it was forked from, so the harness (large after building the contexts) must
    not be that process. Raises BenchError, with the end of the log, on a non-zero exit.
    """
    done = subprocess.run([sys.executable, "-c", LAUNCHER, str(log), *command], cwd=ROOT,
                          capture_output=True, text=True, check=False, env=CHILD_ENV)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-1500:] if log.is_file() else ""
        raise BenchError(f"{label} exited {done.returncode}:\n{tail}{done.stderr[-500:]}")
    return Sample(**json.loads(done.stdout))


def report_command(year_dir: Path, out: Path) -> list[str]:
    """Return the report command of the CLI for a synthetic year."""
    return [sys.executable, "-m", "pipeline", "report", "--input", str(year_dir / "input"),
            "--output", str(out), "--config", str(year_dir / "config"),
            "--year", str(YEAR), "--period", "canam"]


def floor_command(year_dir: Path, out: Path, processes: int) -> list[str]:
    """Return the floor command: read the workbooks, render every document, on
    ``processes`` processes."""
    return [sys.executable, "-c", FLOOR_SCRIPT, str(year_dir / "books.txt"),
            str(year_dir / "jobs.pickle"), str(out), str(processes)]


def floor_sample(sample: Sample, log: Path) -> Sample:
    """Add the floor's phases, printed as the last line of its log: the slower process's."""
    phases = json.loads(log.read_text(encoding="utf-8").strip().splitlines()[-1])
    return Sample(**{**asdict(sample), "read_s": max(p["read_s"] for p in phases),
                     "render_s": max(p["render_s"] for p in phases)})


def one_round(year_dir: Path) -> dict[str, Sample]:
    """Measure each side once: report then re-run into one folder, then both floors."""
    samples = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        out, log = Path(temp) / "out", Path(temp) / "log.txt"
        out.mkdir()
        samples["report"] = timed("report", report_command(year_dir, out), log)
        samples["rerun"] = timed("rerun", report_command(year_dir, out), log)
        for side, processes in (("floor", 1), ("floor_2core", 2)):
            shutil.rmtree(out)
            out.mkdir()
            sample = timed(side, floor_command(year_dir, out, processes), log)
            samples[side] = floor_sample(sample, log)
    return samples


def summarize(samples: list[Sample]) -> dict:
    """Return the medians of repeated runs, and every run."""
    figures = {name: statistics.median(getattr(s, name) for s in samples)
               for name in ("wall_s", "cpu_s", "all_mb", "peak_mb", "read_s", "render_s")}
    return {**figures, "runs": [asdict(s) for s in samples]}


def measure(n: int, cache: Path, runs: int) -> dict:
    """Measure the four sides ``runs`` times for N units; return medians and ratios."""
    year_dir = prepared(n, cache)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    rounds = [one_round(year_dir) for _ in range(runs)]
    result = {"units": n, "files": len(list((year_dir / "input").glob("*.xlsx"))),
              "load_before": load_before,
              "load_after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    for side in SIDES:
        result[side] = summarize([r[side] for r in rounds])
    result["cores"] = cores_used()
    result["ratios"] = ratios(result)
    return result


def cores_used() -> dict:
    """Say how many cores each side may use."""
    from .cores import WORKERS, two_cores
    report = WORKERS if two_cores() else 1
    return {"report": report, "rerun": report, "floor": 1, "floor_2core": 2}


def ratios(r: dict) -> dict:
    """Return the report against the floors (the issue's goals are on the first two)."""
    rep, rerun, one, two = r["report"], r["rerun"], r["floor"], r["floor_2core"]
    return {"first_wall_vs_floor_2core": rep["wall_s"] / two["wall_s"],
            "first_cpu_vs_floor": rep["cpu_s"] / one["cpu_s"],
            "first_wall_vs_floor": rep["wall_s"] / one["wall_s"],
            "first_cpu_vs_floor_2core": rep["cpu_s"] / two["cpu_s"],
            "rerun_over_reading_s": rerun["wall_s"] - two["read_s"],
            "rerun_vs_first": rerun["wall_s"] / rep["wall_s"]}


def growth(results: list[dict]) -> dict | None:
    """Return how time and memory per unit grow from the smallest to the largest size
    (1.0: linear)."""
    if len(results) < 2:
        return None
    small, large = results[0], results[-1]
    factor = large["units"] / small["units"]
    return {"from_units": small["units"], "to_units": large["units"], "units_factor": factor,
            "wall_per_unit": large["report"]["wall_s"] / small["report"]["wall_s"] / factor,
            "cpu_per_unit": large["report"]["cpu_s"] / small["report"]["cpu_s"] / factor,
            "all_mb": large["report"]["all_mb"] / max(small["report"]["all_mb"], 1e-9)}


# -- reporting ------------------------------------------------------------------------------

def machine() -> dict:
    """Describe the machine: cores, CPU model, Python version, date."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "bytecode": "compiled beforehand (modules as after a first run)"}


LABELS = {"report": "report, first run", "rerun": "report, re-run", "floor": "floor",
          "floor_2core": "floor"}


def table(results: list[dict], grown: dict | None, runs: int) -> str:
    """Format the results as a small text table, then the ratios against the goals."""
    lines = [f"medians of {runs} run(s)",
             f"{'units':>6}  {'side':<18} {'cores':>5} {'wall s':>7} {'CPU s':>7} "
             f"{'all MB':>7} {'peak MB':>8} {'read s':>7}"]
    for r in results:
        for side in SIDES:
            s = r[side]
            read = f"{s['read_s']:>7.2f}" if side.startswith("floor") else f"{'':>7}"
            lines.append(f"{r['units']:>6}  {LABELS[side]:<18} {r['cores'][side]:>5} "
                         f"{s['wall_s']:>7.2f} {s['cpu_s']:>7.2f} {s['all_mb']:>7.1f} "
                         f"{s['peak_mb']:>8.1f} {read}")
    for r in results:
        q = r["ratios"]
        lines.append(f"{r['units']} units (load {r['load_before']:.2f} → {r['load_after']:.2f}): "
                     f"first/floor(2 cores) wall {q['first_wall_vs_floor_2core']:.2f}× "
                     f"(goal ≤ {GOALS['first_wall_vs_floor_2core']}), "
                     f"first/floor(1 core) CPU {q['first_cpu_vs_floor']:.2f}× "
                     f"(goal ≤ {GOALS['first_cpu_vs_floor']}), "
                     f"re-run − reading {q['rerun_over_reading_s']:.2f} s "
                     f"(goal ≤ {GOALS['rerun_over_reading_s']}); "
                     f"first/floor(1 core) wall {q['first_wall_vs_floor']:.2f}×, "
                     f"re-run/first {q['rerun_vs_first']:.2f}×")
    if grown:
        lines.append(f"per unit, {grown['from_units']} → {grown['to_units']} units "
                     f"(×{grown['units_factor']:g}): wall ×{grown['wall_per_unit']:.2f}, "
                     f"CPU ×{grown['cpu_per_unit']:.2f} (linear: 1.00; goal ≤ "
                     f"{GOALS['per_unit_growth']}); memory, all processes "
                     f"×{grown['all_mb']:.2f}")
    return "\n".join(lines)


# Every side starts from compiled modules, as on a clerk's PC from the second run on (Python
# writes them at the first): a shell that sets PYTHONDONTWRITEBYTECODE would otherwise make
# each report process compile the project's ~50 modules (about 0.1 s of CPU), the floor few.
CHILD_ENV = {name: value for name, value in os.environ.items()
             if name != "PYTHONDONTWRITEBYTECODE"}


def run(output: Path, cache: Path, sizes: tuple[int, ...], runs: int) -> dict:
    """Measure every size, write ``output/bench.json`` and return what it holds."""
    compileall.compile_dir(ROOT / "pipeline", quiet=1)
    results = [measure(n, cache, runs) for n in sizes]
    data = {"machine": machine(), "runs_per_size": runs, "goals": GOALS, "results": results,
            "growth": growth(results)}
    output.mkdir(parents=True, exist_ok=True)
    (output / "bench.json").write_text(json.dumps(data, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
    return data


def sizes_option(text: str) -> tuple[int, ...]:
    """Parse ``--sizes 300,3000``."""
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of unit counts: {text}") from error
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"not a list of unit counts: {text}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Parse options, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="30 units, one run (for tests)")
    parser.add_argument("--sizes", type=sizes_option, default=None,
                        help="unit counts, comma-separated (default: 300,3000)")
    parser.add_argument("--linearity", action="store_true",
                        help="measure 1,000 and 10,000 units (time per unit, memory)")
    parser.add_argument("--output", type=Path, default=ROOT / "output",
                        help="folder of bench.json (default: output/)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder of the synthetic years (default: <output>/bench-cache)")
    parser.add_argument("--runs", type=int, default=None,
                        help=f"runs per size, medians taken (default {RUNS}; 1 with --quick)")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else
                           LINEAR_SIZES if args.linearity else SIZES)
    runs = max(1, args.runs or (1 if args.quick else RUNS))
    try:
        data = run(args.output, args.cache or args.output / "bench-cache", sizes, runs)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    print(table(data["results"], data["growth"], runs))
    print(f"wrote {args.output / 'bench.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
