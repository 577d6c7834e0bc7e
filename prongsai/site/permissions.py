"""Page permissions with the publishing rule of seed 001/004: an item waiting for the head's
approval cannot be published around the workflow, not even by a webmaster."""

from wagtail.models import PagePermissionTester


def awaiting_approval(page):
    from prongsai.publishing.models import ApprovalTask

    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        return False
    return isinstance(state.current_task_state.task.specific, ApprovalTask)


class AgencyPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return super().can_publish() and not awaiting_approval(self.page)
