"""Writing a file the user named with ``--output``, the way a careful Unix tool does.

A regular file (new or existing) is written beside its target and moved into place, so a
refused or failed export leaves nothing half-written; it gets the permissions the user's
umask gives a new file (or keeps an existing file's). A symlink is followed, so the file
it points to is replaced and the link stays. A device or pipe (``/dev/null``, a FIFO) is
written into directly, never replaced. A folder or a missing parent folder is refused in
one line before anything is written.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from factcheck.errors import UsageError


def check_output(output: str) -> Path | None:
    """The file an ``--output`` value names (``None`` for standard output); a usage error
    for a folder or a missing parent folder."""
    if output == "-":
        return None
    target = Path(output).expanduser()
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise UsageError(f"--output {output} is a folder; give a file path")
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(f"--output {output}: folder {parent} does not exist; create it first")
    return target


def _new_file_mode(existing: Path) -> int:
    if existing.exists():
        return stat.S_IMODE(existing.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def open_output(output: str) -> Iterator[TextIO]:
    """A text stream for ``output`` ('-' is standard output); see the module docstring."""
    target = check_output(output)
    if target is None:
        yield sys.stdout
        return
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        with open(target, "w", encoding="utf-8", newline="") as out:  # a device or a pipe
            yield out
        return
    mode = _new_file_mode(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
