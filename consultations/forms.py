from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import BilingualFormMixin, CheckboxList, DateInput, TimeInput
from stakeholders.models import Contact, Stakeholder

from .agenda import MAX_SHIFT, AgendaAction
from .models import AgendaItem, AgendaItemKind, Answer, Consultation, MeetingLanguage, Minutes

LANGUAGE_LABELS = {"fr": _("%(label)s (French)"), "ar": _("%(label)s (Arabic)")}


class TranslatedLabelsMixin(BilingualFormMixin):
    """Label each translated field with its language (the common mixin sets its direction)."""

    def label_languages(self):
        for name, field in self.fields.items():
            suffix = name.rsplit("_", 1)[-1]
            if suffix in LANGUAGE_LABELS and name[:-3] in self.translated_fields:
                field.label = LANGUAGE_LABELS[suffix] % {"label": self.translated_fields[name[:-3]]}


class ConsultationForm(TranslatedLabelsMixin, forms.ModelForm):
    translated_fields = {
        "title": _("Title"),
        "objectives": _("Objectives"),
        "expected_outcome": _("Expected outcome"),
        "venue": _("Venue"),
    }
    languages = forms.MultipleChoiceField(
        label=_("Official languages"),
        choices=MeetingLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["fr", "ar"],
    )

    class Meta:
        model = Consultation
        fields = [
            "title_fr",
            "title_ar",
            "date",
            "start_time",
            "end_time",
            "venue_fr",
            "venue_ar",
            "languages",
            "chatham_house",
            "objectives_fr",
            "objectives_ar",
            "expected_outcome_fr",
            "expected_outcome_ar",
        ]
        widgets = {
            "date": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
            "objectives_fr": forms.Textarea(attrs={"rows": 4}),
            "objectives_ar": forms.Textarea(attrs={"rows": 4}),
            "expected_outcome_fr": forms.Textarea(attrs={"rows": 3}),
            "expected_outcome_ar": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        self.fields["start_time"].help_text = _("Local time of the city.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and start >= end:
            self.add_error("end_time", _("The consultation must end after it starts."))
        return cleaned


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.stakeholder.name}"


class SpeakerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class StakeholderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def _lines(value: str) -> list[str]:
    return [" ".join(line.split()) for line in (value or "").splitlines() if line.strip()]


class AgendaItemForm(TranslatedLabelsMixin, forms.ModelForm):
    translated_fields = {
        "title": _("Title"),
        "description": _("Description"),
        "moderator_function": _("Moderator's function"),
        "sub_points": _("Sub-points"),
    }
    moderator_contact = ContactChoiceField(
        queryset=Contact.objects.none(), required=False, label=_("Moderator (contact)")
    )
    speakers = SpeakerChoiceField(
        queryset=Stakeholder.objects.none(),
        required=False,
        label=_("Speakers"),
        widget=CheckboxList(),
    )
    sub_points_fr = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        help_text=_("One sub-point per line."),
    )
    sub_points_ar = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        help_text=_("The Arabic lines in the same order as the French ones."),
    )

    class Meta:
        model = AgendaItem
        fields = [
            "start_time",
            "end_time",
            "shares_slot",
            "kind",
            "title_fr",
            "title_ar",
            "description_fr",
            "description_ar",
            "moderator_contact",
            "moderator_name",
            "moderator_function_fr",
            "moderator_function_ar",
            "speakers",
        ]
        widgets = {
            "start_time": TimeInput,
            "end_time": TimeInput,
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_ar": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, consultation: Consultation, previous: AgendaItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.previous = previous
        city = consultation.city
        self.fields["moderator_contact"].queryset = (
            Contact.objects.filter(stakeholder__city=city, stakeholder__is_active=True, erased_at__isnull=True)
            .select_related("stakeholder")
            .order_by("name", "pk")
        )
        self.fields["speakers"].queryset = Stakeholder.objects.filter(city=city, is_active=True).order_by(
            "name_fr", "pk"
        )
        self.fields["start_time"].required = False
        self.fields["end_time"].required = False
        self.fields["kind"].choices = AgendaItemKind.choices
        self.fields["moderator_name"].help_text = _("Or type the name when the moderator is not a contact.")
        if self.instance.pk:
            points = list(self.instance.sub_points.all())
            self.initial["sub_points_fr"] = "\n".join(p.title_fr for p in points)
            self.initial["sub_points_ar"] = "\n".join(p.title_ar or "" for p in points)
        self.label_languages()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if cleaned.get("shares_slot"):
            # The previous item's slot, whatever the time fields hold (a start filled in beforehand, an
            # empty end): the box says "same slot", so the times are copied, not asked for.
            if self.previous is None:
                self.add_error("shares_slot", _("There is no previous item whose time slot this item could share."))
            else:
                for name in ("start_time", "end_time"):
                    self.errors.pop(name, None)
                cleaned["start_time"], cleaned["end_time"] = self.previous.start_time, self.previous.end_time
        else:
            if not start and "start_time" not in self.errors:
                self.add_error("start_time", _("This field is required."))
            if not end and "end_time" not in self.errors:
                self.add_error("end_time", _("This field is required."))
            if start and end and start >= end:
                self.add_error("end_time", _("An item must end after it starts."))
        if cleaned.get("moderator_contact") and cleaned.get("moderator_name"):
            self.add_error("moderator_name", _("Choose a contact or type a name for the moderator, not both."))
        french, arabic = _lines(cleaned.get("sub_points_fr", "")), _lines(cleaned.get("sub_points_ar", ""))
        if len(arabic) > len(french):
            self.add_error("sub_points_ar", _("There are more Arabic lines than French ones."))
        too_long = [line for line in french + arabic if len(line) > 250]
        if too_long:
            self.add_error("sub_points_fr", _("A sub-point is longer than 250 characters."))
        cleaned["sub_points"] = [(fr, arabic[n] if n < len(arabic) else "") for n, fr in enumerate(french)]
        return cleaned

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "speakers"}
        data["moderator_name"] = data.get("moderator_name") or ""
        return data


class AgendaArrangeForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(AgendaAction.UP, _("Move up")), (AgendaAction.DOWN, _("Move down")), (AgendaAction.SHIFT, _("Shift"))]
    )
    minutes = forms.IntegerField(
        required=False, min_value=-MAX_SHIFT, max_value=MAX_SHIFT, label=_("Minutes (negative: earlier)"), initial=5
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == AgendaAction.SHIFT and not cleaned.get("minutes"):
            self.add_error(
                "minutes",
                _("Shift by a number of minutes between -%(max)s and %(max)s, not zero.") % {"max": MAX_SHIFT},
            )
        return cleaned


class HoldForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for going ahead anyway"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Coordinators only. It is recorded with your name and shown on the consultation page."),
    )


class InvitationSendForm(forms.Form):
    ALL = "all"
    SELECTION = "selection"
    scope = forms.ChoiceField(
        label=_("Invite"),
        choices=[(ALL, _("All active stakeholders")), (SELECTION, _("Only the stakeholders chosen below"))],
        widget=forms.RadioSelect,
        initial=ALL,
    )
    stakeholders = SpeakerChoiceField(
        queryset=Stakeholder.objects.none(),
        required=False,
        label=_("Stakeholders"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, stakeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholders"].queryset = stakeholders

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == self.SELECTION and not cleaned.get("stakeholders"):
            self.add_error("stakeholders", _("Choose at least one stakeholder."))
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Answer.ATTENDING, _("We will attend")),
            (Answer.NOT_ATTENDING, _("We will not attend")),
            (Answer.DELEGATE, _("We are sending a delegate")),
        ],
        widget=forms.RadioSelect,
    )
    delegate_name = forms.CharField(label=_("Name and function of the delegate"), required=False, max_length=150)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.DELEGATE and not (cleaned.get("delegate_name") or "").strip():
            self.add_error("delegate_name", _("Give the name of the person you are sending."))
        return cleaned


class WalkInForm(forms.Form):
    stakeholder = StakeholderChoiceField(queryset=Stakeholder.objects.none(), label=_("Stakeholder"))

    def __init__(self, *args, stakeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = stakeholders


class MinutesForm(TranslatedLabelsMixin, forms.ModelForm):
    translated_fields = {
        "summary": _("Summary"),
        "decisions": _("Decisions"),
        "next_steps": _("Next steps"),
        "attributed_statements": _("Statements with attribution"),
    }

    class Meta:
        model = Minutes
        fields = [
            "summary_fr",
            "summary_ar",
            "decisions_fr",
            "decisions_ar",
            "next_steps_fr",
            "next_steps_ar",
            "attributed_statements_fr",
            "attributed_statements_ar",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation.chatham_house:
            # Under the Chatham House rule the minutes have no place to attribute a statement.
            del self.fields["attributed_statements_fr"]
            del self.fields["attributed_statements_ar"]
        self.label_languages()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("summary_fr") and "summary_fr" not in self.errors:
            self.add_error("summary_fr", ValidationError(_("This field is required.")))
        return cleaned


class MinutesCirculateForm(forms.Form):
    review_until = forms.DateField(label=_("Remarks accepted until"), widget=DateInput())


class MinutesRemarkForm(forms.Form):
    text = forms.CharField(label=_("Your remark"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
