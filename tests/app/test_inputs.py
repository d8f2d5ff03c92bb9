"""One input walker for every face: `zfxxgk check DIR` and `zfxxgk batch DIR` read
the same files — every report format by content, `.md`, a file without a suffix,
zips with GBK member names — and name a damaged PDF as such."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import orjson
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch
from zfxxgk.ingest.walk import member_name, walk
from zfxxgk.parse import parse_text
from zfxxgk.render import render

ROOT = Path(__file__).resolve().parents[2]
GBK_NAME = "洪泽区2023年报.txt"


def _zip_without_utf8_flag(name: str, body: bytes, encoding: str) -> bytes:
    """A zip as Chinese Windows tools write it: the member name in `encoding`, no
    UTF-8 flag. zipfile always flags non-ASCII names, so an ASCII placeholder of
    the same byte length is written and patched."""
    raw = name.encode(encoding)
    placeholder = "x" * len(raw)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(placeholder, body)
    data = buf.getvalue()
    assert data.count(placeholder.encode()) == 2  # local header and central directory
    return data.replace(placeholder.encode(), raw)


def test_member_names_decode_in_both_encodings():
    for encoding in ("gbk", "utf-8"):
        data = _zip_without_utf8_flag(GBK_NAME, b"x", encoding)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            (info,) = z.infolist()
            assert not info.flag_bits & 0x800
            assert member_name(info) == GBK_NAME


def mixed_folder(samples: Path, root: Path) -> Path:
    """One folder holding every kind of input a reviewer collects."""
    real = samples / "real"
    folder = root / "in"
    folder.mkdir()
    shutil.copy(real / "hongze-district-2024.txt", folder / "a.txt")
    shutil.copy(real / "huaian-city-2024.pdf", folder / "b.pdf")
    shutil.copy(ROOT / "examples" / "ecology-bureau-2023.md", folder / "c.md")
    report = parse_text((real / "hongze-district-2023.txt").read_text("utf-8"), source="d")
    (folder / "d.docx").write_bytes(render(report, "docx"))
    shutil.copy(ROOT / "examples" / "qinghe-city-2024.txt", folder / "e")
    zipped = (ROOT / "examples" / "wanghu-street-2023.txt").read_bytes()
    (folder / "f.zip").write_bytes(_zip_without_utf8_flag(GBK_NAME, zipped, "gbk"))
    (folder / "g.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\n" + bytes(range(256)) * 8)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    return folder


def test_check_and_batch_read_the_same_files(samples, tmp_path):
    folder = mixed_folder(samples, tmp_path)
    # pictures are inputs too (scans, issue 15): this one is a damaged JPEG
    expected = {str(folder / n) for n in ("a.txt", "b.pdf", "c.md", "d.docx", "e", "g.pdf", "photo.jpg")}
    expected.add(f"{folder / 'f.zip'}!/{GBK_NAME}")
    assert {item.source for item in walk([str(folder)])} == expected

    result = CliRunner().invoke(cli, ["check", "--format", "jsonl", str(folder)])
    assert result.exit_code == 2, result.output
    checked = {json.loads(line)["source"] for line in result.stdout.splitlines()}
    assert checked == expected - {str(folder / "g.pdf"), str(folder / "photo.jpg")}
    assert f"{folder / 'g.pdf'}：PDF 文件已损坏" in result.stderr
    assert f"{folder / 'photo.jpg'}：这个 JPEG 图片文件已损坏" in result.stderr

    out = tmp_path / "out"
    run_batch([str(folder)], out, LocalEngine(1))
    batched = {orjson.loads(line)["source"] for line in (out / "reports.jsonl").read_bytes().splitlines()}
    errors = [orjson.loads(line) for line in (out / "errors.jsonl").read_bytes().splitlines()]
    assert batched == checked
    assert sorted(e["source"] for e in errors) == [str(folder / "g.pdf"), str(folder / "photo.jpg")]
    assert {e["source"]: e["error"] for e in errors}[str(folder / "g.pdf")].startswith("PDF 文件已损坏")


def test_a_damaged_member_is_named_and_the_archive_goes_on(tmp_path):
    """A member whose compressed bytes are broken (zlib.error) is one unreadable
    input; the archive's other members are still read."""
    body = (ROOT / "examples" / "wanghu-street-2023.txt").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", body)
        z.writestr("b.txt", body)
    data = buf.getvalue()
    start = data.index(b"a.txt") + len("a.txt")  # a's local header ends with its name
    data = data[:start + 2] + b"\xff" * 24 + data[start + 26:]
    (tmp_path / "in.zip").write_bytes(data)
    items = {item.source.rsplit("/", 1)[-1]: item for item in walk([str(tmp_path / "in.zip")])}
    assert items["a.txt"].data is None and "无法从压缩包中读出这个文件（压缩数据已损坏" in items["a.txt"].error
    assert items["b.txt"].data == body and items["b.txt"].error is None
