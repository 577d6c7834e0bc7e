"""Test factories for publication requests in each state (factory_boy).

The request record only, as the register and the dashboards read it; the decision fields are
filled the way the workflow fills them (PublicationRequest.mark_approved and friends):

    PublicationRequestFactory(site=agency.site, requester=user)            # waiting
    PublicationRequestFactory(site=agency.site, requester=user, approved=True, decided_by=boss)

Traits: returned, approved, scheduled, published, withdrawn.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from prongsai.agencies.factories import UserFactory
from prongsai.publishing.models import PUBLISH_TARGET_DAYS, PublicationRequest, RequestStatus


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def _publish_due(request):
    return request.decided_at + datetime.timedelta(days=PUBLISH_TARGET_DAYS)


class PublicationRequestFactory(DjangoModelFactory):
    class Meta:
        model = PublicationRequest

    site = None  # required: PublicationRequestFactory(site=agency.site, ...)
    title = factory.Sequence(lambda n: f"คำขอเผยแพร่ทดสอบ {n}")
    requester = factory.SubFactory(UserFactory)
    requester_name = factory.LazyAttribute(lambda r: _name(r.requester))
    submitted_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    status = RequestStatus.SUBMITTED

    class Params:
        decided = factory.Trait(
            decided_at=factory.LazyAttribute(lambda r: r.submitted_at + datetime.timedelta(days=1)),
            decided_by=factory.SubFactory(UserFactory),
            decided_by_name=factory.LazyAttribute(lambda r: _name(r.decided_by)),
        )
        returned = factory.Trait(
            decided=True, status=RequestStatus.RETURNED, decision_reason="ขอแก้ไขชื่อเรื่อง"
        )
        approved = factory.Trait(
            decided=True,
            status=RequestStatus.APPROVED,
            publish_due=factory.LazyAttribute(_publish_due),
        )
        scheduled = factory.Trait(
            approved=True,
            status=RequestStatus.SCHEDULED,
        )
        published = factory.Trait(
            approved=True,
            status=RequestStatus.PUBLISHED,
            published_at=factory.LazyAttribute(
                lambda r: r.decided_at + datetime.timedelta(hours=2)
            ),
            published_by=factory.SelfAttribute("decided_by"),
            published_by_name=factory.LazyAttribute(lambda r: _name(r.published_by)),
        )
        withdrawn = factory.Trait(status=RequestStatus.WITHDRAWN)
