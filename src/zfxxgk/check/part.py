"""The narrative rules over one part's text, as an author types it.

The checker reads the parts where reports speak of figures (一, 五, 六). An editor
shows each part's findings beside that part, and a part 二, 三 or 四 with a lead
sentence before its table deserves the same comparison; so the part is checked on
its own, in a copy of the report whose only narrative is that text (in part 一's
place, or in 六's for part 六, whose fee rule N-4 reads part 六 only).
"""

from __future__ import annotations

from ..model import Report
from ..standard import SECTIONS
from .engine import Finding, run

NARRATIVE_RULES = ("N-1", "N-2", "N-3", "N-4", "N-6")


def check_part(report: Report, key: str, text: str) -> list[Finding]:
    """The N-rule findings for `text` as part `key` ("1".."6") of `report`."""
    if key not in SECTIONS:
        raise KeyError(key)
    slot = "6" if key == "6" else "1"
    shadow = report.model_copy(update={"sections": {slot: text}})
    return run(shadow, select=NARRATIVE_RULES)
