"""One sandbox against hostile files, for every command and every batch.

PDF, Word, Excel and HTML parsers can be driven into huge memory use or endless
work by a crafted file (a PDF with a million pages or nested objects, a ZIP bomb,
a page of a million nested tags). Instead of guards in every loader, each such
document is read and parsed in a worker process with an address-space limit
(RLIMIT_AS) and a wall-clock time limit. A document that breaks a limit becomes a
Chinese `InputError` for that document; the worker is replaced and the run goes on.

One worker is started (spawn: no state leaks from the parent) and reused for the
following documents, so a batch pays the start-up once.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import errors
from ..errors import InputError

if TYPE_CHECKING:
    from ..model import Report

MEMORY_MB = 1536
TIMEOUT_S = 120.0


class SandboxLimit(InputError):
    """A document broke the memory or time limit of the sandbox."""


@dataclass(frozen=True)
class SandboxOptions:
    """`memory_mb`: address-space limit of the worker; `timeout_s`: wall-clock time
    one document may take. Environment: ZFXXGK_MEMORY_MB, ZFXXGK_TIMEOUT_S."""

    memory_mb: int = MEMORY_MB
    timeout_s: float = TIMEOUT_S

    def __post_init__(self) -> None:
        if not isinstance(self.memory_mb, int) or self.memory_mb < 128:
            raise ValueError(f"memory_mb must be an int >= 128, got {self.memory_mb!r}")
        if not isinstance(self.timeout_s, (int, float)) or self.timeout_s <= 0:
            raise ValueError(f"timeout_s must be a positive number, got {self.timeout_s!r}")

    @classmethod
    def from_env(cls) -> "SandboxOptions":
        return cls(memory_mb=int(os.environ.get("ZFXXGK_MEMORY_MB", MEMORY_MB)),
                   timeout_s=float(os.environ.get("ZFXXGK_TIMEOUT_S", TIMEOUT_S)))


class Sandbox:
    """A reusable worker process; `parse(data, source)` -> Report or InputError."""

    def __init__(self, options: SandboxOptions | None = None):
        self.options = options or SandboxOptions.from_env()
        self._process: Any = None
        self._conn: Any = None
        self._lock = threading.Lock()

    def parse(self, data: bytes, source: str | None = None,
              options: dict[str, Any] | None = None) -> "Report":
        with self._lock:
            return self._parse(data, source, options)

    def _parse(self, data: bytes, source: str | None, options: dict[str, Any] | None):
        self._ensure_worker()
        try:
            self._conn.send((data, source, options))
        except (BrokenPipeError, EOFError, OSError):
            self._stop()
            self._ensure_worker()
            self._conn.send((data, source, options))
        if not self._conn.poll(self.options.timeout_s):
            self._stop()
            raise SandboxLimit(f"读取超时：{self.options.timeout_s:g} 秒内没有读完这个文件"
                               "（文件可能被构造成让解析无休止地进行）", source=source)
        try:
            status, *payload = self._conn.recv()
        except (EOFError, OSError):
            self._stop()
            raise SandboxLimit(f"读取这个文件时工作进程意外终止（可能超出了 {self.options.memory_mb} MB "
                               "的内存上限）", source=source) from None
        if status == "ok":
            return payload[0]
        if status in ("memory", "deep"):
            self._stop()  # a worker that ran out of memory is not trusted again
            what = (f"读取这个文件需要的内存超过 {self.options.memory_mb} MB 的上限" if status == "memory"
                    else "文件结构嵌套过深，无法读取")
            raise SandboxLimit(what, source=source)
        if status == "error":
            name, message = payload
            cls = getattr(errors, name, None)
            if not (isinstance(cls, type) and issubclass(cls, errors.InputError)):
                cls = InputError
            raise cls(message, source=source)
        raise RuntimeError(payload[0])  # a bug: shown as an internal error by the CLI

    def _ensure_worker(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._stop()
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=worker_main, args=(child, self.options.memory_mb,
                                                        self.options.timeout_s),
                              name="zfxxgk-sandbox", daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
        self._process = self._conn = None

    def close(self) -> None:
        with self._lock:
            self._stop()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_shared: Sandbox | None = None


def shared() -> Sandbox:
    """The process-wide sandbox (closed at exit)."""
    global _shared
    if _shared is None:
        _shared = Sandbox()
        atexit.register(_shared.close)
    return _shared


def worker_main(conn, memory_mb: int, timeout_s: float) -> None:
    """The worker: limits first, then one document per message until the pipe closes."""
    import resource

    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    from .load import report_from_bytes

    while True:
        try:
            data, source, options = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply: tuple = ("ok", report_from_bytes(data, source, options))
        except errors.ZfxxgkError as e:
            reply = ("error", type(e).__name__, e.message)
        except MemoryError:
            reply = ("memory",)
        except RecursionError:
            reply = ("deep",)
        except Exception as e:  # a loader's bug: reported, the worker goes on
            reply = ("internal", f"{type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory",))


__all__ = ["MEMORY_MB", "Sandbox", "SandboxLimit", "SandboxOptions", "TIMEOUT_S", "shared"]
