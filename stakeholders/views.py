"""Registry pages. Thin: permission check, form, one service call, redirect with a message."""

import hashlib
import io
import zlib

import openpyxl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import form_add_errors
from common.responses import csv_response, xlsx_response
from common.spreadsheets import csv_bytes, xlsx_append_row

from . import selectors, services
from .actions import registry_actions
from .charts import MAX_MARKS, build_counted_map, build_map, chart_svg
from .forms import ContactForm, RegistryFilterForm, StakeholderForm
from .models import Category, Contact, Language, Level, Stakeholder
from .sections import sections_render


def _filter_form(request) -> tuple[RegistryFilterForm, selectors.RegistryFilters, list]:
    domains = selectors.domain_list()
    form = RegistryFilterForm(request.GET, domains=domains)
    return form, form.filters(), domains


def _query_without(request, *keys) -> str:
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


def _valid_query_without(request, form, *keys) -> str:
    """The query string of the filters that are valid, in the request's order, without `keys`: unknown
    parameters and bad values (which the filters ignore) are left out of the links and the map's cache key."""
    query = QueryDict(mutable=True)
    for key in request.GET:
        value = form.cleaned_data.get(key) if key in form.fields and key not in keys else None
        if value not in (None, ""):
            query[key] = str(value)
    return query.urlencode()


def _get_stakeholder(access, pk) -> Stakeholder:
    return get_object_or_404(Stakeholder, city=access.city, pk=pk)


def _get_contact(access, pk, contact_pk) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("stakeholder"),
        pk=contact_pk,
        stakeholder_id=pk,
        stakeholder__city=access.city,
    )


def _with_row_display(stakeholders: list, city) -> list:
    """Give each row of a list page its labels and its link, worked out once per page: Django's
    get_<field>_display() rebuilds the choices' dictionary (translating every label) on each call,
    and a reverse() per row costs as much again."""
    categories = {value: str(label) for value, label in Category.choices}
    levels = {value: str(label) for value, label in Level.choices}
    detail = reverse("stakeholders:detail", kwargs={"city_slug": city.slug, "pk": 0})
    prefix = detail.removesuffix("0/")
    for s in stakeholders:
        s.category_label = categories.get(s.category, s.category)
        s.level_label = levels.get(s.level, s.level)
        s.url = f"{prefix}{s.pk}/"
    return stakeholders


@login_required
@require_GET
def stakeholder_list(request, city_slug):
    access = get_city_for(request, city_slug)
    form, filters, domains = _filter_form(request)
    qs = selectors.stakeholder_list(city=access.city, filters=filters)
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_row_display(
        selectors.stakeholder_attach_domains(list(page.object_list), domains), access.city
    )
    return render(
        request,
        "stakeholders/stakeholder_list.html",
        {
            "city": access.city,
            "access": access,
            "form": form,
            "filters": filters,
            "page": page,
            "registry_actions": registry_actions(access=access),
            "filter_query": _query_without(request, "page"),
            "sort_query": _query_without(request, "page", "sort"),
            "is_filtered": any(
                [
                    filters.query,
                    filters.category,
                    filters.level,
                    filters.domain,
                    filters.status != "active",
                    filters.influence is not None,
                    filters.interest is not None,
                ]
            ),
        },
    )


def _map_body(request, city, form, filters, domains) -> str:
    """The map's figure and tables for these filters: one mark per stakeholder up to MAX_MARKS, beyond that
    the 25 cells with their counts. Rendered once for each registry stamp (selectors.stakeholder_map_key),
    language, filters and domain catalogue, then read from the cache: the same queries either way."""
    key = selectors.stakeholder_map_key(city=city, filters=filters, max_marks=MAX_MARKS)
    cell_query = _valid_query_without(request, form, "page", "sort", "influence", "interest")
    catalogue = [(d.pk, d.code, d.name_fr, d.name_ar, d.position) for d in domains]
    body_key = key.key + ":body-z:" + hashlib.sha256(repr((city.slug, cell_query, catalogue)).encode()).hexdigest()[:32]
    # Kept compressed: a tenth of the size, so a tenth of the bytes to read from the database cache.
    stored = cache.get(body_key)
    if stored is not None:
        return mark_safe(zlib.decompress(stored).decode())  # noqa: S308 - rendered below, escaped by the engine
    data = selectors.stakeholder_map_data(city=city, filters=filters, max_marks=MAX_MARKS, key=key)
    if data.rows is not None:
        chart = build_map(data.rows, domains, data.by_domain, city.slug)
    else:
        chart = build_counted_map(data.cells, domains, data.by_domain, city.slug, cell_query)
    body = render_to_string(
        "stakeholders/_map_body.html", {"city": city, "chart": chart, "chart_svg": chart_svg(chart)}
    )
    cache.set(body_key, zlib.compress(body.encode()), selectors.MAP_CACHE_TIMEOUT)
    return mark_safe(body)  # noqa: S308 - rendered by the template engine, which escaped it


