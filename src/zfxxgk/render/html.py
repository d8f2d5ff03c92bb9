"""HTML: a self-contained page (inline CSS, prints on A4) or, with `fragment=True`,
the bare report a clerk pastes into the portal's content system.

The tables keep the official merged cells (rowspan/colspan) and mark header cells
with `scope`. A table part reads heading, table, then its text (the draft's
“表格后的说明文字”); the table names the heading with `aria-labelledby` so screen
readers read it once. The PDF writer renders this same HTML, so the print rules live
here too: a heading never ends a page without the table's first rows
(`break-after: avoid`, table rows `break-inside: avoid`; a body row of headings only,
as 表二's 第二十条第（五）项 and the 信息内容 line under it, stays with the row after it).

Faces: `faces` (official names first, then Debian's free fonts).
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from . import faces
from .layout import Layout

CSS = """
.zfxxgk-report { font-family: %(font)s; font-size: 13pt; line-height: 1.7; color: #000;
  max-width: 46em; margin: 0 auto; }
.zfxxgk-report h1 { font-family: %(title)s; font-size: 18pt; text-align: center; font-weight: bold;
  margin: 0.6em 0 1em; }
.zfxxgk-report h2 { font-family: %(heading)s; font-size: 14pt; font-weight: normal; text-align: left;
  margin: 1em 0 0.5em; break-after: avoid; page-break-after: avoid; }
.zfxxgk-report p { text-indent: 2em; margin: 0.2em 0; }
.zfxxgk-report table { font-family: %(table)s; border-collapse: collapse; width: 100%%;
  table-layout: fixed; font-size: 9pt; line-height: 1.35; margin: 0.3em 0 1em;
  break-before: avoid; page-break-before: avoid; }
.zfxxgk-report th, .zfxxgk-report td { border: 1px solid #000; padding: 2pt 3pt;
  vertical-align: middle; text-align: center; word-break: break-all; }
.zfxxgk-report th[scope=row] { text-align: left; font-weight: normal; }
.zfxxgk-report th { font-weight: normal; }
.zfxxgk-report thead th { font-weight: bold; }
.zfxxgk-report tr { page-break-inside: avoid; break-inside: avoid; }
.zfxxgk-report tr.keep { page-break-after: avoid; break-after: avoid; }
.zfxxgk-report thead { display: table-header-group; }
.zfxxgk-report .signature { text-align: right; text-indent: 0; margin-top: 2em; }
@media print { .zfxxgk-report { max-width: none; } }
@page { size: A4; margin: 2.2cm 2cm; }
""" % {"font": faces.TEXT, "title": faces.TITLE, "heading": faces.HEADING, "table": faces.TABLE}

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zfxxgk">
<title>{{ layout.title }}</title>
<style>{{ css }}</style>
</head>
<body>
{{ body }}
</body>
</html>
"""

BODY = """<article class="zfxxgk-report" data-template="{{ layout.template }}">
{%- if fragment %}<style>{{ css }}</style>{% endif %}
<h1>{% for line in layout.title_lines %}{% if not loop.first %}<br>{% endif %}<span>{{ line }}</span>{% endfor %}</h1>
<p>{{ layout.preface }}</p>
{%- for part in layout.parts %}
<section{% if part.grid %} class="table-part"{% endif %}>
<h2 id="part-{{ part.key }}">{{ part.heading }}</h2>
{%- for p in part.before %}
<p>{{ p }}</p>
{%- endfor %}
{%- if part.grid %}
{{ table(part.grid, part.key) }}
{%- endif %}
{%- for p in part.paragraphs %}
<p>{{ p }}</p>
{%- endfor %}
</section>
{%- endfor %}
{%- for line in layout.signature %}
<p class="signature">{{ line }}</p>
{%- endfor %}
</article>
"""

TABLE = """{%- macro cell(c) -%}
{%- set tag = 'th' if c.header else 'td' -%}
<{{ tag }}{% if c.rowspan > 1 %} rowspan="{{ c.rowspan }}"{% endif %}{% if c.colspan > 1 %} colspan="{{ c.colspan }}"{% endif %}{% if c.header and c.scope %} scope="{{ c.scope }}"{% endif %}{% if c.code %} data-cell="{{ c.code }}"{% endif %}>{{ c.text }}</{{ tag }}>
{%- endmacro -%}
<table data-table="{{ grid.code }}" aria-labelledby="part-{{ key }}">
<colgroup>{% for w in widths %}<col style="width:{{ w }}%">{% endfor %}</colgroup>
{%- if grid.head %}
<thead>
{%- for row in grid.head %}
<tr>{% for c in row %}{{ cell(c) }}{% endfor %}</tr>
{%- endfor %}
</thead>
{%- endif %}
<tbody>
{%- for row in grid.body %}
<tr{% if row|rejectattr('header')|list|length == 0 %} class="keep"{% endif %}>{% for c in row %}{{ cell(c) }}{% endfor %}</tr>
{%- endfor %}
</tbody>
</table>"""

_env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
_table = _env.from_string(TABLE)
_body = _env.from_string(BODY)
_page = _env.from_string(PAGE)


def _table_html(grid, key: str) -> str:
    total = sum(grid.widths)
    widths = [round(100 * w / total, 2) for w in grid.widths]
    return Markup(_table.render(grid=grid, widths=widths, key=key))


def render_html(layout: Layout, fragment: bool = False) -> str:
    """The report as HTML text: a whole page, or the `<article>` alone."""
    body = _body.render(layout=layout, table=_table_html, css=Markup(CSS), fragment=fragment)
    if fragment:
        return body + "\n"
    return _page.render(layout=layout, css=Markup(CSS), body=Markup(body))
