"""The batch queue: django-tasks with its database backend (django-tasks-db),
run by the `zfxxgk worker` process that `zfxxgk serve` starts.

A batch is one task, `run_batch_task(batch_id)`, enqueued in the transaction
that stages the batch (batchjobs.stage_batch), so a batch is never stored
without its task nor a task without its batch. What the queue does not know is
how far a batch got and whether the process running it is still alive; the
batch row keeps that, as before the queue:

- The task first claims its batch with a conditional UPDATE (`claimed_by` and
  `heartbeat` must still be what it read), so two workers never run one batch,
  then touches `heartbeat` every few seconds while it works.
- A batch left open by a killed worker (its claim silent for STALE, or made on
  this machine by a process that is gone) gets a new task from `requeue()`,
  which each worker runs when it starts and every SWEEP_S after. Files already
  stored are not done again: batchjobs.process_item marks each file done in the
  transaction that stores its report.
- Every FILES_S a worker removes the files no row names that a killed server
  left (leftovers.sweep, also run at `zfxxgk serve`'s start): a server that runs
  for months is not restarted to clean up.
- When it starts (in a thread of its own) and every FILES_S, a worker makes again
  the dashboard summaries this code did not make (summary.refresh_all): after an
  upgrade that changes an indicator, all of them, outside any request.
- A worker asked to stop (Ctrl+C, SIGTERM) ends its batch between two files and
  gives the claim back, so the next start resumes it at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskContext, TaskResultStatus, task
from django_tasks_db.management.commands.db_worker import Worker as DBWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import Batch, BatchStatus

log = logging.getLogger(__name__)
POLL_S = 1.0          # how often an idle worker looks for queued tasks
BEAT_S = 5.0          # how often a busy worker says it is alive
SWEEP_S = 30.0        # how often a worker looks for abandoned batches
FILES_S = 3600.0      # how often it removes the files no row names (leftovers.sweep)
STALE = timedelta(seconds=60)  # silence after which a claim is taken over
_HOST = socket.gethostname()[:40]
OPEN = [BatchStatus.QUEUED, BatchStatus.RUNNING]


def new_token() -> str:
    """A worker's id, `host:pid:random` (django-tasks-db allows 64 characters)."""
    return f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


_live: dict[str, threading.Event] = {}  # tokens of this process's workers -> their stop flag


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
        return claim not in _live
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


def claim(pk: int, token: str) -> bool:
    """Take the batch if it is open and its claim is ours or abandoned."""
    now = timezone.now()
    found = Batch.objects.filter(pk=pk, status__in=OPEN).values_list("claimed_by", "heartbeat")
    for held, beat in found:
        if held != token and not abandoned(held, beat, now):
            return False
        same = Q(claimed_by=held) & (Q(heartbeat=beat) if beat else Q(heartbeat=None))
        taken = Batch.objects.filter(same, pk=pk, status__in=OPEN).update(
            claimed_by=token, heartbeat=now, status=BatchStatus.RUNNING, started_at=now)
        if taken and held and held != token:
            log.warning("batch %s taken over from %s", pk, held)
        return bool(taken)
    return False


def release(token: str) -> None:
    """Give a claim back (the worker is stopping): the next worker may start at once."""
    Batch.objects.filter(claimed_by=token, status=BatchStatus.RUNNING).update(
        claimed_by="", heartbeat=None)


