from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the admin: lockout after wrong passwords, the audit of failed sign-ins,
    the second factor (TOTP and recovery codes) and the idle timeout of admin sessions."""

    name = "prongsai.accounts"
    label = "accounts"
    verbose_name = _("Sign-in security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from prongsai.accounts import signals  # noqa: F401  (connects the audit receivers)
