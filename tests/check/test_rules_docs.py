"""docs/rules.md is generated from the rule registry; it fails here when stale."""

from __future__ import annotations

from pathlib import Path

from zfxxgk.check import rules_catalogue
from zfxxgk.check.catalogue import DETAILS, render_rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_current():
    assert DOC.read_text("utf-8") == render_rules_markdown(rules_catalogue()), (
        "docs/rules.md is stale: run `python -m zfxxgk.check.catalogue > docs/rules.md`")


def test_every_rule_has_basis_and_example():
    ids = {e["id"] for e in rules_catalogue()}
    assert ids <= set(DETAILS), ids - set(DETAILS)
