"""The four-consultation cycle of a city's stakeholder group: consultations, agendas,
invitations answered through emailed links, attendance at the door, and minutes.

Dates and times of a consultation and of its agenda items are stored as the city's local
wall-clock times (that is how an agenda is written); aware datetimes come from `city.tzinfo`.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cities.models import City
from common.dates import validate_plausible_date
from common.locales import city_today
from stakeholders.models import Contact, SendChannel, Stakeholder

CYCLE_LENGTH = 4


class ConsultationKind(models.TextChoices):
    ALIGNMENT = "alignment", _("Alignment of visions and formalisation of engagement")
    ACTION_PLAN = "action_plan", _("Technical: action plan and mapping of needs, opportunities and priorities")
    ME_MATRIX = "me_matrix", _("Technical: monitoring and evaluation matrix")
    ROADMAP_APPROVAL = "roadmap_approval", _("Formal approval of the strategic-planning roadmap")


# The kind of each step of the cycle is fixed by its number.
KIND_BY_NUMBER = {
    1: ConsultationKind.ALIGNMENT,
    2: ConsultationKind.ACTION_PLAN,
    3: ConsultationKind.ME_MATRIX,
    4: ConsultationKind.ROADMAP_APPROVAL,
}


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")


class MeetingLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


def default_languages():
    return ["fr", "ar"]


def validate_languages(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one official language."))
    unknown = [v for v in value if v not in MeetingLanguage.values]
    if unknown:
        raise ValidationError(_("Unknown language: %(value)s"), params={"value": ", ".join(map(str, unknown))})


class Consultation(models.Model):
    """One of the four consultations of a city's cycle. Title, objectives, expected outcome
    and venue are translated (fr/ar) by modeltranslation."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("city"))
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(CYCLE_LENGTH)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices, editable=False)
    title = models.CharField(_("title"), max_length=200)
    objectives = models.TextField(_("objectives"), blank=True, max_length=5000)
    expected_outcome = models.TextField(_("expected outcome"), blank=True, max_length=3000)
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    languages = models.JSONField(_("official languages"), default=default_languages, validators=[validate_languages])
    chatham_house = models.BooleanField(
        _("Chatham House rule"),
        default=True,
        help_text=_("What is said may be used, but never attributed to a person or organisation."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.PLANNED
    )
    held_at = models.DateTimeField(_("marked held"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["city", "number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="consultation_unique_number_per_city"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=CYCLE_LENGTH), name="consultation_number_1_4"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ConsultationStatus.values), name="consultation_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(start_time__lt=models.F("end_time")), name="consultation_starts_before_end"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(number=1, kind="alignment")
                    | models.Q(number=2, kind="action_plan")
                    | models.Q(number=3, kind="me_matrix")
                    | models.Q(number=4, kind="roadmap_approval")
                ),
                name="consultation_kind_fixed_by_number",
            ),
        ]

    def __str__(self):
        return _("Consultation %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def save(self, *args, **kwargs):
        self.kind = KIND_BY_NUMBER.get(self.number, "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:detail", kwargs={"city_slug": self.city.slug, "number": self.number})

    def clean(self):
        super().clean()
        self.kind = KIND_BY_NUMBER.get(self.number, "")
        if self.start_time and self.end_time and self.start_time >= self.end_time:
            raise ValidationError({"end_time": _("The consultation must end after it starts.")})

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start_time, tzinfo=self.city.tzinfo)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end_time, tzinfo=self.city.tzinfo)

    @property
    def is_open_for_answers(self) -> bool:
        """Invitees may answer (and change their answer) until the consultation is held."""
        return self.status in (ConsultationStatus.PLANNED, ConsultationStatus.INVITATIONS_SENT)

    @property
    def is_closed(self) -> bool:
        return self.status == ConsultationStatus.CLOSED

    @property
    def is_overdue(self) -> bool:
        """Its day has passed in the city and it is still planned (or only invited): what happened is not
        recorded yet."""
        return self.is_open_for_answers and self.date < city_today(self.city)

    def get_languages_display(self) -> str:
        labels = dict(MeetingLanguage.choices)
        separator = "، " if translation.get_language_bidi() else ", "
        return separator.join(str(labels.get(code, code)) for code in self.languages)


