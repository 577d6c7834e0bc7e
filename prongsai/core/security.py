"""Content-Security-Policy per part of the site.

The public site gets the strict policy of settings.CONTENT_SECURITY_POLICY: scripts and styles
from our own static files only, nothing inline. Paths under the admin get
settings.PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY instead. Its scripts are no less strict: our own
admin templates keep their scripts in static files, and no `'unsafe-inline'` is allowed.

Wagtail itself still writes a few inline `<script>` elements into admin pages: the date and time
widgets (`initDateChooser("id_x", {...})`), the inline and multiple chooser panels (`new
InlinePanel(JSON.parse("..."))`) and the chooser widgets (`new PageChooser("id_x", {...})`,
`createTaskChooser("id_x")`). Copying their templates and widgets to move that code out would
have to follow every Wagtail release, so instead the admin's HTML responses pass through
`nonce_known_initialisers`: an inline script gets the response's nonce only when its whole text
is one call of one of those known initialisers whose arguments are JSON literals (parsed as
JSON, so they cannot hold code), with nothing before or after. Anything else inline, such as a
`<script>` that typed text smuggled past the escaping, gets no nonce and the browser refuses it.

Styles keep `'unsafe-inline'` in the admin: Wagtail's templates and scripts set `style`
attributes (progress bars, the focal point's box, the sidebar's width), which a nonce cannot
cover. jQuery Jcrop (the image editor's focal point) probes for touch support by setting an
`ontouchstart="return;"` attribute; that exact handler is allowed by its hash in
`script-src-attr` only.

Wagtail renders a page's preview through the whole middleware chain with the page's own URL:
that preview keeps the public policy (so it shows what citizens will get) but may be framed
by the admin.
"""

import json
import re
from functools import cached_property

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse

# `<script>` exactly as Wagtail writes it: no attribute (a `src`, a `type` or a nonce of its own
# means it is not one of these), up to the first end tag, as the HTML parser reads it.
INLINE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.DOTALL)
# Wagtail's initialisers, each anchored to the whole script. `args` must then parse as JSON.
KNOWN_INITIALISERS = [
    # widgets/date_input.html, time_input.html, datetime_input.html
    re.compile(r"(?:initDateChooser|initTimeChooser|initDateTimeChooser)\((?P<args>.*)\);"),
    # panels/inline_panel.html, panels/multiple_chooser_panel.html
    re.compile(
        r"\(function\(\)\s*\{\s*var panel = new (?:InlinePanel|MultipleChooserPanel)"
        r"\(JSON\.parse\((?P<args>.*)\)\);\s*\}\)\(\);"
    ),
    # widgets/chooser.py BaseChooser.render_js_init, for every chooser widget
    re.compile(
        r"new (?:Chooser|PageChooser|ImageChooser|DocumentChooser|SnippetChooser)"
        r"\((?P<args>.*)\);"
    ),
    # widgets/workflows.py AdminTaskChooser.render_js_init
    re.compile(r"createTaskChooser\((?P<args>.*)\);"),
]


def _not_a_literal(constant):
    raise ValueError(constant)


def only_literals(args):
    """True when `args` is a comma-separated list of JSON values and nothing else."""
    if "<" in args:
        # Wagtail's arguments never hold one; `</script` or `<!--` would change where the
        # browser ends the script, so that it would not be the text checked here
        return False
    try:
        json.loads(f"[{args}]", parse_constant=_not_a_literal)
    except ValueError:
        return False
    return True


def is_known_initialiser(body):
    body = body.strip()
    for pattern in KNOWN_INITIALISERS:
        match = pattern.fullmatch(body)
        if match:
            return only_literals(match["args"])
    return False


def nonce_known_initialisers(html, nonce):
    """The HTML with `nonce` on the inline scripts that are Wagtail's known initialisers."""

    def add_nonce(match):
        if not is_known_initialiser(match["body"]):
            return match[0]
        return f'<script nonce="{nonce}">{match["body"]}</script>'

    return INLINE_SCRIPT.sub(add_nonce, html)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    def is_admin(self, request):
        return request.path_info.startswith(self.admin_prefix)

    def process_response(self, request, response):
        if (
            self.is_admin(request)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"<script>" in response.content
        ):
            html = response.content.decode(response.charset)
            nonced = nonce_known_initialisers(html, request.csp_nonce)
            if nonced != html:
                response.content = nonced.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if self.is_admin(request):
            parts.config = default_config(settings.PRONGSAI_ADMIN_CONTENT_SECURITY_POLICY)
        elif getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
