import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cities.models import City
from common.collation import translated_name_order
from common.dates import validate_plausible_date
from common.forms import BilingualFormMixin, CheckboxList, DateInput
from stakeholders.models import Domain, Stakeholder

from .models import (
    Action,
    ActionStatus,
    Indicator,
    MappingItem,
    MappingKind,
    Measurement,
    RoadmapApproval,
    RoadmapVersion,
)

# Arabic-Indic and Eastern Arabic-Indic digits typed in /ar/ read as Western digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# 2024-05, 2024-5, 2024-05-01, 05/2024
_MONTH = re.compile(r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})(?:-\d{1,2})?|(?P<m2>\d{1,2})/(?P<y2>\d{4}))$")
# 2024-T2, 2024-Q2, 2024 T2, T2 2024, Q2-2024; T (trimestre), Q (quarter), ث (ثلاثي)
_QUARTER = re.compile(
    r"^(?:(?P<y1>\d{4})\s*[-/ ]?\s*[TQث]\s*(?P<q1>[1-4])|[TQث]\s*(?P<q2>[1-4])\s*[-/ ]?\s*(?P<y2>\d{4}))$",
    re.IGNORECASE,
)


def parse_month(value: str, *, end: bool = False) -> datetime.date:
    """'2024-05' -> 2024-05-01; a quarter '2024-T2' -> its first month (2024-04-01), or its last (2024-06-01) for an end."""
    text = " ".join((value or "").translate(_DIGITS).split())
    match = _MONTH.match(text)
    if match:
        year = int(match["y1"] or match["y2"])
        month = int(match["m1"] or match["m2"])
    else:
        match = _QUARTER.match(text)
        if not match:
            raise ValueError(value)
        year = int(match["y1"] or match["y2"])
        quarter = int(match["q1"] or match["q2"])
        month = 3 * quarter if end else 3 * quarter - 2
    if not 1 <= month <= 12:
        raise ValueError(value)
    return datetime.date(year, month, 1)  # ValueError for year 0; the field checks the range


class MonthField(forms.Field):
    """A month typed as 2024-05 (or 05/2024), or a quarter typed as 2024-T2 / 2024-Q2; stored as the first day."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a month as 2024-05 or a quarter as 2024-T2."),
    }
    default_validators = [validate_plausible_date]

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        kwargs.setdefault("help_text", _("Month (2024-05) or quarter (2024-T2)."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "2024-05 / 2024-T2", "dir": "ltr", "maxlength": "20"})

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        try:
            return parse_month(str(value)[:40], end=self.end)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class AmountField(forms.DecimalField):
    """A decimal typed the local way: "12 500,50" or "12500.50" (spaces and either separator)."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update({"inputmode": "decimal", "dir": "ltr"})
        self.widget.attrs.pop("step", None)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(ch for ch in value.translate(_DIGITS) if not ch.isspace())
        return super().to_python(value)


class StakeholderChoiceMixin:
    def label_from_instance(self, obj):
        return obj.display_name


class StakeholderChoiceField(StakeholderChoiceMixin, forms.ModelChoiceField):
    pass


class StakeholderMultipleChoiceField(StakeholderChoiceMixin, forms.ModelMultipleChoiceField):
    pass


def city_stakeholders(city: City, *, keep=()) -> QuerySet[Stakeholder]:
    """Active stakeholders of the city, plus those already chosen (an inactive lead stays selectable)."""
    keep_ids = [pk for pk in keep if pk]
    return Stakeholder.objects.filter(Q(city=city) & (Q(is_active=True) | Q(pk__in=keep_ids))).order_by(
        translated_name_order(), "pk"
    )


