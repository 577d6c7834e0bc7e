"""The one way typed text becomes HTML.

* :func:`text_to_paragraphs` -- plain text someone typed (a form's description, a comment)
  into escaped ``<p>`` paragraphs, ready to store as rich text: every ``<``, ``&`` and quote
  the person typed stays text.
* :func:`sanitise_html` -- HTML from anywhere we do not fully trust (rich text stored before it
  went through the editor, an import) cut down to the tags and attributes rich text uses;
  scripts, event handlers, ``javascript:`` links and styles are dropped, the text is kept.
* :func:`sanitise_rich_text_source` -- the same for rich text in its stored form (what the
  editor loads): only what the editor itself writes, void elements closed as it expects.
* :func:`highlight` -- plain text, escaped, with the search terms marked.

The sanitiser is Ammonia (through ``nh3``), a maintained allow-list sanitiser; what it keeps is
listed here so that the public site and the editor agree on it.
"""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

# What Wagtail's rich text holds, in its stored form (links and embeds as <a linktype>,
# <embed embedtype>) and in the form it renders to (images, embedded videos, tables).
RICH_TEXT_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s",
    "sub", "sup", "code", "blockquote", "ol", "ul", "li", "a", "embed", "img", "figure",
    "figcaption", "div", "span", "iframe", "table", "thead", "tbody", "tfoot", "tr", "th",
    "td", "caption",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "linktype", "id", "title"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
    "img": {"src", "alt", "width", "height", "class"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder"},
    "div": {"class"},
    "span": {"class"},
    "figure": {"class"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# An embedded video comes from a provider over https; nothing else is framed.
_FRAMED_ONLY_OVER_HTTPS = re.compile(r"^https://", re.IGNORECASE)


def _keep_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src" and not _FRAMED_ONLY_OVER_HTTPS.match(value):
        return None
    return value


def _clean(markup, tags, attributes, **options):
    """Ammonia with our allow-list of URL schemes and no comments."""
    return nh3.clean(
        str(markup), tags=tags, attributes=attributes, url_schemes=URL_SCHEMES,
        strip_comments=True, **options,
    )  # fmt: skip


def sanitise_html(markup):
    """Untrusted HTML cut down to what rich text may hold (a safe string)."""
    if not markup:
        return SafeString("")
    cleaned = _clean(
        markup,
        RICH_TEXT_TAGS,
        RICH_TEXT_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything unsafe


# Rich text as Wagtail stores it: links and embeds are <a linktype> and <embed embedtype>,
# never <img> or <iframe>; the editor's parser needs void elements written "<br/>".
STORED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s", "sub",
    "sup", "code", "blockquote", "ol", "ul", "li", "a", "embed",
}  # fmt: skip
STORED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
_VOID_ELEMENT = re.compile(r"<(br|hr|embed)(\s[^>]*)?>")


def sanitise_rich_text_source(markup):
    """Stored rich text reduced to what the editor writes, in the form its parser reads."""
    if not markup:
        return ""
    cleaned = _clean(markup, STORED_TAGS, STORED_ATTRIBUTES, link_rel=None)
    # nh3 writes HTML5 ("<br>"); attribute values come out quoted with ">" escaped, so the
    # closing ">" of a void tag is the first one after its name
    return _VOID_ELEMENT.sub(lambda m: f"<{m.group(1)}{(m.group(2) or '').rstrip()}/>", cleaned)


def text_to_paragraphs(text):
    """Typed text as ``<p>`` paragraphs, one per non-empty line, every character escaped."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return mark_safe("".join(f"<p>{html.escape(line)}</p>" for line in lines if line))  # noqa: S308


def paragraphs_html(paragraphs):
    """Rich text of plain sentences (an agency's name among them), one ``<p>`` each, escaped."""
    return mark_safe("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))  # noqa: S308


def highlight(text, terms):
    """Typed text, escaped, with every occurrence of a term wrapped in ``<mark>``
    (case-insensitive; longer terms first so one term inside another is marked whole)."""
    escaped = html.escape(text or "")
    wanted = [html.escape(term) for term in sorted(terms, key=len, reverse=True) if term]
    if not wanted:
        return mark_safe(escaped)  # noqa: S308
    pattern = "|".join(re.escape(term) for term in wanted)
    return mark_safe(re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE))  # noqa: S308
