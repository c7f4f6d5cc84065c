from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import KIND_KEYS, MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """The navbar's box. Too long, a NUL byte or an unknown kind: a message on the page, never a 500."""

    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={"max_length": _("Type at most %(limit_value)d characters.")},
    )
    kind = forms.ChoiceField(choices=[(k, k) for k in KIND_KEYS], required=False)