@login_required
@require_GET
def stakeholder_map(request, city_slug):
    access = get_city_for(request, city_slug)
    form, filters, domains = _filter_form(request)
    return render(
        request,
        "stakeholders/stakeholder_map.html",
        {
            "city": access.city,
            "access": access,
            "form": form,
            "filters": filters,
            "map_body": _map_body(request, access.city, form, filters, domains),
            "filter_query": _query_without(request, "page"),
        },
    )


def _export_columns(with_contacts: bool, domains: list):
    """The export's columns as (header, value of a RegistryRow), in the page's language. Labels
    are looked up once here rather than translated again on each of thousands of rows."""
    categories = {value: str(label) for value, label in Category.choices}
    levels = {value: str(label) for value, label in Level.choices}
    languages = {value: str(label) for value, label in Language.choices}
    domain_names = {d.pk: str(d.name) for d in domains}
    yes, no = _("yes"), _("no")
    columns = [
        (_("Name in French"), lambda s: s.name_fr),
        (_("Name in Arabic"), lambda s: s.name_ar),
        (_("Acronym in French"), lambda s: s.acronym_fr),
        (_("Acronym in Arabic"), lambda s: s.acronym_ar),
        (_("Category"), lambda s: categories.get(s.category, s.category)),
        (_("Level"), lambda s: levels.get(s.level, s.level)),
        (_("Domains of expertise"), lambda s: ", ".join(domain_names[d.pk] for d in s.domain_list)),
        (_("Influence"), lambda s: s.influence),
        (_("Interest"), lambda s: s.interest),
        (_("Active"), lambda s: yes if s.is_active else no),
        (_("Date joined"), lambda s: s.joined_on.isoformat() if s.joined_on else ""),
        (_("Notes"), lambda s: s.notes),
    ]
    if with_contacts:

        def contact(field):
            return lambda s: s.contact[field] if s.contact else ""

        columns += [
            (_("Primary contact"), contact("name")),
            (_("Contact's function"), contact("function")),
            (_("Contact's email"), contact("email")),
            (_("Contact's phone"), contact("phone")),
            (_("Contact's language"), lambda s: languages.get(s.contact["language"], "") if s.contact else ""),
        ]
    return columns


def _export_table(request, city_slug) -> tuple[str, list[list]]:
    """The filtered registry as the export's rows (header first) and the file name's stem. The CSV and
    the XLSX export share it, so both re-import through the import the same way."""
    access = get_city_for(request, city_slug)
    _form, filters, domains = _filter_form(request)
    with_contacts = access.can_see_personal_data
    rows = selectors.stakeholder_rows(
        city=access.city, filters=filters, domains=domains, with_notes=True, with_contacts=with_contacts
    )
    columns = _export_columns(with_contacts, domains)
    header = [header for header, _value in columns]
    body = [[value(stakeholder) for _header, value in columns] for stakeholder in rows]
    return f"registry-{access.city.slug}-{timezone.localdate().isoformat()}", [header, *body]


