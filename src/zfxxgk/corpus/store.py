"""The output folder of a batch run, and how a chunk is committed to it so that a
run killed at any instant can be continued without duplicates or losses.

Layout of DIR:

    reports.jsonl        one zfxxgk.report/1 per line, with source and sha256
    errors.jsonl         one record per input that could not be processed, and per
                         file passed over by its content (kind `Skipped`)
    cells.parquet/       part-*.parquet, long format, one part per chunk
    findings.parquet/    part-*.parquet, one row per finding; crossyear.parquet, the
                         findings that compare a report with its year before
    reports.parquet/     part-*.parquet, one row per report (for dedupe and stats)
    manifest.jsonl       one line per committed chunk: its part name, the SHA-256 of
                         its inputs, and the sizes of the two JSONL files after it

A chunk is committed in this order: its Parquet parts (written to a temporary name,
then renamed), its lines appended to the JSONL files, and last its manifest line.
The manifest line is the commit: on resume, the JSONL files are cut back to the
sizes its last complete line records and any part it does not list is deleted, so
whatever a killed run left half-done is undone and redone.

A manifest line also lists the chunk's `pending` reports (read without last year's
report, which could settle a damaged row). Reports read again once their pair is
known (corpus/settle.py) replace rows already committed: the new files are staged
whole in `.settling/`, `READY` is written last, and only then are they renamed into
place, the manifest last. A run killed before `READY` leaves nothing changed (the
stage is dropped on opening); one killed after it is finished on opening, so the
folder holds either every replaced row or none.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Any, Iterable

import orjson

from ..files import write_atomic, writing
from .worker import SKIPPED, TABLES

REPORTS, ERRORS, MANIFEST = "reports.jsonl", "errors.jsonl", "manifest.jsonl"
SETTLING, READY = ".settling", "READY"
# The findings part rewritten at the end of each run (crossyear.py), listed in no manifest.
CROSS_YEAR_PART = "crossyear"


def part_dir(out: Path, table: str) -> Path:
    return out / f"{table}.parquet"


class Store:
    """An output folder opened for appending (after `resume`)."""

    def __init__(self, out: str | os.PathLike[str]):
        self.out = Path(out)
        self.done: set[str] = set()  # SHA-256 of every input already committed
        self.failed_unhashed: set[str] = set()  # sources that failed before being read
        self.parts: set[str] = set()
        self.pending: set[str] = set()  # reports waiting for last year's (see settle.py)
        self.previous_reports = 0
        self.previous_errors = 0
        self.previous_skipped = 0
        self.skipped = 0  # records of files passed over, written by this run
        self.run_id = secrets.token_hex(4)
        self._seq = 0
        self._files: dict[str, Any] = {}

    # --- opening and resuming ---------------------------------------------------------

    def open(self) -> "Store":
        with writing(self.out):
            self.out.mkdir(parents=True, exist_ok=True)
        finish_settling(self.out)
        for table in TABLES:
            part_dir(self.out, table).mkdir(exist_ok=True)
        sizes = self._read_manifest()
        for name, size in ((REPORTS, sizes[0]), (ERRORS, sizes[1])):
            path = self.out / name
            path.touch()
            if path.stat().st_size != size:  # lines of an uncommitted chunk
                os.truncate(path, size)
            self._files[name] = open(path, "ab")
        self._drop_uncommitted_parts()
        self._files[MANIFEST] = open(self.out / MANIFEST, "ab")
        self._count_failed_unhashed()
        return self

    def _read_manifest(self) -> tuple[int, int]:
        path = self.out / MANIFEST
        sizes = (0, 0)
        if not path.exists():
            return sizes
        good = 0
        with open(path, "rb") as f:
            for raw in f:
                try:
                    entry = orjson.loads(raw)
                    if not raw.endswith(b"\n"):
                        raise ValueError("torn line")
                except ValueError:
                    break  # a line torn by the kill: it and anything after is uncommitted
                good += len(raw)
                self.done.update(entry["sha256"])
                self.parts.add(entry["part"])
                self.pending.update(entry.get("pending", ()))
                self.previous_reports += entry.get("n_reports", 0)
                self.previous_errors += entry.get("n_errors", 0)
                self.previous_skipped += entry.get("n_skipped", 0)
                sizes = (entry["reports_size"], entry["errors_size"])
        if path.stat().st_size != good:
            os.truncate(path, good)
        return sizes

    def _drop_uncommitted_parts(self) -> None:
        for table in TABLES:
            for p in part_dir(self.out, table).iterdir():
                if p.name.endswith(".tmp") or p.stem not in self.parts | {CROSS_YEAR_PART}:
                    p.unlink(missing_ok=True)

    def _count_failed_unhashed(self) -> None:
        """Sources recorded as failed before they could be read (no SHA-256): a
        resumed run tries them again but does not record the same failure twice."""
        with open(self.out / ERRORS, "rb") as f:
            for raw in f:
                try:
                    entry = orjson.loads(raw)
                except ValueError:
                    continue
                if entry.get("sha256") is None:
                    self.failed_unhashed.add(entry.get("source"))

    # --- committing -------------------------------------------------------------------

    def new_part(self) -> str:
        self._seq += 1
        return f"part-{self.run_id}-{self._seq:06d}"

    def commit(self, part: str, hashes: Iterable[str], result: dict[str, Any]) -> None:
        """Make one chunk's results durable; see the module docstring for the order."""
        for table, data in result["parquet"].items():
            write_atomic(part_dir(self.out, table) / f"{part}.parquet", data, durable=True)
        errors = [e for e in result["errors"]
                  if not (e.get("sha256") is None and e.get("source") in self.failed_unhashed)]
        for e in errors:
            if e.get("sha256") is None:
                self.failed_unhashed.add(e.get("source"))
        skipped = sum(1 for e in errors if e.get("kind") == SKIPPED)
        self.skipped += skipped
        self._append(REPORTS, "".join(line + "\n" for line in result["reports"]).encode("utf-8"))
        self._append(ERRORS, b"".join(orjson.dumps(e) + b"\n" for e in errors))
        hashes = list(hashes)
        entry = {"part": part, "sha256": hashes, "n_reports": len(result["reports"]),
                 "n_errors": len(errors) - skipped, "n_skipped": skipped,
                 "reports_size": self._files[REPORTS].tell(),
                 "errors_size": self._files[ERRORS].tell()}
        if result.get("pending"):
            entry["pending"] = list(result["pending"])
            self.pending.update(entry["pending"])
        self._append(MANIFEST, orjson.dumps(entry) + b"\n")
        self.done.update(hashes)
        self.parts.add(part)

    def _append(self, name: str, data: bytes) -> None:
        f = self._files[name]
        if data:
            f.write(data)
        f.flush()
        os.fsync(f.fileno())

    def close(self) -> None:
        for f in self._files.values():
            f.close()
        self._files.clear()

    def __enter__(self) -> "Store":
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()


