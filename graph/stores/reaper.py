"""Shut down a data directory's server once no client has used it for a few seconds.

Started (as a script, detached) by :mod:`embedded_server` for every server it starts, so
that a command killed with ``kill -9`` leaves no server running. It takes the directory's
server lock before it decides, so it never races a process that is attaching. Only the
standard library: it must start fast and must not import the project.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import sys
import time

NAME = "orggraph-reaper"  # embedded_server.REAPER_NAME
INTERVAL = 1.0
IDLE_CHECKS = 3
GRACE = 2.0


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] not in {"Z", "X"}
    except OSError:
        return False


def _command(sock: socket.socket, *words: str) -> bytes:
    sock.sendall(f"{' '.join(words)}\r\n".encode())
    head = b""
    while not head.endswith(b"\r\n"):
        chunk = sock.recv(1)
        if not chunk:
            raise OSError("closed")
        head += chunk
    if head.startswith(b"$"):
        size = int(head[1:-2])
        body = b""
        while len(body) < size + 2:
            chunk = sock.recv(size + 2 - len(body))
            if not chunk:
                raise OSError("closed")
            body += chunk
        return body[:-2]
    return head[:-2]


def _connect(path: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(5)
    sock.connect(path)
    _command(sock, "CLIENT", "SETNAME", NAME)
    return sock


def _others(sock: socket.socket) -> int:
    listing = _command(sock, "CLIENT", "LIST").decode(errors="replace")
    return sum(1 for line in listing.splitlines() if line and f" name={NAME} " not in f"{line} ")


def _record(data_dir: str) -> dict[str, object]:
    try:
        with open(os.path.join(data_dir, "server.json")) as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def watch(data_dir: str, pid: int, path: str) -> None:
    started = time.monotonic()
    idle = 0
    conn: socket.socket | None = None
    while True:
        time.sleep(INTERVAL)
        if not _alive(pid) or _record(data_dir).get("pid") != pid:
            return
        if time.monotonic() - started < GRACE:
            continue
        fd = os.open(os.path.join(data_dir, ".server.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # someone is attaching or closing: look again later
            try:
                conn = conn or _connect(path)
                idle = idle + 1 if _others(conn) == 0 else 0
            except OSError:
                if conn is not None:
                    conn.close()
                conn = None
                continue
            if idle >= IDLE_CHECKS:
                with contextlib.suppress(OSError):
                    conn.sendall(b"SHUTDOWN SAVE\r\n")
                    conn.recv(64)
                deadline = time.monotonic() + 30
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.02)
                if _record(data_dir).get("pid") == pid:
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(data_dir, "server.json"))
                return
        finally:
            os.close(fd)  # closing the descriptor releases the lock


def main() -> None:
    data_dir, pid, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    child = os.fork()
    if child:
        print(child, flush=True)
        os._exit(0)
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    watch(data_dir, pid, path)


if __name__ == "__main__":
    main()
