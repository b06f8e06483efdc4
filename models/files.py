"""Writing a file so that nothing can leave it damaged: the one way Chronolens replaces a file.

The new content goes into a new hidden file beside the target, ".<name>.<random>.partial",
created by `tempfile.mkstemp` (O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600 until it is complete):
it is always a file of our own, never an existing file or one reached through a symbolic link
someone planted under a name we would use. Once written and on disk (fsync), it takes the
target's name with `os.replace`, in one step. A failure removes it; a kill leaves at most that
hidden file, never a half-written or truncated target. A target that is a symbolic link is
replaced by the new file (the file the link pointed to is left as it was): we write the name we
were given, never through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PARTIAL_SUFFIX = ".partial"


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it: set it, and put it back at once
    os.umask(mask)
    return mask


# Read once, at import (before any thread starts): a finished file gets the mode any new file
# would get (0666 minus the umask), not mkstemp's private 0600.
_FILE_MODE = 0o666 & ~_umask()


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write the new content of `path` to; when the block ends it takes the
    place of `path` (complete, on disk), and if the block raises it is removed and `path` is
    left as it was. The file's `name` is its own path, for writers that need one (SQLite).

    OSError (naming `path`) when it cannot be written; other exceptions pass through."""
    try:
        # (The name cut short: the target's own may be as long as a name can be.)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.",
                                         suffix=PARTIAL_SUFFIX)
    except OSError as error:
        raise _naming(path, error) from None
    try:
        # The file object on our own descriptor, named by the temporary path.
        with open(temporary, "wb", opener=lambda _name, _flags: fd) as out:
            yield out
            out.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), _FILE_MODE)
            os.fsync(out.fileno())  # on disk before it takes the real name
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _naming(path, error) from None
        raise
    sync_folder(path.parent)


def write_atomically(path: Path, data: bytes) -> None:
    """`data` as the whole content of `path`, written beside it and then put in its place
    (see the module's docstring). OSError naming `path` if it cannot be written."""
    with replacing(path) as out:
        out.write(data)


def _naming(path: Path, error: OSError) -> OSError:
    """The error as one line that names the target (not the temporary file)."""
    return OSError(error.errno, f"Could not write {path}: {error.strerror or error}")


def sync_folder(folder: Path) -> None:
    """Best effort: the rename itself on disk too (POSIX; a folder cannot be opened on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = ["PARTIAL_SUFFIX", "replacing", "sync_folder", "write_atomically"]
