"""Coordination roles of a version's stakeholders (the role matrix)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.models import Role
from cities.permissions import get_city_for
from common.forms import search_query
from common.views import city_context, error_messages_add

from .. import selectors
from ..forms import RoleAssignmentForm
from ..models import RoleAssignment
from ..services import roles as services
from .base import form_data

PAGE_SIZE = 50


@login_required
def role_assignment_list(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR if request.method == "POST" else Role.VIEWER)
    version = selectors.tor_version_get(city=access.city, number=number)
    query = search_query(request.GET)
    page = Paginator(selectors.matrix_stakeholders(version=version, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    stakeholders = list(page.object_list)
    form = RoleAssignmentForm(form_data(request), version=version, offered=stakeholders)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.role_assignment_add(version=version, **form.cleaned_data)
            except ValidationError as exc:
                error_messages_add(request, exc)
            else:
                messages.success(request, _("Role assigned."))
                domain, stakeholder = form.cleaned_data.get("domain"), form.cleaned_data["stakeholder"]
                if domain is not None and not stakeholder.domains.filter(pk=domain.pk).exists():
                    messages.warning(
                        request,
                        _(
                            "“%(stakeholder)s” does not work in “%(domain)s” according to the registry: check the "
                            "role, or add the domain on the stakeholder's page."
                        )
                        % {"stakeholder": stakeholder.name, "domain": domain.name},
                    )
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("The role could not be assigned: correct the form below."))
    matrix = selectors.role_matrix(version=version, stakeholders=stakeholders)
    return render(
        request,
        "terms/role_matrix.html",
        city_context(access, version=version, page=page, matrix=matrix, form=form, query=query),
    )


@login_required
@require_POST
def role_assignment_remove(request, city_slug, number, pk):
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = selectors.tor_version_get(city=access.city, number=number)
    assignment = get_object_or_404(RoleAssignment, pk=pk, version=version)
    try:
        services.role_assignment_remove(assignment=assignment)
    except ValidationError as exc:
        error_messages_add(request, exc)
    else:
        messages.success(request, _("Role removed."))
    return redirect("terms:roles", city_slug=city_slug, number=number)
