"""`zfxxgk users`: accounts of the web application from the command line, for
scripted set-up and for tests. Works on the data folder of a running server
(SQLite in WAL mode, or the DATABASE_URL database)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import refusals
from .compile import data_option, open_store

ROLE_CHOICES = click.Choice(["管理员", "审核员", "录入员", "只读"])
password_option = click.option(
    "--password-stdin", is_flag=True, default=False,
    help="从标准输入读取密码（一行），不出现在命令行和历史记录里。")


def _password() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException("标准输入里没有密码")
    return line


def _echo(a) -> None:
    roles = "、".join(a.roles) or "无角色"
    scope = a.agency or (f"地区：{a.region}" if a.region else "（未分配机关）")
    flags = ("" if a.active else "  已停用") + ("  超级用户" if a.superuser else "")
    click.echo(f"{a.name}\t{roles}\t{scope}{flags}")


@click.group()
def users() -> None:
    """网页版的账号：建立、列出、修改、删除，解除登录锁定。

    \b
    例：echo '密码' | zfxxgk users add 张三 --role 录入员 --agency 望湖街道办事处 --data 年报数据 --password-stdin
        zfxxgk users list --data 年报数据
        zfxxgk users unlock 张三 --data 年报数据
    """


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=ROLE_CHOICES, help="角色。")
@click.option("--agency", default=None, help="所属机关（名称）；系统里还没有的机关会建立并归入机关树。")
@click.option("--region", default=None, help="审核员、只读用户负责的地区（如 洪泽区）。")
@data_option()
@password_option
def add(name: str, role: str, agency: str | None, region: str | None, data: Path | None,
        password_stdin: bool) -> None:
    """建立账号（密码至少 8 位，不能过于常见或全是数字）。"""
    if not password_stdin:
        raise click.UsageError("请用 --password-stdin 从标准输入提供密码")
    password = _password()
    open_store(data)
    from ..web.accounts import manage

    with refusals(manage.AccountError):
        account = manage.add_user(name, role, password, agency, region)
    click.echo(f"已建立用户 {account.name}（{role}，{account.agency or account.region or '未分配机关'}）")


@users.command("list")
@data_option()
def list_users(data: Path | None) -> None:
    """列出账号（用户名、角色、所属机关）；最后列出尚未分配机关的用户。"""
    open_store(data)
    from ..web.accounts import manage

    accounts = manage.accounts()
    for a in accounts:
        _echo(a)
    waiting = [a.name for a in accounts if a.unassigned]
    if waiting:
        click.echo(f"尚未分配机关（可看到全部数据，请用 zfxxgk users set 指定 --agency 或 --region）："
                   f"{'、'.join(waiting)}")


@users.command("set")
@click.argument("name")
@click.option("--role", default=None, type=ROLE_CHOICES, help="新的角色。")
@click.option("--agency", default=None, help="所属机关（空字符串为取消）。")
@click.option("--region", default=None, help="负责的地区（空字符串为取消）。")
@click.option("--active/--inactive", default=None, help="启用或停用账号。")
@data_option()
@password_option
def set_cmd(name: str, role: str | None, agency: str | None, region: str | None,
            active: bool | None, data: Path | None, password_stdin: bool) -> None:
    """修改账号的角色、所属机关、地区、密码或启用状态。"""
    password = _password() if password_stdin else None
    open_store(data)
    from ..web.accounts import manage

    with refusals(manage.AccountError):
        account = manage.set_user(name, role, password, agency, region, active)
    _echo(account)


@users.command("remove")
@click.argument("name")
@data_option()
def remove(name: str, data: Path | None) -> None:
    """删除账号（操作记录保留）。"""
    open_store(data)
    from ..web.accounts import manage

    with refusals(manage.AccountError):
        manage.remove_user(name)
    click.echo(f"已删除用户 {name}")


@users.command("unlock")
@click.argument("name", required=False)
@click.option("--address", default=None, metavar="地址",
              help="地址（IP）。与账号名同用：只解除这个账号在这个地址的锁定；单独使用：解除这个地址的锁定"
                   "（15 分钟内从这个地址各账号合计输错 30 次），清除从这个地址输错的全部记录。")
@data_option()
def unlock(name: str | None, address: str | None, data: Path | None) -> None:
    """提前解除登录锁定（不必等 15 分钟）：一个账号，或一个地址。

    输错密码而被锁定的账号写账号名（名字）；从一个地址各账号合计输错过多而被锁定的地址用 --address。

    \b
    例：zfxxgk users unlock 张三 --data 年报数据
        zfxxgk users unlock --address 10.0.0.5 --data 年报数据
    """
    name = (name or "").strip() or None
    if name is None and address is None:
        raise click.UsageError("请写出要解除锁定的账号名，或用 --address 指定地址")
    if address is not None:
        address = _address(address)
    open_store(data)
    from axes.utils import reset

    # never both empty: axes' reset with neither clears every record
    cleared = reset(ip=address, username=name)  # both: only that pair's attempts
    if name:
        click.echo(f"已解除 {name} 的登录锁定" + (f"（地址 {address}）" if address else ""))
    elif cleared:
        click.echo(f"已解除地址 {address} 的登录锁定（清除了该地址上 {cleared} 个账号名的输错记录）")
    else:
        click.echo(f"地址 {address} 没有输错密码的记录，无需解除")


def _address(text: str) -> str:
    """The address in the form the login records hold it (the server's REMOTE_ADDR:
    the socket's canonical spelling, e.g. 2001:db8::1 compressed); a typo is refused
    rather than answered "nothing to clear"."""
    import ipaddress

    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise click.UsageError(f"“{text}”不是有效的 IP 地址（如 10.0.0.5 或 2001:db8::1）") from None
