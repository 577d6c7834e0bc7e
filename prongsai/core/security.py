"""Content-Security-Policy per part of the site.

The public site gets the strict policy of settings.CONTENT_SECURITY_POLICY: scripts and styles
from our own static files only, nothing inline. Wagtail's admin writes inline scripts and
styles into its pages (and in widgets it renders), so paths under the admin get
settings.PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY instead, which allows them there alone. Only
signed-in staff reach those pages, and everything they type is escaped before it is shown.
"""

from functools import cached_property

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
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.admin_prefix)
        ):
            parts.config = default_config(settings.PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY)
        return parts
