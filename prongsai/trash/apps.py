from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrashConfig(AppConfig):
    """Two-step deletion: the trash (restorable, still using storage) and the purge."""

    name = "prongsai.trash"
    label = "trash"
    verbose_name = _("Trash")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from prongsai.trash import jobs  # noqa: F401
