"""The data folder is private to the account that runs zfxxgk.

It holds live session keys (the SQLite database), the secret key, the key sealing
applicants' personal data and the uploaded originals; on a shared machine any other
local user could read them if they were created with the usual 0644. So the folder
is 0700, everything in it 0600, and the process's umask keeps new files that way
(SQLite's WAL and journal files, uploads, imports, backups written inside it).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600


def make_private(folder: Path) -> Path:
    """Create `folder` 0700 (or tighten an existing one, upgrading old folders in
    place), set this process's umask to 077 and tighten what the folder holds."""
    os.umask(PRIVATE_UMASK)
    folder = Path(folder)
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(folder, DIR_MODE)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            _tighten(Path(root) / name, DIR_MODE)
        for name in files:
            _tighten(Path(root) / name, FILE_MODE)
    return folder


def _tighten(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
        if not stat.S_ISLNK(st.st_mode) and st.st_mode & 0o077:
            os.chmod(path, mode)
    except OSError:  # not ours (a shared mount), or gone meanwhile: leave it
        pass


def open_private(path: Path):
    """A binary file opened for writing, created 0600 whatever the umask (backups
    are often written outside the data folder, still holding its keys)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "wb")
