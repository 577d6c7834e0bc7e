"""Keep each request's record in step with the Wagtail workflow of its page, log every step,
and notify the people concerned."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, TaskState
from wagtail.signals import page_published, task_approved, task_rejected, workflow_submitted

from prongsai.core.clients import client_address
from prongsai.publishing import notices
from prongsai.publishing.models import (
    ApprovalTask,
    PublicationRequest,
    PublishTask,
    RequestStatus,
)


def _open_request(page):
    return (
        PublicationRequest.objects.filter(page_id=page.pk)
        .exclude(status__in=[RequestStatus.PUBLISHED, RequestStatus.WITHDRAWN])
        .order_by("-submitted_at")
        .first()
    )


@receiver(task_approved)
def on_task_approved(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    page = instance.workflow_state.content_object
    request_obj = _open_request(page)
    if request_obj is None:
        return
    if isinstance(task, ApprovalTask):
        request_obj.mark_approved(user, comment=instance.comment)
        request_obj.save()
        log(
            page,
            "prongsai.request.approve",
            user=user,
            data={"request": request_obj.reference, "comment": instance.comment},
        )
        transaction.on_commit(lambda: notices.request_approved(request_obj))
    elif isinstance(task, PublishTask):
        # Published at once: page_published has already closed the request. Scheduled for
        # the wanted date: remember who scheduled it for when the worker publishes it.
        request_obj.published_by = user
        request_obj.published_by_name = user.get_full_name() or user.get_username()
        if page.specific.go_live_at and page.specific.go_live_at > timezone.now():
            request_obj.status = RequestStatus.SCHEDULED
        request_obj.save()


@receiver(task_rejected)
def on_task_rejected(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    page = instance.workflow_state.content_object
    request_obj = _open_request(page)
    if request_obj is None:
        return
    request_obj.mark_returned(user, instance.comment)
    request_obj.save()
    log(
        page,
        "prongsai.request.return",
        user=user,
        data={"request": request_obj.reference, "reason": instance.comment},
    )
    by_webmaster = isinstance(task, PublishTask)
    transaction.on_commit(lambda: notices.request_returned(request_obj, by_webmaster))


@receiver(workflow_submitted)
def on_submitted(sender, instance, user=None, **kwargs):
    """A draft submitted from the page editor gets the same record as one sent with the form;
    a returned item sent again is waiting for approval again."""
    request_obj = _open_request(instance.content_object)
    if request_obj is None:
        from prongsai.publishing.requests import record_editor_submission

        request_obj = record_editor_submission(instance.content_object, user)
        if request_obj is not None:
            transaction.on_commit(lambda: notices.request_submitted(request_obj))
        return
    if request_obj.status != RequestStatus.RETURNED:
        return
    request_obj.status = RequestStatus.SUBMITTED
    request_obj.save(update_fields=["status"])
    transaction.on_commit(lambda: notices.request_submitted(request_obj))


@receiver(page_published)
def on_page_published(sender, instance, revision=None, **kwargs):
    request_obj = _open_request(instance)
    if request_obj is None or request_obj.status not in (
        RequestStatus.APPROVED,
        RequestStatus.SCHEDULED,
    ):
        return
    publisher = request_obj.published_by or _last_publisher(instance)
    if not instance.live:
        # Wagtail sends page_published when it schedules a future go-live, too.
        request_obj.status = RequestStatus.SCHEDULED
        request_obj.published_by = publisher
        request_obj.save()
        return
    request_obj.mark_published(publisher)
    request_obj.save()
    public_url = notices.public_url(instance)
    log(
        instance,
        "prongsai.request.publish",
        user=request_obj.published_by,
        data={"request": request_obj.reference, "url": public_url},
    )
    transaction.on_commit(lambda: notices.request_published(request_obj, public_url))


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log(user, "prongsai.login", user=user, data={"ip": _client_ip(request)})


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        log(user, "prongsai.logout", user=user, data={"ip": _client_ip(request)})


def _last_publisher(page):
    """The webmaster who approved the publishing step (the workflow publishes the page
    before Wagtail's task_approved signal is sent, so it is read from the task state)."""
    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .exclude(finished_by=None)
        .order_by("-finished_at")
        .select_related("finished_by")
        .first()
    )
    if state is not None and isinstance(state.task.specific, PublishTask):
        return state.finished_by
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk)
        .exclude(user=None)
        .order_by("-timestamp")
        .first()
    )
    return entry.user if entry else None


def _client_ip(request):
    return "" if request is None else client_address(request)


def silence_wagtail_workflow_emails():
    """Our Thai notifications (in the admin and by e-mail) replace Wagtail's English workflow
    e-mails, so people are not told everything twice."""
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

    task_submitted.disconnect(
        sender=TaskState, dispatch_uid="group_approval_task_submitted_email_notification"
    )
    workflow_submitted.disconnect(
        sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification"
    )
    workflow_rejected.disconnect(
        sender=WorkflowState, dispatch_uid="workflow_state_rejected_email_notification"
    )
    workflow_approved.disconnect(
        sender=WorkflowState, dispatch_uid="workflow_state_approved_email_notification"
    )
