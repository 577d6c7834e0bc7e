"""Page permissions with the publishing rule of seed 001/004: an item waiting for the head's
approval cannot be published around the workflow, not even by a webmaster. A page in the
trash (or below one) can be neither edited nor published until it is restored.

Whether a page waits for approval or lies in the trash is known to the apps above this one
(publishing, trash): they answer through the hooks `prongsai_page_awaits_approval` and
`prongsai_page_is_in_trash` (docs/architecture.md)."""

from functools import cached_property

from wagtail import hooks
from wagtail.models import PagePermissionTester


def _any_hook_says(hook_name, page):
    return any(answer(page) for answer in hooks.get_hooks(hook_name))


def awaiting_approval(page):
    return _any_hook_says("prongsai_page_awaits_approval", page)


class AgencyPagePermissionTester(PagePermissionTester):
    @cached_property
    def in_trash(self):
        return self.page.pk is not None and _any_hook_says("prongsai_page_is_in_trash", self.page)

    def can_edit(self):
        return super().can_edit() and not self.in_trash

    def can_publish(self):
        return super().can_publish() and not awaiting_approval(self.page) and not self.in_trash
