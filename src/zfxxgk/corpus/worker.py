"""What a worker does with one chunk of inputs: parse, check, and serialise.

The result is plain bytes and strings (report JSON lines, error records, Parquet
files as bytes), so that the main process only appends and renames: it stays
idle enough for two workers to use two cores, and the same function runs in a
local process pool or on a Dask worker that shares no disk with the client.
Every input is guarded: whatever one input does, the others of its chunk are
still processed.
"""

from __future__ import annotations

import os
import traceback
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import api
from ..check.labels import describe_column, describe_row
from ..check.pairing import settle_with_pairs, wants_previous
from ..errors import ZfxxgkError, internal_error
from ..model import cell_text, dumps, report_to_dict
from ..standard import TABLE_CODES

# A chunk as sent to a worker: (source, sha256, bytes[, source_url]) per input.
ChunkItem = tuple[str, str, bytes] | tuple[str, str, bytes, str | None]

CELLS_SCHEMA = pa.schema([
    ("source", pa.string()), ("sha256", pa.string()), ("agency", pa.string()),
    ("agency_key", pa.string()), ("scope", pa.string()), ("year", pa.int32()),
    ("template", pa.string()), ("table", pa.string()), ("row", pa.string()),
    ("column", pa.string()), ("value", pa.float64()), ("text", pa.string()),
    ("source_url", pa.string()),
    ("row_label", pa.string()), ("column_label", pa.string()),
])
FINDINGS_SCHEMA = pa.schema([
    ("source", pa.string()), ("sha256", pa.string()), ("agency", pa.string()),
    ("agency_key", pa.string()), ("scope", pa.string()), ("year", pa.int32()),
    ("rule", pa.string()), ("severity", pa.string()), ("message", pa.string()),
    ("cells", pa.list_(pa.string())), ("line", pa.int32()), ("page", pa.int32()),
    ("excerpt", pa.string()), ("suggestion", pa.string()), ("section", pa.string()),
])
# One row per report: what dedupe and stats need without reading the cells.
REPORTS_SCHEMA = pa.schema([
    ("source", pa.string()), ("sha256", pa.string()), ("format", pa.string()),
    ("agency", pa.string()), ("agency_key", pa.string()), ("region", pa.string()),
    ("scope", pa.string()), ("year", pa.int32()), ("template", pa.string()),
    ("published_on", pa.string()), ("cells", pa.int32()), ("filled", pa.int32()),
    ("errors", pa.int32()), ("warnings", pa.int32()), ("source_url", pa.string()),
])
TABLES = {"cells": CELLS_SCHEMA, "findings": FINDINGS_SCHEMA, "reports": REPORTS_SCHEMA}


def process_chunk(items: list[ChunkItem], provenance: bool = False) -> dict[str, Any]:
    """Parse and check each input of the chunk. Returns `reports` (JSON lines),
    `errors` (records), `parquet` (table name -> Parquet bytes) and `pending`. Reports
    of the same body in adjacent years within the chunk (a folder's files are walked
    together) are paired as `zfxxgk check FOLDER` pairs them, so that last year's
    report settles a damaged 上年结转 row (`check.pairing.settle_with_pairs`).
    `pending`: the SHA-256 of the reports that wanted last year's and found none in
    the chunk; the run reads them again once every chunk is in (corpus/settle.py)."""
    read = [read_input(item) for item in items]
    tried: set[int] = set()

    def again(i: int, prev) -> Any:
        tried.add(i)
        return read_input(items[i], prev)[0]

    reports = settle_with_pairs([r[0] for r in read], again)
    out = serialise([(item, report, kind, error)
                     for item, report, (_, kind, error) in zip(items, reports, read)],
                    provenance)
    stored = set(out.pop("stored"))
    out["pending"] = [item[1] for i, (item, (first, _, _)) in enumerate(zip(items, read))
                      if i not in tried and item[1] in stored and wants_previous(first)]
    return out


def serialise(entries: list[tuple[ChunkItem, Any, str | None, dict | None]],
              provenance: bool) -> dict[str, Any]:
    """(input, report, format, error) -> what a chunk's result holds, each report
    checked; `stored` lists the SHA-256 of the reports written (not turned into errors)."""
    columns = {name: {f.name: [] for f in schema} for name, schema in TABLES.items()}
    lines: list[str] = []
    errors: list[dict[str, Any]] = []
    stored: list[str] = []
    for item, report, kind, error in entries:
        if error is not None:
            errors.append(error)
            continue
        report.source_url = item[3] if len(item) > 3 else None
        findings, error = _check(item, report)
        if error is None:
            line, rows, error = _written(item, report, findings, kind, provenance)
        if error is not None:
            errors.append(error)
            continue
        lines.append(line)
        for name, values in rows.items():
            for key, column in values.items():
                columns[name][key].extend(column)
        stored.append(item[1])
    return {"reports": lines, "errors": errors, "stored": stored,
            "parquet": {name: _parquet(columns[name], TABLES[name]) for name in TABLES}}


