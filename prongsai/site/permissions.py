"""Page permissions with the publishing rule of seed 001/004: an item waiting for the head's
approval cannot be published around the workflow, not even by a webmaster. A page in the
trash (or below one) can be neither edited nor published until it is restored."""

from functools import cached_property

from wagtail.models import PagePermissionTester


def awaiting_approval(page):
    from prongsai.publishing.models import ApprovalTask

    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        return False
    return isinstance(state.current_task_state.task.specific, ApprovalTask)


class AgencyPagePermissionTester(PagePermissionTester):
    @cached_property
    def in_trash(self):
        from prongsai.trash.services import is_in_trash

        return self.page.pk is not None and is_in_trash(self.page)

    def can_edit(self):
        return super().can_edit() and not self.in_trash

    def can_publish(self):
        return super().can_publish() and not awaiting_approval(self.page) and not self.in_trash