class Gate(models.TextChoices):
    """Rules that hold a consultation back; a coordinator may override each with a reason."""

    PREVIOUS_NOT_CLOSED = "previous_not_closed", _("The previous consultation is not closed")
    TOR_NOT_ADOPTED = "tor_not_adopted", _("The terms of reference are not adopted")


class GateOverride(models.Model):
    """A coordinator's recorded decision to go ahead despite a gate. Kept, shown, never edited."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("consultation")
    )
    gate = models.CharField(_("rule overridden"), max_length=30, choices=Gate.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("coordinator")
    )
    created_at = models.DateTimeField(_("time (UTC)"), auto_now_add=True)

    class Meta:
        verbose_name = _("gate override")
        verbose_name_plural = _("gate overrides")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(gate__in=Gate.values), name="gateoverride_gate_valid"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="gateoverride_reason_required"),
        ]

    def __str__(self):
        return f"{self.consultation} – {self.get_gate_display()}"


class AgendaItemKind(models.TextChoices):
    WELCOME = "welcome", _("Welcome")
    ROUND_TABLE = "round_table", _("Round table")
    PRESENTATION = "presentation", _("Presentation")
    DISCUSSION = "discussion", _("Discussion")
    BREAK = "break", _("Break")
    CLOSING = "closing", _("Closing")


class AgendaItem(models.Model):
    """One item of a consultation's agenda. Items never overlap, except that an item may
    explicitly share the time slot of the item before it (two topics of one slot, as at
    11:00-12:00 in the Tunis agenda of 7 November 2023)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("consultation")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    shares_slot = models.BooleanField(
        _("same time slot as the previous item"),
        default=False,
        help_text=_("A second topic in the same time slot: same start and end as the item before."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgendaItemKind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    moderator_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator (contact)"),
    )
    moderator_name = models.CharField(_("moderator (name)"), max_length=150, blank=True)
    moderator_function = models.CharField(_("moderator's function"), max_length=150, blank=True)
    speakers = models.ManyToManyField(Stakeholder, blank=True, related_name="+", verbose_name=_("speakers"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["consultation", "start_time", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__lt=models.F("end_time")), name="agendaitem_starts_before_end"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=AgendaItemKind.values), name="agendaitem_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(moderator_contact__isnull=True) | models.Q(moderator_name=""),
                name="agendaitem_one_moderator",
            ),
        ]

    def __str__(self):
        return f"{self.start_time:%H:%M}–{self.end_time:%H:%M} {self.title}"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.start_time >= self.end_time:
            raise ValidationError({"end_time": _("An item must end after it starts.")})
        if self.moderator_contact_id and self.moderator_name:
            raise ValidationError({"moderator_name": _("Choose a contact or type a name for the moderator, not both.")})

    @property
    def moderator_person(self) -> str:
        """The moderator's name: the chosen contact's, or the free text."""
        if self.moderator_contact_id:
            return self.moderator_contact.name
        return self.moderator_name

    @property
    def moderator_role(self) -> str:
        """The moderator's function in the current language (e.g. "Expert local"), else the contact's."""
        if self.moderator_function:
            return self.moderator_function
        return self.moderator_contact.function if self.moderator_contact_id else ""

    @property
    def moderator_display(self) -> str:
        """Name and function, e.g. "Souhaib Khayati, Expert local"."""
        name, function = self.moderator_person, self.moderator_role
        return f"{name}, {function}" if name and function else name

    @property
    def duration_minutes(self) -> int:
        start = dt.datetime.combine(dt.date.min, self.start_time)
        end = dt.datetime.combine(dt.date.min, self.end_time)
        return int((end - start).total_seconds() // 60)


class AgendaSubPoint(models.Model):
    """A point under an agenda item, e.g. "Ville de Tunis" under the welcome speeches."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="sub_points", verbose_name=_("item"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=250)

    class Meta:
        verbose_name = _("sub-point")
        verbose_name_plural = _("sub-points")
        ordering = ["item", "position", "pk"]

    def __str__(self):
        return self.title


class Answer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ATTENDING = "attending", _("Attending")
    NOT_ATTENDING = "not_attending", _("Not attending")
    DELEGATE = "delegate", _("Sending a delegate")


class Invitation(models.Model):
    """A stakeholder invited to a consultation, through its primary contact at the time of sending."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("consultation")
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("stakeholder")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations", verbose_name=_("contact")
    )
    language = models.CharField(_("language"), max_length=2, default="fr")
    email = models.ForeignKey(
        "outbox.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last email"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    send_channel = models.CharField(_("sent by"), max_length=10, choices=SendChannel.choices, default=SendChannel.EMAIL)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, default=Answer.PENDING)
    delegate_name = models.CharField(_("delegate's name"), max_length=150, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)
    walk_in = models.BooleanField(_("came without invitation"), default=False)
    # The check-in pass sent with the invitation: the QR code's secret and the short code staff can
    # type, stored only as their SHA-256 (services/checkin.py); each send issues new ones.
    checkin_token_hash = models.CharField(_("check-in QR code (SHA-256)"), max_length=64, blank=True, editable=False)
    checkin_code_hash = models.CharField(_("check-in short code (SHA-256)"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["consultation", "stakeholder__name_fr", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "stakeholder"], name="invitation_unique_stakeholder"),
            models.CheckConstraint(condition=models.Q(answer__in=Answer.values), name="invitation_answer_valid"),
            models.CheckConstraint(
                condition=~models.Q(answer="delegate") | ~models.Q(delegate_name=""),
                name="invitation_delegate_named",
            ),
            models.UniqueConstraint(
                fields=["checkin_token_hash"],
                condition=~models.Q(checkin_token_hash=""),
                name="invitation_checkin_token_unique",
            ),
            models.UniqueConstraint(
                fields=["checkin_code_hash"],
                condition=~models.Q(checkin_code_hash=""),
                name="invitation_checkin_code_unique",
            ),
        ]

    def __str__(self):
        return f"{self.consultation} → {self.stakeholder}"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Circulated to attendees for review")
    FINAL = "final", _("Final")


