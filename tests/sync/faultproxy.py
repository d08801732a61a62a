"""A fault-injecting TCP proxy between a device and the office, for the sync tests.

Passes bytes through unchanged unless a rule fires. A rule matches a byte string in what the client
sends on a connection (e.g. b"POST /v1/batches") and then, on that connection:
  drop_request  closes both sides before the request reaches the office;
  drop_reply    lets the request through, lets the office answer (so it has committed), and closes
                the client's side instead of passing the answer on;
  cut_after     passes `after_bytes` more bytes of the request, then closes both sides;
  portal        answers `200 OK` with a Wi-Fi login page itself, like a captive portal.
Latency (per direction) and bandwidth (shared, both directions) can be set for every connection.
The link is modelled as a delay line, not a sleep per read: bytes first wait for their share of the
bandwidth (serialisation, in slices of `SLICE` bytes so a big write streams instead of arriving in one
lump), then travel `latency_s` while later bytes are already on their way — as on a real line, where a
200 ms RTT costs one round trip per request/answer exchange, not one per 64 KB read.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

SLICE = 4096  # 16 ms at 2 Mbit/s: the granularity at which a shaped link lets bytes through

PORTAL_PAGE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
               b"Content-Length: 96\r\n\r\n"
               + "<html><body><h1>欢迎使用乡镇免费WiFi</h1><form>请登录</form></body></html>".encode().ljust(96))


@dataclass
class Rule:
    action: str
    match: bytes = b""
    times: int = 1
    after_bytes: int = 0
    fired: int = 0


class _Bucket:
    """Shared bandwidth: each direction's bytes wait for their share of `bps`."""

    def __init__(self) -> None:
        self.bps: float | None = None
        self._lock = threading.Lock()
        self._next = 0.0

    def take(self, n: int) -> None:
        if not self.bps:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + n * 8 / self.bps
            wait = self._next - now
        time.sleep(wait)


_CLOSE = object()


class _Line:
    """One direction of one connection: bytes leave `latency()` seconds after they were put on the
    line, in order; closing the line closes its socket once everything before it has arrived."""

    def __init__(self, dest: socket.socket, latency: Callable[[], float]) -> None:
        self._dest, self._latency = dest, latency
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._deliver, daemon=True).start()

    def put(self, data: bytes) -> None:
        self._queue.put((time.monotonic() + self._latency(), data))

    def close(self) -> None:
        self._queue.put((0.0, _CLOSE))

    def _deliver(self) -> None:
        broken = False
        while True:
            due, data = self._queue.get()
            if data is _CLOSE:
                _shut(self._dest)
                return
            if broken:
                continue
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                self._dest.sendall(data)
            except OSError:
                broken = True  # the other side went away; keep draining until the close arrives


class FaultProxy:
    def __init__(self, upstream_port: int, *, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.rules: list[Rule] = []
        self.latency_s = 0.0  # one way
        self.bucket = _Bucket()
        self.bytes_up = 0
        self.bytes_down = 0
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        self._conns: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def add(self, action: str, match: bytes = b"", *, times: int = 1, after_bytes: int = 0) -> Rule:
        rule = Rule(action, match, times, after_bytes)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
        self.latency_s = 0.0
        self.bucket.bps = None

    def close(self) -> None:
        self._closed = True
        self._server.close()
        for conn in list(self._conns):
            _shut(conn)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _take_rule(self, seen: bytes) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.fired < rule.times and rule.match in seen:
                    rule.fired += 1
                    return rule
        return None

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            _shut(client)
            return
        self._conns.update({client, upstream})
        state = {"rule": None, "drop_down": False}
        to_client = _Line(client, lambda: self.latency_s)
        to_upstream = _Line(upstream, lambda: self.latency_s)
        down = threading.Thread(target=self._pump_down, args=(upstream, to_client, to_upstream, state), daemon=True)
        down.start()
        self._pump_up(client, to_upstream, to_client, state)

    def _pump_up(self, client: socket.socket, upstream: _Line, to_client: _Line, state: dict) -> None:
        tail = b""
        budget: int | None = None
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                if state["rule"] is None:
                    rule = self._take_rule(tail + data)
                    tail = (tail + data)[-256:]
                    if rule is not None:
                        state["rule"] = rule
                        if rule.action == "drop_request":
                            break
                        if rule.action == "portal":
                            to_client.put(PORTAL_PAGE)
                            break
                        if rule.action == "drop_reply":
                            state["drop_down"] = True
                        if rule.action == "cut_after":
                            budget = rule.after_bytes
                if budget is not None:
                    data = data[:budget]
                    budget -= len(data)
                self._send(upstream, data, up=True)
                if budget is not None and budget <= 0:
                    break
        except OSError:
            pass
        to_client.close()
        if state["rule"] is None or state["rule"].action not in ("drop_reply",):
            upstream.close()

    def _pump_down(self, upstream: socket.socket, to_client: _Line, to_upstream: _Line, state: dict) -> None:
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                if state["drop_down"]:
                    break  # the office answered (and committed); the device never hears it
                self._send(to_client, data, up=False)
        except OSError:
            pass
        to_client.close()
        to_upstream.close()

    def _send(self, line: _Line, data: bytes, *, up: bool) -> None:
        step = SLICE if self.bucket.bps else len(data) or 1
        for start in range(0, len(data), step):
            piece = data[start:start + step]
            self.bucket.take(len(piece))
            line.put(piece)
            with self._lock:
                if up:
                    self.bytes_up += len(piece)
                else:
                    self.bytes_down += len(piece)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
