"""Imports run one way between our apps (docs/architecture.md); `lint-imports` holds them."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")  # import-linter, in the test extras


def lint_imports(*args):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["id"] == "layers"]
    return layers


def apps_in_layers():
    return {app.strip() for layer in contract()["layers"] for app in layer.split("|")}


def test_no_import_runs_against_the_layers():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_an_import_against_the_layers_is_reported(tmp_path):
    # disclosures' pages stand on site's AgencyPage: with site put above, the check must fail.
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(
        '[tool.importlinter]\nroot_package = "prongsai"\n\n'
        '[[tool.importlinter.contracts]]\nname = "site above disclosures"\ntype = "layers"\n'
        'layers = ["prongsai.site", "prongsai.disclosures"]\n'
    )
    result = lint_imports("--config", str(wrong))
    assert result.returncode != 0
    assert "prongsai.disclosures is not allowed to import prongsai.site" in result.stdout


def test_every_app_of_ours_has_its_layer():
    from django.apps import apps

    # the package of each installed app (an AppConfig path such as
    # prongsai.agencies.users_app.AgencyUsersAppConfig stands for a Wagtail app we replace)
    ours = {
        config.module.__name__
        for config in apps.get_app_configs()
        if config.module.__name__.startswith("prongsai.")
    }
    assert ours == apps_in_layers()
