"""click's own messages in Chinese: usage errors (`缺少选项 '--agency'`), the `用法：`
line, help headings. click marks its texts for gettext but ships no Chinese
catalogue, so the translations are a table here and `install()` points the `_` and
`ngettext` each click module imported at this table (falling back to the English
text for anything not listed). Installed once when the command line is imported."""

from __future__ import annotations

import importlib
import re
from typing import Callable

from ..render.text_table import display_width

ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "file": "文件", "directory": "文件夹", "path": "路径",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数", "float": "数字",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "Options": "选项", "Commands": "命令", "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本说明并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "Aborted!": "已中止。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    # ngettext's singular and plural forms
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "(Did you mean one of: {possibilities}?)": "（是否想用：{possibilities}？）",
    "required": "必填", "env var: {var}": "环境变量：{var}", "(dynamic)": "（动态）",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选的值之一：{choices}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats} 中的任何一种。",
}

_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui", "utils")


def gettext(message: str) -> str:
    return ZH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def _missing_message(original: Callable[..., str]) -> Callable[..., str]:
    """`缺少选项 '--agency'。`: click ends this message with an English full stop."""
    def format_message(self) -> str:  # type: ignore[no-untyped-def]
        return re.sub(r"\.( |$)", "。", original(self), count=1)

    format_message.zh = True  # type: ignore[attr-defined]
    return format_message


# Help-text chunks for click's wrapper: a run of spaces, one CJK character (with
# the opening marks before it and the closing marks after it: no line starts with
# 。 or ends with （), or a run of anything else. textwrap's own chunks are the runs
# between spaces, and Chinese has none, so a line of Chinese with a file name in
# it was one long "word" cut at the width, mid-name (findings.parq|uet/); cut
# between Chinese characters instead, a name or a code stays whole.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPEN, _CLOSE = "（《「『“‘【", "，。、；：）》」』”’】！？"
_CJK_CHAR = re.compile(f"[{_CJK}]")
HELP_CHUNKS = re.compile(f"(\\s+|\\[[^\\s\\]]{{1,8}}\\]|[{_OPEN}]*[^\\s{_CJK}]+[{_CLOSE}]*|[{_OPEN}]*[{_CJK}][{_CLOSE}]*)")


