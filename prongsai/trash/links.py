"""Taking an object out of the content that refers to it, or pointing that content at another
object: foreign keys (also on inline child objects), chooser blocks anywhere in a StreamField,
and links or embeds in rich text (StreamField blocks and RichTextFields).

``rewrite(instance, targets, replacement)`` changes ``instance`` in memory and says whether
anything changed; saving (a new revision for pages) is the caller's business (services.py).
"""

import re

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from prongsai.trash.models import TrashKind

CHOOSER_BLOCKS = {
    TrashKind.DOCUMENT: DocumentChooserBlock,
    TrashKind.IMAGE: ImageChooserBlock,
    TrashKind.PAGE: blocks.PageChooserBlock,
}
RICH_TEXT_TYPES = {
    TrashKind.DOCUMENT: ("a", "linktype", "document"),
    TrashKind.IMAGE: ("embed", "embedtype", "image"),
    TrashKind.PAGE: ("a", "linktype", "page"),
}


class Target:
    """What to take out: objects of one kind with these primary keys."""

    def __init__(self, kind, model, ids, replacement=None):
        self.kind = kind
        self.model = model
        self.ids = {str(i) for i in ids}
        self.replacement = replacement

    def matches(self, value):
        if isinstance(value, models.Model):
            value = value.pk
        return value is not None and str(value) in self.ids


def rewrite(instance, target):
    """Unlink (or replace) the target everywhere in ``instance``; True if anything changed."""
    changed = False
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            raw = field.get_prep_value(getattr(instance, field.name))
            new_raw, field_changed, _remove = _rewrite_block(field.stream_block, raw, target)
            if field_changed:
                setattr(instance, field.name, new_raw)
                changed = True
        elif isinstance(field, RichTextField):
            html = getattr(instance, field.name) or ""
            new_html = rewrite_rich_text(html, target)
            if new_html != html:
                setattr(instance, field.name, new_html)
                changed = True
        elif (
            isinstance(field, models.ForeignKey)
            and not isinstance(field, ParentalKey)
            and _is_target_model(field.related_model, target)
            and target.matches(getattr(instance, field.attname))
        ):
            if target.replacement is not None:
                setattr(instance, field.name, target.replacement)
            elif field.null:
                setattr(instance, field.name, None)
            else:
                raise ValueError(field.name)
            changed = True
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            manager = getattr(instance, relation.get_accessor_name())
            children = list(manager.all())
            kept = []
            relation_changed = False
            for child in children:
                try:
                    if rewrite(child, target):
                        relation_changed = True
                except ValueError:
                    # a required link on an inline item: the item goes with it
                    relation_changed = True
                    continue
                kept.append(child)
            if relation_changed:
                manager.set(kept)
                changed = True
    return changed


def _is_target_model(model, target):
    if target.kind == TrashKind.PAGE:
        return issubclass(model, Page)
    return issubclass(target.model, model) or issubclass(model, target.model)


def _rewrite_block(block, raw, target):
    """(new raw value, changed, remove) for one block's raw (JSON) value."""
    if isinstance(block, blocks.StreamBlock):
        items = list(raw or [])
        out, changed = [], False
        for item in items:
            child = block.child_blocks.get(item.get("type"))
            if child is None:
                out.append(item)
                continue
            value, item_changed, remove = _rewrite_block(child, item.get("value"), target)
            if remove:
                changed = True
                continue
            if item_changed:
                item = {**item, "value": value}
                changed = True
            out.append(item)
        return out, changed, False
    if isinstance(block, blocks.ListBlock):
        items = list(raw or [])
        out, changed = [], False
        for item in items:
            wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            value = item["value"] if wrapped else item
            value, item_changed, remove = _rewrite_block(block.child_block, value, target)
            if remove:
                changed = True
                continue
            if item_changed:
                item = {**item, "value": value} if wrapped else value
                changed = True
            out.append(item)
        return out, changed, False
    if isinstance(block, blocks.StructBlock):
        value = dict(raw or {})
        changed = False
        for name, child in block.child_blocks.items():
            new, child_changed, remove = _rewrite_block(child, value.get(name), target)
            if remove:
                if child.required:
                    return raw, True, True  # the whole struct (e.g. a file row) goes
                value[name] = None
                changed = True
            elif child_changed:
                value[name] = new
                changed = True
        return value, changed, False
    chooser = CHOOSER_BLOCKS[target.kind]
    if isinstance(block, chooser):
        if target.matches(raw):
            if target.replacement is not None:
                return target.replacement.pk, True, False
            return None, True, True
        return raw, False, False
    if isinstance(block, blocks.RichTextBlock):
        html = raw or ""
        new_html = rewrite_rich_text(html, target)
        return new_html, new_html != html, False
    return raw, False, False


def rewrite_rich_text(html, target):
    """Links to the target lose their link (the text stays); embedded images are removed;
    with a replacement, they point to it instead."""
    if not html:
        return html
    tag, type_attr, type_value = RICH_TEXT_TYPES[target.kind]
    opening = re.compile(rf"<{tag}\b[^>]*>", re.IGNORECASE)

    def attributes(element):
        return dict(
            (name.lower(), value)
            for name, value in re.findall(r'([\w-]+)="([^"]*)"', element, flags=re.DOTALL)
        )

    out, pos = [], 0
    for match in opening.finditer(html):
        if match.start() < pos:
            continue
        element = match.group(0)
        attrs = attributes(element)
        if attrs.get(type_attr) != type_value or not target.matches(attrs.get("id")):
            continue
        out.append(html[pos : match.start()])
        if target.replacement is not None:
            out.append(re.sub(r'\bid="[^"]*"', f'id="{target.replacement.pk}"', element, count=1))
            pos = match.end()
            continue
        if tag == "a":
            # drop the opening tag and its matching closing tag, keep the text between
            close = html.lower().find("</a>", match.end())
            if close == -1:
                pos = match.end()
                continue
            out.append(html[match.end() : close])
            pos = close + len("</a>")
        else:
            end = match.end()
            if html[end : end + len("</embed>")].lower() == "</embed>":
                end += len("</embed>")
            pos = end
    out.append(html[pos:])
    return "".join(out)
