from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo agency: realistic Thai content and accounts, and the `prongsai demo` command."""

    name = "prongsai.demo"
    label = "demo"
    verbose_name = "Demo agency"
