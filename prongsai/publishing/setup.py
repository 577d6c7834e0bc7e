"""One publishing workflow per agency: the head approves, then a webmaster publishes."""

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from prongsai.agencies.models import AgencyRole, Role
from prongsai.publishing.models import ApprovalTask, PublishTask


@transaction.atomic
def ensure_publishing_workflow(site, agency_label):
    groups = {ar.role: ar.group for ar in AgencyRole.objects.filter(site=site)}
    name = f"ขั้นตอนการเผยแพร่ข้อมูล — {agency_label}"
    workflow, _created = Workflow.objects.get_or_create(name=name)
    approval = _task(ApprovalTask, f"ผู้อนุมัติรับรองข้อมูล — {agency_label}", groups[Role.APPROVER])
    publish = _task(PublishTask, f"ผู้ดูแลเว็บไซต์นำขึ้นเผยแพร่ — {agency_label}", groups[Role.WEBMASTER])
    for order, task in enumerate([approval, publish]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})
    return workflow


def _task(model, name, group):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name)
    task.groups.add(group)
    return task
