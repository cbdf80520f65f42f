"""The password links (invitation, forgotten password), sent through the outbox."""
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.models import OutboxMessage
from notifications.services import queue_mail


def password_link(user):
    """The one-time link to set a password (Django's password-reset token: it stops working once the
    password is set, or after PASSWORD_RESET_TIMEOUT)."""
    return reverse("password_reset_confirm", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                                                    "token": default_token_generator.make_token(user)})


def send_invitation(user):
    return queue_mail(kind=OutboxMessage.Kind.INVITATION, user=user, template="invitation",
                      context={"link": password_link(user)})


def send_password_reset(user):
    return queue_mail(kind=OutboxMessage.Kind.PASSWORD_RESET, user=user, template="password_reset",
                      context={"link": password_link(user)})
