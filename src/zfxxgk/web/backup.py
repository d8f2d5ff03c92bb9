"""`zfxxgk backup` and `zfxxgk restore`: the web application's data as one archive.

The archive is a zip file:

- ``manifest.json``: format, database engine, when it was made, counts;
- ``database.sqlite3`` (SQLite: a consistent copy made with SQLite's online backup
  API, while the server may keep running) or ``database.json`` (PostgreSQL: Django's
  dumpdata inside one REPEATABLE READ transaction, so one snapshot);
- ``files/…``: the uploaded source files (MEDIA_ROOT);
- ``secret_key``: so that logins survive a restore;
- ``personal_key``: the key sealing applicants' personal data (without it the
  restored identity numbers and contacts could not be read).

The database is copied before the files: every file the copy refers to already
exists (files are only ever added). The archive is written under a temporary name
and renamed at the end, so a killed backup never leaves a half archive behind.
Restoring writes the files into a new folder that replaces the old one by a rename,
then the database in one transaction (SQLite's backup API into the open database;
PostgreSQL: flush and loaddata in one transaction): a killed restore leaves the old
data or the new, and running it again finishes it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import click
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from .datafolder import open_private
from .server import prepare

FORMAT = "zfxxgk.backup/1"
KEY_FILES = ("secret_key", "personal_key")


class BackupError(click.ClickException):
    """A message for the user (Chinese): the command prints it and exits 1."""


def make_backup(out: Path, data_dir: Path | None = None) -> dict:
    """Write a backup of the configured database and files to `out`; the manifest."""
    out = Path(out)
    data_dir = Path(data_dir or settings.DATA_DIR)
    media = Path(settings.MEDIA_ROOT)
    engine = connection.vendor  # "sqlite" or "postgresql"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zfxxgk-backup-") as tmp:
        if engine == "sqlite":
            db_name, db_path = "database.sqlite3", Path(tmp) / "database.sqlite3"
            connection.ensure_connection()
            with closing(sqlite3.connect(db_path)) as target:
                connection.connection.backup(target)  # one consistent snapshot
        elif engine == "postgresql":
            db_name, db_path = "database.json", Path(tmp) / "database.json"
            outer = connection.in_atomic_block
            with transaction.atomic():
                if not outer:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                call_command("dumpdata", format="zfxxgk_json", output=str(db_path),
                             verbosity=0)
        else:
            raise BackupError(f"不支持备份这种数据库：{engine}")
        manifest = {"format": FORMAT, "engine": engine, "database": db_name,
                    "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "files": 0}
        partial = out.with_name(out.name + ".partial")
        # 0600: the archive holds the secret key, the personal-data key and the database.
        with open_private(partial) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(db_path, db_name)
            if media.is_dir():
                for path in sorted(media.rglob("*")):
                    if path.is_file():
                        z.write(path, "files/" + path.relative_to(media).as_posix())
                        manifest["files"] += 1
            for name in KEY_FILES:
                if (data_dir / name).is_file():
                    z.write(data_dir / name, name)
            z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, out)
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with zipfile.ZipFile(archive) as z:
            manifest = json.loads(z.read("manifest.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise BackupError(f"{archive} 不是 zfxxgk 备份文件：{e}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} 的格式 {manifest.get('format')!r} 无法识别（应为 {FORMAT}）")
    return manifest


def database_in_use() -> bool:
    """True if the configured database holds reports or accounts."""
    from django.contrib.auth import get_user_model

    from .reports.models import Report

    return Report.objects.exists() or get_user_model().objects.exists()


def _safe_members(z: zipfile.ZipFile, prefix: str) -> list[tuple[zipfile.ZipInfo, Path]]:
    members = []
    for info in z.infolist():
        if not info.filename.startswith(prefix) or info.is_dir():
            continue
        rel = Path(info.filename[len(prefix):])
        if rel.is_absolute() or ".." in rel.parts:
            raise BackupError(f"备份文件里有不安全的路径：{info.filename}")
        members.append((info, rel))
    return members


def restore_backup(archive: Path, data_dir: Path | None = None) -> dict:
    """Replace the configured database and files with the archive's; the manifest.
    The caller checks first that nothing is overwritten by mistake."""
    archive = Path(archive)
    manifest = read_manifest(archive)
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise BackupError(f"备份来自 {manifest['engine']} 数据库，当前使用的是 {engine}，"
                          "请在同一种数据库上恢复")
    data_dir = Path(data_dir or settings.DATA_DIR)
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive) as z, tempfile.TemporaryDirectory(prefix="zfxxgk-restore-") as tmp:
        # 1. Files: into a new folder beside the old one, then swapped in by renames.
        fresh = Path(tempfile.mkdtemp(prefix=".files-restore-", dir=media.parent))
        for info, rel in _safe_members(z, "files/"):
            target = fresh / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
        old = None
        if media.exists():
            old = media.with_name(f".files-old-{os.getpid()}")
            os.replace(media, old)
        os.replace(fresh, media)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        # 2. The keys: sessions made before the backup stay valid, sealed personal
        # data stays readable.
        for name in KEY_FILES:
            if name not in z.namelist():
                continue
            data_dir.mkdir(parents=True, exist_ok=True)
            key = data_dir / name
            partial = key.with_name(name + ".partial")
            with open_private(partial) as f:
                f.write(z.read(name))
            os.replace(partial, key)
        # 3. The database, in one transaction.
        db_path = Path(tmp) / manifest["database"]
        with z.open(manifest["database"]) as src, open(db_path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        if engine == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(db_path)) as source:
                source.backup(connection.connection)  # all pages in one step: atomic
        else:
            load_dump(db_path)
    # A backup made by an older version: bring its tables up to date.
    call_command("migrate", interactive=False, verbosity=0)
    return manifest


def load_dump(path: Path) -> None:
    """A PostgreSQL backup's rows (dumpdata's JSON) in place of the database's, in one
    transaction. A backup of an older version may name a field since removed (the
    report's dashboard summary, in its own table since migration 0011): ignored, and
    made again from the report (summary.fresh)."""
    with transaction.atomic():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(path), ignorenonexistent=True, verbosity=0)


@click.command()
@click.option("--data", "data", metavar="DIR", default=None,
              help="数据文件夹（同 zfxxgk serve --data），默认为环境变量 ZFXXGK_DATA 或当前目录下的 zfxxgk-data。")
@click.option("-o", "--output", "output", metavar="FILE", required=True,
              help="备份文件（zip），例如 年报备份-2025-01-31.zip。")
def backup(data: str | None, output: str) -> None:
    """备份网页版的数据：数据库和上传的原文件写成一个备份文件（zip）。

    网页版运行时也可以备份：数据库取同一时刻的快照（SQLite 用在线备份，PostgreSQL
    在一个事务里导出），备份文件写完才改成指定的文件名，中途中断不会留下残缺的备份。

    \b
    例：zfxxgk backup --data 年报数据 -o 年报备份.zip
    """
    prepare(data)
    manifest = make_backup(Path(output))
    click.echo(f"已备份到 {output}（{manifest['engine']} 数据库，{manifest['files']} 个原文件）")


@click.command()
@click.argument("archive", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--data", "data", metavar="DIR", default=None,
              help="恢复到的数据文件夹，默认为环境变量 ZFXXGK_DATA 或当前目录下的 zfxxgk-data。")
@click.option("--force", is_flag=True, default=False,
              help="数据文件夹或数据库里已有数据时也恢复（原有数据会被备份里的数据替换）。")
def restore(archive: str, data: str | None, force: bool) -> None:
    """由备份文件恢复网页版的数据（数据库和上传的原文件）。

    数据文件夹已有内容、或数据库里已有报告和账号时，不加 --force 就拒绝恢复，以免覆盖。
    恢复在一个事务里写入数据库，中途中断时原有数据不受影响，重新执行即可。

    \b
    例：zfxxgk restore 年报备份.zip --data 新的数据文件夹
    """
    read_manifest(Path(archive))
    folder = Path(data or os.environ.get("ZFXXGK_DATA") or Path.cwd() / "zfxxgk-data").resolve()
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise click.ClickException(f"数据文件夹 {folder} 不是空的，恢复会覆盖其中的数据；"
                                   "确认要覆盖请加 --force")
    prepare(folder)
    if not force and database_in_use():
        raise click.ClickException("数据库里已有报告或账号，恢复会覆盖它们；确认要覆盖请加 --force")
    manifest = restore_backup(Path(archive), folder)
    click.echo(f"已由 {archive} 恢复（{manifest['files']} 个原文件，备份时间 {manifest['created']}）")
