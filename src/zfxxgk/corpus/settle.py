"""Last year's report fed back to the parser across chunks and across runs.

A worker pairs the reports of its own chunk (`check.pairing.settle_with_pairs`), so
a report whose damaged 上年结转 row only last year's 结转下年度 can settle is read
with its pair when both years fall in one chunk. When they do not (another chunk, a
resumed or extended run), the worker lists the report as `pending` in its manifest
line. Once every chunk is committed, this pass pairs the pending reports with every
stored report by the same policy, reads each paired one again from its input with
its pair (its bytes found by walking the inputs again, only when there is one to
read), and replaces the report's committed rows — its line of reports.jsonl, its
rows in the Parquet parts — all at once (`store.replace_files`). So `zfxxgk batch`
gives the cells `zfxxgk check FOLDER` gives, whatever the chunking.

A report read again is no longer pending; one whose pair or input is not there yet
stays pending for a later run.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Iterable

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..check.pairing import settle_with_pairs
from ..ingest.walk import walk
from ..model import Report, report_from_json
from .crossyear import first_lines, line_keys
from .store import MANIFEST, REPORTS, manifest_entries, part_dir, replace_files
from .worker import TABLES, read_input, serialise, table_bytes


def settle_pending(out: str | Path, inputs: Iterable[str], provenance: bool = False) -> int:
    """Read again the folder's pending reports that now have last year's report;
    returns how many were read again (their rows replaced where the reading changed)."""
    out = Path(out)
    entries = manifest_entries(out)
    pending = {sha for e in entries for sha in e.get("pending", ())}
    if not pending:
        return 0
    lines = (out / REPORTS).read_bytes().splitlines(keepends=True)
    keys = line_keys(lines)  # each line's SHA-256 and pairing key, parsed once
    chosen = _paired(keys, pending)
    wanted = {sha for sha, _ in chosen.values() if sha in pending}
    if not wanted:
        return 0
    data = _find_inputs(inputs, wanted)
    order = sorted(chosen)
    reports = [report_from_json(lines[i].decode("utf-8")) for i in order]
    read: dict[str, Any] = {}  # sha -> the new reading, or None where it failed

    def again(k: int, previous: Report) -> Report | None:
        old = reports[k]
        item = (old.source, old.sha256, data[old.sha256], old.source_url)
        new, kind, error = read_input(item, previous)
        read[old.sha256] = None if error is not None else (item, new, kind)
        return new

    settle_with_pairs(reports, again, wants=lambda r: r.sha256 in data)
    if not read:
        return 0
    _replace(out, entries, lines, [sha for sha, _ in keys], read, provenance)
    return len(read)


def _paired(keys: list[tuple[str | None, tuple | None]],
            pending: set[str]) -> dict[int, tuple[str, tuple]]:
    """Line -> (sha, key) of each pending report whose year before is stored, and of
    that year-before report; the first line of a key is the one paired, as in
    crossyear.py (whose keys these are)."""
    first = first_lines(keys)
    chosen: dict[int, tuple[str, tuple]] = {}
    for i, (sha, key) in enumerate(keys):
        if sha in pending and key is not None:
            j = first.get((*key[:-1], key[-1] - 1))
            if j is not None:
                chosen[i], chosen[j] = keys[i], keys[j]
    return chosen


def _find_inputs(inputs: Iterable[str], wanted: set[str]) -> dict[str, bytes]:
    """The bytes of the wanted inputs, walking the run's inputs again (stopping once
    all are found); an input no longer there is simply not found."""
    found: dict[str, bytes] = {}
    for item in walk(list(inputs)):
        if item.data is not None and item.sha256 in wanted and item.sha256 not in found:
            found[item.sha256] = item.data
            if len(found) == len(wanted):
                break
    return found


def _replace(out: Path, entries: list[dict], lines: list[bytes], shas: list[str | None],
             read: dict[str, Any], provenance: bool) -> None:
    """The new readings in place of the old rows, and none of them pending any more."""
    new = {}
    for sha, entry in read.items():
        if entry is not None:
            result = serialise([(*entry, None)], provenance)
            if result["reports"]:  # a reading whose check failed keeps the old rows
                new[sha] = result
    files: dict[str, bytes] = {}
    sizes = {0: 0}  # where a line ends in the old file -> where it ends in the new one
    old_end = new_end = 0
    text = []
    for line, sha in zip(lines, shas):
        again = (new[sha]["reports"][0] + "\n").encode("utf-8") if sha in new else line
        old_end, new_end = old_end + len(line), new_end + len(again)
        sizes[old_end] = new_end
        text.append(again)
    files[REPORTS] = b"".join(text)
    manifest = []
    for e in entries:
        e = dict(e, reports_size=sizes[e["reports_size"]])
        if e.get("pending"):
            e["pending"] = [sha for sha in e["pending"] if sha not in read]
        if not e.get("pending"):
            e.pop("pending", None)
        manifest.append(orjson.dumps(e) + b"\n")
        replaced = [sha for sha in e["sha256"] if sha in new]
        if replaced:
            files.update(_parts(out, e["part"], {sha: new[sha] for sha in replaced}))
    files[MANIFEST] = b"".join(manifest)
    replace_files(out, files)


def _parts(out: Path, part: str, new: dict[str, dict]) -> dict[str, bytes]:
    """One chunk's Parquet parts with the rows of `new`'s reports replaced."""
    files = {}
    gone = pa.array(list(new))
    for table in TABLES:
        path = part_dir(out, table) / f"{part}.parquet"
        # without `counted` (counted.py): the run marks the parts again afterwards
        old = pq.read_table(path, columns=TABLES[table].names)
        kept = old.filter(pc.invert(pc.is_in(old["sha256"], value_set=gone)))
        added = [pq.read_table(io.BytesIO(r["parquet"][table])) for r in new.values()]
        files[str(path.relative_to(out))] = table_bytes(pa.concat_tables([kept, *added]))
    return files
