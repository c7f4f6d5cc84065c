"""Forms of the reminders app: the city's policy, and a contact reached by post or by phone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import TimeInput
from consultations.models import Answer
from stakeholders.models import SendChannel

from .models import ReminderPolicy


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ["enabled", "days_before", "repeat_days", "quiet_start", "quiet_end"]
        widgets = {"quiet_start": TimeInput(), "quiet_end": TimeInput()}

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days_before"].min_value = 1
        self.fields["days_before"].max_value = 60
        self.fields["days_before"].widget.attrs.update(min=1, max=60)
        self.fields["repeat_days"].max_value = 30
        self.fields["repeat_days"].widget.attrs.update(min=0, max=30)
        for name, field in self.fields.items():
            field.disabled = read_only
            css = "form-check-input" if name == "enabled" else "form-control"
            field.widget.attrs["class"] = css
            if name != "enabled":
                field.widget.attrs["dir"] = "ltr"

    def clean_days_before(self):
        value = self.cleaned_data["days_before"]
        if not 1 <= value <= 60:
            raise forms.ValidationError(_("The first reminder goes between 1 and 60 days before the deadline."))
        return value

    def clean_repeat_days(self):
        value = self.cleaned_data["repeat_days"]
        if value > 30:
            raise forms.ValidationError(_("Repeat at most every 30 days."))
        return value


OFFLINE_CHANNELS = [(SendChannel.POST, SendChannel.POST.label), (SendChannel.PHONE, SendChannel.PHONE.label)]


class OfflineSendForm(forms.Form):
    """Record that a stakeholder without an email address was reached by post or by phone."""

    stakeholder = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    channel = forms.ChoiceField(label=_("Sent by"), choices=OFFLINE_CHANNELS)


class StaffAnswerForm(forms.Form):
    """An invitation's answer received on paper or by phone."""

    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Answer.ATTENDING, Answer.ATTENDING.label),
            (Answer.NOT_ATTENDING, Answer.NOT_ATTENDING.label),
            (Answer.DELEGATE, Answer.DELEGATE.label),
        ],
    )
    delegate_name = forms.CharField(label=_("Delegate's name"), max_length=150, required=False)
