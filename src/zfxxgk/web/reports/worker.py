"""The batch worker: one background thread per web process, no queue server.

The database is the queue. A worker claims a batch with a conditional UPDATE
(`claimed_by` and `heartbeat` must still be what it read), so two processes of
`zfxxgk serve --workers N` never run the same batch; it then touches `heartbeat`
every few seconds while it works. A batch whose claimant stopped beating (or, on
the same machine, whose process is gone) is taken up again, which is how a batch
interrupted by a killed server resumes on the next start. What was already
stored is not done twice: batchjobs.process_item marks each file done in the
transaction that stores its report.

`ensure_started()` starts the thread in the calling process (again after a
fork: threads do not survive one); `wake()` makes it look at once instead of at
its next poll.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from .models import Batch, BatchStatus

log = logging.getLogger(__name__)
POLL_S = 5.0          # how often an idle worker looks for queued batches
BEAT_S = 5.0          # how often a busy worker says it is alive
STALE = timedelta(seconds=60)  # silence after which a claim is taken over
_HOST = socket.gethostname()[:60]


def new_token() -> str:
    return f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


_live_tokens: set[str] = set()  # claims held by workers of this process


def abandoned(claim: str, heartbeat, now=None) -> bool:
    """Whether a claim can be taken over: its holder has not beaten for STALE, or
    it was made on this machine by a process that no longer exists (checked only
    where signal 0 is harmless: not on Windows)."""
    if not claim:
        return True
    now = now or timezone.now()
    if heartbeat is None or now - heartbeat > STALE:
        return True
    host, _, rest = claim.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _HOST or not pid_text.isdigit() or os.name == "nt":
        return False
    pid = int(pid_text)
    if pid == os.getpid():  # this process: alive only if one of its workers holds it
        return claim not in _live_tokens
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


def claim_next(token: str) -> int | None:
    """Claim the oldest batch that is queued, or running under an abandoned claim.
    Returns its id, or None when there is nothing to do."""
    now = timezone.now()
    open_batches = (Batch.objects.filter(status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING])
                    .order_by("id").values_list("id", "claimed_by", "heartbeat"))
    for pk, claim, beat in open_batches:
        if claim != token and not abandoned(claim, beat, now):
            continue
        same = Q(claimed_by=claim) & (Q(heartbeat=beat) if beat else Q(heartbeat=None))
        taken = (Batch.objects.filter(same, pk=pk,
                                      status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING])
                 .update(claimed_by=token, heartbeat=now, status=BatchStatus.RUNNING,
                         started_at=now))
        if taken:
            if claim and claim != token:
                log.warning("batch %s taken over from %s", pk, claim)
            return pk
    return None


def beat(token: str) -> None:
    Batch.objects.filter(claimed_by=token).update(heartbeat=timezone.now())


def release(token: str) -> None:
    """Give a claim back (the process is stopping): the next worker may start at once."""
    Batch.objects.filter(claimed_by=token, status=BatchStatus.RUNNING).update(
        claimed_by="", heartbeat=None)


class Worker:
    """Runs batches one after another. `run_until_idle()` does the work in the
    calling thread (tests, scripts); `start()` runs it in a daemon thread."""

    def __init__(self, poll_s: float = POLL_S, beat_s: float = BEAT_S):
        self.token = new_token()
        self.poll_s, self.beat_s = poll_s, beat_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._busy = threading.Event()
        self._threads: list[threading.Thread] = []
        _live_tokens.add(self.token)

    def run_once(self) -> int | None:
        """Claim one batch and run it; its id, or None if there was none."""
        from .batchjobs import run_batch

        pk = claim_next(self.token)
        if pk is None:
            return None
        self._busy.set()
        try:
            run_batch(pk, self.token, should_stop=self._stop.is_set)
        finally:
            self._busy.clear()
        return pk

    def run_until_idle(self) -> list[int]:
        done = []
        while not self._stop.is_set():
            pk = self.run_once()
            if pk is None:
                break
            done.append(pk)
        return done

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> "Worker":
        for target, name in ((self._loop, "zfxxgk-batches"), (self._beat_loop, "zfxxgk-beat")):
            t = threading.Thread(target=target, name=name, daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        for t in self._threads:
            t.join(timeout)
        try:
            release(self.token)
        except Exception:  # stopping must not fail because the database is gone
            log.warning("could not release the batch claim of %s", self.token)
        _live_tokens.discard(self.token)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                close_old_connections()
                self.run_until_idle()
            except Exception:  # keep the thread alive: the batch stays claimed and resumes
                log.exception("batch worker")
            finally:
                connection.close()
            self._wake.wait(self.poll_s)

    def _beat_loop(self) -> None:
        while not self._stop.wait(self.beat_s):
            if not self._busy.is_set():
                continue
            try:
                beat(self.token)
            except Exception:
                log.warning("batch worker heartbeat failed", exc_info=True)
            finally:
                connection.close()


_lock = threading.Lock()
_worker: Worker | None = None
_pid: int | None = None


def ensure_started() -> Worker | None:
    """Start this process's worker unless it runs already (or the setting
    ZFXXGK_BATCH_WORKER=0 turns it off, as the tests do)."""
    global _worker, _pid
    if not getattr(settings, "BATCH_WORKER", True):
        return None
    if _worker is not None and _pid == os.getpid():
        return _worker
    with _lock:
        if _worker is None or _pid != os.getpid():
            _worker, _pid = Worker().start(), os.getpid()
            atexit.register(_worker.stop, 2.0)
    return _worker


def wake() -> None:
    """A batch was queued: look now (in this process; the others poll)."""
    if _worker is not None and _pid == os.getpid():
        _worker.wake()


def on_request(**_kw) -> None:
    """request_started: whatever server runs the app, each process serving
    requests has its worker (after a fork the thread must be started again)."""
    if _pid != os.getpid():
        ensure_started()
