"""Who may do what on each view: the classification table of the security suite, and how URLs are filled.

EVERY route of the URL configuration must be classified here (VIEWS, keyed by URL name, or the admin
rule). A new view that is not in the table fails tests/security/test_views_permissions.py: add it with the
access it is meant to have, and the suite checks the view really enforces it.

Kinds of access:
- public: anyone (login page, health check); must not show city data.
- link: pages reached through an emailed link (links.views.link_required); without a link in the
  session every user gets the generic 404 page, without city data.
- login: any logged-in user (the list of my cities).
- city: a city page; `get` / `post` name the weakest role allowed to GET / POST it (None: the method
  is refused with 405). Outsiders get 404, too weak a role 403, anonymous a redirect to login or 404.
- admin: the Django admin; only staff (here: the superuser) get in, others are sent to its login.
- programme: a programme's read-only pages, for its members only; none of the city's staff follows the
  world's programme, so they get 404 like an outsider, the superuser gets in, anonymous goes to login.
"""

from dataclasses import dataclass

from cities.models import Role

VIEWER, EDITOR, COORDINATOR = Role.VIEWER, Role.EDITOR, Role.COORDINATOR
ANY = "any"


@dataclass(frozen=True)
class Access:
    kind: str  # public | link | login | city | admin
    get: str | None = None
    post: str | None = None
    # Statuses that count as success for an allowed role.
    get_ok: tuple[int, ...] = (200,)
    # 400: a form re-rendered with its errors (our POSTs carry no data).
    post_ok: tuple[int, ...] = (200, 302, 303, 400)


def city_read(**kw) -> Access:
    """Viewers and up read it; it accepts no POST."""
    return Access("city", get=VIEWER, **kw)


def city_form(role=EDITOR, **kw) -> Access:
    """A form page: GET shows the form, POST saves; both need `role`."""
    return Access("city", get=role, post=role, **kw)


def city_action(role=EDITOR, **kw) -> Access:
    """A POST-only action (a button): GET gets 405."""
    return Access("city", get=None, post=role, **kw)


def city_page(role, **kw) -> Access:
    """A page only `role` and up may see (GET); it accepts no POST."""
    return Access("city", get=role, **kw)


def city_read_write(post=EDITOR, **kw) -> Access:
    """Viewers read it; the same URL takes a POST from `post` and up."""
    return Access("city", get=VIEWER, post=post, **kw)


PUBLIC = Access("public", get=ANY, post=None, get_ok=(200, 302))
LINK = Access("link", get=ANY, post=ANY)
LINK_READ = Access("link", get=ANY, post=None)  # e.g. a PDF reached through a link
LOGIN = Access("login", get=ANY, post=None)
ADMIN = Access("admin", get=ANY, post=ANY)
PROGRAMME = Access("programme", get=ANY, post=None)
# The development mailbox: 404 for everyone unless DEBUG (off in tests), like a page without its link.
DEV_ONLY = Access("link", get=ANY, post=None)