@login_required
@require_GET
def stakeholder_export(request, city_slug):
    stem, table = _export_table(request, city_slug)
    response = csv_response(csv_bytes(table), f"{stem}.csv")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def stakeholder_export_xlsx(request, city_slug):
    stem, table = _export_table(request, city_slug)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Registry")
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    for row in table:
        xlsx_append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = xlsx_response(buffer.getvalue(), f"{stem}.xlsx")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def stakeholder_detail(request, city_slug, pk):
    access = get_city_for(request, city_slug)
    stakeholder = selectors.stakeholder_detail(city=access.city, pk=pk)
    if stakeholder is None:
        raise Http404
    contacts = list(stakeholder.contacts.all())
    return render(
        request,
        "stakeholders/stakeholder_detail.html",
        {
            "city": access.city,
            "access": access,
            "stakeholder": stakeholder,
            "contacts": contacts,
            "active_contacts": [c for c in contacts if not c.erased_at],
            "erased_contacts": [c for c in contacts if c.erased_at],
            "sections": sections_render(request=request, stakeholder=stakeholder, city=access.city, access=access),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_create(request, city_slug):
    access = get_city_for(request, city_slug, Role.EDITOR)
    instance = Stakeholder(city=access.city)
    form = StakeholderForm(request.POST or None, instance=instance, city=access.city)
    if request.method == "POST" and form.is_valid():
        try:
            stakeholder = services.stakeholder_create(city=access.city, **form.service_kwargs())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” was added to the registry.") % {"name": stakeholder.name})
            return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/stakeholder_form.html",
        {"city": access.city, "access": access, "form": form, "stakeholder": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    stakeholder = _get_stakeholder(access, pk)
    form = StakeholderForm(request.POST or None, instance=stakeholder, city=access.city)
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_update(stakeholder=stakeholder, **form.service_kwargs())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” was saved.") % {"name": stakeholder.name})
            return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/stakeholder_form.html",
        {"city": access.city, "access": access, "form": form, "stakeholder": stakeholder},
    )


@login_required
@require_POST
def stakeholder_deactivate(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    stakeholder = _get_stakeholder(access, pk)
    if services.stakeholder_deactivate(stakeholder=stakeholder):
        messages.success(
            request,
            _("“%(name)s” is no longer an active member of the group. Its history is kept.")
            % {"name": stakeholder.name},
        )
    else:
        messages.info(request, _("“%(name)s” was already inactive.") % {"name": stakeholder.name})
    return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)


@login_required
@require_POST
def stakeholder_reactivate(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    stakeholder = _get_stakeholder(access, pk)
    if services.stakeholder_reactivate(stakeholder=stakeholder):
        messages.success(request, _("“%(name)s” is an active member of the group again.") % {"name": stakeholder.name})
    else:
        messages.info(request, _("“%(name)s” was already active.") % {"name": stakeholder.name})
    return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, city_slug, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    stakeholder = _get_stakeholder(access, pk)
    has_primary = stakeholder.contacts.filter(is_primary=True).exists()
    instance = Contact(stakeholder=stakeholder, is_primary=not has_primary)
    form = ContactForm(request.POST or None, instance=instance, stakeholder=stakeholder)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(stakeholder=stakeholder, **form.service_kwargs())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Contact “%(name)s” was added.") % {"name": contact.name})
            return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/contact_form.html",
        {"city": access.city, "access": access, "form": form, "stakeholder": stakeholder, "contact": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, city_slug, pk, contact_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    contact = _get_contact(access, pk, contact_pk)
    stakeholder = contact.stakeholder
    if contact.erased_at:
        messages.error(request, _("This contact's personal data was erased; it cannot be edited."))
        return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)
    form = ContactForm(request.POST or None, instance=contact, stakeholder=stakeholder)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, **form.service_kwargs())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Contact “%(name)s” was saved.") % {"name": contact.name})
            return redirect("stakeholders:detail", city_slug=access.city.slug, pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/contact_form.html",
        {"city": access.city, "access": access, "form": form, "stakeholder": stakeholder, "contact": contact},
    )


@login_required
@require_POST
def contact_make_primary(request, city_slug, pk, contact_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    contact = _get_contact(access, pk, contact_pk)
    if contact.is_primary:
        messages.info(request, _("“%(name)s” is already the primary contact.") % {"name": contact.name})
    else:
        try:
            services.contact_make_primary(contact=contact)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” is now the primary contact.") % {"name": contact.name})
    return redirect("stakeholders:detail", city_slug=access.city.slug, pk=pk)


@login_required
@require_POST
def contact_erase(request, city_slug, pk, contact_pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    contact = _get_contact(access, pk, contact_pk)
    if services.contact_erase(contact=contact):
        messages.success(request, _("The contact's personal data was erased."))
    else:
        messages.info(request, _("This contact's personal data was already erased."))
    return redirect("stakeholders:detail", city_slug=access.city.slug, pk=pk)
