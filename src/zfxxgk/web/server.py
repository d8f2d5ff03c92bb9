"""`zfxxgk serve`: the web application, ready on first start.

An office runs this on one machine with nothing installed but zfxxgk: the data
folder is created, migrations applied, an administrator made (its password
printed once, never stored in clear) and, with --examples, sample reports loaded.
One process runs under waitress (pure Python, on Windows as on Linux); with
--workers N, gunicorn runs N processes of gthread workers. Django is imported only
when the command runs, so the rest of the CLI does not pay for it.
"""

from __future__ import annotations

import os
import secrets
import socket
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
    """启动网页版：上传核查、批量核查、修改、审核发布、统计和 JSON API。

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
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    if workers > 1 and not hasattr(os, "fork"):
        click.echo("这个系统不支持多进程，只用一个进程。", err=True)
        workers = 1
    try:  # bound here: a port in use is one Chinese line, not a traceback
        sock = bind(host, port)
    except OSError as e:
        raise click.ClickException(f"无法监听 {host}:{port}：{e.strerror or e}"
                                   "（端口可能已被占用，可用 --port 换一个）") from None
    click.echo(f"数据文件夹：{folder}")
    many = f"{workers} 个进程；" if workers > 1 else ""
    click.echo(f"打开浏览器访问 http://{shown}:{port}/ （{many}按 Ctrl+C 停止）")
    if workers == 1:
        _serve_waitress(sock, threads)
    else:
        _serve_gunicorn(sock, workers, threads)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows it would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def _serve_waitress(sock: socket.socket, threads: int) -> None:
    """One process: waitress (pure Python, runs on Windows too)."""
    from waitress import create_server

    from .reports import worker
    from .wsgi import application

    sock.setblocking(False)
    server = create_server(application, sockets=[sock], threads=threads, ident="zfxxgk")
    worker.ensure_started()  # batches queued or left unfinished by a stopped server
    try:
        server.run()
    except KeyboardInterrupt:
        pass


def _serve_gunicorn(sock: socket.socket, workers: int, threads: int) -> None:
    """N processes: gunicorn's arbiter with gthread workers on the socket bound
    above. It starts a new worker when one dies; Ctrl+C or SIGTERM stops them all."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from .wsgi import application

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": [f"fd://{sock.fileno()}"], "workers": workers,
                               "threads": threads, "worker_class": "gthread",
                               "loglevel": "warning", "proc_name": "zfxxgk",
                               # no database connection is shared across a fork
                               "pre_fork": lambda arbiter, w: connections.close_all(),
                               }.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Application().run()
