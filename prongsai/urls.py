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
from prongsai.disclosures.media import serve_document, serve_image_file
from prongsai.search import views as search_views
from prongsai.site import views as site_views

urlpatterns = [
    path("admin/logout/", SignOutView.as_view()),
    path("healthz", healthz, name="healthz"),
    *agency_reports.url_overrides(),
    *agency_page_chooser.url_overrides(),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view (its URL name stays Wagtail's), marking private answers private
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="document_file"),
    path("documents/", include(wagtaildocs_urls)),
    # images and their renditions only after a permission check (docs/files-and-permissions.md)
    re_path(
        r"^media/(?P<name>(?:original_images|images)/.+)$",
        serve_image_file,
        name="image_file",
    ),
    path("sitemap.xml", site_views.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("search/", search_views.search, name="search"),
]

if settings.SERVE_MEDIA:
    # What else lies in media (e.g. the admin's avatars), in the demo. Documents and images are
    # never served from here: they go through the permission-checked views above.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?!documents/|original_images/|images/).*)$",
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "prongsai.site.views.page_not_found"
handler500 = "prongsai.site.views.server_error"
