"""Files on disk: content hashes, writes that are all-or-nothing, why a file cannot be
read, and UTF-16 text saved without a byte-order mark."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and a rename, so a
    reader sees the old content or the new, never a part."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unreadable_reason(path: str | Path) -> str | None:
    """Why ``path`` cannot be read as a file or folder, in words; None when it can."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        if p.is_symlink():
            return f"broken symbolic link: {os.readlink(p)} does not exist"
        return "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: the link leads back to itself"
        return f"cannot open: {exc.strerror or exc}"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file"
    if not os.access(p, os.R_OK):
        return "permission denied"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``head`` (a file's first bytes) looks like
    UTF-16 text saved without a byte-order mark: NUL bytes at every other position (the
    high bytes of Latin letters, digits, spaces and line ends), none at the others."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even = head[0 : 2 * pairs : 2].count(0)
    odd = head[1 : 2 * pairs : 2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None