def _chunks_joined(split: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """click joins a paragraph's source lines with a space: after a Chinese mark
    before a Chinese character (运行，|已处理) it is a stray blank in the sentence.
    A blank the text itself sets between characters (如 青禾市云岭区) stays."""
    def split_chunks(self, text: str) -> list[str]:  # type: ignore[no-untyped-def]
        chunks = split(self, text)
        return [c for i, c in enumerate(chunks)
                if not (c == " " and 0 < i < len(chunks) - 1
                        and chunks[i - 1][-1] in _CLOSE and _CJK_CHAR.match(chunks[i + 1][0]))]

    split_chunks.zh = True  # type: ignore[attr-defined]
    return split_chunks


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def columns(text: str) -> int:
    """Screen columns of a help line: a CJK character takes two (click counts one,
    so its Chinese lines ran to 95 columns of an 80-column terminal and the
    descriptions of `--data 文件夹` stood out of line)."""
    return display_width(_ANSI.sub("", text))


def _wrap_chunks(self, chunks: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Greedy wrapping of the chunks (HELP_CHUNKS) into lines of at most `width`
    screen columns, indents counted; blanks at a line's ends dropped. A chunk wider
    than a whole line (a long path) is cut at the width, by columns."""
    lines: list[str] = []
    line: list[str] = []
    used = 0
    todo = list(reversed(chunks))
    while todo:
        indent = self.subsequent_indent if lines else self.initial_indent
        room = max(self.width - columns(indent), 1)
        chunk = todo.pop()
        if not chunk.strip() and not line:
            continue  # no line starts with a blank
        if used + columns(chunk) <= room:
            line.append(chunk)
            used += columns(chunk)
            continue
        if line and (chunk.strip() or todo):
            todo.append(chunk)
        elif columns(chunk) > room:  # alone on its line and still too wide
            head = _cut_at(chunk, room)
            line.append(head)
            todo.append(chunk[len(head):])
        while line and not line[-1].strip():
            line.pop()
        if line:
            lines.append(indent + "".join(line))
        line, used = [], 0
    while line and not line[-1].strip():
        line.pop()
    if line:
        lines.append((self.subsequent_indent if lines else self.initial_indent) + "".join(line))
    return lines


def _cut_at(text: str, room: int) -> str:
    """The longest start of `text` that fits `room` columns (at least one character)."""
    used = 0
    for i, ch in enumerate(text):
        used += columns(ch)
        if used > room:
            return text[:max(i, 1)]
    return text


def short_help(help: str, max_length: int = 45) -> str:
    """A command's line in its group's list: the first sentence of its help, cut to
    `max_length` screen columns at a chunk's end, with `...` (click cut it by
    characters, twice as wide for Chinese)."""
    text = " ".join(help.partition("\n\n")[0].replace("\b", "").split())
    first = re.match(r".*?[。！？](?=\s|$)|.*?\.(?=\s|$)", text)
    text = first.group(0) if first else text
    if columns(text) <= max_length:
        return text
    out, used = "", 0
    for chunk in HELP_CHUNKS.findall(text):
        if used + columns(chunk) > max_length - 3:
            break
        out, used = out + chunk, used + columns(chunk)
    return out.rstrip(" ，、；：") + "..."


_TABULAR = re.compile(r"(\s*\S.*?\s{2,})(\S.*)$")  # a name, two or more blanks, its text
_COMMAND = re.compile(r"\s*(?:例：)?(?:zfxxgk|echo)\s")


def _indent_only(self, text: str) -> str:  # type: ignore[no-untyped-def]
    """A paragraph laid out by hand (`\\b`: examples, a list of names with their
    meaning) keeps its lines, but a line wider than the screen is wrapped: a list's
    text under its own column, other text under the line's indent. A command line
    stays whole, to be copied as it is."""
    out = []
    for i, line in enumerate(text.splitlines()):
        indent = self.subsequent_indent if i else self.initial_indent
        tab = _TABULAR.match(line)
        if columns(indent + line) <= self.width or (_COMMAND.match(line) and not
                                                    (tab and _CJK_CHAR.match(tab.group(2)))):
            out.append(indent + line)
            continue
        if tab and columns(indent + tab.group(1)) <= self.width - 20:
            head, body = indent + tab.group(1), tab.group(2)
            hang = " " * columns(head)
        elif tab:  # the name takes the line: its text below it, indented
            out.append(indent + tab.group(1).rstrip())
            lead = line[:len(line) - len(line.lstrip())]
            head = hang = indent + lead + "    "
            body = tab.group(2)
        else:
            lead = line[:len(line) - len(line.lstrip())]
            head, body, hang = indent + lead, line.lstrip(), indent + lead
        wrapper = type(self)(self.width, initial_indent=head, subsequent_indent=hang,
                             replace_whitespace=False)
        out.extend(wrapper.wrap(body))
    return "\n".join(out)


def _heading(self, heading: str) -> None:  # type: ignore[no-untyped-def]
    """`选项：` with the Chinese colon (click writes `选项:`)."""
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


# Help's placeholders for values: click writes the type's name in capitals.
TYPE_NAMES = {"StringParamType": "文本", "IntParamType": "整数", "IntRange": "整数",
              "FloatParamType": "数字", "FloatRange": "数字", "BoolParamType": "是或否",
              "File": "文件"}
USAGE_PIECES = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]…"}

# Help's placeholders for arguments and option values, written in English where they
# are declared (metavar=, or an argument's name): `文件…`, not `FILE...`.
METAVARS = {"FILE": "文件", "FILES": "文件", "DIR": "文件夹", "FOLDER": "文件夹", "DIRECTORY": "文件夹",
            "PATH": "路径", "CASE_FILE": "案件文件", "ARCHIVE": "备份文件", "NAME": "名字",
            "REPORT": "报告", "OUT": "输出文件", "OUT.json": "输出文件.json", "FIXED": "输出文件",
            "LAST": "上年报告", "LAST_YEAR_REPORT": "上年报告", "INPUT": "输入", "INPUTS": "输入",
            "URL": "网址", "URLS": "网址", "ADDR": "地址", "SECONDS": "秒数", "N": "数量",
            "TEXT": "文本", "RULES": "规则", "FROM:TO": "开始:结束"}
_METAVAR = re.compile(r"^(\[?)([A-Z][A-Z_:]*(?:\.json)?)(\.\.\.)?(\]?)(\.\.\.)?$")


def metavar_zh(metavar: str) -> str:
    """`FILE...` -> `文件…`, `[DIR]` -> `[文件夹]`; anything not in METAVARS as it is."""
    m = _METAVAR.match(metavar)
    if not m or m.group(2) not in METAVARS:
        return metavar.replace("...", "…")
    more = "…" if m.group(3) or m.group(5) else ""
    inner = METAVARS[m.group(2)] + (more if m.group(3) else "")
    return f"{m.group(1)}{inner}{m.group(4)}" + (more if m.group(5) else "")


def _metavar(make: Callable[..., str]) -> Callable[..., str]:
    def make_metavar(self, *args, **kw) -> str:  # type: ignore[no-untyped-def]
        return metavar_zh(make(self, *args, **kw))

    make_metavar.zh = True  # type: ignore[attr-defined]
    return make_metavar


def _usage_pieces(collect: Callable[..., list[str]]) -> Callable[..., list[str]]:
    def collect_usage_pieces(self, ctx) -> list[str]:  # type: ignore[no-untyped-def]
        return [USAGE_PIECES.get(p, p) for p in collect(self, ctx)]

    collect_usage_pieces.zh = True  # type: ignore[attr-defined]
    return collect_usage_pieces


def _install_widths() -> None:
    """Help laid out by screen columns: wrapping, the option column's width, the
    short help of each command."""
    import click.core
    import click.formatting
    from click import types
    from click._textwrap import TextWrapper

    TextWrapper._wrap_chunks = _wrap_chunks
    TextWrapper.indent_only = _indent_only
    click.formatting.term_len = columns  # the option column and its padding
    for name in ("_make_default_short_help", "make_default_short_help"):  # click 8.2+ / 8.1
        if hasattr(click.core, name):
            setattr(click.core, name, short_help)
    click.formatting.HelpFormatter.write_heading = _heading
    for cls, zh in TYPE_NAMES.items():
        getattr(types, cls).name = zh
    if not getattr(click.core.Command.collect_usage_pieces, "zh", False):
        click.core.Command.collect_usage_pieces = _usage_pieces(click.core.Command.collect_usage_pieces)
    if hasattr(click.core, "Group") and not getattr(click.core.Group.collect_usage_pieces, "zh", False):
        click.core.Group.collect_usage_pieces = _usage_pieces(click.core.Group.collect_usage_pieces)
    for cls in (click.core.Argument, click.core.Option):
        if not getattr(cls.make_metavar, "zh", False):
            cls.make_metavar = _metavar(cls.make_metavar)


def install() -> None:
    """Point click's message functions at the tables (idempotent), and its help
    wrapper at HELP_CHUNKS, measured in screen columns."""
    from click._textwrap import TextWrapper
    from click.exceptions import MissingParameter

    TextWrapper.wordsep_re = TextWrapper.wordsep_simple_re = HELP_CHUNKS
    if not getattr(TextWrapper._split_chunks, "zh", False):
        TextWrapper._split_chunks = _chunks_joined(TextWrapper._split_chunks)
    _install_widths()

    if not getattr(MissingParameter.format_message, "zh", False):
        MissingParameter.format_message = _missing_message(MissingParameter.format_message)
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
