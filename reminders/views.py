"""The reminders pages: the city's policy and log; "remind the non-responders" (a preview, then the POST)
for a consultation's invitations, a version's ratification and a version's feedback window; contacts reached
by post or by phone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from cities.models import Role
from cities.permissions import get_city_for
from common.collation import translated_name_order
from consultations.models import CYCLE_LENGTH, Consultation, Invitation
from consultations.services.invitations import invitation_answer_by_staff, invitation_record_offline
from ratification.kinds import get_kind
from ratification.selectors import ratification_version_get
from ratification.services import ratification_record_offline
from stakeholders.models import Contact, SendChannel, Stakeholder
from terms.selectors import tor_version_get

from . import selectors, services
from .forms import OfflineSendForm, PolicyForm, StaffAnswerForm
from .selectors import Pending

PAGE_SIZE = 50
PREVIEW_PAGE_SIZE = 100


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- The city's policy ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def policy(request, city_slug):
    """Members read the policy and the log; coordinators change the policy."""
    access = get_city_for(request, city_slug, Role.COORDINATOR if request.method == "POST" else Role.VIEWER)
    current = selectors.policy_get(access.city)
    form = PolicyForm(request.POST or None, instance=current, read_only=not access.can_coordinate)
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_update(city=access.city, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Reminder policy saved."))
            return redirect("reminders:policy", city_slug=access.city.slug)
    page = Paginator(selectors.reminder_log(city=access.city), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/policy.html",
        {"city": access.city, "access": access, "form": form, "policy": current, "page": page},
    )


# --- Remind the non-responders -------------------------------------------------------------------------


def _subject(template: str, context: dict, language: str) -> str:
    with translation.override(language):
        text = get_template(f"emails/{template}-subject.txt").template.render(Context(context, autoescape=False))
    return " ".join(text.split())


def _subjects(pendings: list[Pending], *, city) -> list[tuple[str, str]]:
    """The reminder's subject in each language some recipient reads (no query: rendered from one row each)."""
    firsts = {}
    for pending in pendings:
        if pending.by_email:
            firsts.setdefault(pending.language, pending)
    out = {}
    for pending in selectors.targets_load(list(firsts.values())):
        if pending.ratification_kind is not None:
            rr = pending.target
            context = {"city": city, "version": rr.version, "stakeholder": rr.stakeholder}
            context |= {"contact_name": rr.contact_name, "expires_at": rr.expires_at}
            out[pending.language] = _subject(pending.ratification_kind.email_reminder, context, pending.language)
        else:
            template = services.REMINDER_TEMPLATES[pending.kind]
            out[pending.language] = _subject(template, services.email_context(pending, city=city), pending.language)
    return sorted(out.items())


def _remind(request, *, access, pendings: list[Pending], heading: str, back_url: str, offline_url: str):
    """GET: who gets what (non-responders preselected); POST: remind the checked ones."""
    city = access.city
    done_today = selectors.reminded_today(pendings, city=city)
    by_email = [p for p in pendings if p.by_email]
    if request.method == "POST":
        chosen = set(request.POST.getlist("target"))
        targets = [p for p in by_email if str(p.target_id) in chosen]
        if not targets:
            messages.error(request, _("Choose at least one recipient."))
            return redirect(request.get_full_path())
        count = services.reminders_send_manual(city=city, pendings=targets, user=request.user)
        if count:
            messages.success(
                request,
                ngettext("%(count)s reminder is being sent.", "%(count)s reminders are being sent.", count)
                % {"count": count},
            )
        skipped = len(targets) - count
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)s recipient was already reminded today or has answered meanwhile: nothing sent.",
                    "%(count)s recipients were already reminded today or have answered meanwhile: nothing sent.",
                    skipped,
                )
                % {"count": skipped},
            )
        return redirect(back_url)
    rows = [(p, p.key in done_today) for p in pendings]
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/remind.html",
        {
            "city": city,
            "access": access,
            "heading": heading,
            "back_url": back_url,
            "offline_url": offline_url,
            "page": page,
            "subjects": _subjects(pendings, city=city),
            "email_count": sum(1 for p, done in rows if p.by_email and not done),
            "offline_count": len(pendings) - len(by_email),
        },
    )


def _consultation(access, number: int) -> Consultation:
    if not 1 <= number <= CYCLE_LENGTH:
        raise Http404
    consultation = Consultation.objects.filter(city=access.city, number=number).first()
    if consultation is None:
        raise Http404
    consultation.city = access.city
    return consultation


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitations_remind(request, city_slug, number):
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = _consultation(access, number)
    return _remind(
        request,
        access=access,
        pendings=selectors.pending_invitations(city=access.city, consultation=consultation),
        heading=_("Remind the invitees who have not answered: %(title)s") % {"title": consultation.title},
        back_url=reverse("consultations:invitations", kwargs={"city_slug": access.city.slug, "number": number}),
        offline_url=reverse("reminders:invitations_offline", kwargs={"city_slug": access.city.slug, "number": number}),
    )


