"""Production refuses to start with the demo secret or with DEBUG."""

import os
import subprocess
import sys


def import_settings(**env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import prongsai.settings"],
        env=full_env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_demo_secret():
    from prongsai.settings import DEMO_SECRET_KEY

    result = import_settings(PRONGSAI_MODE="production", SECRET_KEY=DEMO_SECRET_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_missing_secret():
    result = import_settings(PRONGSAI_MODE="production")
    assert result.returncode != 0


def test_production_refuses_debug():
    result = import_settings(PRONGSAI_MODE="production", SECRET_KEY="x" * 50, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_starts_with_its_own_secret():
    result = import_settings(
        PRONGSAI_MODE="production",
        SECRET_KEY="a-real-secret-" + "x" * 40,
        ALLOWED_HOSTS="www.example.go.th",
    )
    assert result.returncode == 0, result.stderr
