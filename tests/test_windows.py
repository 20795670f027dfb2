"""What differs on Windows, tested here by imitating it: a file is flushed to disk only
through a handle open for writing (os.fsync on a read-only handle fails there)."""
import errno
import fcntl
import os

from click.testing import CliRunner

from pipeline.cli import main


def test_outputs_are_flushed_through_handles_open_for_writing(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def windows_fsync(fd):
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise OSError(errno.EBADF, "Bad file descriptor")      # what _commit() says
        real_fsync(fd)
    monkeypatch.setattr(os, "fsync", windows_fsync)
    result = CliRunner().invoke(main, ["report", "--period", "quy1", "--output", str(tmp_path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bao_cao_thi_dua_quy1_2024.docx").exists()
    assert (tmp_path / "ket_qua_kiem_tra_2024.xlsx").exists()
