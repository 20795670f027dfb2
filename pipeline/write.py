"""Stage 6, write: put files into ``output/`` atomically, never losing a clerk's edits.

- Every file is written to a temporary file beside its destination, flushed to disk,
  then renamed over it: a crash or a full disk leaves the old file whole.
- A document whose content is unchanged is not rewritten (running twice changes nothing).
- A document that was changed since this program wrote it (the clerk edited it in Word)
  is kept beside the new one as ``name.ban-sua-YYYYMMDD-HHMMSS.docx`` before replacing.
- Names cannot leave the output folder.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from .errors import PipelineError

MANIFEST = ".da_tao.json"        # hashes of what this program wrote, to detect later edits
VOLATILE = {"docProps/core.xml", "docProps/app.xml"}
KEYS = "#keys"      # manifest entry: name -> key of what a file was made from (pipeline.reuse)


class OutputLocked(PipelineError):
    """An output file is open in Word or otherwise cannot be replaced."""


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


def atomic(path: Path, produce: Callable[[Path], None]) -> None:
    """Produce a file through ``produce(temp_path)`` beside ``path``, then rename it into place."""
    handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        produce(temp)
        with open(temp, "r+b") as stream:     # Windows flushes only a handle open for writing
            os.fsync(stream.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


class Writer:
    """Writes the outputs of one run into a folder, keeping a manifest of what it wrote."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.manifest_path = folder / MANIFEST
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
        finally:
            temp.unlink(missing_ok=True)

    def reserve(self, name: str) -> tuple[Path, Path]:
        """Return (target, an empty temporary file beside it) for a file to be produced.

        Raise OutputLocked when Word has the target open. The caller fills the temporary
        file, then calls ``place``, and removes the temporary file whatever happens.
        """
        target = inside(self.folder, name)
        lock = target.with_name("~$" + target.name[2:] if len(target.name) > 2 else "~$")
        if lock.exists() or target.with_name("~$" + target.name).exists():
            raise OutputLocked(f"Không ghi được {target.name}: tệp đang mở trong Word. "
                                f"Đóng tệp rồi chạy lại.")
        handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=self.folder)
        os.close(handle)
        return target, Path(temp_name)

    def place(self, temp: Path, target: Path) -> Written:
        """Move a finished temporary file over the target, keeping edited versions."""
        kept, status = None, "mới"
        if target.exists():
            if same_content(temp, target):
                return Written(target, "không đổi")
            status = "cập nhật"
            if self.manifest.get(target.name) != _digest(target):
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                kept = target.with_name(f"{target.stem}.ban-sua-{stamp}{target.suffix}")
                os.replace(target, kept)
        with open(temp, "r+b") as handle:     # Windows flushes only a handle open for writing
            os.fsync(handle.fileno())
        try:
            os.replace(temp, target)
        except PermissionError as error:
            raise OutputLocked(f"Không ghi được {target.name}: tệp đang mở hoặc bị khóa. "
                                f"Đóng tệp rồi chạy lại.") from error
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
            if self.manifest.get(target.name) != _digest(target):
                return None
        except OSError:
            return None
        return Written(target, "không đổi")

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

    def _save_manifest(self) -> None:
        """Write the manifest atomically too."""
        temp = self.manifest_path.with_suffix(".tmp")
        temp.write_text(json.dumps(self.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temp, self.manifest_path)
