from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from prongsai.accounts import second_factor


class Command(BaseCommand):
    help = "Remove a user's two-step verification (a lost phone): they set it up again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.remove(username)

    def remove(self, username):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(_("No account is named %(username)s.") % {"username": username})
        if not second_factor.remove(user):
            self.stdout.write(
                _("%(username)s has no two-step verification.") % {"username": username}
            )
            return
        log(user, "prongsai.second_factor_removed", user=None, data={"by": "command"})
        self.stdout.write(
            _(
                "Two-step verification of %(username)s was removed. "
                "They set it up again at their next sign-in."
            )
            % {"username": username}
        )
