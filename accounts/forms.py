"""A user's own page, and the forgotten-password form (the links themselves: accounts/links.py)."""
from axes.helpers import get_client_ip_address
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Preferences

from .services import request_password_reset


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


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, but the request is only written down here, the same way for any address
    (accounts.services.request_password_reset); the mail is composed and sent after the response."""

    def save(self, request=None, **kwargs):
        request_password_reset(address=self.cleaned_data["email"],
                               client=get_client_ip_address(request) if request is not None else None)
