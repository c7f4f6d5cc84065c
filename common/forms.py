"""Form widgets and mixins every app's forms share."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import MAX_DATE, MIN_DATE

# The direction and language of an input follow its field's language, not the page's: an Arabic
# name is typed right to left in /fr/ too, a French one left to right in /ar/.
LANGUAGE_ATTRS = {
    "fr": {"dir": "ltr", "lang": "fr"},
    "ar": {"dir": "rtl", "lang": "ar"},
}


class DateInput(forms.DateInput):
    """The browser's date picker; the value is written ISO (2023-11-07), the only form it reads.
    It offers only the plausible dates (common.dates), which the field's validator enforces."""

    input_type = "date"

    def __init__(self, attrs=None):
        bounds = {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}
        super().__init__(attrs=bounds | (attrs or {}), format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The browser's time picker, in 24-hour HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def field_language(name: str) -> str | None:
    """ "ar" for a field named *_ar, "fr" for *_fr, else None."""
    base, _sep, suffix = name.rpartition("_")
    return suffix if base and suffix in LANGUAGE_ATTRS else None


class BilingualFormMixin:
    """Marks every *_ar field dir="rtl" lang="ar" and every *_fr field dir="ltr" lang="fr".

    Put it before the form class: class StakeholderForm(BilingualFormMixin, forms.ModelForm). Fields
    added after __init__ are marked by calling mark_field_languages() again.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mark_field_languages()

    def mark_field_languages(self) -> None:
        for name, field in self.fields.items():
            language = field_language(name)
            if language:
                field.widget.attrs.update(LANGUAGE_ATTRS[language])


# --- Parameters a page reads from its query string (or a button's POST): ?q=, ?status=, ... -------------
#
# Every such parameter that reaches the database goes through one of these forms. Django's form fields
# refuse what PostgreSQL would answer with an error (a NUL character: ProhibitNullCharactersValidator on
# every CharField), text longer than the field, and values outside their choices. A bad parameter is
# dropped -- the page shows as if it were absent -- rather than answered with an error page.
# tests/security/test_hostile_queries.py walks every URL with hostile parameters.

SEARCH_MAX_LENGTH = 100


class QueryForm(forms.Form):
    """Base of the parameter forms: `values` holds each field's cleaned value, or its empty value when invalid."""

    @property
    def values(self) -> dict:
        self.is_valid()
        return {
            name: self.cleaned_data[name] if name in self.cleaned_data else field.clean(None)
            for name, field in self.fields.items()
        }


class SearchForm(QueryForm):
    """A list's search box (?q=)."""

    q = forms.CharField(required=False, max_length=SEARCH_MAX_LENGTH)


def search_query(data) -> str:
    """The search text of a GET or POST (stripped), or "" when it is invalid."""
    return SearchForm(data).values["q"]


class VersionPairForm(forms.Form):
    """Two versions of one city's document to compare (A and B, either order), by number: a number the
    city's document does not have (another city's, a bogus one) or the same version twice is refused
    with a message, never a 500."""

    a = forms.TypedChoiceField(label=_("Version A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Version B"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(number)s") % {"number": n}) for n in numbers]
        for name in ("a", "b"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = _("Choose one of this city's versions.")
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") is not None and cleaned.get("a") == cleaned.get("b"):
            raise forms.ValidationError(_("Choose two different versions."), code="same_version")
        return cleaned


class CheckboxList(forms.CheckboxSelectMultiple):
    """A multiple choice as a list of checkboxes, in a fieldset whose legend is the label (crispy forms),
    scrolling past a dozen choices (config/static/css/app.css, `[data-checkbox-list]`). It replaces <select multiple>,
    which needs Ctrl-click with a mouse and is hard to use with a keyboard or a screen reader."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"data-checkbox-list": ""} | (attrs or {}), choices=choices)


def form_add_errors(form, exc: ValidationError) -> None:
    """A rule the service enforces (after the form's own checks) shows on the form, never as a 500:
    on its field when the form has it, else on the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
