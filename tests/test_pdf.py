"""PDF through LibreOffice: the reports print as Decree 30 wants, and conversion fails loudly.

The printing tests render the 6-month report and the year-end review exactly as the
pipeline does and convert both in one LibreOffice call (about 3 s); they are skipped when
LibreOffice or poppler-utils is absent. The failure tests put a fake ``soffice`` first on
the PATH, so they run everywhere.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from pipeline import report
from pipeline.errors import PipelineError
from pipeline.pdf import (PACKAGES, find_soffice, install_hint, fonts, page_count, page_text, pdf_available,
                          poppler_available, to_pdf)

ROOT = Path(__file__).resolve().parent.parent
PERIODIC = "bao_cao_thi_dua_6thang_2024.docx"
YEAR_END = "bao_cao_tong_ket_thi_dua_2024.docx"
SERIF = re.compile(r"(LiberationSerif|TimesNewRoman(PS)?(MT)?)([-,].*)?")
APPENDIX_LABEL = re.compile(r"Phụ lục(\s+[IVXLC]+)?")

needs_office = pytest.mark.skipif(
    not (pdf_available() and poppler_available()),
    reason=f"cần LibreOffice (soffice) và poppler-utils (pdfinfo, pdftotext, pdffonts): "
           f"apt-get install {PACKAGES}")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """Render the reports as the pipeline does; convert two of them in one call."""
    documents = tmp_path_factory.mktemp("report")
    checked = report.check_inputs(ROOT / "input", ROOT / "config", 2024)
    report.make_report(checked, documents, ROOT / "templates")
    outdir = tmp_path_factory.mktemp("pdf")
    pdfs = to_pdf([documents / PERIODIC, documents / YEAR_END], outdir)
    return {"periodic": pdfs[0], "year_end": pdfs[1], "outdir": outdir}


def lines(pdf: Path, page: int) -> list[str]:
    """Return the non-empty lines of one page, stripped."""
    return [line.strip() for line in page_text(pdf, page).splitlines() if line.strip()]


def top_line(pdf: Path, page: int) -> str:
    found = lines(pdf, page)
    return found[0] if found else ""


def is_number(line: str) -> bool:
    return re.fullmatch(r"\d+", line) is not None


# --------------------------------------------------------------------------- printing
@needs_office
def test_one_pdf_per_document_and_nothing_else(printed):
    assert printed["periodic"].name == PERIODIC.replace(".docx", ".pdf")
    assert printed["year_end"].name == YEAR_END.replace(".docx", ".pdf")
    assert sorted(p.name for p in printed["outdir"].iterdir()) == sorted(
        [printed["periodic"].name, printed["year_end"].name])     # no staging folder left
    assert all(printed[k].stat().st_size > 0 for k in ("periodic", "year_end"))


@needs_office
@pytest.mark.parametrize("key", ["periodic", "year_end"])
def test_page_numbers_in_the_header_but_not_on_page_one(printed, key):
    pdf = printed[key]
    assert page_count(pdf) >= 2
    assert not is_number(top_line(pdf, 1)), lines(pdf, 1)[:3]
    assert top_line(pdf, 2) == "2"


@needs_office
@pytest.mark.parametrize("key", ["periodic", "year_end"])
def test_appendix_numbers_its_pages_from_one(printed, key):
    pdf = printed[key]
    count = page_count(pdf)
    first = next((n for n in range(2, count + 1)
                  if any(APPENDIX_LABEL.fullmatch(line) for line in lines(pdf, n))), None)
    assert first is not None, "không thấy trang có dòng “Phụ lục”"
    assert first < count, "phụ lục chỉ có một trang: không kiểm tra được số trang"
    assert not is_number(top_line(pdf, first)), lines(pdf, first)[:3]
    assert top_line(pdf, first + 1) == "2"


@needs_office
@pytest.mark.parametrize("key", ["periodic", "year_end"])
def test_only_times_new_roman_or_its_metric_twin(printed, key):
    used = fonts(printed[key])
    assert used
    assert {f for f in used if not SERIF.fullmatch(f)} == set()


# --------------------------------------------------------------------------- failures
@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """Return a function installing a shell script as ``soffice``, first on the PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")

    def install(body: str) -> None:
        script = folder / "soffice"
        script.write_text("#!/bin/sh\n" + body)
        script.chmod(0o755)
    return install


