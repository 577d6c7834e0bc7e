"""Page addresses from Thai titles. Django's slugify (and so Wagtail's default) drops Thai vowel
and tone marks and leaves a garbled address (แจ้งเตือน → แจงเตอน); we romanise instead."""

from django.utils.text import slugify


def readable_slug(parent, title, exclude_pk=None):
    """A Latin address from the Thai title (RTGS romanisation), unique under its parent."""
    from pythainlp.transliterate import romanize

    from prongsai.core.thaitext import words

    latin = " ".join(romanize(word, engine="royin") for word in words(title).split())
    base = slugify(latin)[:60].strip("-") or "item"
    if parent is None:
        return base
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    slug, number = base, 1
    while siblings.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