@contextlib.contextmanager
def beating(token: str):
    """Touch the claim's heartbeat every BEAT_S seconds in a thread while the
    body runs (a batch of hundreds of files takes minutes)."""
    done = threading.Event()

    def loop() -> None:
        while not done.wait(BEAT_S):
            try:
                Batch.objects.filter(claimed_by=token).update(heartbeat=timezone.now())
            except Exception:  # noqa: BLE001 - a missed beat is retried; the batch goes on
                log.warning("batch worker heartbeat failed", exc_info=True)
        connection.close()

    thread = threading.Thread(target=loop, name="zfxxgk-beat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@task(takes_context=True)
def run_batch_task(context: TaskContext, batch_id: int) -> bool:
    """Read a batch's pending files under the running worker's claim. True when
    the batch was closed; False when another worker holds it or this one stops."""
    from .batchjobs import run_batch

    token = context.task_result.worker_ids[-1]
    if not claim(batch_id, token):
        return False
    stop = _live.get(token, threading.Event())
    with beating(token):
        return run_batch(batch_id, token, should_stop=stop.is_set)


def requeue() -> list[int]:
    """Open batches that no live worker holds and no queued task will run get a
    task again (a worker was killed, or the batch predates the queue). Tasks left
    running by a process of this machine that is gone are marked failed. Returns
    the batches queued again."""
    now = timezone.now()
    tasks = DBTaskResult.objects.filter(task_path=run_batch_task.module_path)
    waiting = {r.args_kwargs["args"][0] for r in tasks.filter(status=TaskResultStatus.READY)}
    for result in tasks.filter(status=TaskResultStatus.RUNNING):
        holder = result.worker_ids[-1] if result.worker_ids else ""
        if abandoned(holder, now, now):
            result.set_failed(InterruptedError("处理进程已退出，批次已重新排队"))
        elif holder.startswith(f"{_HOST}:"):  # a live worker here, its claim maybe not made yet
            waiting.add(result.args_kwargs["args"][0])
    again = [pk for pk, held, beat in Batch.objects.filter(status__in=OPEN)
             .values_list("id", "claimed_by", "heartbeat")
             if pk not in waiting and abandoned(held, beat, now)]
    for pk in again:
        run_batch_task.enqueue(pk)
    return again


class Worker(DBWorker):
    """django-tasks-db's worker with the batch rules above. `run()` works until
    stopped (`zfxxgk worker`, or a thread); `run_until_idle()` runs what is
    queued in the calling thread and returns the batches it closed (tests)."""

    def __init__(self, poll_s: float = POLL_S):
        super().__init__(queue_names=["default"], interval=poll_s, batch=False,
                         backend_name="default", startup_delay=False, max_tasks=None,
                         worker_id=new_token(), excluded_queue_names=[])
        self.token = self.worker_id
        self.closed: list[int] = []
        _live[self.token] = threading.Event()

    def run(self) -> None:
        try:
            requeue()
            threading.Thread(target=_refresh_summaries, name="zfxxgk-summaries", daemon=True).start()
            threading.Thread(target=self._sweep, name="zfxxgk-sweep", daemon=True).start()
            super().run()
        finally:
            self.stop()
            self.finish()

    def start(self) -> "Worker":
        """Run in a daemon thread (tests; `stop()` ends it)."""
        self.thread = threading.Thread(target=self.run, name="zfxxgk-batches", daemon=True)
        self.thread.start()
        return self

    def run_until_idle(self) -> list[int]:
        """Run the queued tasks in this thread, then return the batches closed.
        Tasks are taken as django-tasks-db's loop takes them, without its
        recycling of connections (which would end a test's transaction)."""
        requeue()
        while True:
            with exclusive_transaction():
                result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
                if result is None:
                    break
                result.claim(self.token)
            self.run_task(result)
        self.finish()
        return self.closed

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.return_value is True:
            self.closed.append(db_task_result.args_kwargs["args"][0])

    def stop(self, *_signal) -> None:
        """Stop after the file being read (also a signal handler)."""
        self.running = False
        _live.get(self.token, threading.Event()).set()

    def _sweep(self) -> None:
        """Every SWEEP_S the abandoned batches queued again; every FILES_S the files
        no row names removed and the stale dashboard summaries made again."""
        from .leftovers import sweep
        from .summary import refresh_all

        stopped = _live[self.token]
        files_due = time.monotonic() + FILES_S
        while not stopped.wait(SWEEP_S):
            _try(requeue)
            if time.monotonic() >= files_due:
                _try(sweep)
                _try(refresh_all)
                files_due = time.monotonic() + FILES_S
            connection.close()

    def finish(self) -> None:
        """Give back what this worker holds (once its loop has ended)."""
        try:
            release(self.token)
        except Exception:  # noqa: BLE001 - stopping must not fail because the database is gone
            log.warning("could not release the batch claim of %s", self.token)
        _live.pop(self.token, None)
        if threading.current_thread() is not threading.main_thread():
            connection.close()  # a worker thread's own connection


def _refresh_summaries() -> None:
    """The worker's start: every stale dashboard summary made again (summary.refresh_all;
    minutes at 20 000 reports after an upgrade), beside the batches, not before them."""
    from .summary import refresh_all

    _try(refresh_all)
    connection.close()  # this thread's own connection


def _try(job) -> None:
    """A periodic job of the worker: a failure is logged and tried again next time."""
    try:
        job()
    except Exception:  # noqa: BLE001
        log.warning("%s failed", job.__name__, exc_info=True)