VIEWS: dict[str, Access] = {
    # config, cities, links
    "healthz": PUBLIC,
    "favicon": PUBLIC,
    "login": Access("public", get=ANY, post=ANY, get_ok=(200, 302), post_ok=(200, 302, 429)),
    "logout": Access("public", get=None, post=ANY, post_ok=(200, 302)),
    "cities:home": LOGIN,
    "links:open": Access("link", get=ANY, post=None),
    "outbox:list": city_read(),
    "outbox:retry": city_action(EDITOR),
    "outbox:retry_all": city_action(EDITOR),
    "mailbox:list": DEV_ONLY,
    "mailbox:detail": DEV_ONLY,
    "mailbox:html": DEV_ONLY,
    "mailbox:attachment": DEV_ONLY,
    # stakeholders
    "stakeholders:list": city_read(),
    "stakeholders:export": city_read(),
    "stakeholders:export_xlsx": city_read(),
    "stakeholders:map": city_read(),
    "stakeholders:detail": city_read(),
    "stakeholders:create": city_form(),
    "stakeholders:edit": city_form(),
    "stakeholders:deactivate": city_action(),
    "stakeholders:reactivate": city_action(),
    "stakeholders:contact_create": city_form(),
    "stakeholders:contact_edit": city_form(),
    "stakeholders:contact_make_primary": city_action(),
    "stakeholders:contact_erase": city_action(),
    # terms (the world's version is "final", sent for ratification: edits answer with a message)
    "terms:home": city_read(),
    "terms:version_create": city_action(),
    "terms:version": city_read(),
    "terms:version_edit": city_form(get_ok=(200, 302)),
    "terms:version_status": city_action(),
    "terms:version_circulate": city_action(),
    "terms:diff": city_read(),
    "terms:compare": city_read(),
    "terms:version_pdf": city_read(),
    "terms:section_create": city_form(get_ok=(200, 302)),
    "terms:section_edit": city_form(get_ok=(200, 302)),
    "terms:section_delete": city_action(),
    "terms:section_move": city_action(),
    "terms:feedback": city_read_write(),
    "terms:feedback_reply": city_action(COORDINATOR),
    "terms:change_create": city_form(get_ok=(200, 302)),
    "terms:change_delete": city_action(),
    "terms:roles": city_read_write(),
    "terms:role_remove": city_action(),
    "terms:tor:status": city_read(),
    "terms:tor:send": city_action(COORDINATOR),
    "terms:record_generate": city_action(COORDINATOR),
    # No record generated yet in the world: the download answers 404 to members too.
    "terms:record": city_read(get_ok=(200, 404)),
    "terms:tor:request": city_read(),
    "terms:tor:resend": city_action(COORDINATOR),
    "terms:tor:remind": city_action(COORDINATOR),
    "terms:tor:revoke": city_action(COORDINATOR),
    "terms:tor:contact": city_action(COORDINATOR),
    "terms:tor:paper": city_action(COORDINATOR),
    "terms_public:tor:decide": LINK,
    "terms_public:tor:pdf": LINK_READ,
    "terms_public:feedback": LINK,
    "terms_public:feedback_pdf": LINK_READ,
    # consultations (the world's consultation 1 is planned: pages for later stages answer with a message)
    "consultations:cycle": city_read(),
    "consultations:calendar": city_read(),
    "consultations:create": city_form(get_ok=(200, 302)),
    "consultations:detail": city_read(),
    "consultations:edit": city_form(),
    "consultations:hold": city_form(get_ok=(200, 302)),
    "consultations:close": city_action(COORDINATOR),
    "consultations:ics": city_read(),
    "consultations:agenda": city_page(EDITOR),
    "consultations:agenda_add": city_form(),
    "consultations:agenda_arrange": city_action(),
    "consultations:agenda_edit": city_form(),
    "consultations:agenda_delete": city_action(),
    "consultations:agenda_pdf": city_read(),
    "consultations:agenda_print": city_read(),
    "consultations:invitations": city_read(),
    "consultations:invitations_send": city_form(get_ok=(200, 302)),
    "consultations:invitation_resend": city_action(),
    "consultations:attendance": city_read(),
    "consultations:attendance_checkin": city_action(),
    "consultations:attendance_walk_in": city_action(),
    "consultations:attendance_set": city_action(),
    "consultations:minutes": city_form(get_ok=(200, 302)),
    "consultations:minutes_pdf": city_read(get_ok=(200, 404)),
    "consultations:minutes_circulate": city_action(COORDINATOR),
    "consultations:minutes_finalise": city_action(COORDINATOR),
    "consultations_public:answer": LINK,
    "consultations_public:answer_agenda_pdf": LINK_READ,
    "consultations_public:minutes_review": LINK,
    "consultations_public:minutes_review_pdf": LINK_READ,
    # planning
    "planning:plan": city_read(),
    "planning:dashboard": city_read(),
    "planning:mapping": city_read(),
    "planning:mapping_create": city_form(),
    "planning:mapping_edit": city_form(),
    "planning:mapping_delete": city_action(),
    "planning:action_list": city_read(),
    "planning:action_create": city_form(),
    "planning:action_detail": city_read(),
    "planning:action_edit": city_form(),
    "planning:action_delete": city_action(COORDINATOR),
    "planning:timeline": city_read(),
    "planning:indicator_create": city_form(),
    "planning:indicator_detail": city_read(),
    "planning:indicator_edit": city_form(),
    "planning:indicator_delete": city_action(),
    # POST-only in effect: a GET is sent back to the indicator's page.
    "planning:measurement_create": city_form(get_ok=(302,)),
    "planning:measurement_delete": city_action(),
    "planning:matrix": city_read(),
    "planning:matrix_csv": city_read(),
    "planning:matrix_xlsx": city_read(),
    "planning:roadmap_list": city_read(),
    "planning:roadmap_compare": city_read(),
    "planning:roadmap_create": city_action(),
    "planning:roadmap_detail": city_read(),
    "planning:roadmap_edit": city_form(),
    "planning:roadmap_freeze": city_action(COORDINATOR),
    "planning:roadmap_approve": city_action(COORDINATOR),
    "planning:roadmap_pdf": city_read(),
    "planning:roadmap:status": city_read(),
    "planning:roadmap:send": city_action(COORDINATOR),
    "planning:roadmap:request": city_read(),
    "planning:roadmap:resend": city_action(COORDINATOR),
    "planning:roadmap:remind": city_action(COORDINATOR),
    "planning:roadmap:revoke": city_action(COORDINATOR),
    "planning:roadmap:contact": city_action(COORDINATOR),
    "planning:roadmap:paper": city_action(COORDINATOR),
    "planning_public:roadmap:decide": LINK,
    "planning_public:roadmap:pdf": LINK_READ,
    # inventory (the world's programme has an assessment, so its pages show every part)
    "inventory:programme_list": city_read(),
    "inventory:programme_create": city_form(),
    "inventory:programme_detail": city_read(),
    "inventory:programme_edit": city_form(),
    "inventory:programme_delete": city_action(COORDINATOR),
    "inventory:assessment_edit": city_form(),
    "inventory:assessment_delete": city_action(),
    "inventory:criterion_list": city_read(),
    "inventory:criterion_create": city_form(),
    "inventory:criterion_edit": city_form(),
    "inventory:criterion_delete": city_action(),
    "inventory:matrix": city_read(),
    "inventory:gaps": city_read(),
    "inventory:overlaps": city_read(),
    "inventory:timeline": city_read(),
    "inventory:needs": city_read(),
    "inventory:report": city_read(),
    "inventory:report_pdf": city_read(),
    "inventory:report_xlsx": city_read(),
    # portal: staff send the space link; the space and its actions and documents sit behind that link
    "portal:send": city_action(EDITOR),
    "portal_public:space": LINK_READ,
    **{
        f"portal_public:open_{item}": Access("link", get=None, post=ANY)
        for item in ("invitation", "feedback", "tor", "roadmap")
    },
    **{f"portal_public:doc_{doc}": LINK_READ for doc in ("agenda", "minutes", "tor", "roadmap")},
    # notifications: each user's own (a notification of someone else, or none, is 404)
    "notifications:list": LOGIN,
    "notifications:read": Access("login", get=None, post=ANY, post_ok=(302, 404)),
    "notifications:read_all": Access("login", get=None, post=ANY, post_ok=(302,)),
    "notifications:preferences": Access("login", get=None, post=ANY, post_ok=(302,)),
    # imports: coordinators only; a batch belongs to the user who uploaded it (another's redirects to the upload)
    "imports:upload": city_form(COORDINATOR),
    "imports:template": city_page(COORDINATOR),
    "imports:preview": city_page(COORDINATOR, get_ok=(302,)),
    "imports:choices": city_action(COORDINATOR),
    "imports:commit": city_action(COORDINATOR),
    "imports:discard": city_action(COORDINATOR),
    # activity: the change history and timelines, read by every member
    "activity:log": city_read(),
    "activity:object_history": city_read(),
    "activity:stakeholder_timeline": city_read(),
    # reminders (a remind POST without recipients answers with a message and a redirect)
    "reminders:policy": city_read_write(post=COORDINATOR),
    "reminders:due": city_read(),
    "reminders:invitations": city_form(EDITOR),
    "reminders:invitations_offline": city_form(EDITOR),
    "reminders:ratification": city_form(COORDINATOR),
    "reminders:ratification_offline": city_form(COORDINATOR),
    "reminders:feedback": city_form(EDITOR),
    # verify: public, no login (a POST without a file or SHA-256 is a form error, 400)
    "verify:verify": Access("public", get=ANY, post=ANY, get_ok=(200,), post_ok=(400,)),
    "verify:root": Access("public", get=ANY, post=None, get_ok=(200,)),
    # programmes: the user's programmes, and a programme's pages (members only, read-only)
    "programmes:list": LOGIN,
    "programmes:dashboard": PROGRAMME,
    "programmes:xlsx": PROGRAMME,
    "programmes:pdf": PROGRAMME,
    "search:search": city_read(),
    # the admin's own login and logout pages
    "admin:login": Access("public", get=ANY, post=ANY, get_ok=(200, 302), post_ok=(200, 302, 429)),
    "admin:logout": Access("public", get=ANY, post=ANY, get_ok=(302, 405), post_ok=(200, 302)),
}


