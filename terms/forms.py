from django import forms
from django.utils.translation import gettext_lazy as _

from common.dates import validate_plausible_date
from common.forms import BilingualFormMixin, DateInput
from stakeholders.models import Domain, Stakeholder

from .models import (
    CoordinationRole,
    TorChange,
    TorFeedback,
    TorSection,
    TorVersion,
    VersionStatus,
)


class SectionForm(BilingualFormMixin, forms.ModelForm):
    class Meta:
        model = TorSection
        fields = ["heading_fr", "heading_ar", "text_fr", "text_ar"]
        labels = {
            "heading_fr": _("Heading (French)"),
            "heading_ar": _("Heading (Arabic)"),
            "text_fr": _("Text (French)"),
            "text_ar": _("Text (Arabic)"),
        }
        widgets = {
            "text_fr": forms.Textarea(attrs={"rows": 8}),
            "text_ar": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading_fr"].required = True
        for name in ("heading_ar", "text_fr", "text_ar"):
            self.fields[name].required = False


class VersionSummaryForm(BilingualFormMixin, forms.ModelForm):
    class Meta:
        model = TorVersion
        fields = ["summary_fr", "summary_ar"]
        labels = {"summary_fr": _("Summary of changes (French)"), "summary_ar": _("Summary of changes (Arabic)")}
        widgets = {
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_ar": forms.Textarea(attrs={"rows": 3}),
        }


class VersionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=VersionStatus.choices)
    presented_on = forms.DateField(
        label=_("Presented on"), required=False, widget=DateInput, validators=[validate_plausible_date]
    )


class PaperFeedbackForm(forms.ModelForm):
    """Feedback received on paper or by phone, entered by staff."""

    class Meta:
        model = TorFeedback
        fields = ["section", "stakeholder", "author_name", "language", "text"]
        labels = {"section": _("Section (empty: the whole document)"), "author_name": _("Written by")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, version: TorVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = version.sections.order_by("position", "pk")
        self.fields["section"].required = False
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(city_id=version.tor.city_id).order_by(
            "name_fr", "pk"
        )
        self.fields["stakeholder"].required = False
        self.fields["text"].required = True


class FeedbackReplyForm(forms.ModelForm):
    """A coordinator's answer to one remark: what became of it, and a word of explanation."""

    class Meta:
        model = TorFeedback
        fields = ["reply_status", "reply"]
        labels = {"reply_status": _("Follow-up"), "reply": _("Reply to the stakeholder")}
        widgets = {"reply": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_status"].required = True
        self.fields["reply"].required = False


class ChangeForm(BilingualFormMixin, forms.ModelForm):
    class Meta:
        model = TorChange
        fields = ["section", "description_fr", "description_ar", "feedback"]
        labels = {
            "section": _("Section"),
            "description_fr": _("What changed (French)"),
            "description_ar": _("What changed (Arabic)"),
            "feedback": _("Prompted by this feedback"),
        }
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_ar": forms.Textarea(attrs={"rows": 2}),
            "feedback": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, version: TorVersion, feedback_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = version.sections.order_by("position", "pk")
        self.fields["section"].required = False
        self.fields["description_fr"].required = True
        self.fields["description_ar"].required = False
        self.fields["feedback"].queryset = feedback_queryset
        self.fields["feedback"].required = False
        self.fields["feedback"].label_from_instance = lambda f: _("v%(number)s · %(section)s · %(who)s: %(text)s") % {
            "number": f.version.number,
            "section": f.section.heading if f.section_id else _("whole document"),
            "who": f.stakeholder.name if f.stakeholder_id else (f.author_name or "—"),
            "text": f.text[:120],
        }


class RoleAssignmentForm(forms.Form):
    stakeholder = forms.ModelChoiceField(label=_("Stakeholder"), queryset=Stakeholder.objects.none())
    role = forms.ModelChoiceField(label=_("Role"), queryset=CoordinationRole.objects.all())
    domain = forms.ModelChoiceField(
        label=_("Domain of expertise"), queryset=Domain.objects.all(), required=False, empty_label=_("No domain")
    )

    def __init__(self, *args, version: TorVersion, offered=None, **kwargs):
        """Any active stakeholder of the city is accepted; the list offers only `offered` (the page of the
        matrix shown), so that a group of thousands does not put thousands of options in the page."""
        super().__init__(*args, **kwargs)
        field = self.fields["stakeholder"]
        field.queryset = Stakeholder.objects.filter(city_id=version.tor.city_id, is_active=True).order_by(
            "name_fr", "pk"
        )
        if offered is not None:
            field.widget.choices = [("", field.empty_label)] + [(s.pk, str(s)) for s in offered if s.is_active]
        field.help_text = _("The stakeholders of the page shown; search the matrix to find another.")


class PublicFeedbackForm(forms.Form):
    """One optional comment box per section, and one for the whole document."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for section in self.sections:
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=_("Your comment on this section"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["general"] = forms.CharField(
            label=_("Comment on the whole document"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def clean(self):
        data = super().clean()
        if not self.errors and not any((v or "").strip() for v in data.values()):
            raise forms.ValidationError(_("Write at least one comment."))
        return data

    def entries(self) -> dict:
        out = {s.pk: self.cleaned_data.get(f"section_{s.pk}", "") for s in self.sections}
        out[None] = self.cleaned_data.get("general", "")
        return out

    def section_fields(self):
        return [(s, self[f"section_{s.pk}"]) for s in self.sections]
