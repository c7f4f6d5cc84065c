"""The Nu Html Checker (vnu-jar, from package.json) finds no error on the main pages: staff pages, the
login page, the public pages reached by an emailed link, the verify page with its answers and a programme's
pages, in French and in Arabic.
The pages are rendered with the test client on the demo data and checked in one run of vnu."""

import datetime as dt
import json
import pathlib
import shutil
import subprocess

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from consultations.models import Consultation, ConsultationStatus, Invitation, MinutesStatus
from consultations.services.invitations import INVITATION_PURPOSE
from inventory.models import Programme
from links.services import link_issue
from planning.models import Action, Indicator, RoadmapVersion
from planning.services.roadmap import roadmap_version_freeze
from portal.services import SPACE_PURPOSE
from stakeholders.models import Contact, Stakeholder
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRequest, TorVersion

VNU = pathlib.Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.vnu,
    pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None, reason="bin/setup installs vnu-jar and Java"),
]

STAFF_PAGES = [
    "/{lang}/",
    "/{lang}/c/tunis/stakeholders/",
    "/{lang}/c/tunis/stakeholders/{stakeholder}/",
    "/{lang}/c/tunis/stakeholders/new/",
    "/{lang}/c/tunis/stakeholders/{stakeholder}/contacts/new/",
    "/{lang}/c/tunis/consultations/",
    "/{lang}/c/tunis/consultations/{consultation}/",
    "/{lang}/c/tunis/consultations/{consultation}/edit/",
    "/{lang}/c/tunis/consultations/{consultation}/agenda/",
    "/{lang}/c/tunis/consultations/{consultation}/agenda/add/",
    "/{lang}/c/tunis/consultations/{consultation}/invitations/",
    "/{lang}/c/tunis/consultations/{consultation}/attendance/",
    "/{lang}/c/tunis/consultations/{held}/minutes/",
    "/{lang}/c/tunis/terms/",
    "/{lang}/c/tunis/terms/v/1/",
    "/{lang}/c/tunis/terms/v/1/feedback/",
    "/{lang}/c/tunis/terms/v/1/roles/",
    "/{lang}/c/tunis/planning/",
    "/{lang}/c/tunis/planning/mapping/",
    "/{lang}/c/tunis/planning/mapping/new/",
    "/{lang}/c/tunis/planning/actions/",
    "/{lang}/c/tunis/planning/actions/new/",
    "/{lang}/c/tunis/planning/actions/{action}/",
    "/{lang}/c/tunis/planning/matrix/",
    "/{lang}/c/tunis/planning/dashboard/",
    "/{lang}/c/tunis/planning/timeline/",
    "/{lang}/c/tunis/planning/indicators/{indicator}/",
    "/{lang}/c/tunis/planning/roadmap/",
    "/{lang}/c/tunis/planning/roadmap/{roadmap}/",
    "/{lang}/c/tunis/inventory/",
    "/{lang}/c/tunis/inventory/new/",
    "/{lang}/c/tunis/inventory/{programme}/",
    "/{lang}/c/tunis/inventory/matrix/",
    "/{lang}/c/tunis/inventory/gaps/",
    "/{lang}/c/tunis/inventory/overlaps/",
    "/{lang}/c/tunis/inventory/timeline/",
    "/{lang}/c/tunis/inventory/needs/",
    "/{lang}/c/tunis/inventory/criteria/",
    "/{lang}/c/tunis/inventory/report/",
    "/{lang}/c/tunis/reminders/",
    "/{lang}/c/tunis/reminders/due/",
    "/{lang}/c/tunis/reminders/consultations/{consultation}/remind/",
    "/{lang}/c/tunis/reminders/consultations/{consultation}/offline/",
    "/{lang}/c/tunis/imports/",
    "/{lang}/c/tunis/outbox/",
    "/{lang}/notifications/",
    "/{lang}/c/tunis/search/?q=tunis",
    "/{lang}/c/tunis/activity/",
]
ANONYMOUS_PAGES = [
    "/{lang}/accounts/login/",
    "/{lang}/verify/",
    "/{lang}/verify/?sha256={tor_sha256}",  # a version, its records listed
    "/{lang}/verify/?sha256={roadmap_sha256}",  # a roadmap, its decisions listed
]
# A programme's pages, as its member (who follows it across cities) sees them.
PROGRAMME_USER = "programme-mc2cm"
PROGRAMME_PAGES = ["/{lang}/programmes/", "/{lang}/programmes/mc2cm-rucp/"]


