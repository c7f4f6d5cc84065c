"""The view plumbing every app shares: a service's refusal as messages or on the form."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from common.forms import form_add_errors
from common.views import service_call_with_messages


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _refuse(**kwargs):
    raise ValidationError(["First reason.", "Second reason."])


def test_it_shows_the_success_message_when_the_service_goes_through():
    request = _request()
    calls = []

    done = service_call_with_messages(request, lambda **kw: calls.append(kw), success="Done.", item=7)

    assert done is True
    assert calls == [{"item": 7}]
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [("success", "Done.")]


def test_it_shows_each_reason_of_a_refusal_as_an_error():
    request = _request()

    done = service_call_with_messages(request, _refuse, success="Done.", item=7)

    assert done is False
    # MESSAGE_TAGS shows an error as Bootstrap's "danger".
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("danger", "First reason."),
        ("danger", "Second reason."),
    ]


class _Form(forms.Form):
    name = forms.CharField(required=False)


def test_form_add_errors_puts_a_reason_on_its_field_or_on_the_whole_form():
    form = _Form({"name": "x"})
    form.is_valid()

    form_add_errors(form, ValidationError({"name": "Taken.", "other": "Not a field here."}))
    form_add_errors(form, ValidationError("Closed."))

    assert form.errors == {"name": ["Taken."], "__all__": ["Not a field here.", "Closed."]}
