"""Content-Security-Policy per part of the site.

The public site gets the strict policy of settings.CONTENT_SECURITY_POLICY: scripts and styles
from our own static files only, nothing inline. Wagtail's admin writes inline scripts and
styles into its pages (and in widgets it renders), so paths under the admin get
settings.PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY instead, which allows them there alone. Only
signed-in staff reach those pages, and everything they type is escaped before it is shown.

Wagtail renders a page's preview through the whole middleware chain with the page's own URL:
that preview keeps the public policy (so it shows what citizens will get) but may be framed
by the admin.
"""

from functools import cached_property

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(self.admin_prefix):
            parts.config = default_config(settings.PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY)
        elif getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
