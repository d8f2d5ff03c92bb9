"""Damaged files: how many make the readers fail in a way a user should never see.

A damaged download, a half-copied attachment or a file a portal's editor mangled
must end in a clear Chinese error (an InputError) or a report; any other exception
is a bug (the CLI calls it 内部错误 and asks for the file). This probe takes the
shared samples' files and our own renderings of their expected JSON (HTML, DOCX,
XLSX, Markdown; OFD by the tests' writer, tests/ingest/ofd_files.py), damages each at random (truncated, bytes changed, a stretch cut or
doubled, a ZIP member's XML cut or garbled, a member dropped, lines swapped), reads
it in this process without OCR, checks and serialises the report, and counts:

  bugs   exceptions other than InputError, by type and the line that raised them
  slow   cases over 10 s (a loop that never ends shows here: the alarm stops it at 30 s)

One example of each bug is written to --out for a test to start from. A probe, not
a test. Run: `PYTHONPATH=src python3 bench/fuzz_probe.py [-n 3000] [--seed 1] [--out DIR]`.
"""

from __future__ import annotations

import argparse
import io
import logging
import random
import signal
import sys
import time
import traceback
import warnings
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from zfxxgk import check  # noqa: E402
from zfxxgk.api import report_from_bytes  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402
from zfxxgk.model import Report  # noqa: E402
from zfxxgk.render import render  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"


def seed_files() -> dict[str, bytes]:
    """Name -> bytes of every file the damage starts from."""
    files = {p.name: p.read_bytes() for folder in ("real", "seeds")
             for p in sorted((SAMPLES / folder).iterdir())}
    expected = sorted((SAMPLES / "real-expected").glob("*.json"))[:2]
    expected += sorted((SAMPLES / "seeds-expected").glob("*.json"))[:2]
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ingest")]
    from ofd_files import report_ofd  # no OFD tool is installed: the tests' writer

    for path in expected:
        report = Report.model_validate_json(path.read_bytes())
        for fmt in ("html", "docx", "xlsx", "md"):
            out = render(report, fmt)
            files[f"{path.stem}.{fmt}"] = out.encode() if isinstance(out, str) else out
        files[f"{path.stem}.ofd"] = report_ofd(report)
    return files


def _span(rng: random.Random, size: int, longest: int) -> tuple[int, int]:
    start = rng.randrange(size)
    return start, min(size, start + rng.randint(1, longest))


def damage_bytes(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:  # truncated
        return data[:rng.randrange(1, len(data))]
    if kind == 1:  # bytes changed
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    i, j = _span(rng, len(data), 2000)
    return data[:i] + data[j:] if kind == 2 else data[:j] + data[i:j] + data[j:]


def damage_member(data: bytes, rng: random.Random) -> bytes:
    """A ZIP document rewritten with one member's XML cut or garbled, and now and
    then a member left out (as an editor or a converter breaks a package)."""
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        names = old.namelist()
        victim = rng.choice(names)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for name in names:
                body = bytearray(old.read(name))
                if name == victim and body:
                    if rng.random() < .5:
                        i, j = _span(rng, len(body), 300)
                        del body[i:j]
                    else:
                        for _ in range(rng.randint(1, 5)):
                            body[rng.randrange(len(body))] = rng.choice(b'<>/"=&0123456789 ')
                if rng.random() >= .02:
                    new.writestr(name, bytes(body))
    return out.getvalue()


def damage_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.decode("utf-8").splitlines(True)
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        del lines[rng.randrange(len(lines))]
    return "".join(lines).encode("utf-8")


def damage(data: bytes, rng: random.Random) -> bytes:
    if data[:2] == b"PK" and rng.random() < .3:
        return damage_member(data, rng)
    if data[:4] != b"%PDF" and data[:2] != b"PK" and rng.random() < .2:
        try:
            return damage_lines(data, rng)
        except UnicodeDecodeError:
            pass
    return damage_bytes(data, rng)


class Slow(Exception):
    pass


def _alarm(*_):
    raise Slow()


def read(data: bytes, name: str) -> None:
    report = report_from_bytes(data, source=name, options={"ocr": False})
    check.run(report)
    report.model_dump_json()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/zfxxgk-fuzz")
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)  # pdfminer's and openpyxl's complaints about the damage
    warnings.simplefilter("ignore")
    signal.signal(signal.SIGALRM, _alarm)
    files, rng = seed_files(), random.Random(args.seed)
    names = sorted(files)
    bugs: Counter[str] = Counter()
    slow: list[tuple[str, float]] = []
    Path(args.out).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for _ in range(args.n):
        name = rng.choice(names)
        data = damage(files[name], rng)
        signal.alarm(30)
        began = time.perf_counter()
        try:
            read(data, name)
        except (ZfxxgkError, Slow):
            pass
        except Exception as e:  # the thing counted: any other failure is a bug
            last = traceback.extract_tb(e.__traceback__)[-1]
            key = f"{type(e).__name__} at {last.filename.rsplit('site-packages/', 1)[-1]}:{last.lineno}"
            if key not in bugs:
                Path(args.out, f"bug-{len(bugs) + 1}-{name}").write_bytes(data)
                print(f"{key}: {name}: {str(e)[:160]}")
            bugs[key] += 1
        finally:
            signal.alarm(0)
        seconds = time.perf_counter() - began
        if seconds > 10:
            slow.append((name, round(seconds, 1)))
    print(f"{args.n} damaged files in {time.perf_counter() - started:.0f} s: "
          f"{sum(bugs.values())} bugs of {len(bugs)} kinds, {len(slow)} slow {slow[:5]}")
    for key, n in bugs.most_common():
        print(f"  {n:5d}  {key}")


if __name__ == "__main__":
    main()
