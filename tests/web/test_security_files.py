"""Issue 14, finding 7: the data folder (database with live session keys, secret and
personal-data keys, uploaded originals) and the backup are private to the account
that runs zfxxgk: folder 0700, files 0600, whatever the caller's umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_folder_files_and_backup_are_private(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for name in ("ZFXXGK_DATA", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    data, archive = tmp_path / "data", tmp_path / "out" / "b.zip"
    seed = ("import os, pathlib, sys; os.umask(0o022); "
            "from zfxxgk.web.server import prepare, ensure_admin, load_examples; "
            "prepare(sys.argv[1]); ensure_admin(); load_examples(pathlib.Path(sys.argv[2]))")
    done = subprocess.run([sys.executable, "-c", seed, str(data), str(ROOT / "examples")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-c", "import os; os.umask(0o022); "
                           "from zfxxgk.cli import main; main()",
                           "backup", "--data", str(data), "-o", str(archive)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {"zfxxgk.sqlite3", "secret_key", "personal_key"} <= {p.name for p in files}
    assert any(p.parent.parent.name == "sources" for p in files)  # an uploaded original
    assert {p.relative_to(data).as_posix(): oct(_mode(p)) for p in files
            if _mode(p) != 0o600} == {}
    assert [p for p in data.rglob("*") if p.is_dir() and _mode(p) != 0o700] == []
    assert _mode(archive) == 0o600


def test_an_old_data_folder_is_tightened_in_place(tmp_path):
    from zfxxgk.web.datafolder import make_private

    old = tmp_path / "old"
    (old / "files" / "sources").mkdir(parents=True)
    (old / "zfxxgk.sqlite3").write_bytes(b"x")
    (old / "files" / "sources" / "a.txt").write_bytes(b"x")
    for p in (old, old / "files", old / "files" / "sources"):
        os.chmod(p, 0o755)
    for p in (old / "zfxxgk.sqlite3", old / "files" / "sources" / "a.txt"):
        os.chmod(p, 0o644)
    mask = os.umask(0o022)
    try:
        make_private(old)
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(mask)
    assert [oct(_mode(p)) for p in (old, old / "files", old / "files" / "sources")] == ["0o700"] * 3
    assert _mode(old / "zfxxgk.sqlite3") == _mode(old / "files" / "sources" / "a.txt") == 0o600
