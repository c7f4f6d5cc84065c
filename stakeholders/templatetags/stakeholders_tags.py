from django import template

from ..charts import CATEGORY_COLOURS

register = template.Library()


@register.filter
def category_colour(category: str) -> str:
    """The category's colour on the map, so the list's swatches match it."""
    return CATEGORY_COLOURS.get(category, "#6c757d")
