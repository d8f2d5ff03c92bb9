"""click's own messages in Chinese: usage errors (`缺少选项 '--agency'`), the `用法：`
line, help headings. click marks its texts for gettext but ships no Chinese
catalogue, so the translations are a table here and `install()` points the `_` and
`ngettext` each click module imported at this table (falling back to the English
text for anything not listed). Installed once when the command line is imported."""

from __future__ import annotations

import importlib
import re
from typing import Callable

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
HELP_CHUNKS = re.compile(f"(\\s+|[{_OPEN}]*[^\\s{_CJK}]+[{_CLOSE}]*|[{_OPEN}]*[{_CJK}][{_CLOSE}]*)")


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


def install() -> None:
    """Point click's message functions at the tables (idempotent), and its help
    wrapper at HELP_CHUNKS."""
    from click._textwrap import TextWrapper
    from click.exceptions import MissingParameter

    TextWrapper.wordsep_re = TextWrapper.wordsep_simple_re = HELP_CHUNKS
    if not getattr(TextWrapper._split_chunks, "zh", False):
        TextWrapper._split_chunks = _chunks_joined(TextWrapper._split_chunks)

    if not getattr(MissingParameter.format_message, "zh", False):
        MissingParameter.format_message = _missing_message(MissingParameter.format_message)
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
