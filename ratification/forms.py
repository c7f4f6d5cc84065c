"""Forms of the shared ratification machinery: the contact's decision, and the staff's follow-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.dates import validate_plausible_date
from common.forms import DateInput
from stakeholders.models import Contact, Stakeholder

from .models import RatificationStatus


class RatifyForm(forms.Form):
    """The contact's decision. Ratifying needs the box ticked, the typed name and the SHA-256 shown."""

    RATIFY, DECLINE = "ratify", "decline"

    action = forms.ChoiceField(choices=[(RATIFY, _("Ratify")), (DECLINE, _("Decline"))], widget=forms.HiddenInput)
    sha256 = forms.CharField(max_length=64, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have read this version and ratify it on behalf of the organisation I represent."), required=False
    )
    signed_name = forms.CharField(label=_("Your full name"), max_length=150, required=False)
    reason = forms.CharField(
        label=_("Reason for declining"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, version_sha256: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.version_sha256 = version_sha256

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("sha256", "").strip().lower() != self.version_sha256:
            raise forms.ValidationError(
                _("The document changed since you opened this page. Reload it and check it again.")
            )
        if data["action"] == self.RATIFY:
            if not data.get("confirm"):
                self.add_error("confirm", _("Tick the box to confirm that you ratify this version."))
            if not (data.get("signed_name") or "").strip():
                self.add_error("signed_name", _("Type your full name to ratify."))
        elif not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for declining."))
        return data


class PaperDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (RatificationStatus.RATIFIED, RatificationStatus.RATIFIED.label),
            (RatificationStatus.DECLINED, RatificationStatus.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    signed_name = forms.CharField(label=_("Name of the signatory"), max_length=150, required=False)
    reason = forms.CharField(
        label=_("Reason for declining"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(
        label=_("Date on the paper"), required=False, widget=DateInput, validators=[validate_plausible_date]
    )
    note = forms.CharField(label=_("Note (where the paper is kept)"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == RatificationStatus.RATIFIED and not (data.get("signed_name") or "").strip():
            self.add_error("signed_name", _("Enter the name of the person who signed."))
        if data.get("decision") == RatificationStatus.DECLINED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining."))
        return data


class ChangeContactForm(forms.Form):
    contact = forms.ModelChoiceField(label=_("New contact"), queryset=Contact.objects.none())

    def __init__(self, *args, stakeholder: Stakeholder, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.reachable().filter(stakeholder=stakeholder).order_by("name")
        self.fields["contact"].label_from_instance = lambda c: f"{c.name} <{c.email}>"


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
