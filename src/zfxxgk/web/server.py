"""`zfxxgk serve`: the web application under waitress, ready on first start.

An office runs this on one machine with nothing installed but zfxxgk: the data
folder is created, migrations applied, an administrator made (its password
printed once, never stored in clear) and, with --examples, sample reports loaded.
waitress is pure Python and runs on Windows as on Linux. Django is imported only
when the command runs, so the rest of the CLI does not pay for it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import click

ADMIN_NAME = "admin"


def prepare(data: str | os.PathLike[str] | None = None) -> Path:
    """Point the settings at the data folder, set Django up and migrate.
    Returns the data folder."""
    if data is not None:
        os.environ["ZFXXGK_DATA"] = str(Path(data).resolve())
    from . import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command

    from .datafolder import make_private

    make_private(Path(settings.DATA_DIR))  # 0700, files 0600, umask 077 from here on
    call_command("migrate", interactive=False, verbosity=0)
    return Path(settings.DATA_DIR)


def ensure_admin() -> str | None:
    """Create the administrator if no one can administer yet; the new password, or None."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .accounts.roles import ADMIN

    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    user = User.objects.create_superuser(ADMIN_NAME, email="", password=password)
    user.groups.add(Group.objects.get(name=ADMIN))
    return password


def load_examples(folder: Path) -> int:
    """Load the report files of a folder (once: nothing is loaded into a database
    that already has reports). Returns how many were stored."""
    from .reports.models import Report
    from .reports.services import ServiceError, create_report

    if Report.objects.exists() or not folder.is_dir():
        return 0
    stored = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.lower() == "readme.md":
            continue
        try:
            create_report(path.read_bytes(), path.name, None)
            stored += 1
        except ServiceError as e:
            click.echo(f"跳过 {path.name}：{e.message}", err=True)
    return stored


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听的地址；0.0.0.0 允许本机以外的电脑访问。")
@click.option("--port", default=8000, show_default=True, type=int, help="监听的端口。")
@click.option("--data", "data", metavar="DIR", default=None,
              help="数据文件夹（数据库、上传的原文件、密钥），默认为环境变量 ZFXXGK_DATA 或当前目录下的 zfxxgk-data。")
@click.option("--examples", metavar="DIR", default=None,
              help="首次启动时载入这个文件夹里的报告（例如仓库的 examples/）。")
@click.option("--threads", default=8, show_default=True, type=int,
              help="每个进程处理请求的线程数。")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="处理请求的进程数（多核电脑上读者多时可设为核数；Windows 上总是 1）。")
def serve(host: str, port: int, data: str | None, examples: str | None, threads: int,
          workers: int) -> None:
    """启动网页版（waitress）：上传核查、批量核查、修改、审核发布、统计和 JSON API。

    首次启动时建立数据文件夹和数据库，并创建管理员账号 admin，密码只显示这一次。
    设置环境变量 DATABASE_URL=postgresql://… 可改用 PostgreSQL。

    \b
    例：zfxxgk serve
        zfxxgk serve --host 0.0.0.0 --port 8080 --data D:\\年报系统
    """
    folder = prepare(data)
    password = ensure_admin()
    if password:
        click.echo(f"已创建管理员账号：{ADMIN_NAME}  密码：{password}")
        click.echo("（密码只显示这一次，请登录后在“管理后台”修改。）")
    if examples:
        n = load_examples(Path(examples))
        if n:
            click.echo(f"已载入 {n} 份示例报告。")
    from . import prefork
    from .reports import worker
    from .wsgi import application

    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    if workers > 1 and not prefork.can_fork():
        click.echo("这个系统不支持多进程，只用一个进程。", err=True)
        workers = 1
    if workers == 1:
        from waitress import create_server

        try:  # binds here: a port in use is one Chinese line, not a traceback
            server = create_server(application, host=host, port=port, threads=threads,
                                   ident="zfxxgk")
        except OSError as e:
            raise click.ClickException(f"无法监听 {host}:{port}：{e.strerror or e}"
                                       "（端口可能已被占用，可用 --port 换一个）") from None
        worker.ensure_started()  # batches queued or left unfinished by a stopped server
        click.echo(f"数据文件夹：{folder}")
        click.echo(f"打开浏览器访问 http://{shown}:{port}/ （按 Ctrl+C 停止）")
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        return
    try:
        sock = prefork.bind(host, port)
    except OSError as e:
        raise click.ClickException(f"无法监听 {host}:{port}：{e.strerror or e}"
                                   "（端口可能已被占用，可用 --port 换一个）") from None
    click.echo(f"数据文件夹：{folder}")
    click.echo(f"打开浏览器访问 http://{shown}:{port}/ （{workers} 个进程；按 Ctrl+C 停止）")
    code = _serve_workers(sock, workers, threads)
    if code:
        raise SystemExit(code)


def _serve_workers(sock, workers: int, threads: int) -> int:
    from django.db import connections
    from waitress import create_server

    from . import prefork
    from .reports import worker
    from .wsgi import application

    def run(sock, balance) -> None:
        """In each worker: its own batch thread (threads do not survive a fork, and
        the parent, which forks, must have none), then waitress until stopped."""
        batches = worker.ensure_started()
        try:
            server = create_server(application, sockets=[sock], threads=threads, ident="zfxxgk")
            balance(server)
            server.run()
        finally:
            if batches is not None:
                batches.stop(2.0)

    # Each worker opens its own database connections: none is shared across a fork.
    return prefork.serve_forked(run, sock, workers, before_fork=connections.close_all)
