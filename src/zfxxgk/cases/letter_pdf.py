"""A letter as a printable page (HTML, then PDF through WeasyPrint): the same
`Letter` data as the DOCX, laid out like an official letter — title, number,
text, and at the foot the agency with room for its seal and the date."""

from __future__ import annotations

from jinja2 import Environment

from ..render import faces
from .letters import Letter

CSS = f"""
@page {{ size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }}
body {{ font-family: {faces.TEXT}; font-size: 15pt; line-height: 1.75; color: #000; }}
h1 {{ font-family: {faces.TITLE}; font-weight: bold; font-size: 20pt; text-align: center;
  margin: 0 0 0.4em; }}
.number {{ text-align: center; margin: 0 0 1.2em; font-size: 14pt; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.addressee {{ text-indent: 0; }}
.foot {{ margin-top: 2.5em; text-align: right; padding-right: 2em; break-inside: avoid; }}
.foot .seal {{ display: inline-block; min-width: 9em; text-align: center; }}
.foot p {{ text-indent: 0; text-align: right; }}
"""

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ l.title }}</title>
<style>{{ css }}</style></head><body>
<h1>{{ l.title }}</h1>
<div class="number">{{ l.number }}</div>
{%- for p in l.paragraphs %}
<p{% if loop.first and p.endswith('：') %} class="addressee"{% endif %}>{{ p }}</p>
{%- endfor %}
<div class="foot"><p><span class="seal">{{ l.seal_line }}</span></p>
<p><span class="seal">{{ l.date_line }}</span></p></div>
</body></html>
"""

_page = Environment(autoescape=True).from_string(PAGE)


def to_pdf(letter: Letter) -> bytes:
    from markupsafe import Markup
    from ..render.pdf import pdf_of_html

    return pdf_of_html(_page.render(l=letter, css=Markup(CSS)))
