"""The `prongsai` command: Django's and Wagtail's management commands plus demo, serve, worker.

`demo` and `serve` need to know the mode and the data folder before Django reads its settings,
so those options are read here first and passed on as environment variables.
"""

import argparse
import os
import sys


def _early_options(argv):
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data-dir")
    known, _ = parser.parse_known_args(argv)
    return known


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    options = _early_options(argv[2:])
    if options.data_dir:
        os.environ["PRONGSAI_DATA_DIR"] = options.data_dir
    if command == "demo":
        os.environ["PRONGSAI_MODE"] = "demo"
    elif command == "serve":
        os.environ.setdefault("PRONGSAI_MODE", "production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