def _public_pages(lang):
    """The pages an emailed link opens (the link puts its token in the session, then redirects)."""
    expires = timezone.now() + dt.timedelta(days=30)
    invitation = Invitation.objects.filter(consultation__city__slug="tunis").select_related("consultation").first()
    request = RatificationRequest.objects.filter(version__tor__city__slug="tunis", status="pending").first()
    contact = Contact.objects.filter(stakeholder__city__slug="tunis", erased_at__isnull=True).first()
    issued = [
        link_issue(target=invitation, purpose=INVITATION_PURPOSE, expires_at=expires, language=lang),
        link_issue(target=contact, purpose=SPACE_PURPOSE, expires_at=expires, language=lang),
    ]
    if request is not None:
        issued.append(link_issue(target=request, purpose=TOR_RATIFICATION.purpose, expires_at=expires, language=lang))
    return [link.url.removeprefix(settings.SITE_URL) for link in issued]


def _save(directory, client, path, index):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    target = directory / f"page-{index:03d}.html"
    target.write_bytes(response.content)
    return target, response.redirect_chain[-1][0] if response.redirect_chain else path


def _held_consultation():
    """A consultation whose minutes are being written (the demo's last one, marked held when none is)."""
    consultations = Consultation.objects.filter(city__slug="tunis")
    held = consultations.filter(Q(status=ConsultationStatus.HELD) | Q(minutes__status=MinutesStatus.FINAL)).first()
    if held is None:
        held = consultations.order_by("number").last()
        consultations.filter(pk=held.pk).update(status=ConsultationStatus.HELD)
    return held


def _frozen_roadmap():
    """A frozen roadmap version (the demo's first one frozen when none is), for the verify page's answer."""
    frozen = RoadmapVersion.objects.filter(city__slug="tunis").exclude(sha256="").first()
    if frozen is None:
        draft = RoadmapVersion.objects.filter(city__slug="tunis").order_by("number").first()
        frozen = roadmap_version_freeze(version=draft, user=get_user_model().objects.get(username="coordinator-tunis"))
    return frozen


def test_the_main_pages_have_no_html_error(tmp_path):
    call_command("load_demo", verbosity=0)
    values = {
        "stakeholder": Stakeholder.objects.filter(city__slug="tunis").order_by("pk").first().pk,
        "consultation": Consultation.objects.filter(city__slug="tunis").order_by("number").first().number,
        "action": Action.objects.filter(city__slug="tunis").order_by("pk").first().pk,
        "held": _held_consultation().number,
        "indicator": Indicator.objects.filter(action__city__slug="tunis").order_by("pk").first().pk,
        "roadmap": RoadmapVersion.objects.filter(city__slug="tunis").order_by("number").first().number,
        "programme": Programme.objects.filter(city__slug="tunis").order_by("pk").first().pk,
        "tor_sha256": TorVersion.objects.filter(tor__city__slug="tunis").exclude(sha256="").first().sha256,
        "roadmap_sha256": _frozen_roadmap().sha256,
    }
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="coordinator-tunis"))
    follower = Client()
    follower.force_login(get_user_model().objects.get(username=PROGRAMME_USER))
    files = {}
    for lang in ("fr", "ar"):
        for page in STAFF_PAGES:
            path, shown = _save(tmp_path, staff, page.format(lang=lang, **values), len(files))
            files[str(path)] = shown
        for page in ANONYMOUS_PAGES:
            path, shown = _save(tmp_path, Client(), page.format(lang=lang, **values), len(files))
            files[str(path)] = shown
        for page in PROGRAMME_PAGES:
            path, shown = _save(tmp_path, follower, page.format(lang=lang), len(files))
            files[str(path)] = shown
        for page in _public_pages(lang):
            path, shown = _save(tmp_path, Client(), page, len(files))
            files[str(path)] = shown
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: {m['message']} | {m.get('extract', '').strip()}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert result.returncode in (0, 1), result.stderr
    assert not errors, "\n".join(errors)
