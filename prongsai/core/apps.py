from django.apps import AppConfig

_after_every_app = []


def when_every_app_is_ready(callback):
    """Run `callback` once every app's ready() has run, Wagtail's included: an app above core
    registers here (in its own ready()) what must undo or follow a library's ready(), e.g.
    publishing silencing Wagtail's English workflow e-mails that wagtail.admin connects."""
    _after_every_app.append(callback)
    return callback


class CoreConfig(AppConfig):
    """The runtime: web server, background worker and the scheduler of timed jobs."""

    name = "prongsai.core"
    label = "core"
    verbose_name = "Prongsai runtime"

    def ready(self):
        from prongsai.core import jobs  # noqa: F401  (registers the timed jobs)

        # Listed last in INSTALLED_APPS so this runs after wagtail.admin connected its e-mails.
        for callback in _after_every_app:
            callback()