def docx(folder: Path, *names: str) -> list[Path]:
    """Create placeholder documents (the fake soffice never opens them)."""
    paths = [folder / name for name in names]
    for path in paths:
        path.write_bytes(b"PK")
    return paths


WRITE_SOME = """
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2
for f in "$@"; do
  name=$(basename "$f" .docx)
  case "$name" in keep*) printf '%%PDF-1.4 fake' > "$out/$name.pdf";; esac
done
echo "Error: source file could not be loaded" >&2
exit 0
"""


def test_a_pdf_libreoffice_did_not_make_is_named(tmp_path, fake_soffice):
    fake_soffice(WRITE_SOME)
    out = tmp_path / "out"
    with pytest.raises(PipelineError) as error:
        to_pdf(docx(tmp_path, "keep.docx", "lost.docx"), out)
    assert "lost.docx" in str(error.value) and "keep.docx" not in str(error.value)
    assert "could not be loaded" in str(error.value)
    assert [p.name for p in out.iterdir()] == ["keep.pdf"]       # the good one in place


def test_libreoffice_that_hangs_is_killed_with_its_children(tmp_path, fake_soffice,
                                                             monkeypatch):
    pid_file = tmp_path / "child.pid"
    monkeypatch.setenv("CHILD_PID", str(pid_file))
    fake_soffice('sleep 30 &\necho $! > "$CHILD_PID"\nwait\n')
    started = time.monotonic()
    with pytest.raises(PipelineError, match="quá 0.5 giây"):
        to_pdf(docx(tmp_path, "a.docx"), tmp_path / "out", timeout=0.5)
    assert time.monotonic() - started < 10
    assert not _running(int(pid_file.read_text()))
    assert list((tmp_path / "out").iterdir()) == []


def _running(pid: int) -> bool:
    """Return True while ``pid`` is alive (a zombie waiting to be reaped counts as gone)."""
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
        except FileNotFoundError:
            return False
        if state == "Z":
            return False
        time.sleep(0.1)
    return True


def test_missing_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not pdf_available()
    with pytest.raises(PipelineError, match="libreoffice-writer-nogui fonts-liberation2"):
        to_pdf(docx(tmp_path, "a.docx"), tmp_path / "out")


def test_missing_document_is_named(tmp_path, fake_soffice):
    fake_soffice("exit 0\n")
    with pytest.raises(PipelineError, match="khong_co.docx"):
        to_pdf([tmp_path / "khong_co.docx"], tmp_path / "out")


def test_two_documents_making_the_same_pdf(tmp_path, fake_soffice):
    fake_soffice("exit 0\n")
    (tmp_path / "x").mkdir()
    same = docx(tmp_path, "a.docx") + docx(tmp_path / "x", "a.docx")
    with pytest.raises(PipelineError, match="a.pdf"):
        to_pdf(same, tmp_path / "out")


def test_nothing_to_convert(tmp_path):
    assert to_pdf([], tmp_path) == []


def test_on_windows_libreoffice_is_found_in_its_install_folder(tmp_path):
    program = tmp_path / "Program Files" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"MZ")
    environ = {"ProgramFiles(x86)": str(tmp_path / "khong_co"),
               "ProgramFiles": str(tmp_path / "Program Files")}
    assert find_soffice(True, environ, lambda name: None) == str(program / "soffice.exe")
    assert find_soffice(True, {}, lambda name: None) is None
    assert find_soffice(True, environ, lambda name: "C:/bin/soffice.exe") == "C:/bin/soffice.exe"
    assert find_soffice(False, environ, lambda name: None) is None     # elsewhere: PATH only


def test_the_install_hint_fits_the_system():
    assert "libreoffice.org" in install_hint(windows=True) and "sudo" not in install_hint(windows=True)
    assert "sudo apt-get install" in install_hint(windows=False)


def test_without_process_groups_the_hung_libreoffice_is_still_killed(tmp_path, fake_soffice,
                                                                     monkeypatch):
    import pipeline.pdf as pdf_module
    killed = []
    monkeypatch.delattr(pdf_module.os, "killpg")
    monkeypatch.setattr(pdf_module.subprocess, "run",
                        lambda command, **_: killed.append(command[0]))
    fake_soffice("exec sleep 30\n")
    with pytest.raises(PipelineError, match="quá 0.5 giây"):
        to_pdf(docx(tmp_path, "a.docx"), tmp_path / "out", timeout=0.5)
    assert killed == ["taskkill"]
