"""The batch bar's total is right from the start: a zip counted as one file made
it jump (10/12, then 10/40) when the zip opened. `walk.count` reads the zips'
directories (and a zip inside a zip) and counts exactly the items the walk will
yield — members, broken archives, files passed over — so the total never grows,
in a first run as in a resumed one."""

from __future__ import annotations

import io
import shutil
import zipfile

from corpus_gen import report_text
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.ingest.walk import count, walk


def _zip(files: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in files.items():
            z.writestr(name, body)
    return buf.getvalue()


def _folder(root):
    src = root / "in"
    (src / "loose").mkdir(parents=True)
    for i in range(3):
        (src / "loose" / f"{i}-2023.txt").write_text(report_text(i, 2023), encoding="utf-8")
    inner = _zip({f"内层/{i}-2022.txt": report_text(i, 2022) for i in range(4)})
    (src / "全部.zip").write_bytes(_zip({
        **{f"外层/{i}-2023.txt": report_text(i, 2023) for i in range(10, 16)},
        "外层/": "", "外层/更早.zip": inner, "外层/说明.log": "目录说明",
        "__MACOSX/外层/._0-2023.txt": b"\x00\x05", "外层/.hidden": "x"}))
    (src / "坏.zip").write_bytes(b"PK\x03\x04 not a zip at all")
    (src / "空.zip").write_bytes(b"")
    (src / "noise.bin").write_bytes(bytes(range(1, 200)))
    shutil.copy(src / "全部.zip", root / "named-without-suffix")
    return [str(src), str(root / "named-without-suffix")]


def test_count_is_what_the_walk_yields(tmp_path):
    inputs = _folder(tmp_path)
    items = list(walk(inputs, skipped=True))
    # 3 loose + (6 + 4 nested + 1 .log) twice + 2 broken zips + noise.bin
    assert count(inputs) == len(items) == 3 + 11 * 2 + 2 + 1


def test_the_total_never_grows_in_a_run_or_a_resumed_one(tmp_path):
    inputs, out = _folder(tmp_path), tmp_path / "out"
    for _ in range(2):  # the second run finds everything done
        hints, done = [], []
        summary = run_batch(inputs, out, LocalEngine(1), chunk_size=4, total_hint=hints.append,
                            progress=lambda s: done.append(s.processed + s.already_done + s.same_content
                                                           + s.skipped))
        assert len(hints) == 1 and hints[0] == summary.inputs == 28
        assert done and max(done) == done[-1] == hints[0]
