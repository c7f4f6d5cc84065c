from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from common.text import normalize_search_text


def register_sqlite_search_norm(sender, connection, **kwargs):
    """SQLite has no unaccent: the same normalisation as common.text, as the SQL function search_norm()
    (PostgreSQL gets its own in SQL from this app's migration)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("search_norm", 1, normalize_search_text, deterministic=True)


class SearchConfig(AppConfig):
    """Search across a city from the navbar: above every other app, it reads the registry, the consultations,
    the terms and the planning."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(register_sqlite_search_norm, dispatch_uid="search.sqlite_search_norm")