def _written(item: ChunkItem, report, findings, kind: str | None,
             provenance: bool) -> tuple[str, dict, dict | None]:
    """(JSON line, table rows, error): one report as the chunk stores it. Built apart
    from the chunk's columns, so that a report that cannot be written (a text no
    UTF-8 file can hold) is this input's error, not the end of its whole chunk (which
    took the run with it)."""
    rows = {name: {f.name: [] for f in schema} for name, schema in TABLES.items()}
    try:
        line = dumps(report_to_dict(report, provenance=provenance))
        _add_rows(rows, report, findings, kind)
    except Exception as e:  # noqa: BLE001 - reported as this input's error
        return "", {}, _error(item, type(e), e)
    return line, rows, None


def read_input(item: ChunkItem, previous=None) -> tuple[Any, str | None, dict | None]:
    """(report or None, format, error record or None): one input parsed, whatever it does."""
    from ..ingest.detect import sniff

    source, sha, data = item[:3]
    try:
        report = api.parse_bytes(data, source=source, previous=previous)
    except Exception as e:  # noqa: BLE001 - one bad input must never stop the run
        return None, None, _error(item, type(e), e)
    report.source, report.sha256 = source, sha
    return report, sniff(data), None


def _check(item: ChunkItem, report) -> tuple[list, dict | None]:
    try:
        return api.check_report(report), None
    except Exception as e:  # noqa: BLE001 - reported as this input's error
        return [], _error(item, type(e), e)


def _error(item: ChunkItem, kind: type, e: BaseException) -> dict[str, Any]:
    source, sha = item[0], item[1]
    if isinstance(e, ZfxxgkError):
        return error_record(source, sha, e.message, kind.__name__)
    return error_record(source, sha, internal_error(e), kind.__name__, traceback.format_exc(limit=6))


# The `kind` of an errors.jsonl record that is no failure: a file the walk passed
# over by its content (ingest.walk), named so that a researcher knows it was seen.
SKIPPED = "Skipped"


def error_record(source: str, sha: str | None, message: str, kind: str,
                 trace: str | None = None) -> dict[str, Any]:
    record = {"source": source, "sha256": sha, "error": message, "kind": kind}
    if trace and os.environ.get("ZFXXGK_TRACEBACK"):
        record["traceback"] = trace
    return record


def _meta(report) -> dict[str, Any]:
    """The report's identity, the first columns of every table's rows."""
    return {"source": report.source, "sha256": report.sha256, "agency": report.agency,
            "agency_key": report.agency_key, "scope": report.scope, "year": report.year}


def _append(columns: dict[str, list], row: dict[str, Any]) -> None:
    for key, v in row.items():
        columns[key].append(v)


def _add_rows(columns: dict[str, dict[str, list]], report, findings, kind: str) -> None:
    meta = _meta(report)
    n, filled = _add_cells(columns["cells"], report, meta)
    add_findings(columns["findings"], meta, findings)
    _append(columns["reports"], {
        **meta, "format": kind, "region": report.region, "template": report.template,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "cells": n, "filled": filled, "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"), "source_url": report.source_url})


def _add_cells(cells: dict[str, list], report, meta: dict[str, Any]) -> tuple[int, int]:
    """The report's cells as long rows; returns (cells, cells with a value)."""
    n = filled = 0
    for table in TABLE_CODES:
        for row, values in getattr(report, table).items():
            for column, value in values.items():
                row_label, column_label = official_labels(report.template, table, row, column)
                _append(cells, {**meta, "template": report.template, "table": table, "row": row,
                                "column": column, "value": None if value is None else float(value),
                                "text": None if value is None else cell_text(value),
                                "source_url": report.source_url, "row_label": row_label,
                                "column_label": column_label})
                n += 1
                filled += value is not None
    return n, filled


def add_findings(f_cols: dict[str, list], meta: dict[str, Any], findings) -> None:
    """Findings as rows of the findings table, each with its report's identity."""
    for f in findings:
        where = f.where or {}
        _append(f_cols, {**meta, "rule": f.rule, "severity": f.severity, "message": f.message,
                         "cells": list(f.cells), "line": where.get("line"), "page": where.get("page"),
                         "excerpt": where.get("excerpt"), "suggestion": f.suggestion,
                         "section": where.get("section")})


def findings_parquet(pairs) -> bytes:
    """(report, findings) pairs -> the Parquet bytes of a findings part."""
    columns = {f.name: [] for f in FINDINGS_SCHEMA}
    for report, findings in pairs:
        add_findings(columns, _meta(report), findings)
    return _parquet(columns, FINDINGS_SCHEMA)


@lru_cache(maxsize=2048)
def official_labels(template: str | None, table: str, row: str, column: str) -> tuple[str, str]:
    """The row and column as the printed table names them (`（三）不予公开·1.属于国家秘密`,
    `自然人`), so a researcher reading cells.parquet needs no code book."""
    return describe_row(table, row, template), describe_column(table, column, template)


def _parquet(columns: dict[str, list], schema: pa.Schema) -> bytes:
    return table_bytes(pa.table(columns, schema=schema))


def table_bytes(table: pa.Table) -> bytes:
    """A table as the bytes of one Parquet part, compressed as every part is."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()
