"""The rich text editor of the admin: Wagtail's Draftail, fed only sanitised stored HTML.

Rich text saved through the editor is already limited to its features, but text stored any
other way (old publication requests, imports) may hold tags the editor's parser cannot read
(it then answers HTTP 500) or script; it is cleaned before the editor sees it. Set as the
default editor in settings (WAGTAILADMIN_RICH_TEXT_EDITORS).
"""

from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.rich_text import RichText

from prongsai.core.html import sanitise_rich_text_source


class SanitisingDraftailRichTextArea(DraftailRichTextArea):
    def format_value(self, value):
        if isinstance(value, RichText):
            value = value.source
        return super().format_value(sanitise_rich_text_source(value))
