"""The report page's costly part as a tag, so that `{% cache %}` around it skips
the work, not only the output, when the saved state of the report is cached."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def review(row) -> SafeString:
    """The three official tables, the report's text and its findings. Rendered
    without the request, so nothing of the viewer can be in it."""
    from ..views import report_context

    return mark_safe(render_to_string("reports/_review.html", report_context(row)))
