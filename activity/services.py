"""Writes to the change history: only erasure. History rows are otherwise append-only."""

import re

from django.apps import apps
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords, registered_models
from simple_history.utils import get_history_model_for_model

from stakeholders.models import Contact

PERSONAL_CONTACT_FIELDS = ("name", "function", "email", "phone")


def history_models() -> list[type[models.Model]]:
    """Every historical table the project keeps (whichever app registered it), with the tables of the
    many-to-many links kept alongside (a stakeholder's domains, an action's partners, ...)."""
    seen = []
    for model in registered_models.values():
        if apps.is_installed(model._meta.app_config.name) and not model._meta.auto_created:
            history = get_history_model_for_model(model)
            for table in [history, *(HistoricalRecords.m2m_models[f] for f in history._history_m2m_fields)]:
                if table not in seen:
                    seen.append(table)
    return seen


def _text_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.name.startswith("history_")
    ]


def history_scrub_contact(*, contact: Contact, erased_values: list[str]) -> int:
    """Right to erasure in the change history: the contact's own historical rows lose their personal data,
    and every text column of every historical table loses the erased name, email and phone wherever they
    appear (a free-text moderator, a note), whatever their case. Returns the number of rows changed."""
    changed = (
        get_history_model_for_model(Contact)
        .objects.filter(id=contact.pk)
        .update(**dict.fromkeys(PERSONAL_CONTACT_FIELDS, ""))
    )
    values = sorted({v.strip() for v in erased_values if v and v.strip()}, key=len, reverse=True)
    if not values:
        return changed
    pattern = re.compile("|".join(re.escape(v) for v in values), re.IGNORECASE)
    for history in history_models():
        for column in _text_fields(history):
            carrying = Q()
            for value in values:
                carrying |= Q(**{f"{column}__icontains": value})
            for pk, text in history.objects.filter(carrying).values_list("history_id", column):
                scrubbed = pattern.sub("", text)
                if scrubbed != text:
                    changed += history.objects.filter(history_id=pk).update(**{column: scrubbed})
    return changed
