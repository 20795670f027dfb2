"""Keep what reading and checking each workbook gave, for a re-run with unchanged inputs.

Reading and checking a workbook (the safety scan, calamine, every cell cleaned and checked)
is most of a re-run's work, and its result depends only on the file's bytes and place, the
year's data files and the code. A run that knows its output folder (``kept_in``) keeps each
accepted file's result in ``<output>/.da_doc.pickle`` under a hash of these; the next run
takes a file's result from there when its key is the same, and reads the others. The year's
configuration as read from its data files (with their findings) is kept the same way in
``<output>/.da_doc_cau_hinh.pickle``. Files that
were not accepted (unreadable, not a workbook) are read again every time: their trouble may
be passing (a file being copied), and they are few.

The cache is the program's own file in its own output folder, never an input: a cache that
cannot be read, or was written by other code or for other data files, is ignored whole.
It is read with pickle, which runs what the file says, and an output folder may be a shared
one: so each cache file is signed (HMAC-SHA256) with a key kept beside the program, in its
Python environment (``<sys.prefix>/pipeline-cache.key``, made on first use), and a file whose
signature does not match is never unpickled. Where that key cannot be kept, nothing is kept.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from .reuse import code_version
from .write import atomic

if TYPE_CHECKING:
    from .config import Config

CACHE_FILE = ".da_doc.pickle"
CONFIG_FILE = ".da_doc_cau_hinh.pickle"       # the year's data files as read

_PLACE: ContextVar[tuple[Path, Path] | None] = ContextVar("read_cache_place", default=None)


@contextmanager
def kept_in(output_dir: Path, config_root: Path) -> Iterator[None]:
    """Keep the workbooks' results in ``output_dir`` while inside (data files under
    ``config_root``)."""
    token = _PLACE.set((Path(output_dir), Path(config_root)))
    try:
        yield
    finally:
        _PLACE.reset(token)


def read_all(jobs: list[tuple[Path, str]], config, read: Callable) -> Iterator:
    """Yield each job's result in order, as ``read(jobs, config)`` gives it pickled: from the
    cache where the file is unchanged, through ``read`` for the others (in one call, so that
    it can use both cores); then keep the new results. The cache keeps each result as it
    came, pickled: keeping them costs no second pickling."""
    place = _PLACE.get()
    if place is None:
        yield from map(pickle.loads, read(jobs, config))
        return
    output_dir, config_root = place
    run = run_key(config_root / str(config.directive.year))
    keys = [file_key(path, display) for path, display in jobs]
    old = _load(output_dir / CACHE_FILE, run)
    fresh = read([job for job, key in zip(jobs, keys) if key not in old], config)
    kept = {}
    for left, key in zip(range(len(keys) - 1, -1, -1), keys):   # left: results still to come
        blob = old[key] if key in old else next(fresh)
        result = pickle.loads(blob)
        if key is not None and result[0] is not None:
            kept[key] = blob
        if left == 0 and kept != old:     # a caller zipping with its jobs stops at the last
            _save(output_dir / CACHE_FILE, run, kept)
        yield result


def kept_config(year_dir: Path, read: Callable[[], Config]) -> Config:
    """Return the year's configuration as ``read()`` gives it: kept in the output folder
    and taken from there while the data files and the code are unchanged."""
    place = _PLACE.get()
    if place is None:
        return read()
    run = run_key(year_dir)
    path = place[0] / CONFIG_FILE
    kept = _load(path, run).get("config")
    if kept is None:
        kept = read()
        _save(path, run, {"config": kept})
    return kept


def run_key(year_dir: Path) -> str:
    """Return a hash of the code, of the year's folder (its name is the year the data files
    are read for) and of every data file in it (names and bytes)."""
    digest = hashlib.sha256(code_version().encode() + b"\0"
                            + str(year_dir.resolve()).encode("utf-8", "surrogatepass"))
    for path in sorted(p for p in year_dir.rglob("*") if p.is_file()):
        try:
            digest.update(b"\0" + path.relative_to(year_dir).as_posix().encode()
                          + b"\0" + path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
    return digest.hexdigest()


def file_key(path: Path, display: str) -> str | None:
    """Return a hash of a file's place and bytes; None when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return hashlib.sha256(f"{path}\0{display}\0".encode("utf-8", "surrogatepass")
                          + data).hexdigest()


KEY_FILE = "pipeline-cache.key"
_SIGNATURE = hashlib.sha256().digest_size


def _key(make: bool) -> bytes | None:
    """Return the key the caches are signed with (made when ``make`` and missing), or None."""
    path = Path(sys.prefix) / KEY_FILE
    try:
        key = path.read_bytes()
        return key if len(key) >= 32 else None
    except FileNotFoundError:
        if not make:
            return None
    except OSError:
        return None
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:               # another run made it meanwhile
        return _key(make=False)
    except OSError:
        return None
    with os.fdopen(handle, "wb") as out:
        out.write(secrets.token_bytes(32))
    return _key(make=False)


def _load(path: Path, run: str) -> dict:
    """Return the kept results of ``run``; nothing if the file is missing, damaged, of
    another run, or not signed with this program's key (it is then never unpickled)."""
    key = _key(make=False)
    try:
        data = path.read_bytes() if key is not None else b""
        signature, body = data[:_SIGNATURE], data[_SIGNATURE:]
        if not body or not hmac.compare_digest(
                signature, hmac.new(key, body, hashlib.sha256).digest()):
            return {}
        kept = pickle.loads(body)
        return kept["files"] if kept.get("run") == run else {}
    except Exception:         # a damaged or foreign cache is not an error: read everything
        return {}


def _save(path: Path, run: str, files: dict) -> None:
    """Write the kept results, signed, atomically; where the key or the folder cannot be
    written, nothing is kept."""
    key = _key(make=True)
    if key is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = pickle.dumps({"run": run, "files": files}, protocol=pickle.HIGHEST_PROTOCOL)
        signed = hmac.new(key, body, hashlib.sha256).digest() + body
        atomic(path, lambda temporary: temporary.write_bytes(signed))
    except Exception:         # a cache not written only costs the next run its reading
        return
