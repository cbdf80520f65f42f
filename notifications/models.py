"""Who gets which notices, and the outbox: every mail is a row written in the same transaction as
the change that causes it, sent after commit, retried with backoff until the mail server answers."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Preferences(models.Model):
    """A user's language for mail, and which notices they get."""

    class Language(models.TextChoices):
        THAI = "th", "ภาษาไทย"
        ENGLISH = "en", "English"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences",
                                verbose_name=_("user"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.THAI)
    review_notices = models.BooleanField(_("when a report of my district is returned or approved"), default=True)
    deadline_reminders = models.BooleanField(_("deadline reminders and overdue notices"), default=True)
    daily_digest = models.BooleanField(_("a daily digest of submitted reports (reviewers)"), default=True)
    submission_notices = models.BooleanField(_("each report as it is submitted (reviewers)"), default=True)

    class Meta:
        verbose_name = _("notice preferences")
        verbose_name_plural = _("notice preferences")

    def __str__(self):
        return str(self.user)

    @classmethod
    def of(cls, user):
        """The user's preferences (the defaults, unsaved, when they never changed them)."""
        try:
            return user.preferences
        except cls.DoesNotExist:
            return cls(user=user)


class OutboxMessage(models.Model):
    class Kind(models.TextChoices):
        RETURNED = "returned", _("report returned")
        APPROVED = "approved", _("report approved")
        SUBMITTED = "submitted", _("report submitted")
        DIGEST = "digest", _("daily digest")
        REMINDER = "reminder", _("deadline reminder")
        OVERDUE = "overdue", _("overdue notice")
        NOT_REPORTED = "not_reported", _("who has not reported")
        INVITATION = "invitation", _("invitation to set a password")
        PASSWORD_RESET = "password_reset", _("password reset")

    kind = models.CharField(pgettext_lazy("of a mail", "kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("recipient"))
    to = models.EmailField(_("address"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # A notice that must go once (a reminder per district, quarter and step): a second run finds it.
    dedupe_key = models.CharField(_("once-only key"), max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    # Set while one process sends the message, so that two servers never send it twice.
    claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")

    def __str__(self):
        return f"{self.to}: {self.subject}"