class PlanningModelForm(BilingualFormMixin, forms.ModelForm):
    """Bilingual labels for _fr/_ar fields; model constraints checked across the scope.

    The scope (city, action, indicator) is set on the instance, not shown in the form: Django would skip
    the constraints that involve it (unique title per city, ...), so they are put back into validation.
    """

    scope_fields: tuple[str, ...] = ("city",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith(("_fr", "_ar")) and name[:-3]:
                base = self._meta.model._meta.get_field(name[:-3])
                lang = name[-2:]
                label = capfirst(base.verbose_name)
                field.label = (
                    _("%(field)s (French)") % {"field": label}
                    if lang == "fr"
                    else _("%(field)s (Arabic)") % {"field": label}
                )
                if isinstance(field.widget, forms.Textarea) and str(field.widget.attrs.get("rows")) == "10":
                    field.widget.attrs["rows"] = 3  # Django's default of 10 rows is too tall for two languages

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        for name in self.scope_fields:
            exclude.discard(name)
        return exclude


class MappingItemForm(PlanningModelForm):
    class Meta:
        model = MappingItem
        fields = ["kind", "text_fr", "text_ar", "domain", "stakeholders", "rank"]
        widgets = {"text_fr": forms.Textarea, "text_ar": forms.Textarea}

    def __init__(self, *args, city: City, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.city = city
        keep = list(self.instance.stakeholders.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["stakeholders"] = StakeholderMultipleChoiceField(
            queryset=city_stakeholders(city, keep=keep),
            required=False,
            label=_("Stakeholders who raised it or can address it"),
            widget=CheckboxList(),
        )
        self.fields["domain"].queryset = Domain.objects.order_by("position", "code")
        self.fields["text_fr"].required = True
        self.fields["rank"].help_text = _("Priorities only: 1 is the first priority; each rank is used once.")

    def clean(self):
        data = super().clean()
        if data.get("kind") == MappingKind.PRIORITY and data.get("rank") is None and "rank" not in self.errors:
            self.add_error("rank", _("A priority needs a rank."))
        if data.get("kind") in (MappingKind.NEED, MappingKind.OPPORTUNITY):
            data["rank"] = None
            self.instance.rank = None
        return data


class ActionForm(PlanningModelForm):
    start_month = MonthField(label=_("Start (month or quarter)"))
    end_month = MonthField(label=_("End (month or quarter)"), end=True)

    class Meta:
        model = Action
        fields = [
            "title_fr",
            "title_ar",
            "description_fr",
            "description_ar",
            "domain",
            "priority",
            "lead",
            "partners",
            "start_month",
            "end_month",
            "status",
            "budget",
            "currency",
            "funding_source_fr",
            "funding_source_ar",
        ]
        widgets = {"description_fr": forms.Textarea, "description_ar": forms.Textarea}
        field_classes = {"budget": AmountField}

    def __init__(self, *args, city: City, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.city = city
        self.fields["title_fr"].required = True
        self.fields["domain"].queryset = Domain.objects.order_by("position", "code")
        self.fields["priority"].queryset = MappingItem.objects.filter(city=city, kind=MappingKind.PRIORITY).order_by(
            "rank"
        )
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
        self.fields["currency"].required = False

    def clean(self):
        data = super().clean()
        start, end = data.get("start_month"), data.get("end_month")
        if start and end and end < start:
            self.add_error("end_month", _("The end cannot come before the start."))
        if data.get("budget") is not None and not data.get("currency") and "currency" not in self.errors:
            self.add_error("currency", _("Give the budget's currency."))
        if data.get("budget") is None:
            data["currency"] = ""
            self.instance.currency = ""
        return data


class ActionFilterForm(forms.Form):
    domain = forms.ModelChoiceField(
        queryset=Domain.objects.order_by("position", "code"),
        required=False,
        label=_("Domain"),
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    status = forms.ChoiceField(
        choices=[("", _("All")), *ActionStatus.choices],
        required=False,
        label=_("Status"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class IndicatorForm(PlanningModelForm):
    scope_fields = ("action",)

    class Meta:
        model = Indicator
        fields = [
            "name_fr",
            "name_ar",
            "kind",
            "unit_fr",
            "unit_ar",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "means_of_verification_fr",
            "means_of_verification_ar",
            "frequency",
            "responsible",
        ]
        widgets = {
            "baseline_date": DateInput,
            "target_date": DateInput,
            "means_of_verification_fr": forms.Textarea,
            "means_of_verification_ar": forms.Textarea,
        }
        field_classes = {"baseline_value": AmountField, "target_value": AmountField}

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.action = action
        for name in ("name_fr", "unit_fr", "means_of_verification_fr"):
            self.fields[name].required = True
        self.fields["responsible"] = StakeholderChoiceField(
            queryset=city_stakeholders(action.city, keep=[self.instance.responsible_id]),
            required=False,
            label=_("Responsible stakeholder"),
        )

    def clean(self):
        data = super().clean()
        baseline_date, target_date = data.get("baseline_date"), data.get("target_date")
        if baseline_date and target_date and target_date <= baseline_date:
            self.add_error("target_date", _("The target date must come after the baseline date."))
        return data


class MeasurementForm(PlanningModelForm):
    scope_fields = ("indicator",)

    class Meta:
        model = Measurement
        fields = ["value", "measured_on", "source", "comment"]
        widgets = {"measured_on": DateInput, "comment": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"value": AmountField}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator


class RoadmapVersionForm(PlanningModelForm):
    scope_fields = ()

    class Meta:
        model = RoadmapVersion
        fields = ["introduction_fr", "introduction_ar", "conclusions_fr", "conclusions_ar"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}


class RoadmapFreezeForm(forms.Form):
    """Freezing cannot be undone: the coordinator says so in a checkbox, not only in a browser dialog."""

    understood = forms.BooleanField(
        label=_("I understand a frozen version cannot change"),
        error_messages={"required": _("Tick “I understand a frozen version cannot change” to freeze the version.")},
    )


class RoadmapApprovalForm(PlanningModelForm):
    scope_fields = ()

    class Meta:
        model = RoadmapApproval
        fields = ["decided_on", "decision_fr", "decision_ar"]
        widgets = {"decided_on": DateInput, "decision_fr": forms.Textarea, "decision_ar": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_fr"].required = True
        self.fields["decided_on"].label = _("Date of the meeting (consultation 4)")
