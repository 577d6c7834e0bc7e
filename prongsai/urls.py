from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from prongsai.agencies import page_chooser as agency_page_chooser
from prongsai.agencies import reports as agency_reports
from prongsai.core.health import healthz
from prongsai.core.signout import SignOutView
from prongsai.search import views as search_views
from prongsai.site import views as site_views

urlpatterns = [
    path("admin/logout/", SignOutView.as_view()),
    path("healthz", healthz, name="healthz"),
    *agency_reports.url_overrides(),
    *agency_page_chooser.url_overrides(),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", site_views.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("search/", search_views.search, name="search"),
]

if settings.SERVE_MEDIA:
    # Images and renditions in the demo; production serves media from nginx or object storage.
    # Documents are never served from here: they go through Wagtail's permission-checked view.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?!documents/).*)$",
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "prongsai.site.views.page_not_found"
handler500 = "prongsai.site.views.server_error"
