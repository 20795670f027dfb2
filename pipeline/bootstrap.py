"""Start the program from a double-click: the Windows launchers (``lap_bao_cao.bat`` …) run
``python -m pipeline.bootstrap <việc>`` with whatever Python the system has.

This module uses the standard library only, because it runs before the program's own
environment exists: it checks the Python version, creates ``.venv`` and installs the
program on first use (and again when ``pyproject.toml`` changes), then runs the command
in that environment and returns its exit status. The launcher keeps the window open.
"""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMPS = (".installed", ".installed-app")     # the Makefile's (with test tools), this module's
MINIMUM = (3, 11)
PERIODS = ("quy1", "6thang", "9thang", "canam")
PYTHON_SITE = "https://www.python.org/downloads/"

# job -> the command's arguments (a launcher names a job, never a raw command)
JOBS: dict[str, tuple[str, ...]] = {
    "report": ("report",),
    "validate": ("validate",),
    "forms": ("forms",),
    "pdf": ("pdf", "output", "--output", "output/pdf"),
    "lint": ("lint", "output", "templates"),
    "samples": ("samples",),
}


class BootstrapError(Exception):
    """Something the clerk must fix before the program can run (said in Vietnamese)."""


def check_version(version: tuple[int, ...] = tuple(sys.version_info[:2])) -> None:
    """Raise BootstrapError when this Python is older than the program needs."""
    if tuple(version[:2]) < MINIMUM:
        raise BootstrapError(
            f"Máy đang có Python {version[0]}.{version[1]}; chương trình cần Python "
            f"{MINIMUM[0]}.{MINIMUM[1]} trở lên. Tải Python mới tại {PYTHON_SITE}, khi cài "
            "đánh dấu “Add python.exe to PATH”, rồi chạy lại.")


def venv_python(venv_dir: Path = VENV, windows: bool = os.name == "nt") -> Path:
    """Return the Python of the environment (Scripts\\python.exe on Windows)."""
    return venv_dir / ("Scripts/python.exe" if windows else "bin/python")


def needs_install(venv_dir: Path = VENV, root: Path = ROOT, windows: bool = os.name == "nt") -> bool:
    """Tell whether the environment is missing, or older than ``pyproject.toml``."""
    if not venv_python(venv_dir, windows).is_file():
        return True
    stamps = [venv_dir / s for s in STAMPS if (venv_dir / s).is_file()]
    if not stamps:
        return True
    project = root / "pyproject.toml"
    return project.is_file() and project.stat().st_mtime > max(s.stat().st_mtime for s in stamps)


def install(venv_dir: Path = VENV, root: Path = ROOT, run=subprocess.run,
            say=print, windows: bool = os.name == "nt") -> None:
    """Create the environment and install the program into it; raise BootstrapError."""
    say("Lần đầu chạy: đang cài đặt chương trình (cần mạng Internet, khoảng một đến vài phút)…")
    if not venv_python(venv_dir, windows).is_file():
        try:
            venv.create(venv_dir, with_pip=True)
        except (OSError, subprocess.CalledProcessError) as error:
            raise BootstrapError(f"Không tạo được môi trường {venv_dir}: {error}. Kiểm tra quyền "
                                 "ghi vào thư mục chương trình.") from error
    python = str(venv_python(venv_dir, windows))
    done = run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "-e", str(root)], check=False)
    if done.returncode != 0:
        raise BootstrapError("Cài đặt chưa xong (xem thông báo ở trên). Kiểm tra kết nối "
                             "Internet rồi chạy lại; nếu vẫn lỗi, xóa thư mục .venv trong thư "
                             "mục chương trình rồi chạy lại.")
    (venv_dir / STAMPS[1]).touch()
    say("Đã cài đặt xong.")


def command_for(job: str, extra: list[str], ask=input) -> list[str]:
    """Return the program's arguments for a launcher's job (and what the clerk added);
    ``forms`` without a period asks for one."""
    if job not in JOBS:
        raise BootstrapError(f"Không có việc “{job}”. Các việc: {', '.join(JOBS)}.")
    args = [*JOBS[job], *extra]
    if job == "forms" and "--period" not in extra:
        args += ["--period", ask_period(ask)]
    return args


def ask_period(ask=input) -> str:
    """Ask which period the forms are for, until the answer is one of them."""
    names = {"1": "quy1", "2": "6thang", "3": "9thang", "4": "canam"}
    while True:
        answer = ask("Lập biểu mẫu cho kỳ nào? 1: Quý I, 2: 6 tháng, 3: 9 tháng, 4: Cả năm. "
                     "Gõ số rồi nhấn Enter: ").strip().lower()
        if answer in names:
            return names[answer]
        if answer in PERIODS:
            return answer


def main(argv: list[str] | None = None) -> int:
    """Run a launcher's job: install when needed, then the command; return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(f"Cách dùng: python -m pipeline.bootstrap <việc>; việc: {', '.join(JOBS)}.")
        return 2
    try:
        check_version()
        args = command_for(argv[0], argv[1:])
        if needs_install():
            install()
    except BootstrapError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        return 1
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([str(venv_python()), "-m", "pipeline", *args], cwd=ROOT, env=env,
                          check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
