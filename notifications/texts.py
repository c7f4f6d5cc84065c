"""What a notification says, rendered in the active language when it is read (page or digest email).

A notification stores its facts (`params`) with names in French and Arabic; the sentence is translated
here, so a member reads it in the language of the page, and a digest in the user's language.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common import bidi

from .models import Notification, NotificationKind

# FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE: a name or a reason in either script keeps its own direction
# inside a sentence in the other (plain text; HTML uses <bdi>).
FSI, PDI = "\u2068", "\u2069"

# The ratified documents, by ratification kind name.
DOCUMENTS = {"tor": _("Terms of reference"), "roadmap": _("Roadmap")}


def bilingual(obj, field: str = "name") -> dict:
    """A translated field kept in both languages, for a notification's params or an email's context."""
    return {"fr": getattr(obj, f"{field}_fr", "") or "", "ar": getattr(obj, f"{field}_ar", "") or ""}


def _pick(value) -> str:
    """A bilingual value in the active language (French when the Arabic is missing)."""
    if isinstance(value, dict):
        language = (get_language() or "fr").split("-")[0]
        return value.get(language) or value.get("fr") or ""
    return value or ""


def document_label(kind_name: str) -> str:
    return str(DOCUMENTS.get(kind_name, kind_name))


def _isolated(value, *, html: bool):
    """A value written by people (a name, a reason, a subject): isolated, and in HTML marked with its language
    when its script is not the page's."""
    text = str(value)
    if not html:
        return f"{FSI}{text}{PDI}"
    language = bidi.current_language()
    return format_html(
        "<bdi>{}</bdi>", bidi.mark_language(text, bidi.script_language(text, language), language=language)
    )


def notification_text(notification: Notification, *, html: bool = False) -> str:
    """The sentence in the active language; html=True escapes it and marks each name, reason or subject."""
    sentence, values = _sentence(notification)
    if not html:
        return sentence % {k: _isolated(v, html=False) if k in FREE_TEXT else v for k, v in values.items()}
    safe = {k: _isolated(v, html=True) if k in FREE_TEXT else conditional_escape(v) for k, v in values.items()}
    return mark_safe(conditional_escape(sentence) % safe)


# What people wrote or named, isolated in the sentence (the rest are numbers and our own labels).
FREE_TEXT = {"stakeholder", "reason", "title", "to", "subject"}


def _sentence(notification: Notification) -> tuple[str, dict]:
    """The translated sentence with its %(name)s placeholders, and their values."""
    p = notification.params or {}
    kind = notification.kind
    stakeholder = _pick(p.get("stakeholder")) or gettext("A stakeholder")
    document = document_label(p.get("document", ""))
    if kind == NotificationKind.FEEDBACK:
        count = int(p.get("count", 1))
        return ngettext(
            "%(stakeholder)s: %(count)s comment on %(document)s, version %(version)s.",
            "%(stakeholder)s: %(count)s comments on %(document)s, version %(version)s.",
            count,
        ), {"stakeholder": stakeholder, "count": count, "version": p.get("version"), "document": document}
    if kind == NotificationKind.DECLINED:
        return gettext(
            "Ratification declined by %(stakeholder)s: %(document)s, version %(version)s. Reason: %(reason)s"
        ), {
            "stakeholder": stakeholder,
            "version": p.get("version"),
            "document": document,
            "reason": p.get("reason", ""),
        }
    if kind == NotificationKind.QUORUM:
        return gettext(
            "Quorum reached: %(document)s, version %(version)s (%(ratified)s of %(active)s stakeholders ratified)."
        ), {
            "version": p.get("version"),
            "document": document,
            "ratified": p.get("ratified"),
            "active": p.get("active"),
        }
    if kind == NotificationKind.ADOPTED:
        return gettext("Version adopted: %(document)s, version %(version)s."), {
            "version": p.get("version"),
            "document": document,
        }
    if kind == NotificationKind.NOT_ATTENDING:
        return gettext("%(stakeholder)s will not attend consultation %(number)s (%(title)s)."), {
            "stakeholder": stakeholder,
            "number": p.get("number"),
            "title": _pick(p.get("title")),
        }
    if kind == NotificationKind.EMAIL_FAILED:
        return gettext("An email to %(to)s could not be sent: %(subject)s"), {
            "to": p.get("to", ""),
            "subject": p.get("subject", ""),
        }
    return "%(kind)s", {"kind": notification.get_kind_display()}
