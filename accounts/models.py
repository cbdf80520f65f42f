"""A "forgotten password" request, answered after the response (accounts.services)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordResetRequest(models.Model):
    """Written the same way for any address, so that the page's answer and its time tell nobody
    whether an account has that address; answered by the outbox's worker (a reset link, or a new
    invitation for an account whose password was never set). Also the count the throttle reads."""

    address = models.EmailField(_("address"))  # as typed, compared case-insensitively
    client = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("forgotten-password request")
        verbose_name_plural = _("forgotten-password requests")

    def __str__(self):
        return self.address
