"""A user's own page, and the password links (invitation, forgotten password) sent through the outbox."""
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from notifications.models import OutboxMessage, Preferences
from notifications.services import queue_mail


def send_password_reset(user):
    return queue_mail(kind=OutboxMessage.Kind.PASSWORD_RESET, user=user, template="password_reset",
                      context={"link": password_link(user)})


class AccountForm(forms.ModelForm):
    email = forms.EmailField(label=_("E-mail address"), required=False,
                             help_text=_("Notices are sent here. Leave empty to receive none."))

    class Meta:
        model = Preferences
        fields = ["language", "review_notices", "deadline_reminders", "daily_digest", "submission_notices"]
        widgets = {"language": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, instance=Preferences.of(user), **kwargs)
        self.user = user
        self.fields["email"].initial = user.email
        self.order_fields(["email", "language", "review_notices", "deadline_reminders", "daily_digest",
                           "submission_notices"])

    def save(self, commit=True):
        self.user.email = self.cleaned_data["email"]
        self.user.save(update_fields=["email"])
        return super().save(commit=commit)


def password_link(user):
    """The one-time link to set a password (Django's password-reset token: it stops working once the
    password is set, or after PASSWORD_RESET_TIMEOUT)."""
    return reverse("password_reset_confirm", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                                                    "token": default_token_generator.make_token(user)})


def send_invitation(user):
    return queue_mail(kind=OutboxMessage.Kind.INVITATION, user=user, template="invitation",
                      context={"link": password_link(user)})


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, but the request is only written down here, the same way for any address
    (accounts.services.request_password_reset); the mail is composed and sent after the response."""

    def save(self, request=None, **kwargs):
        from axes.helpers import get_client_ip_address

        from .services import request_password_reset

        request_password_reset(address=self.cleaned_data["email"],
                               client=get_client_ip_address(request) if request is not None else None)
