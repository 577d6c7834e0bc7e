from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Thai search: a substring-correct index for pages and documents, on SQLite and PostgreSQL."""

    name = "prongsai.search"
    label = "prongsai_search"
    verbose_name = _("Search")

    def ready(self):
        from prongsai.search import signals  # noqa: F401

        _name_the_admin_page_search_results()


def _name_the_admin_page_search_results():
    """Wagtail 8.0's admin page search gives its results table no model name, so its header
    read "1-1 จาก 1 None" (the view leaves verbose_name unset); it lists pages."""
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.models import Page

    if SearchView.verbose_name is None:
        SearchView.verbose_name = Page._meta.verbose_name
        SearchView.verbose_name_plural = Page._meta.verbose_name_plural
