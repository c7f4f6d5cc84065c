from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, QueryForm

from .registry import tracked_choices
from .selectors import ActivityFilters


class ActivityFilterForm(QueryForm):
    """The activity log's filters (?kind=&user=&date_from=&date_to=); an invalid value is dropped."""

    kind = forms.ChoiceField(label=_("Object type"), required=False)
    user = forms.TypedChoiceField(label=_("User"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All types")), *tracked_choices()]
        self.fields["user"].choices = [("", _("All users")), *((u.pk, u.get_username()) for u in users)]

    def filters(self) -> ActivityFilters:
        values = self.values
        return ActivityFilters(
            kind=values["kind"] or "",
            user_id=values["user"],
            date_from=values["date_from"],
            date_to=values["date_to"],
        )
