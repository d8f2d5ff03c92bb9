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
import signal
import socket
import subprocess
import sys
import threading
import time
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
              help="监听的地址；0.0.0.0 允许本机以外的电脑访问（网页版只应答本机的名称和地址；"
                   "别的电脑用其他名称访问时，把名称写进环境变量 ZFXXGK_ALLOWED_HOSTS，逗号分隔）。")
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
    from .hosts import for_bind

    # The names this server answers to (the settings read it at start): the local ones
    # and the address it listens on, unless ZFXXGK_ALLOWED_HOSTS says otherwise.
    os.environ.setdefault("ZFXXGK_ALLOWED_HOSTS", ",".join(for_bind(host)))
    folder = prepare(data)
    _stacks_on_request()
    _sweep_leftovers()
    from django.core.cache import caches

    caches["shared"].clear()  # sessions and permissions are read again from the database
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
    arbiter, batches = os.getpid(), BatchWorker()
    try:
        if workers == 1:
            _serve_waitress(sock, threads)
        else:
            _serve_gunicorn(sock, workers, threads)
    finally:
        if os.getpid() == arbiter:  # a web worker leaving gunicorn's fork passes here too
            batches.stop()


def _sweep_leftovers() -> None:
    """Files a server killed mid-upload left that no row names (reports/leftovers.py):
    removed before serving, each logged, so that no backup carries them."""
    from .reports.leftovers import sweep

    removed = sweep()
    if removed:
        click.echo(f"已删除 {len(removed)} 个没有任何报告引用的遗留文件（上传中途被终止留下的）。")


def _stacks_on_request() -> None:
    """`kill -USR2 PID` writes every thread's stack to standard error: how an
    administrator (or a test) sees where a server that does not stop is waiting."""
    import faulthandler

    if hasattr(signal, "SIGUSR2"):
        faulthandler.register(signal.SIGUSR2, all_threads=True)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows it would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)

    sock.bind((host, port))
    sock.listen(1024)
    return sock


def settle() -> None:
    """The loaded program (Django, its URL patterns and templates, the parser's tables:
    some 120 000 objects that live as long as the process) taken out of the garbage
    collector's rounds (gc.freeze): each collection walked them again, a fifth of a
    report page's CPU. Called before forking too, so workers share those pages."""
    import gc

    gc.collect()
    gc.freeze()


def _serve_waitress(sock: socket.socket, threads: int) -> None:
    """One process: waitress (pure Python, runs on Windows too)."""
    from waitress import create_server

    from .wsgi import application

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM stops as Ctrl+C does
    sock.setblocking(False)
    from django.conf import settings

    # waitress would otherwise buffer up to 1 GB per request to disk before Django sees it.
    server = create_server(application, sockets=[sock], threads=threads, ident="zfxxgk",
                           max_request_body_size=settings.REQUEST_MAX_BYTES)
    settle()
    try:
        server.run()
    except KeyboardInterrupt:
        pass


# Workers sharing one listening socket keep the connections they accepted: a burst
# of new connections (50 readers) mostly lands in whichever worker is idle at that
# moment (44 of 50 were seen), and its readers wait while the other has little to
# do. On Linux each worker listens on its own socket on the same port
# (SO_REUSEPORT, gunicorn's reuse_port) and the kernel spreads new connections.
SPREAD = hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")


def _serve_gunicorn(sock: socket.socket, workers: int, threads: int) -> None:
    """N processes: gunicorn's arbiter with gthread workers on the port bound
    above. It starts a new worker when one dies; Ctrl+C or SIGTERM stops them all."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from .wsgi import application

    if SPREAD:  # each worker binds its own socket (gunicorn's reuse_port)
        host, port = sock.getsockname()[:2]
        bind_to = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        sock.close()
    else:
        bind_to = f"fd://{sock.fileno()}"

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": [bind_to], "workers": workers,
                               "threads": threads, "worker_class": "zfxxgk.web.slowclients.Worker",
                               "loglevel": "warning", "proc_name": "zfxxgk",
                               # no database connection is shared across a fork
                               "pre_fork": lambda arbiter, w: (connections.close_all(), settle()),
                               "post_worker_init": lambda w: settle(),
                               "reuse_port": SPREAD}.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Application().run()


class BatchWorker:
    """The `zfxxgk worker` process of a `zfxxgk serve`: started with it, started
    again if it dies (unless it keeps dying at once), stopped with it."""

    QUICK_S, QUICK_DEATHS = 5.0, 5

    def __init__(self) -> None:
        self.stopping = False
        self.process = self._start()
        threading.Thread(target=self._watch, name="zfxxgk-batch-worker", daemon=True).start()

    def _start(self) -> subprocess.Popen:
        from django.conf import settings

        return subprocess.Popen([sys.executable, "-m", "zfxxgk", "worker",
                                 "--data", str(settings.DATA_DIR), "--parent", str(os.getpid())])

    def _watch(self) -> None:
        quick = 0
        while not self.stopping:
            started = time.monotonic()
            self.process.wait()
            if self.stopping:
                return
            quick = quick + 1 if time.monotonic() - started < self.QUICK_S else 0
            if quick >= self.QUICK_DEATHS:
                click.echo("批量核查的后台进程反复退出，不再启动（批量核查暂停，网页照常）", err=True)
                return
            click.echo("批量核查的后台进程意外退出，重新启动", err=True)
            time.sleep(1.0)
            self.process = self._start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask it to stop after the file it is reading; kill it if it does not."""
        self.stopping = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()


@click.command()
@click.option("--data", "data", metavar="DIR", default=None,
              help="数据文件夹，同 zfxxgk serve --data。")
@click.option("--parent", type=int, default=None, hidden=True,
              help="启动它的 zfxxgk serve 的进程号：那个进程不在了就停止。")
def worker(data: str | None, parent: int | None) -> None:
    """批量核查的后台进程：逐个读取、核查上传的批量文件。

    zfxxgk serve 会自动启动它，一般不必单独运行。

    中途被终止的批量核查在它下次启动时接着处理，已保存的报告不会重复保存。

    Ctrl+C 或 SIGTERM 在读完当前文件后停止。
    """
    prepare(data)
    from .reports.worker import Worker

    runner = Worker()
    signal.signal(signal.SIGTERM, runner.stop)
    signal.signal(signal.SIGINT, runner.stop)
    if parent:
        def orphaned() -> None:  # serve was killed: do not run on alone
            while runner.running:
                if os.getppid() != parent:
                    runner.stop()
                time.sleep(1.0)

        threading.Thread(target=orphaned, daemon=True).start()
    runner.run()
