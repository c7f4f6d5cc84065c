"""Accessibility (WCAG 2.1 A and AA) of the main pages, checked by axe-core in a real browser.

axe-core comes from the npm registry (package.json, installed by bin/setup). The pages keep their
Content-Security-Policy: the script is served from the live server's origin (a routed URL under
/static/), never injected inline. Every page is checked in French and in Arabic (right to left);
a serious or critical violation fails the test, listed page by page.
"""

import io
import json
import pathlib

from django.conf import settings
from django.core import mail
from django.core.management import call_command

from consultations.models import Consultation, ConsultationStatus
from inventory.models import Programme
from planning.models import Action, Indicator, RoadmapVersion
from programmes.models import Programme as ProgrammeFollowed
from ratification.services import ratification_send
from stakeholders.models import Stakeholder
from terms.kind import TOR_RATIFICATION
from terms.models import TorVersion
from tests.browser.conftest import ARTIFACTS
from tests.terms.helpers import link_in

AXE_SCRIPT = pathlib.Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/static/tests/axe.min.js"  # answered by page.route below, same origin as the page
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
DEMO_PASSWORD = "tunis-demo-2023"
# Violations known and owned elsewhere, by (path ending, rule): remove an entry once its page is fixed.
# Violations accepted for now (path suffix, rule): none. The map's links moved out of its SVG into a table.
KNOWN: set[tuple[str, str]] = set()
LANGUAGES = ["fr", "ar"]
# Pages whose colours or markup this suite made change, saved for a person to look at (test-artifacts/).
SCREENSHOTS = {
    "c/tunis/stakeholders/": "registry",
    "c/tunis/terms/v/1/roles/": "role-matrix",
    "c/tunis/planning/matrix/": "me-matrix",
    "c/tunis/planning/matrix/ (menu 1 open)": "navigation-menu",
}

# axe skips text it takes for an icon font's ligature, judged per font family from the first few
# text nodes: Arabic letters join, so on an Arabic page every text in the body font was skipped and
# the contrast of /ar/ pages went unchecked. These pages use no icon font: axe is told so through its
# per-run cache (cleared after each run; axe-core's version is pinned in package.json).
NO_ICON_LIGATURES = """() => axe._cache.set("fonts", new Proxy({}, {
    get: () => ({occurrences: Infinity, numLigatures: 0}),
}))"""
CONTRAST_CHECKED = """selector => axe.run(selector, {runOnly: ["color-contrast"]})
    .then(result => result.passes.length + result.violations.length)"""
RUN_AXE = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
})"""


def axe_ready(page) -> None:
    """axe loaded in the page (once per document), set up for the next run."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    page.evaluate(NO_ICON_LIGATURES)


def axe_violations(page) -> list[dict]:
    """Every WCAG 2.1 A/AA violation axe finds on the page as it is now."""
    axe_ready(page)
    return page.evaluate(RUN_AXE, WCAG_21_AA)["violations"]


def describe(url: str, violation: dict) -> str:
    lines = [f"{url}: [{violation['impact']}] {violation['id']}: {violation['help']}"]
    for node in violation["nodes"][:5]:
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    if len(violation["nodes"]) > 5:
        lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def staff_pages(city_slug: str) -> list[str]:
    stakeholder = Stakeholder.objects.filter(city__slug=city_slug, is_active=True).order_by("pk").first()
    consultation = Consultation.objects.get(city__slug=city_slug, number=1)
    action = Action.objects.filter(city__slug=city_slug).order_by("pk").first()
    indicator = Indicator.objects.filter(action__city__slug=city_slug).order_by("pk").first()
    roadmap = RoadmapVersion.objects.filter(city__slug=city_slug).order_by("number").first()
    programme = Programme.objects.filter(city__slug=city_slug).order_by("pk").first()
    held = Consultation.objects.filter(city__slug=city_slug, status=ConsultationStatus.HELD).order_by("number").first()
    c = f"/c/{city_slug}"
    n = consultation.number
    return [
        "/",
        f"{c}/stakeholders/",
        f"{c}/stakeholders/{stakeholder.pk}/",
        f"{c}/stakeholders/{stakeholder.pk}/edit/",
        f"{c}/stakeholders/map/",
        f"{c}/consultations/",
        f"{c}/consultations/{n}/",
        f"{c}/consultations/{n}/agenda/",
        f"{c}/consultations/{n}/invitations/",
        f"{c}/consultations/{n}/attendance/",
        f"{c}/consultations/{held.number}/minutes/",
        f"{c}/terms/",
        f"{c}/terms/v/2/",
        f"{c}/terms/v/1/roles/",
        f"{c}/terms/v/2/ratification/",
        f"{c}/planning/",
        f"{c}/planning/actions/",
        f"{c}/planning/actions/{action.pk}/",
        f"{c}/planning/indicators/{indicator.pk}/",
        f"{c}/planning/timeline/",
        f"{c}/planning/matrix/",
        f"{c}/planning/roadmap/",
        f"{c}/planning/roadmap/{roadmap.number}/",
        f"{c}/planning/dashboard/",
        f"{c}/inventory/",
        f"{c}/inventory/{programme.pk}/",
        f"{c}/inventory/timeline/",
        f"{c}/inventory/matrix/",
        f"{c}/inventory/gaps/",
        f"{c}/inventory/overlaps/",
        f"{c}/inventory/needs/",
        f"{c}/inventory/criteria/",
        f"{c}/inventory/report/",
        f"{c}/reminders/",
        f"{c}/reminders/due/",
        f"{c}/reminders/consultations/{n}/remind/",
        f"{c}/reminders/consultations/{n}/offline/",
        f"{c}/imports/",
        f"{c}/search/?q=tunis",
        f"{c}/activity/",
        f"{c}/outbox/",
        "/notifications/",
    ]