class Minutes(models.Model):
    """What was said and decided. Under the Chatham House rule there is nowhere to say who said it:
    `attributed_statements` must stay empty and the form does not show it."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("consultation")
    )
    summary = models.TextField(_("summary"), max_length=20000)
    decisions = models.TextField(_("decisions"), blank=True, max_length=10000)
    next_steps = models.TextField(_("next steps"), blank=True, max_length=10000)
    attributed_statements = models.TextField(
        _("statements with attribution"),
        blank=True,
        max_length=20000,
        help_text=_("Who said what. Only when the Chatham House rule does not apply."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Draft, circulated to the attendees for remarks until review_until, then final: frozen with the
    # SHA-256 of its canonical content (services/minutes_review.py).
    status = models.CharField(_("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    review_until = models.DateTimeField(_("remarks until"), null=True, blank=True)
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("final since"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=MinutesStatus.values), name="minutes_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status="final") | (~models.Q(sha256="") & models.Q(finalised_at__isnull=False)),
                name="minutes_final_frozen",
                violation_error_message=_("Final minutes carry their SHA-256."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(review_until__isnull=False),
                name="minutes_circulated_with_deadline",
            ),
        ]

    def __str__(self):
        return _("Minutes of %(consultation)s") % {"consultation": self.consultation}

    def clean(self):
        super().clean()
        if (
            self.consultation_id
            and self.consultation.chatham_house
            and (self.attributed_statements_fr or self.attributed_statements_ar)
        ):
            raise ValidationError(_("Under the Chatham House rule, the minutes do not attribute statements to anyone."))


class MinutesRemark(models.Model):
    """A remark on draft minutes, sent by an attendee through the review link. The Chatham House rule
    holds: nothing records who sent it (no stakeholder, contact, invitation or link)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="remarks", verbose_name=_("minutes"))
    text = models.TextField(_("remark"), max_length=4000)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("remark on the minutes")
        verbose_name_plural = _("remarks on the minutes")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="minutes_remark_not_empty")]

    def __str__(self):
        return self.text[:60]
