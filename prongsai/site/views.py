from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.views import sitemap


@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    return sitemap(request)


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
