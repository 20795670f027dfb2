"""Nothing lost under faults (issue 13): concurrent runs, a killed run, full or read-only
output, locked files, a deleted template or data-file column, nested folders, links.

Runs use the year-end sample workbooks (8 documents: rendered on both cores).
"""
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from python_calamine import CalamineWorkbook

from pipeline import write
from pipeline.cli import main
from pipeline.report import EXIT_BUSY, EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL
from pipeline.summary import FINDINGS_SHEET

ROOT = Path(__file__).resolve().parent.parent
YEAR_END = "bao_cao_tong_ket_thi_dua_2024.docx"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for path in sorted((ROOT / "input" / "canam").glob("*.xlsx")):
        shutil.copy(path, folder / path.name)
    return folder


def run(*args, **options):
    return CliRunner().invoke(main, ["report", *map(str, args)], **options)


def report(inputs: Path, out: Path, *extra):
    return run("--input", inputs, "--output", out, *extra)


def findings_of(out: Path, name: str = "ket_qua_kiem_tra_2024.xlsx") -> list[tuple[str, str, str, str]]:
    rows = CalamineWorkbook.from_path(str(out / name)).get_sheet_by_name(FINDINGS_SHEET).to_python()
    header = rows[0]
    at = {label: header.index(label) for label in ("Tệp", "Trang tính", "Ô", "Mã lỗi")}
    return [(r[at["Mã lỗi"]], r[at["Tệp"]], r[at["Trang tính"]], r[at["Ô"]]) for r in rows[1:]]


def edit(document: Path, text: str) -> None:
    """Edit a document as a clerk does in Word: add a paragraph."""
    doc = Document(document)
    doc.add_paragraph(text)
    doc.save(document)


def document_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


# --- concurrent runs, a killed run ---------------------------------------------------------
def _start(inputs: Path, out: Path, pipe=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "report", "--input", str(inputs),
                             "--output", str(out)], cwd=ROOT, stdout=pipe, stderr=pipe, text=True)


def test_concurrent_runs_keep_every_edit_and_refuse_the_second_run(inputs, tmp_path):
    out = tmp_path / "out"
    assert report(inputs, out).exit_code == EXIT_OK
    for attempt in ("sửa lần một", "sửa lần hai"):
        edit(out / YEAR_END, attempt)
        runs = [_start(inputs, out) for _ in range(2)]
        results = [(r.communicate(timeout=120)[1], r.returncode)[::-1] for r in runs]
        for status, stderr in results:
            assert status in (EXIT_OK, EXIT_BUSY), stderr
            assert "Traceback" not in stderr
            if status == EXIT_BUSY:
                assert "đang được một lần chạy khác ghi" in stderr
    kept = sorted(out.glob("bao_cao_tong_ket_thi_dua_2024.ban-sua-*.docx"))
    texts = [document_text(k) for k in kept]
    assert len(kept) == 2
    assert any("sửa lần một" in t for t in texts) and any("sửa lần hai" in t for t in texts)
    assert not (out / write.LOCK_FILE).exists()
    assert not list(out.rglob(".tmp-*"))


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(t) for t in text]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


