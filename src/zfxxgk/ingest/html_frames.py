"""A web page's frames: the inline ones are read, the others named.

Portals show the report in a frame. An `<iframe srcdoc="…">` carries its page in
the attribute itself (editors paste a whole report page into one): that page is
the frame's content, in the file, and is read in the frame's place. Frames that
load another address (`<iframe src>`, `<embed src>`, `<object data>`) are never
fetched; their addresses are kept so the parser can say that a table not found
may be in one.
"""

from __future__ import annotations

# Frames named at most (a page's share buttons and players are frames too).
MAX_FRAMES = 5
# Inline frames inside inline frames read at most this deep (each is parsed again).
MAX_NESTING = 3


def inline_frames(root) -> None:
    """Each `<iframe srcdoc>` replaced, in place, by the body of the page it holds
    (with that page's style sheets, which may hide some of it); `srcdoc` wins over
    `src`, as in a browser, so such a frame names no address."""
    import lxml.html
    from lxml import etree

    for _ in range(MAX_NESTING):
        frames = [f for f in root.iter("iframe") if (f.get("srcdoc") or "").strip()]
        if not frames:
            return
        for frame in frames:
            try:
                page = lxml.html.document_fromstring(frame.get("srcdoc"))
            except (etree.ParserError, ValueError):
                frame.attrib.pop("srcdoc")
                continue
            holder = lxml.html.Element("div")
            body = page.find("body")
            holder.extend(page.iterfind(".//head/style"))
            if body is not None:
                if len(holder):
                    holder[-1].tail = body.text
                else:
                    holder.text = body.text
                holder.extend(list(body))
            holder.tail = frame.tail
            if frame.getparent() is not None:
                frame.getparent().replace(frame, holder)


def framed(root) -> str:
    """The addresses of the page's frames (<iframe src>, <embed src>, <object data>),
    one a line: portals show the report's PDF or Word file in one. They are not
    fetched; the parser says that a table not found may be in one."""
    out: list[str] = []
    for el in root.iter("iframe", "frame", "embed", "object"):
        src = (el.get("data") if el.tag == "object" else el.get("src")) or ""
        src = src.strip()
        if src and not src.lower().startswith(("javascript:", "about:", "data:")) and src not in out:
            out.append(src[:300])
        if len(out) >= MAX_FRAMES:
            break
    return "\n".join(out)


__all__ = ["framed", "inline_frames"]
