"""Errors a user can act on. Each carries a Chinese message, printed as one line
on stderr by the CLI (exit status 2) while the other inputs of the run go on."""

from __future__ import annotations


class ZfxxgkError(Exception):
    """Base of every error zfxxgk raises on purpose."""

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}：{self.message}" if self.source else self.message


class OutputError(ZfxxgkError):
    """An output file could not be written (its folder missing, no permission, a disk full)."""


class InputError(ZfxxgkError):
    """The input could not be read as a report at all."""


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class TooLarge(InputError):
    pass


class NotAReport(InputError):
    pass


def internal_error(e: BaseException) -> str:
    """The message for a failure nobody foresaw, the same on every face."""
    return f"内部错误：{type(e).__name__}: {e}（请把这个文件和这条信息报告给开发者）"
