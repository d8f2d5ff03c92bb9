"""Run formatting a Word document gives through its styles, made explicit on the runs.

A run is hidden (w:vanish), struck through or raised as a note mark by its own
properties, or by a style: its character style (w:rStyle, a style "隐藏文字" an office
keeps last year's figures in) or its paragraph's style (w:pStyle), each inheriting
from the style it is based on (w:basedOn). The body reader (docx.py) looks at a
run's own properties only, so before it reads, each such property a run's styles
give is copied onto the run, unless the run sets that property itself (direct
formatting wins over a character style, which wins over the paragraph's).
"""

from __future__ import annotations

import copy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # (as docx.W: imported by it)

# The run properties that decide whether a run's text is read (docx._hidden).
_FLAGS = (f"{W}vanish", f"{W}strike", f"{W}dstrike", f"{W}vertAlign")
# Styles followed up their w:basedOn chain at most this far (a loop ends there too).
_MAX_DEPTH = 12


def _own_flags(style) -> dict:
    props = style.find(f"{W}rPr")
    return {} if props is None else {el.tag: el for el in props if el.tag in _FLAGS}


def style_flags(styles) -> dict[str, dict]:
    """style id -> {flag tag: element} each style gives its runs, through w:basedOn."""
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId")}
    out: dict[str, dict] = {}
    for sid in by_id:
        flags: dict = {}
        seen, at = set(), sid
        while at in by_id and at not in seen and len(seen) < _MAX_DEPTH:
            seen.add(at)
            for tag, el in _own_flags(by_id[at]).items():
                flags.setdefault(tag, el)  # the nearer style wins
            based = by_id[at].find(f"{W}basedOn")
            at = based.get(f"{W}val") if based is not None else None
        if flags:
            out[sid] = flags
    return out


def apply_styles(body, styles) -> None:
    """Copy onto each run of `body` the flags its character and paragraph styles give
    (see the module's note). Only the runs that name a style, and the paragraphs
    that do, are visited: most documents give no such flag at all."""
    flags = style_flags(styles) if styles is not None else {}
    if not flags:
        return
    for ref in body.iter(f"{W}rStyle"):  # character styles first: they win over the paragraph's
        run = ref.getparent().getparent() if ref.getparent() is not None else None
        given = flags.get(ref.get(f"{W}val"))
        if given and run is not None and run.tag == f"{W}r":
            _give(run, given)
    for ref in body.iter(f"{W}pStyle"):
        p = ref.getparent().getparent() if ref.getparent() is not None else None
        given = flags.get(ref.get(f"{W}val"))
        if not given or p is None or p.tag != f"{W}p":
            continue
        for run in p.iter(f"{W}r"):
            if next(run.iterancestors(f"{W}p"), None) is p:  # (not a text box's own paragraph)
                _give(run, given)


def _give(run, flags: dict) -> None:
    props = run.find(f"{W}rPr")
    if props is None:
        props = run.makeelement(f"{W}rPr", {})
        run.insert(0, props)
    own = {el.tag for el in props}
    for tag, el in flags.items():
        if tag not in own:
            props.append(copy.deepcopy(el))


__all__ = ["apply_styles", "style_flags"]
