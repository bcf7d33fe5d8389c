"""Locks on a data directory, held across processes (``flock``), released by the kernel
when the holder dies (a ``kill -9`` leaves no stale lock behind).

* :class:`DirLock` — one lock file; says who holds it, waits with a message or gives up.
* :func:`acquire_writer` / :func:`release_writer` — the right to write to a data
  directory: one process at a time; the stores of one process share it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

WRITE_LOCK = ".write.lock"
SERVER_LOCK = ".server.lock"


class LockTimeout(Exception):
    """The lock stayed taken for longer than the caller would wait."""

    def __init__(self, message: str, holder: dict[str, object]) -> None:
        super().__init__(message)
        self.holder = holder


def _command_line() -> str:
    args = [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv and sys.argv[0] else []
    return " ".join(args)[:200] or "python"


class DirLock:
    """An exclusive ``flock`` on ``path``; the holder's pid and command are written in it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> dict[str, object]:
        """Who holds (or last held) the lock: pid, command, since (epoch seconds)."""
        try:
            data = json.loads(self.path.read_text() or "{}")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def try_acquire(self) -> bool:
        """Take the lock if it is free; never waits."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        record = {"pid": os.getpid(), "command": _command_line(), "since": time.time()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        return True

    def acquire(
        self,
        wait_seconds: float,
        on_wait: Callable[[dict[str, object]], None] | None = None,
        poll: float = 0.05,
    ) -> None:
        """Take the lock, waiting up to ``wait_seconds``; ``on_wait(holder)`` once if it must."""
        deadline = time.monotonic() + wait_seconds
        told = False
        while not self.try_acquire():
            holder = self.holder()
            if not told and on_wait is not None:
                on_wait(holder)
                told = True
            if time.monotonic() >= deadline:
                raise LockTimeout(f"{self.path} is held by {holder or 'another process'}", holder)
            time.sleep(poll)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    @contextlib.contextmanager
    def hold(self, wait_seconds: float = 60.0) -> Iterator[None]:
        self.acquire(wait_seconds)
        try:
            yield
        finally:
            self.release()


class _Lease:
    """The writer lock of one data directory, shared by every store of this process."""

    def __init__(self, path: Path) -> None:
        self.lock = DirLock(path)
        self.count = 0
        self.guard = threading.Lock()


_leases: dict[Path, _Lease] = {}
_leases_guard = threading.Lock()


def _describe(holder: dict[str, object]) -> str:
    if not holder:
        return "another process"
    since = holder.get("since")
    held = f", for {time.time() - since:.0f} s" if isinstance(since, int | float) else ""
    return f"pid {holder.get('pid')} ({holder.get('command', '?')}{held})"


def acquire_writer(data_dir: Path, wait_seconds: float) -> None:
    """Take this process's share of the right to write to ``data_dir``.

    Another process holding it: say so (a log warning, shown on stderr by default) and
    wait up to ``wait_seconds``; then :class:`LockTimeout`.
    """
    key = data_dir.resolve()
    with _leases_guard:
        lease = _leases.setdefault(key, _Lease(key / WRITE_LOCK))
    with lease.guard:
        if lease.count:
            lease.count += 1
            return

        def waiting(holder: dict[str, object]) -> None:
            log.warning(
                "waiting for %s to finish writing to %s (up to %.0f s)",
                _describe(holder), data_dir, wait_seconds,
            )

        try:
            lease.lock.acquire(wait_seconds, waiting)
        except LockTimeout as exc:
            raise LockTimeout(
                f"{_describe(exc.holder)} is still writing to {data_dir}; "
                f"gave up after {wait_seconds:.0f} s",
                exc.holder,
            ) from None
        lease.count = 1


def release_writer(data_dir: Path) -> None:
    """Give back one share; the lock is released with the last one."""
    key = data_dir.resolve()
    with _leases_guard:
        lease = _leases.get(key)
    if lease is None:
        return
    with lease.guard:
        if lease.count == 0:
            return
        lease.count -= 1
        if lease.count == 0:
            lease.lock.release()


def describe_holder(holder: dict[str, object]) -> str:
    return _describe(holder)
