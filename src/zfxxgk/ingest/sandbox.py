"""One sandbox against hostile files, for every command and every batch.

PDF, Word, Excel and HTML parsers can be driven into huge memory use or endless
work by a crafted file (a PDF with a million pages or nested objects, a ZIP bomb,
a page of a million nested tags). Instead of guards in every loader, each such
document is read (loaded, not parsed) in a worker process with an address-space limit
(RLIMIT_AS) and a wall-clock time limit. A document that breaks a limit becomes a
Chinese `InputError` for that document; the worker is replaced and the run goes on.

One worker is started (a fresh interpreter: no state leaks from the parent) and
reused for the following documents, so a batch pays the start-up once.
"""

from __future__ import annotations

import atexit
import faulthandler
import os
import pickle
import resource
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from .. import errors
from ..errors import InputError

if TYPE_CHECKING:
    from .document import Document

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


class Sandbox:
    """A reusable worker process; `load(data, source)` -> Document or InputError.

    The worker is a fresh interpreter (`python -m zfxxgk.ingest.sandbox`), not a
    multiprocessing child: it never re-imports the caller's main module, so any
    script may call the API without a `__main__` guard. Messages are pickles with a
    length prefix over its standard input and output."""

    def __init__(self, options: SandboxOptions | None = None):
        self.options = options or SandboxOptions(
            memory_mb=int(os.environ.get("ZFXXGK_MEMORY_MB", MEMORY_MB)),
            timeout_s=float(os.environ.get("ZFXXGK_TIMEOUT_S", TIMEOUT_S)))
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        # called with (source, pages done, pages in all) while a scan is read by OCR
        self.progress: Callable[[str | None, int, int], None] | None = None

    def load(self, data: bytes, source: str | None = None,
             options: dict[str, Any] | None = None) -> "Document":
        with self._lock:
            return self._load(data, source, options)

    def _load(self, data: bytes, source: str | None, options: dict[str, Any] | None):
        died = SandboxLimit(f"读取这个文件时工作进程意外终止（可能超出了 {self.options.memory_mb} MB "
                            "的内存上限）", source=source)
        process = self._ensure_worker()
        try:
            _write(process.stdin, pickle.dumps((data, source, options), protocol=5))
        except (BrokenPipeError, OSError):
            self._stop()
            raise died from None
        while True:
            ready, _, _ = select.select([process.stdout], [], [], self.options.timeout_s)
            if not ready:
                _ask_for_stacks(process)
                self._stop()
                raise SandboxLimit(f"读取超时：{self.options.timeout_s:g} 秒内没有读完这个文件"
                                   "（扫描件为一页）（文件可能被构造成让解析无休止地进行）", source=source)
            try:
                status, *payload = pickle.loads(_read(process.stdout))
            except (EOFError, OSError, pickle.UnpicklingError):
                self._stop()
                raise died from None
            if status != "progress":
                break
            # a page of a scan read by OCR: the clock starts again for the next page
            if self.progress is not None:
                self.progress(source, *payload)
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

    def _ensure_worker(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stop()
        limit = self.options.memory_mb * 1024 * 1024
        cpu = int(self.options.timeout_s) + 5

        def limits() -> None:  # runs in the child before exec
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        env = dict(os.environ, ZFXXGK_SANDBOX_CPU=str(cpu))
        # Unbuffered (bufsize=0): `select` sees the pipe itself. A buffered reader
        # could hold the reply that arrived with a progress message, and `select`
        # would then wait out the time limit for bytes already read (it did, under load).
        self._process = subprocess.Popen(
            worker_command(), bufsize=0, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=limits, env=env)
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait(10)
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def close(self) -> None:
        with self._lock:
            self._stop()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def worker_command() -> list[str]:
    return [sys.executable, "-m", "zfxxgk.ingest.sandbox"]


# A file named here gets the worker's thread stacks when a document times out: a
# time-out on a small file is a hang to be explained, not a hostile input.
STACKS_ENV = "ZFXXGK_SANDBOX_STACKS"


def _ask_for_stacks(process: subprocess.Popen) -> None:
    if os.environ.get(STACKS_ENV) and process.poll() is None:
        process.send_signal(signal.SIGUSR2)
        time.sleep(1)


def _write(stream, payload: bytes) -> None:
    """The length, then the payload. The parent's pipes are unbuffered, where one
    write may take only part."""
    for part in (struct.pack(">Q", len(payload)), payload):
        view = memoryview(part)
        while view:
            view = view[stream.write(view):]
    stream.flush()


def _read(stream) -> bytes:
    size = struct.unpack(">Q", _read_exactly(stream, 8))[0]
    return _read_exactly(stream, size)


def _read_exactly(stream, size: int) -> bytes:
    parts, wanted = [], size
    while wanted:
        part = stream.read(wanted)
        if not part:
            raise EOFError
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


_shared: Sandbox | None = None


def shared() -> Sandbox:
    """The process-wide sandbox (closed at exit)."""
    global _shared
    if _shared is None:
        _shared = Sandbox()
        atexit.register(_shared.close)
    return _shared


def _limit_in_chain(error: BaseException) -> tuple | None:
    """A MemoryError or RecursionError is a limit, not a bug, also when a library
    wrapped what it caught (pdfplumber raises PdfminerException from pdfminer's
    MemoryError): find it in the chain of causes."""
    seen: set[int] = set()
    e: BaseException | None = error
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, MemoryError):
            return ("memory",)
        if isinstance(e, RecursionError):
            return ("deep",)
        e = e.__cause__ or e.__context__
    return None


