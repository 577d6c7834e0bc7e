import datetime

import pytest
from django.utils import timezone

from prongsai.compliance.models import Checklist, Scheme


@pytest.fixture
def demo_checklist(demo_site):
    """The demo agency's FY2569 OIT checklist (for the tests whose subject is the demo)."""
    return Checklist.objects.get(site=demo_site, catalog__scheme=Scheme.NACC_OIT, fiscal_year=2569)


@pytest.fixture
def checklist(agency):
    """A factory agency's checklist of the small catalog (T1–T4): T1 and T2 ready, each with a
    live Disclosure as evidence; T3 and T4 not started, T4 overdue and owned by a department;
    no check run yet (`checked` adds one)."""
    from prongsai.agencies.factories import DepartmentFactory
    from prongsai.compliance.factories import ChecklistFactory, EvidenceFactory
    from prongsai.compliance.models import EntryStatus

    checklist = ChecklistFactory(site=agency.site)
    for code in ("T1", "T2"):
        entry = checklist.entries.get(item__code=code)
        EvidenceFactory(entry=entry)
        entry.status = EntryStatus.READY
        entry.save()
    overdue = checklist.entries.get(item__code="T4")
    overdue.department = DepartmentFactory(site=agency.site, name="สำนักปลัด")
    overdue.due_date = timezone.localdate() - datetime.timedelta(days=3)
    overdue.save()
    return checklist


@pytest.fixture
def checked(checklist):
    """`checklist` after one check run, as the worker leaves it."""
    from prongsai.compliance.checks import run_checks

    run_checks(checklist)
    return checklist


@pytest.fixture
def people(agency):
    """The factory agency's people by role (made when first asked for), and a platform admin
    as `people["admin"]`."""
    from prongsai.agencies.factories import People

    return People(agency)


@pytest.fixture
def login(client, people):
    def do(role):
        client.force_login(people[role])
        return client

    return do
