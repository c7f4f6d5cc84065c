from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["daily_digest", "language"]
        labels = {
            "daily_digest": _("Send me a daily digest of my unread notifications by email"),
            "language": _("Language of the emails I receive"),
        }
        widgets = {
            "language": forms.Select(attrs={"class": "form-select w-auto"}),
            "daily_digest": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }
