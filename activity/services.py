"""Writes to the change history: only erasure. History rows are otherwise append-only."""

from django.apps import apps
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from simple_history.models import registered_models
from simple_history.utils import get_history_model_for_model

from stakeholders.models import Contact

PERSONAL_CONTACT_FIELDS = ("name", "function", "email", "phone")


def history_models() -> list[type[models.Model]]:
    """Every historical table the project keeps (whichever app registered it)."""
    seen = []
    for model in registered_models.values():
        if apps.is_installed(model._meta.app_config.name) and not model._meta.auto_created:
            history = get_history_model_for_model(model)
            if history not in seen:
                seen.append(history)
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
    appear (a free-text moderator, a note). Returns the number of rows changed."""
    changed = (
        get_history_model_for_model(Contact)
        .objects.filter(id=contact.pk)
        .update(**dict.fromkeys(PERSONAL_CONTACT_FIELDS, ""))
    )
    values = sorted({v for v in erased_values if v and v.strip()}, key=len, reverse=True)
    for history in history_models():
        columns = _text_fields(history)
        for value in values:
            for column in columns:
                changed += history.objects.filter(**{f"{column}__contains": value}).update(
                    **{column: Replace(F(column), Value(value), Value(""))}
                )
                # Emails are compared without regard to case.
                if "@" in value:
                    rows = history.objects.filter(Q(**{f"{column}__icontains": value}))
                    for row in rows.only("history_id", column):
                        text = getattr(row, column)
                        start = text.lower().find(value.lower())
                        while start != -1:
                            text = text[:start] + text[start + len(value) :]
                            start = text.lower().find(value.lower())
                        changed += history.objects.filter(history_id=row.history_id).update(**{column: text})
    return changed
