from django.utils.translation import gettext_lazy as _

from prongsai.site.models.base import AgencyPage


class SiteMapPage(AgencyPage):
    """แผนผังเว็บไซต์: every public page of the agency as a tree."""

    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("site map (HTML)")

    def tree(self):
        root = self.get_site().root_page
        pages = list(
            root.get_descendants(inclusive=True)
            .live()
            .public()
            .filter(depth__lte=root.depth + 3)
            .exclude(pk=self.pk)
            .specific()
            .order_by("path")
        )
        return _nest(pages, root.depth)


def _nest(pages, root_depth):
    """[(page, [children...])] from a path-ordered list; news items stay out (too many)."""
    from prongsai.site.models.news import NewsPage

    nodes, stack = [], []
    for page in pages:
        if isinstance(page, NewsPage):
            continue
        node = (page, [])
        while stack and stack[-1][0].depth >= page.depth:
            stack.pop()
        (stack[-1][1] if stack else nodes).append(node)
        stack.append(node)
    return nodes
