import pytest

from prongsai.compliance.models import Checklist, Scheme


@pytest.fixture
def checklist(demo_site):
    return Checklist.objects.get(site=demo_site, catalog__scheme=Scheme.NACC_OIT, fiscal_year=2569)


@pytest.fixture
def login(client):
    def do(username, password="prongsai-demo"):
        assert client.login(username=username, password=password)
        return client

    return do
