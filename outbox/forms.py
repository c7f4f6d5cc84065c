from django import forms

from common.forms import QueryForm

from .models import EmailStatus, OutgoingEmail


class EmailFilterForm(QueryForm):
    """The list's filters (?status=, ?batch=), and the batch a retry button posts back."""

    status = forms.ChoiceField(required=False, choices=[("", ""), *EmailStatus.choices])
    batch = forms.CharField(required=False, max_length=OutgoingEmail._meta.get_field("batch").max_length)
