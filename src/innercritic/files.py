"""Reading files a person names (an export to import, a flow to check) safely.

Only regular files are read: a named pipe would block forever waiting for a
writer and a device such as /dev/zero never ends. The file is opened without
blocking and checked with fstat on the open descriptor (not a separate,
racy isfile), then read up to a bound. Stdlib only.
"""

from __future__ import annotations

import os
import stat


class NotReadable(ValueError):
    """The path names something innercritic will not read; the message says why, briefly."""


def is_regular_or_missing(path: str) -> bool:
    """True for a regular file (following symlinks) or nothing at all; False for a folder,
    pipe, device or socket."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return True  # unreadable metadata: let the open that follows say what is wrong


NOT_REGULAR = "not a regular file (a pipe, a device or a socket)"


def read_bounded(path: str, limit: int) -> bytes:
    """The whole of a regular file of at most `limit` bytes.

    NotReadable for a folder, a pipe, a device or a socket, or a file over the
    limit; OSError (FileNotFoundError, PermissionError, ...) as open raises it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotReadable("this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(NOT_REGULAR)
        if info.st_size > limit:
            raise NotReadable("too large")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise NotReadable("too large")  # it grew while being read
        return b"".join(chunks)
    finally:
        os.close(fd)
