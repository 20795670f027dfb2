"""Stage 6, write: put files into ``output/`` atomically, never losing a clerk's edits.

- Every file is written to a temporary file beside its destination, flushed to disk,
  then renamed over it: a crash or a full disk leaves the old file whole.
- A document whose content is unchanged is not rewritten (running twice changes nothing).
- A document that was changed since this program wrote it (the clerk edited it in Word)
  is kept beside the new one as ``name.ban-sua-YYYYMMDD-HHMMSS.docx`` before replacing;
  two kept copies never share a name.
- One run at a time writes into a folder (``RunLock``); the temporary files a killed run
  left behind are removed by the next one.
- Files are created readable as the user's umask says (not only by their owner).
- Names cannot leave the output folder; every OSError becomes an ``OutputFailed`` that
  names the file and says why in Vietnamese.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from .errors import OutputBusy, OutputFailed, OutputLocked, PipelineError, locked, output_failed

__all__ = ["MANIFEST", "LOCK_FILE", "OutputFailed", "OutputLocked", "OutputBusy", "RunLock",
           "Writer", "Written", "atomic", "inside", "same_content", "remove_stale_temps"]

MANIFEST = ".da_tao.json"        # hashes of what this program wrote, to detect later edits
LOCK_FILE = ".dang_chay.lock"    # held by the run writing into the folder
TEMP_PREFIX = ".tmp-"
VOLATILE = {"docProps/core.xml", "docProps/app.xml"}
KEYS = "#keys"      # manifest entry: name -> key of what a file was made from (pipeline.reuse)
STALE_LOCK_SECONDS = 12 * 3600   # a lock whose holder cannot be checked expires after this


@dataclass(frozen=True)
class Written:
    """What happened to one output file."""

    path: Path
    status: str            # "mới" (new), "cập nhật" (updated), "không đổi" (unchanged)
    kept: Path | None = None   # the clerk's edited version, kept under this name


def inside(folder: Path, name: str) -> Path:
    """Return folder/name, refusing any name that would land outside the folder."""
    target = (folder / name).resolve()
    if folder.resolve() not in target.parents:
        raise PipelineError(f"Tên tệp “{name}” không hợp lệ: nằm ngoài thư mục {folder}.")
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def same_content(a: Path, b: Path) -> bool:
    """Return True when two files hold the same content (zip members compared, not bytes)."""
    try:
        with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
            names = set(za.namelist()) - VOLATILE
            if names != set(zb.namelist()) - VOLATILE:
                return False
            return all(za.read(n) == zb.read(n) for n in names)
    except (zipfile.BadZipFile, OSError):
        return a.read_bytes() == b.read_bytes()


_UMASK: list[int] = []


def _file_mode() -> int:
    """Return the mode a new file gets from open(): 0o666 less the umask (read once)."""
    if not _UMASK:
        mask = os.umask(0o022)       # the only portable way to read it is to set it
        os.umask(mask)
        _UMASK.append(mask)
    return 0o666 & ~_UMASK[0]


def temp_beside(path: Path) -> Path:
    """Create an empty temporary file beside ``path``, with the mode the umask gives.

    mkstemp makes it readable by its owner only; an output must be readable like any file
    the clerk creates (a shared folder, a colleague's account). Raise OutputFailed.
    """
    try:
        handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
        os.close(handle)
        if os.name != "nt":
            os.chmod(name, _file_mode())
    except OSError as error:
        raise output_failed(path.name, error) from error
    return Path(name)


def _sync(path: Path) -> None:
    """Flush a file to disk (Windows flushes only a handle open for writing)."""
    with open(path, "r+b") as stream:
        os.fsync(stream.fileno())


def atomic(path: Path, produce: Callable[[Path], None]) -> None:
    """Produce a file through ``produce(temp_path)`` beside ``path``, then rename it into place.

    Raise OutputFailed when the file cannot be written (the old file, if any, stays whole).
    """
    temp = temp_beside(path)
    try:
        produce(temp)
        _sync(temp)
        os.replace(temp, path)
    except OSError as error:
        raise output_failed(path.name, error) from error
    finally:
        temp.unlink(missing_ok=True)


def remove_stale_temps(folder: Path) -> int:
    """Delete the temporary files a killed run left in ``folder`` and its hidden subfolders
    (the chart cache). Return how many were removed.

    Only called by the holder of the folder's RunLock: no other report can be writing them.
    Visible subfolders (``bieu_mau/`` of the forms, ``pdf/``) are left to the commands that
    write there, which do not take the lock.
    """
    removed = 0
    for parent in [folder, *(p for p in _subfolders(folder) if p.name.startswith("."))]:
        for temp in parent.glob(TEMP_PREFIX + "*"):
            try:
                if temp.is_file() and not temp.is_symlink():
                    temp.unlink()
                    removed += 1
            except OSError:
                continue                   # not ours to fight over: leave it
    try:
        (folder / MANIFEST).with_suffix(".tmp").unlink(missing_ok=True)
    except OSError:
        pass
    return removed


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return []


# --- one run at a time per output folder --------------------------------------------------
def _process_start(pid: int) -> str:
    """Return a process's start time as the system counts it (Linux), or "" elsewhere.

    With the PID it tells the lock's holder from a later process that got the same PID.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat[stat.rfind(")") + 2:].split()[19]


def _alive(pid: int) -> bool:
    """Tell whether a process with this PID runs (without signalling it)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes                       # os.kill(pid, 0) would stop the process there
        kernel = ctypes.windll.kernel32     # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259            # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True                         # exists, owned by someone else
    return True


class RunLock:
    """Hold ``folder/.dang_chay.lock`` for one run: the holder's PID, start time, machine.

    A second run is refused with OutputBusy saying who holds the folder since when. A lock
    whose holder has ended (killed, power cut) is taken over, and the temporary files such
    a run left are removed. Use as a context manager.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / LOCK_FILE
        self.held = False
        self.removed_temps = 0

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def _record(self) -> bytes:
        pid = os.getpid()
        return json.dumps({"pid": pid, "start": _process_start(pid), "host": socket.gethostname(),
                           "since": dt.datetime.now().isoformat(timespec="seconds")}).encode()

    def acquire(self) -> None:
        """Create the folder if needed and take the lock, taking over a stale one; raise
        OutputBusy or OutputFailed."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise output_failed(f"thư mục {self.folder}", error) from error
        for _ in range(3):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _file_mode())
            except FileExistsError:
                holder = self._holder()
                if holder is not None:
                    raise OutputBusy(self._busy_message(holder)) from None
                try:
                    self.path.unlink(missing_ok=True)   # stale: its holder is gone
                except OSError as error:
                    raise output_failed(f"thư mục {self.folder}", error) from error
                continue
            except OSError as error:
                raise output_failed(f"thư mục {self.folder}", error) from error
            try:
                os.write(handle, self._record())
            except OSError as error:          # no space even for the lock: nothing will fit
                os.close(handle)
                self.path.unlink(missing_ok=True)
                raise output_failed(f"thư mục {self.folder}", error) from error
            os.close(handle)
            self.held = True
            self.removed_temps = remove_stale_temps(self.folder)
            return
        raise OutputBusy(self._busy_message({}))

    def _holder(self) -> dict | None:
        """Return the live holder's record, or None when the lock is stale."""
        try:
            text = self.path.read_text(encoding="utf-8")
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return None
        except OSError:
            return {}
        try:
            record = json.loads(text)
        except ValueError:
            # a holder killed between creating and filling the file, or one filling it now
            return None if age > 10 else {}
        if record.get("host") != socket.gethostname():
            return None if age > STALE_LOCK_SECONDS else record   # another PC on a shared drive
        pid = int(record.get("pid", 0))
        if not _alive(pid):
            return None
        start = record.get("start") or ""
        if start and _process_start(pid) not in ("", start):
            return None                     # the PID now belongs to another process
        return record

    def _busy_message(self, holder: dict) -> str:
        since = holder.get("since", "")
        try:
            since = dt.datetime.fromisoformat(since).strftime(" từ %H:%M:%S ngày %d/%m/%Y")
        except (TypeError, ValueError):
            since = ""
        who = f" (tiến trình số {holder['pid']}{since})" if holder.get("pid") else ""
        return (f"Thư mục {self.folder} đang được một lần chạy khác ghi{who}. Chờ lần chạy đó "
                f"xong rồi chạy lại. Nếu chắc chắn không còn lần chạy nào (máy vừa bị tắt "
                f"đột ngột), xóa tệp {self.path.name} trong thư mục đó.")

    def release(self) -> None:
        """Give the lock back (only if this run holds it)."""
        if self.held:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass                    # the next run will find it stale and take it over
            self.held = False


class Writer:
    """Writes the outputs of one run into a folder, keeping a manifest of what it wrote.

    Raise OutputFailed when the folder cannot be created (a file in its place, no right
    to write). Problems that do not stop a file being written (the manifest could not be
    saved) are listed in ``problems``.
    """

    def __init__(self, folder: Path):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise output_failed(f"thư mục {folder}", error) from error
        if not folder.is_dir():
            raise output_failed(f"thư mục {folder}", FileExistsError(17, "exists"))
        self.folder = folder
        self.manifest_path = folder / MANIFEST
        self.problems: list[OutputFailed] = []
        try:
            self.manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.manifest = {}

    def write(self, name: str, produce: Callable[[Path], None]) -> Written:
        """Produce a file through ``produce(temp_path)`` and move it into place safely."""
        target, temp = self.reserve(name)
        try:
            produce(temp)
            return self.place(temp, target)
        except OSError as error:
            raise output_failed(target.name, error) from error
        finally:
            temp.unlink(missing_ok=True)

    def reserve(self, name: str) -> tuple[Path, Path]:
        """Return (target, an empty temporary file beside it) for a file to be produced.

        Raise OutputLocked when Word or Excel has the target open, OutputFailed when no
        file can be created. The caller fills the temporary file, then calls ``place``,
        and removes the temporary file whatever happens.
        """
        target = inside(self.folder, name)
        owner = target.with_name("~$" + target.name[2:] if len(target.name) > 2 else "~$")
        if owner.exists() or target.with_name("~$" + target.name).exists():
            raise locked(target.name)
        if target.is_dir():
            raise output_failed(target.name, IsADirectoryError(21, "is a directory"))
        return target, temp_beside(target)

    def place(self, temp: Path, target: Path) -> Written:
        """Move a finished temporary file over the target, keeping edited versions.

        Raise OutputLocked or OutputFailed; the target is then as it was.
        """
        try:
            return self._place(temp, target)
        except OSError as error:
            if os.name == "nt" and isinstance(error, PermissionError) and target.exists():
                raise locked(target.name) from error      # Windows: open in Word or Excel
            raise output_failed(target.name, error) from error

    def _place(self, temp: Path, target: Path) -> Written:
        kept, status = None, "mới"
        if target.exists():
            if same_content(temp, target):
                return Written(target, "không đổi")
            status = "cập nhật"
            if not self.as_written(target):
                kept = self.keep(target)
        _sync(temp)
        try:
            os.replace(temp, target)
        except OSError:
            if kept is not None and not target.exists():
                os.replace(kept, target)       # put the clerk's version back where it was
            raise
        self.manifest[target.name] = _digest(target)
        self._save_manifest()
        return Written(target, status, kept)

    def unchanged(self, name: str, key: str | None) -> Written | None:
        """Return the file ``name`` as unchanged when it was made from ``key`` and is still
        the file this program wrote (not edited, not deleted); None when it must be made."""
        target = inside(self.folder, name)
        if key is None or self._keys().get(target.name) != key:
            return None
        try:
            if not self.as_written(target):
                return None
        except OSError:
            return None
        return Written(target, "không đổi")

    def as_written(self, path: Path) -> bool:
        """Tell whether the file is as this program last wrote it (the clerk has not edited
        it since). Raises OSError when it cannot be read."""
        return self.manifest.get(path.name) == _digest(path)

    def remember(self, keys: dict[str, str | None]) -> None:
        """Record, for files just written or found unchanged (by name), the key each was made
        from (None: not known, forgotten); the manifest is saved once."""
        known = self._keys()
        before = dict(known)
        for name, key in keys.items():
            if key is None:
                known.pop(name, None)
            else:
                known[name] = key
        if known != before:
            self._save_manifest()

    def _keys(self) -> dict[str, str]:
        """Return the manifest's keys by file name (an entry that is not a table is reset)."""
        if not isinstance(self.manifest.get(KEYS), dict):
            self.manifest[KEYS] = {}
        return self.manifest[KEYS]

    def keep(self, target: Path) -> Path:
        """Move an edited document aside under a name no other kept copy has; return it."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for attempt in range(1, 1000):
            suffix = "" if attempt == 1 else f"-{attempt}"
            kept = target.with_name(f"{target.stem}.ban-sua-{stamp}{suffix}{target.suffix}")
            try:
                os.link(target, kept)           # fails if the name is taken: never overwrites
            except FileExistsError:
                continue
            except OSError:                     # no hard links here (FAT, some shares)
                if kept.exists():
                    continue
                os.replace(target, kept)
                return kept
            target.unlink()
            return kept
        raise OutputFailed(target.name, "đã có quá nhiều bản sửa tay được giữ lại cùng lúc",
                           "Chuyển bớt các tệp ….ban-sua-….docx sang thư mục khác rồi chạy lại.")

    def _save_manifest(self) -> None:
        """Write the manifest atomically too; a failure is noted, never fatal."""
        try:
            atomic(self.manifest_path, lambda temp: temp.write_text(
                json.dumps(self.manifest, ensure_ascii=False, indent=1), encoding="utf-8"))
        except OutputFailed as error:
            self.problems.append(error)
