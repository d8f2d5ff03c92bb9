"""Bad input through the real faces: how many runs of the `zfxxgk` command end in a
way a user should never see, by class.

fuzz_probe.py damages files and reads them in process; this one builds the inputs
a researcher's disk and a reviewer's mailbox hold (named pipes, link loops, GBK
file names, empty and nested zips, damaged report JSON, outputs on a full disk,
damaged batch results, damaged case files, report JSON with cells as text or
cells the form does not have or control characters in its text, an old Excel
register without LibreOffice) and
runs each command in its own process, as a user does, with a time cap; then the
web API's odd requests (robust_web.py: money digits, odd numbers, versions, bodies,
file names; its own classes server, accepted, refused, digits). A run counts as

  traceback  Python's traceback (or 内部错误) on stderr
  hang       not finished within --timeout seconds
  exit       exit status 0 for a refused input, or a refusal without a message
  english    a refusal whose message carries English words (zipfile's, json's, the OS's)
  message    a refusal that does not name what is wrong (the cell, the package to install)

A probe, not a test. Run: `python3 bench/robust_probe.py [--src DIR] [--timeout 30]`
(`--src` another checkout's src, to compare before and after).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "examples" / "wanghu-street-2023.txt"
ENGLISH = re.compile(r"\b(?!PDF|JSON|ZIP|UTF|GBK|MB|XLSX|DOCX|OFD|HTML|SQL|CSV|zfxxgk|Parquet|DuckDB|"
                     r"LibreOffice|Excel|Word|Debian)"
                     r"[A-Za-z]{4,}\b")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def build(root: Path) -> dict[str, Path]:
    """The inputs, by name."""
    good = REPORT.read_bytes()
    report_json = json.loads(subprocess.run(
        [sys.executable, "-m", "zfxxgk", "parse", "--no-provenance", str(REPORT)],
        capture_output=True, check=True, env=os.environ).stdout)
    text = json.dumps(report_json, ensure_ascii=False)
    files = {
        "empty.zip": b"", "junk.zip": bytes(range(256)), "zipzip.zip": _zip({"in.zip": _zip({"a.txt": good})}),
        "deep.json": b'{"schema": "zfxxgk.report/1", "agency": ' + b"[" * 100000 + b"]" * 100000 + b"}",
        "cut.json": text[:len(text) // 2].encode(), "digits.json": text.replace('"year": ', '"year": ' + "9" * 5000 + ", \"x\": ", 1).encode(),
        "surrogate.json": text.replace('"agency": "', '"agency": "\\ud800', 1).encode(),
        "other.json": text.replace("zfxxgk.report/1", "zfxxgk.report/2").encode(),
        "flag.json": re.sub(r'"total": \d+', '"total": true', text, count=1).encode(),
        "text_cell.json": re.sub(r'"total": (\d+)', r'"total": "\1"', text, count=1).encode(),
        "exponent_cell.json": re.sub(r'"total": \d+', '"total": "1e3"', text, count=1).encode(),
        "wide_cell.json": re.sub(r'"total": \d+', '"total": "１２"', text, count=1).encode(),
        "unknown_row.json": text.replace('"received": {', '"recieved": {"total": 5}, "received": {', 1).encode(),
        "unknown_col.json": re.sub(r'"total": (\d+)', r'"total": \1, "totals": 5', text, count=1).encode(),
        "controls.json": text.replace('"agency": "', '"agency": "\\u000b\\u0000\\u001b', 1).encode(),
        "ledger.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "Workbook".encode("utf-16-le"),
        "case_deep.json": b'{"id": ' + b"[" * 100000 + b"]" * 100000 + b"}",
        "case_binary.json": bytes(range(256)) * 4,
    }
    paths = {}
    for name, data in files.items():
        paths[name] = root / name
        paths[name].write_bytes(data)
    (root / "pipes").mkdir()
    (root / "pipes" / "a.txt").write_bytes(good)
    os.mkfifo(root / "pipes" / "b.txt")
    paths["pipes"] = root / "pipes"
    os.mkfifo(root / "pipe.txt")
    paths["pipe.txt"] = root / "pipe.txt"
    os.symlink(root / "loop2", root / "loop1")
    os.symlink(root / "loop1", root / "loop2")
    paths["loop"] = root / "loop1"
    gbk = os.fsencode(root) + b"/" + "年报".encode("gbk") + b".txt"
    with open(gbk, "wb") as f:
        f.write(good)
    paths["gbk"] = Path(os.fsdecode(gbk))
    return paths


def cases(p: dict[str, Path], root: Path) -> list[tuple[str, list[str], bool, str | None]]:
    """(class, argv, refused, stdout file): `refused`: a non-zero exit is expected."""
    out = str(root / "o")
    c: list[tuple[str, list[str], bool, str | None]] = []
    for name in ("empty.zip", "junk.zip", "loop", "pipe.txt"):
        c.append(("special files", ["check", str(p[name])], True, None))
    c.append(("special files", ["check", str(p["pipes"])], True, None))
    c.append(("special files", ["batch", str(p["pipes"]), "--out", out + "b1", "-j", "1"], True, None))
    c.append(("special files", ["check", str(p["zipzip.zip"])], False, None))
    for fmt in ("json", "html", "xlsx"):
        c.append(("GBK names", ["check", "--format", fmt, "-o", f"{out}.{fmt}", str(p["gbk"])], False, None))
    c.append(("GBK names", ["batch", str(p["gbk"]), "--out", out + "b2", "-j", "1"], False, None))
    for name in ("deep.json", "cut.json", "digits.json", "surrogate.json", "other.json", "flag.json",
                 "text_cell.json", "exponent_cell.json", "wide_cell.json", "unknown_row.json",
                 "unknown_col.json"):
        for command in (["check"], ["render", "--to", "md", "--force"], ["fix"]):
            tail = ["-o", out + ".json"] if command == ["fix"] else []
            c.append(("report JSON", [*command, str(p[name]), *tail], True, None))
    for fmt in ("docx", "xlsx", "pdf", "html"):
        c.append(("odd text", ["render", str(p["controls.json"]), "--to", fmt, "--force",
                               "-o", f"{out}.{fmt}"], False, None))
    c.append(("odd text", ["check", str(p["controls.json"]), "--format", "xlsx", "-o", out + "c.xlsx"], False, None))
    for command in (["rules"], ["schema"], ["parse", str(REPORT)], ["parse", str(REPORT), "--format", "csv"]):
        c.append(("full disk", command, True, "/dev/full"))
    c.append(("full disk", ["parse", str(REPORT), "-o", "/dev/full"], True, None))
    for name in ("case_deep.json", "case_binary.json"):
        c.append(("case files", ["cases", "letter", str(p[name]), "--kind", "答复书", "-o", out + ".docx"], True, None))
    c.append(("old workbook", ["cases", "import", str(p["ledger.xls"]), "--agency", "某局", "--dry-run",
                               "--data", str(root / "data")], True, None))
    return c


# What a refusal must say, by the input's name (the right package, the cell).
WORDS = {"ledger.xls": "libreoffice-calc", "text_cell.json": "不是文字", "exponent_cell.json": "不是文字",
         "wide_cell.json": "不是文字", "unknown_row.json": "recieved", "unknown_col.json": "totals"}


def said_wrong(argv: list[str], err: str) -> bool:
    """A refusal that does not name what its input needs (`WORDS`)."""
    return any(Path(a).name in WORDS and WORDS[Path(a).name] not in err for a in argv)


def run(argv: list[str], stdout: str | None, env: dict, timeout: float) -> tuple[int | None, str, str]:
    """(exit status or None for a hang, stderr, stdout when it was not sent to a file)."""
    target = open(stdout, "w") if stdout else subprocess.PIPE
    try:
        done = subprocess.run([sys.executable, "-c", "from zfxxgk.cli import main; main()", *argv],
                              stdout=target, stderr=subprocess.PIPE, env=env, timeout=timeout)
        said = done.stdout.decode("utf-8", "replace") if done.stdout else ""
        return done.returncode, done.stderr.decode("utf-8", "replace"), said
    except subprocess.TimeoutExpired:
        return None, "", ""
    finally:
        if stdout:
            target.close()


def verdict(code: int | None, err: str, said: str, refused: bool) -> str | None:
    """The class of a bad run, or None; `said`: stdout (batch's summary names failures)."""
    if code is None:
        return "hang"
    if "Traceback" in err or "内部错误" in err:
        return "traceback"
    if refused and (code == 0 or not (err + said).strip()):
        return "exit"
    if not refused and code not in (0, 1):
        return "exit"
    # paths, cell codes, a package to install
    shown = re.sub(r"\S*/\S*|\w+(?:\.\w+)+|\b(?:null|true|false)\b|apt-get install|libreoffice-[\w-]+|“[^”]*”|--[\w-]+|\b(?:active|applications|review_litigation)\b", "", err)
    return "english" if ENGLISH.search(shown) else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=str(ROOT / "src"))
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": args.src, "ZFXXGK_SOFFICE": ""}  # as where LibreOffice is not installed
    os.environ["PYTHONPATH"] = args.src
    root = Path(tempfile.mkdtemp(prefix="robust-probe-"))
    try:
        paths = build(root)
        counts: Counter = Counter()
        tried: Counter = Counter()
        for kind, argv, refused, stdout in cases(paths, root):
            tried[kind] += 1
            code, err, said = run(argv, stdout, env, args.timeout)
            bad = verdict(code, err, said, refused) or ("message" if refused and said_wrong(argv, err) else None)
            if bad:
                counts[(kind, bad)] += 1
                line = err.strip().splitlines()[-1][:120] if err.strip() else ""
                print(f"  {bad:9} {kind:14} zfxxgk {' '.join(a[-40:] for a in argv)[:90]}  {line}")
        web_requests(env, root, args.timeout * 10, tried, counts)
        print(f"{sum(tried.values())} runs:")
        for kind in tried:
            found = {b: n for (k, b), n in counts.items() if k == kind}
            print(f"  {kind:14} {tried[kind]:3} runs  " + (", ".join(f"{b} {n}" for b, n in found.items()) or "all clean"))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def web_requests(env: dict, root: Path, timeout: float, tried: Counter, counts: Counter) -> None:
    """The web API's odd requests (robust_web.py), in a process of their own with a
    throw-away data folder; each class counted as `web …`."""
    data = root / "web-data"
    data.mkdir()
    try:
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "robust_web.py")], capture_output=True,
                              env={**env, "ZFXXGK_DATA": str(data)}, timeout=timeout)
    except subprocess.TimeoutExpired:
        tried["web"] += 1
        counts[("web", "hang")] += 1
        return
    lines = [json.loads(x) for x in done.stdout.decode("utf-8", "replace").splitlines() if x.startswith("{")]
    if not lines:
        tried["web"] += 1
        counts[("web", "traceback")] += 1
        print("  traceback web  " + done.stderr.decode("utf-8", "replace").strip()[-300:])
    for r in lines:
        kind = f"web {r['class']}"
        tried[kind] += 1
        if r["bad"]:
            counts[(kind, r["bad"])] += 1
            print(f"  {r['bad']:9} {kind:14} {r['what'][:70]}  {r['status']} {r['said'][:80]}")


if __name__ == "__main__":
    main()
