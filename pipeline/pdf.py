"""Convert Word documents to PDF with LibreOffice, and read PDFs back with poppler-utils.

The only module that runs ``soffice`` (and ``pdfinfo``, ``pdftotext``, ``pdffonts``).
Every conversion is one batch call with a fresh LibreOffice profile of its own (so it
neither waits for nor disturbs a LibreOffice the clerk has open), under a timeout that
kills the whole process group. LibreOffice can exit 0 without writing anything, so each
expected PDF is checked; PDFs are written into a hidden folder inside the output folder
and moved into place one by one, so a reader never sees half a file.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import PipelineError

SOFFICE = "soffice"
POPPLER = ("pdfinfo", "pdftotext", "pdffonts")
PACKAGES = "libreoffice-writer-nogui fonts-liberation2 poppler-utils"
TOOL_TIMEOUT = 60.0                      # seconds for one poppler command
SUBSET = re.compile(r"^[A-Z]{6}\+")      # "ABCDEF+LiberationSerif": a subset font's tag


WINDOWS = os.name == "nt"
# where LibreOffice's installer puts soffice on Windows (64- and 32-bit), under these variables
WINDOWS_FOLDERS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA")
WINDOWS_PROGRAM = Path("LibreOffice", "program", "soffice.exe")
DOWNLOAD = "https://www.libreoffice.org/download/"


def find_soffice(windows: bool = WINDOWS, environ=os.environ, which=shutil.which) -> str | None:
    """Return the path of LibreOffice's ``soffice``: on the PATH, or on Windows in the
    folder its installer uses (it does not put itself on the PATH); None when absent."""
    found = which(SOFFICE)
    if found or not windows:
        return found
    for variable in WINDOWS_FOLDERS:
        base = environ.get(variable)
        if base and (Path(base) / WINDOWS_PROGRAM).is_file():
            return str(Path(base) / WINDOWS_PROGRAM)
    return None


def pdf_available() -> bool:
    """Return True when LibreOffice (``soffice``) can be found."""
    return find_soffice() is not None


def poppler_available() -> bool:
    """Return True when poppler-utils (pdfinfo, pdftotext, pdffonts) are on the PATH."""
    return all(shutil.which(tool) for tool in POPPLER)


def to_pdf(documents: list[Path], outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert ``documents`` to PDF in one LibreOffice call; return the PDFs, in order.

    Raises PipelineError when LibreOffice is not installed, a document is missing, two
    documents would make the same PDF, LibreOffice runs past ``timeout`` seconds, or a PDF
    was not made (the PDFs that were made are still put in place).
    """
    documents = [Path(d).resolve() for d in documents]
    if not documents:
        return []
    soffice = _soffice()
    _check_documents(documents)
    outdir = Path(outdir)
    try:
        good, log = _convert_into(outdir, soffice, documents, timeout)
    except OSError as exc:
        raise PipelineError(f"Không ghi được PDF vào thư mục {outdir}: {exc.strerror}."
                            " Kiểm tra quyền ghi và chỗ trống trên đĩa.") from exc
    missing = [d for d in documents if d not in good]
    if missing:
        raise PipelineError(_missing_message(missing, log))
    return [outdir / f"{d.stem}.pdf" for d in documents]