POOL_SCRIPT = """
import time
from pipeline.cores import fork_pool
with fork_pool() as pool:
    list(pool.map(abs, [1, 2]))
    print("ready", flush=True)
    pool.submit(time.sleep, 60)
    time.sleep(60)
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="Linux /proc needed")
def test_workers_end_when_the_main_process_is_killed():
    main_process = subprocess.Popen([sys.executable, "-c", POOL_SCRIPT], cwd=ROOT,
                                    stdout=subprocess.PIPE, text=True)
    assert main_process.stdout.readline().strip() == "ready"
    workers = [pid for pid in _children(main_process.pid) if _alive(pid)]
    assert len(workers) >= 1
    main_process.send_signal(signal.SIGKILL)
    main_process.communicate()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def test_a_killed_run_is_followed_by_a_clean_run(inputs, tmp_path):
    out = tmp_path / "out"
    killed = _start(inputs, out, subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / write.LOCK_FILE).exists() and killed.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    killed.kill()
    killed.wait()
    # whatever the kill left (a lock, temporary files, half a chart), and more of the same
    (out / ".tmp-abcd.docx").write_bytes(b"")
    (out / ".tmp-efgh.xlsx").write_bytes(b"PK half")
    (out / write.LOCK_FILE).write_text(json.dumps({"pid": killed.pid, "start": "x",
                                                   "host": write.socket.gethostname()}))
    result = report(inputs, out)
    assert result.exit_code == EXIT_OK, result.output
    assert not list(out.rglob(".tmp-*"))
    assert not (out / write.LOCK_FILE).exists()
    assert zipfile.is_zipfile(out / YEAR_END)


# --- full disk, read-only folder, a path that is a file, locked files ------------------------
def test_no_space_for_one_document_the_others_and_the_findings_are_written(inputs, tmp_path,
                                                                            monkeypatch):
    real = write._sync

    def sync(path: Path) -> None:
        if path.suffix == ".docx" and sync.count == 0:
            sync.count += 1
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path)
    sync.count = 0
    monkeypatch.setattr(write, "_sync", sync)
    out = tmp_path / "out"
    result = report(inputs, out)
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "Traceback" not in result.output
    failed = [f for f in findings_of(out) if f[0] == "output-failed"]
    assert len(failed) == 1 and failed[0][1].endswith(".docx")
    assert "ổ đĩa đã đầy" in result.output
    assert len(list(out.glob("*.docx"))) == 7


def test_a_read_only_output_folder_is_a_finding_not_a_traceback(inputs, tmp_path, monkeypatch):
    monkeypatch.setattr(write.tempfile, "mkstemp", _fail(errno.EACCES))
    result = report(inputs, tmp_path / "out")
    assert result.exit_code == EXIT_NOTHING
    assert "không có quyền ghi" in result.output and "(output-failed)" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _fail(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


def test_output_that_is_a_file(inputs, tmp_path):
    (tmp_path / "out").write_text("not a folder")
    result = report(inputs, tmp_path / "out")
    assert result.exit_code == EXIT_NOTHING
    assert "tệp trùng tên với thư mục" in result.output
    assert isinstance(result.exception, SystemExit)


def test_findings_workbook_open_in_excel_is_written_beside(inputs, tmp_path):
    out, own = tmp_path / "out", tmp_path / "in"
    shutil.copytree(inputs, own)
    report(own, out)
    (out / "~$ket_qua_kiem_tra_2024.xlsx").write_bytes(b"owner")
    (own / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")  # a new finding: it must be rewritten
    result = report(own, out)
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "đang mở trong Excel" in result.output and "Word" not in result.output.split(
        "ket_qua_kiem_tra_2024.xlsx: ")[1].split("\n")[0]
    (spare,) = out.glob("ket_qua_kiem_tra_2024.2*.xlsx")
    codes = {f[0] for f in findings_of(out, spare.name)}
    assert {"output-failed", "output-elsewhere"} <= codes


def test_a_second_run_while_one_holds_the_folder(inputs, tmp_path):
    out = tmp_path / "out"
    with write.RunLock(out):
        result = report(inputs, out)
    assert result.exit_code == EXIT_BUSY
    assert f"tiến trình số {os.getpid()}" in result.output
    assert not list(out.glob("*.docx"))


# --- a deleted template, a deleted data-file column or row ------------------------------------
def test_a_deleted_template_affects_only_its_documents(inputs, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "xep_hang.docx").unlink()
    out = tmp_path / "out"
    result = report(inputs, out, "--templates", templates)
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "Traceback" not in result.output
    names = sorted(p.name for p in out.glob("*.docx"))
    assert YEAR_END in names and not any(n.startswith("xep_hang") for n in names)
    assert ("template-invalid", "xep_hang.docx", "", "") in findings_of(out)


def _delete_column(path: Path, sheet: str, header: str) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for row in ws.iter_rows(max_row=10):
        for cell in row:
            if cell.value == header:
                ws.delete_cols(cell.column)
                book.save(path)
                return
    raise AssertionError(header)


@pytest.fixture
def config(tmp_path):
    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    return folder


def test_a_deleted_column_every_target_needs_stops_with_one_message(inputs, tmp_path, config):
    _delete_column(config / "2024" / "chi_tieu.xlsx", "Chỉ tiêu", "Loại chỉ tiêu")
    out = tmp_path / "out"
    result = report(inputs, out, "--config", config)
    assert result.exit_code == EXIT_NOTHING and "Traceback" not in result.output
    assert "Không đọc được chỉ tiêu nào" in result.output
    assert "thiếu cột “Loại chỉ tiêu”" in result.output
    assert "don_vi.xlsx" not in result.output         # no unit's targets called unknown
    assert not list(out.glob("*.docx"))


@pytest.mark.parametrize("file,sheet,column", [
    ("chi_tieu.xlsx", "Chỉ tiêu", "Đơn vị tính"), ("van_ban.xlsx", "Văn bản", "Kính gửi")])
def test_a_deleted_config_column_is_one_finding_naming_it(inputs, tmp_path, config, file, sheet,
                                                          column):
    _delete_column(config / "2024" / file, sheet, column)
    out = tmp_path / "out"
    result = report(inputs, out, "--config", config)
    assert "Traceback" not in result.output
    found = [f for f in findings_of(out) if f[0].startswith("config-") and f[1] == f"2024/{file}"]
    assert [(f[0], f[1], f[2]) for f in found] == [("config-column-missing", f"2024/{file}", sheet)]
    assert found[0][3] == ""                     # no made-up cell: the message names the row
    assert f"thiếu cột “{column}”" in result.output
    assert result.exit_code == EXIT_PARTIAL


def test_a_missing_document_row_affects_only_that_document(inputs, tmp_path, config):
    path = config / "2024" / "van_ban.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Văn bản"]
    row = next(r for r in ws.iter_rows() if r[0].value and "Tờ trình" in str(r[0].value))
    ws.delete_rows(row[0].row)
    book.save(path)
    out = tmp_path / "out"
    result = report(inputs, out, "--config", config)
    assert result.exit_code == EXIT_PARTIAL, result.output
    names = sorted(p.name for p in out.glob("*.docx"))
    assert YEAR_END in names and "to_trinh_khen_thuong_2024.docx" not in names
    assert ("document-not-made", "to_trinh_khen_thuong_2024.docx", "", "") in findings_of(out)


def test_a_missing_directive_row_is_named(tmp_path, config):
    from pipeline.config import load
    path = config / "2024" / "chi_tieu.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Chỉ thị"]
    row = next(r for r in ws.iter_rows() if r[0].value == "Số, ngày")
    ws.delete_rows(row[0].row)
    book.save(path)
    found = [(f.code, f.location.file, f.location.sheet) for f in load(config, 2024).findings]
    assert found == [("config-row-missing", "2024/chi_tieu.xlsx", "Chỉ thị")]


# --- nested folders, links -------------------------------------------------------------------
def test_output_inside_input_is_refused(inputs, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(inputs, folder)
    result = report(folder, folder / "ket_qua")
    assert result.exit_code == 1 and "nằm trong thư mục báo cáo" in result.output
    assert not (folder / "ket_qua").exists()         # nothing written, not even a cache
    result = report(folder, tmp_path)
    assert result.exit_code == 1 and "nằm trong thư mục ghi kết quả" in result.output


def test_an_old_output_folder_inside_input_is_skipped_with_a_line(inputs, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(inputs, folder)
    assert report(folder, tmp_path / "out").exit_code == EXIT_OK
    shutil.copytree(tmp_path / "out", folder / "output_cu")
    result = report(folder, tmp_path / "out2")
    assert result.exit_code == EXIT_OK, result.output
    assert ("folder-skipped", "output_cu", "", "") in findings_of(tmp_path / "out2")
    assert "ket_qua_kiem_tra" not in "".join(f[1] for f in findings_of(tmp_path / "out2")
                                             if f[0] != "folder-skipped")


def test_a_link_leaving_input_is_skipped_and_replaces_nothing(inputs, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(inputs, folder)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = sorted(folder.glob("H01_*.xlsx"))[0]
    shutil.copy(real, elsewhere / "H01_moi.xlsx")
    (folder / "H01_zz_lien_ket.xlsx").symlink_to(elsewhere / "H01_moi.xlsx")
    (folder / "thu_muc_lien_ket").symlink_to(elsewhere, target_is_directory=True)
    out = tmp_path / "out"
    result = report(folder, out)
    assert result.exit_code == EXIT_OK, result.output
    found = findings_of(out)
    assert ("file-outside-input", "H01_zz_lien_ket.xlsx", "", "") in found
    assert ("file-outside-input", "thu_muc_lien_ket/H01_moi.xlsx", "", "") in found
    assert not any(f[0] == "submission-duplicate" for f in found)


def test_no_space_while_a_document_is_saved_names_the_document(inputs, tmp_path, monkeypatch):
    from pipeline import render
    real = render.DocxTemplate.save

    def save(self, out, *args, **kwargs):
        if "xep_hang" in str(self.template_file):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, out, *args, **kwargs)
    monkeypatch.setattr(render.DocxTemplate, "save", save)
    monkeypatch.setattr(render, "PARALLEL_FROM", 1000)      # here, where the patch holds
    out = tmp_path / "out"
    result = report(inputs, out)
    assert result.exit_code == EXIT_PARTIAL, result.output
    failed = sorted(f[1] for f in findings_of(out) if f[0] == "output-failed")
    assert failed and all(f.startswith("xep_hang_") and f.endswith(".docx") for f in failed)
    assert (out / YEAR_END).exists()
