"""Writing outputs: atomic, never losing a clerk's edits, never escaping output/."""
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pipeline.errors import PipelineError
from pipeline.findings import finding
from pipeline.model import Location
from pipeline.summary import FINDINGS_SHEET, write_findings
from pipeline.write import OutputFailed, OutputLocked, Writer, inside, same_content


def make_zip(path: Path, text: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", text)
        archive.writestr("docProps/core.xml", str(path.stat().st_mtime_ns if path.exists() else 0))


def producer(text: str):
    return lambda out: make_zip(out, text)


def test_new_then_unchanged_then_updated(tmp_path):
    writer = Writer(tmp_path)
    assert writer.write("a.docx", producer("one")).status == "mới"
    mtime = (tmp_path / "a.docx").stat().st_mtime_ns
    assert Writer(tmp_path).write("a.docx", producer("one")).status == "không đổi"
    assert (tmp_path / "a.docx").stat().st_mtime_ns == mtime
    result = Writer(tmp_path).write("a.docx", producer("two"))
    assert (result.status, result.kept) == ("cập nhật", None)


def test_a_clerks_edit_is_kept_beside_the_new_document(tmp_path):
    Writer(tmp_path).write("a.docx", producer("one"))
    make_zip(tmp_path / "a.docx", "edited by the clerk")
    result = Writer(tmp_path).write("a.docx", producer("two"))
    assert result.kept is not None and result.kept.name.startswith("a.ban-sua-")
    with zipfile.ZipFile(result.kept) as archive:
        assert archive.read("word/document.xml") == b"edited by the clerk"


def test_a_failure_while_producing_leaves_the_old_file_whole(tmp_path):
    Writer(tmp_path).write("a.docx", producer("one"))

    def crash(out: Path) -> None:
        out.write_bytes(b"half a docu")
        raise OSError("disk full")

    with pytest.raises(OutputFailed, match="a.docx"):
        Writer(tmp_path).write("a.docx", crash)
    with zipfile.ZipFile(tmp_path / "a.docx") as archive:
        assert archive.read("word/document.xml") == b"one"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".da_tao")) == ["a.docx"]


def test_a_document_open_in_word_is_reported(tmp_path):
    Writer(tmp_path).write("bao_cao.docx", producer("one"))
    (tmp_path / "~$o_cao.docx").write_bytes(b"owner")
    with pytest.raises(OutputLocked, match="đang mở trong Word"):
        Writer(tmp_path).write("bao_cao.docx", producer("two"))


@pytest.mark.parametrize("name", ["../ra_ngoai.docx", "/tmp/tuyet_doi.docx", "a/../../b.docx"])
def test_names_cannot_escape_the_output_folder(tmp_path, name):
    with pytest.raises(PipelineError):
        inside(tmp_path / "out", name)


def test_same_content_ignores_zip_timestamps(tmp_path):
    for name in ("x.zip", "y.zip"):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr(zipfile.ZipInfo("a.xml", (2020 if name == "x.zip" else 2024, 1, 1, 0, 0, 0)), "same")
    assert same_content(tmp_path / "x.zip", tmp_path / "y.zip")


def test_findings_file_keeps_formula_like_text_as_text(tmp_path):
    dangerous = ["=1+1", "+SUM(A1)", "-2", "@cmd", "=HYPERLINK(\"http://x\")"]
    findings = [finding("value-not-number", Location(f"{v}.xlsx", v, "E7"), unit=v, value=v)
                for v in dangerous]
    path = tmp_path / "ket_qua.xlsx"
    write_findings(findings, path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(FINDINGS_SHEET).to_python()
    assert [(row[1], row[3], row[4]) for row in rows[1:]] == \
           [(v, f"{v}.xlsx", v) for v in dangerous]
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


# --- faults (issue 13) --------------------------------------------------------------------
import errno  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from pipeline import write  # noqa: E402
from pipeline.errors import OutputBusy  # noqa: E402
from pipeline.write import LOCK_FILE, RunLock  # noqa: E402


def test_kept_copies_made_in_the_same_second_never_overwrite_each_other(tmp_path, monkeypatch):
    class Frozen(write.dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2024, 7, 5, 9, 30, 0)
    monkeypatch.setattr(write.dt, "datetime", Frozen)
    Writer(tmp_path).write("a.docx", producer("one"))
    kept = []
    for edit in ("first edit", "second edit"):
        make_zip(tmp_path / "a.docx", edit)
        kept.append(Writer(tmp_path).write("a.docx", producer("new")).kept)
        make_zip(tmp_path / "a.docx", "x")      # the clerk edits again
        Writer(tmp_path).write("a.docx", producer("one")).kept  # noqa: B018
    names = [k.name for k in kept]
    assert len(set(names)) == 2 and names[0] == "a.ban-sua-20240705-093000.docx"
    texts = set()
    for path in tmp_path.glob("a.ban-sua-*.docx"):
        with zipfile.ZipFile(path) as archive:
            texts.add(archive.read("word/document.xml").decode())
    assert {"first edit", "second edit"} <= texts


def test_outputs_are_readable_as_the_umask_says(tmp_path):
    old = os.umask(0o022)
    write._UMASK.clear()
    try:
        Writer(tmp_path).write("a.docx", producer("one"))
        write.atomic(tmp_path / "chart.png", lambda out: out.write_bytes(b"png"))
    finally:
        os.umask(old)
        write._UMASK.clear()
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "chart.png").stat().st_mode & 0o777 == 0o644


