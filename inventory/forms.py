from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City
from common.collation import translated_name_order
from common.forms import CheckboxList
from consultations.models import Consultation
from planning.forms import (
    AmountField,
    DateInput,
    MonthField,
    PlanningModelForm,
    StakeholderChoiceField,
    StakeholderMultipleChoiceField,
    city_stakeholders,
)
from stakeholders.models import Domain, Stakeholder

from .models import Assessment, Criterion, Programme, ProgrammeStatus, Score, TargetGroup
from .selectors import mapping_choices

SELECT_SM = {"class": "form-select form-select-sm"}


class ProgrammeForm(PlanningModelForm):
    start_month = MonthField(label=_("Start (month or quarter)"))
    end_month = MonthField(
        label=_("End (month or quarter)"), end=True, required=False, help_text=_("Empty: no end date.")
    )
    target_groups = forms.MultipleChoiceField(
        choices=TargetGroup.choices, label=_("Target groups"), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Programme
        fields = [
            "title_fr",
            "title_ar",
            "description_fr",
            "description_ar",
            "lead",
            "partners",
            "domains",
            "coverage",
            "districts_fr",
            "districts_ar",
            "start_month",
            "end_month",
            "status",
            "funding_source_fr",
            "funding_source_ar",
            "amount",
            "currency",
            "source",
            "mapping_items",
        ]
        widgets = {
            "description_fr": forms.Textarea,
            "description_ar": forms.Textarea,
            "domains": forms.CheckboxSelectMultiple,
        }
        field_classes = {"amount": AmountField}

    def __init__(self, *args, city: City, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.city = city
        self.fields["title_fr"].required = True
        keep_partners = list(self.instance.partners.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["lead"] = StakeholderChoiceField(
            queryset=city_stakeholders(city, keep=[self.instance.lead_id]), label=_("Lead stakeholder")
        )
        self.fields["partners"] = StakeholderMultipleChoiceField(
            queryset=city_stakeholders(city, keep=keep_partners),
            required=False,
            label=_("Partner stakeholders"),
            widget=CheckboxList(),
        )
        self.fields["domains"].queryset = Domain.objects.order_by("position", "code")
        self.fields["mapping_items"] = forms.ModelMultipleChoiceField(
            queryset=mapping_choices(city=city),
            required=False,
            label=_("Needs and opportunities of the mapping it relates to"),
            help_text=_("From the mapping of consultation 2, when it exists."),
            widget=CheckboxList(),
        )
        self.fields["mapping_items"].label_from_instance = (
            lambda item: f"{item.get_kind_display()} · {item.domain.name} · {item.short_text}"
        )
        self.fields["currency"].required = False
        self.fields["districts_fr"].help_text = _("When only some districts are covered: which ones.")
        if self.instance.pk:
            self.initial["target_groups"] = [t.group for t in self.instance.target_groups.all()]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_month"), data.get("end_month")
        if start and end and end < start:
            self.add_error("end_month", _("The end cannot come before the start."))
        if data.get("amount") is not None and not data.get("currency") and "currency" not in self.errors:
            self.add_error("currency", _("Give the amount's currency."))
        if data.get("amount") is None:
            data["currency"] = ""
            self.instance.currency = ""
        return data


class ProgrammeFilterForm(forms.Form):
    domain = forms.ModelChoiceField(
        queryset=Domain.objects.order_by("position", "code"),
        required=False,
        label=_("Domain"),
        empty_label=_("All"),
        widget=forms.Select(attrs=SELECT_SM),
    )
    status = forms.ChoiceField(
        choices=[("", _("All")), *ProgrammeStatus.choices],
        required=False,
        label=_("Status"),
        widget=forms.Select(attrs=SELECT_SM),
    )
    target_group = forms.ChoiceField(
        choices=[("", _("All")), *TargetGroup.choices],
        required=False,
        label=_("Target group"),
        widget=forms.Select(attrs=SELECT_SM),
    )
    stakeholder = forms.ModelChoiceField(
        queryset=Stakeholder.objects.none(),
        required=False,
        label=_("Stakeholder (lead or partner)"),
        empty_label=_("All"),
        widget=forms.Select(attrs=SELECT_SM),
    )

    def __init__(self, *args, city: City, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(city=city).order_by(
            translated_name_order(), "pk"
        )
        self.fields["stakeholder"].label_from_instance = lambda s: s.display_name


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("All")), *ProgrammeStatus.choices],
        required=False,
        label=_("Status"),
        widget=forms.Select(attrs=SELECT_SM),
    )


class CriterionForm(PlanningModelForm):
    # Not the model field: empty means "last" for a new criterion and "where it is" for an existing one.
    position = forms.IntegerField(
        label=_("Position"), required=False, min_value=0, help_text=_("Order on the assessment form; empty: last.")
    )

    class Meta:
        model = Criterion
        fields = ["name_fr", "name_ar", "description_fr", "description_ar"]
        widgets = {"description_fr": forms.Textarea, "description_ar": forms.Textarea}

    def __init__(self, *args, city: City, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.city = city
        self.fields["name_fr"].required = True
        if self.instance.pk:
            self.initial.setdefault("position", self.instance.position)


class AssessmentForm(PlanningModelForm):
    """The texts and a score per criterion of the city (fields rating_<criterion id>)."""

    scope_fields = ("programme",)

    class Meta:
        model = Assessment
        fields = [
            "assessed_on",
            "consultation",
            "positives_fr",
            "positives_ar",
            "negatives_fr",
            "negatives_ar",
            "gaps_fr",
            "gaps_ar",
            "lessons_fr",
            "lessons_ar",
        ]
        widgets = {
            "assessed_on": DateInput,
            **{
                f"{name}_{lang}": forms.Textarea(attrs={"rows": 3})
                for name in ("positives", "negatives", "gaps", "lessons")
                for lang in ("fr", "ar")
            },
        }

    def __init__(self, *args, programme: Programme, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.criteria = list(criteria)
        self.fields["consultation"].queryset = Consultation.objects.filter(city_id=programme.city_id).order_by("number")
        self.fields["consultation"].label_from_instance = lambda c: str(c)
        current = {}
        if self.instance.pk:
            current = {r.criterion_id: r.score for r in self.instance.ratings.all()}
        for criterion in self.criteria:
            name = f"rating_{criterion.pk}"
            self.fields[name] = forms.TypedChoiceField(
                choices=[("", _("Not rated")), *Score.choices],
                coerce=int,
                empty_value=None,
                required=False,
                label=criterion.name,
                help_text=criterion.description,
            )
            if criterion.pk in current:
                self.initial[name] = current[criterion.pk]

    @property
    def rating_fields(self):
        return [self[f"rating_{criterion.pk}"] for criterion in self.criteria]

    @property
    def text_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self):
        data = super().clean()
        data["ratings"] = {c: data.pop(f"rating_{c.pk}", None) for c in self.criteria}
        return data
