"""`zfxxgk cases import-json`: case and register JSON files into a data folder's
database, all or nothing. JSON is an exchange format; the database is the store."""

from __future__ import annotations

from pathlib import Path

import click

from ..cases.registers import RegisterError, Registers, load
from . import refusals
from .compile import data_option, load_cases, open_store


@click.command(name="import-json")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@data_option()
@click.option("--replace", is_flag=True, default=False,
              help="数据库里已有同一机关、同一编号的案件或登记时用文件覆盖（默认拒绝导入）。")
def import_json(folder: Path, data: Path | None, replace: bool) -> None:
    """把 JSON 案件和登记导入数据文件夹的数据库：文件夹/cases/*.json 为案件，文件夹/registers/*.json
    为表二、表四登记（没有这两个子文件夹时，文件夹/*.json 都按案件读取）。全部导入或全部不导入。

    例：zfxxgk cases import-json 旧数据 --data 数据
    """
    case_dir = folder / "cases" if (folder / "cases").is_dir() else folder
    if (folder / "registers").is_dir() and not (folder / "cases").is_dir():
        case_dir = None  # registers only
    cases = load_cases(case_dir) if case_dir is not None else []
    with refusals(RegisterError):
        regs = load((folder / "registers").glob("*.json")) if (folder / "registers").is_dir() \
            else Registers()
    if not cases and not regs.litigation and not regs.active:
        raise click.ClickException(f"{folder} 里没有可导入的案件或登记")

    open_store(data)
    from ..web.cases import store
    from ..web.cases.exchange import import_exchange

    with refusals(store.StoreError, suffix="；没有导入任何数据"):
        import_exchange(cases, regs, replace)
    click.echo(f"已导入案件{len(cases)}件、复议诉讼登记{len(regs.litigation)}件、"
               f"表二登记{len(regs.active)}份。", err=True)