def held_consultation(city_slug: str) -> None:
    """A consultation whose minutes are being written: the demo's last one, marked held when none is."""
    consultations = Consultation.objects.filter(city__slug=city_slug)
    if not consultations.filter(status=ConsultationStatus.HELD).exists():
        last = consultations.order_by("number").last()
        consultations.filter(pk=last.pk).update(status=ConsultationStatus.HELD)


def programme_pages() -> list[str]:
    """A programme's pages, as its member sees them."""
    return ["/programmes/", f"/programmes/{ProgrammeFollowed.objects.order_by('pk').first().slug}/"]


def test_the_main_pages_have_no_serious_accessibility_violation_in_french_and_arabic(page, live_server, screenshot):
    call_command("load_demo", stdout=io.StringIO())
    # A ratification sent to every stakeholder: the status page has rows, the outbox has emails, and a
    # contact's emailed link opens the public page.
    version = TorVersion.objects.get(tor__city__slug="tunis", number=2)
    ratification_send(TOR_RATIFICATION, version=version)
    held_consultation("tunis")
    link = link_in(mail.outbox[0]).replace(settings.SITE_URL, live_server.url)

    page.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"))
    failures = []
    report = {}  # every violation, minor and moderate included, for a person to read

    def check(path: str, open_menu: int | None = None) -> None:
        response = page.goto(path)
        assert response.ok, f"{path}: HTTP {response.status}"
        if open_menu is not None:  # a navigation menu open, its entries checked too
            page.locator("nav.navbar .dropdown-toggle").nth(open_menu).click()
            path += f" (menu {open_menu} open)"
        violations = axe_violations(page)
        shot = SCREENSHOTS.get(path.split("/", 2)[2])
        if shot:
            screenshot(f"a11y-{shot}-{path.split('/')[1]}")
        report[path] = [
            {"id": v["id"], "impact": v["impact"], "nodes": [" ".join(map(str, n["target"])) for n in v["nodes"]]}
            for v in violations
        ]
        failures.extend(
            describe(path, v)
            for v in violations
            if v["impact"] in BLOCKING and not any(path.endswith(end) and v["id"] == rule for end, rule in KNOWN)
        )

    for language in LANGUAGES:
        check(f"/{language}/accounts/login/")
        check(f"/{language}/verify/")  # the public page a signed record's QR code opens
        check(f"/{language}/verify/?sha256={version.sha256}")  # its answer: a version and its records

    page.goto(link)  # the token moves into the session; the page is reached without it
    public_path = page.url.removeprefix(live_server.url).split("/", 2)[2]
    for language in LANGUAGES:
        check(f"/{language}/{public_path}")

    page.goto("/fr/accounts/login/")
    page.fill("input[name=username]", "coordinator-tunis")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/fr/")
    for language in LANGUAGES:
        for path in staff_pages("tunis"):
            check(f"/{language}{path}")
        check(f"/{language}/c/tunis/planning/matrix/", open_menu=1)
    page.context.clear_cookies()  # logged out: the programme member logs in next
    page.goto("/fr/accounts/login/")
    page.fill("input[name=username]", "programme-mc2cm")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/fr/**")
    for language in LANGUAGES:
        for path in programme_pages():
            check(f"/{language}{path}")
    # The Arabic pages' text had its contrast checked (see NO_ICON_LIGATURES).
    page.goto("/ar/")
    axe_ready(page)
    assert page.evaluate(CONTRAST_CHECKED, "main h1") == 1

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-violations.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    assert not failures, f"{len(failures)} serious or critical accessibility violations:\n" + "\n".join(failures)