def _convert_into(outdir: Path, soffice: str, documents: list[Path],
                  timeout: float) -> tuple[list[Path], str]:
    """Convert into a hidden folder in ``outdir``, move each PDF made into place.

    Returns the documents whose PDF was made and what LibreOffice printed.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    # Windows may hold LibreOffice's files a moment after it exits: a folder left behind
    # must not turn PDFs that were made into an error
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=outdir,
                                     ignore_cleanup_errors=True) as staging, \
            tempfile.TemporaryDirectory(prefix="lo-profile-",
                                        ignore_cleanup_errors=True) as profile:
        log = _convert(soffice, documents, Path(staging), Path(profile), timeout)
        made = {d: Path(staging) / f"{d.stem}.pdf" for d in documents}
        good = [d for d in documents if _nonempty(made[d])]
        for d in good:
            os.replace(made[d], outdir / made[d].name)
    return good, log


def _soffice() -> str:
    """Return the path of soffice, or raise PipelineError saying what to install."""
    found = find_soffice()
    if found is None:
        raise PipelineError(install_hint())
    return found


def install_hint(windows: bool = WINDOWS) -> str:
    """Say how to install LibreOffice on this system."""
    if windows:
        return ("Chưa cài LibreOffice nên không chuyển được văn bản sang PDF. Tải bộ cài tại"
                f" {DOWNLOAD} (bản Windows x86_64), cài với các lựa chọn mặc định rồi chạy lại.")
    return ("Chưa cài LibreOffice nên không chuyển được văn bản sang PDF. Trên Debian/Ubuntu,"
            f" cài bằng lệnh: sudo apt-get install {PACKAGES}")


def _check_documents(documents: list[Path]) -> None:
    """Raise PipelineError for a missing document or two documents with the same name."""
    absent = [d.name for d in documents if not d.is_file()]
    if absent:
        raise PipelineError(f"Không tìm thấy văn bản để chuyển sang PDF: {', '.join(absent)}.")
    stems: dict[str, Path] = {}
    for d in documents:
        if d.stem in stems:
            raise PipelineError(f"Hai văn bản cùng cho ra {d.stem}.pdf: {stems[d.stem]} và {d}."
                                " Đổi tên một trong hai tệp rồi chạy lại.")
        stems[d.stem] = d


def _convert(soffice: str, documents: list[Path], staging: Path, profile: Path,
             timeout: float) -> str:
    """Run one headless conversion into ``staging``; return what LibreOffice printed."""
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(staging), *map(str, documents)]
    try:
        return _run(command, timeout)
    except subprocess.TimeoutExpired as exc:
        raise PipelineError(f"LibreOffice chạy quá {timeout:g} giây mà chưa chuyển xong"
                            f" {len(documents)} văn bản sang PDF nên đã bị dừng. Chạy lại với"
                            " ít văn bản hơn hoặc khi máy bớt bận.") from exc


def _run(command: list[str], timeout: float) -> str:
    """Run ``command`` in a process group of its own; kill the group on timeout.

    Returns stdout and stderr together, with the exit status when it is not 0.
    Raises subprocess.TimeoutExpired.
    """
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if WINDOWS
             else {"start_new_session": True})
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, **group) as process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise
    status = f" (mã thoát {process.returncode})" if process.returncode else ""
    return output.decode("utf-8", "replace") + status


def _kill_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process it started (soffice starts soffice.bin): its
    process group where there are groups, its tree through taskkill on Windows."""
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass                              # already gone
    else:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],
                       capture_output=True, check=False)
        process.kill()
    process.communicate()


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _missing_message(missing: list[Path], log: str) -> str:
    """Describe the documents LibreOffice made no PDF for, with its last words."""
    said = " ".join(log.split())[-300:]
    return (f"LibreOffice không tạo được PDF cho: {', '.join(d.name for d in missing)}."
            " Mở các tệp này bằng Word hoặc LibreOffice Writer để xem có bị hỏng không; các"
            " văn bản khác đã chuyển xong." + (f" LibreOffice báo: “{said}”." if said else ""))


# --------------------------------------------------------------------------- reading PDFs
def page_count(pdf: Path) -> int:
    """Return the number of pages of ``pdf`` (pdfinfo). Raises PipelineError."""
    found = re.search(r"^Pages:\s+(\d+)\s*$", _poppler(pdf, "pdfinfo", str(pdf)), re.M)
    if found is None:
        raise PipelineError(f"Không đọc được số trang của {Path(pdf).name}.")
    return int(found[1])


def page_text(pdf: Path, page: int) -> str:
    """Return the text of page ``page`` (1-based) laid out as printed (pdftotext -layout)."""
    return _poppler(pdf, "pdftotext", "-f", str(page), "-l", str(page), "-layout",
                    "-enc", "UTF-8", str(pdf), "-")


def fonts(pdf: Path) -> set[str]:
    """Return the base names of the fonts used in ``pdf``, without subset tags (pdffonts)."""
    lines = _poppler(pdf, "pdffonts", str(pdf)).splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return set()
    width = len(lines[rule].split(" ")[0])      # the name column is as wide as its dashes
    return {SUBSET.sub("", line[:width].strip()) for line in lines[rule + 1:] if line.strip()}


def _poppler(pdf: Path, tool: str, *args: str) -> str:
    """Run poppler-utils ``tool`` on ``pdf`` and return its output. Raises PipelineError."""
    if shutil.which(tool) is None:
        raise PipelineError(f"Chưa cài {tool} (gói poppler-utils). Trên Debian/Ubuntu, cài"
                            f" bằng lệnh: sudo apt-get install {PACKAGES}")
    try:
        done = subprocess.run([tool, *args], capture_output=True, timeout=TOOL_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise PipelineError(f"{tool} đọc {Path(pdf).name} quá {TOOL_TIMEOUT:g} giây.") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise PipelineError(f"{tool} không đọc được {Path(pdf).name}: {said}")
    return done.stdout.decode("utf-8", "replace")
