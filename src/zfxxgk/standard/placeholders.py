"""The 【待补充…】 placeholders a drafted part holds until the office writes it
(`render.narrative_draft` writes them, `zfxxgk compile` drafts with them). Here,
low in the layers, because the checker, the renderer and the web app all look for
what is left of them."""

from __future__ import annotations

import re

from .common import SECTIONS

PLACEHOLDER = "【待补充"
_PLACEHOLDER_RE = re.compile(r"【待补充[^】]*】")
_WORDS = re.compile(r"[\w\u3400-\u9fff]")  # a letter, a digit or a Chinese character


def placeholders(text: str | None) -> list[str]:
    """The placeholders still in a part's text."""
    return _PLACEHOLDER_RE.findall(text or "")


def only_placeholders(text: str | None) -> bool:
    """A part holding placeholders and nothing else a reader could take for its
    content (blanks and punctuation aside): the part is, in effect, missing."""
    return bool(placeholders(text)) and not _WORDS.search(_PLACEHOLDER_RE.sub("", text or ""))


def placeholders_left(sections: dict[str, str] | None) -> str:
    """Where placeholders are left, as the clerk finds the parts: `“一、总体情况”5处、
    “六、其他需要报告的事项”1处` (empty when none). Named by heading, not `第6部分`."""
    return "、".join(f"“{SECTIONS.get(k, k)}”{len(placeholders(t))}处"
                    for k, t in sorted((sections or {}).items()) if placeholders(t))
