from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Thai search: a substring-correct index for pages and documents, on SQLite and PostgreSQL."""

    name = "prongsai.search"
    label = "prongsai_search"
    verbose_name = _("Search")

    def ready(self):
        from prongsai.search import signals  # noqa: F401
