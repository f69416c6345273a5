"""Dependencies the fault tests own, each with a switch to break it for real.

- ``RedisServer``: a redis-server of our own on a free loopback port, which a test stops (the process is
  gone: connections are refused) or freezes (SIGSTOP: connections open and nothing ever answers), then
  brings back (``start`` again: empty, like a restarted Redis without persistence; ``thaw``: SIGCONT).
- ``TcpProxy``: a small TCP relay in front of a server (PostgreSQL) that a test cuts: every open
  connection is closed at once and new ones are refused until ``restore``. The server itself is shared
  and never touched.
- ``S3Process``: the tests' S3 API server (moto, tests/s3.py) as its own process, stopped like a MinIO
  that went away, and started again (empty: moto keeps objects in memory) with the same bucket.

Nothing here waits a fixed time: readiness is polled with a deadline (``stack.wait_until``).
"""

import contextlib
import os
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

import requests

from tests import s3
from tests.cluster import stack

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = "/usr/bin/redis-server"


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


class _OwnProcess:
    """A server process we started (in its own process group), with stop / freeze / thaw."""

    process: subprocess.Popen | None = None
    frozen = False

    def _signal(self, sig) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)

    def stop(self) -> None:
        """The process ends (SIGKILL: no goodbye to its clients); connections are refused from now on."""
        self.thaw()
        self._signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=20)
        self.process = None

    def freeze(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing answers on them."""
        self._signal(signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen:
            self._signal(signal.SIGCONT)
            self.frozen = False

    def close(self) -> None:
        self.stop()


class RedisServer(_OwnProcess):
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = stack.free_port()
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        argv = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(  # noqa: S603 -- Debian's redis-server, on loopback
            argv,
            cwd=self.folder,
            stdout=(self.folder / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.wait_until(self.ping, timeout=20, what="redis-server", interval=0.1)

    def ping(self) -> bool:
        import redis

        try:
            return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1).ping()
        except redis.RedisError:
            return False

    def keys(self, pattern: str, db: int = 1) -> list[bytes]:
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=2).keys(pattern)


class S3Process(_OwnProcess):
    def __init__(self, folder: Path, env: dict):
        self.folder, self.env = folder, env
        self.port = stack.free_port()
        self.server = s3.S3Server(endpoint_url=f"http://127.0.0.1:{self.port}")
        self.bucket = f"spm-fault-{os.getpid()}"
        self.start()

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 -- our own module, on loopback
            [sys.executable, "-m", "tests.s3", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=(self.folder / "s3.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.wait_until(self.ready, timeout=30, what="the S3 server", interval=0.1)
        self.server.client().create_bucket(Bucket=self.bucket)

    def ready(self) -> bool:
        try:
            return requests.get(self.server.endpoint_url, timeout=2).status_code < 500
        except requests.RequestException:
            return False

    @property
    def storage_url(self) -> str:
        return self.server.storage_url(self.bucket)

    def keys(self, prefix: str = "") -> list[str]:
        return self.server.keys(self.bucket, prefix)


class TcpProxy:
    """A TCP relay on a free loopback port to ``target`` (host, port), run by one thread with a selector."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = stack.free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.setblocking(False)
        self._pairs: dict[socket.socket, socket.socket] = {}
        self._lock = threading.Lock()
        self._cut = threading.Event()
        self._closed = threading.Event()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._thread = threading.Thread(target=self._run, name=f"tcp-proxy-{self.port}", daemon=True)
        self._thread.start()

    def cut(self) -> None:
        """Close every relayed connection now and refuse (accept and close at once) new ones."""
        with self._lock:
            self._cut.set()
            for sock in list(self._pairs):
                self._drop(sock)

    def restore(self) -> None:
        self._cut.clear()

    @property
    def connections(self) -> int:
        with self._lock:
            return len(self._pairs) // 2

    def close(self) -> None:
        self._closed.set()
        self.cut()
        self._thread.join(timeout=5)
        self._listener.close()

    def _drop(self, sock) -> None:
        peer = self._pairs.pop(sock, None)
        for one in (sock, peer):
            if one is None:
                continue
            self._pairs.pop(one, None)
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(one)
            with contextlib.suppress(OSError):  # RST, like a server that went away
                one.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            one.close()

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        if self._cut.is_set():
            client.close()
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        for one in (client, upstream):
            one.setblocking(False)
            self._selector.register(one, selectors.EVENT_READ)
        self._pairs[client], self._pairs[upstream] = upstream, client

    def _relay(self, sock) -> None:
        peer = self._pairs.get(sock)
        if peer is None:
            return
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(sock)
            return
        try:
            peer.setblocking(True)
            peer.sendall(data)
            peer.setblocking(False)
        except OSError:
            self._drop(sock)

    def _run(self) -> None:
        while not self._closed.is_set():
            for key, _ in self._selector.select(timeout=0.2):
                with self._lock:
                    if key.fileobj is self._listener:
                        self._accept()
                    else:
                        self._relay(key.fileobj)
