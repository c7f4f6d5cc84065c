"""Date and time widgets, and the mixin that gives every *_ar input right-to-left Arabic."""

import datetime
import importlib
import pathlib

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from common.forms import BilingualFormMixin, DateInput, TimeInput, field_language


class MeetingForm(BilingualFormMixin, forms.Form):
    title_fr = forms.CharField()
    title_ar = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    venue = forms.CharField()
    date = forms.DateField(widget=DateInput)
    start = forms.TimeField(widget=TimeInput)


def test_arabic_fields_are_right_to_left_and_french_fields_left_to_right():
    form = MeetingForm()
    assert form.fields["title_ar"].widget.attrs == {"rows": 2, "dir": "rtl", "lang": "ar", "cols": "40"}
    assert form.fields["title_fr"].widget.attrs == {"dir": "ltr", "lang": "fr"}
    assert "dir" not in form.fields["venue"].widget.attrs
    html = str(form["title_ar"])
    assert 'dir="rtl" lang="ar"' in html


def test_the_marks_do_not_leak_into_the_form_class():
    MeetingForm()
    assert "dir" not in MeetingForm.base_fields["title_ar"].widget.attrs


def test_fields_added_later_are_marked_on_request():
    form = MeetingForm()
    form.fields["summary_ar"] = forms.CharField()
    form.mark_field_languages()
    assert form.fields["summary_ar"].widget.attrs["dir"] == "rtl"


@pytest.mark.parametrize(
    ("name", "language"),
    [("name_ar", "ar"), ("means_of_verification_fr", "fr"), ("name", None), ("_ar", None), ("bar", None), ("ar", None)],
)
def test_field_language(name, language):
    assert field_language(name) == language


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_date_and_time_inputs_write_iso_values_whatever_the_language(language):
    form = MeetingForm(initial={"date": datetime.date(2023, 11, 7), "start": datetime.time(9, 5)})
    with translation.override(language):
        date_html, time_html = str(form["date"]), str(form["start"])
    assert 'type="date"' in date_html and 'value="2023-11-07"' in date_html
    assert 'min="1990-01-01"' in date_html and 'max="2100-12-31"' in date_html
    assert 'type="time"' in time_html and 'value="09:05"' in time_html


def _project_forms():
    """Every form class defined in a project app's forms.py (the apps are the folders of BASE_DIR)."""
    for config in apps.get_app_configs():
        if pathlib.Path(config.path).parent != pathlib.Path(settings.BASE_DIR):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def test_every_project_form_with_bilingual_fields_uses_the_mixin():
    bilingual = [form for form in _project_forms() if any(field_language(name) for name in form.base_fields)]
    assert bilingual, "the project has bilingual forms"
    assert [form.__qualname__ for form in bilingual if not issubclass(form, BilingualFormMixin)] == []
