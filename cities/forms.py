"""Forms for the parameters a page reads from its query string (or a button's POST): ?q=, ?status=, ...

Every such parameter that reaches the database goes through one of these forms. Django's form fields
refuse what PostgreSQL would answer with an error (a NUL character: ProhibitNullCharactersValidator on
every CharField), text longer than the field, and values outside their choices. A bad parameter is
dropped -- the page shows as if it were absent -- rather than answered with an error page.
tests/security/test_hostile_queries.py walks every URL with hostile parameters.
"""

from django import forms

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
