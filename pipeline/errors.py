"""The one root exception, and the faults of writing outputs that the run reports and survives."""
from __future__ import annotations

import errno


class PipelineError(Exception):
    """A condition that stops the run; its message is Vietnamese and says what to do."""


class OutputFailed(PipelineError):
    """One output file could not be written; the run goes on with the others.

    ``name`` is the file (or folder) that failed, ``reason`` says why in Vietnamese, ``fix``
    what the clerk should do.
    """

    def __init__(self, name: str, reason: str, fix: str):
        super().__init__(f"Không ghi được {name}: {reason}. {fix}")
        self.name, self.reason, self.fix = name, reason, fix


class OutputLocked(OutputFailed):
    """An output file is open in Word, Excel or another program and cannot be replaced."""


class OutputBusy(PipelineError):
    """Another run is writing into the same output folder."""


# Windows reports a file held open by another program as these (ERROR_SHARING_VIOLATION,
# ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE).
_WINDOWS_LOCKED = {32, 33, 1224}


def _program(name: str) -> str:
    return {".docx": "Word", ".xlsx": "Excel", ".pdf": "trình xem PDF"}.get(
        name[name.rfind("."):].lower() if "." in name else "", "một chương trình khác")


def output_failed(name: str, error: OSError) -> OutputFailed:
    """Turn an OSError met while writing ``name`` into an OutputFailed saying why, in Vietnamese."""
    code = error.errno
    if getattr(error, "winerror", None) in _WINDOWS_LOCKED or code == errno.ETXTBSY:
        return locked(name)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputFailed(name, "ổ đĩa đã đầy",
                            "Xóa bớt tệp không cần trên ổ đĩa (hoặc chọn thư mục khác bằng "
                            "--output) rồi chạy lại.")
    if code == errno.EROFS:
        return OutputFailed(name, "ổ đĩa chỉ cho đọc",
                            "Chọn thư mục ghi được bằng --output, hoặc chép chương trình sang ổ khác.")
    if code in (errno.EACCES, errno.EPERM):
        return OutputFailed(name, "không có quyền ghi (thư mục hoặc tệp chỉ cho đọc, hoặc đang bị "
                            f"{_program(name)} khóa)",
                            "Đóng tệp nếu đang mở; bỏ thuộc tính chỉ đọc của thư mục, hoặc chọn "
                            "thư mục khác bằng --output, rồi chạy lại.")
    if code in (errno.ENOTDIR, errno.EEXIST):
        return OutputFailed(name, "trên đường dẫn có một tệp trùng tên với thư mục cần tạo",
                            "Đổi tên hoặc xóa tệp đó, hoặc chọn thư mục khác bằng --output.")
    if code == errno.EISDIR:
        return OutputFailed(name, "đã có một thư mục trùng tên với tệp",
                            "Đổi tên hoặc xóa thư mục đó rồi chạy lại.")
    return OutputFailed(name, f"lỗi hệ thống ({error.strerror or type(error).__name__})",
                        "Kiểm tra ổ đĩa và thư mục ghi rồi chạy lại.")


def locked(name: str) -> OutputLocked:
    """Say that ``name`` is open in the program that edits it."""
    program = _program(name)
    return OutputLocked(name, f"tệp đang mở trong {program} hoặc bị chương trình khác khóa",
                        f"Đóng tệp trong {program} rồi chạy lại.")
