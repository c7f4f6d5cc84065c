from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..charts import CATEGORY_COLOURS

register = template.Library()


@register.filter
def category_colour(category: str) -> str:
    """The category's colour on the map, so the list's swatches match it."""
    return CATEGORY_COLOURS.get(category, "#6c757d")


COLUMN_CLASSES = {"influence": "col-md-2 col-lg-1", "interest": "col-md-2 col-lg-1", "category": "col-md-4 col-lg-3"}


@register.simple_tag
def filter_select(field, value) -> str:
    """One filter of the registry's search form: its label and a select of its choices, `value` selected.
    Written here rather than by the widget's templates (or a template per filter): seven of them on every
    list and map page cost more than the rest of the form."""
    selected = "" if value is None else str(value)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (option, mark_safe(" selected") if str(option) == selected else "", label)  # noqa: S308 - a constant
            for option, label in field.field.choices
        ),
    )
    return format_html(
        '<div class="col-6 {}"><label class="form-label" for="id_{}">{}</label>'
        '<select name="{}" id="id_{}" class="form-select">{}</select></div>',
        COLUMN_CLASSES.get(field.name, "col-md-4 col-lg-2"),
        field.name,
        field.label,
        field.name,
        field.name,
        options,
    )