def test_a_second_run_is_refused_with_the_holders_pid(tmp_path):
    with RunLock(tmp_path):
        with pytest.raises(OutputBusy, match=f"tiến trình số {os.getpid()}"):
            RunLock(tmp_path).acquire()
    assert not (tmp_path / LOCK_FILE).exists()
    RunLock(tmp_path).acquire()                 # free again


def test_a_lock_left_by_a_dead_run_is_taken_over_and_its_temp_files_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": int(dead.stdout), "start": "1",
                                                  "host": write.socket.gethostname()}))
    (tmp_path / ".tmp-abc.docx").write_bytes(b"")
    (tmp_path / ".bieu_do").mkdir()
    (tmp_path / ".bieu_do" / ".tmp-x.png").write_bytes(b"half")
    (tmp_path / "giu_lai.docx").write_bytes(b"kept")
    (tmp_path / "bieu_mau").mkdir()
    (tmp_path / "bieu_mau" / ".tmp-form.xlsx").write_bytes(b"a forms run writing now")
    lock = RunLock(tmp_path)
    lock.acquire()
    assert lock.removed_temps == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) \
        == [LOCK_FILE, "bieu_mau/.tmp-form.xlsx", "giu_lai.docx"]
    assert json.loads((tmp_path / LOCK_FILE).read_text())["pid"] == os.getpid()
    lock.release()


def test_a_lock_whose_pid_now_belongs_to_another_process_is_stale(tmp_path):
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": os.getpid(), "start": "not-this-one",
                                                  "host": write.socket.gethostname()}))
    with RunLock(tmp_path):
        pass


def test_an_empty_lock_of_a_run_killed_while_creating_it_expires(tmp_path):
    (tmp_path / LOCK_FILE).write_text("")
    with pytest.raises(OutputBusy):
        RunLock(tmp_path).acquire()             # maybe being written right now
    old = write.time.time() - 60
    os.utime(tmp_path / LOCK_FILE, (old, old))
    with RunLock(tmp_path):
        pass


def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("code,reason", [(errno.ENOSPC, "ổ đĩa đã đầy"),
                                         (errno.EACCES, "không có quyền ghi"),
                                         (errno.EROFS, "ổ đĩa chỉ cho đọc")])
def test_an_os_error_names_the_file_and_says_why(tmp_path, monkeypatch, code, reason):
    Writer(tmp_path).write("a.docx", producer("one"))
    monkeypatch.setattr(write, "_sync", _raise(code))
    with pytest.raises(OutputFailed, match=f"Không ghi được a.docx: {reason}"):
        Writer(tmp_path).write("a.docx", producer("two"))
    with zipfile.ZipFile(tmp_path / "a.docx") as archive:
        assert archive.read("word/document.xml") == b"one"
    assert not list(tmp_path.glob(".tmp-*"))


def test_no_space_for_a_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(write.tempfile, "mkstemp", _raise(errno.ENOSPC))
    with pytest.raises(OutputFailed, match="ổ đĩa đã đầy"):
        Writer(tmp_path).write("a.docx", producer("one"))


def test_an_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputFailed, match="tệp trùng tên"):
        RunLock(tmp_path / "out").acquire()
    with pytest.raises(OutputFailed, match="tệp trùng tên"):
        Writer(tmp_path / "out")


def test_a_failed_replace_puts_the_clerks_edit_back(tmp_path, monkeypatch):
    Writer(tmp_path).write("a.docx", producer("one"))
    make_zip(tmp_path / "a.docx", "edited")
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == "a.docx" and ".tmp-" in Path(src).name:
            raise PermissionError(errno.EACCES, "locked")
        return real(src, dst)
    monkeypatch.setattr(write.os, "replace", replace)
    with pytest.raises(OutputFailed, match="không có quyền ghi"):
        Writer(tmp_path).write("a.docx", producer("two"))
    with zipfile.ZipFile(tmp_path / "a.docx") as archive:
        assert archive.read("word/document.xml") == b"edited"


def test_no_space_even_for_the_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(write.os, "write", _raise(errno.ENOSPC))
    with pytest.raises(OutputFailed, match="ổ đĩa đã đầy"):
        RunLock(tmp_path).acquire()
    assert not (tmp_path / LOCK_FILE).exists()


@pytest.mark.parametrize("name,program", [("bao_cao.docx", "Word"), ("ket_qua.xlsx", "Excel")])
def test_a_file_held_by_another_program_on_windows_names_that_program(name, program):
    from pipeline.errors import output_failed
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32                      # ERROR_SHARING_VIOLATION
    failed = output_failed(name, error)
    assert isinstance(failed, OutputLocked)
    assert f"đang mở trong {program}" in str(failed) and failed.name == name
