from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (labels and fields looked up by code)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def posted_at(values, index):
    """The `index`-th item outcome a refused 作出答复 form sent ("" when none): each
    item's select shows again what the clerk chose for it."""
    try:
        return values.getlist("item_outcomes")[index]
    except (AttributeError, IndexError):
        return ""