def _kind(kind_name: str):
    try:
        return get_kind(kind_name)
    except KeyError:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ratification_remind(request, city_slug, kind_name, number):
    kind = _kind(kind_name)
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = ratification_version_get(kind, city=access.city, number=number)
    return _remind(
        request,
        access=access,
        pendings=selectors.pending_ratifications(kind, city=access.city, version=version),
        heading=_("Remind the stakeholders who have not decided on version %(number)s") % {"number": version.number},
        back_url=kind.url("status", city_slug=access.city.slug, number=version.number),
        offline_url=reverse(
            "reminders:ratification_offline",
            kwargs={"city_slug": access.city.slug, "kind_name": kind.name, "number": version.number},
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_remind(request, city_slug, number):
    """The stakeholders asked for feedback on this version who have left none while their link runs."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    version = tor_version_get(city=access.city, number=number)
    return _remind(
        request,
        access=access,
        pendings=selectors.pending_feedback(city=access.city, version=version),
        heading=_("Remind the stakeholders who have not given feedback on version %(number)s")
        % {"number": version.number},
        back_url=reverse("terms:feedback", kwargs={"city_slug": access.city.slug, "number": version.number}),
        offline_url="",
    )


# --- Contacts without an email address -----------------------------------------------------------------


def _unreachable(city, *, already):
    """Active stakeholders whose primary contact has no email, less those `already` reached (a subquery),
    with their primary contact's name and phone (1 query when evaluated)."""
    primary = Contact.objects.filter(stakeholder=OuterRef("pk"), is_primary=True, erased_at__isnull=True)
    return (
        Stakeholder.objects.filter(city=city, is_active=True)
        .exclude(pk__in=Contact.objects.reachable_primary().values("stakeholder_id"))
        .exclude(pk__in=already)
        .annotate(
            contact_name=Subquery(primary.values("name")[:1]), contact_phone=Subquery(primary.values("phone")[:1])
        )
        .order_by(translated_name_order(), "pk")
    )


def _offline_post(request, *, city, record) -> None:
    form = OfflineSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose post or phone."))
        return
    stakeholder = Stakeholder.objects.filter(city=city, pk=form.cleaned_data["stakeholder"]).first()
    if stakeholder is None:
        raise Http404
    try:
        record(stakeholder=stakeholder, channel=form.cleaned_data["channel"], user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("Recorded: %(name)s was reached (%(channel)s).")
            % {"name": stakeholder.name, "channel": SendChannel(form.cleaned_data["channel"]).label},
        )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitations_offline(request, city_slug, number):
    """Invite by post or by phone the stakeholders no email reaches, and enter the answers they give."""
    access = get_city_for(request, city_slug, Role.EDITOR)
    consultation = _consultation(access, number)
    if request.method == "POST":
        if request.POST.get("invitation"):
            pk = request.POST["invitation"]
            invitation = (
                Invitation.objects.filter(consultation=consultation, pk=pk).first()
                if pk.isascii() and pk.isdigit() and len(pk) < 10
                else None
            )
            form = StaffAnswerForm(request.POST)
            if invitation is None:
                raise Http404
            if not form.is_valid():
                messages.error(request, _("Choose an answer."))
            else:
                try:
                    invitation_answer_by_staff(invitation=invitation, user=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    _errors(request, exc)
                else:
                    messages.success(request, _("Answer recorded."))
        else:
            _offline_post(
                request,
                city=access.city,
                record=lambda **kw: invitation_record_offline(consultation=consultation, **kw),
            )
        return redirect("reminders:invitations_offline", city_slug=access.city.slug, number=consultation.number)
    invited = Invitation.objects.filter(consultation=consultation, sent_at__isnull=False).values("stakeholder_id")
    offline = (
        Invitation.objects.filter(consultation=consultation)
        .exclude(send_channel=SendChannel.EMAIL)
        .select_related("stakeholder", "contact")
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )
    return render(
        request,
        "reminders/offline_invitations.html",
        {
            "city": access.city,
            "access": access,
            "consultation": consultation,
            "open": consultation.is_open_for_answers,
            "unreachable": Paginator(_unreachable(access.city, already=invited), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "offline": Paginator(offline, PAGE_SIZE).get_page(request.GET.get("page")),
            "send_form": OfflineSendForm(),
            "answer_form": StaffAnswerForm(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ratification_offline(request, city_slug, kind_name, number):
    """Ask by post or by phone the stakeholders no email reaches; their decisions are entered on paper on
    each request's page (the ratification app's paper decision)."""
    kind = _kind(kind_name)
    access = get_city_for(request, city_slug, Role.COORDINATOR)
    version = ratification_version_get(kind, city=access.city, number=number)
    if request.method == "POST":
        _offline_post(
            request,
            city=access.city,
            record=lambda **kw: ratification_record_offline(kind, version=version, **kw),
        )
        return redirect(
            "reminders:ratification_offline", city_slug=access.city.slug, kind_name=kind.name, number=number
        )
    asked = kind.request_model.objects.filter(version=version).values("stakeholder_id")
    offline = (
        kind.request_model.objects.filter(version=version)
        .exclude(send_channel=SendChannel.EMAIL)
        .select_related("stakeholder")
        .order_by(translated_name_order(prefix="stakeholder__"), "pk")
    )
    return render(
        request,
        "reminders/offline_ratification.html",
        {
            "city": access.city,
            "access": access,
            "kind": kind,
            "version": version,
            "sendable": version.status in kind.sendable_statuses,
            "status_url": kind.url("status", city_slug=access.city.slug, number=version.number),
            "unreachable": Paginator(_unreachable(access.city, already=asked), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "offline": Paginator(offline, PAGE_SIZE).get_page(request.GET.get("page")),
            "send_form": OfflineSendForm(),
        },
    )


@login_required
@require_safe
def pending_list(request, city_slug):
    """What the next scheduled run would send now, and whom staff must call or write to instead."""
    access = get_city_for(request, city_slug)
    current = selectors.policy_get(access.city)
    due = selectors.reminders_due(city=access.city, policy=current)
    page = Paginator(due, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "reminders/due.html", {"city": access.city, "access": access, "policy": current, "page": page}
    )
