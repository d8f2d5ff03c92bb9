"""Reads that end when a URL's time does.

httpx takes a read's time-out once per response: a body that arrived in drips
until just before `Policy.max_url_seconds` ran out could then wait a whole
`Policy.timeout` (30 s) more for its next bytes. The client checks its deadline
between reads; only the network stream can stop a read that is waiting. So the
transport's connections are wrapped: every read waits at most until `Until.at`,
the moment the client's current download must end.
"""

from __future__ import annotations

from typing import Any, Callable

import httpcore

# A read never waits less than this: a time-out of 0 would make the socket non-blocking.
_MIN_WAIT = 0.01


class Until:
    """The moment (on the client's clock) the download under way must end; None: none."""

    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.at: float | None = None

    def cap(self, timeout: float | None) -> float | None:
        if self.at is None:
            return timeout
        left = max(_MIN_WAIT, self.at - self.clock())
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, until: Until):
        self.inner, self.until = inner, until

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.until.cap(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.until.cap(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self.inner.start_tls(ssl_context, server_hostname, self.until.cap(timeout)),
                       self.until)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend, until: Until):
        self.inner, self.until = inner, until

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(host, port, timeout=self.until.cap(timeout),
                                        local_address=local_address, socket_options=socket_options)
        return _Stream(stream, self.until)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _Stream(self.inner.connect_unix_socket(path, timeout=self.until.cap(timeout),
                                                      socket_options=socket_options), self.until)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def bound(transport: Any, until: Until) -> None:
    """Make every connection of an httpx transport read no longer than `until` allows.
    A transport without a connection pool (a test's MockTransport) is left as it is."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None and not isinstance(backend, _Backend):
        pool._network_backend = _Backend(backend, until)
