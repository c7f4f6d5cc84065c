from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.forms import BilingualFormMixin, DateInput
from common.text import normalize_search_text

from .models import Category, Contact, Domain, Level, Stakeholder
from .selectors import (
    SORT_CATEGORY,
    SORT_INFLUENCE,
    SORT_INTEREST,
    SORT_JOINED,
    SORT_NAME,
    SORTS,
    STATUS_ACTIVE,
    STATUS_ALL,
    STATUS_INACTIVE,
    RegistryFilters,
    stakeholder_find_similar,
    stakeholder_name_clashes,
)

SCORE_CHOICES = [
    (1, _("1 – very low")),
    (2, _("2 – low")),
    (3, _("3 – medium")),
    (4, _("4 – high")),
    (5, _("5 – very high")),
]


class RegistryFilterForm(forms.Form):
    """The list's search, filters and sort, read from the query string. Bad values are ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or acronym, in French or Arabic")}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (STATUS_ACTIVE, _("Active only")),
            (STATUS_INACTIVE, _("Inactive only")),
            (STATUS_ALL, _("Active and inactive")),
        ],
    )
    # One cell of the map (its drill-down links): influence and interest from 1 to 5.
    influence = forms.TypedChoiceField(label=_("Influence"), required=False, coerce=int, empty_value=None)
    interest = forms.TypedChoiceField(label=_("Interest"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (SORT_NAME, _("Name")),
            (SORT_CATEGORY, _("Category")),
            (SORT_INFLUENCE, _("Influence (highest first)")),
            (SORT_INTEREST, _("Interest (highest first)")),
            (SORT_JOINED, _("Date joined (latest first)")),
        ],
    )

    def __init__(self, data, *, domains: list[Domain]):
        super().__init__(data)
        self.fields["category"].choices = [("", _("All categories")), *Category.choices]
        self.fields["level"].choices = [("", _("All levels")), *Level.choices]
        self.fields["domain"].choices = [("", _("All domains"))] + [(d.code, d.name) for d in domains]
        scores = [(str(value), str(value)) for value in range(1, 6)]
        self.fields["influence"].choices = [("", pgettext_lazy("score", "All")), *scores]
        self.fields["interest"].choices = [("", pgettext_lazy("score", "All")), *scores]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"

    def filters(self) -> RegistryFilters:
        self.is_valid()
        data = self.cleaned_data
        sort = data.get("sort") or SORT_NAME
        return RegistryFilters(
            query=(data.get("q") or "").strip(),
            category=data.get("category") or "",
            level=data.get("level") or "",
            domain=data.get("domain") or "",
            status=data.get("status") or STATUS_ACTIVE,
            sort=sort if sort in SORTS else SORT_NAME,
            influence=data.get("influence"),
            interest=data.get("interest"),
        )


class StakeholderForm(BilingualFormMixin, forms.ModelForm):
    """Create and edit a stakeholder. Names clash (error) when equal once normalised; on creation,
    names or acronyms that read close to another stakeholder's ask for confirmation (warning)."""

    domains = forms.ModelMultipleChoiceField(
        label=_("Domains of expertise"),
        queryset=Domain.objects.order_by("position", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"),
        choices=SCORE_CHOICES,
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
        help_text=_("How much the organisation can shape migration governance in the city."),
    )
    interest = forms.TypedChoiceField(
        label=_("Interest"),
        choices=SCORE_CHOICES,
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
        help_text=_("How much the group's work matters to the organisation."),
    )
    # Rendered by the template inside the duplicate warning: its value lists the matches the user saw.
    create_anyway = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Stakeholder
        fields = [
            "name_fr",
            "name_ar",
            "acronym_fr",
            "acronym_ar",
            "category",
            "level",
            "domains",
            "influence",
            "interest",
            "is_active",
            "joined_on",
            "notes",
        ]
        labels = {
            "name_fr": _("Name in French"),
            "name_ar": _("Name in Arabic"),
            "acronym_fr": _("Acronym in French"),
            "acronym_ar": _("Acronym in Arabic"),
            "is_active": _("Active member of the group"),
            "joined_on": _("Date joined the group"),
            "notes": _("Notes"),
        }
        widgets = {
            "joined_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city
        self.similar: list[Stakeholder] = []
        self.clashing: list[Stakeholder] = []
        self.fields["name_fr"].required = True
        self.fields["name_ar"].required = True
        self.fields["category"].choices = [("", _("Choose a category")), *Category.choices]
        self.fields["level"].choices = [("", _("Choose a level")), *Level.choices]
        self.fields["notes"].help_text = _("Internal notes, seen by the city's members only.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Identity"),
                Row(Column("name_fr", css_class="col-md-8"), Column("acronym_fr", css_class="col-md-4")),
                Row(Column("name_ar", css_class="col-md-8"), Column("acronym_ar", css_class="col-md-4")),
            ),
            Fieldset(
                _("Place in the group"),
                Row(Column("category", css_class="col-md-6"), Column("level", css_class="col-md-6")),
                Div("domains", css_class="registry-domains"),
                InlineRadios("influence"),
                InlineRadios("interest"),
                Row(Column("joined_on", css_class="col-md-4"), Column("is_active", css_class="col-md-8 pt-md-4")),
            ),
            "notes",
        )

    def clean(self):
        data = super().clean()
        clashes = stakeholder_name_clashes(
            city=self.city,
            name_fr=data.get("name_fr") or "",
            name_ar=data.get("name_ar") or "",
            exclude_pk=self.instance.pk,
        )
        # The records the names clash with, linked from the error (issue 12: the softer warning linked them,
        # the error did not).
        self.clashing = list({other.pk: other for other in clashes.values()}.values())
        for field, other in clashes.items():
            self.add_error(
                field,
                forms.ValidationError(
                    _("“%(name)s” is already in this city's registry."),
                    code="duplicate",
                    params={"name": getattr(other, field)},
                ),
            )
        if self.instance.pk is None and not clashes and not self.errors:
            self.similar = stakeholder_find_similar(
                city=self.city,
                name_fr=data.get("name_fr") or "",
                name_ar=data.get("name_ar") or "",
                acronym=[data.get("acronym_fr") or "", data.get("acronym_ar") or ""],
            )
            acknowledged = set((data.get("create_anyway") or "").split(","))
            if self.similar and not {str(s.pk) for s in self.similar} <= acknowledged:
                self.add_error(
                    "create_anyway",
                    forms.ValidationError(
                        _(
                            "Check the similar stakeholders, then tick “Create anyway” if this is a different organisation."
                        ),
                        code="similar",
                    ),
                )
        return data

    @property
    def similar_signature(self) -> str:
        return ",".join(str(s.pk) for s in self.similar)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name_fr": data["name_fr"],
            "name_ar": data["name_ar"],
            "acronym_fr": data.get("acronym_fr") or "",
            "acronym_ar": data.get("acronym_ar") or "",
            "category": data["category"],
            "level": data["level"],
            "domains": list(data["domains"]),
            "influence": data["influence"],
            "interest": data["interest"],
            "is_active": data["is_active"],
            "joined_on": data.get("joined_on"),
            "notes": data.get("notes") or "",
        }


