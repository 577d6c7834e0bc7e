"""Who may decide what: the rules the workflow tasks enforce."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def is_own_item(obj, user):
    """An item is a person's own when they asked for it or drafted it."""
    if user is None or not user.is_authenticated:
        return False
    if getattr(obj, "owner_id", None) == user.pk:
        return True
    from prongsai.publishing.models import PublicationRequest

    if PublicationRequest.objects.filter(page_id=obj.pk, requester=user).exists():
        return True
    workflow_state = getattr(obj, "current_workflow_state", None)
    return bool(workflow_state and workflow_state.requested_by_id == user.pk)


def check_may_decide(task, obj, user, action_name, comment):
    from prongsai.publishing.models import ApprovalTask

    if not (user.is_superuser or task._user_in_groups(user)):
        raise PermissionDenied(_("Only the assigned group may decide at this step."))
    if isinstance(task, ApprovalTask) and is_own_item(obj, user):
        raise PermissionDenied(_("You cannot approve or refuse an item you asked for yourself."))
    if action_name == "reject" and not (comment or "").strip():
        raise ValidationError(_("Give the reason, so the requester knows what to change."))
