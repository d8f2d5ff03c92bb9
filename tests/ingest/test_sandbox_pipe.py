"""The sandbox's message pipe: a reply that arrives together with a progress
message is read at once, not after the time limit (it once was, under load: the
parent's buffered reader held the reply while `select` waited on the empty pipe)."""

from __future__ import annotations

import pickle
import sys
import time

from zfxxgk.ingest import sandbox as sandbox_module
from zfxxgk.ingest.sandbox import Sandbox, SandboxOptions

# A stand-in worker that answers any request with a progress message and the reply
# in one write, so both are in the pipe before the parent reads either.
FAKE_WORKER = r"""
import os, pickle, struct, sys
def message(obj):
    body = pickle.dumps(obj)
    return struct.pack(">Q", len(body)) + body
head = sys.stdin.buffer.read(8)
sys.stdin.buffer.read(struct.unpack(">Q", head)[0])
os.write(1, message(("progress", 1, 1)) + message(("ok", "已读完")))
sys.stdin.buffer.read()
"""


def test_a_reply_that_came_with_a_progress_message_is_not_waited_for(monkeypatch):
    monkeypatch.setattr(sandbox_module, "worker_command", lambda: [sys.executable, "-c", FAKE_WORKER])
    sandbox = Sandbox(SandboxOptions(timeout_s=10))
    seen = []
    sandbox.progress = lambda source, done, total: seen.append((done, total))
    started = time.monotonic()
    try:
        assert sandbox.load(b"%PDF-1.4", "scan.pdf") == "已读完"
    finally:
        sandbox.close()
    assert seen == [(1, 1)]
    assert time.monotonic() - started < 5


def test_a_large_document_goes_through_the_pipe_whole():
    """Unbuffered pipes take part of a write at a time: 40 MB both ways."""
    data = bytes(range(256)) * (40 * 4096)
    with Sandbox() as sandbox:
        sandbox._ensure_worker()
        sandbox_module._write(sandbox._process.stdin, pickle.dumps((data, "big.bin", None)))
        reply = pickle.loads(sandbox_module._read(sandbox._process.stdout))
    assert reply[0] == "error", reply  # not a document: refused after reading it all
