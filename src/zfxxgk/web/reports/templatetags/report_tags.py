"""The report page's costly part as a tag, so that `{% cache %}` around it skips
the work, not only the output, when the saved state of the report is cached."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def review(row) -> SafeString:
    """The three official tables, the report's text and its findings. Rendered
    without the request, so nothing of the viewer can be in it."""
    from ..views import report_context

    return mark_safe(render_to_string("reports/_review.html", report_context(row)))


@register.filter
def first_sentence(text) -> str:
    """A report's source as the lists show it: a compiled report's (由依申请公开案件和登记
    编制。统计口径：一份申请按一件统计……) took four lines of the 来源文件 column and
    squeezed the titles and the status beside it; its first sentence is enough there,
    the whole stays on the report's page and in the cell's tooltip."""
    text = str(text or "")
    head, stop, rest = text.partition("。")
    return head if stop and rest else text


@register.simple_tag
def agency_options(options, chosen) -> SafeString:
    """A list's 机关 choices (rows with id and label: the report list's
    bodies.agency_options, the case list's agencies), `chosen` (an id) selected: one
    joined string, as a loop in the template cost 0.1 s per 1 000 bodies (a district
    or a province has thousands)."""
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((o["id"], " selected" if o["id"] == chosen else "", o["label"]) for o in options))