def access_for(route) -> Access | None:
    if route.key in VIEWS:
        return VIEWS[route.key]
    if route.template.startswith("/admin/"):
        return ADMIN
    return None


# Which object a URL kwarg names, when the view's own name does not say it (see kwargs.py).
# Keys: (URL name, kwarg) first, then (URL namespace, kwarg), then (app label, kwarg).
OBJECT_KWARGS: dict[tuple[str, str], str] = {
    ("stakeholders", "pk"): "stakeholder",
    ("stakeholders", "contact_pk"): "contact",
    ("outbox", "pk"): "email",
    # No notification in the world: any pk (here an email's) is one the user does not have.
    ("notifications", "pk"): "email",
    ("terms", "number"): "version",
    ("terms:tor", "number"): "version",
    ("terms:tor", "pk"): "ratification",
    ("terms:role_remove", "pk"): "assignment",
    ("terms:feedback_reply", "pk"): "feedback",
    ("portal_public:open_invitation", "pk"): "invitation",
    ("portal_public:open_feedback", "pk"): "feedback_request",
    ("portal_public:open_tor", "pk"): "ratification",
    ("portal_public:open_roadmap", "pk"): "roadmap_ratification",
    ("portal_public", "number"): "consultation",
    ("planning", "number"): "roadmap",
    ("planning:roadmap", "number"): "roadmap",
    ("planning:roadmap", "pk"): "roadmap_ratification",
    ("planning:indicator_create", "pk"): "action",
    ("planning:measurement_create", "pk"): "indicator",
    ("consultations", "number"): "consultation",
    ("consultations:attendance_set", "pk"): "invitation",
    # Inventory pages under <pk>/ name a programme (its assessment is reached through it).
    ("inventory", "pk"): "programme",
    ("inventory:criterion_edit", "pk"): "criterion",
    ("inventory:criterion_delete", "pk"): "criterion",
    ("programmes", "slug"): "city_programme",
    ("imports", "pk"): "import_batch",
    # The activity pages under <pk>/ name a stakeholder (object_history's kind is "stakeholder", kwargs.py).
    ("activity", "pk"): "stakeholder",
    ("reminders:invitations", "number"): "consultation",
    ("reminders:invitations_offline", "number"): "consultation",
    ("reminders:ratification", "number"): "version",
    ("reminders:ratification_offline", "number"): "version",
    ("reminders:feedback", "number"): "version",
}
