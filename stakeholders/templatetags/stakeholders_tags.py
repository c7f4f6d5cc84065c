from html import escape

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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
    list and map page cost more than the rest of the form. Values escaped as registry_rows does."""
    selected = "" if value is None else str(value)
    options = "".join(
        '<option value="{}"{}>{}</option>'.format(
            escape(str(option)), " selected" if str(option) == selected else "", escape(str(label))
        )
        for option, label in field.field.choices
    )
    name = escape(field.name)
    return mark_safe(  # noqa: S308 - every value escaped
        '<div class="col-6 {}"><label class="form-label" for="id_{}">{}</label>'
        '<select name="{}" id="id_{}" class="form-select">{}</select></div>'.format(
            COLUMN_CLASSES.get(field.name, "col-md-4 col-lg-2"), name, escape(str(field.label)), name, name, options
        )
    )


ROW = (
    "<tr{inactive_class}><td>"
    '<a class="fw-semibold" href="{url}">{name}</a>{acronym}{inactive}{other}</td>'
    '<td class="text-nowrap"><svg class="registry-swatch" width="10" height="10" aria-hidden="true"'
    ' focusable="false"><circle cx="5" cy="5" r="5" fill="{colour}"/></svg> {category}</td>'
    "<td>{level}</td><td>{domains}</td>"
    '<td class="num">{influence}</td><td class="num">{interest}</td>'
    '<td class="text-nowrap">{joined}</td></tr>'
)
NONE = '<span class="text-body-secondary">–</span>'


@register.simple_tag
def registry_rows(stakeholders) -> str:
    """The registry list's rows (see stakeholder_list.html), written here: 25 rows of a dozen values each
    through the template engine, or through format_html(), cost a sixth of the page. Every value is
    escaped (html.escape, what django.utils.html.escape does, without its lazy-string check on each call).
    Each row comes from views._with_row_display (labels, link) and stakeholder_attach_domains (domains)."""
    arabic = get_language() == "ar"
    inactive = ' <span class="badge text-bg-secondary ms-1">{}</span>'.format(escape(str(_("Inactive"))))
    badges = {}
    rows = []
    for s in stakeholders:
        if arabic:
            name, other, other_language = s.name_ar or s.name_fr, s.name_ar and s.name_fr, "fr"
            acronym = s.acronym_ar or s.acronym_fr
        else:
            name, other, other_language = s.name_fr, s.name_ar, "ar"
            acronym = s.acronym_fr
        for d in s.domain_list:
            if d.pk not in badges:
                badges[d.pk] = f'<span class="badge text-bg-light border me-1">{escape(str(d.name))}</span>'
        rows.append(
            ROW.format(
                inactive_class="" if s.is_active else ' class="registry-inactive"',
                url=escape(s.url),
                name=escape(name),
                acronym=f' <span class="text-body-secondary">(<bdi>{escape(acronym)}</bdi>)</span>' if acronym else "",
                inactive="" if s.is_active else inactive,
                other=f'<div class="small text-body-secondary"><bdi lang="{other_language}">{escape(other)}</bdi></div>'
                if other
                else "",
                colour=escape(category_colour(s.category)),
                category=escape(str(s.category_label)),
                level=escape(str(s.level_label)),
                domains="".join(badges[d.pk] for d in s.domain_list) or NONE,
                influence=int(s.influence),
                interest=int(s.interest),
                joined="<bdi>{}</bdi>".format(escape(date_format(s.joined_on, "SHORT_DATE_FORMAT")))
                if s.joined_on
                else NONE,
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped above
