"""Tables with a figure merged down over the next row's, as editors merge two cells.

Shared by the structured-file probes (bench/struct5_probe.py, struct6_probe.py) and
the PDF shapes (tests/ingest/pdf_shapes.py "merged-down"): the same HTML, saved as a
web page, a Word or Excel file, or printed to PDF.
"""

from __future__ import annotations

import re


def merged_down(html: str) -> str:
    """In each table, the first figure of a row merged down over the same column's
    figure of the next row (rowspan="2", the lower cell dropped), as editors merge two
    cells: the lower row's figure is printed nowhere."""
    rows = re.findall(r"<tr>(?:(?!</tr>).)*</tr>", html, re.S)
    done = set()
    for upper, lower in zip(rows, rows[1:]):
        up = re.findall(r"<td[^>]*data-cell[^>]*>-?\d+(?:\.\d+)?</td>", upper)
        low = re.findall(r"<td[^>]*data-cell[^>]*>-?\d+(?:\.\d+)?</td>", lower)
        if len(up) < 4 or len(up) != len(low) or upper in done or lower in done or "rowspan" in upper + lower:
            continue
        html = html.replace(upper, upper.replace(up[1], up[1].replace("<td", '<td rowspan="2"', 1), 1), 1)
        html = html.replace(lower, lower.replace(low[1], "", 1), 1)
        done |= {upper, lower}
    return html
