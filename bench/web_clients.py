"""The load generators of bench/web_bench.py: readers that fetch report pages.

Two kinds, so that a reader of the figures can tell the server's cost from the
clients': `wrk` (C, a few microseconds of CPU per request) when it is installed,
and a pure-Python fallback with one process per reader (no GIL shared between
readers; each keeps its HTTP connection open as a browser does). Both pick a
report at random for every request, its HTML page four times in five and its
JSON twin otherwise, and both count any answer but 200 as an error (a session
that lost its login would get a 302 to the login page).
"""

from __future__ import annotations

import http.client
import multiprocessing
import random
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HTML_SHARE = 0.8


@dataclass
class Result:
    """What a run of readers measured; latencies in seconds (Python) or the
    percentiles wrk computed itself."""

    kind: str
    requests: int = 0
    errors: int = 0
    first_error: str = ""
    elapsed: float = 0.0
    cpu: float = 0.0  # CPU seconds the load generator itself spent
    times: list[float] = field(default_factory=list)
    percentiles: dict[int, float] = field(default_factory=dict)  # wrk: 50, 95, 99, 100


def pick(rng: random.Random, ids: list[int]) -> str:
    pk = rng.choice(ids)
    return f"/reports/{pk}" if rng.random() < HTML_SHARE else f"/api/reports/{pk}"


def reader(host: str, port: int, cookie: str, ids: list[int], start_at: float,
           seconds: float, seed: int) -> tuple[list[float], int, str, float]:
    """One reader in its own process (`cookie`: its Cookie header): fetch pages one after the other until the
    time is up. Returns (latencies, errors, first error, CPU seconds spent)."""
    rng = random.Random(seed)
    headers = {"Cookie": cookie}
    times: list[float] = []
    errors, first = 0, ""
    time.sleep(max(0.0, start_at - time.time()))
    cpu0 = time.process_time()
    until = time.perf_counter() + seconds
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.perf_counter() < until:
        path = pick(rng, ids)
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            if resp.status == 200:
                times.append(time.perf_counter() - t0)
                continue
            errors += 1
            first = first or f"{path}: HTTP {resp.status}"
        except (OSError, http.client.HTTPException) as e:
            errors += 1
            first = first or f"{path}: {type(e).__name__}: {e}"
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()
    return times, errors, first, time.process_time() - cpu0


def run_python(host: str, port: int, cookies: list[str], ids: list[int],
               seconds: float) -> Result:
    """One process per reader (spawned, so none carries Django's memory)."""
    ctx = multiprocessing.get_context("spawn")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool = ctx.Pool(len(cookies))
    # The pool's processes are up before the clock starts: all readers begin together.
    pool.map(time.sleep, [0.0] * len(cookies))
    start_at = time.time() + 0.5
    jobs = [(host, port, c, ids, start_at, seconds, i) for i, c in enumerate(cookies)]
    out = pool.starmap(reader, jobs, chunksize=1)
    pool.close()
    pool.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Every reader ran for exactly `seconds` (its last request may end a little later).
    # The CPU is the readers' whole processes, starting Python included, as for wrk.
    result = Result("Python（每个读者一个进程，长连接）", elapsed=seconds,
                    cpu=after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for times, errors, first, _cpu in out:
        result.times.extend(times)
        result.errors += errors
        result.first_error = result.first_error or first
    result.times.sort()
    result.requests = len(result.times)
    return result


WRK_SCRIPT = """
local ids = {%(ids)s}
local cookies = {%(cookies)s}
local threads = {}
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(tid * 7919 + os.time())
  bad = 0
  first = ""
end
function request()
  local pk = ids[math.random(#ids)]
  local path = "/api/reports/" .. pk
  if math.random() < %(html_share)s then path = "/reports/" .. pk end
  return wrk.format("GET", path, {["Cookie"] = cookies[math.random(#cookies)]})
end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if first == "" then first = "HTTP " .. status end
  end
end
function done(summary, latency, requests)
  local bad_total, first_error = 0, ""
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    if first_error == "" then first_error = t:get("first") end
  end
  local e = summary.errors
  io.write(string.format("ZFXXGK requests=%%d duration_us=%%d bad=%%d socket=%%d p50=%%d p95=%%d p99=%%d max=%%d first=%%s\\n",
    summary.requests, summary.duration, bad_total,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    first_error))
end
"""


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(host: str, port: int, cookies: list[str], ids: list[int], seconds: float,
            connections: int) -> Result:
    """wrk with one connection per reader, on two threads; CPU from its rusage."""
    script = WRK_SCRIPT % {"ids": ", ".join(map(str, ids)),
                           "cookies": ", ".join(f'"{c}"' for c in cookies),
                           "html_share": HTML_SHARE}
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp) / "readers.lua"
        lua.write_text(script, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run([wrk_path() or "wrk", "-t2", f"-c{connections}",
                               f"-d{max(1, round(seconds))}s", "--timeout", "30s",
                               "-s", str(lua), f"http://{host}:{port}/"],
                              capture_output=True, text=True, timeout=seconds + 60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("ZFXXGK ")), None)
    if line is None:
        raise RuntimeError(f"wrk 没有给出结果：{proc.stdout}{proc.stderr}")
    head, _, first = line.partition(" first=")
    fields = dict(part.split("=", 1) for part in head.split()[1:])
    result = Result("wrk（2 个线程）", cpu=(after.ru_utime - before.ru_utime)
                    + (after.ru_stime - before.ru_stime))
    total = int(fields["requests"])
    result.errors = int(fields["bad"]) + int(fields["socket"])
    result.requests = total - int(fields["bad"])
    result.first_error = first if result.errors else ""
    result.elapsed = int(fields["duration_us"]) / 1e6
    result.percentiles = {q: int(fields[f"p{q}"]) / 1e6 for q in (50, 95, 99)}
    result.percentiles[100] = int(fields["max"]) / 1e6
    return result