class ContactForm(forms.ModelForm):
    """A person representing the stakeholder. Email and phone are checked; one email per stakeholder."""

    class Meta:
        model = Contact
        fields = ["name", "function", "email", "phone", "language", "is_primary"]
        labels = {
            "name": _("Full name"),
            "function": pgettext_lazy("job title", "Function"),
            "email": _("Email"),
            "phone": _("Phone"),
            "language": _("Preferred language"),
            "is_primary": _("Primary contact (receives invitations and ratification requests)"),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"dir": "ltr", "type": "tel", "placeholder": "+216 71 000 000"}),
            "language": forms.RadioSelect,
        }

    def __init__(self, *args, stakeholder, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholder = stakeholder
        self.fields["name"].required = True
        self.fields["language"].choices = [c for c in self.fields["language"].choices if c[0]]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("function", css_class="col-md-6")),
            Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            InlineRadios("language"),
            "is_primary",
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        return " ".join((self.cleaned_data.get("phone") or "").split())

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if not email:
            return email
        others = self.stakeholder.contacts.filter(email__iexact=email, erased_at__isnull=True)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another contact of this stakeholder has this email."), code="duplicate")
        return email

    def clean(self):
        data = super().clean()
        name = data.get("name")
        if name and not self.instance.pk:
            key = normalize_search_text(name)
            for other in self.stakeholder.contacts.filter(erased_at__isnull=True).only("name"):
                if normalize_search_text(other.name) == key:
                    self.add_error("name", _("This stakeholder already has a contact with this name."))
                    break
        return data

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
