"""Small reusable content blocks shared by the page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2", label=_("level")
    )

    class Meta:
        icon = "title"
        template = "site/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("description for screen readers"),
        required=False,
        help_text=_("What the picture shows; leave empty to use the image title."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        template = "site/blocks/image.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("file"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Leave empty to use the file title.")
    )

    class Meta:
        icon = "doc-full"
        template = "site/blocks/attachment.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        template = "site/blocks/quote.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


def body_blocks():
    return [
        ("heading", HeadingBlock()),
        ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("text"))),
        ("image", ImageBlock()),
        ("table", TableBlock(label=_("table"))),
        ("video", EmbedBlock(label=_("video"), help_text=_("YouTube or Facebook video address"))),
        ("quote", QuoteBlock()),
        ("files", blocks.ListBlock(AttachmentBlock(), label=_("files"))),
    ]


def attachment_blocks():
    return [("file", AttachmentBlock(label=_("file")))]


class ServiceStepBlock(blocks.StructBlock):
    """One step of a citizen service (คู่มือสำหรับประชาชน): what happens, how long, who."""

    step = blocks.CharBlock(label=_("step"))
    description = blocks.TextBlock(label=_("description"), required=False)
    duration = blocks.CharBlock(label=_("time taken"), help_text=_("e.g. 15 นาที, 1 วันทำการ"))
    responsible = blocks.CharBlock(label=_("responsible unit"), required=False)

    class Meta:
        icon = "list-ol"


class RequiredDocumentBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("document"))
    copies = blocks.CharBlock(label=_("copies"), required=False)
    note = blocks.CharBlock(label=_("note"), required=False)

    class Meta:
        icon = "doc-empty"
