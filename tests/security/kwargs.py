"""Fill a route's URL kwargs with real objects of a city (see world.py), or say what is missing.

Rules, in order, for a kwarg `k` of a route of app `a` whose view is named `v`:
1. fixed values: city_slug (the city), token (a token that is not valid), language/lang ("fr"), the
   development mailbox's message_id and index,
   and the admin's own kwargs (app_label, object_id, content_type_id, id, url);
2. access.OBJECT_KWARGS[(route name, k)], then [(route namespace, k)], then [(a, k)];
3. `<entity>_pk` / `<entity>_id` / `<entity>_number`: that entity;
4. pk / id / number: the entity the view's name starts with (`contact_edit` -> contact).
The value is the object's pk for pk/id-like kwargs, else its attribute of that name (number, code).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from .access import OBJECT_KWARGS
from .world import entity_name

INVALID_TOKEN = "not-a-valid-token-" + "x" * 25


class UnknownKwarg(Exception):
    pass


def _admin_model(route):
    parts = route.template.strip("/").split("/")
    if len(parts) >= 3 and parts[0] == "admin":
        try:
            return apps.get_model(parts[1], parts[2])
        except LookupError:
            return None
    return None


def _admin_value(route, kwarg, world):
    if kwarg == "app_label":
        return "stakeholders"
    if kwarg == "url":
        return "no-such-page/"
    if kwarg == "content_type_id":
        return ContentType.objects.get_for_model(world.get("stakeholder")).pk
    if kwarg in ("object_id", "id"):
        model = _admin_model(route)
        if model is None:  # view_on_site
            return world.get("stakeholder").pk
        obj = model._default_manager.order_by("pk").first()
        return obj.pk if obj is not None else 999999
    raise UnknownKwarg(kwarg)


def entity_for(route, kwarg: str) -> str | None:
    for key in ((route.name, kwarg), (route.namespace, kwarg), (route.app_label, kwarg)):
        if key in OBJECT_KWARGS:
            return OBJECT_KWARGS[key]
    for suffix in ("_pk", "_id", "_number"):
        if kwarg.endswith(suffix):
            return entity_name(kwarg.removesuffix(suffix))
    if kwarg in ("pk", "id", "number"):
        words = route.view_name.split("_")
        for n in range(len(words), 0, -1):
            found = entity_name("_".join(words[:n]))
            if found:
                return found
    return None


def fill_kwargs(route, world) -> dict:
    """Values for every kwarg of the route, objects built in `world`; UnknownKwarg names what is missing."""
    values = {}
    for kwarg in route.kwargs:
        if kwarg == "city_slug":
            values[kwarg] = world.city.slug
        elif kwarg == "token":
            values[kwarg] = INVALID_TOKEN
        elif kwarg in ("language", "lang"):
            values[kwarg] = "fr"
        elif route.namespace == "activity" and kwarg == "kind":  # which tracked model: the pk is a stakeholder's
            values[kwarg] = "stakeholder"
        elif kwarg == "kind_name":  # a ratification kind: the world's version is a ToR version
            values[kwarg] = "tor"
        elif route.namespace == "mailbox":  # the development mailbox: file names, not objects
            values[kwarg] = {"message_id": "no-such-mail.0", "index": 0}[kwarg]
        elif route.template.startswith("/admin/"):
            values[kwarg] = _admin_value(route, kwarg, world)
        else:
            entity = entity_for(route, kwarg)
            if entity is None:
                raise UnknownKwarg(
                    f"{route.key}: no object for URL kwarg {kwarg!r}. Add ({route.key!r}, {kwarg!r}) or "
                    f"({route.app_label!r}, {kwarg!r}) to OBJECT_KWARGS in tests/security/access.py, and a builder "
                    "in tests/security/world.py if the object is new."
                )
            obj = world.get(entity)
            values[kwarg] = (
                obj.pk
                if kwarg in ("pk", "id") or kwarg.endswith(("_pk", "_id"))
                else getattr(obj, kwarg.rpartition("_")[2] if kwarg.endswith("_number") else kwarg)
            )
    return values
