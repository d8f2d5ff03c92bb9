"""Each agency's settings for its letters: how its case numbers read and whom an
applicant may turn to (复议机关, 人民法院) — facts of the agency, not of a case.

Kept as a small TOML file (one table per agency name) so that an office sets them
once; a letter with a setting missing prints a blank line to fill by hand rather
than guessing a body.

    ["青禾市自然资源局"]
    short_name = "青自然资源"          # 文号中的机关简称
    number_format = "〔{year}〕{short}依申公第{seq}号"
    review_body = "青禾市人民政府"
    court = "青禾市云岭区人民法院"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from string import Formatter

DEFAULT_FORMAT = "〔{year}〕{short}依申公第{seq}号"
BLANK = "＿＿＿＿＿＿＿＿"  # a line to fill by hand where a setting is missing
NUMBER_FIELDS = ("year", "short", "seq", "case")  # what a number format may name
_SMALL_WIDTH = re.compile(r"(.?[<>^])?[1-9]")  # a fill, an alignment, a width of one digit
_TRAILING_DIGITS = re.compile(r"(\d+)\D*$")
_NUMBER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")  # 2025 in 2025-0002, 〔2025〕12


class SettingsError(ValueError):
    """A settings file that cannot be read (Chinese message)."""


@dataclass(frozen=True)
class LetterSettings:
    short_name: str = "某某"
    number_format: str = DEFAULT_FORMAT
    review_body: str = ""  # 行政复议机关
    court: str = ""  # 有管辖权的人民法院

    def __post_init__(self) -> None:
        """The number format may name the four fields and nothing else, a field padded
        to a width under ten at most (``第{seq:0>3}号``: 第007号): it is typed on a page
        by a 录入员, and Python's format language would also pad a field to any width
        (``{year:>900000000}``: a string of that many characters made at every letter,
        the server's memory gone) or read a field's attributes (``{short.__class__}``)."""
        try:
            parts = list(Formatter().parse(self.number_format))
        except ValueError:
            raise SettingsError(self._bad("花括号不成对（文字中的花括号写作 {{ 和 }}）")) from None
        for _, name, spec, conversion in parts:
            if name is not None and (name not in NUMBER_FIELDS or conversion
                                     or (spec and not _SMALL_WIDTH.fullmatch(spec))):
                raise SettingsError(self._bad(f"“{{{name}{'!' + conversion if conversion else ''}"
                                              f"{':' + spec if spec else ''}}}”不是可用的项"))

    def _bad(self, why: str) -> str:
        return f"文号格式“{self.number_format[:60]}”有误（可用 {{year}}、{{short}}、{{seq}}、{{case}}）：{why}"

    def number(self, case_id: str, received_year: int) -> str:
        """The letter's number: the case's year and sequence (its last digits, without
        the year prefix a register often puts in front) in the agency's format. The
        year is the one in the case number, not the year the letter goes out: case
        2025-0002 answered in January 2026 keeps 〔2025〕…第2号, else it would share
        its number with case 2026-0002's letter of the same kind. A number that
        names no year takes the year the application was received."""
        m = _TRAILING_DIGITS.search(case_id)
        seq = str(int(m.group(1))) if m else case_id
        named = _NUMBER_YEAR.search(case_id[:m.start(1)] if m else case_id)
        year = int(named.group(1)) if named else received_year
        return self.number_format.format(year=year, short=self.short_name, seq=seq, case=case_id)

    @property
    def review_text(self) -> str:
        return self.review_body.strip() or BLANK

    @property
    def court_text(self) -> str:
        return self.court.strip() or BLANK


def usable_settings(values: Mapping[str, object]) -> tuple[LetterSettings, str | None]:
    """Settings as stored, and why they could not be taken whole (None when they could).
    A row saved before the number format was checked may hold a format that now fails
    (``{year:>900000000}``); refusing it at every letter would fail the agency's case
    pages, so its letters fall back to `DEFAULT_FORMAT` (the other settings kept) and
    the reason goes to whoever can correct it. Names no setting knows are left out."""
    known = {f.name for f in fields(LetterSettings)}
    kept = {k: str(v) for k, v in values.items() if k in known and v is not None}
    try:
        return LetterSettings(**kept), None
    except SettingsError as e:
        return LetterSettings(**{**kept, "number_format": DEFAULT_FORMAT}), str(e)


def read_settings(raw: bytes | str) -> dict[str, LetterSettings]:
    """agency name -> its settings, from the TOML text."""
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"文书设置格式有误（TOML）：{e}") from None
    known = {f.name for f in fields(LetterSettings)}
    out: dict[str, LetterSettings] = {}
    for agency, table in data.items():
        if not isinstance(table, dict):
            raise SettingsError(f"文书设置：“{agency}”应为一个表（[\"机关名称\"]）")
        unknown = set(table) - known
        if unknown:
            raise SettingsError(f"文书设置：“{agency}”有未知的项：{'、'.join(sorted(unknown))}"
                                f"（可用 {'、'.join(sorted(known))}）")
        out[agency] = LetterSettings(**{k: str(v) for k, v in table.items()})
    return out


def settings_for(agency: str, path: str | Path | None) -> LetterSettings:
    """The agency's settings from the file at `path` (defaults when none)."""
    if path is None or not Path(path).is_file():
        return LetterSettings()
    return read_settings(Path(path).read_bytes()).get(agency, LetterSettings())
