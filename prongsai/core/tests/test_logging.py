"""A server error in production leaves its traceback in <data dir>/logs/prongsai.log."""

import logging.config

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

from prongsai.core.logs import LOG_FILE_BACKUPS, LOG_FILE_MAX_BYTES, logging_config


def broken_view(request):
    raise ZeroDivisionError("เลขศูนย์หาร")


urlpatterns = [path("broken/", broken_view)]


@pytest.fixture
def production_logging(tmp_path):
    logging.config.dictConfig(logging_config(tmp_path))
    yield tmp_path / "prongsai.log"
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_raises_writes_its_traceback_to_the_log_file(production_logging):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    for handler in logging.getLogger("django").handlers:
        handler.flush()
    written = production_logging.read_text(encoding="utf-8")
    assert "ERROR django.request" in written
    assert "Traceback (most recent call last)" in written
    assert "ZeroDivisionError: เลขศูนย์หาร" in written


def test_the_file_rotates_at_ten_megabytes_keeping_ten(tmp_path):
    file_handler = logging_config(tmp_path)["handlers"]["file"]
    assert file_handler["maxBytes"] == LOG_FILE_MAX_BYTES == 10 * 1024 * 1024
    assert file_handler["backupCount"] == LOG_FILE_BACKUPS == 10


def test_without_a_log_folder_errors_go_to_stderr_only(tmp_path):
    assert list(logging_config(None)["handlers"]) == ["console"]
