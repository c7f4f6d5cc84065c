"""The staff's side of personal spaces: send (or send again) a contact the link to their space."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.models import Role
from cities.permissions import get_city_for
from stakeholders.models import Contact

from . import services


@login_required
@require_POST
def space_link_send(request, city_slug, contact_pk):
    """Email the contact a new link to their personal space; any earlier one stops working."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    contact = get_object_or_404(
        Contact.objects.select_related("stakeholder"), pk=contact_pk, stakeholder__city=access.city
    )
    try:
        services.space_link_send(contact=contact, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The link to the personal space was sent to %(email)s; any earlier link stops working.")
            % {"email": contact.email},
        )
    return redirect("stakeholders:detail", city_slug=city_slug, pk=contact.stakeholder_id)
