from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from notifications.services import BEFORE_SENDING

        from .services import answer_password_resets

        BEFORE_SENDING.append(answer_password_resets)  # send_outbox answers what a worker left