def error_counts(out: Path) -> tuple[int, int]:
    """(inputs that failed, files passed over by their content) as errors.jsonl records them."""
    path = out / ERRORS
    failed = skipped = 0
    for raw in path.read_bytes().splitlines() if path.exists() else ():
        try:
            kind = orjson.loads(raw).get("kind")
        except (ValueError, AttributeError):
            kind = None
        skipped += kind == SKIPPED
        failed += kind != SKIPPED
    return failed, skipped


# --- replacing committed rows (settle.py) ---------------------------------------------

def manifest_entries(out: Path) -> list[dict[str, Any]]:
    """The committed chunks of a closed folder (opening it cut any torn line)."""
    path = out / MANIFEST
    return [orjson.loads(raw) for raw in path.read_bytes().splitlines()] if path.exists() else []


def replace_files(out: Path, files: dict[str, bytes]) -> None:
    """Put `files` (path in `out` -> new content) in place all or none: staged whole,
    then renamed in; the manifest, which says what is committed, last."""
    stage = out / SETTLING
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    names = sorted(files, key=lambda name: name == MANIFEST)
    for i, name in enumerate(names):
        write_atomic(stage / str(i), files[name], durable=True)
    write_atomic(stage / READY, orjson.dumps(names), durable=True)
    finish_settling(out)


def finish_settling(out: Path) -> None:
    """Rename a complete stage into place (again: renaming is done at most once per
    file, so a run killed half-way is finished here); drop an incomplete one."""
    stage = out / SETTLING
    if not stage.exists():
        return
    if (stage / READY).exists():
        for i, name in enumerate(orjson.loads((stage / READY).read_bytes())):
            staged = stage / str(i)
            if staged.exists():
                os.replace(staged, out / name)
    shutil.rmtree(stage, ignore_errors=True)