def _grant_cpu(seconds: int) -> None:
    """Allow `seconds` more CPU time from now (RLIMIT_CPU counts from the start)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = used + seconds if hard == resource.RLIM_INFINITY else min(used + seconds, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _run(data: bytes, source: str | None, options: dict[str, Any] | None) -> Any:
    """One document: loaded as a report's Document, or with options {"sheets":
    {max_rows, max_columns}} read as plain worksheet grids (台账, sheets.py).
    With {"page_images": True}: (Document, the page images its tables were read
    from by OCR), for crops of flagged cells (scan_pages.py)."""
    if isinstance(options, dict) and "sheets" in options:
        from .sheets import read_sheets

        return read_sheets(data, source, **options["sheets"])
    from .load import load_document

    if isinstance(options, dict) and options.get("page_images"):
        from .scan_pages import collecting

        options = {k: v for k, v in options.items() if k != "page_images"}
        with collecting() as pages:
            return load_document(data, source, options), pages
    return load_document(data, source, options)


def worker_main() -> None:
    """The worker: one document per message until standard input closes. Its own
    output goes to stderr (discarded), so nothing a library prints can break the
    message stream."""
    channel_in = os.fdopen(os.dup(0), "rb")
    channel_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    cpu = int(os.environ.get("ZFXXGK_SANDBOX_CPU", "0"))
    if os.environ.get(STACKS_ENV):
        faulthandler.register(signal.SIGUSR2, file=open(os.environ[STACKS_ENV], "a"),
                              all_threads=True)
    from .load import load_document  # noqa: F401  (imported once, before the first document)
    from .ocr import set_progress

    def progress(done: int, total: int) -> None:
        _write(channel_out, pickle.dumps(("progress", done, total)))
        if cpu:  # each page of a scan gets its own CPU time
            _grant_cpu(cpu)

    set_progress(progress)

    while True:
        try:
            data, source, options = pickle.loads(_read(channel_in))
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if cpu:  # CPU seconds for this document, on top of the parent's wall clock
            _grant_cpu(cpu)
        try:
            reply: tuple = ("ok", _run(data, source, options))
        except errors.ZfxxgkError as e:
            reply = ("error", type(e).__name__, e.message)
        except Exception as e:  # a limit, or a loader's bug: reported, the worker goes on
            reply = _limit_in_chain(e) or ("internal", f"{type(e).__name__}: {e}")
        try:
            _write(channel_out, pickle.dumps(reply, protocol=5))
        except MemoryError:
            _write(channel_out, pickle.dumps(("memory",)))


if __name__ == "__main__":
    worker_main()
